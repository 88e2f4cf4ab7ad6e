"""The whole job: sources -> summarize -> script -> tts -> mix -> MP3 on disk.

This is the library entry point the CLI calls; it logs, it never prints.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import mix as mixing
from .errors import NoStoriesError, OutputError
from .files import atomic_path
from .models import Article, Episode, Script, Story
from .mp3 import Pcm, Tags, choose_encoder, write_tags
from .script import DEFAULT_SHOW, build_script
from .sources import Skipped, load_articles, sample_sources
from .summarize import summarize_article
from .tts import get_engine
from .voices import DEFAULT_VOICES, VoiceProfile, get_profile

log = logging.getLogger(__name__)

DEFAULT_BITRATE_KBPS = 64

#: Called as progress(done, total, label) while segments are rendered.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Show:
    """Who the show is: the static part of every episode."""

    title: str = DEFAULT_SHOW
    """The show's name, spoken in the intro and written to the tags."""
    author: str = "briefing"
    """The artist tag."""
    language: str = "eng"
    """ISO 639-2 language of the tags."""


def episode_title(show: str, date: dt.date) -> str:
    return f"{show}: {date:%A, %B} {date.day}, {date.year}"


def episode_paths(out_dir: Path, date: dt.date) -> tuple[Path, Path]:
    """Where a date's episode lives: (MP3, script text)."""
    stem = f"briefing-{date.isoformat()}"
    return out_dir / f"{stem}.mp3", out_dir / f"{stem}.txt"


def resolve_voices(names: Sequence[str]) -> list[VoiceProfile]:
    """Load the voice profiles and check each against its engine (fails fast)."""
    profiles = [get_profile(name) for name in names]
    for profile in profiles:
        get_engine(profile.engine).check_voice(profile)
    return profiles


def summarize_articles(
    articles: Sequence[Article], *, max_words: int | None = None
) -> tuple[list[Story], list[Skipped]]:
    """Summarise each article; one that gives no summary is skipped with a warning."""
    stories: list[Story] = []
    skipped: list[Skipped] = []
    for article in articles:
        story = summarize_article(article, max_words=max_words)
        if not story.sentences:
            item = Skipped(article.source, "nothing left to summarise")
            log.warning("skipping %s", item)
            skipped.append(item)
            continue
        stories.append(story)
    return stories, skipped


def prepare_script(
    sources: Sequence[str | Path],
    *,
    date: dt.date,
    show: Show = Show(),
    voices: Sequence[str] = DEFAULT_VOICES,
    max_words: int | None = None,
    stdin: BinaryIO | None = None,
) -> tuple[Script, list[Skipped]]:
    """Read, clean and summarise the sources into a Script (no audio).

    With no sources, the bundled sample articles are used. Raises
    NoStoriesError when no article is usable.
    """
    if not sources:
        sources = sample_sources()
        log.info("no sources given: using the %d bundled sample articles", len(sources))
    articles, skipped = load_articles(sources, stdin=stdin)
    stories, unsummarised = summarize_articles(articles, max_words=max_words)
    skipped += unsummarised
    if not stories:
        detail = "; ".join(str(s) for s in skipped[:3]) or "no articles given"
        more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
        raise NoStoriesError(f"no usable articles, so no briefing: {detail}{more}")
    script = build_script(stories, date=date, show=show.title, voices=voices)
    return script, skipped


def render(
    script: Script,
    profiles: dict[str, VoiceProfile],
    workdir: Path,
    progress: Progress | None = None,
) -> list[mixing.AudioSegment]:
    """Speak every segment with its voice; returns one clip per segment."""
    clips = []
    total = len(script.segments)
    for index, segment in enumerate(script.segments):
        profile = profiles[segment.voice]
        engine = get_engine(profile.engine)
        wav = workdir / f"segment-{index:03d}.wav"
        log.info("rendering %d/%d: %s (%s)", index + 1, total, segment.title, profile.name)
        engine.synthesize(segment.text, profile, wav)
        clips.append(mixing.load_speech(wav))
        if progress:
            progress(index + 1, total, segment.title)
    return clips


def generate(
    sources: Sequence[str | Path],
    *,
    out_dir: Path = Path("out"),
    date: dt.date | None = None,
    show: Show = Show(),
    voices: Sequence[str] = DEFAULT_VOICES,
    max_words: int | None = None,
    bitrate_kbps: int = DEFAULT_BITRATE_KBPS,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> Episode:
    """Make the day's briefing: ``OUT/briefing-DATE.mp3`` and its ``.txt`` script.

    Replaces an earlier episode of the same date atomically: an interrupted
    or failed run leaves the previous files untouched and no partial MP3.
    """
    date = date or dt.date.today()
    if not voices:
        raise ValueError("at least one voice is needed")
    # Fail fast, before any work: voices, engines and the encoder must exist.
    ordered = resolve_voices(voices)
    profiles = {p.name: p for p in ordered}
    voice_names = [p.name for p in ordered]
    encoder = choose_encoder()

    script, skipped = prepare_script(
        sources, date=date, show=show, voices=voice_names, max_words=max_words, stdin=stdin
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    mp3_path, script_path = episode_paths(out_dir, date)
    title = episode_title(show.title, date)

    with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
        clips = render(script, profiles, Path(tmp), progress)
    mixed = mixing.mix(script.segments, clips)
    del clips

    rundown = "; ".join(seg.title for seg in script.stories)
    tags = Tags(
        title=title,
        artist=show.author,
        album=show.title,
        date=date.isoformat(),
        comment=f"Stories: {rundown}",
        language=show.language,
    )
    log.info("encoding %s with %s", mp3_path.name, encoder.name)
    try:
        with atomic_path(mp3_path) as tmp_mp3, atomic_path(script_path) as tmp_txt:
            pcm = Pcm(mixed.audio.raw_data, mixing.SAMPLE_RATE)
            encoder.encode(pcm, tmp_mp3, bitrate_kbps=bitrate_kbps)
            write_tags(tmp_mp3, tags)
            tmp_txt.write_text(f"{title}\n\n{script.to_text()}", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the episode ({exc.strerror or exc})") from None
    log.info("wrote %s (%.1f s)", mp3_path, len(mixed.audio) / 1000)
    return Episode(
        date=date,
        title=title,
        mp3_path=mp3_path,
        script_path=script_path,
        duration_ms=len(mixed.audio),
        chapters=mixed.chapters,
        skipped=tuple(str(s) for s in skipped),
    )
