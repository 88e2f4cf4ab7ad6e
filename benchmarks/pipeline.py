"""Benchmark: a briefing from N real articles against the raw limit of this machine.

The raw limit is what the bare tools take for the same work: the ``espeak-ng``
command line speaking the same script text, plus one ffmpeg MP3 encode of the
whole. Both are timed in the same run as briefing itself, so the ratio does
not depend on how fast the machine is.

    python benchmarks/pipeline.py                      # ../shared/eval/news-dev.jsonl, 10 articles
    python benchmarks/pipeline.py --data news.jsonl --articles 20 --repeat 5

The data file holds one JSON object per line with "text" (and optionally
"title" or "reference"), as the project's evaluation set does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "news-dev.jsonl"
DATE = "2026-11-25"


def fail(message: str) -> None:
    print(f"benchmark: {message}", file=sys.stderr)
    sys.exit(2)


def headline(item: dict) -> str:
    """The item's title, or the first reference sentence cut to a headline's length."""
    if item.get("title"):
        return item["title"]
    source = item.get("reference") or item["text"]
    first = re.split(r"(?<=[.!?])\s+", source.strip())[0]
    words = first.rstrip(".").split()
    return " ".join(words[:12])


def write_articles(data: Path, count: int, folder: Path) -> list[Path]:
    files = []
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            if len(files) == count:
                break
            item = json.loads(line)
            path = folder / f"article-{len(files):03d}.txt"
            path.write_text(f"{headline(item)}\n\n{item['text']}\n", encoding="utf-8")
            files.append(path)
    if len(files) < count:
        fail(f"{data} has only {len(files)} articles; {count} were asked for")
    return files


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        fail(f"{' '.join(command[:3])} ... failed:\n{result.stderr.strip()}")
    return elapsed


def median_time(command: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    return statistics.median(timed(command, env) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="JSONL articles [%(default)s]"
    )
    parser.add_argument("--articles", type=int, default=10, help="articles in the briefing [10]")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measure; the median is kept [3]"
    )
    parser.add_argument("--voice", default="anchor", help="voice profile for the briefing [anchor]")
    args = parser.parse_args()

    if not args.data.is_file():
        fail(
            f"data file not found: {args.data}\n"
            "  Give one with --data PATH (JSON lines with a 'text' field), e.g. the project's "
            "evaluation set ../shared/eval/news-dev.jsonl."
        )
    espeak = shutil.which("espeak-ng")
    ffmpeg = shutil.which("ffmpeg")
    if not espeak or not ffmpeg:
        fail(
            "the raw limit needs the espeak-ng and ffmpeg command lines: "
            "sudo apt-get install espeak-ng ffmpeg"
        )
    sys.path.insert(0, str(ROOT))
    from briefing.voices import get_profile

    profile = get_profile(args.voice)

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp_name:
        tmp = Path(tmp_name)
        articles = tmp / "articles"
        articles.mkdir()
        files = write_articles(args.data, args.articles, articles)
        out = tmp / "out"
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}

        # briefing, as a user runs it: a fresh process, from files to a tagged MP3.
        command = [
            sys.executable, "-m", "briefing", "generate", *map(str, files), "--out", str(out),
            "--date", DATE, "--voice", args.voice, "-q",
        ]  # fmt: skip
        timed(command, env)  # warm the file cache and Python's bytecode cache
        briefing_s = median_time(command, args.repeat, env)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        lameenc_s = median_time(command, args.repeat, {**env, "BRIEFING_MP3_ENCODER": "lameenc"})

        mp3 = out / f"briefing-{DATE}.mp3"
        script_text = (out / f"briefing-{DATE}.txt").read_text(encoding="utf-8").split("\n", 2)[2]
        script = tmp / "script.txt"
        script.write_text(script_text, encoding="utf-8")
        words = len(script_text.split())

        # The raw limit: espeak-ng's command line on the same text, then one encode.
        raw_wav, raw_mp3 = tmp / "raw.wav", tmp / "raw.mp3"
        voice = profile.voice if profile.engine == "pyttsx3" else "en-us"
        speak = [
            espeak,
            "-v",
            voice,
            "-s",
            str(profile.rate),
            "-w",
            str(raw_wav),
            "-f",
            str(script),
        ]
        encode = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", str(raw_wav),
                  "-codec:a", "libmp3lame", "-b:a", "64k", str(raw_mp3)]  # fmt: skip
        speak_s = median_time(speak, args.repeat)
        encode_s = median_time(encode, args.repeat)
        with wave.open(str(raw_wav)) as wav:
            raw_audio_s = wav.getnframes() / wav.getframerate()

        from mutagen.mp3 import MP3

        audio_s = MP3(str(mp3)).info.length

    raw_s = speak_s + encode_s
    print(f"briefing pipeline benchmark: {args.articles} articles from {args.data}")
    print(
        f"  script: {words} words; briefing audio {audio_s:.1f} s; "
        f"espeak-ng audio {raw_audio_s:.1f} s"
    )
    print(
        f"  runs: median of {args.repeat}; voice {args.voice} ({profile.voice}, {profile.rate} wpm)"
    )
    print()
    print(f"  {'measure':<44} {'wall s':>8} {'x limit':>8} {'x realtime':>11}")
    rows = [
        ("raw limit: espeak-ng CLI + one ffmpeg encode", raw_s),
        ("  espeak-ng command line", speak_s),
        ("  ffmpeg MP3 encode (64 kbit/s)", encode_s),
        ("briefing generate (default route)", briefing_s),
        ("briefing generate (lameenc encoder)", lameenc_s),
    ]
    for label, seconds in rows:
        print(f"  {label:<44} {seconds:>8.2f} {seconds / raw_s:>8.2f} {audio_s / seconds:>11.0f}")
    print()
    print(f"  ratio briefing / raw limit: {briefing_s / raw_s:.2f}x")
    print(f"  peak RSS of a briefing process: {peak_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
