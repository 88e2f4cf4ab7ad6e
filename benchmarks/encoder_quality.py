"""Benchmark: LAME's quality setting for speech, its speed against what it sounds like.

briefing encodes every block with LAME (``lameenc``) at 64 kbit/s. LAME's
``quality`` (0 best and slowest, 9 fastest) trades time for its noise
shaping, which is tuned for music. This speaks real articles with espeak-ng,
encodes the same speech at several settings, decodes it with ffmpeg and
scores it against the original with wideband PESQ (ITU-T P.862.2, 1 to 4.6),
on 20-second windows at 16 kHz.

    python benchmarks/encoder_quality.py                     # ../shared/eval/news-dev.jsonl
    python benchmarks/encoder_quality.py --data news.jsonl --articles 5

Needs the bench extra (``pip install -e '.[bench]'``: pesq) and ffmpeg.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "news-dev.jsonl"
QUALITIES = (2, 3, 5, 7, 9)
WINDOW_S = 20


def fail(message: str) -> None:
    print(f"benchmark: {message}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL articles")
    parser.add_argument("--articles", type=int, default=4, help="articles to speak [4]")
    parser.add_argument("--voice", default="anchor", help="voice profile [anchor]")
    args = parser.parse_args()
    if not args.data.is_file():
        fail(f"data file not found: {args.data}; give one with --data PATH (JSON lines, 'text')")
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        fail("decoding needs ffmpeg: sudo apt-get install ffmpeg")
    try:
        import numpy as np
        from pesq import pesq
    except ImportError:
        fail("PESQ needs the bench extra: pip install -e '.[bench]'")
    sys.path.insert(0, str(ROOT))
    from briefing.audio import mix, mp3
    from briefing.tts import get_engine
    from briefing.voices import get_profile

    with args.data.open(encoding="utf-8") as handle:
        lines = itertools.islice(handle, args.articles)
        texts = [json.loads(line)["text"] for line in lines]
    engine = get_engine(get_profile(args.voice).engine)

    def resample(samples: np.ndarray, rate: int, to: int) -> np.ndarray:
        out = subprocess.run(
            [ffmpeg, "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "-",
             "-f", "s16le", "-ar", str(to), "-"],
            input=samples.astype("<i2").tobytes(), capture_output=True, check=True,
        ).stdout  # fmt: skip
        return np.frombuffer(out, dtype="<i2").astype(np.float64)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        speech = []
        for index, text in enumerate(texts):
            wav = tmp / f"{index}.wav"
            engine.synthesize(text, get_profile(args.voice), wav)
            speech.append(mix.level(mix.load_speech(wav), mix.loudness.ENCODED_TARGET_LUFS))
        pcm = b"".join(clip.raw_data for clip in speech)
        original = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        seconds = len(original) / mix.SAMPLE_RATE
        reference = resample(original, mix.SAMPLE_RATE, 16000)
        rows = []
        for quality in QUALITIES:
            started = time.perf_counter()
            data = mp3.encode(pcm, sample_rate=mix.SAMPLE_RATE, bitrate_kbps=64, quality=quality)
            elapsed = time.perf_counter() - started
            path = tmp / f"q{quality}.mp3"
            path.write_bytes(data)
            decoded = subprocess.run(
                [ffmpeg, "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-"],
                capture_output=True, check=True,
            ).stdout  # fmt: skip
            start = mp3.ENCODER_DELAY
            samples = np.frombuffer(decoded, dtype="<i2").astype(np.float64)
            degraded = resample(samples[start : start + len(original)], mix.SAMPLE_RATE, 16000)
            step = 16000 * WINDOW_S
            n = min(len(reference), len(degraded))
            scores = [
                pesq(16000, reference[i : i + step], degraded[i : i + step], "wb")
                for i in range(0, n - step + 1, step)
            ]
            rows.append((quality, elapsed, float(np.mean(scores)), float(np.min(scores))))
    print(f"LAME quality for speech: {seconds:.0f} s of {args.voice} at 64 kbit/s, mono 22050 Hz")
    print(f"  {'quality':>7} {'encode s':>9} {'x realtime':>11} {'PESQ-WB mean':>13} {'min':>6}")
    for quality, elapsed, mean, low in rows:
        marker = "  <- briefing" if quality == mp3.QUALITY else ""
        print(
            f"  {quality:>7} {elapsed:>9.3f} {seconds / elapsed:>11.0f} {mean:>13.3f} "
            f"{low:>6.3f}{marker}"
        )


if __name__ == "__main__":
    main()
