"""Benchmark: many shows in one run (``briefing batch``), against one show of their
unique stories (issue 18).

50 shows of 10 stories each, drawn from 60 articles with heavy overlap (a seeded
Zipf-like draw: the popular stories are in most shows, every article in at least
one), made cold in one run:

- the baseline: one show of all 60 articles, cold, through ``briefing batch`` on the
  local pool (the same renderer as the batch it is compared to);
- the batch on the local pool (``--jobs``: default the cores), cold;
- the batch on a 2-worker ``distributed.LocalCluster`` (``--scheduler``), cold; the
  cluster is started before the clock starts and its start time reported apart.

Each batch is a fresh ``briefing batch`` process, as a user runs it, with its own
empty cache folder; its wall time and its own peak RSS (the planner and publisher)
are measured, with the local workers' (RUSAGE_CHILDREN) and the cluster workers'
(VmHWM, read on each worker). The summary line the command prints says how many
blocks were rendered and how many reused.

Then 500 shows: 500 distinct shows (each its own name, so its own intro and outro;
the 50 shows' stories ten times over) made over the batch's cache, so that every
show's own blocks are rendered and every show is published, as a 500-show batch
does after its stories; its peak RSS is the target. Its cost is modelled as the
unique stories' rendering plus a per-show cost, measured here as

- planning and publishing per show: the 50 shows, then the 500, forced over the
  warm cache, so every block is cached and the time is planning and publishing only;
- a new show's own blocks (its intro and outro name it): 50 new shows drawn the
  same way, cold, over the batch's cache (every story block there already).

Targets: batch <= 1.3x the baseline; cluster <= 1.25x the local pool; peak RSS of
the batch process <= 300 MB (50 and 500 shows). Printed as PASS or MISS; the exit status is 0 either
way (2: the data file or a tool is missing, or briefing failed).

    python benchmarks/batch.py                     # ../shared/eval/news-dev.jsonl
    python benchmarks/batch.py --quick             # 10 shows of 5 from 15 articles
    python benchmarks/batch.py --voice anchor --skip-cluster
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
# The data file, the article files and the measured run are benchmarks/pipeline.py's.
from pipeline import DATE, DEFAULT_DATA, MEASURED_MAIN, fail, write_articles  # noqa: E402

SEED = 18

#: The summary line of ``briefing batch`` (briefing/batch.py, outcome_lines).
SUMMARY = re.compile(
    r"shows: (?P<made>\d+) made, (?P<current>\d+) up to date \(skipped\), "
    r"(?P<failed>\d+) failed; blocks: (?P<rendered>\d+) rendered, (?P<reused>\d+) reused; "
    r".*; (?P<seconds>[\d.]+) s"
)


def draw_shows(shows: int, stories: int, articles: int, rng: random.Random) -> list[list[int]]:
    """Each show's articles: ``stories`` of ``articles`` drawn without replacement with
    Zipf-like weights (article k weighs 1/(k+1)), so the popular ones are in most
    shows; then every article no show took replaces a most-told story of some show,
    so that the shows tell all the articles between them."""
    weights = [1.0 / (rank + 1) for rank in range(articles)]
    picks: list[list[int]] = []
    for _ in range(shows):
        # Efraimidis-Spirakis: the k largest u ** (1 / w) are a weighted sample.
        keys = sorted(range(articles), key=lambda i: rng.random() ** (1 / weights[i]))
        picks.append(sorted(keys[-stories:]))
    told = Counter(i for pick in picks for i in pick)
    untold = [i for i in range(articles) if told[i] == 0]
    for turn, article in enumerate(untold):
        for step in range(shows):
            pick = picks[(turn + step) % shows]
            most = max(pick, key=lambda i: told[i])
            if told[most] > 1:
                pick[pick.index(most)] = article
                told[most] -= 1
                told[article] += 1
                pick.sort()
                break
    return picks


def write_show(
    folder: Path, name: str, title: str, out: Path, sources: Sequence[Path], voice: str | None
) -> Path:
    """A show file: its title, its own output folder, its articles; the default voice
    unless ``voice``, every story (no ``minutes``)."""
    lines = [
        f"[show]\ntitle = {json.dumps(title)}\n",
        f"[output]\nfolder = {json.dumps(str(out))}\n",
    ]
    if voice:
        lines.append(f"[briefing]\nvoices = [{json.dumps(voice)}]\n")
    lines += [f"[[sources]]\npath = {json.dumps(str(source))}\n" for source in sources]
    path = folder / f"{name}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def show_folder(
    tmp: Path, name: str, picks: Sequence[tuple[str, Sequence[int]]], files: Sequence[Path],
    voice: str | None,
) -> Path:  # fmt: skip
    """A folder of show files, one per (title, articles), each its own output folder."""
    folder = tmp / name
    folder.mkdir()
    for number, (title, articles) in enumerate(picks):
        stem = f"show-{number:03d}"
        write_show(folder, stem, title, tmp / f"{name}-out" / stem, [files[i] for i in articles],
                   voice)  # fmt: skip
    return folder


# -- the runs ----------------------------------------------------------------------------


@dataclass
class Run:
    """One ``briefing batch`` process."""

    seconds: float
    """Wall time of the process, start to exit."""
    own_rss_mb: float
    worker_rss_mb: float
    """The local pool's largest worker (RUSAGE_CHILDREN); 0 on a cluster."""
    made: int
    current: int
    failed: int
    rendered: int
    reused: int
    batch_s: float
    """The time the command reports (run_batch's own)."""

    @property
    def blocks(self) -> int:
        return self.rendered + self.reused


class Bench:
    def __init__(self, tmp: Path, jobs: int | None) -> None:
        self.tmp = tmp
        self.jobs = jobs
        # As a user runs it: no BRIEFING_ settings, and Python writes its bytecode cache.
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("BRIEFING_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        self.runs = 0

    def batch(self, shows: Path, cache: Path, *extra: str, scheduler: str | None = None) -> Run:
        """One `briefing batch`, a fresh process, timed."""
        self.runs += 1
        rss = self.tmp / f"rss-{self.runs}.json"
        where = ["--scheduler", scheduler] if scheduler else []
        if self.jobs is not None and not scheduler:
            where = ["--jobs", str(self.jobs)]
        command = [
            sys.executable, "-c", MEASURED_MAIN, str(rss), "batch", str(shows),
            "--date", DATE, "--cache", str(cache), *where, *extra,
        ]  # fmt: skip
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=self.env, cwd=ROOT)
        seconds = time.perf_counter() - start
        found = SUMMARY.search(result.stderr)
        if result.returncode != 0 or found is None:
            tail = "\n".join(result.stderr.strip().splitlines()[-15:])
            fail(f"briefing batch {shows.name} failed (status {result.returncode}):\n{tail}")
        assert found is not None
        own, workers = json.loads(rss.read_text())
        counts = {k: int(v) for k, v in found.groupdict().items() if k != "seconds"}
        return Run(seconds, own / 1024, workers / 1024, **counts,
                   batch_s=float(found["seconds"]))  # fmt: skip


def worker_peak_mb() -> float:
    """This process's peak RSS (VmHWM), in MB: run on each cluster worker."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Cluster:
    run: Run
    start_s: float
    worker_rss_mb: list[float]


def on_cluster(bench: Bench, shows: Path, cache: Path) -> Cluster:
    """The batch on a fresh 2-worker LocalCluster, started before the clock starts."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    )  # fmt: skip
    client = Client(cluster)
    client.wait_for_workers(2)
    start_s = time.perf_counter() - start
    try:
        run = bench.batch(shows, cache, scheduler=cluster.scheduler_address)
        peaks = sorted(client.run(worker_peak_mb).values(), reverse=True)
    finally:
        client.close()
        cluster.close()
    return Cluster(run, start_s, peaks)


@dataclass
class Census:
    """The blocks the shows of a folder ask for, by kind: all, unique (by cache key),
    and the spoken characters of the unique ones."""

    asked: Counter[str]
    unique: Counter[str]
    chars: Counter[str]
    variants: float
    """Unique story blocks per story told (1: each story spoken once for all shows)."""


def census(folder: Path) -> Census:
    """Plan every show of ``folder`` in this process (the scripts, no audio)."""
    import contextlib
    import datetime as dt

    from briefing.batch import find_shows
    from briefing.config import load_config
    from briefing.options import run_options
    from briefing.pipeline import Planned, plan_episode

    asked: Counter[str] = Counter()
    unique: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    seen: set[str] = set()
    titles: set[str] = set()
    for path in find_shows([folder])[0]:
        config = load_config(path)
        options = run_options(config, date=dt.date.fromisoformat(DATE), force=True)
        with contextlib.ExitStack() as held:
            plan = plan_episode(list(config.sources), options, held)
        assert isinstance(plan, Planned)
        for spec in plan.blocks():
            asked[spec.kind] += 1
            if spec.kind == "story":
                titles.add(spec.title)
            if spec.key not in seen:
                seen.add(spec.key)
                unique[spec.kind] += 1
                chars[spec.kind] += len(spec.text)
    return Census(asked, unique, chars, unique["story"] / max(1, len(titles)))


def mp3_mb(cache: Path) -> float:
    """MB of MP3 in a segment cache: what a renderer holding its blocks holds."""
    return sum(p.stat().st_size for p in cache.rglob("*.mp3")) / 1e6


# -- the report --------------------------------------------------------------------------


def verdict(label: str, value: float, target: float, unit: str = "x") -> None:
    met = "PASS" if value <= target else "MISS"
    print(f"  {label:<50} {value:>8.2f}{unit} (target <= {target:g}{unit}): {met}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="JSONL articles [%(default)s]"
    )
    parser.add_argument("--shows", type=int, default=None, help="shows in the batch [50]")
    parser.add_argument("--stories", type=int, default=None, help="stories per show [10]")
    parser.add_argument("--articles", type=int, default=None, help="articles drawn from [60]")
    parser.add_argument(
        "--paper", type=int, default=None, help="shows of the planning-only run [500]"
    )
    parser.add_argument("--voice", help="every show's voice [the project default]")
    parser.add_argument("--jobs", type=int, help="local worker processes [the cores]")
    parser.add_argument("--skip-cluster", action="store_true", help="no LocalCluster run")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 10 shows of 5 from 15, 50 on paper"
    )
    args = parser.parse_args()
    small = (10, 5, 15, 50) if args.quick else (50, 10, 60, 500)
    for name, value in zip(("shows", "stories", "articles", "paper"), small, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    if not 0 < args.stories <= args.articles <= args.shows * args.stories:
        fail("need 0 < --stories <= --articles <= --shows x --stories")

    if not args.data.is_file():
        fail(
            f"data file not found: {args.data}\n"
            "  Give one with --data PATH (JSON lines with a 'text' field), e.g. the project's "
            "evaluation set ../shared/eval/news-dev.jsonl."
        )
    sys.path.insert(0, str(ROOT))
    if not args.skip_cluster:
        try:
            import distributed  # noqa: F401
        except ImportError:
            fail("the cluster run needs dask: pip install 'briefing-podcast[dask]' (or skip it: "
                 "--skip-cluster)")  # fmt: skip
    from briefing.render.pool import default_jobs
    from briefing.voices import default_voices, get_profile

    voices = [args.voice] if args.voice else list(default_voices())
    cast = ", ".join(f"{v} ({get_profile(v).engine} {get_profile(v).voice})" for v in voices)
    jobs = args.jobs or default_jobs()
    print(
        f"briefing batch benchmark: {args.shows} shows of {args.stories} stories from "
        f"{args.articles} articles of {args.data.name}; voices {cast}"
        f"{'' if args.voice else ' (the default)'}; {os.cpu_count()} cores, local pool of {jobs}\n"
    )
    with tempfile.TemporaryDirectory(prefix="briefing-bench-batch-") as tmp_name:
        tmp = Path(tmp_name)
        measure(args, tmp, write_articles(args.data, args.articles, tmp / "articles"))


def measure(args: argparse.Namespace, tmp: Path, files: list[Path]) -> None:
    rng = random.Random(SEED)
    n, k, m = args.shows, args.stories, args.articles
    picks = draw_shows(n, k, m, rng)
    told = Counter(i for pick in picks for i in pick)
    assert set(told) == set(range(m)), "the shows must tell every article between them"
    counts = sorted(told.values())
    print(f"shows telling each story: min {counts[0]}, median {statistics.median(counts):g}, "
          f"max {counts[-1]}; {len(told)} unique stories, {n * k} told")  # fmt: skip

    batch = [(f"Show {i:03d} Daily", pick) for i, pick in enumerate(picks)]
    shows = show_folder(tmp, "shows", batch, files, args.voice)
    one = show_folder(tmp, "baseline", [("All the News", list(range(m)))], files, args.voice)
    more = [(f"Extra Show {i:03d} Daily", p) for i, p in enumerate(draw_shows(n, k, m, rng))]
    extra = show_folder(tmp, "new-shows", more, files, args.voice)
    # Distinct shows (each its own name, so its own intro and outro) over the same stories.
    repeat = -(-args.paper // n)
    picks_paper = (picks * repeat)[: args.paper]
    paper_shows = [(f"Paper Show {i:03d} Daily", pick) for i, pick in enumerate(picks_paper)]
    paper = show_folder(tmp, "paper", paper_shows, files, args.voice)
    bench = Bench(tmp, args.jobs)
    # What the scripts ask for, planned here (in other output folders).
    blocks = census(show_folder(tmp, "census-shows", batch, files, args.voice))
    blocks_one = census(show_folder(tmp, "census-baseline", [("All the News", list(range(m)))],
                                    files, args.voice))  # fmt: skip

    # The disk and bytecode caches (and the model file) warm, once, before any clock.
    warm_up = show_folder(tmp, "warm-up", [("Warm Up", [0])], files, args.voice)
    bench.batch(warm_up, tmp / "warm-up-cache")

    baseline = bench.batch(one, tmp / "baseline-cache")
    local = bench.batch(shows, tmp / "local-cache")
    # The same shows in their own output folders: in the batch's, they are up to date.
    again = show_folder(tmp, "cluster-shows", batch, files, args.voice)
    cluster = None if args.skip_cluster else on_cluster(bench, again, tmp / "cluster-cache")
    # Planning and publishing alone: every block cached, every show forced.
    warm_n = bench.batch(shows, tmp / "local-cache", "--force")
    # The big batch: every show's own blocks rendered (the stories in the cache), then
    # the same shows forced (planning and publishing alone).
    shutil.copytree(tmp / "local-cache", tmp / "paper-cache")
    new_paper = bench.batch(paper, tmp / "paper-cache")
    warm_paper = bench.batch(paper, tmp / "paper-cache", "--force")
    # A new show's own blocks: new shows over the batch's cache (the stories there).
    shutil.copytree(tmp / "local-cache", tmp / "new-cache")
    new = bench.batch(extra, tmp / "new-cache")
    sizes = mp3_mb(tmp / "local-cache"), mp3_mb(tmp / "new-cache")

    report(args, baseline, local, cluster, warm_n, warm_paper, new, sizes, new_paper)
    report_blocks(args, blocks, blocks_one)


def report_blocks(args: argparse.Namespace, batch: Census, one: Census) -> None:
    """The scripts' blocks: what the batch must speak against the baseline."""
    n = args.shows
    print(f"\n  blocks the scripts ask for (planned in this process): the batch's {n} shows "
          f"against the baseline's 1")  # fmt: skip
    print(f"    {'kind':<8} {'batch asked':>12} {'unique':>7} {'unique chars':>13} "
          f"{'baseline':>9} {'chars':>7}")  # fmt: skip
    for kind in ("intro", "lead-in", "story", "outro"):
        print(f"    {kind:<8} {batch.asked[kind]:>12} {batch.unique[kind]:>7} "
              f"{batch.chars[kind]:>13} {one.unique[kind]:>9} {one.chars[kind]:>7}")  # fmt: skip
    total, base = sum(batch.chars.values()), sum(one.chars.values())
    print(f"    {'all':<8} {sum(batch.asked.values()):>12} {sum(batch.unique.values()):>7} "
          f"{total:>13} {sum(one.unique.values()):>9} {base:>7}")  # fmt: skip
    print(f"    the batch speaks {total / base:.2f}x the baseline's characters: "
          f"{batch.variants:.2f} story blocks per story (a story is told in full or short by "
          f"its rank in its show, and with two voices its reader follows its rank), and each "
          f"show's own "
          f"intro and outro ({(batch.chars['intro'] + batch.chars['outro']) / n:.0f} chars a "
          f"show)")  # fmt: skip


def report(
    args: argparse.Namespace, baseline: Run, local: Run, cluster: Cluster | None,
    warm_n: Run, warm_paper: Run, new: Run, sizes: tuple[float, float], new_paper: Run,
) -> None:  # fmt: skip
    n, k, m, big = args.shows, args.stories, args.articles, args.paper
    print()
    print(f"  {'run (a fresh briefing batch process each)':<46} {'wall s':>7} {'ratio':>6} "
          f"{'made':>5} {'rendered':>9} {'blocks':>7} {'RSS MB':>7} {'workers':>8}")  # fmt: skip

    def row(label: str, run: Run, ratio: str = "", workers: float | None = None) -> None:
        peak = run.worker_rss_mb if workers is None else workers
        print(f"  {label:<46} {run.seconds:>7.2f} {ratio:>6} {run.made:>5} {run.rendered:>9} "
              f"{run.blocks:>7} {run.own_rss_mb:>7.0f} {peak:>8.0f}")  # fmt: skip

    row(f"baseline: 1 show of {m} stories, local, cold", baseline)
    row(f"batch: {n} shows of {k}, local pool, cold", local,
        f"{local.seconds / baseline.seconds:.2f}b")  # fmt: skip
    if cluster is not None:
        row(f"batch: {n} shows of {k}, 2-worker LocalCluster", cluster.run,
            f"{cluster.run.seconds / local.seconds:.2f}l", max(cluster.worker_rss_mb))  # fmt: skip
    row(f"batch: {n} shows, warm, --force (planning only)", warm_n)
    row(f"batch: {big} distinct shows, their own blocks", new_paper)
    row(f"batch: {big} shows, warm, --force (planning only)", warm_paper)
    row(f"{n} new shows, cold, over the batch's cache", new)
    cold = [("the baseline", baseline, 1), ("the local batch", local, n), ("the new shows", new, n)]
    if cluster is not None:
        cold.append(("the cluster batch", cluster.run, n))
    for label, run, shows in cold:
        if run.made != shows:
            print(f"  NOTE: {label} made {run.made} of {shows} shows: its time is not a cold run's")
    print("  (ratio: b = x the baseline, l = x the local pool; rendered = unique blocks "
          "rendered; blocks = asked for over all shows; RSS = the batch process's peak; "
          "workers = the largest worker's peak)")  # fmt: skip
    if cluster is not None:
        workers = ", ".join(f"{mb:.0f}" for mb in cluster.worker_rss_mb)
        print(f"  LocalCluster start (not timed in the batch): {cluster.start_s:.2f} s; "
              f"its workers' peak RSS: {workers} MB")  # fmt: skip
    print(
        f"  the baseline renders {baseline.rendered} blocks for {m} stories; the batch "
        f"{local.rendered} unique of {local.blocks} ({local.reused} reused): the stories and "
        f"the lead-ins are shared, each show's intro and outro (they name it) are its own"
    )

    print("\n  targets")
    verdict(f"batch / baseline ({n} shows of {k} vs {m} stories once)",
            local.seconds / baseline.seconds, 1.3)  # fmt: skip
    if cluster is not None:
        verdict("LocalCluster batch / local pool batch", cluster.run.seconds / local.seconds, 1.25)
    runs = [local, *([cluster.run] if cluster else [])]
    verdict(f"peak RSS of the batch process ({n} shows)", max(r.own_rss_mb for r in runs), 300,
            " MB")  # fmt: skip
    verdict(f"peak RSS of the batch process ({big} distinct shows)",
            max(new_paper.own_rss_mb, warm_paper.own_rss_mb), 300, " MB")  # fmt: skip

    # cost(shows) ~ render(unique stories) + shows x (planning and publishing + own blocks)
    plan_s = (warm_paper.seconds - warm_n.seconds) / (big - n) if big > n else 0.0
    fixed_s = warm_n.seconds - n * plan_s
    own_s = max(0.0, (new.seconds - warm_n.seconds) / n)
    per_show = plan_s + own_s
    story_s = max(0.0, local.seconds - fixed_s - n * per_show)
    at = local.seconds + (big - n) * per_show
    print(f"\n  {big} shows on paper (the same {m} articles; cost ~ render(unique stories) "
          f"+ shows x per-show cost)")  # fmt: skip
    print(
        f"    planning + publishing, per show: {plan_s * 1000:.0f} ms (slope from the warm "
        f"{n}- and {big}-show runs; {fixed_s:.2f} s fixed: process, imports, pool)"
    )
    print(f"    a new show's own blocks ({new.rendered / n:.1f} a show: intro, outro, "
          f"lead-ins), per show: {own_s * 1000:.0f} ms (the {n} new shows, cold, less their "
          f"planning)")  # fmt: skip
    print(f"    so each show adds {per_show:.2f} s; the {m} unique stories cost {story_s:.1f} s "
          f"of the batch's {local.seconds:.1f} s")  # fmt: skip
    print(f"    {big} shows: ~{at:.0f} s (x{at / local.seconds:.1f} the {n}-show batch for "
          f"x{big / n:g} the shows), of which {big * per_show:.0f} s per-show costs; rendered "
          f"each show alone (no sharing): ~{big * k / m * baseline.seconds:.0f} s")  # fmt: skip
    print(
        f"    peak RSS of the batch process at {big} distinct shows: {new_paper.own_rss_mb:.0f} "
        f"MB rendering their own blocks, {warm_paper.own_rss_mb:.0f} MB forced (at {n}: "
        f"{warm_n.own_rss_mb:.0f} MB forced); the largest worker {new_paper.worker_rss_mb:.0f} MB"
    )
    batch_mb, with_new_mb = sizes
    show_mb = (with_new_mb - batch_mb) / n
    print(f"    MP3 of the batch's blocks: {batch_mb:.1f} MB, and {show_mb * 1000:.0f} kB more "
          f"for each new show: {big} distinct shows hold ~{batch_mb + (big - n) * show_mb:.0f} "
          f"MB of blocks in the cache (the batch reads each show's back from it)")  # fmt: skip


if __name__ == "__main__":
    main()
