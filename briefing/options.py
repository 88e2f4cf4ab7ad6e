"""The choices of one run, apart from the voices' own settings.

As piper keeps a voice's static config apart from each synthesis's
``SynthesisConfig``, a voice profile (``voices.VoiceProfile``) says how a voice
sounds and ``RunOptions`` says what this run makes: which date, for which show,
how long, in which voices, published where. ``run_options`` builds it once from
the config file and the command line's flags, for the CLI and library users
alike; ``pipeline.generate(sources, options)`` takes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from .models import Article, Show, Story
from .publish.books import BookFormat

if TYPE_CHECKING:
    from .config import Config

#: Turns an article into a story: ``summarize.summarize_article`` or an ``LlmSummarizer``.
Summarizer = Callable[..., Story]


@runtime_checkable
class Fingerprinted(Protocol):
    """A summarizer whose output depends on more than its code (an LLM's endpoint
    and model): ``fingerprint()`` names that, for the run's inputs."""

    def fingerprint(self) -> object: ...


DEFAULT_BITRATE_KBPS = 64
DEFAULT_SINCE = dt.timedelta(hours=24)
#: The ranges a run's values may take, for the command line and the config alike
#: (a voice's speaking rate: ``voices.MIN_RATE`` to ``voices.MAX_RATE``).
MAX_WORDS_RANGE = (10, 400)
MINUTES_RANGE = (0.5, 600.0)
KEEP_RANGE = (1, 100_000)


class Extractive:
    """The offline summarizer, ``summarize.summarize_article``, imported at its first
    article: its rules' patterns cost a run about 20 ms of start that a run finding its
    episode up to date never needs. Told the show's language (``speaks_languages``)."""

    speaks_languages: ClassVar[bool] = True

    def __call__(self, article: Article, **options: Any) -> Story:
        from .summarize import summarize_article

        return summarize_article(article, **options)

    def fingerprint(self) -> object:
        """The name the runs' inputs have always given it (an episode made before stays
        up to date)."""
        return "briefing.summarize.summarize_article"


#: The one extractive summarizer (one object, so that two RunOptions compare equal).
EXTRACTIVE = Extractive()


@dataclass(frozen=True)
class RunOptions:
    """What one run makes (every field has the default a run without flags uses)."""

    out_dir: Path = Path("out")
    """The output folder: the episodes, the feed, the page."""
    date: dt.date | None = None
    """The episode's date (today when None)."""
    show: Show | None = None
    """The show; None: the one the output folder's store remembers."""
    title: str | None = None
    """Renames the show."""
    voices: tuple[str, ...] = ()
    """Voice profile names; empty: the default show."""
    max_words: int | None = None
    """The top story's words at most (the last gets half)."""
    minutes: float | None = None
    """Target length: the lowest-ranked stories are dropped to fit."""
    since: dt.timedelta | None = DEFAULT_SINCE
    """Feed items older than this are left out (None: none is)."""
    wpm: int | None = None
    """Every voice's speaking rate, overriding the profiles'."""
    summarizer: Summarizer = EXTRACTIVE
    bitrate_kbps: int = DEFAULT_BITRATE_KBPS
    base_url: str | None = None
    """Public URL of the output folder, for the feed."""
    keep: int | None = None
    """Keep only the newest N episodes."""
    editions: tuple[BookFormat, ...] = ()
    """Talking-book editions written beside the MP3 (EPUB 3, DAISY 2.02)."""
    force: bool = False
    """Make the episode even when it is up to date."""
    wait_s: float = 300.0
    """How long to wait for another run writing in the same folder."""

    def with_(self, **changes: Any) -> RunOptions:
        """These options with some fields changed (unknown names are a TypeError)."""
        if "voices" in changes:
            changes["voices"] = tuple(changes["voices"])
        if "editions" in changes:
            changes["editions"] = editions_of(changes["editions"])
        return replace(self, **changes) if changes else self

    def shown(self) -> Show:
        """The show as this run names it (for a script made without a store)."""
        show = self.show or Show()
        return replace(show, title=self.title) if self.title else show


FIELDS = frozenset(f.name for f in fields(RunOptions))


def editions_of(names: Any) -> tuple[BookFormat, ...]:
    """Talking-book editions by name ("epub", "daisy"), each once, in a fixed order."""
    wanted = {BookFormat(name) if isinstance(name, str) else name for name in names}
    return tuple(kind for kind in BookFormat if kind in wanted)


def run_options(
    config: Config | None = None, *, summarizer: str | Summarizer | None = None, **flags: Any
) -> RunOptions:
    """The run's options: the config file's values (``config``), overridden by every
    flag given (not None and not empty). ``summarizer`` may name one ("extractive",
    "llm": made with the config's [llm] settings). A config that came from no file
    leaves ``show`` to the output folder's store."""
    unknown = set(flags) - FIELDS
    if unknown:
        raise TypeError(f"unknown run options: {', '.join(sorted(unknown))}")
    base: dict[str, Any] = {}
    kind: str | Summarizer | None = summarizer
    if config is not None:
        base = {
            "out_dir": config.out_dir,
            "show": config.show if config.path else None,
            "voices": tuple(config.voices),
            "max_words": config.max_words,
            "minutes": config.minutes,
            "since": config.since,
            "wpm": config.wpm,
            "base_url": config.base_url,
            "keep": config.keep,
            "editions": config.editions,
        }
        kind = summarizer or config.summarizer
    given = {k: v for k, v in flags.items() if v is not None and v != ()}
    if "voices" in given:
        given["voices"] = tuple(given["voices"])
    if "editions" in given:
        given["editions"] = editions_of(given["editions"])
    if kind is not None:
        given["summarizer"] = (
            make_summarizer(kind, config.llm if config else None) if isinstance(kind, str) else kind
        )
    return RunOptions(**{**base, **given})


def make_summarizer(kind: str = "extractive", llm: dict[str, Any] | None = None) -> Summarizer:
    """The summarizer called ``kind``: "extractive", or "llm" with its settings
    (base_url, model, api_key, timeout_s; the environment fills what is missing)."""
    if kind == "extractive":
        return EXTRACTIVE
    if kind == "llm":
        from .render.cache import default_cache_dir
        from .summarize.llm import LlmSettings, LlmSummarizer

        return LlmSummarizer(LlmSettings.from_env(**(llm or {})), default_cache_dir())
    raise ValueError(f"unknown summarizer {kind!r}; use extractive or llm")
