"""Publishing: the episode store, the podcast feed, the cover and the Alexa briefing.

Everything here works from finished episodes on disk, and a publish is one
``files.transaction``: every file it rewrites lands together, or none does.
An episode's own files (the MP3, script, transcripts and chapters) are written
by ``publish.episode.write_episode``, in the same transaction as the feed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import BriefingError, OutputError
from ..files import after_commit, folder_lock, plain_words, transaction
from ..models import Episode, Show
from .store import EpisodeEntry, Store, entry_for, load_store, remove_files, save_store

# The writers (feed, page, cover, flash) are imported when something is
# published: finding that an episode is up to date reads only the store.

log = logging.getLogger(__name__)

__all__ = ["Published", "publish_episode", "rebuild"]


@dataclass(frozen=True)
class Published:
    """What a publish step wrote."""

    feed_path: Path
    base_url: str
    episodes: int
    removed: tuple[str, ...] = ()
    """Dates of the episodes removed by ``keep``."""


def _check_base_url(base_url: str | None) -> str | None:
    if base_url is None:
        return None
    from .feed import normalize_base_url

    try:
        return normalize_base_url(base_url)
    except ValueError as exc:
        raise BriefingError(str(exc)) from None


def rebuild(
    out_dir: Path,
    *,
    base_url: str | None = None,
    keep: int | None = None,
    show: Show | None = None,
    title: str | None = None,
    store: Store | None = None,
    wait_s: float = 300.0,
) -> Published:
    """Rewrite feed.xml, flash-briefing.json, index.html and cover.png from the store.

    ``base_url`` (remembered in the store once given) prefixes every URL;
    without one ever given, the feed points at ``briefing serve``'s default
    address. ``keep`` removes all but the newest N episodes and their files.
    ``show`` replaces the show's details kept in the store; ``title`` renames it.
    One run at a time writes in a folder (``files.folder_lock``; ``wait_s``).
    The files are written together (``files.transaction``): on a full disk or any
    other failure, none of them changes.
    """
    base_url = _check_base_url(base_url)
    if store is None and not out_dir.is_dir():
        raise OutputError(
            f"{out_dir}: no such folder; make an episode there first with "
            f"`briefing generate --out {out_dir}`"
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        words, advice = plain_words(exc)
        message = f"{out_dir}: cannot create the output folder: {words}; {advice}"
        raise OutputError(message) from None
    with folder_lock(out_dir, wait_s), transaction(out_dir, "the feed"):
        return _rebuild(out_dir, base_url, keep, show, title, store or load_store(out_dir))


def _rebuild(
    out_dir: Path,
    base_url: str | None,
    keep: int | None,
    show: Show | None,
    title: str | None,
    store: Store,
) -> Published:
    from .cover import write_cover
    from .feed import COVER_NAME, DEFAULT_BASE_URL, write_feed
    from .flash import write_flash
    from .page import write_page

    previous_show = store.show
    if show is not None:
        store = replace(store, show=show)
    if title:
        store = replace(store, show=replace(store.show, title=title))
    if base_url is not None:
        store = replace(store, base_url=base_url)
    removed: tuple[EpisodeEntry, ...] = ()
    if keep is not None:
        store, removed = store.keep(keep)
    effective = store.base_url or DEFAULT_BASE_URL
    if store.base_url is None:
        log.info("no base URL given: feed.xml points at %s (use --base-url)", effective)
    out_dir.mkdir(parents=True, exist_ok=True)
    cover = out_dir / COVER_NAME
    if store.show.cover is not None or not cover.exists() or store.show != previous_show:
        write_cover(out_dir, store.show.title, store.show.cover)
    save_store(out_dir, store)
    feed_path = write_feed(out_dir, store, effective)
    write_flash(out_dir, store, effective)
    write_page(out_dir, store)
    # Files go once the feed no longer names them: never a dead link.
    after_commit(lambda: remove_files(out_dir, removed))
    return Published(feed_path, effective, len(store.episodes), tuple(str(e.date) for e in removed))


def publish_episode(
    out_dir: Path,
    episode: Episode,
    show: Show,
    *,
    base_url: str | None = None,
    keep: int | None = None,
    now: dt.datetime | None = None,
) -> Published:
    """Record a finished episode in the store and rebuild the feed."""
    base_url = _check_base_url(base_url)
    with folder_lock(out_dir):
        store = load_store(out_dir)
        store = store.upsert(entry_for(episode, now or dt.datetime.now(dt.UTC)))
        return rebuild(out_dir, base_url=base_url, keep=keep, show=show, store=store)
