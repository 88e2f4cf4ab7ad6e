"""Benchmark: the peak memory of each render worker for a show with two engines.

A cold ``briefing generate`` (empty segment cache, ``--no-cache``) of the bundled
sample articles with ``--voice presenter --voice newsreader`` (hibari and piper),
its process tree sampled every 20 ms with psutil: the peak RSS of the largest
process and its CPU seconds (user + system, as last seen: its speed, less swayed
by the machine's load than the wall time), of the largest worker with its
children, of the parent, the number of workers and the wall time.

``--tree LABEL=PATH`` runs briefing from another source tree (an export of an
older commit, ``git archive COMMIT | tar -x -C PATH``) in the same venv, so a
before/after pair is measured in one run, interleaved, on the same machine load:

    python benchmarks/worker_memory.py --tree before=/tmp/before --tree after=. --runs 3

Target (issue 29): no process above 300 MB; before the change, a worker that held
hibari and piper peaked at 686-738 MB. ``--voice default`` measures the default show
(no ``--voice``), which before issue 29 was the presenter with piper's newsreader.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def measure(tree: Path, voices: list[str], jobs: int | None) -> dict[str, float]:
    """One cold run from ``tree``: peak RSS (MB) of the largest worker and the parent."""
    with tempfile.TemporaryDirectory(prefix="worker-memory-") as tmp:
        env = {**os.environ, "PYTHONPATH": str(tree), "BRIEFING_CACHE_DIR": f"{tmp}/cache"}
        command = [sys.executable, "-m", "briefing", "generate", "-q", "--no-cache",
                   "--out", f"{tmp}/out", "--date", "2026-11-25"]  # fmt: skip
        for voice in voices:
            command += ["--voice", voice] if voice != "default" else []
        if jobs is not None:
            command += ["--jobs", str(jobs)]
        start = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, cwd=tmp)
        parent = psutil.Process(process.pid)
        peaks: dict[int, int] = {}  # each process alone
        cpu: dict[int, float] = {}  # each process's CPU seconds, as last seen
        trees: dict[int, int] = {}  # each render worker with its own children (piper's)
        main_peak = 0
        while process.poll() is None:
            try:
                main_peak = max(main_peak, parent.memory_info().rss)
                workers = [c for c in parent.children() if _is_worker(c)]
            except psutil.Error:
                break
            for worker in workers:
                sizes = _rss([worker, *_children(worker)], cpu)
                for pid, rss in sizes.items():
                    peaks[pid] = max(peaks.get(pid, 0), rss)
                trees[worker.pid] = max(trees.get(worker.pid, 0), sum(sizes.values()))
            time.sleep(0.02)
        seconds = time.monotonic() - start
        if process.wait() != 0:
            raise SystemExit(f"briefing failed from {tree} (exit {process.returncode})")
    largest = max(peaks, key=peaks.__getitem__, default=0)
    return {
        "process_mb": max(peaks.values(), default=0) / MB,
        "process_cpu_s": cpu.get(largest, 0.0),
        "worker_mb": max(trees.values(), default=0) / MB,
        "main_mb": main_peak / MB,
        "workers": len(trees),
        "seconds": seconds,
    }


def _is_worker(process: psutil.Process) -> bool:
    try:
        return "briefing.render.workers" in process.cmdline()
    except psutil.Error:
        return False


def _children(process: psutil.Process) -> list[psutil.Process]:
    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


def _rss(processes: list[psutil.Process], cpu: dict[int, float]) -> dict[int, int]:
    """RSS by pid; notes each one's CPU seconds (user + system) in ``cpu``."""
    found = {}
    for process in processes:
        try:
            found[process.pid] = process.memory_info().rss
            times = process.cpu_times()
        except psutil.Error:
            continue
        cpu[process.pid] = times.user + times.system
    return found


def _summary(values: list[float]) -> str:
    median = statistics.median(values)
    return f"{median:.1f} ({min(values):.1f}-{max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", default=[], metavar="LABEL=PATH")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument(
        "--voice", action="append", default=[], help="a voice (repeat); 'default': the default show"
    )
    args = parser.parse_args()
    trees = dict(t.split("=", 1) for t in args.tree) or {"this": str(ROOT)}
    voices = args.voice or ["presenter", "newsreader"]
    results: dict[str, list[dict[str, float]]] = {label: [] for label in trees}
    for _ in range(args.runs):  # interleaved: every tree once a round
        for label, path in trees.items():
            results[label].append(measure(Path(path).resolve(), voices, args.jobs))
    print(f"cold run, --voice {' --voice '.join(voices)}, {args.runs} runs; median (range)")
    print(f"{'tree':8} {'largest process MB':>22} {'largest worker+children':>24} "
          f"{'its CPU s':>18} {'parent MB':>22} {'workers':>8} {'seconds':>22}")  # fmt: skip
    for label, runs in results.items():
        print(
            f"{label:8} {_summary([r['process_mb'] for r in runs]):>22} "
            f"{_summary([r['worker_mb'] for r in runs]):>24} "
            f"{_summary([r['process_cpu_s'] for r in runs]):>18} "
            f"{_summary([r['main_mb'] for r in runs]):>22} "
            f"{statistics.median(r['workers'] for r in runs):8.0f} "
            f"{_summary([r['seconds'] for r in runs]):>22}"
        )


if __name__ == "__main__":
    main()
