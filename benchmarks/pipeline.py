"""Benchmark: briefing's speed and memory against the raw limit of this machine.

The raw limit is what the bare tools take for the same work, timed in the same
run as briefing, so the ratios do not depend on how fast the machine is:

- espeak-ng voices (``anchor``): the ``espeak-ng`` command line speaking the same
  script text, plus one ffmpeg MP3 encode of the whole;
- the neural default (``presenter``, hibari): one Python process that loads
  ``Hibari()`` (one thread) and speaks the whole script (the words briefing
  says, after normalisation), plus one LAME encode of the result at briefing's
  settings.

Each briefing run is a fresh process, as a user runs it, from article files to
the published episode. ``default`` is the show as ``make`` installs it: no
``--voice``, so the default cast (``voices.default_voices()``: the presenter
alone); its raw limit is its first voice's.

    python benchmarks/pipeline.py                     # ../shared/eval/news-dev.jsonl
    python benchmarks/pipeline.py --voice presenter --repeat 5 --large 0

Measures, with their targets (issues 8, 13 and 29):

- cold, 10 articles (empty segment cache): espeak at most 1.1x its raw limit;
  hibari at most 0.75x its raw limit, and at least 80x faster than real time;
- warm re-run with the same inputs: at most 0.1x of cold (also shown forced,
  every block then coming from the segment cache);
- one new story among ten (the last article replaced): at most 0.3x of cold;
- cold, 100 articles (about an hour of audio): cost per audio minute within 1.2x
  of the 10-article case; peak RSS of any process at most 300 MB.

The data file holds one JSON object per line with "text" (and optionally
"title" or "reference"), as the project's evaluation set does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "news-dev.jsonl"
DATE = "2026-11-25"

#: Runs briefing's command line and writes its own and its workers' peak RSS to a file.
MEASURED_MAIN = """\
import atexit, json, resource, sys
def report(path=sys.argv[1]):
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(path, "w") as handle:
        json.dump([own, workers], handle)
atexit.register(report)
sys.argv = ["briefing", *sys.argv[2:]]
from briefing.cli import main
main()
"""


#: The show as installed: no --voice option.
DEFAULT = "default"


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
    folder.mkdir(parents=True, exist_ok=True)
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


@dataclass
class Run:
    seconds: float
    own_rss_mb: float
    worker_rss_mb: float
    audio_s: float


class Bench:
    def __init__(self, tmp: Path, voice: str) -> None:
        self.tmp = tmp
        self.voice = voice
        # As a user runs it: no BRIEFING_ settings, and Python writes its bytecode cache.
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("BRIEFING_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        self.runs = 0

    def briefing(self, files: list[Path], out: Path, cache: Path, *extra: str) -> Run:
        """One `briefing generate`, a fresh process, timed."""
        self.runs += 1
        rss = self.tmp / f"rss-{self.runs}.json"
        command = [
            sys.executable, "-c", MEASURED_MAIN, str(rss), "generate", *map(str, files),
            "--out", str(out), "--date", DATE, *voice_option(self.voice),
            "--cache", str(cache), "-q", *extra,
        ]  # fmt: skip
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=self.env, cwd=ROOT)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            fail(f"briefing generate failed:\n{result.stderr.strip()}")
        own, workers = json.loads(rss.read_text())
        from mutagen.mp3 import MP3

        audio_s = MP3(str(episode_file(out))).info.length
        return Run(seconds, own / 1024, workers / 1024, audio_s)

    def cold(self, files: list[Path], name: str, *extra: str) -> Run:
        """An empty segment cache, a new output folder."""
        cache, out = self.tmp / f"{name}-cache-{self.runs}", self.tmp / f"{name}-out-{self.runs}"
        run = self.briefing(files, out, cache, *extra)
        shutil.rmtree(cache)
        shutil.rmtree(out)
        return run


def voice_option(voice: str) -> list[str]:
    """The command line's voice option: none for the default show."""
    return [] if voice == DEFAULT else ["--voice", voice]


def cast(voice: str) -> tuple[str, ...]:
    """The voice profiles a measured voice stands for."""
    from briefing.voices import default_voices

    return tuple(default_voices()) if voice == DEFAULT else (voice,)


def median_run(runs: list[Run]) -> Run:
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.own_rss_mb for r in runs),
        max(r.worker_rss_mb for r in runs),
        middle.audio_s,
    )


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        fail(f"{' '.join(command[:3])} ... failed:\n{result.stderr.strip()}")
    return elapsed


def raw_limit(text: str, tmp: Path, voice: str, rate: int, repeat: int) -> tuple[float, float]:
    """(seconds, audio seconds): espeak-ng's command line on the text, then one ffmpeg encode."""
    espeak, ffmpeg = shutil.which("espeak-ng"), shutil.which("ffmpeg")
    script = tmp / "raw-script.txt"
    script.write_text(text, encoding="utf-8")
    raw_wav, raw_mp3 = tmp / "raw.wav", tmp / "raw.mp3"
    speak = [espeak, "-v", voice, "-s", str(rate), "-w", str(raw_wav), "-f", str(script)]
    encode = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", str(raw_wav),
              "-codec:a", "libmp3lame", "-b:a", "64k", str(raw_mp3)]  # fmt: skip
    seconds = statistics.median(timed(speak) + timed(encode) for _ in range(repeat))
    with wave.open(str(raw_wav)) as wav:
        audio = wav.getnframes() / wav.getframerate()
    return seconds, audio


#: One process: load hibari, speak the text, encode it once with LAME as briefing does.
HIBARI_RAW = """\
import sys
import numpy as np, lameenc
from hibari import Hibari
text = open(sys.argv[1], encoding="utf-8").read()
audio = Hibari(threads=1)(text, seed=0)
pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
encoder = lameenc.Encoder()
encoder.set_bit_rate(64); encoder.set_in_sample_rate(24000); encoder.set_out_sample_rate(24000)
encoder.set_channels(1); encoder.set_quality(7)
open(sys.argv[2], "wb").write(encoder.encode(pcm) + encoder.flush())
print(len(audio) / 24000)
"""


def hibari_raw_limit(text: str, tmp: Path, repeat: int) -> tuple[float, float]:
    """(seconds, audio seconds): one process calling Hibari() on the text, one LAME encode."""
    script = tmp / "raw-hibari.txt"
    script.write_text(text, encoding="utf-8")
    command = [sys.executable, "-c", HIBARI_RAW, str(script), str(tmp / "raw-hibari.mp3")]
    times, audio = [], 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            fail(f"the hibari raw limit failed:\n{result.stderr.strip()}")
        audio = float(result.stdout.strip())
    return statistics.median(times), audio


def episode_file(out: Path, kind: str = "audio") -> Path:
    """A file of the day's episode in ``out`` ("audio" or "script"), by the name the
    episode store gives it (the name carries the MP3's content)."""
    from briefing.publish.store import load_store

    (entry,) = [e for e in load_store(out).episodes if e.date.isoformat() == DATE]
    return out / getattr(entry, kind)


def script_text(out: Path) -> str:
    return episode_file(out, "script").read_text(encoding="utf-8").split("\n", 2)[2]


def spoken_text(out: Path) -> str:
    """The script as briefing speaks it (after normalisation)."""
    from briefing.speech import to_spoken

    lines = [line for line in script_text(out).splitlines() if line.strip()]
    return "\n".join(to_spoken(line) for line in lines)


@dataclass
class Figures:
    """One voice's measures."""

    voice: str
    label: str
    raw_label: str
    raw_s: float
    raw_audio_s: float
    cold: Run
    one_job: Run
    warm: Run
    forced: Run
    one_new: Run
    large: Run | None = None
    large_raw_s: float | None = None
    targets: dict | None = None
    ratio: float = 0.0
    """Median over the interleaved pairs of cold run / raw limit."""
    ratios: tuple[float, ...] = ()
    """Each interleaved pair's cold run / raw limit (the spread)."""


def measure(args, tmp: Path, files: list[Path], voice: str) -> Figures:
    from briefing.voices import get_profile

    names = cast(voice)
    profile = get_profile(names[0])
    neural = profile.engine == "hibari"
    n = args.articles
    bench = Bench(tmp / voice, voice)
    (tmp / voice).mkdir()
    ten, fresh = files[:n], files[n]

    def limit(out: Path, repeat: int) -> tuple[float, float]:
        if neural:
            return hibari_raw_limit(spoken_text(out), tmp, repeat)
        espeak_voice = profile.voice if profile.engine == "pyttsx3" else "en-us"
        return raw_limit(script_text(out), tmp, espeak_voice, profile.rate, repeat)

    cache, out = tmp / voice / "cache", tmp / voice / "out"
    bench.briefing(ten, out, cache)  # the script; also warms the file and bytecode caches
    # Cold runs and the raw limit take turns, so that both see the same machine: on a
    # shared VM the speed drifts by a third within minutes. The ratio is the median
    # of the pairs' ratios.
    colds, raws, ratios = [], [], []
    for _ in range(args.repeat):
        colds.append(bench.cold(ten, "cold"))
        raw_once, raw_audio_s = limit(out, 1)
        raws.append(raw_once)
        ratios.append(colds[-1].seconds / raw_once)
    cold, raw_s = median_run(colds), statistics.median(raws)
    one_job = median_run([bench.cold(ten, "cold1", "--jobs", "1") for _ in range(args.repeat)])
    warm = median_run([bench.briefing(ten, out, cache) for _ in range(args.repeat)])
    forced = median_run([bench.briefing(ten, out, cache, "--force") for _ in range(args.repeat)])

    updated = [*ten[:-1], fresh]
    new_runs = []
    for k in range(args.repeat):  # from the state after the ten-article run, each time
        cache_copy, out_copy = tmp / voice / f"cache-copy-{k}", tmp / voice / f"out-copy-{k}"
        shutil.copytree(cache, cache_copy)
        shutil.copytree(out, out_copy)
        new_runs.append(bench.briefing(updated, out_copy, cache_copy))
        shutil.rmtree(cache_copy)
        shutil.rmtree(out_copy)
    one_new = median_run(new_runs)

    large = large_raw_s = None
    if args.large:
        large_out = tmp / voice / "large-out"
        large = bench.briefing(files[: args.large], large_out, tmp / voice / "large-cache")
        large_raw_s, _ = limit(large_out, 1)
    if neural:
        raw_label = "raw limit: one process Hibari() + one LAME encode"
    else:
        raw_label = "raw limit: espeak-ng CLI + ffmpeg"
    label = f"{names[0]} ({profile.engine} {profile.voice}, {profile.rate} wpm)"
    if voice == DEFAULT:
        label = f"the default show: {', '.join(names)}; {label}"
    return Figures(
        voice, label, raw_label,
        raw_s, raw_audio_s, cold, one_job, warm, forced, one_new, large, large_raw_s,
        {"cold / raw limit": 0.75 if neural else 1.1}, statistics.median(ratios), tuple(ratios),
    )  # fmt: skip


def report(args, f: Figures) -> None:
    n = args.articles
    print(f"voice {f.label}; {os.cpu_count()} cores; median of {args.repeat} runs")
    print(f"  briefing audio {f.cold.audio_s:.1f} s, raw limit audio {f.raw_audio_s:.1f} s")
    print()
    header = f"  {'measure':<52} {'wall s':>7} {'x limit':>8} {'x cold':>7} {'s/audio min':>12}"
    print(header)

    def row(label: str, seconds: float, audio_s: float | None, limit: float = f.raw_s) -> None:
        per_minute = f"{seconds / (audio_s / 60):>12.3f}" if audio_s else f"{'':>12}"
        print(
            f"  {label:<52} {seconds:>7.2f} {seconds / limit:>8.2f} "
            f"{seconds / f.cold.seconds:>7.2f} {per_minute}"
        )

    row(f"{f.raw_label} ({n} articles)", f.raw_s, f.raw_audio_s)
    row(f"cold, {n} articles (empty cache)", f.cold.seconds, f.cold.audio_s)
    row(f"cold, {n} articles, one worker (--jobs 1)", f.one_job.seconds, f.one_job.audio_s)
    row("warm re-run, same inputs (up to date)", f.warm.seconds, None)
    row("  the same, --force (every block from the cache)", f.forced.seconds, None)
    row(f"one new story among {n}", f.one_new.seconds, None)
    if f.large is not None:
        row(f"raw limit ({args.large} articles)", f.large_raw_s, None)
        row(
            f"cold, {args.large} articles ({f.large.audio_s / 60:.0f} min of audio)",
            f.large.seconds,
            f.large.audio_s,
        )
    print()
    print("  peak RSS (MB)                     briefing process  largest worker")
    measured = [
        (f"cold, {n} articles", f.cold),
        ("warm re-run", f.warm),
        ("warm re-run, --force", f.forced),
        ("one new story", f.one_new),
    ]
    if f.large is not None:
        measured.append((f"cold, {args.large} articles", f.large))
    for label, run in measured:
        print(f"    {label:<32} {run.own_rss_mb:>16.0f} {run.worker_rss_mb:>15.0f}")
    print()

    def check(label: str, value: float, target: float, unit: str = "x", at_least=False) -> None:
        met = value >= target if at_least else value <= target
        sign = ">=" if at_least else "<="
        verdict = "met" if met else "MISSED"
        print(f"  {label:<52} {value:>6.2f}{unit} (target {sign} {target:g}{unit}): {verdict}")

    check("cold / raw limit (median of interleaved pairs)", f.ratio, f.targets["cold / raw limit"])
    print(f"    each pair: {', '.join(f'{r:.2f}' for r in sorted(f.ratios))}")
    if f.targets["cold / raw limit"] < 1:  # the neural default
        check("cold: times faster than real time", f.cold.audio_s / f.cold.seconds, 80, "x",
              at_least=True)  # fmt: skip
    check("warm re-run / cold", f.warm.seconds / f.cold.seconds, 0.1)
    check("warm re-run, --force / cold", f.forced.seconds / f.cold.seconds, 0.1)
    check("one new story / cold", f.one_new.seconds / f.cold.seconds, 0.3)
    peak = max(max(r.own_rss_mb, r.worker_rss_mb) for _, r in measured)
    if f.large is not None:
        per_minute = (f.large.seconds / f.large.audio_s) / (f.cold.seconds / f.cold.audio_s)
        check(f"cost per audio minute, {args.large} / {n} articles", per_minute, 1.2)
    check("peak RSS of any process", peak, 300, " MB")
    print()


#: Stages of a cold run, each the cumulative time of the functions that do it (cProfile
#: of one ``generate --jobs 0`` run: every block rendered in the one process).
STAGES = (
    ("model load and warm-up (hibari)", ("hibari_engine.py", "__init__")),
    ("hibari in all (Hibari.__call__)", ("hibari/tts.py", "__call__")),
    ("  hibari: G2P (text to phonemes)", ("hibari/tts.py", "phonemize")),
    ("  hibari: onnxruntime (the model)", ("onnxruntime_inference_collection.py", "run")),
    ("  hibari: vocoder (dsp.synth)", ("hibari/dsp.py", "synth")),
    ("  espeak-ng speaker (ask and wait)", ("pyttsx3_engine.py", "_ask")),
    ("trimming (tempo.trim_silence)", ("tempo.py", "trim_silence")),
    ("time compression (tempo.compress)", ("tempo.py", "compress")),
    ("float to 16-bit (hibari_engine._pcm)", ("hibari_engine.py", "_pcm")),
    ("WAV write (wave.writeframes)", ("wave.py", "writeframes")),
    ("WAV read back (mix.load_speech)", ("mix.py", "load_speech")),
    ("  resampling (soxr, mix.resample)", ("mix.py", "resample")),
    ("levelling (mix.level)", ("mix.py", "level")),
    ("assembly without levelling", ("mix.py", "assemble")),
    ("encoding (LAME, mp3.encode)", ("mp3.py", "encode")),
    ("counting frames (mp3.count_frames)", ("mp3.py", "count_frames")),
    ("render_block in all", ("blocks.py", "render_block")),
    ("briefing's main in all", ("cli.py", "main")),
)


def _cumulative(stats, where: tuple[str, str]) -> float:
    """The cumulative seconds of the functions whose file ends with ``where[0]`` (or
    any file for "~") and whose name starts with ``where[1]``."""
    path, name = where
    total = 0.0
    for (file, _, function), (_, _, _, cumulative, _) in stats.stats.items():
        if function.startswith(name) and (path == "~" or file.endswith(path)):
            total += cumulative
    return total


def stage_profile(args, tmp: Path, files: list[Path], voice: str) -> None:
    """Where a cold run's time goes, by stage (``--stages``): the median over
    ``--repeat`` profiled runs, beside the process's start and the wall time."""
    import pstats

    ten = files[: args.articles]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    start_command = [sys.executable, "-c", "import briefing.cli"]
    walls, starts, rows = [], [], {label: [] for label, _ in STAGES}
    audio_s = 0.0
    for run in range(args.repeat + 1):  # the first run warms the file caches
        out, cache, prof = tmp / f"st-out-{run}", tmp / f"st-cache-{run}", tmp / f"st-{run}.prof"
        command = [
            sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "briefing", "generate",
            *map(str, ten), "--out", str(out), "--date", DATE, *voice_option(voice),
            "--cache", str(cache), "--jobs", "0", "-q",
        ]  # fmt: skip
        began = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
        wall = time.perf_counter() - began
        if result.returncode != 0:
            fail(f"briefing generate failed:\n{result.stderr.strip()}")
        starts_once = timed(start_command)
        if run == 0:
            continue
        from mutagen.mp3 import MP3

        audio_s = MP3(str(episode_file(out))).info.length
        walls.append(wall)
        starts.append(starts_once)
        stats = pstats.Stats(str(prof))
        for label, where in STAGES:
            rows[label].append(_cumulative(stats, where))
    assembly, leveling = rows["assembly without levelling"], rows["levelling (mix.level)"]
    rows["assembly without levelling"] = [a - b for a, b in zip(assembly, leveling, strict=True)]
    median = {label: statistics.median(values) for label, values in rows.items()}
    print(f"stages of a cold run, voice {voice}, {args.articles} articles, --jobs 0 under "
          f"cProfile; median of {args.repeat} (min-max); {audio_s:.0f} s of audio")  # fmt: skip
    print(f"  {'stage':<44} {'s':>7} {'range':>13} {'% main':>7}")
    whole = median["briefing's main in all"]

    def line(label: str, value: float, values: list[float]) -> None:
        spread = f"{min(values):.3f}-{max(values):.3f}"
        print(f"  {label:<44} {value:>7.3f} {spread:>13} {100 * value / whole:>6.1f}%")

    line("process wall time (cProfile adds to it)", statistics.median(walls), walls)
    line("python start + import briefing.cli", statistics.median(starts), starts)
    for label, _ in STAGES:
        if median[label] > 0:
            line(label, median[label], rows[label])
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="JSONL articles [%(default)s]"
    )
    parser.add_argument("--articles", type=int, default=10, help="articles in the briefing [10]")
    parser.add_argument(
        "--large", type=int, default=100, help="articles in the large briefing; 0 skips it [100]"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measure; the median is kept [3]"
    )
    parser.add_argument(
        "--voice",
        action="append",
        help=f"voice profile(s) to measure, or {DEFAULT!r}: the show as installed "
        f"[{DEFAULT}, presenter and anchor]",
    )
    parser.add_argument(
        "--stages", action="store_true", help="only profile a cold run's stages (cProfile)"
    )
    args = parser.parse_args()

    if not args.data.is_file():
        fail(
            f"data file not found: {args.data}\n"
            "  Give one with --data PATH (JSON lines with a 'text' field), e.g. the project's "
            "evaluation set ../shared/eval/news-dev.jsonl."
        )
    sys.path.insert(0, str(ROOT))
    voices = args.voice or [DEFAULT, "presenter", "anchor"]
    from briefing.voices import get_profile

    if any(get_profile(cast(v)[0]).engine != "hibari" for v in voices) and (
        not shutil.which("espeak-ng") or not shutil.which("ffmpeg")
    ):
        fail(
            "the espeak raw limit needs the espeak-ng and ffmpeg command lines: "
            "sudo apt-get install espeak-ng ffmpeg"
        )
    print(f"briefing pipeline benchmark: {args.articles} articles from {args.data}\n")
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp_name:
        tmp = Path(tmp_name)
        files = write_articles(args.data, max(args.articles + 1, args.large), tmp / "articles")
        measured = []
        for voice in voices:
            if args.stages:
                stage_profile(args, tmp, files, voice)
            else:
                measured.append(measure(args, tmp, files, voice))
                report(args, measured[-1])
        if len(measured) > 1:
            summary(measured)


def summary(measured: list[Figures]) -> None:
    """The voices side by side: the issue's table."""
    print("side by side (cold: 10 articles, empty cache; medians)")
    print(f"  {'voice':<12} {'cold s':>7} {'x real time':>12} {'x raw limit':>14} "
          f"{'one new / cold':>15} {'--force / cold':>15} {'peak RSS MB':>12}")  # fmt: skip
    for f in measured:
        peak = max(max(r.own_rss_mb, r.worker_rss_mb) for r in (f.cold, f.warm, f.one_new))
        ratio = f"{f.ratio:.2f} (<={f.targets['cold / raw limit']:g})"
        print(f"  {f.voice:<12} {f.cold.seconds:>7.2f} {f.cold.audio_s / f.cold.seconds:>12.0f} "
              f"{ratio:>14} "
              f"{f.one_new.seconds / f.cold.seconds:>15.2f} "
              f"{f.forced.seconds / f.cold.seconds:>15.2f} {peak:>12.0f}")  # fmt: skip
    print()


if __name__ == "__main__":
    main()
