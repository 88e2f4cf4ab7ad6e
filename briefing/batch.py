"""Many shows in one run (``briefing batch SHOWS...``): the work follows the unique
stories, not the number of listeners.

A show is a config file in the ``briefing.toml`` format (its show, sources,
voices, length and output folder). A batch plans every show first (each source
URL fetched once for all of them, each article summarised once), then renders
every block the shows need in one go, so each unique block is rendered once and
the workers stay busy across shows (locally, or on a Dask cluster with
``scheduler``), then publishes each show's episode and feed in its own folder,
atomically, as ``briefing generate`` does. A show that cannot be made (a bad
config, every source down, its folder busy) is reported in one line and costs
the others nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import BriefingError, ClusterError, OutputError
from .files import folder_lock
from .models import NO_PROGRESS, Article, Episode, StageProgress, Story, is_url
from .options import Summarizer, make_summarizer, run_options
from .pipeline import Planned, make_episode, plan_episode
from .uptodate import summarizer_name

if TYPE_CHECKING:
    from .config import Config
    from .render import Renderer
    from .sources.http import HttpClient, Response

log = logging.getLogger(__name__)

__all__ = ["BatchReport", "ShowOutcome", "find_shows", "raise_open_files_limit", "run_batch"]

#: A show file: the config format's own name.
SHOW_GLOB = "*.toml"
#: Open files a batch asks for when the hard limit is "unlimited".
OPEN_FILES_WANTED = 65536

Status = Literal["made", "up to date", "failed"]


@dataclass(frozen=True)
class ShowOutcome:
    """What became of one show."""

    path: Path
    status: Status
    episode: Episode | None = None
    error: str = ""
    """Why the show failed (one line)."""

    @property
    def name(self) -> str:
        return self.episode.title if self.episode is not None else self.path.stem


@dataclass(frozen=True)
class BatchReport:
    """A batch's shows, in the order given, and what their audio cost."""

    shows: tuple[ShowOutcome, ...]
    blocks: int = 0
    """Blocks the planned episodes asked for, over all shows."""
    rendered: int = 0
    """Unique blocks rendered by this batch."""
    fetched: int = 0
    """URLs fetched (each once, however many shows read it)."""
    summarised: int = 0
    """Articles summarised (each once, however many shows tell it)."""
    seconds: float = 0.0

    @property
    def reused(self) -> int:
        """Blocks given without rendering: shared with another show, or cached."""
        return max(0, self.blocks - self.rendered)

    def count(self, status: Status) -> int:
        return sum(1 for show in self.shows if show.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")


def find_shows(paths: Sequence[Path]) -> tuple[list[Path], list[ShowOutcome]]:
    """The show files named (a folder: its ``*.toml`` files, in name order), and a
    failed outcome for each path that gives none."""
    found: list[Path] = []
    missing: list[ShowOutcome] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.glob(SHOW_GLOB) if p.is_file())
            if not files:
                missing.append(ShowOutcome(path, "failed", error=f"{path}: no show files (*.toml)"))
            found += files
        elif path.is_file():
            found.append(path)
        else:
            missing.append(
                ShowOutcome(path, "failed", error=f"{path}: no such show file or folder")
            )
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique, missing


class _SummariseOnce:
    """A summarizer that summarises each article once for the whole batch: shows that
    tell the same story at the same length share its summary."""

    def __init__(self, inner: Summarizer) -> None:
        self.inner = inner
        self.calls = 0
        self._seen: dict[tuple[Article, Any], Story] = {}
        self._lock = threading.Lock()

    def fingerprint(self) -> object:
        """The inner summarizer's name: a batch's episode has the inputs of ``generate``'s."""
        return summarizer_name(self.inner)

    def __call__(self, article: Article, **options: Any) -> Story:
        key = (article, tuple(sorted(options.items())))
        with self._lock:
            story = self._seen.get(key)
        if story is None:
            story = self.inner(article, **options)
            with self._lock:
                self.calls += 1
                self._seen[key] = story
        return story


def _fetch_once_client(root: Path | None, allow_networks: tuple[str, ...]) -> HttpClient:
    """An HTTP client that fetches each URL once for the batch (its answer, or its
    error, is given again to every show that asks)."""
    from .sources.http import FetchError, FetchPolicy, HttpClient

    class FetchOnce(HttpClient):
        def __init__(self) -> None:
            super().__init__(root, FetchPolicy(allow_networks=allow_networks))
            self.fetched = 0
            self._answers: dict[tuple[str, str, bool], Response | FetchError] = {}
            self._locks: dict[tuple[str, str, bool], threading.Lock] = {}
            self._guard = threading.Lock()

        def get(self, url: str, *, accept: str = "*/*", untrusted: bool = False) -> Response:
            key = (url, accept, untrusted)
            with self._guard:
                lock = self._locks.setdefault(key, threading.Lock())
            with lock:  # a second thread asking for it waits for the first
                if key not in self._answers:
                    self.fetched += 1
                    try:
                        self._answers[key] = super().get(url, accept=accept, untrusted=untrusted)
                    except FetchError as exc:
                        self._answers[key] = exc
                answer = self._answers[key]
            if isinstance(answer, FetchError):
                raise answer
            return answer

    return FetchOnce()


@dataclass
class _Shared:
    """What the shows of a batch share: HTTP clients (one per fetch policy) and
    summarizers (one per kind)."""

    http_cache: Path | None
    summarizer: Summarizer | None
    allow_networks: tuple[str, ...] = ()
    """The batch's own [fetch] allow_networks (a show file's own counts for nothing)."""
    clients: dict[tuple[str, ...], Any] = field(default_factory=dict)
    summarizers: dict[str, _SummariseOnce] = field(default_factory=dict)

    def client(self, config: Config) -> HttpClient | None:
        if config.allow_networks:
            log.warning("%s: [fetch] allow_networks ignored: in a batch, only the batch's own "
                        "setting lets the sources of show files reach more than public "
                        "addresses", config.path)  # fmt: skip
        if not any(is_url(source.location) for source in config.sources):
            return None
        if self.allow_networks not in self.clients:
            self.clients[self.allow_networks] = _fetch_once_client(
                self.http_cache, self.allow_networks
            )
        return self.clients[self.allow_networks]

    def summarise(self, config: Config) -> _SummariseOnce:
        if self.summarizer is not None:
            kind = "given"
        else:
            kind = f"{config.summarizer} {sorted(config.llm.items())!r}"
        if kind not in self.summarizers:
            inner = self.summarizer or make_summarizer(config.summarizer, config.llm)
            self.summarizers[kind] = _SummariseOnce(inner)
        return self.summarizers[kind]

    def close(self) -> None:
        for client in self.clients.values():
            client.close()

    @property
    def fetched(self) -> int:
        return sum(client.fetched for client in self.clients.values())

    @property
    def summarised(self) -> int:
        return sum(s.calls for s in self.summarizers.values())


def run_batch(
    shows: Sequence[Path],
    renderer: Renderer,
    *,
    date: dt.date | None = None,
    now: dt.datetime | None = None,
    force: bool = False,
    wait_s: float = 300.0,
    http_cache: Path | None = None,
    summarizer: Summarizer | None = None,
    progress: StageProgress = NO_PROGRESS,
    allow_networks: Sequence[str] = (),
) -> BatchReport:
    """Make every show's episode for ``date`` (today) through one ``renderer``.

    ``shows`` are show files or folders of them. ``http_cache`` is the folder of the
    HTTP cache (None: none); ``summarizer`` replaces every show's own. A show that
    fails is reported in its outcome (and logged), never raised; a ``renderer`` whose
    scheduler cannot be used raises ``ClusterError`` before any show is published (it is
    the batch's, and no show could be rendered). ``progress`` hears of
    each show's downloads and summaries, then of the blocks of all the shows. The
    sources of show files may reach public addresses only, and networks of
    ``allow_networks`` (the batch's own setting), and read no hidden file."""
    from .config import load_config

    started = time.perf_counter()
    date = date or dt.date.today()
    now = now or dt.datetime.now(dt.UTC)
    paths, outcomes = find_shows(shows)
    results: dict[Path, ShowOutcome] = {}
    planned: list[tuple[Path, Planned]] = []
    folders: dict[Path, Path] = {}
    shared = _Shared(http_cache, summarizer, tuple(allow_networks))
    rendered_before = renderer.rendered
    wanted: list[Any] = []
    with contextlib.closing(shared):
        for path in paths:
            try:
                config = _show_config(path, load_config)
                folder = config.out_dir.resolve()
                if folder in folders:
                    raise OutputError(
                        f"{path}: writes in the same output folder as {folders[folder].name} "
                        f"({config.out_dir}); give each show its own [output] folder"
                    )
                folders[folder] = path
                options = run_options(
                    config, date=date, force=force, wait_s=wait_s,
                    summarizer=shared.summarise(config),
                )  # fmt: skip
                # The show's lock while it is planned, and again while it is published:
                # a thousand shows never hold a thousand descriptors.
                with contextlib.ExitStack() as held:
                    plan = plan_episode(
                        [replace(s, show_file=path) for s in config.sources], options, held,
                        now=now, client=shared.client(config), renderer=renderer,
                        progress=progress,
                    )  # fmt: skip
            except (BriefingError, ValueError, OSError) as exc:
                results[path] = _failed(path, exc)
                continue
            if isinstance(plan, Episode):
                results[path] = ShowOutcome(path, "up to date", plan)
            else:
                planned.append((path, plan))
        # Every block of every show at once: each unique one rendered once, the
        # workers busy from the first show's blocks to the last's, and into the
        # cache, not memory: each show is then made from the cache, one at a time.
        # A block that fails is met again (from the renderer's memory) when its
        # show is made.
        wanted = [spec for _, plan in planned for spec in plan.blocks()]
        if wanted:
            log.info("%d shows ask for %d blocks", len(planned), len(wanted))
            try:
                renderer.prepare(wanted, progress.rendering)
            except ClusterError:
                raise  # the batch's own scheduler: no show can be rendered
            except (BriefingError, OSError) as exc:  # an engine that cannot be used at
                # all, no descriptor left: each show meets it again below (and falls back,
                # or fails on its own)
                log.warning("%s", exc)
        for path, plan in planned:
            try:
                with folder_lock(plan.options.out_dir, wait_s):
                    results[path] = ShowOutcome(path, "made", make_episode(plan, renderer))
            except (BriefingError, ValueError, OSError) as exc:
                results[path] = _failed(path, exc)
        fetched, summarised = shared.fetched, shared.summarised
    ordered = [*outcomes, *(results[path] for path in paths)]
    return BatchReport(
        tuple(ordered), len(wanted), renderer.rendered - rendered_before, fetched, summarised,
        time.perf_counter() - started,
    )  # fmt: skip


def _show_config(path: Path, load: Callable[[Path], Config]) -> Config:
    """A show file's config; its own [render] cache and scheduler are ignored (with a
    warning): the batch renders every show's blocks at once, in its own cache, and a
    show may not send the others' blocks anywhere."""
    config = load(path)
    named = [name for name in ("cache", "scheduler") if getattr(config, name) is not None]
    if named:
        log.warning(
            "%s: [render] %s ignored: in a batch, blocks are kept and rendered where the "
            "batch says (--cache, --scheduler)", path, " and ".join(named),
        )  # fmt: skip
    return config


def raise_open_files_limit() -> None:
    """Let this process open as many files as the system allows it (the soft limit up
    to the hard one): a batch of many shows opens many at once."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    with contextlib.suppress(ValueError, OSError):  # not allowed: the limit stays
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = max(soft, OPEN_FILES_WANTED) if hard == resource.RLIM_INFINITY else hard
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def _failed(path: Path, exc: Exception) -> ShowOutcome:
    message = str(exc)
    if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
        message = "too many open files; raise `ulimit -n` or give the batch fewer shows"
    elif isinstance(exc, OSError):
        message = f"{exc.strerror or type(exc).__name__}: {exc.filename or ''}".rstrip(": ")
    if str(path) not in message and path.name not in message:
        message = f"{path}: {message}"
    log.info("show not made: %s", message)
    return ShowOutcome(path, "failed", error=message)


def outcome_lines(report: BatchReport) -> Iterator[str]:
    """The batch's summary table, line by line (the CLI prints it)."""
    width = max([len(show.path.name) for show in report.shows] + [4])
    yield f"{'show':<{width}}  {'result':<10}  detail"
    for show in report.shows:
        if show.status == "failed":
            detail = show.error
        else:
            episode = show.episode
            assert episode is not None
            count = len(episode.stories)
            minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
            detail = f"{count} {'story' if count == 1 else 'stories'}, {minutes}:{seconds:02d}"
            detail += f", {episode.mp3_path}"
        yield f"{show.path.name:<{width}}  {show.status:<10}  {detail}"
    yield (
        f"shows: {report.count('made')} made, {report.count('up to date')} up to date "
        f"(skipped), {report.failed} failed; blocks: {report.rendered} rendered, "
        f"{report.reused} reused; {report.fetched} URLs fetched, {report.summarised} "
        f"articles summarised; {report.seconds:.1f} s"
    )
