"""kill -9 of `briefing generate` at many moments, and what must hold afterwards.

    python -m tests.killer                 # 20 moments over a run, real espeak-ng
    python -m tests.killer --points 5 --articles 3

A folder holds a finished episode (the day before); then `briefing generate`
makes the next day's, and is killed with SIGKILL at evenly spread moments of
a run (measured first, uninterrupted). After each kill:

- ``feed.xml`` parses, and so do ``episodes.json`` and every JSON, VTT and SRT file;
- the earlier episode's files are byte for byte what they were;
- no file under a final name is half-written: every MP3 is a whole ID3 tag and
  whole MPEG frames, every text file decodes;
- the next run completes, and leaves no temporary file behind.

The tests (``tests/test_robust.py``) run a few of these moments.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAY_BEFORE, DAY = "2026-11-24", "2026-11-25"


def briefing_command(articles: list[Path], out: Path, date: str, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "briefing", "generate", *map(str, articles), "--out", str(out),
        "--date", date, "--voice", "anchor", "--no-cache", "-q", *extra,
    ]  # fmt: skip


def environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env["BRIEFING_CACHE_DIR"] = str(cache)
    return env


def snapshot(folder: Path, names: list[str]) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}


def whole_mp3(path: Path) -> None:
    """An ID3 tag, then nothing but whole MPEG frames (raises AssertionError)."""
    from briefing.audio.mp3 import count_frames

    data = path.read_bytes()
    assert data[:3] == b"ID3", f"{path.name}: no ID3 tag"
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    frames = count_frames(data[10 + size :])  # raises on a cut frame
    assert frames > 0, f"{path.name}: no audio"


def missing_files(out: Path) -> list[str]:
    """The files feed.xml's items link to (audio, transcripts, chapters) that are not in
    the folder: a feed must never point at a missing file."""
    import xml.etree.ElementTree as ET
    from urllib.parse import unquote, urlsplit

    try:
        root = ET.parse(out / "feed.xml").getroot()
    except (OSError, ET.ParseError):
        return []  # said by the parse check
    urls = [e.get("url", "") for item in root.iter("item") for e in item if e.get("url")]
    names = [unquote(urlsplit(url).path.rsplit("/", 1)[-1]) for url in urls]
    return [name for name in names if not (out / name).is_file()]


def check_folder(out: Path, before: dict[str, str]) -> list[str]:
    """What is wrong with the folder after a kill (an empty list when all holds)."""
    import feedparser

    from briefing.errors import AudioError

    problems = []
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    if feed.bozo or not feed.entries:
        problems.append(f"feed.xml does not parse: {feed.get('bozo_exception')}")
    try:
        json.loads((out / "episodes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(f"episodes.json: {exc}")
    problems += [f"feed.xml names {name}, which is not there" for name in missing_files(out)]
    now = snapshot(out, list(before))
    problems += [
        f"{name} of the earlier episode changed" for name in before if now[name] != before[name]
    ]
    for path in sorted(out.iterdir()):
        if path.name.startswith("."):
            continue
        try:
            if path.suffix == ".mp3":
                whole_mp3(path)
            elif path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix in (".vtt", ".srt", ".txt", ".xml", ".html", ".js", ".css"):
                text = path.read_text(encoding="utf-8")
                if path.suffix == ".vtt" and not text.startswith("WEBVTT"):
                    problems.append(f"{path.name}: not WebVTT")
        except (AssertionError, ValueError, UnicodeDecodeError, AudioError) as exc:
            problems.append(f"{path.name}: half-written? {exc}")
        except Exception as exc:  # noqa: BLE001 - report whatever is wrong with the file
            problems.append(f"{path.name}: {type(exc).__name__}: {exc}")
    return problems


@dataclass
class Setup:
    out: Path
    cache: Path
    articles: list[Path]
    before: dict[str, str]
    run_s: float


def prepare(work: Path, articles: list[Path]) -> Setup:
    """A folder with the day before's episode, and the time a full run of the day takes."""
    out, cache = work / "out", work / "cache"
    env = environment(cache)
    subprocess.run(briefing_command(articles, out, DAY_BEFORE), env=env, check=True,
                   capture_output=True)  # fmt: skip
    store = json.loads((out / "episodes.json").read_text(encoding="utf-8"))
    entry = next(e for e in store["episodes"] if e["date"] == DAY_BEFORE)
    names = [entry[k] for k in ("audio", "chapters", "vtt", "srt", "script") if entry.get(k)]
    started = time.perf_counter()
    probe = work / "probe"
    subprocess.run(briefing_command(articles, probe, DAY), env=env, check=True,
                   capture_output=True)  # fmt: skip
    run_s = time.perf_counter() - started
    return Setup(out, cache, articles, snapshot(out, names), run_s)


def kill_at(setup: Setup, seconds: float) -> tuple[list[str], list[str]]:
    """Start the day's run, SIGKILL it after ``seconds``, check the folder, then check
    that a new run completes and cleans up. Returns the problems found, and the
    temporary files the kill left (which the next run must remove)."""
    env = environment(setup.cache)
    process = subprocess.Popen(
        briefing_command(setup.articles, setup.out, DAY), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(seconds)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    left = sorted(p.name for p in setup.out.iterdir() if p.name.endswith(".tmp"))
    problems = [
        f"after a kill at {seconds:.2f} s: {p}" for p in check_folder(setup.out, setup.before)
    ]
    again = subprocess.run(
        briefing_command(setup.articles, setup.out, DAY), env=env, capture_output=True, text=True
    )
    if again.returncode != 0:
        problems.append(f"the run after a kill at {seconds:.2f} s failed: {again.stderr.strip()}")
    leftovers = [p.name for p in setup.out.iterdir() if p.name.endswith(".tmp")]
    if leftovers:
        problems.append(f"temporary files left after the next run: {leftovers}")
    problems += [f"after the next run: {p}" for p in check_folder(setup.out, setup.before)]
    return problems, left


def write_articles(folder: Path, count: int) -> list[Path]:
    """Articles from the test fixtures (the seed and the eval sample)."""
    folder.mkdir(parents=True, exist_ok=True)
    fixtures = ROOT / "tests" / "fixtures"
    with (fixtures / "eval-sample.jsonl").open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle]
    paths = [fixtures / "seed-reuters-assad.txt"]
    for index, item in enumerate(items[: max(0, count - 1)]):
        path = folder / f"article-{index}.txt"
        title = item.get("title") or " ".join(item["reference"].split()[:10])
        path.write_text(f"{title}\n\n{item['text']}\n", encoding="utf-8")
        paths.append(path)
    return paths[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=20, help="moments to kill at [20]")
    parser.add_argument("--articles", type=int, default=6, help="articles in the run [6]")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="briefing-kill-") as tmp:
        work = Path(tmp)
        setup = prepare(work, write_articles(work / "articles", args.articles))
        print(f"a full run takes {setup.run_s:.2f} s; killing at {args.points} moments in it")
        failures = 0
        for point in range(1, args.points + 1):
            at = setup.run_s * point / (args.points + 1)
            problems, left = kill_at(setup, at)
            note = f" (it left {', '.join(left)}: removed by the next run)" if left else ""
            print(f"  kill at {at:5.2f} s: {'; '.join(problems) if problems else 'ok'}{note}")
            failures += bool(problems)
    print(f"{args.points - failures} of {args.points} moments left everything intact")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
