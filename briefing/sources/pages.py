"""Web pages: the main text of an article page, extracted with trafilatura."""

from __future__ import annotations

import logging

from ..errors import SourceError

log = logging.getLogger(__name__)

#: An extraction with fewer words is not an article (a cookie wall, an index page...).
MIN_ARTICLE_WORDS = 40


def looks_like_html(body: bytes, content_type: str) -> bool:
    if content_type in ("text/html", "application/xhtml+xml"):
        return True
    head = body[:1000].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in body[:5000].lower()


def extract_article(body: bytes, url: str) -> tuple[str, str]:
    """(title, text) of the article on a page; text paragraphs separated by blank lines.

    Raises SourceError when the page holds no article text.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        body,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        deduplicate=True,
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise SourceError(f"{url}: no article text found on the page")
    title = (getattr(document, "title", None) or "").strip()
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return title, "\n\n".join(paragraphs)
