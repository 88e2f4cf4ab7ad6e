"""English stays byte-identical: the bundled samples' script and spoken text, golden.

The golden file was written from the code before the language seam (issue 31); to
write it again on purpose: ``BRIEFING_WRITE_GOLDEN=1 pytest tests/test_language_golden.py``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from briefing.pipeline import compose_script
from briefing.sources import gather_articles
from briefing.speech import to_spoken
from briefing.voices import get_profile

GOLDEN = Path(__file__).parent / "data" / "golden-en-samples.txt"
NOW = dt.datetime(2026, 11, 25, 6, tzinfo=dt.UTC)


def english_samples() -> str:
    """The bundled samples' scripts (one host; two named voices) and what each line's
    voice is given to say."""
    articles, skipped = gather_articles([], now=NOW)
    out: list[str] = []
    for voices in (("presenter",), ("anchor", "correspondent")):
        prepared = compose_script(
            articles, skipped, date=dt.date(2026, 11, 25), voices=voices, now=NOW
        )
        out.append(f"## {' + '.join(voices)}: script")
        out.append(prepared.script.to_text())
        out.append(f"## {' + '.join(voices)}: spoken")
        for segment in prepared.script.segments:
            engine = get_profile(segment.voice).engine
            out.extend(to_spoken(line, engine=engine) for line in segment.lines)
    return "\n".join(out) + "\n"


def test_english_script_and_spoken_text_are_unchanged() -> None:
    made = english_samples()
    if os.environ.get("BRIEFING_WRITE_GOLDEN"):
        GOLDEN.write_text(made, encoding="utf-8")
        pytest.skip("golden file written")
    assert made == GOLDEN.read_text(encoding="utf-8")
