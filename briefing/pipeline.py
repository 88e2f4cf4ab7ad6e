"""The whole job: sources -> summarize -> script -> tts -> mix -> MP3 on disk.

This is the library entry point the CLI calls; it logs, it never prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from . import voices as voice_profiles
from .blocks import AudioSettings, Progress
from .cache import CachedBlock, SegmentCache
from .config import SourceConfig
from .errors import EngineError, EngineUnavailable, NoStoriesError, OutputError, VoiceError
from .files import atomic_path, folder_lock, transaction
from .layout import SAMPLE_RATE, overhead_ms
from .models import Article, Chapter, Cue, Episode, Script, SegmentKind, Show, Story
from .publish.store import Store, load_store
from .select import dedupe, estimate_script_ms, fit, rank, story_budgets
from .sources import Skipped, as_source, collect, sample_sources
from .summarize import summarize_article
from .text import relative_days
from .tts import WordMark, engine_identity, get_engine
from .voices import MAX_RATE, MIN_RATE, VoiceProfile, get_profile

if TYPE_CHECKING:
    from .blocks import BlockSpec
    from .render import Renderer
    from .sources.http import HttpClient

# Only what a run needs to find its episode up to date is imported above; the
# text stages, the renderer and the publishers are imported where they are used.

log = logging.getLogger(__name__)

DEFAULT_BITRATE_KBPS = 64

__all__ = ["Progress", "cast_voices", "generate", "prepare_script", "resolve_voices"]


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


def resolve_voices(
    names: Sequence[str], wpm: int | None = None, *, check: bool = True
) -> list[VoiceProfile]:
    """Load the voice profiles (every one at ``wpm`` words a minute when given) and,
    with ``check``, check each against its engine (which starts the engine)."""
    profiles = [get_profile(name) for name in names]
    if wpm is not None:
        if not MIN_RATE <= wpm <= MAX_RATE:
            raise VoiceError(
                f"a speaking rate of {wpm} words a minute is outside {MIN_RATE}-{MAX_RATE}"
            )
        profiles = [replace(p, rate=wpm) for p in profiles]
    if check:
        for profile in profiles:
            get_engine(profile.engine).check_voice(profile)
    return profiles


def fall_back(
    profiles: Sequence[VoiceProfile],
    failure: EngineUnavailable,
    *,
    asked: bool,
    wpm: int | None = None,
) -> list[VoiceProfile]:
    """The show's voices without those whose engine cannot load (``failure``), with a
    warning for each. A voice with a ``fallback`` profile is replaced by it; in the
    default show (``asked`` false) the host's fallback reads the whole show, and a
    second voice that cannot load is left out, so a neural voice never alternates
    with a formant one unless asked. Raises ``failure`` when a voice has no fallback."""
    kept: list[VoiceProfile] = []
    for position, profile in enumerate(profiles):
        if profile.engine != failure.engine:
            kept.append(profile)
            continue
        if not asked and position > 0:
            log.warning("voice '%s' cannot be used: %s; the show goes on without it",
                        profile.name, failure)  # fmt: skip
            continue
        if not profile.fallback:
            raise failure
        substitute = resolve_voices([profile.fallback], wpm, check=False)[0]
        if substitute.engine == failure.engine:
            raise failure
        log.warning(
            "voice '%s' cannot be used: %s; '%s' (%s) reads %s instead",
            profile.name, failure, substitute.name, substitute.engine,
            "its stories" if asked else "the show",
        )  # fmt: skip
        if not asked:
            return [substitute]
        kept.append(substitute)
    unique = {p.name: p for p in kept}
    return list(unique.values())


def cast_voices(
    names: Sequence[str], wpm: int | None = None
) -> tuple[list[VoiceProfile], dict[str, str]]:
    """The show's voice profiles (the default show's when ``names`` is empty) and
    each one's engine identity, for cache keys. A voice whose engine is not
    installed is replaced by its fallback (``fall_back``); its voice not being on
    this machine is an error (VoiceError)."""
    asked = bool(names)
    chosen = list(names) or list(voice_profiles.default_voices())
    profiles = resolve_voices(chosen, wpm, check=False)
    while True:
        try:
            return profiles, {p.name: engine_identity(p) for p in profiles}
        except EngineUnavailable as failure:
            profiles = fall_back(profiles, failure, asked=asked, wpm=wpm)


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


def _warn_skipped(skipped: Sequence[Skipped]) -> None:
    """A warning for each source or article left out (when the briefing goes on
    without them; when nothing is left, the error names them instead)."""
    for item in skipped:
        log.warning("skipping %s", item)


def summarize_articles(
    articles: Sequence[Article],
    *,
    max_words: int | None = None,
    summarizer: Summarizer = summarize_article,
    today: dt.date | None = None,
) -> tuple[list[Story], list[Skipped]]:
    """Summarise each ranked article, the top story at ``max_words`` (else about 80
    words) and the last at half that (``select.story_budgets``); one that gives no
    summary is skipped (and returned as such). With ``today`` (the episode's date),
    days are said as true that day (``text.relative_days``), for articles whose date
    is known."""
    stories: list[Story] = []
    skipped: list[Skipped] = []
    for article, budget in zip(articles, story_budgets(len(articles), max_words), strict=True):
        story = summarizer(article, max_words=budget)
        if not story.sentences:
            skipped.append(Skipped(article.source, "nothing left to summarise"))
            continue
        if today is not None and article.published is not None:
            written = article.published.astimezone().date()
            story = replace(
                story,
                title=relative_days(story.title, written, today),
                sentences=tuple(relative_days(s, written, today) for s in story.sentences),
            )
        stories.append(story)
    return stories, skipped


@dataclass(frozen=True)
class Prepared:
    """A script and the story of how it was chosen."""

    script: Script
    stories: tuple[Story, ...] = ()
    """The stories of the script, in order."""
    skipped: tuple[Skipped, ...] = ()
    """Sources and articles that gave no story, and why."""
    duplicates: tuple[str, ...] = ()
    """Articles left out because another source told the same story."""
    dropped: tuple[str, ...] = ()
    """Headlines left out to fit the target length."""


def display_names(voices: Sequence[str]) -> dict[str, str]:
    """Each voice's display name, by which the host introduces it."""
    return {name: get_profile(name).display_name for name in voices}


def _estimator(
    voices: Sequence[str], show: Show, date: dt.date, wpm: int | None = None
) -> Callable[[Sequence[Story]], float]:
    rates = {name: wpm or get_profile(name).rate for name in voices}
    names = display_names(voices)

    from .script import build_script

    def estimate(stories: Sequence[Story]) -> float:
        script = build_script(stories, date=date, show=show.title, voices=voices, names=names)
        return estimate_script_ms(script, rates, overhead_ms(len(stories)))

    return estimate


def gather_articles(
    sources: Sequence[str | Path | SourceConfig],
    *,
    since: dt.timedelta | None = dt.timedelta(hours=24),
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    stdin: BinaryIO | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read the sources (the bundled sample articles when there are none): the
    articles, and the sources or items skipped with why."""
    specs = [as_source(s) for s in sources]
    if not specs:
        specs = [as_source(p) for p in sample_sources()]
        log.info("no sources given: using the %d bundled sample articles", len(specs))
    now = now or dt.datetime.now(dt.UTC)
    return collect(specs, since=since, now=now, client=client, stdin=stdin)


def compose_script(
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    *,
    date: dt.date,
    show: Show | None = None,
    voices: Sequence[str] = (),
    max_words: int | None = None,
    minutes: float | None = None,
    now: dt.datetime | None = None,
    summarizer: Summarizer = summarize_article,
    wpm: int | None = None,
) -> Prepared:
    """De-duplicate, rank and summarise articles into a Script (no audio).

    With ``minutes``, the lowest-ranked stories are dropped until the show's
    estimated length fits. Raises NoStoriesError when no usable story remains.
    """
    from .script import build_script

    show = show or Show()
    voices = tuple(voices) or voice_profiles.default_voices()
    now = now or dt.datetime.now(dt.UTC)
    skipped = list(skipped)
    articles, duplicates = dedupe(articles)
    articles = rank(articles, now)
    stories, unsummarised = summarize_articles(
        articles, max_words=max_words, summarizer=summarizer, today=date
    )
    skipped += unsummarised
    if not stories:
        detail = "; ".join(str(s) for s in skipped[:3]) or "no articles given"
        more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
        raise NoStoriesError(f"no usable articles, so no briefing: {detail}{more}")
    _warn_skipped(skipped)
    dropped: list[Story] = []
    if minutes is not None:
        stories, dropped = fit(stories, minutes, _estimator(voices, show, date, wpm))
        if dropped:
            log.info("left out %d stories to fit %g minutes", len(dropped), minutes)
    script = build_script(
        stories, date=date, show=show.title, voices=voices, names=display_names(voices)
    )
    return Prepared(
        script,
        tuple(stories),
        tuple(skipped),
        tuple(a.source for a in duplicates),
        tuple(story.title for story in dropped),
    )


def prepare_script(
    sources: Sequence[str | Path | SourceConfig],
    *,
    date: dt.date,
    show: Show | None = None,
    voices: Sequence[str] = (),
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
    now = now or dt.datetime.now(dt.UTC)
    articles, skipped = gather_articles(sources, since=since, now=now, client=client, stdin=stdin)
    return compose_script(
        articles, skipped, date=date, show=show, voices=voices, max_words=max_words,
        minutes=minutes, now=now, summarizer=summarizer, wpm=wpm,
    )  # fmt: skip


# -- up to date ---------------------------------------------------------------------


def _code_stamp() -> list[list[object]]:
    """Name, size and modification time of briefing's own files and the lexicons:
    a changed briefing makes its episodes again."""
    from .voices import ENV_LEXICON, bundled_voices_dir

    package = Path(__file__).parent
    files = sorted(package.rglob("*.py")) + [bundled_voices_dir() / "lexicon.toml"]
    if os.environ.get(ENV_LEXICON):
        files.append(Path(os.environ[ENV_LEXICON]))
    stamp = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        stamp.append([str(path), info.st_size, info.st_mtime_ns])
    return stamp


def run_inputs(articles: Sequence[Article], skipped: Sequence[Skipped], **options: object) -> str:
    """A hash of everything an episode is made from: the articles as read, the
    sources skipped, every option, the voices and their engines, and briefing's
    own code. Two runs with the same hash make the same episode."""
    from . import __version__

    material = {
        "briefing": __version__,
        "code": _code_stamp(),
        "articles": [asdict(a) for a in articles],
        "skipped": [str(s) for s in skipped],
        "options": options,
    }
    encoded = json.dumps(material, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _summarizer_name(summarizer: Summarizer) -> object:
    describe = getattr(summarizer, "fingerprint", None)
    if callable(describe):
        return describe()
    return f"{getattr(summarizer, '__module__', '')}.{getattr(summarizer, '__qualname__', '')}"


def up_to_date(out_dir: Path, store: Store, date: dt.date, inputs: str) -> Episode | None:
    """The date's episode when it was made from exactly these inputs and all its
    files (and the feed) are still there; else None."""
    entry = next((e for e in store.episodes if e.date == date), None)
    if entry is None or entry.inputs != inputs:
        return None
    try:
        if (out_dir / entry.audio).stat().st_size != entry.bytes:
            return None
    except OSError:
        return None
    if not all((out_dir / name).is_file() for name in entry.files()):
        return None
    if not (out_dir / "feed.xml").is_file():
        return None

    def path(name: str | None) -> Path | None:
        return out_dir / name if name else None

    return Episode(
        date=date,
        title=entry.title,
        mp3_path=out_dir / entry.audio,
        script_path=out_dir / (entry.script or ""),
        duration_ms=entry.duration_ms,
        chapters=tuple(
            Chapter(s.title, SegmentKind.STORY, s.start_ms, s.end_ms, s.source)
            for s in entry.stories
        ),
        vtt_path=path(entry.vtt),
        srt_path=path(entry.srt),
        chapters_path=path(entry.chapters),
        inputs=inputs,
        up_to_date=True,
    )


@dataclass(frozen=True)
class Timeline:
    """Where everything is heard in the joined episode."""

    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    duration_ms: int


def timeline(script: Script, specs: Sequence[BlockSpec], blocks: Sequence[CachedBlock]) -> Timeline:
    """Chapters and transcript cues of the blocks joined in order.

    A block starts where the frames before it end (576 samples a frame), and its
    speech ``speech_start_ms`` later; a story's chapter starts with its
    transition. Word marks are moved into each segment's time (a block without
    marks gets them estimated).
    """
    from .mp3 import frame_samples
    from .publish.transcript import build_cues, estimate_marks

    frame = frame_samples(SAMPLE_RATE)
    position = 0  # samples
    heard: dict[int, list[tuple[float, BlockSpec, CachedBlock]]] = {}
    for spec, block in zip(specs, blocks, strict=True):
        begin = position * 1000 / SAMPLE_RATE + block.speech_start_ms
        heard.setdefault(spec.segment, []).append((begin, spec, block))
        position += block.frames * frame
    duration_ms = round(position * 1000 / SAMPLE_RATE)
    starts, durations, marks, spoken = [], [], [], []
    for index in range(len(script.segments)):
        parts = heard[index]
        first = parts[0][0]
        segment_marks: list[WordMark] = []
        lines: list[str] = []
        base = 0
        for begin, spec, block in parts:
            shift = begin - first
            own = [WordMark(o, ms) for o, ms in block.marks] or estimate_marks(
                spec.text, block.speech_ms
            )
            segment_marks += [WordMark(base + m.offset, round(shift + m.start_ms)) for m in own]
            base += len(spec.text) + 1
            lines += spec.lines
        last_begin, _, last_block = parts[-1]
        starts.append(round(first))
        durations.append(round(last_begin + last_block.speech_ms - first))
        marks.append(tuple(segment_marks))
        spoken.append(tuple(lines))
    chapter_starts = [0 if i == 0 else start for i, start in enumerate(starts)]
    ends = [*chapter_starts[1:], duration_ms]
    chapters = tuple(
        Chapter(seg.title, seg.kind, start, end, seg.source)
        for seg, start, end in zip(script.segments, chapter_starts, ends, strict=True)
    )
    cues = build_cues(script.segments, starts, durations, marks, spoken)
    return Timeline(chapters, cues, duration_ms)


@dataclass(frozen=True)
class Rendered:
    """A script as it was rendered, and its blocks."""

    script: Script
    specs: tuple[BlockSpec, ...]
    blocks: tuple[CachedBlock, ...]
    unspoken: tuple[str, ...] = ()
    """The stories left out because they could not be spoken, and why."""
    fell_back: bool = False
    """An engine could not load in the workers, and a fallback voice read instead."""


def rebuild_script(
    script: Script,
    stories: Sequence[Story],
    voices: Sequence[str],
    profiles: dict[str, VoiceProfile],
) -> Script:
    """The script made again for other stories or voices (same date and show)."""
    from .script import build_script

    names = {name: profiles[name].display_name for name in voices}
    return build_script(stories, date=script.date, show=script.show, voices=voices, names=names)


def render_script(
    script: Script,
    stories: Sequence[Story],
    profiles: dict[str, VoiceProfile],
    voices: Sequence[str],
    renderer: Renderer,
    settings: AudioSettings,
    progress: Progress | None = None,
    identities: dict[str, str] | None = None,
    fallback: Callable[[EngineUnavailable, Sequence[VoiceProfile]], Sequence[VoiceProfile]]
    | None = None,
) -> Rendered:
    """Render every block of the script. A story that cannot be spoken (its
    worker crashed or hung twice) is left out with a warning and the script
    made again without it; the intro or outro failing stops the run. An engine
    that cannot load in the workers is replaced: ``fallback(failure, voices)``
    gives the new voices (``fall_back``), and the script is cast again with them.
    """
    from .render import plan_blocks

    failed: list[str] = []
    stories = list(stories)
    identities = dict(identities or {})
    fell_back = False
    while True:
        specs = plan_blocks(script, profiles, settings, identities=identities)
        try:
            result = renderer.render(specs, progress)
        except EngineUnavailable as failure:
            if fallback is None:
                raise
            cast = list(fallback(failure, tuple(profiles.values())))
            profiles = {p.name: p for p in cast}
            voices = [p.name for p in cast]
            identities = {p.name: engine_identity(p) for p in cast}
            fell_back = True
            script = rebuild_script(script, stories, voices, profiles)
            continue
        if not result.failures:
            blocks = tuple(b for b in result.blocks if b is not None)
            return Rendered(script, specs, blocks, tuple(failed), fell_back)
        dropped: set[int] = set()
        for failure in result.failures:
            segment = script.segments[failure.spec.segment]
            if segment.kind is not SegmentKind.STORY:
                raise EngineError(f"could not speak the {segment.title.lower()}: {failure.reason}")
            dropped.add(failure.spec.segment)
            failed.append(f"{segment.source or segment.title}: not spoken ({failure.reason})")
        places = [i for i, seg in enumerate(script.segments) if seg.kind is SegmentKind.STORY]
        stories = [s for i, s in zip(places, stories, strict=True) if i not in dropped]
        if not stories:
            raise NoStoriesError(f"no story could be spoken: {failed[0]}")
        script = rebuild_script(script, stories, voices, profiles)


def generate(
    sources: Sequence[str | Path],
    *,
    out_dir: Path = Path("out"),
    date: dt.date | None = None,
    show: Show | None = None,
    title: str | None = None,
    voices: Sequence[str] = (),
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
    renderer: Renderer | None = None,
    force: bool = False,
    wait_s: float = 300.0,
) -> Episode:
    """Make the day's briefing and publish it in the output folder.

    Writes ``briefing-DATE.mp3`` (tagged, with ID3 chapters), its script
    (``.txt``), transcripts (``.vtt``, ``.srt``) and JSON chapters, then
    records the episode in the store and rebuilds ``feed.xml`` and
    ``flash-briefing.json`` (URLs under ``base_url``; ``keep`` prunes to the
    newest N episodes). ``show`` defaults to the one the folder's store
    remembers; ``title`` renames it. A date's earlier episode is replaced atomically: a failed or
    interrupted run leaves the previous files untouched and no partial file.

    Audio comes from ``renderer`` (default: worker processes on every core and
    the segment cache in the user cache folder): blocks already rendered, by
    this or an earlier run, are reused as they are. When the date's episode was
    made from exactly the same inputs (articles, options, voices, briefing
    itself) and its files are all there, nothing is done and it is returned
    with ``up_to_date`` set, unless ``force``.

    One run at a time writes in a folder: another waits for its lock up to
    ``wait_s`` seconds, then raises BusyError.
    """
    with contextlib.ExitStack() as held:

        def lock() -> None:
            held.enter_context(folder_lock(out_dir, wait_s))

        return _generate(
            sources, out_dir=out_dir, date=date, show=show, title=title, voices=voices,
            max_words=max_words, bitrate_kbps=bitrate_kbps, base_url=base_url, keep=keep,
            minutes=minutes, since=since, now=now, client=client, summarizer=summarizer,
            wpm=wpm, progress=progress, stdin=stdin, renderer=renderer, force=force, lock=lock,
        )  # fmt: skip


def _generate(
    sources: Sequence[str | Path],
    *,
    out_dir: Path,
    date: dt.date | None,
    show: Show | None,
    title: str | None,
    voices: Sequence[str],
    max_words: int | None,
    bitrate_kbps: int,
    base_url: str | None,
    keep: int | None,
    minutes: float | None,
    since: dt.timedelta | None,
    now: dt.datetime | None,
    client: HttpClient | None,
    summarizer: Summarizer,
    wpm: int | None,
    progress: Progress | None,
    stdin: BinaryIO | None,
    renderer: Renderer | None,
    force: bool,
    lock: Callable[[], None],
) -> Episode:
    date = date or dt.date.today()
    if keep is not None and keep < 1:
        raise ValueError("keep must be at least 1 when generating")
    # Fail fast, before any work: the voice profiles, their engines' libraries and the
    # store must be usable. (The engines are started, and their voices checked, only
    # when a block must be rendered: a re-run from the cache needs neither.) No voices:
    # the default show. An engine that is not installed gives way to its fallback.
    ordered, identities = cast_voices(voices, wpm)
    profiles = {p.name: p for p in ordered}
    voice_names = [p.name for p in ordered]
    _check_out_dir(out_dir)
    if out_dir.is_dir():
        lock()  # before the store is read: a run writing there is waited for
    store = load_store(out_dir)  # a damaged store stops the run before any work
    show = show or store.show
    if title:
        show = replace(show, title=title)
    settings = AudioSettings(bitrate_kbps=bitrate_kbps)
    from .render import Renderer

    renderer = renderer or Renderer(SegmentCache())
    with renderer:
        # A worker starts now, while the sources are read and summarised; if the
        # episode turns out to be up to date, it is stopped unused.
        renderer.warm_up({p.engine for p in ordered})
        now = now or dt.datetime.now(dt.UTC)
        articles, skipped = gather_articles(
            sources, since=since, now=now, client=client, stdin=stdin
        )
        inputs = run_inputs(
            articles, skipped, date=date, show=show, voices=[asdict(p) for p in ordered],
            engines=identities, max_words=max_words, settings=settings, base_url=base_url,
            keep=keep, minutes=minutes, summarizer=_summarizer_name(summarizer),
        )  # fmt: skip
        if not force:
            unchanged = up_to_date(out_dir, store, date, inputs)
            if unchanged is not None:
                _warn_skipped(skipped)
                log.info("%s is up to date: made from the same inputs", unchanged.mp3_path)
                return unchanged
        prepared = compose_script(
            articles, skipped, date=date, show=show, voices=voice_names, max_words=max_words,
            minutes=minutes, now=now, summarizer=summarizer, wpm=wpm,
        )  # fmt: skip
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{out_dir}: cannot create the output folder ({exc.strerror})"
            ) from None
        lock()
        # This process only waits while the workers speak: make the cover (and the
        # MP3's copy of it) meanwhile.
        from .publish.cover import prepare_artwork

        threading.Thread(target=prepare_artwork, args=(show.title, show.cover), daemon=True).start()

        def recast(
            failure: EngineUnavailable, current: Sequence[VoiceProfile]
        ) -> list[VoiceProfile]:
            return fall_back(current, failure, asked=bool(voices), wpm=wpm)

        rendered = render_script(
            prepared.script, prepared.stories, profiles, voice_names, renderer, settings,
            progress, identities, fallback=recast,
        )  # fmt: skip
        script, specs, blocks = rendered.script, rendered.specs, rendered.blocks
        if rendered.fell_back:
            # Made with a fallback voice: the next run tries the engine again.
            inputs = f"{inputs}+fallback"

    from .mp3 import Tags, id3_language, write_mp3
    from .publish import publish_episode
    from .publish.chapters import to_json_chapters
    from .publish.cover import artwork
    from .publish.transcript import to_srt, to_vtt

    files = episode_files(out_dir, date)
    title = episode_title(show.title, date)
    placed = timeline(script, specs, blocks)

    rundown = "; ".join(seg.title for seg in script.stories)
    tags = Tags(
        title=title,
        artist=show.author,
        album=show.title,
        date=date.isoformat(),
        comment=f"Stories: {rundown}",
        language=id3_language(show.language),
        chapters=placed.chapters,
        cover=artwork(show.title, show.cover),
    )
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
        skipped=tuple(str(s) for s in prepared.skipped) + rendered.unspoken,
        duplicates=prepared.duplicates,
        dropped=prepared.dropped,
        inputs=inputs,
    )
    log.info("writing %s", files.mp3.name)
    # One transaction: the episode's files, the store, feed, page and cover land
    # together when it ends, or (a full disk, any failure) none of them changes.
    with transaction(out_dir, "the episode and its feed"):
        with contextlib.ExitStack() as stack:
            tmp = {name: stack.enter_context(atomic_path(path)) for name, path in _files(files)}
            write_mp3(tmp["mp3"], tags, (block.mp3 for block in blocks))
            tmp["script"].write_text(f"{title}\n\n{script.to_text()}", encoding="utf-8")
            tmp["vtt"].write_text(to_vtt(placed.cues), encoding="utf-8")
            tmp["srt"].write_text(to_srt(placed.cues), encoding="utf-8")
            tmp["chapters"].write_text(to_json_chapters(placed.chapters), encoding="utf-8")
        published = publish_episode(out_dir, episode, show, base_url=base_url, keep=keep, now=now)
    log.info("wrote %s (%.1f s)", files.mp3, placed.duration_ms / 1000)
    log.info("feed %s updated: %d episodes", published.feed_path, published.episodes)
    return episode


def _check_out_dir(out_dir: Path) -> None:
    """Fail at once when the output folder is, or would be under, a file."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists():
            if not folder.is_dir():
                where = "is a file" if folder == out_dir else f"is under a file, {folder}"
                raise OutputError(
                    f"{out_dir}: cannot create the output folder: it {where}; "
                    "give a folder with --out"
                )
            return


def _files(files: EpisodeFiles) -> list[tuple[str, Path]]:
    # ExitStack leaves in reverse order: the MP3, entered first, is written last and
    # renamed after the other files of the episode (and before the feed).
    return [(f.name, getattr(files, f.name)) for f in fields(files)]
