"""Chapters as Podcasting 2.0 JSON (``briefing-DATE-EDITION.chapters.json``), and as
Podlove Simple Chapters for the feed's items.

The same chapters go into the MP3 as ID3 CHAP frames (see ``briefing.audio.mp3``).
Spec: https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md
Podlove Simple Chapters (``psc:chapters``, what gPodder's podcastparser reads):
https://podlove.org/simple-chapters/
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..languages import ENGLISH_LABELS, Labels
from ..models import Chapter, SegmentKind

CHAPTERS_VERSION = "1.2.0"
MIME_TYPE = "application/json+chapters"


def episode_chapters(
    stories: Sequence[Chapter], duration_ms: int, labels: Labels = ENGLISH_LABELS
) -> tuple[Chapter, ...]:
    """An episode's chapters from its stories (all the store keeps): the intro before
    the first story, the stories in time order, the outro after the last, as the
    MP3's and the JSON chapters have them (named as the script names them, in the
    show's language: ``labels``). None for an episode without stories."""
    ordered = sorted(stories, key=lambda c: c.start_ms)
    if not ordered:
        return ()
    chapters = list(ordered)
    if ordered[0].start_ms > 0:
        chapters.insert(0, Chapter(labels.intro, SegmentKind.INTRO, 0, ordered[0].start_ms))
    if ordered[-1].end_ms < duration_ms:
        end = ordered[-1].end_ms
        chapters.append(Chapter(labels.outro, SegmentKind.OUTRO, end, duration_ms))
    return tuple(chapters)


def normal_play_time(ms: int) -> str:
    """A time as Podlove Simple Chapters writes it (RFC 2326 normal play time): 00:01:05.250."""
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def to_json_chapters(chapters: Sequence[Chapter]) -> str:
    """The JSON chapters document, times in seconds."""
    document = {
        "version": CHAPTERS_VERSION,
        "chapters": [
            {
                "startTime": round(c.start_ms / 1000, 3),
                "endTime": round(c.end_ms / 1000, 3),
                "title": c.title,
            }
            for c in chapters
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
