"""The episode store: ``OUT/episodes.json``, one record per episode, written atomically.

It is what the feed, the Alexa briefing and the server are rebuilt from. A
date has one episode, in one edition at a time: the enclosure/guid rule
(``Store.upsert``) says what a re-made date becomes in podcast apps.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import BriefingError
from ..files import UnfitFile, current, read_bounded, write_text_atomic
from ..models import Chapter, Episode, SegmentKind, Show

log = logging.getLogger(__name__)

STORE_NAME = "episodes.json"
MAX_STORE_BYTES = 64_000_000
"""The episode store is read up to this size: a thousand episodes of twenty stories
take about 6 MB."""
STORE_VERSION = 1


class StoreError(BriefingError):
    """The episode store cannot be read."""


#: What the store's JSON keeps of each story chapter (``models.Chapter`` of kind STORY).
_STORY_FIELDS = ("title", "start_ms", "end_ms", "source")


def story_from_json(data: dict[str, Any]) -> Chapter:
    """A stored story (``title``, ``start_ms``, ``end_ms``, ``source``) as its chapter."""
    return Chapter(
        title=data["title"],
        kind=SegmentKind.STORY,
        start_ms=data["start_ms"],
        end_ms=data["end_ms"],
        source=data.get("source", ""),
    )


@dataclass(frozen=True)
class EpisodeEntry:
    """One published episode."""

    guid: str
    """The edition's id: kept while its MP3 stays the same, new with a new MP3."""
    date: dt.date
    title: str
    published: dt.datetime
    """When the edition was first published (UTC)."""
    audio: str
    """MP3 file name, in the output folder (named by its content: a new MP3, a new name)."""
    bytes: int
    duration_ms: int
    description: str
    """Plain text: the date and the rundown with each story's start time."""
    stories: tuple[Chapter, ...] = ()
    """The story chapters (kind STORY)."""
    chapters: str | None = None
    """Podcasting 2.0 JSON chapters file name."""
    vtt: str | None = None
    srt: str | None = None
    script: str | None = None
    inputs: str = ""
    """The hash of what the episode was made from: a run with the same one has nothing to do."""
    books: tuple[str, ...] = ()
    """Its talking-book editions' file names (``.epub``, ``.daisy.zip``): linked from
    the page, never enclosures of the feed."""

    def files(self) -> list[str]:
        """Every file of the episode, by name: what the page links, the server serves,
        and ``keep`` removes with it."""
        own = (self.audio, self.chapters, self.vtt, self.srt, self.script, *self.books)
        return [n for n in own if n]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["stories"] = [{name: getattr(s, name) for name in _STORY_FIELDS} for s in self.stories]
        data["date"] = self.date.isoformat()
        data["published"] = self.published.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EpisodeEntry:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["date"] = dt.date.fromisoformat(data["date"])
        values["published"] = dt.datetime.fromisoformat(data["published"])
        values["stories"] = tuple(story_from_json(s) for s in data.get("stories", ()))
        books = data.get("books", [])
        if not isinstance(books, list):
            raise ValueError(f"books must be a list of file names, not {books!r}")
        values["books"] = tuple(books)
        entry = cls(**values)
        for name in entry.files():
            if not isinstance(name, str) or Path(name).name != name or name in (".", ".."):
                raise ValueError(f"file name {name!r} is not a plain name in the folder")
        return entry


def _show_to_json(show: Show) -> dict[str, Any]:
    data = asdict(show)
    data["cover"] = str(show.cover) if show.cover else None
    return data


def _show_from_json(data: dict[str, Any]) -> Show:
    known = {f.name for f in fields(Show)}
    values = {k: v for k, v in data.items() if k in known}
    if values.get("cover"):
        values["cover"] = Path(values["cover"])
    return Show(**values)


@dataclass(frozen=True)
class Store:
    """All published episodes, newest first, and the show they belong to."""

    show: Show = field(default_factory=Show)
    base_url: str | None = None
    """The public URL of the output folder, when one was given."""
    episodes: tuple[EpisodeEntry, ...] = ()

    def upsert(self, entry: EpisodeEntry) -> Store:
        """Add an episode, or replace the one of the same date, by the enclosure/guid
        rule: the same MP3 (the same file name, as the name comes from its bytes) is
        the same edition, and keeps its guid and publication time; a new MP3 is a new
        edition, with the new guid ``entry`` brings and a publication time after the
        old one's, so podcast apps fetch it as a new episode (they know an episode by
        its guid) and the old edition's item leaves the feed."""
        old = next((e for e in self.episodes if e.date == entry.date), None)
        if old is not None and old.audio == entry.audio:
            entry = replace(entry, guid=old.guid, published=old.published)
        elif old is not None and entry.published <= old.published:
            entry = replace(entry, published=old.published + dt.timedelta(seconds=1))
        others = [e for e in self.episodes if e.date != entry.date]
        episodes = sorted([*others, entry], key=lambda e: e.date, reverse=True)
        return replace(self, episodes=tuple(episodes))

    def keep(self, newest: int) -> tuple[Store, tuple[EpisodeEntry, ...]]:
        """Keep the newest ``newest`` episodes; return the new store and those dropped."""
        if newest < 0:
            raise ValueError("keep must be 0 or more")
        return replace(self, episodes=self.episodes[:newest]), self.episodes[newest:]

    def to_json(self) -> str:
        document = {
            "version": STORE_VERSION,
            "show": _show_to_json(self.show),
            "base_url": self.base_url,
            "episodes": [e.to_json() for e in self.episodes],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def store_path(out_dir: Path) -> Path:
    return out_dir / STORE_NAME


def load_store(out_dir: Path) -> Store:
    """Read the store of an output folder (an empty store when there is none)."""
    path = store_path(out_dir)
    try:
        # briefing writes no link, pipe or device there: such a thing is refused unread
        document = json.loads(read_bounded(path, MAX_STORE_BYTES, follow=False))
    except FileNotFoundError:
        return Store()
    except (OSError, UnfitFile, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise StoreError(
            f"{path}: cannot read the episode store ({exc}); restore it, or move it "
            "away to start a new feed"
        ) from None
    try:
        if document.get("version") != STORE_VERSION:
            raise ValueError(f"unknown version {document.get('version')!r}")
        episodes = tuple(EpisodeEntry.from_json(e) for e in document.get("episodes", ()))
        _one_episode_a_file(episodes)
        return Store(
            show=_show_from_json(document.get("show") or {}),
            base_url=document.get("base_url"),
            episodes=episodes,
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise StoreError(
            f"{path}: not a valid episode store ({exc}); restore it, or move it away "
            "to start a new feed"
        ) from None


def _one_episode_a_file(episodes: tuple[EpisodeEntry, ...]) -> None:
    """Raise ValueError when two episodes name one file: a feed never points two items
    at one file (and pruning one would delete the other's)."""
    seen: dict[str, EpisodeEntry] = {}
    for entry in episodes:
        for name in set(entry.files()):
            if seen.setdefault(name, entry) is not entry:
                raise ValueError(f"file {name!r} is named by the episodes of {seen[name].date} "
                                 f"and {entry.date}")  # fmt: skip


def save_store(out_dir: Path, store: Store) -> None:
    write_text_atomic(store_path(out_dir), store.to_json())


def publication_time(date: dt.date, now: dt.datetime) -> dt.datetime:
    """When an episode of ``date`` counts as published: now, or for an episode
    made after its day (a back-fill), that day at the current time of day."""
    now = now.astimezone(dt.UTC).replace(microsecond=0)
    if date >= now.date():
        return now
    return dt.datetime.combine(date, now.timetz())


def describe(episode: Episode) -> str:
    """The episode's description: its date and a rundown with start times."""
    lines = [f"{episode.title}.", ""]
    for story in episode.stories:
        minutes, seconds = divmod(story.start_ms // 1000, 60)
        lines.append(f"{minutes}:{seconds:02d} {story.title}")
    return "\n".join(lines)


def entry_for(episode: Episode, now: dt.datetime) -> EpisodeEntry:
    """A store record for a finished episode (with a new guid; ``upsert`` keeps an old one)."""

    def name(path: Path | None) -> str | None:
        return path.name if path else None

    return EpisodeEntry(
        guid=str(uuid.uuid4()),
        date=episode.date,
        title=episode.title,
        published=publication_time(episode.date, now),
        audio=episode.mp3_path.name,
        bytes=current(episode.mp3_path).stat().st_size,  # perhaps not yet in place
        duration_ms=episode.duration_ms,
        description=describe(episode),
        stories=tuple(episode.stories),
        chapters=name(episode.chapters_path),
        vtt=name(episode.vtt_path),
        srt=name(episode.srt_path),
        script=name(episode.script_path),
        inputs=episode.inputs,
        books=tuple(path.name for path in episode.books),
    )


def remove_files(out_dir: Path, entries: tuple[EpisodeEntry, ...]) -> None:
    """Delete the files of dropped episodes (a missing file is fine)."""
    for entry in entries:
        remove_names(out_dir, entry.files())
        log.info("removed episode %s (%s)", entry.date, entry.audio)


def remove_names(out_dir: Path, names: Iterable[str]) -> None:
    """Delete files of the folder by name (a missing file is fine; one that cannot
    be removed is a warning)."""
    for file_name in names:
        path = out_dir / file_name
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove %s: %s", path, exc.strerror)
        else:
            log.debug("removed %s", path)
