"""Talking books: an episode as an EPUB 3 with Media Overlays and as a DAISY 2.02 book,
for the players blind and low-vision readers use, where they skip by story and by
sentence and see (or braille) the sentence being read.

A ``Book`` is made from what the episode already knows (``book_of``): the script's
segments, the chapters (story boundaries) and the transcript cues (every sentence's
start and end in the MP3); no time is measured again. The writers (``epub``,
``daisy``) read the episode's MP3 and write one file each; ``write_book`` picks one.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...models import Chapter, Cue, Script, Segment, SegmentKind, Show

__all__ = ["Book", "BookFormat", "Phrase", "Section", "book_of", "write_book"]


class BookFormat(enum.Enum):
    """A talking-book edition of an episode."""

    EPUB = "epub"
    """EPUB 3 with Media Overlays: for EPUB reading systems that read aloud
    (Thorium, Apple Books, EasyReader, VoiceDream)."""
    DAISY = "daisy"
    """DAISY 2.02, zipped: for DAISY players (Victor Reader, the NLS player, FSReader)."""

    @property
    def suffix(self) -> str:
        """What ends the edition's file name."""
        return ".epub" if self is BookFormat.EPUB else ".daisy.zip"


@dataclass(frozen=True)
class Phrase:
    """One spoken sentence (its transcript cues, joined) and its clip of the episode's
    audio, in milliseconds from the start of the MP3."""

    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Section:
    """One part of the show, the intro, a story or the outro: a heading and its phrases."""

    title: str
    kind: SegmentKind
    start_ms: int
    """Where its chapter starts in the MP3."""
    end_ms: int
    lead: tuple[Phrase, ...]
    """What leads into it ("Next.", "From Reuters."): the heading's clip, when there is one."""
    phrases: tuple[Phrase, ...]
    """The rest, sentence by sentence; the last runs on to where the next part's words
    start (over the pause, and the chime before a story)."""

    @property
    def heading_clip(self) -> tuple[int, int]:
        """The spoken lead-in, or where there is none the first sentence: never a
        few milliseconds of silence."""
        spoken = self.lead or self.phrases[:1]
        if not spoken:
            return self.start_ms, self.end_ms
        return spoken[0].start_ms, spoken[-1].end_ms


@dataclass(frozen=True)
class Book:
    """What both editions are made from."""

    identifier: str
    """A URN that names this edition of the episode (``urn:uuid:...``)."""
    title: str
    """The episode's title ("The Daily Briefing: Monday, December 7, 2026")."""
    show: Show
    date: dt.date
    duration_ms: int
    """The MP3's length."""
    sections: tuple[Section, ...]
    cover: bytes | None = None
    """The episode's cover, a JPEG or PNG."""

    @property
    def language(self) -> str:
        return self.show.language or "en"


def _words(text: str) -> str:
    return " ".join(text.split())


def lead_count(segment: Segment, cues: Sequence[Cue]) -> int:
    """How many of a segment's first cues say its lead lines (the link, the source,
    the hand-over): the cues are pieces of the lines, in order."""
    lead = _words(" ".join(segment.lines[: segment.lead]))
    said, count = "", 0
    for cue in cues:
        if len(said) >= len(lead):
            break
        joined = _words(f"{said} {cue.text}")
        if not lead.startswith(joined):
            break
        said, count = joined, count + 1
    return count


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def join_sentences(cues: Sequence[Cue]) -> tuple[Phrase, ...]:
    """The cues as sentences: a long sentence's pieces (a transcript cue holds two
    lines at most) joined again, from its first piece's start to its last's end."""
    phrases: list[Phrase] = []
    for cue in cues:
        last = phrases[-1] if phrases else None
        if last is not None and not _SENTENCE_END.search(last.text):
            phrases[-1] = Phrase(f"{last.text} {cue.text}", last.start_ms, cue.end_ms)
        else:
            phrases.append(Phrase(cue.text, cue.start_ms, cue.end_ms))
    return tuple(phrases)


def sections_of(
    script: Script, chapters: Sequence[Chapter], cues: Sequence[Cue], duration_ms: int
) -> tuple[Section, ...]:
    """The script's segments with their chapters' times and their cues."""
    sections = []
    for index, (segment, chapter) in enumerate(zip(script.segments, chapters, strict=True)):
        end = chapters[index + 1].start_ms if index + 1 < len(chapters) else duration_ms
        own = [c for c in cues if chapter.start_ms <= c.start_ms < end]
        if own:  # the last sentence runs on to the next part (the chime, the silence)
            last = own[-1]
            own[-1] = Cue(last.start_ms, max(last.end_ms, end), last.text, last.speaker)
        else:  # nothing timed (no transcript): the whole part, under its title
            own = [Cue(chapter.start_ms, end, chapter.title, segment.voice)]
        count = lead_count(segment, own)
        title = chapter.title
        sections.append(
            Section(
                title,
                chapter.kind,
                chapter.start_ms,
                end,
                join_sentences(own[:count]),
                join_sentences(own[count:]),
            )  # fmt: skip
        )
    return tuple(sections)


def book_of(
    script: Script,
    show: Show,
    title: str,
    chapters: Sequence[Chapter],
    cues: Sequence[Cue],
    duration_ms: int,
    *,
    edition: str,
    cover: bytes | None = None,
) -> Book:
    """The book of an episode: ``edition`` names the episode's audio (its hash)."""
    name = f"briefing:{show.title}:{script.date.isoformat()}:{edition}"
    return Book(
        identifier=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}",
        title=title,
        show=show,
        date=script.date,
        duration_ms=duration_ms,
        sections=sections_of(script, chapters, cues, duration_ms),
        cover=cover,
    )


def write_book(kind: BookFormat, book: Book, mp3: Path, dest: Path, modified: dt.datetime) -> None:
    """Write ``book`` as ``kind`` to ``dest``, its audio read from the episode's ``mp3``."""
    if kind is BookFormat.EPUB:
        from .epub import write_epub

        write_epub(book, mp3, dest, modified)
    else:
        from .daisy import write_daisy

        write_daisy(book, mp3, dest, modified)


# -- shared by the writers -------------------------------------------------------------


def clock(ms: float) -> str:
    """A SMIL full clock value: 0:01:02.345."""
    total = round(ms)
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest / 1000:06.3f}"


def hms(ms: float) -> str:
    """hh:mm:ss, rounded to the second (DAISY's ncc:totalTime)."""
    hours, rest = divmod(int(ms + 500) // 1000, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


def section_title(book: Book, index: int) -> str:
    """A section's heading: the episode's title for the intro, else the chapter's."""
    section = book.sections[index]
    return book.title if section.kind is SegmentKind.INTRO else section.title
