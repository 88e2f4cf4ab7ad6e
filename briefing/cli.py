"""The command line: parse, call the library once, report.

Only this module prints. Library errors become one-line messages and a
non-zero exit; ``-v`` shows the details (and the traceback of an unexpected error).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import math
import re
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import click

from . import entry
from .config import load_config, parse_duration
from .errors import BriefingError
from .models import SegmentKind, SourceConfig, StageProgress
from .options import KEEP_RANGE, MAX_WORDS_RANGE, MINUTES_RANGE
from .versions import __version__
from .voices import MAX_RATE, MIN_RATE

log = logging.getLogger("briefing")


#: Characters never printed as they are: C0 and C1 controls (a feed title's raw
#: "ESC ] 0 ; ... BEL" would retitle or reprogram the terminal) and the bidirectional
#: overrides that make a line read other than it is.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, lines: bool = True) -> str:
    """``text`` safe for a terminal: control characters become U+FFFD; a tab becomes a
    space; with ``lines`` False, line breaks too (a log record is one line)."""
    text = text.replace("\t", " ")
    if not lines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _UNPRINTABLE.sub("\ufffd", text)


def _echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """The only way this module prints: control characters never reach the terminal."""
    click.echo(printable(message), err=err, nl=nl)


class _ClickHandler(logging.Handler):
    """Log records to standard error, one line each ("warning: ..." for problems)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.levelno >= logging.WARNING:
                message = f"{record.levelname.lower()}: {message}"
            with _TERMINAL:  # a bar drawn from another thread waits for the line
                _ProgressBar.leave_line()
                _echo(printable(message, lines=False), err=True)
        except Exception:  # pragma: no cover - never let logging break the run
            self.handleError(record)


def _setup_logging(verbose: int, quiet: bool) -> None:
    if quiet:
        level = logging.ERROR
    elif verbose >= 2:
        level = logging.DEBUG
    elif verbose == 1:
        level = logging.INFO
    else:
        level = logging.WARNING
    logger = logging.getLogger("briefing")
    logger.handlers[:] = [_ClickHandler()]
    logger.setLevel(level)
    logger.propagate = False


def _common(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add -v/-q to a command, set up logging, and turn library errors into one line."""

    @click.option("-v", "--verbose", count=True, help="Say more (-vv for debug detail).")
    @click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bar.")
    @functools.wraps(command)
    def wrapper(*args: Any, verbose: int, quiet: bool, **kwargs: Any) -> Any:
        _setup_logging(verbose, quiet)
        ctx = click.get_current_context()
        ctx.meta["briefing.quiet"] = quiet
        try:
            return command(*args, **kwargs)
        except BriefingError as exc:
            error = click.ClickException(str(exc))
            # click declares exit_code a ClassVar; each library error brings its own.
            error.exit_code = exc.exit_code  # type: ignore[misc]
            raise error from None
        except (click.ClickException, click.Abort, click.exceptions.Exit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the output's reader has gone (| head): click ends quietly
            raise
        except Exception as exc:
            if verbose:
                raise
            raise click.ClickException(
                f"unexpected error: {type(exc).__name__}: {exc} (run again with -v for details)"
            ) from None

    return wrapper


def _out_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path),  # checked by the library, with a one-line error
        default=None,
        help=f"{help_text} [default: the config's output folder, else out]",
    )


def _voice_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--voice",
        "voices",
        multiple=True,
        metavar="NAME",
        help="Voice profile (see `briefing voices`); repeat to alternate voices between "
        "stories. The first one hosts. [default: presenter (neural), alone]",
    )(command)


def _date_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--date",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Date of the briefing, YYYY-MM-DD. [default: today]",
    )(command)


def _script_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--title", default=None, help="The show's name. [default: The Daily Briefing]"
    )(command)
    command = click.option(
        "--max-words",
        type=click.IntRange(*MAX_WORDS_RANGE),
        default=None,
        help="Words per story summary at most. [default: about 40-90]",
    )(command)
    return command


class _Finite(click.FloatRange):
    """A finite number in a range: "nan" and "inf" are not a time to wait or a length."""

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def _wait_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--wait",
        "wait_s",
        type=_Finite(0, 86_400),
        default=300,
        show_default=True,
        metavar="SECONDS",
        help=help_text,
    )


def _publish_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = _wait_option(
        "While another briefing run writes in the output folder, wait this long "
        "for it, then give up (exit status 75)."
    )(command)
    command = click.option(
        "--keep",
        type=click.IntRange(*KEEP_RANGE),
        default=None,
        metavar="N",
        help="Keep only the newest N episodes (older files are deleted). [default: all]",
    )(command)
    command = click.option(
        "--base-url",
        default=None,
        metavar="URL",
        help="Public URL of the output folder, for the feed's links (remembered). "
        "[default: the last one given, else http://localhost:8000/]",
    )(command)
    return command


def _config_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Config file. [default: ./briefing.toml, else the user config folder's]",
    )(command)


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.timedelta | None:
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--wpm",
        type=click.IntRange(MIN_RATE, MAX_RATE),
        default=None,
        help="Speaking rate of every voice in words per minute. [default: each voice's own]",
    )(command)
    command = click.option(
        "--summarizer",
        type=click.Choice(["extractive", "llm"]),
        default=None,
        help="extractive (offline) or llm (an OpenAI-compatible endpoint set in the config "
        "or BRIEFING_LLM_*; falls back to extractive on any error). [default: extractive]",
    )(command)
    command = click.option(
        "--minutes",
        type=_Finite(*MINUTES_RANGE),
        default=None,
        help="Target length: the lowest-ranked stories are left out to fit. [default: all]",
    )(command)
    command = click.option(
        "--since",
        callback=_since,
        default=None,
        metavar="DURATION",
        help="Leave out feed items older than this (90m, 24h, 2d, 1w). [default: 24h]",
    )(command)
    return command


_cache_dir_option = click.option(
    "--cache",
    "cache_dir",
    default=None,
    metavar="DIR|URL",
    help="The segment cache (rendered speech, reused by later runs): a folder, or an "
    "fsspec URL such as file:///mnt/shared/briefing or s3://bucket/prefix (with s3fs), "
    "which many machines may share. [default: the config's [render] cache, else "
    "$BRIEFING_CACHE_DIR, else the user cache folder]",
)


def _render_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:8786",
        help="Render speech on this Dask cluster (pip install 'briefing-podcast[dask]'); "
        "give it a --cache every worker can reach. [default: the config's [render] "
        "scheduler, else worker processes on this machine]",
    )(command)
    command = click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=None,
        metavar="N",
        help="Worker processes that render speech; 0 renders in this process. "
        "[default: one per core]",
    )(command)
    command = click.option(
        "--force",
        is_flag=True,
        help="Make the episode even when it is up to date (made from the same inputs).",
    )(command)
    command = click.option(
        "--no-cache",
        is_flag=True,
        help="Render every block again, and keep nothing (the cache is neither read nor "
        "written); implies --force.",
    )(command)
    return _cache_dir_option(command)


def _segment_cache(location: str | None) -> Any:
    from .render.store import open_store

    return open_store(location)


def _local_cache_root(location: str | None) -> Path:
    """The folder of the HTTP and LLM caches: the segment cache's when it is a folder
    of this machine, else the default one."""
    from urllib.parse import unquote, urlsplit

    from .render.cache import default_cache_dir

    if location is None:
        return default_cache_dir()
    if location.startswith("file://"):
        return Path(unquote(urlsplit(location).path))
    if "://" in location:
        return default_cache_dir()
    return Path(location)


def _renderer(
    config: Any, cache: str | None, no_cache: bool, jobs: int | None, scheduler: str | None
) -> Any:
    """The run's renderer: the cache (or none), local workers or a Dask cluster."""
    from .render import Renderer

    if no_cache and cache is not None:
        raise click.UsageError("--cache and --no-cache cannot be used together")
    store = None if no_cache else _segment_cache(cache or config.cache)
    return Renderer(store, jobs=jobs, scheduler=scheduler or config.scheduler)


@contextlib.contextmanager
def _http_client(
    sources: list[Any], config: Any, cache_dir: str | None, cached: bool
) -> Iterator[Any]:
    """The run's HTTP client, closed after the run, when a source is a URL (else None):
    the HTTP cache beside the segment cache (conditional GET), and the config's
    [fetch] allow_networks."""
    from .models import is_url

    if not any(is_url(str(getattr(source, "location", source))) for source in sources):
        yield None
        return
    from .sources.http import FetchPolicy, HttpClient

    root = _local_cache_root(cache_dir) if cached else None
    with HttpClient(root, FetchPolicy(allow_networks=config.allow_networks)) as client:
        yield client


def _sources_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("sources", nargs=-1, metavar="[SOURCE]...")(command)


def _as_date(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Turn the day's news into a podcast-style audio briefing, offline.

    \b
    Example:
      briefing generate articles/*.txt --out out/ --voice anchor
    """


@cli.command()
@_sources_argument
@_out_option("Folder for the episode files, the feed and the store.")
@_date_option
@_voice_option
@_script_options
@_selection_options
@click.option(
    "--bitrate",
    type=click.Choice(["64", "80", "96"]),
    default="64",
    show_default=True,
    help="MP3 bit rate in kbit/s (mono).",
)
@click.option(
    "--edition",
    "editions",
    type=click.Choice(["epub", "daisy"]),
    multiple=True,
    help="Also write a talking-book edition beside the MP3: epub (EPUB 3 with Media "
    "Overlays, for reading apps that read aloud) or daisy (DAISY 2.02, zipped, for DAISY "
    "players); repeat for both. [default: the config's [output] editions, else none]",
)
@_publish_options
@_render_options
@_config_option
@_common
def generate(
    sources: tuple[str, ...],
    out_dir: Path | None,
    date: dt.datetime | None,
    voices: tuple[str, ...],
    title: str | None,
    max_words: int | None,
    since: dt.timedelta | None,
    minutes: float | None,
    summarizer: str | None,
    wpm: int | None,
    bitrate: str,
    editions: tuple[str, ...],
    base_url: str | None,
    keep: int | None,
    wait_s: float,
    cache_dir: str | None,
    no_cache: bool,
    force: bool,
    jobs: int | None,
    scheduler: str | None,
    config_path: Path | None,
) -> None:
    """Make the briefing MP3 (and its script) from news feeds and articles.

    A SOURCE is an RSS/Atom feed URL, a web page URL, an article file (first
    line the headline, then the body), a folder of .txt articles, or - for
    standard input. With no SOURCE, the config's sources are used, else the
    bundled sample articles. Besides the MP3 it writes the script,
    transcripts (.vtt, .srt) and chapters, and updates the podcast feed
    (feed.xml) and flash-briefing.json in the output folder. Running again
    for the same date replaces that day's episode. The MP3's path is printed last.

    Speech is rendered in worker processes, one per core, and kept in the
    segment cache: a run renders only what no earlier run has (new stories
    are rendered, the rest reused). A run whose inputs (articles, options,
    voices) have not changed since the day's episode was made does nothing
    and says so; --force makes it again.

    \b
    Examples:
      briefing generate articles/*.txt --out out/ --date 2026-11-25 --voice anchor
      briefing generate https://example.org/feed.xml ./saved-article.txt
      briefing generate --config briefing.toml --minutes 10
      briefing generate saved/ --base-url https://example.org/briefing/ --keep 14
      briefing generate saved/ --edition epub --edition daisy
      cat story.txt | briefing generate -
    """
    from .options import run_options
    from .pipeline import generate as run

    config = load_config(config_path)
    renderer = _renderer(config, cache_dir, no_cache, jobs, scheduler)
    quiet = click.get_current_context().meta.get("briefing.quiet", False)
    chosen: list[str | Path | SourceConfig] = list(sources) or list(config.sources)
    options = run_options(
        config, out_dir=out_dir, date=_as_date(date), title=title, voices=voices,
        max_words=max_words, bitrate_kbps=int(bitrate), base_url=base_url, keep=keep,
        minutes=minutes, since=since, summarizer=summarizer, wpm=wpm,
        force=force or no_cache, wait_s=wait_s, editions=editions,
    )  # fmt: skip
    http = _http_client(chosen, config, cache_dir or config.cache, cached=not no_cache)
    with http as client, _progress_bars(quiet) as progress:
        episode = run(chosen, options, client=client, progress=progress, renderer=renderer)
    if not quiet:
        _report(episode)
    _echo(str(episode.mp3_path))


@cli.command()
@click.argument(
    "shows", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="SHOW..."
)
@_date_option
@_wait_option(
    "While another briefing run writes in a show's output folder, wait this long for "
    "it, then fail that show."
)
@_render_options
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The batch's own config: its [render] cache and scheduler, and [fetch] "
    "allow_networks (the private networks show files' sources may reach). Its [show] and "
    "sources are not used. [default: none; no config is looked for]",
)
@_common
def batch(
    shows: tuple[Path, ...],
    date: dt.datetime | None,
    wait_s: float,
    cache_dir: str | None,
    no_cache: bool,
    force: bool,
    jobs: int | None,
    scheduler: str | None,
    config_path: Path | None,
) -> None:
    """Make the episodes of many shows in one run, each story rendered once.

    A SHOW is a config file in the briefing.toml format (its [show], [[sources]],
    [briefing] voices and minutes, [output] folder), or a folder of them (*.toml).
    Every source URL is fetched once, every article summarised once and every
    unique block of speech rendered once for all the shows; each show's episode
    and feed are published in its own output folder, atomically. A show that
    cannot be made is reported in one line and the others are made. A table at
    the end says what was made; the exit status is the number of shows that
    failed (0: all made or up to date).

    Rendering uses the worker processes of this machine, or the Dask cluster of
    --scheduler, and keeps the blocks in --cache (else the default cache), or
    those of the batch's own --config: a show file's own [render] cache and
    scheduler are ignored, with a warning. Show files may be other people's: their
    sources reach public addresses only, unless the batch's --config lists networks
    in [fetch] allow_networks, and read no hidden file.

    \b
    Examples:
      briefing batch shows/
      briefing batch shows/*.toml --date 2026-12-02 --jobs 4
      briefing batch shows/ --scheduler tcp://render-1:8786 --cache s3://bucket/briefing
      briefing batch shows/ --config batch.toml
    """
    from .batch import outcome_lines, raise_open_files_limit, run_batch
    from .config import Config, load_config

    raise_open_files_limit()
    # Where the blocks are kept and rendered, and which private networks show files'
    # sources may reach, are the batch's settings, never a show file's: every show's
    # blocks are rendered at once (run_batch warns of a show's own [render]).
    config = load_config(config_path) if config_path is not None else Config()
    renderer = _renderer(config, cache_dir, no_cache, jobs, scheduler)
    quiet = click.get_current_context().meta.get("briefing.quiet", False)
    root = None if no_cache else _local_cache_root(cache_dir or config.cache)
    with renderer, _progress_bars(quiet) as progress:
        report = run_batch(
            list(shows), renderer, date=_as_date(date), force=force or no_cache,
            wait_s=wait_s, http_cache=root, progress=progress,
            allow_networks=config.allow_networks,
        )  # fmt: skip
    if quiet:
        for show in report.shows:
            if show.status == "failed":
                _echo(f"error: {show.error}", err=True)
    else:
        for line in outcome_lines(report):
            _echo(line, err=True)
    for show in report.shows:
        if show.episode is not None:
            _echo(str(show.episode.mp3_path))
    if report.failed:
        raise click.exceptions.Exit(min(report.failed, MAX_FAILED_STATUS))


#: The highest exit status that counts failed shows (75 and up mean other things).
MAX_FAILED_STATUS = 70


def _report(episode: Any) -> None:
    """The run's summary, on standard error."""
    count = sum(1 for c in episode.chapters if c.kind is SegmentKind.STORY)
    stories = f"{count} {'story' if count == 1 else 'stories'}"
    minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
    if episode.up_to_date:
        _echo(
            f"{episode.title}: {stories}, {minutes}:{seconds:02d}; up to date "
            "(made from the same inputs; --force makes it again)",
            err=True,
        )
        return
    _echo(
        f"{episode.title}: {stories}, {minutes}:{seconds:02d}; script in {episode.script_path}",
        err=True,
    )
    if episode.skipped:
        _echo(f"Skipped {len(episode.skipped)}:", err=True)
        for line in episode.skipped:
            _echo(f"  - {line}", err=True)
    if episode.duplicates:
        _echo(f"Told once (duplicates left out): {', '.join(episode.duplicates)}", err=True)
    if episode.dropped:
        _echo(f"Left out to fit the time: {'; '.join(episode.dropped)}", err=True)
    for book in episode.books:
        _echo(f"Talking book: {book}", err=True)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced, or closed
        return False


#: Held while a line is written to standard error: downloads report their progress from
#: their own threads, and a message must not land in the middle of a bar.
_TERMINAL = threading.RLock()
#: Characters of what a bar is working on shown after it (a URL, a headline).
PROGRESS_ITEM_CHARS = 40


def _progress_item(item: str | None) -> str:
    """What a bar works on, short and safe for a terminal: "example.org/news/a-long-…"."""
    if not item:
        return ""
    text = printable(re.sub(r"^https?://(?:www\.)?", "", item), lines=False)
    return text if len(text) <= PROGRESS_ITEM_CHARS else text[: PROGRESS_ITEM_CHARS - 1] + "…"


class _ProgressBar:
    """A click progress bar on standard error, created at the first update, with what is
    being worked on after it ("3/12  example.org/feed.xml"), and ended when its work is
    done (a later update starts a new one). A total that grows (a feed names pages to
    fetch) lengthens the bar; one that shrinks, or work that starts over, starts a new bar."""

    #: The bar drawn last on a terminal line a log message would continue.
    _on_line: ClassVar[_ProgressBar | None] = None

    def __init__(self, enabled: bool, label: str = "Rendering speech") -> None:
        self.enabled = enabled
        self.label = label
        self._bar: Any = None
        self._done = 0

    def update(self, done: int, total: int, label: str) -> None:
        if not self.enabled:
            return
        with _TERMINAL:
            self._update(done, total, label)

    def _update(self, done: int, total: int, label: str) -> None:
        if self._bar is not None and (done < self._done or total < self._bar.length):
            self.close()  # a story could not be spoken: the show is made again without it
        if self._bar is None:
            self._done = 0
            self._bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_pos=True,
                item_show_func=_progress_item,
            )  # fmt: skip
            self._bar.__enter__()
        self._bar.length = total
        self._bar.update(done - self._done, current_item=label)
        if done == self._done:
            self._bar.render_progress()  # the same count, a new item
        self._done = done
        if _stderr_is_terminal():
            _ProgressBar._on_line = self
        if done >= total:
            self.close()

    def close(self) -> None:
        with _TERMINAL:
            if self._bar is not None:
                self._bar.__exit__(None, None, None)
                self._bar = None
            if _ProgressBar._on_line is self:
                _ProgressBar._on_line = None

    @classmethod
    def leave_line(cls) -> None:
        """End the line a bar is drawn on, so that a message is printed on its own; the
        bar is drawn again below it at its next update."""
        if cls._on_line is not None:
            cls._on_line = None
            click.echo("", err=True)


@contextlib.contextmanager
def _progress_bars(quiet: bool, *, rendering: bool = True) -> Iterator[StageProgress]:
    """Bars for a run's stages, closed however it ends (a bar left open leaves the cursor
    hidden): fetching and summarising on a terminal only, rendering unless -q."""
    shown = not quiet and _stderr_is_terminal()
    bars = [_ProgressBar(shown, "Fetching"), _ProgressBar(shown, "Summarising")]
    if rendering:
        bars.append(_ProgressBar(not quiet))
    try:
        yield StageProgress(*(bar.update for bar in bars))
    finally:
        for bar in bars:
            bar.close()


@cli.command()
@_sources_argument
@_date_option
@_voice_option
@_script_options
@_selection_options
@_config_option
@_common
def script(
    sources: tuple[str, ...],
    date: dt.datetime | None,
    voices: tuple[str, ...],
    title: str | None,
    max_words: int | None,
    since: dt.timedelta | None,
    minutes: float | None,
    summarizer: str | None,
    wpm: int | None,
    config_path: Path | None,
) -> None:
    """Print the spoken script of a briefing, without making audio.

    Takes the same SOURCEs as `generate` (feeds, pages, files, folders, - for
    standard input; the config's sources or the bundled samples when none is given).

    \b
    Examples:
      briefing script article.txt
      briefing script https://example.org/feed.xml --since 12h
      briefing script articles/ --date 2026-11-25 > script.txt
    """
    from .options import run_options
    from .pipeline import prepare_script

    config = load_config(config_path)
    options = run_options(
        config, date=_as_date(date), title=title, voices=voices, max_words=max_words,
        minutes=minutes, since=since, summarizer=summarizer, wpm=wpm,
    )  # fmt: skip
    chosen: list[str | Path | SourceConfig] = list(sources) or list(config.sources)
    quiet = click.get_current_context().meta["briefing.quiet"]
    bars = _progress_bars(quiet, rendering=False)
    with _http_client(chosen, config, None, cached=True) as client, bars as progress:
        prepared = prepare_script(chosen, options, client=client, progress=progress)
    _echo(prepared.script.to_text(), nl=False)


@cli.group()
def cache() -> None:
    """The segment cache: rendered speech that later runs reuse.

    \b
    Examples:
      briefing cache info
      briefing cache clear
      briefing cache clear --cache /var/cache/briefing
    """


@cache.command("info")
@_cache_dir_option
@_common
def cache_info(cache_dir: str | None) -> None:
    """Say where the segment cache is and how big."""
    segments = _segment_cache(cache_dir)
    entries, size = segments.size()
    _echo(f"{_where(segments)}: {entries} blocks, {size / 1e6:.1f} MB")


@cache.command("clear")
@_cache_dir_option
@_common
def cache_clear(cache_dir: str | None) -> None:
    """Remove every rendered block from the segment cache."""
    segments = _segment_cache(cache_dir)
    removed = segments.clear()
    _echo(f"removed {removed} blocks from {_where(segments)}")


def _where(store: Any) -> str:
    """Where a block store keeps its blocks: a local cache's folder, else its URL."""
    return str(getattr(store, "folder", None) or store.location)


@cli.command()
@click.option("--engine-voices", is_flag=True, help="Also list every voice the engines offer.")
@_common
def voices(engine_voices: bool) -> None:
    """List the voice profiles and the engine voices they use.

    Profiles are TOML files in the voices/ folder (and in the folders of
    $BRIEFING_VOICES). Use a profile with `briefing generate --voice NAME`.

    \b
    Examples:
      briefing voices
      briefing voices --engine-voices
    """
    from .languages import KNOWN
    from .tts import get_engine
    from .voices import default_voices, list_profiles, profile_dirs, show_voices

    profiles = list_profiles()
    if not profiles:
        dirs = ", ".join(str(d) for d in profile_dirs())
        raise click.ClickException(f"no voice profiles found in: {dirs}")
    engines: dict[str, Any] = {}
    for name in sorted({p.engine for p in profiles}):
        try:
            engines[name] = get_engine(name)
        except BriefingError as exc:
            log.warning("%s", exc)
    width = max(len(p.name) for p in profiles)
    for profile in profiles:
        engine = engines.get(profile.engine)
        resolved = ""
        if engine is not None:
            try:
                name = engine.resolve_voice(profile.voice)
                resolved = f" ({name})" if name != profile.voice else ""
            except BriefingError as exc:
                resolved = f" (missing: {exc})"
        _echo(
            f"{profile.name:<{width}}  {profile.engine}: {profile.voice}{resolved}, "
            f"{profile.rate} wpm, volume {profile.volume:g}, {profile.language}  "
            f"{profile.description}"
        )
    _echo("")
    _echo(f"default show: {', '.join(default_voices())} (the first hosts)")
    for tag in KNOWN:
        if tag != "en":
            _echo(f"default show in {tag}: {', '.join(show_voices(tag))}")
    for name, engine in engines.items():
        _echo(f"engine {name}: {engine.describe()}")
        if engine_voices:
            for voice in engine.voices():
                languages = ", ".join(voice.languages)
                _echo(f"  {voice.id:<28} {voice.name} [{languages}]")


@cli.command()
@_out_option("The output folder with the episodes.")
@click.option("--title", default=None, help="Rename the show.")
@_publish_options
@_config_option
@_common
def feed(
    out_dir: Path | None,
    title: str | None,
    base_url: str | None,
    keep: int | None,
    wait_s: float,
    config_path: Path | None,
) -> None:
    """Rebuild the podcast feed (feed.xml) and flash-briefing.json from the episodes.

    Use it to change the base URL or the title, or to prune old episodes,
    without making a new one. The feed's path is printed last.

    \b
    Examples:
      briefing feed --out out/ --base-url https://example.org/briefing/
      briefing feed --out out/ --keep 7
    """
    from .options import run_options
    from .publish import rebuild

    options = run_options(
        load_config(config_path), out_dir=out_dir, base_url=base_url, keep=keep, title=title,
        wait_s=wait_s,
    )  # fmt: skip
    published = rebuild(
        options.out_dir, base_url=options.base_url, keep=options.keep, show=options.show,
        title=options.title, wait_s=options.wait_s,
    )  # fmt: skip
    if not click.get_current_context().meta.get("briefing.quiet"):
        removed = f", removed {', '.join(published.removed)}" if published.removed else ""
        count = f"{published.episodes} episode{'s' if published.episodes != 1 else ''}"
        _echo(f"{count}{removed}; URLs under {published.base_url}", err=True)
    _echo(str(published.feed_path))


@cli.command()
@_out_option("The output folder to serve.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets phones on the local network subscribe.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="TCP port (0 picks a free one).")  # fmt: skip
@_config_option
@_common
def serve(out_dir: Path | None, host: str, port: int, config_path: Path | None) -> None:
    """Serve the output folder to podcast apps: the feed, episodes, transcripts.

    Supports seeking (byte ranges) and HEAD. Only files inside the folder are
    served. Without a configured base URL, the feed's links point at this server.
    Stop with Ctrl-C.

    \b
    Examples:
      briefing serve --out out/
      briefing serve --out out/ --host 0.0.0.0 --port 8080
    """
    from .serve import make_server

    out_dir = out_dir or load_config(config_path).out_dir
    server = make_server(out_dir, host, port)
    _echo(f"Serving {out_dir} at {server.url} (feed: {server.url}feed.xml); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        _echo("Stopped.", err=True)
    finally:
        server.server_close()


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@_common
def init(path: Path | None, force: bool) -> None:
    """Write a starter briefing.toml to edit: the show, voices, feeds.

    PATH defaults to ./briefing.toml. The file is commented: every setting
    and its default is explained. The path written is printed.

    \b
    Examples:
      briefing init
      briefing init ~/.config/briefing/briefing.toml
    """
    from .config import CONFIG_NAME, write_starter

    _echo(str(write_starter(path or Path(CONFIG_NAME), force=force)))


#: Exit statuses (the README has the table).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_INTERRUPTED = 0, 1, 2, 75, entry.EXIT_INTERRUPTED


def main() -> None:
    """Console-script entry point: the command's exit status, and for Ctrl-C (or
    SIGTERM) one line and status 130 after the run has cleaned up (no partial
    file, the previous episode as it was, the render workers stopped)."""
    import signal

    with contextlib.suppress(ValueError):  # not the main thread: leave SIGTERM alone
        signal.signal(signal.SIGTERM, entry.terminated)
    try:
        # Without standalone mode, click returns the status of a command that ended
        # with click.exceptions.Exit (batch: the number of failed shows).
        status = cli.main(prog_name="briefing", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        _echo(entry.INTERRUPTED, err=True)
        entry.exit_at_once(EXIT_INTERRUPTED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        # click declares message Final; what is shown is made printable first.
        exc.message = printable(exc.message, lines=False)  # type: ignore[misc]
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(status if isinstance(status, int) else EXIT_OK)
