"""benchmarks/normaliser.py scores a file of written -> spoken sentences of our own: its
figures add up, its classes and patterns name the failures; a missing data file is a
one-line error."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "normaliser.py"

#: Sentences written for this test: three the normaliser says as the reference does, one
#: that differs only by a British spelling, one it says otherwise (a date read as a year).
ROWS = [
    ("The plan cost £2.5bn.", "The plan cost two point five billion pounds.", "news"),
    ("Polls close at 10pm.", "Polls close at ten p m.", "news"),
    ("The FBI and NATO met.", "The f b i and nato met.", "news"),
    ("It is in the centre.", "It is in the center.", "book"),
    ("It opened in 1066.", "It opened in one thousand sixty six.", "book"),
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )


def test_the_report_adds_up(tmp_path):
    data = tmp_path / "tn.jsonl"
    data.write_text(
        "".join(json.dumps({"written": w, "spoken": s, "source": src}) + "\n" for w, s, src in ROWS)
    )
    done = _run("--data", str(data), "--show", "5")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^  all\s+3 of 5\s+right: 0\.600 \[", done.stdout, re.MULTILINE)
    assert re.search(r"^  news\s+3 of 3\s+right: 1\.000", done.stdout, re.MULTILINE)
    assert re.search(r"British and American spellings alike: 4 right: 0\.800", done.stdout)
    assert re.search(r"ms a sentence on one core", done.stdout)
    assert re.search(r"^  cardinal\s+1$", done.stdout, re.MULTILINE)  # where 1066 differs
    assert "cardinal   99.: '1066.' -> 'one thousand' | 'ten'" in done.stdout
    assert "[plain] It is in the centre." in done.stdout


def test_a_missing_data_file_is_a_clear_error():
    done = _run("--data", "/nonexistent/tn.jsonl")
    assert done.returncode == 2
    assert "data file not found: /nonexistent/tn.jsonl" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("the centre of town", "the center of town", True),
        ("colour and flavour", "color flavor", True),
        ("they organised it", "they organized it", True),
        ("a catalogue", "a catalog", True),
        ("she travelled", "she traveled", True),
        ("the programme", "the program", True),
        ("ten", "two", False),
        ("the centre", "the cent", False),
    ],
)
def test_british_and_american_spellings_are_heard_alike(a, b, alike):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from normaliser import heard_alike
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert (heard_alike(a) == heard_alike(b)) is alike
