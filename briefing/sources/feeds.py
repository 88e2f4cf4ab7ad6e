"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser, items as plain text."""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass

from ..errors import SourceError

log = logging.getLogger(__name__)

#: Below this many words an item's text is a teaser: its page is fetched for the full text.
TEASER_WORDS = 120
_TEASER_END = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading|more »)\s*$", re.I)
_NOT_FEED_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")
_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "tr",
)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, with its text as plain paragraphs."""

    title: str
    link: str
    published: dt.datetime | None
    text: str
    """Plain text, paragraphs separated by blank lines (the content, else the summary)."""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_teaser(self) -> bool:
        return self.words < TEASER_WORDS or bool(_TEASER_END.search(self.text))


def html_to_text(html: str) -> str:
    """Plain text from an HTML fragment: block elements become paragraphs."""
    if "<" not in html:
        return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", html) if p.strip())
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    for bad in root.xpath("//script|//style|//figure|//figcaption|//iframe"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _published(entry) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
    return None


def _entry_text(entry) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if entry.get("summary"):
        candidates.append(entry["summary"])
    texts = [html_to_text(c) for c in candidates]
    return max(texts, key=lambda t: len(t.split()), default="")


#: An entity declaration in a document type: ``<!DOCTYPE x [ <!ENTITY ...`` .
_DECLARES_ENTITY = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.IGNORECASE | re.DOTALL)
_PROLOG_BYTES = 65_536


def parse_feed(body: bytes, url: str, content_type: str = "") -> tuple[str, list[FeedItem]]:
    """The feed's title and items, newest first. Raises SourceError when the
    body is not a feed (wrong type of file, malformed XML, no items)."""
    import feedparser

    if content_type.startswith(_NOT_FEED_TYPES):
        raise SourceError(f"{url}: not a feed (the server sent {content_type})")
    if _DECLARES_ENTITY.search(body[:_PROLOG_BYTES]):
        # No real feed declares entities; "billion laughs" and external-entity
        # (XXE) attacks do. feedparser would not expand them, but would leave
        # "&name;" in the titles to be spoken: the feed is refused whole.
        raise SourceError(
            f"{url}: the feed declares XML entities (<!ENTITY>), as entity-expansion and "
            "external-entity attacks do; refused"
        )
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            problem = str(parsed.get("bozo_exception", "")).splitlines()[0][:150]
            raise SourceError(f"{url}: not a readable feed (malformed: {problem})")
        raise SourceError(f"{url}: the feed has no items")
    if parsed.bozo:
        log.info(
            "%s is not well-formed, read what could be read: %s", url, parsed.get("bozo_exception")
        )
    items = []
    for entry in parsed.entries:
        title = " ".join(html_to_text(entry.get("title", "")).split())
        link = entry.get("link", "")
        text = _entry_text(entry)
        if not title and not text:
            continue
        items.append(FeedItem(title, link, _published(entry), text))
    undated = dt.datetime.min.replace(tzinfo=dt.UTC)
    items.sort(key=lambda i: i.published or undated, reverse=True)
    return parsed.feed.get("title", "") or url, items


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """True for XML feeds, whatever the server called them; False for HTML pages."""
    if content_type in ("text/html", "application/xhtml+xml"):
        return False
    head = body[:2000].lstrip().lower()
    if content_type.endswith(("rss+xml", "atom+xml", "rdf+xml", "/xml")):
        return True
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
