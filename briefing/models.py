"""The values that flow through the pipeline, one way.

    sources -> Article -> summarize -> Story -> script -> Script(Segment...)
            -> render (BlockSpec -> tts -> mix -> CachedBlock) -> Episode

Each is a frozen dataclass: a stage never changes what an earlier stage made.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, label)`` as long work goes on: the library reports,
the command line shows (a bar on a terminal)."""


@dataclass(frozen=True)
class StageProgress:
    """Where each stage of a run reports how far it is (None: it says nothing)."""

    fetching: Progress | None = None
    """(done, total, URL) as downloads start and end; the total grows as feeds name
    the pages of their teaser items."""
    summarising: Progress | None = None
    """(done, total, headline) as each summary starts, and once all are done."""
    rendering: Progress | None = None
    """(done, total, title) as blocks of audio are ready."""


#: A run that reports nothing.
NO_PROGRESS = StageProgress()


@dataclass(frozen=True)
class Article:
    """One news article as read from a source, already cleaned for speech."""

    title: str
    """The headline."""
    paragraphs: tuple[str, ...]
    """The body, paragraph by paragraph, with datelines, credits, bylines and URLs removed."""
    source: str
    """Where it came from (a path, ``<stdin>`` or a URL), for messages."""
    published: dt.datetime | None = None
    """When it was published (timezone-aware), when known."""
    origin: str = ""
    """The name of the source (feed, folder) it came through."""
    weight: float = 1.0
    """The source's ranking weight."""
    language: str = ""
    """The language its source declares it in (a feed's ``<language>``, a page's
    ``<html lang>``); "" when it says none."""

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class Story:
    """An article condensed to what will be spoken."""

    title: str
    """The headline."""
    sentences: tuple[str, ...]
    """The summary: sentences in article order and in the article's own wording."""
    source: str
    """Where the article came from."""
    origin: str = ""
    """The name of the source it came through (``Article.origin``: a feed's or
    site's name, or its URL), said before the story ("From Reuters."); a path never is."""

    @property
    def word_count(self) -> int:
        return sum(len(s.split()) for s in self.sentences)


class SegmentKind(enum.Enum):
    """What part of the show a segment is."""

    INTRO = "intro"
    STORY = "story"
    OUTRO = "outro"


@dataclass(frozen=True)
class Segment:
    """One stretch of speech in one voice: the intro, a story, or the outro."""

    kind: SegmentKind
    title: str
    """A short label (the story's headline, or "Intro" / "Outro"), used for chapters."""
    lines: tuple[str, ...]
    """What is said, line by line (transition, headline, summary sentences...)."""
    voice: str
    """Name of the voice profile that speaks it."""
    source: str = ""
    """For a story, where its article came from."""
    lead: int = 0
    """How many first lines lead into the segment (a story's transition, "Next."):
    they are rendered on their own, so the rest does not depend on the story's place."""
    lead_voice: str = ""
    """The voice that reads the lead lines when it is not ``voice``: the host, who
    hands a story over to another voice ("Sam Reyes has that story."); empty: ``voice``."""

    @property
    def text(self) -> str:
        """The spoken text as one string: the lines joined by single spaces."""
        return " ".join(self.lines)

    @property
    def line_offsets(self) -> tuple[int, ...]:
        """Where each line starts in ``text``."""
        offsets, position = [], 0
        for line in self.lines:
            offsets.append(position)
            position += len(line) + 1
        return tuple(offsets)


@dataclass(frozen=True)
class Script:
    """A whole show, ready to be spoken."""

    show: str
    date: dt.date
    segments: tuple[Segment, ...]
    language: str = "en"
    """The primary tag of the language it is written in (``languages``)."""

    @property
    def stories(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind is SegmentKind.STORY)

    def to_text(self) -> str:
        """The script as plain text, one paragraph per segment."""
        return "\n\n".join("\n".join(seg.lines) for seg in self.segments) + "\n"


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


@dataclass(frozen=True)
class WordMark:
    """When a word starts in the rendered audio."""

    offset: int
    """Character offset of the word in the text given to ``synthesize``."""
    start_ms: int
    """Milliseconds from the start of the audio file."""


@dataclass(frozen=True)
class Chapter:
    """Where a segment sits in the final audio."""

    title: str
    kind: SegmentKind
    start_ms: int
    end_ms: int
    source: str = ""
    """The story's source (empty for intro and outro)."""


@dataclass(frozen=True)
class Cue:
    """One timed piece of the transcript: a sentence, or part of a long one."""

    start_ms: int
    end_ms: int
    text: str
    """The words as written (not as normalised for speech)."""
    speaker: str
    """The voice profile that speaks it."""


@dataclass(frozen=True)
class Show:
    """Who the show is: the static part of every episode and of the feed."""

    title: str = "The Daily Briefing"
    """The show's name, spoken in the intro, in the tags and the feed."""
    author: str = "briefing"
    """The artist tag and the feed's itunes:author."""
    description: str = "A daily news briefing, story by story, read aloud."
    """The feed's channel description."""
    language: str = "en"
    """Language of the show (BCP 47, e.g. "en" or "en-GB")."""
    category: str = "News"
    """Apple Podcasts category."""
    subcategory: str = "Daily News"
    """Apple Podcasts subcategory ("" for none)."""
    explicit: bool = False
    """Whether episodes carry explicit content."""
    link: str = ""
    """The show's web page (defaults to the base URL)."""
    cover: Path | None = None
    """A cover image (PNG or JPEG, square, 1400-3000 px); generated when not given."""
    owner: str = ""
    """The feed owner's name (itunes:owner's itunes:name; the author when empty)."""
    email: str = ""
    """The feed owner's email (itunes:owner's itunes:email, podcast:locked's owner):
    what a directory mails to verify the feed is yours; no itunes:owner when empty."""
    copyright: str = ""
    """The feed's <copyright> line ("" for none)."""
    locked: bool | None = None
    """podcast:locked: True ("yes") tells other podcast platforms not to import the feed,
    False ("no") lets them; None writes no podcast:locked."""


@dataclass(frozen=True)
class Episode:
    """A finished briefing on disk."""

    date: dt.date
    title: str
    mp3_path: Path
    script_path: Path
    duration_ms: int
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    cues: tuple[Cue, ...] = field(default_factory=tuple)
    """The transcript, timed from the rendered audio."""
    vtt_path: Path | None = None
    srt_path: Path | None = None
    chapters_path: Path | None = None
    """The Podcasting 2.0 JSON chapters file."""
    books: tuple[Path, ...] = field(default_factory=tuple)
    """The talking-book editions (EPUB 3, DAISY 2.02), when asked for."""
    skipped: tuple[str, ...] = field(default_factory=tuple)
    """One message per source that was skipped, for the run's summary."""
    duplicates: tuple[str, ...] = field(default_factory=tuple)
    """Articles left out because another source told the same story."""
    dropped: tuple[str, ...] = field(default_factory=tuple)
    """Headlines left out to fit the target length."""
    inputs: str = ""
    """A hash of everything the episode was made from (``uptodate.run_inputs``)."""
    up_to_date: bool = False
    """True when the run found the episode already made from the same inputs and
    left it as it was (its cues, skipped sources and the like are then not known)."""

    @property
    def stories(self) -> tuple[Chapter, ...]:
        return tuple(c for c in self.chapters if c.kind is SegmentKind.STORY)


@dataclass(frozen=True)
class Skipped:
    """A source or article that gave no story, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def is_url(text: str) -> bool:
    return bool(re.match(r"^https?://[^\s/?#]+", text.strip(), re.IGNORECASE))


@dataclass(frozen=True)
class SourceConfig:
    """One news source."""

    location: str
    """A feed or page URL, or a file or folder path."""
    name: str = ""
    """What warnings and the run's summary call it (defaults to the location), and the
    name a story from it is introduced by ("From Reuters."; without one, the name the
    feed or page gives itself)."""
    max_items: int = 5
    """Stories taken from it at most."""
    weight: float = 1.0
    """How much its stories count when ranking (higher comes first)."""
    show_file: Path | None = None
    """The show file of a batch that names it, whose author may not be the operator:
    its URL may then reach public addresses only, and its path no hidden file. None:
    named by the user (on the command line, or in their own config)."""

    @property
    def label(self) -> str:
        return self.name or self.location

    @property
    def is_url(self) -> bool:
        return is_url(self.location)
