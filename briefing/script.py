"""Script: compose the show a listener hears from the day's stories.

An intro with the show's name and the spoken date, a rundown of the
headlines, one segment per story (a short transition, the headline, the
summary), and an outro. Voices alternate between stories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from num2words import num2words

from .models import Script, Segment, SegmentKind, Show, Story

DEFAULT_SHOW = Show().title

#: Transitions into the first story, the middle ones and the last one. The
#: choice rotates with the date, so the wording varies from day to day but
#: the same inputs always give the same script.
FIRST_TRANSITIONS = ("First today.", "Our top story.", "We begin with this.")
MIDDLE_TRANSITIONS = (
    "Next.",
    "In other news.",
    "Also today.",
    "Turning to another story.",
    "Meanwhile.",
    "Elsewhere.",
    "Now to our next story.",
)
LAST_TRANSITIONS = ("And finally.", "Finally today.", "And one more story.")
#: Headlines read in the rundown before it says "and N more stories".
RUNDOWN_LIMIT = 6


def spoken_date(date: dt.date) -> str:
    """The date as said aloud: "Wednesday, November twenty-fifth"."""
    return f"{date:%A}, {date:%B} {num2words(date.day, to='ordinal')}"


def spoken_count(n: int, noun: str) -> str:
    """ "one story", "five stories"."""
    words = num2words(n)
    if n == 1:
        return f"{words} {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{words} {plural}"


def as_spoken_line(text: str) -> str:
    """End a line with a full stop (headlines have none) so the voice pauses."""
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


#: A name or headline is said in at most this many characters (a hostile 100 kB title
#: once crashed espeak-ng mid-intro); a longer one is cut at a word.
MAX_SPOKEN_NAME = 200


def spoken_name(text: str, limit: int = MAX_SPOKEN_NAME) -> str:
    """``text`` cut at a word to at most ``limit`` characters (with "…" when cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head[limit // 2 :] else head
    return cut.rstrip(" ,;:") + "…"


def _rotate(options: Sequence[str], date: dt.date, offset: int = 0) -> str:
    return options[(date.toordinal() + offset) % len(options)]


def story_transition(position: int, total: int, date: dt.date) -> str:
    """The line that leads into story ``position`` (0-based) of ``total``."""
    if position == 0:
        return _rotate(FIRST_TRANSITIONS, date)
    if position == total - 1 and total > 2:
        return _rotate(LAST_TRANSITIONS, date)
    return _rotate(MIDDLE_TRANSITIONS, date, position - 1)


def intro_lines(stories: Sequence[Story], show: str, date: dt.date) -> tuple[str, ...]:
    lines = [
        f"Hello, and welcome to {show} for {spoken_date(date)}.",
        f"Here are today's headlines: {spoken_count(len(stories), 'story')}.",
    ]
    shown = stories[:RUNDOWN_LIMIT]
    lines.extend(as_spoken_line(story.title) for story in shown)
    if len(stories) > len(shown):
        lines.append(f"And {spoken_count(len(stories) - len(shown), 'more story')}.")
    return tuple(lines)


def outro_lines(show: str, date: dt.date) -> tuple[str, ...]:
    return (
        f"That's the briefing for {spoken_date(date)}.",
        f"Thank you for listening to {show}.",
    )


def build_script(
    stories: Sequence[Story],
    *,
    date: dt.date,
    show: str = DEFAULT_SHOW,
    voices: Sequence[str] = ("anchor",),
) -> Script:
    """Compose the show. The first voice hosts (intro and outro); stories
    alternate through all the voices in order."""
    if not stories:
        raise ValueError("a script needs at least one story")
    if not voices:
        raise ValueError("a script needs at least one voice")
    show = spoken_name(show)
    stories = [replace(story, title=spoken_name(story.title)) for story in stories]
    host = voices[0]
    segments = [Segment(SegmentKind.INTRO, "Intro", intro_lines(stories, show, date), host)]
    for position, story in enumerate(stories):
        lines = (
            story_transition(position, len(stories), date),
            as_spoken_line(story.title),
            *story.sentences,
        )
        voice = voices[position % len(voices)]
        segments.append(Segment(SegmentKind.STORY, story.title, lines, voice, story.source, lead=1))
    segments.append(Segment(SegmentKind.OUTRO, "Outro", outro_lines(show, date), host))
    return Script(show=show, date=date, segments=tuple(segments))
