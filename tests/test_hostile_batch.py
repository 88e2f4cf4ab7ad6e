"""Hostile input to ``briefing batch`` (issue 28): a scheduler that never answers, show
files that name caches for the others, and more shows than file descriptors. Each case
ends in bounded time with one line, or with every good show made."""

from __future__ import annotations

import contextlib
import resource
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import subprocess_env, write_articles, write_show
from .webserver import FixtureServer

ROOT = Path(__file__).resolve().parent.parent
#: A bound against hanging, far above what a busy 2-core machine takes (the fixes end
#: these runs in a few seconds).
HANG_BOUND_S = 90
#: The scheduler's deadline in the runs below (the default is 20 s).
SCHEDULER_DEADLINE_S = 2


@contextlib.contextmanager
def silent_listener() -> Iterator[tuple[str, list[socket.socket]]]:
    """A TCP listener on 127.0.0.1 that accepts every connection and never says a word:
    its address, and the connections it took."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    taken: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):  # closed: the test is over
            while True:
                taken.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}", taken
    finally:
        with contextlib.suppress(OSError):
            server.shutdown(socket.SHUT_RDWR)  # wakes the accept (a close alone does not)
        server.close()
        for connection in taken:
            connection.close()
        thread.join(timeout=10)


def briefing_cli(*args: str | Path, before: str = "") -> list[str]:
    """`briefing ARGS` in a fresh Python, with the tone engine registered (and
    ``before`` run first: a shorter deadline)."""
    code = (
        "import sys\nfrom briefing import tts\n"
        'tts.register_engine("tone", "tests.fakes:ToneEngine")\n'
        f"{before}\n"
        'sys.argv = ["briefing", *sys.argv[1:]]\nfrom briefing.entry import main\nmain()\n'
    )
    return [sys.executable, "-c", code, *map(str, args)]


def run_cli(tmp_path: Path, *args: str | Path, before: str = "", **popen: object):
    voices = tmp_path / "tone-voices"
    voices.mkdir(exist_ok=True)
    (voices / "anchor.toml").write_text('name="anchor"\nengine="tone"\nvoice="beep"\nrate=180\n')
    env = subprocess_env(
        PYTHONPATH=str(ROOT), BRIEFING_VOICES=str(voices),
        BRIEFING_CACHE_DIR=str(tmp_path / "user-cache"),
    )  # fmt: skip
    return subprocess.run(
        briefing_cli(*args, before=before), capture_output=True, text=True,
        timeout=HANG_BOUND_S, cwd=tmp_path, env=env, **popen,
    )  # fmt: skip


def make_shows(tmp_path: Path, count: int, extra: dict[str, str] | None = None) -> Path:
    """``count`` shows over the same five stories, each in its own output folder."""
    articles = write_articles(tmp_path / "articles")
    shows = tmp_path / "shows"
    shows.mkdir()
    for number in range(count):
        name = f"show{number:03d}"
        picked = [str(articles[(number + i) % len(articles)]) for i in range(2)]
        write_show(shows, name, picked, extra=(extra or {}).get(name, ""))
    return shows


SHORT_DEADLINE = (
    f"import briefing.render.cluster as c\nc.CONNECT_TIMEOUT_S = {SCHEDULER_DEADLINE_S}"
)


# -- 2. a scheduler that never answers ----------------------------------------------------


def assert_scheduler_line(result, address: str, shows: Path) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert line.startswith(
        f"Error: cannot reach the Dask scheduler at {address}: it did not answer within "
        f"{SCHEDULER_DEADLINE_S} s"
    ), line
    assert "dask scheduler" in line and "leave out --scheduler" in line, line
    assert not any(shows.glob("out-*/feed.xml"))  # nothing was published


@pytest.mark.slow
def test_a_scheduler_that_accepts_and_never_answers_is_one_line(tmp_path):
    shows = make_shows(tmp_path, 2)
    pytest.importorskip("distributed")
    with silent_listener() as (address, taken):
        result = run_cli(
            tmp_path, "batch", shows, "--scheduler", address, "--cache", tmp_path / "cache",
            "--date", "2026-11-25", before=SHORT_DEADLINE,
        )  # fmt: skip
        assert taken  # it was asked
    assert_scheduler_line(result, address, shows)


@pytest.mark.slow
def test_a_scheduler_that_is_a_web_server_is_one_line(tmp_path):
    shows = make_shows(tmp_path, 2)
    pytest.importorskip("distributed")
    web = FixtureServer().start()
    try:
        address = web.base.replace("http://", "tcp://")
        result = run_cli(
            tmp_path, "batch", shows, "--scheduler", address, "--cache", tmp_path / "cache",
            "--date", "2026-11-25", before=SHORT_DEADLINE,
        )  # fmt: skip
    finally:
        web.stop()
    assert_scheduler_line(result, address, shows)


# -- 4. a show file's [render] settings are its own business --------------------------------


def rows(stderr: str) -> dict[str, str]:
    """The batch's table on standard error: each show's row by its file name."""
    lines = stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("show "))
    return {line.split()[0]: line for line in lines[start + 1 : -1]}


@pytest.mark.slow
def test_two_shows_naming_different_caches_are_both_made(tmp_path):
    """Each names a cache of its own (and one a scheduler on a closed port): the batch
    keeps its blocks in its own cache (the command line's, else the default) and renders
    them on this machine, says once per show that its setting is ignored, and writes in
    neither show's cache."""
    named = {name: tmp_path / f"cache-of-{name}" for name in ("show000", "show001")}
    settings = {name: f'[render]\ncache = "{folder}"\n' for name, folder in named.items()}
    settings["show001"] += 'scheduler = "tcp://127.0.0.1:9"\n'
    shows = make_shows(tmp_path, 2, settings)
    result = run_cli(tmp_path, "batch", shows, "--jobs", "0", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    table = rows(result.stderr)
    assert all(" made " in table[f"{name}.toml"] for name in named), table
    ignored = {
        "show000": "[render] cache ignored",
        "show001": "[render] cache and scheduler ignored",
    }
    for name, folder in named.items():
        assert not folder.exists()
        (warning,) = [
            line for line in result.stderr.splitlines()
            if line.startswith("warning:") and f"{name}.toml" in line
        ]  # fmt: skip
        assert ignored[name] in warning, warning
    assert any((tmp_path / "user-cache").rglob("*.mp3"))  # the batch's own cache


@pytest.mark.slow
def test_a_show_naming_an_internal_cache_url_sends_it_nothing(tmp_path):
    """A show whose [render] cache is a URL on this machine: no request reaches that
    server, for its blocks or the other shows'; the blocks go to the batch's own cache."""
    web = FixtureServer().start()
    try:
        poison = web.url("/poison")
        shows = make_shows(tmp_path, 3, {"show001": f'[render]\ncache = "{poison}"\n'})
        result = run_cli(tmp_path, "batch", shows, "--jobs", "0", "--date", "2026-11-25")
    finally:
        web.stop()
    assert sum(web.hits.values()) == 0, web.hits
    assert result.returncode == 0, result.stderr
    table = rows(result.stderr)
    assert all(" made " in row for row in table.values()) and len(table) == 3, table
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    (warning,) = [line for line in warnings if "show001.toml" in line]
    assert "[render] cache ignored" in warning and poison not in warning, warning
    assert any((tmp_path / "user-cache").rglob("*.mp3"))


# -- 6. more shows than file descriptors -----------------------------------------------------


def at_most_32_open_files() -> None:
    """In the child before it runs briefing: 32 descriptors, hard limit included (so
    the command line cannot raise it)."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))


@pytest.mark.slow
def test_forty_shows_under_32_open_files_are_all_made(tmp_path):
    """More shows than descriptors (70 under 64 before: the same failure, half the
    time)."""
    shows = make_shows(tmp_path, 40)
    result = run_cli(
        tmp_path, "batch", shows, "--jobs", "2", "--date", "2026-11-25", "-q",
        preexec_fn=at_most_32_open_files,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Too many open files" not in result.stderr and "Traceback" not in result.stderr
    made = result.stdout.splitlines()
    assert len(made) == 40 and all(Path(line).is_file() for line in made)
    assert len(list(shows.glob("out-*/feed.xml"))) == 40


def test_a_batch_raises_its_open_files_limit_to_the_hard_one():
    """Where the hard limit allows more than the soft one, a batch takes it (in a child:
    this process's limits stay as they are)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard <= 64:
        pytest.skip("the hard limit leaves no room above 64")
    code = (
        "import resource\nfrom briefing.batch import raise_open_files_limit\n"
        "hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))\n"
        "raise_open_files_limit()\nprint(*resource.getrlimit(resource.RLIMIT_NOFILE))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=HANG_BOUND_S,
        env=subprocess_env(PYTHONPATH=str(ROOT)),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    now_soft, now_hard = map(int, result.stdout.split())
    assert now_hard == hard and now_soft > 64
    assert now_soft == hard or hard == resource.RLIM_INFINITY
