"""Blocks rendered on a real Dask cluster (a LocalCluster of two worker processes on
127.0.0.1): each shared block computed once, the same bytes as in this process, a
worker killed mid-batch or a block that hangs costing only its own work."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from briefing.batch import run_batch
from briefing.render import Renderer
from briefing.render.cache import SegmentCache

from .fakes import ToneEngine
from .helpers import tone_specs, wait_for, write_articles, write_show
from .test_batch import DATE, NOW, engine_calls, feed_titles

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a cluster of two worker processes starts for the module


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two worker processes, one thread each; a block that kills its worker twice is
    given up (allowed-failures 1: one more try, as in the local pool)."""
    import dask

    folder = tmp_path_factory.mktemp("cluster")
    calls, delay = folder / "calls.txt", folder / "delay.txt"
    with pytest.MonkeyPatch.context() as patch:
        # The workers inherit these when they start (and when they are restarted).
        patch.setenv(ToneEngine.CALLS_FILE, str(calls))
        patch.setenv(ToneEngine.DELAY_FILE, str(delay))
        patch.setenv("DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES", "1")
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
            cluster = distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=":0",  # a free port: never a clash with another cluster
            )  # fmt: skip
        try:
            with distributed.Client(cluster, set_as_default=False) as client:
                yield cluster, client, calls, delay
        finally:
            cluster.close()


@pytest.fixture
def on_cluster(cluster, tone_show_voices, monkeypatch):
    """The cluster with a clean count of engine calls, no delay, both workers up."""
    found, client, calls, delay = cluster
    # A worker restarted during the test inherits this process's environment.
    monkeypatch.setenv(ToneEngine.CALLS_FILE, str(calls))
    calls.write_text("")
    delay.write_text("0")
    client.wait_for_workers(2, timeout=60)
    yield found.scheduler_address, client, calls, delay
    delay.write_text("0")


@pytest.fixture
def shows(newsroom):
    """The batch tests' three shows over five stories (story 2 in all three)."""
    return newsroom


def reference(shows, tmp_path) -> dict[str, bytes]:
    """Each show's MP3 as made in this process (--jobs 0), in folders of its own."""
    copies = tmp_path / "reference"
    copies.mkdir()
    for path in shows.glob("*.toml"):
        text = path.read_text().replace('folder = "out-', f'folder = "{copies}/out-')
        (copies / path.name).write_text(text)
    with Renderer(SegmentCache(tmp_path / "reference-cache"), jobs=0) as here:
        report = run_batch([copies], here, date=DATE, now=NOW)
    return {s.path.stem: s.episode.mp3_path.read_bytes() for s in report.shows if s.episode}


def test_a_batch_on_the_cluster_renders_each_block_once_and_byte_identical(
    on_cluster, shows, tmp_path
):
    address, _, calls, _ = on_cluster
    (shows / "broken.toml").write_text("[show\n", encoding="utf-8")
    with Renderer(SegmentCache(tmp_path / "cache"), scheduler=address) as renderer:
        report = run_batch([shows], renderer, date=DATE, now=NOW)
    made = {s.path.stem: s for s in report.shows if s.status == "made"}
    assert set(made) == {"morning", "midday", "evening"}
    (broken,) = [s for s in report.shows if s.status == "failed"]
    assert broken.path.name == "broken.toml" and "broken.toml" in broken.error
    spoken = engine_calls(calls)
    assert len(spoken) == len(set(spoken)) == report.rendered < report.blocks
    assert sum("harbour bridge reopened" in text for text in spoken) == 1  # all three shows
    made_there = {name: s.episode.mp3_path.read_bytes() for name, s in made.items() if s.episode}
    # The workers wrote the blocks to the shared cache: a batch here finds them all.
    with Renderer(SegmentCache(tmp_path / "cache"), jobs=0) as here:
        again = run_batch([shows], here, date=DATE, now=NOW, force=True)
    assert again.rendered == 0 and len(engine_calls(calls)) == len(spoken)
    expected = reference(shows, tmp_path)
    for name, show in made.items():
        assert show.episode is not None
        assert made_there[name] == expected[name], name
        assert feed_titles(show.episode.mp3_path.parent) == [show.episode.title]


def test_a_worker_killed_mid_batch_costs_nothing(on_cluster, shows, tmp_path):
    address, client, calls, delay = on_cluster
    delay.write_text("0.4")
    pids = list(client.run(os.getpid).values())
    outcome = {}

    def batch() -> None:
        with Renderer(SegmentCache(tmp_path / "cache"), scheduler=address) as renderer:
            outcome["report"] = run_batch([shows], renderer, date=DATE, now=NOW)

    runner = threading.Thread(target=batch)
    runner.start()
    assert wait_for(lambda: len(engine_calls(calls)) >= 2, timeout_s=60)
    os.kill(pids[0], signal.SIGKILL)  # a worker's process, in the middle of the batch
    runner.join(timeout=180)
    assert not runner.is_alive()
    report = outcome["report"]
    assert [s.status for s in report.shows] == ["made"] * 3, report.shows
    expected = reference(shows, tmp_path)
    for show in report.shows:
        assert show.episode is not None and len(show.episode.stories) == 3
        assert show.episode.mp3_path.read_bytes() == expected[show.path.stem]
        assert feed_titles(show.episode.mp3_path.parent) == [show.episode.title]


def test_a_block_that_hangs_ends_its_worker_and_only_its_story_is_left_out(
    on_cluster, shows, tmp_path
):
    address, client, _, _ = on_cluster
    stuck = tmp_path / "articles" / "stuck.txt"
    stuck.write_text(
        "Council meeting runs long\n\nThe council heard the word stuckforever at its "
        "meeting on Monday, and the meeting ran long.\n",
        encoding="utf-8",
    )
    write_show(shows, "late", [str(stuck), str(tmp_path / "articles" / "story-0.txt")])
    for other in ("morning", "midday", "evening"):
        (shows / f"{other}.toml").unlink()
    started = time.monotonic()
    with Renderer(
        SegmentCache(tmp_path / "cache"), scheduler=address, timeout_base_s=3,
        timeout_per_char_s=0,
    ) as renderer:  # fmt: skip
        report = run_batch([shows], renderer, date=DATE, now=NOW)
    (late,) = report.shows
    assert late.status == "made" and late.episode is not None
    assert [c.title for c in late.episode.stories] == ["Harbour bridge reopens after repairs"]
    assert any("stuck.txt" in s and "worker died" in s for s in late.episode.skipped)
    assert time.monotonic() - started < 60
    client.wait_for_workers(2, timeout=60)


def _wanted_by(keys: list[str], dask_scheduler=None) -> int:
    """How many clients want every one of ``keys`` (run on the scheduler)."""
    return min(len(getattr(dask_scheduler.tasks.get(k), "who_wants", None) or ()) for k in keys)


def test_two_batches_asking_for_one_block_at_once_compute_it_once(on_cluster):
    from briefing.render.cluster import task_key

    address, client, calls, delay = on_cluster
    delay.write_text(ToneEngine.GATE)  # no block ends until both batches have asked for it
    specs = tone_specs(["one block that both batches want", "and another they share"])
    keys = [task_key(spec, with_bytes=True) for spec in specs]
    results = []

    def render() -> None:
        with Renderer(None, scheduler=address) as renderer:  # no cache: only the task key
            results.append(renderer.render(specs))

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        assert wait_for(lambda: client.run_on_scheduler(_wanted_by, keys) >= 2)
    finally:
        delay.write_text("0")
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 2 and all(not r.failures for r in results)
    assert [b.mp3 for b in results[0].blocks] == [b.mp3 for b in results[1].blocks]
    assert sorted(engine_calls(calls)) == sorted(spec.text for spec in specs)


@pytest.mark.integration
def test_real_speech_on_the_cluster_is_byte_identical_to_jobs_0(on_cluster, tmp_path, monkeypatch):
    """espeak-ng (the anchor voice) in the cluster's workers, against this process."""
    from briefing import tts

    tts.unregister_engine("tone")
    address = on_cluster[0]
    articles = write_articles(tmp_path / "articles")
    folder = tmp_path / "shows"
    folder.mkdir()
    write_show(folder, "spoken", [str(articles[0]), str(articles[1])])
    monkeypatch.delenv("BRIEFING_VOICES")  # the repository's own profiles
    with Renderer(SegmentCache(tmp_path / "cache"), scheduler=address) as renderer:
        (on,) = run_batch([folder], renderer, date=DATE, now=NOW).shows
    assert on.status == "made" and on.episode is not None
    assert on.episode.duration_ms > 5_000
    expected = reference(folder, tmp_path)
    assert on.episode.mp3_path.read_bytes() == expected["spoken"]


def test_the_batchs_scheduler_renders_and_the_shows_own_is_ignored(on_cluster, shows, tmp_path):
    """`briefing batch --scheduler --cache`: the batch's cluster and cache, whatever the
    show files' [render] sections name (each ignored with a warning: a show may not
    send the others' blocks elsewhere)."""
    from click.testing import CliRunner

    from briefing.cli import cli

    address, client, calls, _ = on_cluster
    for path in shows.glob("*.toml"):
        text = path.read_text()
        path.write_text(
            f'{text}\n[render]\nscheduler = "tcp://127.0.0.1:9"\ncache = "../elsewhere"\n'
        )
    result = CliRunner().invoke(
        cli,
        ["batch", str(shows), "--date", "2026-11-25", "--scheduler", address,
         "--cache", str(tmp_path / "cache")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("shows: 3 made, 0 up to date (skipped)")
    ignored = [
        line
        for line in result.stderr.splitlines()
        if "[render] cache and scheduler ignored" in line
    ]
    assert len(ignored) == 3, result.stderr
    assert not (tmp_path / "elsewhere").exists()
    workers = {str(pid) for pid in client.run(os.getpid).values()}
    pids = {line.split("\t", 1)[0] for line in calls.read_text().splitlines()}
    assert pids and pids <= workers  # spoken in the cluster's workers, not here
    assert (tmp_path / "cache" / "segments").is_dir()  # the workers wrote the shared cache
