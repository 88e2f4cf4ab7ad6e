"""The whole job: sources -> summarize -> script -> tts -> mix -> MP3 on disk.

This is the library entry point the CLI calls; it logs, it never prints. It only
orchestrates: each stage lives in its own module (``sources``, ``select``,
``summarize``, ``script``, ``voices``, ``render``, ``publish``), the up-to-date
check in ``uptodate``, and a run's choices in ``options.RunOptions``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import EngineUnavailable, NoStoriesError, OutputError
from .files import check_out_dir, folder_lock
from .models import (
    NO_PROGRESS,
    Article,
    Episode,
    Prepared,
    Show,
    Skipped,
    SourceConfig,
    StageProgress,
    Story,
)
from .options import RunOptions
from .publish.store import load_store
from .render.blocks import AudioSettings, BlockSpec
from .render.cache import SegmentCache
from .select import dedupe, fit, rank, script_estimator
from .sources import gather_articles, warn_skipped
from .sources.language import keep_language
from .uptodate import run_inputs, summarizer_name, up_to_date
from .voices import VoiceProfile, cast_voices, display_names, fall_back

if TYPE_CHECKING:
    from .render import Renderer
    from .sources.http import HttpClient

# Only what a run needs to find its episode up to date is imported above; the
# text stages, the renderer and the publishers are imported where they are used.

log = logging.getLogger(__name__)

__all__ = [
    "Planned", "Prepared", "RunOptions", "StageProgress", "compose_script", "generate",
    "make_episode", "plan_episode", "prepare_script",
]  # fmt: skip
# Also here for library users: DEFAULT_BITRATE_KBPS, Summarizer, make_summarizer,
# run_options (options), cast_voices, fall_back, resolve_voices (voices),
# gather_articles (sources), run_inputs (uptodate); summarize_articles is summarize's.


def compose_script(
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    options: RunOptions | None = None,
    *,
    now: dt.datetime | None = None,
    progress: StageProgress = NO_PROGRESS,
    **changes: Any,
) -> Prepared:
    """De-duplicate, rank and summarise articles into a Script (no audio), for
    ``options`` (``changes``: any RunOptions field by name). With ``minutes``, the
    lowest-ranked stories are dropped until the show's estimated length fits.
    Raises NoStoriesError when no usable story remains."""
    from .script import build_script
    from .summarize import summarize_articles  # its rules' patterns: not for an up-to-date run
    from .voices import show_voices

    options = (options or RunOptions()).with_(**changes)
    date = options.date or dt.date.today()
    show = options.shown()
    voices = options.voices or show_voices(show.language)
    now = now or dt.datetime.now(dt.UTC)
    articles, duplicates = dedupe(articles)
    articles, foreign = keep_language(articles, show.language)  # one line each, naming both
    skipped = [*skipped, *foreign]
    stories, unsummarised = summarize_articles(
        rank(articles, now), max_words=options.max_words, summarizer=options.summarizer,
        today=date, progress=progress.summarising, language=show.language,
    )  # fmt: skip
    skipped += unsummarised
    if not stories:
        detail = "; ".join(str(s) for s in skipped[:3]) or "no articles given"
        more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
        raise NoStoriesError(f"no usable articles, so no briefing: {detail}{more}")
    warn_skipped(skipped)
    dropped: list[Story] = []
    if options.minutes is not None:
        estimate = script_estimator(voices, show, date, options.wpm)
        stories, dropped = fit(stories, options.minutes, estimate)
        if dropped:
            log.info("left out %d stories to fit %g minutes", len(dropped), options.minutes)
    names = display_names(voices)
    script = build_script(
        stories, date=date, show=show.title, voices=voices, names=names, language=show.language
    )
    left_out = tuple(a.source for a in duplicates)
    return Prepared(
        script, tuple(stories), tuple(skipped), left_out, tuple(s.title for s in dropped)
    )


def prepare_script(
    sources: Sequence[str | Path | SourceConfig],
    options: RunOptions | None = None,
    *,
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    stdin: BinaryIO | None = None,
    progress: StageProgress = NO_PROGRESS,
    **changes: Any,
) -> Prepared:
    """Read, clean, de-duplicate, rank and summarise the sources into a Script (no audio).

    Sources are article files, folders, ``-`` (stdin), feed or page URLs, or
    SourceConfigs; with none, the bundled sample articles are used. Feed items
    older than ``since`` are left out; ``progress`` hears of the downloads and the
    summaries. See ``compose_script``.
    """
    options = (options or RunOptions()).with_(**changes)
    now = now or dt.datetime.now(dt.UTC)
    found, skipped = gather_articles(
        sources, since=options.since, now=now, client=client, stdin=stdin,
        progress=progress.fetching,
    )  # fmt: skip
    return compose_script(found, skipped, options, now=now, progress=progress)


def generate(
    sources: Sequence[str | Path | SourceConfig],
    options: RunOptions | None = None,
    *,
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    progress: StageProgress = NO_PROGRESS,
    stdin: BinaryIO | None = None,
    renderer: Renderer | None = None,
    **changes: Any,
) -> Episode:
    """Make the day's briefing for ``options`` (a RunOptions; ``changes`` sets any of
    its fields by name) and publish it in the output folder: the tagged MP3 with its
    chapters, script, transcripts and JSON chapters, then the store, ``feed.xml``,
    ``flash-briefing.json`` and the page (``publish.episode.write_episode``), all in
    one transaction: a failed or interrupted run leaves the previous files untouched.

    Audio comes from ``renderer`` (default: worker processes on every core and the
    segment cache): blocks rendered by this or an earlier run are reused. An episode
    made from exactly the same inputs (``uptodate``) is returned as it is, with
    ``up_to_date`` set, unless ``force``. One run at a time writes in a folder:
    another waits for its lock up to ``wait_s`` seconds, then raises BusyError.
    ``progress`` hears of each stage as it goes.
    """
    options = (options or RunOptions()).with_(**changes)
    from .render import Renderer

    with contextlib.ExitStack() as held, renderer or Renderer(SegmentCache()) as used:
        planned = plan_episode(sources, options, held, now=now, client=client, stdin=stdin,
                               renderer=used, progress=progress)  # fmt: skip
        if isinstance(planned, Episode):
            return planned
        return make_episode(planned, used, progress)


@dataclass(frozen=True)
class Planned:
    """An episode planned (its script written, its inputs known) and not yet rendered."""

    options: RunOptions
    show: Show
    prepared: Prepared
    profiles: tuple[VoiceProfile, ...]
    identities: dict[str, str]
    """Each profile's engine identity (``tts.engine_identity``), for cache keys."""
    settings: AudioSettings
    inputs: str
    """What the episode is made from (``uptodate.run_inputs``)."""
    now: dt.datetime

    def blocks(self) -> tuple[BlockSpec, ...]:
        """The blocks the script needs, as ``make_episode`` will first ask for them."""
        from .render import plan_blocks

        profiles = {p.name: p for p in self.profiles}
        return plan_blocks(
            self.prepared.script, profiles, self.settings, identities=self.identities
        )


def plan_episode(
    sources: Sequence[str | Path | SourceConfig],
    options: RunOptions,
    held: contextlib.ExitStack,
    *,
    now: dt.datetime | None = None,
    client: HttpClient | None = None,
    stdin: BinaryIO | None = None,
    renderer: Renderer | None = None,
    progress: StageProgress = NO_PROGRESS,
) -> Planned | Episode:
    """Everything up to the audio: check the voices and the output folder, take its
    lock (held until ``held`` closes), read the sources and write the script. The
    day's Episode as it is when it is up to date (made from the same inputs).
    ``progress`` hears of the downloads and the summaries."""
    out_dir, date = options.out_dir, options.date or dt.date.today()
    if options.keep is not None and options.keep < 1:
        raise ValueError("keep must be at least 1 when generating")
    # Fail fast, before any work: the voice profiles, their engines' libraries and the
    # store must be usable. (The engines are started, and their voices checked, only
    # when a block must be rendered: a re-run from the cache needs neither.) No voices:
    # the default show. An engine that is not installed gives way to its fallback.
    ordered, identities = cast_voices(options.voices, options.wpm, options.shown().language)
    check_out_dir(out_dir)

    def lock() -> None:
        held.enter_context(folder_lock(out_dir, options.wait_s))

    if out_dir.is_dir():
        lock()  # before the store is read: a run writing there is waited for
    store = load_store(out_dir)  # a damaged store stops the run before any work
    show = options.show or store.show
    if options.title:
        show = replace(show, title=options.title)
    settings = AudioSettings(bitrate_kbps=options.bitrate_kbps)
    if renderer is not None:
        # A worker starts now, while the sources are read and summarised; if the
        # episode turns out to be up to date, it is stopped unused.
        renderer.warm_up({p.engine for p in ordered})
    now = now or dt.datetime.now(dt.UTC)
    found, skipped = gather_articles(
        sources, since=options.since, now=now, client=client, stdin=stdin,
        progress=progress.fetching,
    )  # fmt: skip
    inputs = run_inputs(
        found, skipped, date=date, show=show, voices=[asdict(p) for p in ordered],
        engines=identities, max_words=options.max_words, settings=settings,
        base_url=options.base_url, keep=options.keep, minutes=options.minutes,
        summarizer=summarizer_name(options.summarizer),
    )  # fmt: skip
    # Asked for with other talking-book editions, an episode is made again.
    inputs += "".join(f"+{kind.value}" for kind in options.editions)
    if not options.force:
        unchanged = up_to_date(out_dir, store, date, inputs)
        if unchanged is not None:
            warn_skipped(skipped)
            log.info("%s is up to date: made from the same inputs", unchanged.mp3_path)
            return unchanged
    voices = tuple(p.name for p in ordered)
    prepared = compose_script(
        found, skipped, options, now=now, progress=progress, date=date, show=show, title=None,
        voices=voices,
    )  # fmt: skip
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    lock()
    return Planned(options, show, prepared, tuple(ordered), identities, settings, inputs, now)


def make_episode(
    planned: Planned, renderer: Renderer, progress: StageProgress = NO_PROGRESS
) -> Episode:
    """Render a planned episode's blocks (through ``renderer``, telling
    ``progress.rendering``) and publish it."""
    from .publish.episode import start_cover, write_episode
    from .render import render_script, timeline

    options, prepared = planned.options, planned.prepared
    start_cover(planned.show)  # while the workers speak

    def recast(failure: EngineUnavailable, current: Sequence[VoiceProfile]) -> list[VoiceProfile]:
        return fall_back(current, failure, asked=bool(options.voices), wpm=options.wpm)

    rendered = render_script(
        prepared.script, prepared.stories, {p.name: p for p in planned.profiles},
        [p.name for p in planned.profiles], renderer, planned.settings, progress.rendering,
        planned.identities, fallback=recast,
    )  # fmt: skip
    # Made with a fallback voice, or without a story that could not be spoken: the
    # next run is not "up to date", and tries again.
    inputs = (
        planned.inputs + "+fallback" * rendered.fell_back + "+unspoken" * bool(rendered.unspoken)
    )
    return write_episode(
        rendered.script, planned.show,
        timeline(rendered.script, rendered.specs, rendered.blocks),
        (block.mp3 for block in rendered.blocks), out_dir=options.out_dir, inputs=inputs,
        skipped=[str(s) for s in prepared.skipped] + list(rendered.unspoken),
        duplicates=prepared.duplicates, dropped=prepared.dropped, base_url=options.base_url,
        keep=options.keep, now=planned.now, books=options.editions,
    )  # fmt: skip
