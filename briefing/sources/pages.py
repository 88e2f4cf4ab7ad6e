"""Web pages: the main text of an article page, extracted with trafilatura."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from ..errors import SourceError
from .charsets import (
    decode_document,
    markup_kind,
    split_content_type,
    without_xml_declaration,
)

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


def extract_article(body: bytes, url: str, content_type: str = "") -> tuple[str, str]:
    """(title, text) of the article on a page; text paragraphs separated by blank lines.
    ``content_type`` is the HTTP header's value, its charset included. What the page
    hides (see ``is_hidden``) is never part of it.

    Raises SourceError when the page holds no article text, or is not in the character
    set it declares (see ``charsets.decode_document``).
    """
    import trafilatura

    # Decoded here, by the page's own declarations (trafilatura reads no header and no
    # <meta charset>: it guesses); lxml refuses text that still declares an encoding.
    page = decode_document(body, url, split_content_type(content_type)[1], html=True)
    tree = trafilatura.load_html(without_xml_declaration(page))
    document = None
    if tree is not None:
        document = trafilatura.bare_extraction(
            drop_link_lines(keep_sentences_whole(drop_hidden(tree))),
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            # Not deduplicated: trafilatura counts paragraphs across every page this process
            # has read, so a page read a third time (a story in three feeds, a long-lived
            # process) lost its text; within one page a paragraph is rarely there thrice.
            deduplicate=False,
        )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise SourceError(f"{url}: no article text found on the page")
    title = (getattr(document, "title", None) or "").strip()
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return title, "\n\n".join(paragraphs)
