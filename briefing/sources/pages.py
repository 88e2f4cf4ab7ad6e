"""Web pages: the main text of an article page, extracted with trafilatura."""

from __future__ import annotations

import copy
import logging
import re
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import SourceError
from ..text import cut_at_word, normalize_whitespace, strip_site_suffix
from .charsets import (
    decode_document,
    markup_kind,
    split_content_type,
    without_xml_declaration,
)
from .language import declared_language

if TYPE_CHECKING:
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

#: An extraction with fewer words is not an article (a cookie wall, an index page...).
MIN_ARTICLE_WORDS = 40

#: Elements whose content is never shown as text: no one reads them on the page.
_UNSHOWN_TAGS = frozenset({"script", "style", "noscript", "template"})
#: CSS declarations (property, value) that hide an element.
_HIDING_STYLES = frozenset(
    {("display", "none"), ("visibility", "hidden"), ("visibility", "collapse")}
)
#: Classes that keep text for screen readers only, off the screen ("Skip to content",
#: "opens in a new window"), by the names of the common CSS frameworks.
_OFFSCREEN_CLASS = re.compile(
    r"(?i)(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-(?:text|only)|a11y-hidden|offscreen)"
    r"(?:\s|$)"
)
#: Blocks of running text: an inline element inside one is part of a sentence.
_RUNNING_TEXT = frozenset({"p", "blockquote"})
#: At most this many words in a link that is all there is of a paragraph (a headline).
MAX_LINK_LINE_WORDS = 25
#: A paragraph's own text before its link, when the paragraph is only a link line:
#: a label of up to three words and a colon ("MORE:", "READ MORE:", "Related:", "Watch:").
_LINK_LABEL = re.compile(r"^\W*(?:[^\W\d_][\w'’]*\W+){0,2}[^\W\d_][\w'’]*\s*:\W*$")


def style_hides(style: str) -> bool:
    """True when an inline ``style`` hides its element (``display: none !important``...)."""
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        value = value.partition("!")[0]  # "none !important" is "none"
        if (name.strip().lower(), value.strip().lower()) in _HIDING_STYLES:
            return True
    return False


def is_hidden(element: HtmlElement) -> bool:
    """True for an element a reader of the page never sees: ``hidden``,
    ``aria-hidden="true"``, a hiding inline style, a screen-reader-only class
    (``sr-only``, ``visually-hidden``...), ``<noscript>``, ``<template>``..."""
    tag = element.tag
    if not isinstance(tag, str):  # a comment or a processing instruction
        return False
    attributes = element.attrib
    return (
        tag.lower() in _UNSHOWN_TAGS
        or "hidden" in attributes
        or attributes.get("aria-hidden", "").strip().lower() == "true"
        or (tag.lower() == "input" and attributes.get("type", "").strip().lower() == "hidden")
        or style_hides(attributes.get("style", ""))
        or bool(_OFFSCREEN_CLASS.search(attributes.get("class", "")))
    )


def drop_hidden(root: HtmlElement) -> HtmlElement:
    """Remove from ``root`` (in place) every element a reader never sees, with its
    content; the text after it stays. Returns ``root``."""
    for element in [e for e in root.iterdescendants() if is_hidden(e)]:
        element.drop_tree()
    return root


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def keep_sentences_whole(root: HtmlElement) -> HtmlElement:
    """Unwrap (in place) every ``<span>`` inside a paragraph's running text, keeping its
    text: trafilatura drops elements by their class ("link", "author", "timestamp",
    "meta", "bar"...), and a span so named inside a sentence left a hole in it
    ("...especially high for ."). A span that is a paragraph's whole text stays, for
    trafilatura to judge. Returns ``root``."""
    for span in list(root.iter("span")):
        block = next((a for a in span.iterancestors() if a.tag in _RUNNING_TEXT), None)
        if block is not None and _letters(block.text_content()) > _letters(span.text_content()):
            span.drop_tag()
    return root


def is_link_line(paragraph: HtmlElement) -> bool:
    """True for a paragraph that is only a link to another page, alone ("<a>Headline</a>")
    or after a label ("MORE: <a>...</a>", "READ MORE:", "Related:", "Watch:"), which
    trafilatura keeps as text; a link inside a sentence is text."""
    links = [a.text_content() for a in paragraph.findall(".//a")]
    if not any(map(_letters, links)):
        return False
    text = paragraph.text_content()
    before = text[: text.find(links[0])]
    own = text
    for link in links:
        own = own.replace(link, " ", 1)
    if not _letters(own):
        return len(" ".join(links).split()) <= MAX_LINK_LINE_WORDS
    # The label is all the paragraph says besides its links, and it comes first.
    return bool(_LINK_LABEL.match(before)) and _letters(before) == _letters(own)


def drop_link_lines(root: HtmlElement) -> HtmlElement:
    """Remove (in place) every paragraph that is a link line (see ``is_link_line``)."""
    for paragraph in [p for p in root.iter("p") if is_link_line(p)]:
        paragraph.drop_tree()
    return root


def looks_like_html(body: bytes, content_type: str) -> bool:
    """True for a web page: its root element is a page's (``charsets.markup_kind``), or
    it is sent as HTML, or has a ``<body``, and its root is not a feed's."""
    kind = markup_kind(body)
    if kind:
        return kind == "page"
    return content_type in ("text/html", "application/xhtml+xml") or b"<body" in body[:5000].lower()


XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class Page:
    """The article on a web page, and who published it."""

    title: str
    """The headline, without the site's name after it ("... | Coastline Post")."""
    text: str
    """The article's text, paragraphs separated by blank lines."""
    site_name: str = ""
    """What the site calls itself (``og:site_name``, else ``application-name``); "" when
    the page does not say."""
    language: str = ""
    """The language the page declares (``<html lang>``); "" for none."""


#: A site's name is read in at most this many characters.
MAX_SITE_NAME = 100
#: The <meta> that name the site, in the order they count.
_SITE_NAME_META = ("og:site_name", "application-name")


def site_name_of(root: HtmlElement) -> str:
    """What a page calls its site: its ``og:site_name``, else its ``application-name``
    (""). trafilatura's ``sitename`` is not used: without these it falls back to a
    Twitter handle title-cased ("@latimes": "Latimes"), a publisher's Facebook address
    or the host, none of which is a name to say."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = normalize_whitespace(meta.get("content") or "")
        if key in _SITE_NAME_META and content and key not in found:
            found[key] = content
    name = next((found[key] for key in _SITE_NAME_META if key in found), "")
    return cut_at_word(name, MAX_SITE_NAME)


def _shown_words(element: HtmlElement) -> int:
    """Words of an element's own text and of its children that are shown (a rough count:
    what a shown child hides inside it counts too)."""
    count = len((element.text or "").split())
    for child in element:
        if not is_hidden(child):
            count += len(child.text_content().split())
        count += len((child.tail or "").split())
    return count


def show_noscript_articles(root: HtmlElement) -> HtmlElement:
    """Unwrap (in place) every ``<noscript>`` that holds an article, keeping its content:
    one with at least MIN_ARTICLE_WORDS words, beside nothing shown that says as much
    (Blogger's post body: a script renders it, and the ``<noscript>`` holds it for readers
    without JavaScript). A ``<noscript>`` of a tracking pixel, an advert's frame or "Please
    enable JavaScript" stays, for ``drop_hidden`` to drop; what the article hides
    inside it is dropped as anywhere else. Returns ``root``."""
    for noscript in list(root.iter("noscript")):
        words = len(noscript.text_content().split())
        parent = noscript.getparent()
        if words < MIN_ARTICLE_WORDS or parent is None:
            continue
        if _shown_words(parent) < words:
            noscript.drop_tag()
    return root


def _extraction(tree: HtmlElement, url: str, precise: bool) -> tuple[Any, str]:
    """trafilatura's document of a prepared tree, and its text ("" for none)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        favor_precision=precise,
        include_comments=False,
        include_tables=False,
        # Not deduplicated: trafilatura counts paragraphs across every page this process
        # has read, so a page read a third time (a story in three feeds, a long-lived
        # process) lost its text; within one page a paragraph is rarely there thrice.
        deduplicate=False,
    )
    return document, (getattr(document, "text", None) or "").strip()


def extract_page(body: bytes, url: str, content_type: str = "") -> Page:
    """The article on a page: its title, text and site name (see ``Page``).
    ``content_type`` is the HTTP header's value, its charset included. What the page
    hides (see ``is_hidden``) is never part of it, but an article held in a
    ``<noscript>`` is (see ``show_noscript_articles``).

    trafilatura reads the page favouring precision (less of the page's furniture); when
    that leaves less than MIN_ARTICLE_WORDS words, its default reading is tried before
    the page is given up (favouring precision drops every block whose class has "bar",
    "expand", "meta", "embed"... in it, or that has a border, and with them a whole
    article on some pages).

    Raises SourceError when the page holds no article text, or is not in the character
    set it declares (see ``charsets.decode_document``).
    """
    import trafilatura

    # Decoded here, by the page's own declarations (trafilatura reads no header and no
    # <meta charset>: it guesses); lxml refuses text that still declares an encoding.
    page = decode_document(body, url, split_content_type(content_type)[1], html=True)
    tree = trafilatura.load_html(without_xml_declaration(page))
    if tree is None:
        raise SourceError(f"{url}: no article text found on the page")
    site = site_name_of(tree)
    prepared = drop_link_lines(keep_sentences_whole(drop_hidden(show_noscript_articles(tree))))
    document, text = _extraction(copy.deepcopy(prepared), url, precise=True)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        default, more = _extraction(prepared, url, precise=False)
        if len(more.split()) > len(text.split()):
            log.info("%s: read without favouring precision (%d words, not %d)", url,
                     len(more.split()), len(text.split()))  # fmt: skip
            document, text = default, more
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise SourceError(f"{url}: no article text found on the page")
    host = urllib.parse.urlsplit(url).hostname or ""
    title = strip_site_suffix((getattr(document, "title", None) or "").strip(), (site, host))
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    language = declared_language(tree.get("lang") or tree.get(f"{{{XML_NS}}}lang"))
    return Page(title, "\n\n".join(paragraphs), site, language)


def extract_article(body: bytes, url: str, content_type: str = "") -> tuple[str, str]:
    """(title, text) of the article on a page (see ``extract_page``)."""
    page = extract_page(body, url, content_type)
    return page.title, page.text
