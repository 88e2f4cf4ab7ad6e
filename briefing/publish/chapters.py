"""Chapters as Podcasting 2.0 JSON (``briefing-DATE.chapters.json``).

The same chapters go into the MP3 as ID3 CHAP frames (see ``briefing.audio.mp3``).
Spec: https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..models import Chapter

CHAPTERS_VERSION = "1.2.0"
MIME_TYPE = "application/json+chapters"


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
