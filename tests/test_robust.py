"""Interruption and concurrency: kill -9, Ctrl-C, two runs on one folder, stale files."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.errors import BusyError
from briefing.files import LOCK_NAME, folder_lock

from . import killer
from .helpers import SEED, episode_file, subprocess_env, wait_for

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent


def _generate(out: Path, date: str, *sources: Path, extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "briefing", "generate", *map(str, sources or (SEED,)),
            "--out", str(out), "--date", date, "--voice", "anchor", *extra]  # fmt: skip


def _workers(run: subprocess.Popen[str]) -> set[int]:
    """The render workers of ``run``, alive: the processes of its session (it is
    started in a session of its own, and its workers stay in it even when they
    outlive it) that are ``python -m briefing.render.workers``. Other runs on the
    machine are not counted."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (
                    os.getsid(int(entry.name)) == run.pid
                    and b"briefing.render.workers" in (entry / "cmdline").read_bytes()
                ):
                    found.add(int(entry.name))
            except OSError:  # gone meanwhile
                continue
    return found


# -- kill -9 ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kill_setup(tmp_path_factory):
    work = tmp_path_factory.mktemp("kill")
    return killer.prepare(work, killer.write_articles(work / "articles", 3))


@pytest.mark.parametrize("share", [0.3, 0.85, 0.95])
def test_kill_9_leaves_everything_intact_and_the_next_run_cleans_up(kill_setup, share):
    """A sample of `python -m tests.killer` (which kills at 20 moments)."""
    problems, _ = killer.kill_at(kill_setup, kill_setup.run_s * share)
    assert problems == []


def test_the_kill_check_sees_a_half_written_file(kill_setup, tmp_path):
    """The check above can fail: a cut MP3 under a final name is reported."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(kill_setup.out, out)
    mp3 = episode_file(out, killer.DAY_BEFORE)
    mp3.write_bytes(mp3.read_bytes()[:-100])
    problems = killer.check_folder(out, {})
    assert any("half-written" in p for p in problems), problems


# -- Ctrl-C and SIGTERM ------------------------------------------------------------------


#: The command line with the tone engine of tests/fakes.py registered (its render
#: workers load it by name): with ToneEngine.DELAY_FILE holding 3600, a block is
#: still rendering whenever the test acts, however fast or busy the machine is.
_WITH_THE_TONE_ENGINE = """
import sys
from briefing import tts
tts.register_engine("tone", "tests.fakes:ToneEngine")
sys.argv = ["briefing", *sys.argv[1:]]
from briefing.entry import main
main()
"""


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_during_rendering_is_one_line_and_changes_nothing(tmp_path, how):
    from .fakes import ToneEngine

    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "anchor.toml").write_text('name="anchor"\nengine="tone"\nvoice="beep"\nrate=180\n')
    calls, delay = tmp_path / "calls.txt", tmp_path / "delay.txt"
    env = subprocess_env(
        PYTHONPATH=str(ROOT), BRIEFING_VOICES=str(voices),
        **{ToneEngine.CALLS_FILE: str(calls), ToneEngine.DELAY_FILE: str(delay)},
    )  # fmt: skip
    out = tmp_path / "out"

    def briefing(*args: str | Path) -> list[str]:
        return [sys.executable, "-c", _WITH_THE_TONE_ENGINE, *map(str, args)]

    subprocess.run(briefing(*_generate(out, "2026-11-24", extra=("-q",))[3:]), env=env,
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != LOCK_NAME}
    articles = killer.write_articles(tmp_path / "articles", 6)
    delay.write_text("3600")  # every block from now on renders for an hour
    calls.write_text("")
    process = subprocess.Popen(
        briefing(*_generate(out, "2026-11-25", *articles, extra=("--no-cache",))[3:]), env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    # A block is being spoken (the engine notes each call before it sleeps).
    assert wait_for(lambda: calls.read_text().strip() or process.poll() is not None)
    assert process.poll() is None, process.communicate()
    process.send_signal(how)
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # stop the run and its workers, then say so
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        pytest.fail(f"the run did not end within 120 s of {how.name}:\n{stderr}")
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == (
        "Interrupted: nothing was changed; the previous episode and feed are as they were."
    )
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != LOCK_NAME} == before
    assert wait_for(lambda: not _workers(process)), _workers(process)  # none outlives the run


#: Runs the command line, sending itself SIGTERM while the command line is still being
#: imported (the first import of click): a run stopped 0.06 s after it started died
#: of the signal (-15) instead of ending as Ctrl-C does.
_TERM_WHILE_IMPORTING = """
import builtins, os, signal, sys
real = builtins.__import__
def hook(name, *args, **kwargs):
    if name == "click":
        builtins.__import__ = real
        os.kill(os.getpid(), signal.SIGTERM)
    return real(name, *args, **kwargs)
builtins.__import__ = hook
sys.argv = ["briefing", *sys.argv[1:]]
from briefing.entry import main
main()
"""


#: The command line interrupted while another thread of the run never ends (a feed
#: fetch that hangs, or one left waiting on an import the interrupt cut short).
_INTERRUPT_WITH_A_THREAD_LEFT = """
import sys, threading, time
import briefing.cli, briefing.pipeline
threading.Thread(target=time.sleep, args=(3600,), name="stuck fetch").start()  # not a daemon
def interrupted(*args, **kwargs):
    raise KeyboardInterrupt
briefing.pipeline.prepare_script = interrupted
sys.argv = ["briefing", "script", sys.argv[1]]
briefing.cli.main()
"""


def test_an_interrupt_ends_the_run_even_when_a_thread_would_never_end():
    """Python's exit waits for every thread: after Ctrl-C the run once hung at exit
    (a thread left on Python's import lock) instead of ending with status 130."""
    result = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_WITH_A_THREAD_LEFT, str(SEED)],
        env=subprocess_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert result.stderr.strip().splitlines()[-1] == (
        "Interrupted: nothing was changed; the previous episode and feed are as they were."
    )


def test_sigterm_at_the_very_start_is_one_line_and_status_130(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", _TERM_WHILE_IMPORTING, "generate", str(SEED), "--out", str(out)],
        env=subprocess_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert result.stderr.strip().splitlines() == [
        "Interrupted: nothing was changed; the previous episode and feed are as they were."
    ]
    assert not out.exists()


def test_the_console_script_imports_nothing_before_its_sigterm_handler():
    """The entry point's module is all that runs before the handler is set."""
    code = (
        "import sys, signal; import briefing.entry; "
        "print(sorted(m for m in sys.modules if m.startswith('briefing')), "
        "signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=subprocess_env(), check=True)  # fmt: skip
    assert result.stdout.strip() == "['briefing', 'briefing.entry'] True"
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"briefing": "briefing.entry:main"}


# -- one run at a time -------------------------------------------------------------------


def _hold_lock(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the folder's lock for a while."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from briefing.files import folder_lock\n"
        "with folder_lock(Path(sys.argv[1])):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(float(sys.argv[2]))\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(folder), str(seconds)], stdout=subprocess.PIPE,
        text=True, env=subprocess_env(PYTHONPATH=str(ROOT)),
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    return holder


def _stop(holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_a_held_folder_is_waited_for_then_given_up_on(tmp_path):
    holder = _hold_lock(tmp_path, 600)
    try:
        started = time.monotonic()
        busy = rf"another briefing run \(process {holder.pid}\)"
        with pytest.raises(BusyError, match=busy), folder_lock(tmp_path, wait_s=0.3):
            pass
        assert time.monotonic() - started >= 0.3  # it waited as long as it was asked
        assert holder.poll() is None  # and gave up while the other still held the folder
    finally:
        _stop(holder)
    with folder_lock(tmp_path, wait_s=1):  # the lock went with its process
        pass


def test_generate_waits_for_the_other_run_or_exits_75(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    env = subprocess_env()
    holder = _hold_lock(out, 600)
    try:
        busy = subprocess.run(_generate(out, "2026-11-25", extra=("--wait", "0.5")), env=env,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
    finally:
        _stop(holder)
    assert busy.returncode == 75
    errors = [line for line in busy.stderr.splitlines() if line.startswith("Error")]
    assert errors == [
        f"Error: {out.resolve()}: another briefing run (process {holder.pid}) is writing "
        "there; try again when it has finished"
    ]
    assert not list(out.glob("*.mp3"))
    # The other run ends (its lock goes with it) once this one has said it waits,
    # however long this one took to start.
    holder = _hold_lock(out, 600)
    waiting = subprocess.Popen(_generate(out, "2026-11-25", extra=("--wait", "120")), env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    said = []
    try:
        for line in waiting.stderr:
            said.append(line)
            if "waiting for another briefing run" in line:
                break
    finally:
        _stop(holder)
    _, rest = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, "".join(said) + rest
    assert "waiting for another briefing run" in "".join(said)
    assert episode_file(out, "2026-11-25").exists()


def test_two_runs_at_once_on_one_folder_both_land_whole(tmp_path):
    import json

    import feedparser

    out = tmp_path / "out"
    env = subprocess_env()
    runs = [
        subprocess.Popen(
            _generate(out, date, extra=("-q",)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for date in ("2026-11-24", "2026-11-25")
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    store = json.loads((out / "episodes.json").read_text())
    assert sorted(e["date"] for e in store["episodes"]) == ["2026-11-24", "2026-11-25"]
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2
    for entry in store["episodes"]:
        killer.whole_mp3(out / entry["audio"])
        assert (out / entry["audio"]).stat().st_size == entry["bytes"]


def test_stale_temporary_files_are_removed_and_live_ones_kept(tmp_path, silent_voices):
    from briefing import pipeline

    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = out / f".feed.xml.{int(gone.stdout)}.tmp"
    dead.write_text("half a feed")
    live = out / f".other.{os.getpid()}.tmp"
    live.write_text("being written by a live process")
    pipeline.generate([SEED], out_dir=out, date=dt.date(2026, 11, 25))
    assert not dead.exists() and live.exists()


# -- a real full disk ---------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of 16 MB (as root, where mounting is allowed; else the test is skipped)."""
    import shutil

    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != LOCK_NAME}


@pytest.mark.parametrize("room", [0.05, 0.5, 0.95])
def test_a_really_full_disk_changes_nothing_and_says_so(
    tmp_path, small_disk, silent_voices, articles_dir, monkeypatch, room
):
    """The output folder and the segment cache on a tmpfs that fills up part way
    through the publish (``room`` of what it needs is left)."""
    from click.testing import CliRunner

    from briefing.cli import cli

    def generate(out: Path, *sources: Path):
        return CliRunner().invoke(cli, ["generate", *map(str, sources), "--out", str(out),
                                        "--date", "2026-11-25", "--title", "Notes"])  # fmt: skip

    probe = tmp_path / "probe"
    assert generate(probe, articles_dir).exit_code == 0
    needed = sum(p.stat().st_size for p in probe.iterdir())
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(small_disk / "cache"))
    out = small_disk / "out"
    first = generate(out, articles_dir / "a.txt")
    assert first.exit_code == 0, first.output
    before = _files_in(out)
    stats = os.statvfs(small_disk)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (stats.f_bavail * stats.f_frsize - int(room * needed)))
    full = generate(out, articles_dir)
    assert full.exit_code == 1, full.output
    assert "Traceback" not in full.output
    assert full.output.splitlines()[-1].startswith(
        f"Error: {out}: cannot write the episode and its feed: disk full; free some space"
    ), full.output
    assert full.output.count("cannot write the segment cache") <= 1
    assert _files_in(out) == before
    assert not [p for p in small_disk.rglob("*.tmp")]
    filler.unlink()
    again = generate(out, articles_dir)
    assert again.exit_code == 0, again.output
    mp3 = episode_file(out, "2026-11-25").name
    assert _files_in(out)[mp3] != before.get(mp3)
