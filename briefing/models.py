"""The values that flow through the pipeline, one way.

    sources -> Article -> summarize -> Story -> script -> Script(Segment...)
            -> tts -> RenderedSegment -> mix -> Episode

Each is a frozen dataclass: a stage never changes what an earlier stage made.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Article:
    """One news article as read from a source, already cleaned for speech."""

    title: str
    """The headline."""
    paragraphs: tuple[str, ...]
    """The body, paragraph by paragraph, with datelines, credits, bylines and URLs removed."""
    source: str
    """Where it came from (a path, ``<stdin>`` or a URL), for messages."""

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Story:
    """An article condensed to what will be spoken."""

    title: str
    """The headline."""
    sentences: tuple[str, ...]
    """The summary: sentences in article order and in the article's own wording."""
    source: str
    """Where the article came from."""

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

    @property
    def text(self) -> str:
        """The spoken text as one string."""
        return " ".join(self.lines)


@dataclass(frozen=True)
class Script:
    """A whole show, ready to be spoken."""

    show: str
    date: dt.date
    segments: tuple[Segment, ...]

    @property
    def stories(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind is SegmentKind.STORY)

    def to_text(self) -> str:
        """The script as plain text, one paragraph per segment."""
        return "\n\n".join("\n".join(seg.lines) for seg in self.segments) + "\n"


@dataclass(frozen=True)
class Chapter:
    """Where a segment sits in the final audio."""

    title: str
    kind: SegmentKind
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Episode:
    """A finished briefing on disk."""

    date: dt.date
    title: str
    mp3_path: Path
    script_path: Path
    duration_ms: int
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    skipped: tuple[str, ...] = field(default_factory=tuple)
    """One message per source that was skipped, for the run's summary."""
