"""The whole job: sources -> summarize -> script -> tts -> mix -> MP3 on disk.

This is the library entry point the CLI calls; it logs, it never prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import BinaryIO

from . import mix as mixing
from .config import SourceConfig
from .errors import NoStoriesError, OutputError, VoiceError
from .files import atomic_path
from .models import Article, Episode, Script, Show, Story
from .mp3 import Pcm, Tags, choose_encoder, id3_language, write_tags
from .publish import publish_episode
from .publish.chapters import to_json_chapters
from .publish.store import load_store
from .publish.transcript import build_cues, to_srt, to_vtt
from .script import build_script
from .select import dedupe, estimate_script_ms, fit, rank
from .sources import HttpClient, Skipped, as_source, collect, sample_sources
from .speech import to_spoken
from .summarize import summarize_article
from .tts import WordMark, get_engine
from .voices import DEFAULT_VOICES, MAX_RATE, MIN_RATE, VoiceProfile, get_profile

log = logging.getLogger(__name__)

DEFAULT_BITRATE_KBPS = 64

#: Called as progress(done, total, label) while segments are rendered.
Progress = Callable[[int, int, str], None]


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


def resolve_voices(names: Sequence[str], wpm: int | None = None) -> list[VoiceProfile]:
    """Load the voice profiles (every one at ``wpm`` words a minute when given) and
    check each against its engine (fails fast)."""
    profiles = [get_profile(name) for name in names]
    if wpm is not None:
        if not MIN_RATE <= wpm <= MAX_RATE:
            raise VoiceError(
                f"a speaking rate of {wpm} words a minute is outside {MIN_RATE}-{MAX_RATE}"
            )
        profiles = [replace(p, rate=wpm) for p in profiles]
    for profile in profiles:
        get_engine(profile.engine).check_voice(profile)
    return profiles


#: Turns an article into a story: ``summarize_article`` or an ``LlmSummarizer``.
Summarizer = Callable[..., Story]


def make_summarizer(kind: str = "extractive", llm: dict | None = None) -> Summarizer:
    """The summarizer called ``kind``: "extractive", or "llm" with its settings
    (base_url, model, api_key, timeout_s; the environment fills what is missing)."""
    if kind == "extractive":
        return summarize_article
    if kind == "llm":
        from .llm import LlmSettings, LlmSummarizer
        from .sources.http import default_cache_dir

        return LlmSummarizer(LlmSettings.from_env(**(llm or {})), default_cache_dir())
    raise ValueError(f"unknown summarizer {kind!r}; use extractive or llm")


def summarize_articles(
    articles: Sequence[Article],
    *,
    max_words: int | None = None,
    summarizer: Summarizer = summarize_article,
) -> tuple[list[Story], list[Skipped]]:
    """Summarise each article; one that gives no summary is skipped with a warning."""
    stories: list[Story] = []
    skipped: list[Skipped] = []
    for article in articles:
        story = summarizer(article, max_words=max_words)
        if not story.sentences:
            item = Skipped(article.source, "nothing left to summarise")
            log.warning("skipping %s", item)
            skipped.append(item)
            continue
        stories.append(story)
    return stories, skipped


@dataclass(frozen=True)
class Prepared:
    """A script and the story of how it was chosen."""

    script: Script
    skipped: tuple[Skipped, ...] = ()
    """Sources and articles that gave no story, and why."""
    duplicates: tuple[str, ...] = ()
    """Articles left out because another source told the same story."""
    dropped: tuple[str, ...] = ()
    """Headlines left out to fit the target length."""


def _estimator(
    voices: Sequence[str], show: Show, date: dt.date, wpm: int | None = None
) -> Callable[[Sequence[Story]], float]:
    rates = {name: wpm or get_profile(name).rate for name in voices}

    def estimate(stories: Sequence[Story]) -> float:
        script = build_script(stories, date=date, show=show.title, voices=voices)
        return estimate_script_ms(script, rates, mixing.overhead_ms(len(stories)))

    return estimate


def prepare_script(
    sources: Sequence[str | Path | SourceConfig],
    *,
    date: dt.date,
    show: Show | None = None,
    voices: Sequence[str] = DEFAULT_VOICES,
    max_words: int | None = None,
    minutes: float | None = None,
    since: dt.timedelta | None = dt.timedelta(hours=24),
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    summarizer: Summarizer = summarize_article,
    wpm: int | None = None,
    stdin: BinaryIO | None = None,
) -> Prepared:
    """Read, clean, de-duplicate, rank and summarise the sources into a Script (no audio).

    Sources are article files, folders, ``-`` (stdin), feed or page URLs, or
    SourceConfigs; with none, the bundled sample articles are used. Feed items
    older than ``since`` are left out. With ``minutes``, the lowest-ranked
    stories are dropped until the show's estimated length fits. Raises
    NoStoriesError when no usable story remains.
    """
    show = show or Show()
    now = now or dt.datetime.now(dt.UTC)
    specs = [as_source(s) for s in sources]
    if not specs:
        specs = [as_source(p) for p in sample_sources()]
        log.info("no sources given: using the %d bundled sample articles", len(specs))
    articles, skipped = collect(specs, since=since, now=now, client=client, stdin=stdin)
    articles, duplicates = dedupe(articles)
    articles = rank(articles, now)
    stories, unsummarised = summarize_articles(articles, max_words=max_words, summarizer=summarizer)
    skipped += unsummarised
    if not stories:
        detail = "; ".join(str(s) for s in skipped[:3]) or "no articles given"
        more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
        raise NoStoriesError(f"no usable articles, so no briefing: {detail}{more}")
    dropped: list[Story] = []
    if minutes is not None:
        stories, dropped = fit(stories, minutes, _estimator(voices, show, date, wpm))
        if dropped:
            log.info("left out %d stories to fit %g minutes", len(dropped), minutes)
    script = build_script(stories, date=date, show=show.title, voices=voices)
    return Prepared(
        script,
        tuple(skipped),
        tuple(a.source for a in duplicates),
        tuple(story.title for story in dropped),
    )


@dataclass(frozen=True)
class Rendered:
    """A segment's speech and when each of its words starts."""

    audio: mixing.AudioSegment
    marks: tuple[WordMark, ...]
    """Offsets into the spoken text (the lines after ``to_spoken``, joined by spaces)."""
    spoken_lines: tuple[str, ...]


def render(
    script: Script,
    profiles: dict[str, VoiceProfile],
    workdir: Path,
    progress: Progress | None = None,
) -> list[Rendered]:
    """Speak every segment with its voice; one Rendered per segment."""
    rendered = []
    total = len(script.segments)
    for index, segment in enumerate(script.segments):
        profile = profiles[segment.voice]
        engine = get_engine(profile.engine)
        wav = workdir / f"segment-{index:03d}.wav"
        log.info("rendering %d/%d: %s (%s)", index + 1, total, segment.title, profile.name)
        spoken = tuple(to_spoken(line) for line in segment.lines)
        marks = engine.synthesize(" ".join(spoken), profile, wav)
        rendered.append(Rendered(mixing.load_speech(wav), tuple(marks), spoken))
        if progress:
            progress(index + 1, total, segment.title)
    return rendered


def generate(
    sources: Sequence[str | Path],
    *,
    out_dir: Path = Path("out"),
    date: dt.date | None = None,
    show: Show | None = None,
    title: str | None = None,
    voices: Sequence[str] = DEFAULT_VOICES,
    max_words: int | None = None,
    bitrate_kbps: int = DEFAULT_BITRATE_KBPS,
    base_url: str | None = None,
    keep: int | None = None,
    minutes: float | None = None,
    since: dt.timedelta | None = dt.timedelta(hours=24),
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    summarizer: Summarizer = summarize_article,
    wpm: int | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> Episode:
    """Make the day's briefing and publish it in the output folder.

    Writes ``briefing-DATE.mp3`` (tagged, with ID3 chapters), its script
    (``.txt``), transcripts (``.vtt``, ``.srt``) and JSON chapters, then
    records the episode in the store and rebuilds ``feed.xml`` and
    ``flash-briefing.json`` (URLs under ``base_url``; ``keep`` prunes to the
    newest N episodes). ``show`` defaults to the one the folder's store
    remembers; ``title`` renames it. A date's earlier episode is replaced atomically: a failed or
    interrupted run leaves the previous files untouched and no partial file.
    """
    date = date or dt.date.today()
    if not voices:
        raise ValueError("at least one voice is needed")
    if keep is not None and keep < 1:
        raise ValueError("keep must be at least 1 when generating")
    # Fail fast, before any work: voices, engines, the encoder and the store must be usable.
    ordered = resolve_voices(voices, wpm)
    profiles = {p.name: p for p in ordered}
    voice_names = [p.name for p in ordered]
    encoder = choose_encoder()
    store = load_store(out_dir)  # a damaged store stops the run before any work
    show = show or store.show
    if title:
        show = replace(show, title=title)

    prepared = prepare_script(
        sources, date=date, show=show, voices=voice_names, max_words=max_words,
        minutes=minutes, since=since, now=now, client=client, summarizer=summarizer, wpm=wpm,
        stdin=stdin,
    )  # fmt: skip
    script = prepared.script
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    files = episode_files(out_dir, date)
    title = episode_title(show.title, date)

    with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
        rendered = render(script, profiles, Path(tmp), progress)
    mixed = mixing.mix(script.segments, [r.audio for r in rendered])
    cues = build_cues(
        script.segments,
        mixed.speech_starts,
        [len(r.audio) for r in rendered],
        [r.marks for r in rendered],
        [r.spoken_lines for r in rendered],
    )
    del rendered

    rundown = "; ".join(seg.title for seg in script.stories)
    tags = Tags(
        title=title,
        artist=show.author,
        album=show.title,
        date=date.isoformat(),
        comment=f"Stories: {rundown}",
        language=id3_language(show.language),
        chapters=mixed.chapters,
    )
    log.info("encoding %s with %s", files.mp3.name, encoder.name)
    try:
        with contextlib.ExitStack() as stack:
            tmp = {name: stack.enter_context(atomic_path(path)) for name, path in _files(files)}
            encoder.encode(
                Pcm(mixed.audio.raw_data, mixing.SAMPLE_RATE), tmp["mp3"], bitrate_kbps=bitrate_kbps
            )
            write_tags(tmp["mp3"], tags)
            tmp["script"].write_text(f"{title}\n\n{script.to_text()}", encoding="utf-8")
            tmp["vtt"].write_text(to_vtt(cues), encoding="utf-8")
            tmp["srt"].write_text(to_srt(cues), encoding="utf-8")
            tmp["chapters"].write_text(to_json_chapters(mixed.chapters), encoding="utf-8")
            # Leaving the block renames every file into place, the MP3 last.
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the episode ({exc.strerror or exc})") from None
    log.info("wrote %s (%.1f s)", files.mp3, len(mixed.audio) / 1000)
    episode = Episode(
        date=date,
        title=title,
        mp3_path=files.mp3,
        script_path=files.script,
        duration_ms=len(mixed.audio),
        chapters=mixed.chapters,
        cues=cues,
        vtt_path=files.vtt,
        srt_path=files.srt,
        chapters_path=files.chapters,
        skipped=tuple(str(s) for s in prepared.skipped),
        duplicates=prepared.duplicates,
        dropped=prepared.dropped,
    )
    published = publish_episode(out_dir, episode, show, base_url=base_url, keep=keep)
    log.info("feed %s updated: %d episodes", published.feed_path, published.episodes)
    return episode


def _files(files: EpisodeFiles) -> list[tuple[str, Path]]:
    # ExitStack leaves in reverse order: the MP3, entered first, is renamed last.
    return [(f.name, getattr(files, f.name)) for f in fields(files)]
