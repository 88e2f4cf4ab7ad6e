"""Web pages: the main text of an article page, extracted with trafilatura."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..errors import SourceError
from .charsets import decode_document, split_content_type, without_xml_declaration

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
    ``aria-hidden="true"``, a hiding inline style, ``<noscript>``, ``<template>``..."""
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
    )


def drop_hidden(root: HtmlElement) -> HtmlElement:
    """Remove from ``root`` (in place) every element a reader never sees, with its
    content; the text after it stays. Returns ``root``."""
    for element in [e for e in root.iterdescendants() if is_hidden(e)]:
        element.drop_tree()
    return root


def looks_like_html(body: bytes, content_type: str) -> bool:
    if content_type in ("text/html", "application/xhtml+xml"):
        return True
    head = body[:1000].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in body[:5000].lower()


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
            drop_hidden(tree),
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
