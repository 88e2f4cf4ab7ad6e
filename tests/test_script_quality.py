"""benchmarks/script_quality.py runs on the fixture articles and counts what it says it
counts; a missing data file is a one-line error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "script_quality.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )


def test_the_report_counts_a_show_of_the_fixture_articles():
    done = _run("--data", str(ROOT / "tests" / "fixtures" / "eval-sample.jsonl"), "--show", "1")
    assert done.returncode == 0, done.stderr
    counts = dict(re.findall(r"^  (.+?)\s{2,}(\d+(?:\.\d+)?)$", done.stdout, re.MULTILINE))
    assert counts["news said twice (consecutive lines)"] == "0"
    assert counts["a story counted aloud"] == "0"
    assert counts["sentences over 40 words"] == "0"
    assert float(counts["hand-backs a show (at most 2)"]) <= 2
    assert int(counts["longest line (words)"]) <= 40
    assert "Hello, and welcome to" in done.stdout  # the script printed to read


def test_a_missing_data_file_is_a_clear_error():
    done = _run("--data", "/nonexistent/news.jsonl")
    assert done.returncode == 2
    assert "data file not found: /nonexistent/news.jsonl" in done.stderr
    assert "Traceback" not in done.stderr
