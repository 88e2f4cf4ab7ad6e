"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser, items as plain text."""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from html.entities import html5
from typing import Any

from ..errors import SourceError
from ..text import list_items_apart
from .charsets import as_utf8_xml, decode_document, markup_kind, split_content_type
from .language import declared_language
from .pages import drop_hidden

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
    language: str = ""
    """The language the feed declares (``<language>``, ``xml:lang``); "" for none."""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_teaser(self) -> bool:
        return self.words < TEASER_WORDS or bool(_TEASER_END.search(self.text))


#: What a feed's HTML embeds rather than says: its text is no article's (a caption, a
#: player's "your browser does not support video", an icon's title).
_EMBEDDED = "|".join(
    f"//{tag}"
    for tag in ("figure", "figcaption", "iframe", "object", "embed", "applet", "svg", "math",
                "audio", "video", "canvas")
)  # fmt: skip
#: Markup to take out when a fragment cannot be parsed: comments, scripts, styles, tags.
_TAGS = re.compile(r"(?is)<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>")


def html_to_text(html: str) -> str:
    """Plain text from an HTML fragment: block elements become paragraphs, character
    references are resolved, and what the fragment hides (``pages.is_hidden``: scripts
    and styles too) or embeds (figures, frames, media, objects) is left out. The
    fragment is the feed's own, unsanitised: hidden is decided on what it says."""
    if "<" not in html:
        text = list_items_apart(unescape(html))
        paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
        return "\n\n".join(p for p in paragraphs if p)
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _TAGS.sub(" ", html).strip()
    drop_hidden(root)
    for bad in root.xpath(_EMBEDDED):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    text = list_items_apart(root.text_content())
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _published(entry: Mapping[str, Any]) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
    return None


def _entry_text(entry: Mapping[str, Any]) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if entry.get("summary"):
        candidates.append(entry["summary"])
    texts = [html_to_text(c) for c in candidates]
    return max(texts, key=lambda t: len(t.split()), default="")


def _undefined_entities(body: bytes, url: str) -> re.Pattern[str] | None:
    """A pattern of the references to entities the document uses without defining
    them (HTML's own names aside, which feedparser resolves), or None when there
    are none. Raises SourceError when the document declares entities.

    The body is parsed as XML whatever its encoding (UTF-16 and others, with a byte
    order mark or a declaration), by a parser that expands no entity, loads no DTD,
    goes to no network, and reads on past errors (feedparser is as lenient).
    """
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        root = None  # not XML at all: feedparser says what it is
    if root is None:
        return None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(dtd.iterentities(), None) is not None:
        # No real feed declares entities; "billion laughs" and external-entity
        # (XXE) attacks do. Nothing is expanded, but "&name;" would be left in
        # the titles to be spoken: the feed is refused whole.
        raise SourceError(
            f"{url}: the feed declares XML entities (<!ENTITY>), as entity-expansion and "
            "external-entity attacks do; refused"
        )
    # (iter(etree.Entity) yields only entities; the stubs say elements.)
    used = {e.name for e in root.iter(etree.Entity) if isinstance(e, etree._Entity)}
    names = used - {n[:-1] for n in html5 if n[-1] == ";"}
    if not names:
        return None
    # Longest first, and whole names only: "&lol9;", or "&lol9" as feedparser leaves some.
    choices = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(f"&(?:{choices})(?:;|(?![\\w.:-]))")


def _without_references(text: str, references: re.Pattern[str] | None) -> str:
    """``text`` without references to entities that have no text, paragraph by paragraph."""
    if references is None or "&" not in text:
        return text
    paragraphs = (" ".join(references.sub(" ", p).split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def parse_feed(body: bytes, url: str, content_type: str = "") -> tuple[str, list[FeedItem]]:
    """The feed's title (as plain text, "" when it has none) and items, newest first.
    ``content_type`` is the HTTP header's value, its charset included. Raises
    SourceError when the body is not a feed (wrong type of file, malformed XML, no
    items), declares XML entities, or is not in the character set it declares (see
    ``charsets.decode_document``)."""
    import feedparser

    media, charset = split_content_type(content_type)
    if media.startswith(_NOT_FEED_TYPES):
        raise SourceError(f"{url}: not a feed (the server sent {media})")
    # Decoded here, once, by the rules of charsets (feedparser would read text/xml
    # without a charset as ASCII and guess only with chardet): feedparser gets UTF-8.
    body = as_utf8_xml(decode_document(body, url, charset))
    undefined = _undefined_entities(body, url)
    headers = {
        "content-location": url,
        "content-type": f"{media or 'application/xml'}; charset=utf-8",
    }
    # Not sanitised by feedparser: its sanitiser drops attributes that hide text
    # (aria-hidden) before html_to_text could see them. The HTML is never shown, only
    # made plain text by html_to_text, which leaves out what is hidden or no text.
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
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
    language = declared_language(parsed.feed.get("language", ""))
    for entry in parsed.entries:
        title = _without_references(
            " ".join(html_to_text(entry.get("title", "")).split()), undefined
        )
        link = entry.get("link", "")
        text = _without_references(_entry_text(entry), undefined)
        if title or text:
            items.append(FeedItem(title, link, _published(entry), text, language))
    empty = len(parsed.entries) - len(items)
    if not items:
        count = f"its {empty} items have" if empty > 1 else "its one item has"
        raise SourceError(f"{url}: {count} no title and no text")
    if empty:
        log.info("%s: %d items with no title and no text left out", url, empty)
    undated = dt.datetime.min.replace(tzinfo=dt.UTC)
    items.sort(key=lambda i: i.published or undated, reverse=True)
    title = " ".join(html_to_text(parsed.feed.get("title", "")).split())
    return _without_references(title, undefined), items


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """True for XML feeds, whatever the server called them (an RSS feed sent as
    ``text/html``, a UTF-16 one sent with no type); False for HTML pages, even one whose
    text mentions "<rss". The body's root element decides (``charsets.markup_kind``);
    the media type only when that is neither a feed's nor a page's."""
    kind = markup_kind(body)
    if kind:
        return kind == "feed"
    if content_type in ("text/html", "application/xhtml+xml"):
        return False
    return content_type.endswith(("rss+xml", "atom+xml", "rdf+xml", "/xml"))
