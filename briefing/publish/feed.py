"""The podcast feed, ``OUT/feed.xml``: RSS 2.0 with the iTunes and Podcasting 2.0 tags,
and each episode's chapters as Podlove Simple Chapters.

Written with ElementTree (a real XML serialiser: it escapes ``<`` and ``&``)
after removing the characters XML 1.0 cannot carry at all, so any title gives
valid XML. feedgen is not used: its podcast extension has no ``podcast:``
namespace and writes yes/no for ``itunes:explicit``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from ..files import atomic_path
from ..languages import published_language
from ..versions import __version__
from .chapters import MIME_TYPE as CHAPTERS_MIME
from .chapters import episode_chapters, normal_play_time
from .store import EpisodeEntry, Store

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
#: Podlove Simple Chapters: the chapters gPodder (podcastparser) and others read from the feed.
PSC = "http://podlove.org/simple-chapters"
PSC_VERSION = "1.2"
NAMESPACES = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM, "psc": PSC}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

FEED_NAME = "feed.xml"
COVER_NAME = "cover.png"
#: The episode page (written by ``publish.page``), which each item links to.
PAGE_NAME = "index.html"
#: Used in feed.xml when no base URL was ever given (what `briefing serve` uses by default).
DEFAULT_BASE_URL = "http://localhost:8000/"
#: The Podcasting 2.0 namespace's UUIDv5 namespace for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry: control characters and lone surrogates removed."""
    return _NOT_XML.sub("", text)


def normalize_base_url(base_url: str) -> str:
    """Check a base URL and end it with a slash (so files resolve under it)."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"base URL {base_url!r} must be an absolute http(s) URL such as "
            "https://example.org/briefing/"
        )
    return base_url if base_url.endswith("/") else base_url + "/"


def file_url(base_url: str, name: str) -> str:
    return urljoin(base_url, quote(name))


def _sub(
    parent: ET.Element, tag: str, value: str | None = None, attrs: dict[str, str] | None = None
) -> ET.Element:
    """A child element with text and attributes, cleaned for XML."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in (attrs or {}).items()})
    if value is not None:
        element.text = xml_text(value)
    return element


def _itunes(name: str) -> str:
    return f"{{{ITUNES}}}{name}"


def _podcast(name: str) -> str:
    return f"{{{PODCAST}}}{name}"


def rfc2822(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def _item(channel: ET.Element, entry: EpisodeEntry, store: Store, base_url: str) -> None:
    show = store.show
    item = _sub(channel, "item")
    _sub(item, "title", entry.title)
    _sub(item, _itunes("title"), entry.title)
    _sub(item, "description", entry.description)
    _sub(item, _itunes("summary"), entry.description)
    _sub(item, "enclosure", attrs={
        "url": file_url(base_url, entry.audio), "length": str(entry.bytes), "type": "audio/mpeg",
    })  # fmt: skip
    _sub(item, "link", episode_link(base_url, entry))
    _sub(item, "guid", entry.guid, {"isPermaLink": "false"})
    _sub(item, "pubDate", rfc2822(entry.published))
    _sub(item, _itunes("duration"), str(round(entry.duration_ms / 1000)))
    _sub(item, _itunes("episodeType"), "full")
    _sub(item, _itunes("explicit"), "true" if show.explicit else "false")
    language = show.language
    for name, mime in ((entry.vtt, "text/vtt"), (entry.srt, "application/x-subrip")):
        if name:
            _sub(item, _podcast("transcript"), attrs={
                "url": file_url(base_url, name), "type": mime, "language": language,
                "rel": "captions",
            })  # fmt: skip
    if entry.chapters:
        _sub(item, _podcast("chapters"), attrs={
            "url": file_url(base_url, entry.chapters), "type": CHAPTERS_MIME,
        })  # fmt: skip
    chapters = episode_chapters(
        entry.stories, entry.duration_ms, published_language(show.language).labels
    )
    if chapters:
        simple = _sub(item, f"{{{PSC}}}chapters", attrs={"version": PSC_VERSION})
        for chapter in chapters:
            start = normal_play_time(chapter.start_ms)
            _sub(simple, f"{{{PSC}}}chapter", attrs={"start": start, "title": chapter.title})


def episode_anchor(entry: EpisodeEntry) -> str:
    """The id of the episode's place on the episode page (``ep-DATE``)."""
    return f"ep-{entry.date.isoformat()}"


def episode_link(base_url: str, entry: EpisodeEntry) -> str:
    """The episode's web page: its place on the episode page beside the feed
    (``index.html#ep-DATE``)."""
    return f"{file_url(base_url, PAGE_NAME)}#{episode_anchor(entry)}"


def show_link(show_link: str, base_url: str) -> str:
    """The show's web page: its own link when that is an http(s) URL, else the base URL
    (a "javascript:" or "file:" link from a hostile config or store is never written)."""
    parts = urlsplit(show_link.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return show_link.strip()
    return base_url


def build_feed(store: Store, base_url: str, *, now: dt.datetime | None = None) -> bytes:
    """The RSS document for a store, with every URL under ``base_url``."""
    base_url = normalize_base_url(base_url)
    now = now or dt.datetime.now(dt.UTC)
    show = store.show
    link = show_link(show.link, base_url)
    feed_url = file_url(base_url, FEED_NAME)
    cover_url = file_url(base_url, COVER_NAME)

    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _sub(channel, "title", show.title)
    _sub(channel, "link", link)
    _sub(channel, "description", show.description)
    _sub(channel, "language", show.language)
    if show.copyright:
        _sub(channel, "copyright", show.copyright)
    _sub(channel, "generator", f"briefing {__version__}")
    _sub(channel, "lastBuildDate", rfc2822(now))
    _sub(channel, f"{{{ATOM}}}link",
         attrs={"href": feed_url, "rel": "self", "type": "application/rss+xml"})  # fmt: skip
    image = _sub(channel, "image")
    _sub(image, "url", cover_url)
    _sub(image, "title", show.title)
    _sub(image, "link", link)
    _sub(channel, _itunes("image"), attrs={"href": cover_url})
    category = _sub(channel, _itunes("category"), attrs={"text": show.category})
    if show.subcategory:
        _sub(category, _itunes("category"), attrs={"text": show.subcategory})
    _sub(channel, _itunes("explicit"), "true" if show.explicit else "false")
    _sub(channel, _itunes("author"), show.author)
    if show.email:
        owner = _sub(channel, _itunes("owner"))
        _sub(owner, _itunes("name"), show.owner or show.author)
        _sub(owner, _itunes("email"), show.email)
    _sub(channel, _itunes("summary"), show.description)
    _sub(channel, _itunes("type"), "episodic")
    feed_id = re.sub(r"^[a-z]+://", "", feed_url).rstrip("/")
    _sub(channel, _podcast("guid"), str(uuid.uuid5(PODCAST_GUID_NAMESPACE, feed_id)))
    if show.locked is not None:
        owner_email = {"owner": show.email} if show.email else {}
        _sub(channel, _podcast("locked"), "yes" if show.locked else "no", owner_email)
    for entry in store.episodes:
        _item(channel, entry, store, base_url)
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(out_dir: Path, store: Store, base_url: str) -> Path:
    """Write ``OUT/feed.xml`` atomically; return its path."""
    path = out_dir / FEED_NAME
    document = build_feed(store, base_url)
    with atomic_path(path) as tmp:
        tmp.write_bytes(document)
    return path
