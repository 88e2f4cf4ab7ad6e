"""An episode's own files: the MP3 (tagged, with its chapters and cover), the
script, the transcripts and the JSON chapters, written with the feed in one
transaction (``write_episode``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import atomic_path, transaction
from ..models import Episode, Script, Show
from . import publish_episode

if TYPE_CHECKING:
    from ..render import Timeline

log = logging.getLogger(__name__)


def episode_title(show: str, date: dt.date) -> str:
    return f"{show}: {date:%A, %B} {date.day}, {date.year}"


@dataclass(frozen=True)
class EpisodeFiles:
    """Where a date's episode lives in the output folder."""

    mp3: Path
    script: Path
    vtt: Path
    srt: Path
    chapters: Path


def episode_files(out_dir: Path, date: dt.date) -> EpisodeFiles:
    stem = out_dir / f"briefing-{date.isoformat()}"
    return EpisodeFiles(
        mp3=stem.with_suffix(".mp3"),
        script=stem.with_suffix(".txt"),
        vtt=stem.with_suffix(".vtt"),
        srt=stem.with_suffix(".srt"),
        chapters=stem.with_suffix(".chapters.json"),
    )


def _named(files: EpisodeFiles) -> list[tuple[str, Path]]:
    # ExitStack leaves in reverse order: the MP3, entered first, is written last and
    # renamed after the other files of the episode (and before the feed).
    return [(f.name, getattr(files, f.name)) for f in fields(files)]


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
) -> Episode:
    """Write the episode of ``script`` (its blocks' frames placed as ``placed``) and
    publish it (store, feed, page, cover) in one transaction: they all land together,
    or (a full disk, any failure) none changes."""
    from ..audio.mp3 import Tags, id3_language, write_mp3
    from .chapters import to_json_chapters
    from .cover import artwork
    from .transcript import to_srt, to_vtt

    date = script.date
    files = episode_files(out_dir, date)
    episode = Episode(
        date=date,
        title=episode_title(show.title, date),
        mp3_path=files.mp3,
        script_path=files.script,
        duration_ms=placed.duration_ms,
        chapters=placed.chapters,
        cues=placed.cues,
        vtt_path=files.vtt,
        srt_path=files.srt,
        chapters_path=files.chapters,
        skipped=tuple(skipped),
        duplicates=tuple(duplicates),
        dropped=tuple(dropped),
        inputs=inputs,
    )
    rundown = "; ".join(seg.title for seg in script.stories)
    tags = Tags(
        title=episode.title,
        artist=show.author,
        album=show.title,
        date=date.isoformat(),
        comment=f"Stories: {rundown}",
        language=id3_language(show.language),
        chapters=episode.chapters,
        cover=artwork(show.title, show.cover),
    )
    log.info("writing %s", files.mp3.name)
    with transaction(out_dir, "the episode and its feed"):
        with contextlib.ExitStack() as stack:
            tmp = {name: stack.enter_context(atomic_path(path)) for name, path in _named(files)}
            write_mp3(tmp["mp3"], tags, mp3_frames)
            tmp["script"].write_text(f"{episode.title}\n\n{script.to_text()}", encoding="utf-8")
            tmp["vtt"].write_text(to_vtt(episode.cues), encoding="utf-8")
            tmp["srt"].write_text(to_srt(episode.cues), encoding="utf-8")
            tmp["chapters"].write_text(to_json_chapters(episode.chapters), encoding="utf-8")
        published = publish_episode(out_dir, episode, show, base_url=base_url, keep=keep, now=now)
    log.info("wrote %s (%.1f s)", files.mp3, episode.duration_ms / 1000)
    log.info("feed %s updated: %d episodes", published.feed_path, published.episodes)
    return episode
