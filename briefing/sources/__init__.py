"""Sources: articles from files, folders, stdin, RSS/Atom feeds and web pages.

``collect`` reads every source the run names; one that fails (a dead, slow,
huge or malformed feed, a missing file) is skipped with a warning naming it
and the reason, and never stops the others.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import urllib.parse
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import SourceError
from ..models import Article, Progress, Skipped, SourceConfig
from ..options import DEFAULT_SINCE
from ..text import clean_headline, cut_at_word, normalize_whitespace, strip_site_suffix
from .charsets import misdecoded
from .feeds import FeedItem, looks_like_feed, parse_feed
from .files import (
    STDIN,
    decode_text,
    headline_from,
    iter_articles,
    load_articles,
    parse_article,
    read_article,
    read_stream,
    sample_sources,
    show_file_paths,
    strip_source_prefix,
)
from .pages import MAX_SITE_NAME, extract_page, looks_like_html

if TYPE_CHECKING:
    from .http import FetchPolicy, HttpClient

log = logging.getLogger(__name__)


def __getattr__(name: str) -> Any:
    # The HTTP client is imported on first use: reading files needs none of it.
    if name in ("FetchPolicy", "HttpClient"):
        from . import http

        return getattr(http, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Parallel downloads at most (feeds, then the pages of teaser items).
MAX_WORKERS = 4

__all__ = [
    "STDIN",
    "FetchPolicy",
    "HttpClient",
    "Skipped",
    "collect",
    "decode_text",
    "iter_articles",
    "load_articles",
    "parse_article",
    "read_article",
    "read_stream",
    "sample_sources",
]


_Found = tuple[list[Article], list[Skipped]]
"""A source's articles, and what of it was skipped."""


class _Tally:
    """The downloads of a run, counted for a ``Progress`` callback (called one at a time,
    from whichever thread): the URL sources' at first, then the pages of teaser items
    as each feed is read, so the total grows before its feed is done."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self._lock = threading.Lock()
        self.done = 0
        self.total = total

    def more(self, count: int) -> None:
        with self._lock:
            self.total += count

    def started(self, url: str) -> None:
        with self._lock:
            if self._progress is not None:
                self._progress(self.done, self.total, url)

    def finished(self, url: str) -> None:
        with self._lock:
            self.done += 1
            if self._progress is not None:
                self._progress(self.done, self.total, url)


#: Feed titles that name no one ("From RSS." says nothing): a feed so titled is named
#: by its host, or not at all (see ``script.spoken_origin``).
GENERIC_TITLES = frozenset(
    {"rss", "rss feed", "atom", "atom feed", "feed", "news", "latest", "latest news", "home",
     "untitled", "blog", "posts", "all posts", "top stories", "headlines"}
)  # fmt: skip


def own_name(name: str) -> str:
    """What a feed or page calls itself (its title, its ``og:site_name``), tidied to say
    as a source's name: single spaces, at most MAX_SITE_NAME characters; "" for a
    generic title (``GENERIC_TITLES``)."""
    name = cut_at_word(normalize_whitespace(name), MAX_SITE_NAME)
    return "" if name.casefold().strip(" .:") in GENERIC_TITLES else name


def _tagged(article: Article, source: SourceConfig, name: str = "", **changes: Any) -> Article:
    """An article with its source's ranking weight and name: the name the config gives
    it, else the one the source gives itself (``name``: a feed's title, a page's site
    name), else its location (a URL, said by its site; a path, never said)."""
    origin = source.name or own_name(name) or source.location
    return replace(article, origin=origin, weight=source.weight, **changes)


#: Heads a body that came without a headline while it is cleaned (see _article_from_text).
_STAND_IN = "Untitled"


def _article_from_text(title: str, text: str, where: str) -> Article:
    """Clean a title and plain text exactly as an article file is cleaned; with no title
    (or one of no words, such as a bare URL) the headline is the body's first sentence.
    Raises SourceError for text that is not right to speak (see ``misdecoded``)."""
    if clean_headline(title):
        article = parse_article(f"{title}\n\n{text}", where)  # mojibake it can undo, undone
    elif not text.strip():
        raise SourceError(f"{where}: no headline and no text")
    else:
        article = parse_article(f"{_STAND_IN}\n\n{text}", where)
        article = replace(article, title=headline_from(article.paragraphs[0]))
        log.info("%s: no headline; made one from the first sentence", where)
    if problem := misdecoded(f"{article.title}\n\n{article.text}"):
        raise SourceError(f"{where}: {problem}; left out")
    return article


class _Collector:
    def __init__(
        self,
        client: HttpClient | None,
        since: dt.timedelta | None,
        now: dt.datetime,
        tally: _Tally | None = None,
    ):
        self._client = client
        self.since = since
        self.now = now
        self.tally = tally or _Tally(None, 0)

    @property
    def client(self) -> HttpClient:
        if self._client is None:
            from .http import HttpClient

            self._client = HttpClient()
        return self._client

    # -- files -------------------------------------------------------------------

    def from_path(self, source: SourceConfig, stdin: BinaryIO | None) -> _Found:
        articles: list[Article] = []
        skipped: list[Skipped] = []
        paths = [source.location]
        if source.show_file is not None:
            paths, skipped = show_file_paths(source.location, source.show_file)
        for item in iter_articles(paths, stdin=stdin):
            if isinstance(item, Skipped):
                skipped.append(item)
            elif len(articles) < source.max_items:
                articles.append(_tagged(item, source))
        return articles, skipped

    # -- the web -----------------------------------------------------------------

    def from_url(self, source: SourceConfig) -> _Found:
        url = source.location
        response = self.client.get(
            url, accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            "text/html;q=0.8, */*;q=0.5", untrusted=source.show_file is not None,
        )  # fmt: skip
        header = response.headers.get("content-type", "")  # its charset too
        if looks_like_feed(response.body, response.content_type):
            return self._from_feed(source, response.body, header)
        if looks_like_html(response.body, response.content_type):
            page = extract_page(response.body, url, header)
            article = _article_from_text(page.title or url, page.text, url)
            return [_tagged(article, source, page.site_name, language=page.language)], []
        kind = response.content_type or "no content type"
        raise SourceError(f"{url}: neither a feed nor a web page (the server sent {kind})")

    def _from_feed(self, source: SourceConfig, body: bytes, content_type: str) -> _Found:
        title, items = parse_feed(body, source.location, content_type)
        if self.since is not None:
            oldest = self.now - self.since
            recent = [i for i in items if i.published is None or i.published >= oldest]
            if len(recent) < len(items):
                log.info("%s: %d items older than %s left out", source.label,
                         len(items) - len(recent), self.since)  # fmt: skip
            items = recent
        if not items:
            raise SourceError(f"{source.location}: no items within the last {_span(self.since)}")
        items = items[: source.max_items]
        self.tally.more(sum(1 for item in items if item.is_teaser and item.link))
        with ThreadPoolExecutor(MAX_WORKERS) as pool:
            results = list(pool.map(lambda item: self._item_article(source, title, item), items))
        articles = [a for a in results if isinstance(a, Article)]
        skipped = [s for s in results if isinstance(s, Skipped)]
        return articles, skipped

    def _item_article(
        self, source: SourceConfig, feed_title: str, item: FeedItem
    ) -> Article | Skipped:
        where = item.link or source.location
        text, page_title, unread = item.text, "", _Unread()
        if item.is_teaser and item.link:
            text, page_title, unread = self._completed(item)
        # "Headline - Feed Name": the feed's (or site's) name after an item's title goes.
        names = (source.name, feed_title, urllib.parse.urlsplit(where).hostname or "")
        headline = strip_site_suffix(item.title, names) or page_title
        try:
            article = _article_from_text(headline, text, where)
        except SourceError as exc:
            named = item.title or item.link  # the feed's URL is the label already, or its name
            label = f"{source.label}: {named}" if named else source.label
            return Skipped(label, unread.and_then(strip_source_prefix(str(exc), where), item))
        if unread.refused:  # said here, once: a refused page whose item is skipped is
            # said in its Skipped line instead
            log.warning("%s: not fetched: %s; using the feed's summary", item.link, unread.why)
        return _tagged(
            article, source, feed_title, published=item.published, language=item.language
        )

    def _completed(self, item: FeedItem) -> tuple[str, str, _Unread]:
        """A teaser's text, from its page when the page has more, the page's title
        ("" when the page could not be read), and why the page was not read."""
        from .http import AddressRefused

        self.tally.started(item.link)
        try:
            # A link the feed chose, not the user: it may only lead to public addresses.
            response = self.client.get(item.link, accept="text/html,*/*;q=0.8", untrusted=True)
            page = extract_page(response.body, item.link, response.headers.get("content-type", ""))
            title, full = page.title, page.text
        except AddressRefused as exc:
            return item.text, "", _Unread(strip_source_prefix(str(exc), item.link), True)
        except SourceError as exc:
            why = strip_source_prefix(str(exc), item.link)
            log.info("full text of %s not available (%s); using the feed's summary",
                     item.link, why)  # fmt: skip
            return item.text, "", _Unread(why)
        finally:
            self.tally.finished(item.link)
        if problem := misdecoded(f"{title}\n\n{full}"):
            log.info("%s: %s; using the feed's summary", item.link, problem)
            return item.text, "", _Unread(problem)
        return (full if len(full.split()) > item.words else item.text), title, _Unread()


@dataclass(frozen=True)
class _Unread:
    """Why a teaser's page was not read ("": it was, or was not needed)."""

    why: str = ""
    refused: bool = False
    """Its address was refused (said as a warning, where other reasons are details)."""

    def and_then(self, problem: str, item: FeedItem) -> str:
        """Why a teaser gave no story: its page's reason first when the feed has no
        text of its own, or when the page was refused (``problem`` alone otherwise)."""
        if self.why and not item.text.strip():
            return f"its page was not read: {self.why}; the feed has no text of its own"
        if self.refused:
            return f"its page was not read: {self.why}; the feed's own text: {problem}"
        return problem


def _span(since: dt.timedelta | None) -> str:
    if since is None:
        return "any time"
    hours = since.total_seconds() / 3600
    return f"{hours:g} hours" if hours < 48 else f"{hours / 24:g} days"


def collect(
    sources: Sequence[SourceConfig],
    *,
    since: dt.timedelta | None = DEFAULT_SINCE,
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read every source, in order; return the articles and what was skipped (each logged).

    Feeds are filtered to items published within ``since`` of ``now`` (items
    without a date are kept) and to each source's ``max_items``. A teaser item
    is completed from its page when the page has more text. ``progress`` is called
    as each download (a URL source, a teaser's page) starts and ends.
    """
    tally = _Tally(progress, sum(1 for source in sources if source.is_url))
    collector = _Collector(client, since, now or dt.datetime.now(dt.UTC), tally)
    try:
        return _collect(collector, sources, stdin)
    finally:
        if client is None and collector._client is not None:
            collector._client.close()


def _collect(
    collector: _Collector, sources: Sequence[SourceConfig], stdin: BinaryIO | None
) -> tuple[list[Article], list[Skipped]]:

    def read(source: SourceConfig) -> _Found:
        try:
            if source.is_url:
                collector.tally.started(source.location)
                try:
                    return collector.from_url(source)
                finally:
                    collector.tally.finished(source.location)
            return collector.from_path(source, stdin)
        except SourceError as exc:
            return [], [Skipped(source.label, _why_skipped(source, exc))]

    web = [s for s in sources if s.is_url]
    with ThreadPoolExecutor(min(MAX_WORKERS, max(1, len(web)))) as pool:
        fetched = dict(zip(map(id, web), pool.map(read, web), strict=True))
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for source in sources:
        found, missed = fetched[id(source)] if source.is_url else read(source)
        articles.extend(found)
        skipped.extend(missed)
    return articles, skipped  # the caller says what was skipped (once, with the outcome)


def _why_skipped(source: SourceConfig, exc: SourceError) -> str:
    """Why a source gave nothing, said for where it was named: an address refused to
    a source of a show file is refused by the rule for show files."""
    from .http import AddressRefused

    if source.show_file is None or not isinstance(exc, AddressRefused):
        return strip_source_prefix(str(exc), source.location)
    redirect = f"redirected to {exc.redirect}: " if exc.redirect else ""
    return (
        f"not fetched: {redirect}{exc.refusal}, and the sources of show files may only lead "
        "to public addresses (the batch's own [fetch] allow_networks lets them reach others)"
    )


def as_source(value: str | Path | SourceConfig) -> SourceConfig:
    """A command-line source (path, folder, '-' or URL) as a SourceConfig."""
    if isinstance(value, SourceConfig):
        return value
    return SourceConfig(location=str(value), max_items=100)


def gather_articles(
    sources: Sequence[str | Path | SourceConfig],
    *,
    since: dt.timedelta | None = DEFAULT_SINCE,
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read the sources (the bundled sample articles when there are none): the
    articles, and the sources or items skipped with why. ``progress``: see ``collect``."""
    specs = [as_source(s) for s in sources]
    if not specs:
        specs = [as_source(p) for p in sample_sources()]
        log.info("no sources given: using the %d bundled sample articles", len(specs))
    now = now or dt.datetime.now(dt.UTC)
    return collect(specs, since=since, now=now, client=client, stdin=stdin, progress=progress)


def warn_skipped(skipped: Sequence[Skipped]) -> None:
    """A warning for each source or article left out (when the briefing goes on
    without them; when nothing is left, the error names them instead)."""
    for item in skipped:
        log.warning("skipping %s", item)
