"""The renderer: the script planned into blocks, each from the cache or a worker."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..audio.mp3 import encoder_version
from ..errors import ClusterError, EngineError, EngineUnavailable, NoStoriesError
from ..models import Chapter, Cue, Progress, Script, SegmentKind, Story, WordMark
from ..tts import engine_identity, importable_registry
from ..voices import VoiceProfile
from .blocks import (
    DEFAULT_SETTINGS,
    TIMEOUT_BASE_S,
    TIMEOUT_PER_CHAR_S,
    AudioSettings,
    BlockFailed,
    BlockSpec,
    render_block,
    speech_timeout_s,
)
from .cache import CachedBlock
from .layout import (
    CEILING_DBTP,
    DEFAULT_LAYOUT,
    SAMPLE_RATE,
    Layout,
    Part,
)

if TYPE_CHECKING:
    from .store import BlockStore

log = logging.getLogger(__name__)

__all__ = [
    "AudioSettings",
    "BlockFailed",
    "BlockSpec",
    "Renderer",
    "block_key",
    "plan_blocks",
    "render_block",
]

RENDER_VERSION = 4
"""Part of every cache key: raise it when a change makes blocks sound different
(the stings, the leveling, the assembly), so old entries are not used. (3: blocks
encoded in a process that had loaded the system's libespeak-ng, and with it its
libmp3lame, came out as other bytes; the same inputs now give the same bytes.
4: levelling K-weights in single precision and once a clip, so gains differ in
the last bits.)"""

#: A rendered block, or why it could not be rendered.
Outcome = tuple["BlockSpec", "CachedBlock | str"]


def block_key(
    parts: Sequence[Part],
    text: str,
    profile: VoiceProfile,
    engine: str,
    settings: AudioSettings,
) -> str:
    """SHA-256 of what a block sounds like: the spoken text after normalisation, the
    engine and its version, the voice, rate and volume, the parts around the speech,
    the loudness target and the encoder. The profile's name is not in it: two
    profiles with the same voice and rate share their blocks."""
    material = {
        "render": RENDER_VERSION,
        "text": text,
        "engine": engine,
        "voice": [profile.voice, profile.rate, profile.volume, profile.language],
        "parts": list(parts),
        "audio": [SAMPLE_RATE, settings.target_lufs, CEILING_DBTP],
        "encoder": [encoder_version(), settings.bitrate_kbps, settings.quality],
    }
    encoded = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def plan_blocks(
    script: Script,
    profiles: dict[str, VoiceProfile],
    settings: AudioSettings = DEFAULT_SETTINGS,
    layout: Layout = DEFAULT_LAYOUT,
    identities: dict[str, str] | None = None,
) -> tuple[BlockSpec, ...]:
    """The blocks of a script, in order: the intro, a lead-in and a story block
    for each story (the story's first ``lead`` lines are its lead-in), the outro.

    ``identities`` maps profile names to their ``engine_identity`` (found here
    when missing)."""
    from ..speech import to_spoken  # the text rules: only when a script is planned

    identities = dict(identities or {})
    blocks: list[BlockSpec] = []

    def add(
        kind: str, index: int, parts: tuple[Part, ...], lines: tuple[str, ...], voice: str = ""
    ) -> None:
        segment = script.segments[index]
        profile = profiles[voice or segment.voice]
        if profile.name not in identities:
            identities[profile.name] = engine_identity(profile)
        # Each engine hears the respellings written for it (``speech.lexicon``).
        said = script.language
        lines = tuple(to_spoken(line, engine=profile.engine, language=said) for line in lines)
        key = block_key(parts, " ".join(lines), profile, identities[profile.name], settings)
        blocks.append(
            BlockSpec(
                kind, index, segment.title, parts, lines, profile, settings, key,
                engine=identities[profile.name],
            )
        )  # fmt: skip

    first_story = True
    for index, segment in enumerate(script.segments):
        written = segment.lines  # said by add(), for the engine that says them
        if segment.kind is SegmentKind.INTRO:
            add("intro", index, layout.intro(), written)
        elif segment.kind is SegmentKind.OUTRO:
            add("outro", index, layout.outro(), written)
        else:
            lead = min(segment.lead, len(written) - 1)
            story = layout.story()
            if lead > 0:
                add(
                    "lead-in",
                    index,
                    layout.lead_in(first_story),
                    written[:lead],
                    segment.lead_voice,
                )
            elif not first_story:
                add("beat", index, layout.beat(), ())
            add("story", index, story, written[lead:])
            first_story = False
    return tuple(blocks)


# -- many blocks ----------------------------------------------------------------------


@dataclass(frozen=True)
class RenderFailure:
    """A block that could not be rendered, and why (one line)."""

    spec: BlockSpec
    reason: str


@dataclass(frozen=True)
class RenderResult:
    blocks: tuple[CachedBlock | None, ...]
    """One per spec, in order; None where the block failed."""
    failures: tuple[RenderFailure, ...] = ()
    rendered: int = 0
    """Blocks spoken in this call (the rest came from the cache)."""


def default_jobs() -> int:
    """Worker processes to use: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Renderer:
    """Renders blocks through the cache, in worker processes.

    ``jobs`` is the number of worker processes (default: the cores); 0 renders
    in this process, which is also done when an engine was registered as a
    callable (a worker could not create it). A block whose rendering crashes,
    hangs past its timeout or fails is tried once more in a fresh worker, then
    reported as failed; an engine or voice that cannot be used at all raises.

    With a cache, a rendered block goes to it and nothing of its audio stays in
    memory: each run (each show of a batch) reads its blocks back from the cache,
    so a batch of 500 shows holds one show's audio at a time, not every show's.
    Without one, the blocks are kept for the renderer's life.
    """

    cache: BlockStore | None = None
    """Where blocks are kept between runs (``store.open_store``: a folder or a URL)."""
    jobs: int | None = None
    scheduler: str | None = None
    """A Dask scheduler's address (``tcp://HOST:8786``): blocks are rendered on its
    cluster (``cluster.DaskBackend``) instead of in local worker processes."""
    timeout_base_s: float = TIMEOUT_BASE_S
    timeout_per_char_s: float = TIMEOUT_PER_CHAR_S
    startup_s: float = 60.0
    """Time a fresh worker has to start, before its first block's timeout begins."""

    def __post_init__(self) -> None:
        self._memo: dict[str, CachedBlock] = {}
        self._failed: dict[str, str] = {}
        self._pool: Any = None
        self._cluster: Any = None
        self._cluster_error: ClusterError | None = None
        self.rendered = 0
        """Blocks rendered by this renderer (each unique block once in its life)."""
        self.reused = 0
        """Blocks asked for and given without rendering (from this run or the cache)."""

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(force=kind is not None)

    def close(self, force: bool = False) -> None:
        """Stop the worker processes (at once with ``force``)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close(force=force)
        cluster, self._cluster = self._cluster, None
        if cluster is not None:
            cluster.close(force=force)

    def _jobs(self) -> int:
        return default_jobs() if self.jobs is None else self.jobs

    def warm_up(self, engines: Iterable[str]) -> None:
        """Start a worker process now for each engine (a worker serves one engine),
        so that it starts up (Python, numpy, the engine and its model: about 1 s for
        hibari) while the caller prepares the script. They stay until ``close``; the
        renderer is a context manager that closes them. (One an engine, not one per
        core: a run that finds its episode up to date kills them unused, and on 2
        cores starting two made that run 70 ms slower, 0.30 s against 0.23 s, while
        a cold hibari run was no faster.)"""
        registry = importable_registry(engines)
        if registry is None or self._jobs() == 0 or self._pool is not None or self.scheduler:
            return
        from .workers import WorkerPool

        self._pool = WorkerPool(
            self._jobs(), registry, timeout=self.timeout, startup_s=self.startup_s
        )
        self._pool.spawn(sorted(registry))

    def timeout(self, spec: BlockSpec) -> float:
        return speech_timeout_s(len(spec.text), self.timeout_base_s, self.timeout_per_char_s)

    def lookup(self, spec: BlockSpec) -> CachedBlock | None:
        """The block from the cache (or, without one, from this renderer's memory),
        without rendering it."""
        if self.cache is None:
            return self._memo.get(spec.key)
        return self.cache.get(spec.key)

    def _keep(self, key: str, block: CachedBlock) -> None:
        """Keep a rendered block where ``lookup`` finds it again."""
        if self.cache is None:
            self._memo[key] = block

    def prepare(self, specs: Sequence[BlockSpec], progress: Progress | None = None) -> int:
        """Render every block of ``specs`` that the cache lacks into it, keeping none
        of them in memory (``render`` would return them all: a batch asks for every
        show's blocks at once, then makes each show from the cache); returns how many
        were rendered. A block that fails is reported when a run asks for it again."""
        return self.render(specs, progress, collect=False).rendered

    def render(
        self, specs: Sequence[BlockSpec], progress: Progress | None = None, *, collect: bool = True
    ) -> RenderResult:
        """Every block, in the order given: cached ones at once, the rest rendered.
        Without ``collect`` (``prepare``), the result's blocks are all None."""
        collect = collect or self.cache is None
        blocks: list[CachedBlock | None] = [None] * len(specs)
        waiting: dict[str, list[int]] = {}
        done = 0
        failures: list[RenderFailure] = []
        for index, spec in enumerate(specs):
            if spec.key in self._failed:  # failed already in this renderer's life
                failures.append(RenderFailure(spec, self._failed[spec.key]))
                continue
            block = self.lookup(spec)
            if block is None:
                waiting.setdefault(spec.key, []).append(index)
                continue
            if collect:
                blocks[index] = block
            done += 1
            self.reused += 1
            if progress:
                progress(done, len(specs), spec.title)
        if waiting:
            log.info("rendering %d blocks (%d from the cache)", len(waiting), done)
        todo = [specs[indices[0]] for indices in waiting.values()]
        self.reused += sum(len(indices) - 1 for indices in waiting.values())
        try:
            self._render(todo, waiting, blocks if collect else None, failures, progress, done,
                         len(specs))  # fmt: skip
        finally:
            if todo and self.cache is not None:
                self.cache.prune()  # once a run, not once a block
        return RenderResult(tuple(blocks), tuple(failures), len(todo))

    def _render(
        self,
        todo: list[BlockSpec],
        waiting: dict[str, list[int]],
        blocks: list[CachedBlock | None] | None,
        failures: list[RenderFailure],
        progress: Progress | None,
        done: int,
        total: int,
    ) -> None:
        for spec, outcome, stored in self._run(todo):
            indices = waiting[spec.key]
            if isinstance(outcome, str):
                log.warning("could not render %s '%s': %s", spec.kind, spec.title, outcome)
                self._failed[spec.key] = outcome
                failures.append(RenderFailure(spec, outcome))
                continue
            self._keep(spec.key, outcome)
            self.rendered += 1
            if self.cache is not None and not stored:
                self.cache.put(spec.key, outcome)
            for index in indices:
                if blocks is not None:
                    blocks[index] = outcome
                done += 1
                if progress:
                    progress(done, total, spec.title)

    def _run(
        self, specs: Sequence[BlockSpec]
    ) -> Iterator[tuple[BlockSpec, CachedBlock | str, bool]]:
        """Each block and its outcome, and whether it is in the cache already."""
        if not specs:
            return
        # The longest first: the workers then finish at about the same time.
        specs = sorted(specs, key=lambda spec: len(spec.text), reverse=True)
        registry = importable_registry({spec.profile.engine for spec in specs})
        if self.scheduler:
            cluster = self._on_cluster(registry)
            for spec, outcome in cluster.run(specs):
                yield spec, outcome, self.cache is not None and cluster.location is not None
            return
        jobs = self._jobs()
        if registry is None or jobs == 0:
            outcomes = self._run_here(specs)
        elif self._pool is not None and registry.items() <= self._pool.registry.items():
            outcomes = self._pool.run(specs)
        else:
            from .workers import WorkerPool

            with WorkerPool(
                min(jobs, len(specs)), registry, timeout=self.timeout, startup_s=self.startup_s
            ) as pool:
                for spec, outcome in pool.run(specs):
                    yield spec, outcome, False
            return
        for spec, outcome in outcomes:
            yield spec, outcome, False

    def _on_cluster(self, registry: dict[str, str] | None) -> Any:
        """The Dask backend, connected once for this renderer's life."""
        if registry is None:
            raise EngineError(
                "an engine registered in this process only (a callable) cannot be used "
                'on a Dask cluster; register it as "module:Class", or leave out --scheduler'
            )
        if self._cluster_error is not None:  # said once: never a second wait for it
            raise self._cluster_error
        if self._cluster is None or not registry.items() <= self._cluster.registry.items():
            from .cluster import DaskBackend

            if self._cluster is not None:
                self._cluster.close()
            assert self.scheduler is not None
            try:
                self._cluster = DaskBackend(self.scheduler, registry, self.cache, self.timeout)
            except ClusterError as exc:
                self._cluster_error = exc
                raise
        return self._cluster

    def _run_here(self, specs: Sequence[BlockSpec]) -> Iterator[Outcome]:
        """In this process, one block after another (no timeout: a fake or an
        engine registered by a callable)."""
        with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
            for spec in specs:
                try:
                    yield spec, render_block(spec, Path(tmp))
                except BlockFailed as exc:
                    yield spec, str(exc)


# -- a script's blocks, rendered and placed ------------------------------------------


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
    from ..audio.mp3 import frame_samples
    from ..publish.transcript import build_cues, estimate_marks

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
        # A segment starts with its first words (a beat's chime, like a link's, is heard
        # before the story's chapter starts).
        first = next((begin for begin, spec, _ in parts if spec.text), parts[0][0])
        segment_marks: list[WordMark] = []
        lines: list[str] = []
        base = 0
        for begin, spec, block in parts:
            shift = begin - first
            own = [WordMark(o, ms) for o, ms in block.marks] or estimate_marks(
                spec.text, block.speech_ms
            )
            segment_marks += [WordMark(base + m.offset, round(shift + m.start_ms)) for m in own]
            base += len(spec.text) + 1 if spec.text else 0  # a beat says nothing
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
    from ..script import build_script

    names = {name: profiles[name].display_name for name in voices}
    return build_script(
        stories, date=script.date, show=script.show, voices=voices, names=names,
        language=script.language,
    )  # fmt: skip


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
    failed: list[str] = []
    stories = list(stories)
    identities = dict(identities or {})
    fell_back = False
    while True:
        specs = plan_blocks(script, profiles, settings, identities=identities)
        try:
            result = renderer.render(specs, progress)
        except EngineUnavailable as unavailable:
            if fallback is None:
                raise
            cast = list(fallback(unavailable, tuple(profiles.values())))
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
