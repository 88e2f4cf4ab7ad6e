"""An episode's own files: the MP3 (tagged, with its chapters and cover), the
script, the transcripts and the JSON chapters, written with the feed in one
transaction (``write_episode``).

Their names carry the MP3's content (``briefing-DATE-EDITION.mp3``): a re-made date
with other audio is a new edition at new URLs, and the previous edition's files are
removed only once the feed names the new ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import after_commit, atomic_path, temporary_sibling, transaction
from ..languages import Language, get_language
from ..models import Episode, Script, Show
from . import publish_episode
from .books import BookFormat
from .store import remove_names

if TYPE_CHECKING:
    from ..render import Timeline

log = logging.getLogger(__name__)


def episode_title(show: str, date: dt.date, language: str | Language | None = None) -> str:
    """ "The Daily Briefing: Wednesday, November 25, 2026", the date written in the
    show's language ("Der Morgen: Mittwoch, 25. November 2026")."""
    return f"{show}: {get_language(language).written_date(date)}"


#: How many hex digits of the MP3's SHA-256 name an edition of an episode.
EDITION_DIGITS = 12
EPISODE_PREFIX = "briefing-"
#: A file of an episode: ``briefing-DATE-EDITION.mp3`` and its script, transcripts, JSON
#: chapters and talking books (``.epub``, ``.daisy.zip``); or ``briefing-DATE.mp3`` ...
#: as folders made before editions hold them.
EPISODE_FILE = re.compile(
    rf"{EPISODE_PREFIX}(\d{{4}}-\d\d-\d\d)(?:-[0-9a-f]{{{EDITION_DIGITS}}})?"
    r"\.(?:mp3|txt|vtt|srt|chapters\.json|epub|daisy\.zip)"
)


@dataclass(frozen=True)
class EpisodeFiles:
    """Where an edition of a date's episode lives in the output folder."""

    mp3: Path
    script: Path
    vtt: Path
    srt: Path
    chapters: Path
    books: tuple[tuple[BookFormat, Path], ...] = ()
    """The talking-book editions asked for (``--edition``), each with its file."""

    def names(self) -> frozenset[str]:
        return frozenset(path.name for _, path in _named(self))


def edition_of(mp3: Path) -> str:
    """What names an edition: the first EDITION_DIGITS hex digits of its MP3's SHA-256."""
    with mp3.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()[:EDITION_DIGITS]


def superseded(out_dir: Path, date: dt.date, current: frozenset[str]) -> list[str]:
    """The files of ``date``'s episode in ``out_dir`` that are not ``current``'s: an
    earlier edition's (``briefing-DATE-EDITION.*``, or ``briefing-DATE.*`` from before
    editions were named), and any a run interrupted while renaming left unrecorded."""
    day = date.isoformat()
    try:
        names = [entry.name for entry in os.scandir(out_dir)]
    except OSError:
        return []
    return sorted(
        name
        for name in names
        if name not in current and (match := EPISODE_FILE.fullmatch(name)) and match[1] == day
    )


def episode_files(
    out_dir: Path, date: dt.date, edition: str, books: Sequence[BookFormat] = ()
) -> EpisodeFiles:
    """The files of an edition (``briefing-DATE-EDITION.mp3``, ``.txt``, ...): a changed
    MP3 gets new URLs, so podcast apps fetch it as a new episode (the enclosure/guid
    rule, see ``Store.upsert``); every file of the edition shares its stem."""
    stem = out_dir / f"{EPISODE_PREFIX}{date.isoformat()}-{edition}"
    return EpisodeFiles(
        mp3=stem.with_suffix(".mp3"),
        script=stem.with_suffix(".txt"),
        vtt=stem.with_suffix(".vtt"),
        srt=stem.with_suffix(".srt"),
        chapters=stem.with_suffix(".chapters.json"),
        books=tuple((kind, stem.with_name(stem.name + kind.suffix)) for kind in books),
    )


def _named(files: EpisodeFiles) -> list[tuple[str, Path]]:
    # ExitStack leaves in reverse order: the MP3, entered first, is written last and
    # renamed after the other files of the episode (and before the feed).
    own = [(f.name, getattr(files, f.name)) for f in fields(files) if f.name != "books"]
    return own + [(kind.value, path) for kind, path in files.books]


def _write_books(
    files: EpisodeFiles,
    tmp: dict[str, Path],
    script: Script,
    show: Show,
    title: str,
    placed: Timeline,
    edition: str,
    cover: bytes | None,
    now: dt.datetime | None,
) -> None:
    """Write the talking books of the episode from its MP3 (written) and its timeline."""
    from .books import book_of, write_book

    book = book_of(
        script, show, title, placed.chapters, placed.cues, placed.duration_ms,
        edition=edition, cover=cover,
    )  # fmt: skip
    modified = now or dt.datetime.now(dt.UTC)
    for kind, _ in files.books:
        log.info("writing the %s edition", kind.value)
        write_book(kind, book, tmp["mp3"], tmp[kind.value], modified)


def start_cover(show: Show) -> None:
    """Make the show's cover (and the MP3's copy of it) in a thread, while this
    process only waits for the workers to speak."""
    from .cover import prepare_artwork

    threading.Thread(target=prepare_artwork, args=(show.title, show.cover), daemon=True).start()


def write_episode(
    script: Script,
    show: Show,
    placed: Timeline,
    mp3_frames: Iterable[bytes],
    *,
    out_dir: Path,
    inputs: str,
    skipped: Sequence[str] = (),
    duplicates: Sequence[str] = (),
    dropped: Sequence[str] = (),
    base_url: str | None = None,
    keep: int | None = None,
    now: dt.datetime | None = None,
    books: Sequence[BookFormat] = (),
) -> Episode:
    """Write the episode of ``script`` (its blocks' frames placed as ``placed``), its
    talking-book editions (``books``: EPUB 3, DAISY 2.02) and publish it (store,
    feed, page, cover) in one transaction: they all land together, or (a full disk,
    any failure) none changes."""
    from ..audio.mp3 import Tags, id3_language, write_mp3
    from .chapters import to_json_chapters
    from .cover import artwork
    from .transcript import to_srt, to_vtt

    date = script.date
    language = get_language(show.language)
    title = episode_title(show.title, date, language)
    rundown = "; ".join(seg.title for seg in script.stories)
    tags = Tags(
        title=title,
        artist=show.author,
        album=show.title,
        date=date.isoformat(),
        comment=f"{language.labels.stories}: {rundown}",
        language=id3_language(show.language),
        chapters=placed.chapters,
        cover=artwork(show.title, show.cover),
    )
    log.info("writing the episode of %s", date)
    with transaction(out_dir, "the episode and its feed"):
        # The MP3 first, under a temporary name: its bytes name the edition's files.
        scratch = temporary_sibling(out_dir / f"{EPISODE_PREFIX}{date.isoformat()}.mp3")
        try:
            write_mp3(scratch, tags, mp3_frames)
            edition = edition_of(scratch)
            files = episode_files(out_dir, date, edition, books)
            with contextlib.ExitStack() as stack:
                tmp = {name: stack.enter_context(atomic_path(path)) for name, path in _named(files)}
                os.replace(scratch, tmp["mp3"])
                tmp["script"].write_text(f"{title}\n\n{script.to_text()}", encoding="utf-8")
                tmp["vtt"].write_text(to_vtt(placed.cues), encoding="utf-8")
                tmp["srt"].write_text(to_srt(placed.cues), encoding="utf-8")
                tmp["chapters"].write_text(to_json_chapters(placed.chapters), encoding="utf-8")
                if files.books:
                    _write_books(files, tmp, script, show, title, placed, edition, tags.cover, now)
        finally:
            scratch.unlink(missing_ok=True)
        episode = Episode(
            date=date,
            title=title,
            mp3_path=files.mp3,
            script_path=files.script,
            duration_ms=placed.duration_ms,
            chapters=placed.chapters,
            cues=placed.cues,
            vtt_path=files.vtt,
            srt_path=files.srt,
            chapters_path=files.chapters,
            books=tuple(path for _, path in files.books),
            skipped=tuple(skipped),
            duplicates=tuple(duplicates),
            dropped=tuple(dropped),
            inputs=inputs,
        )
        published = publish_episode(out_dir, episode, show, base_url=base_url, keep=keep, now=now)
        # An earlier edition's files go once the feed names the new ones: never a dead link.
        after_commit(lambda: remove_names(out_dir, superseded(out_dir, date, files.names())))
    log.info("wrote %s (%.1f s)", files.mp3, episode.duration_ms / 1000)
    log.info("feed %s updated: %d episodes", published.feed_path, published.episodes)
    return episode
