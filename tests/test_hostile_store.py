"""What briefing reads back, and the stores it keeps blocks in, as hostile input (issue 28,
items 1 and 3): a named pipe or a link to /dev/zero where a cache entry, the episode
store, a lock file, a config or a voice profile should be is refused without waiting
and without reading it; an object store that never answers, or refuses connections,
costs one deadline and one warning, and the episode is made without it."""

from __future__ import annotations

import contextlib
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .helpers import SEED, decode_mp3, episode_file, subprocess_env

#: A bound against hanging, far above what a busy 2-core machine takes (each run
#: below ends in a few seconds).
BOUND_S = 60.0
DATE = "2026-11-25"


# -- running briefing, bounded -------------------------------------------------------------


def _limit_memory() -> None:
    """A run that reads /dev/zero runs out of this, not of the machine's memory."""
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def briefing(*args: str, timeout_s: float = BOUND_S, **env: str) -> subprocess.CompletedProcess:
    """``python -m briefing ARGS`` in its own session; killed, with its workers, and the
    test failed when it has not ended within ``timeout_s``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args], env=subprocess_env(**env), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=_limit_memory,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"briefing {args[0]} still running after {timeout_s:.0f} s:\n{stderr[-2000:]}")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def generate(out: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return briefing(
        "generate", str(SEED), "--out", str(out), "--date", DATE, "--voice", "anchor", *args, **env
    )


def warnings_of(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def assert_made(result: subprocess.CompletedProcess, out: Path) -> None:
    """The run succeeded without a traceback, and its MP3 is speech of some length."""
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    samples = decode_mp3(episode_file(out, DATE))
    assert len(samples) > 5 * 22050 and max(samples) > 1000


def within(action: Callable[[], object], timeout_s: float = BOUND_S) -> object:
    """``action()``'s result, run in a thread; the test fails when it has not returned
    within ``timeout_s`` (a read waiting on a pipe: the thread is left blocked)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(action())
        except BaseException as exc:  # handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout_s)
    assert not thread.is_alive(), f"still waiting after {timeout_s:.0f} s"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


@contextlib.contextmanager
def fifo(path: Path) -> Iterator[Path]:
    """A named pipe at ``path``; a reader left waiting on it is let go at the end."""
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):  # a reader waits: give it a writer, then EOF
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def link_to_dev_zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


# -- the one reader ---------------------------------------------------------------------------


def test_the_reader_refuses_pipes_devices_links_and_excess_without_waiting(tmp_path):
    from briefing.files import UnfitFile, read_bounded

    pipe = tmp_path / "pipe"
    with fifo(pipe), pytest.raises(UnfitFile, match="a named pipe, not a regular file"):
        within(lambda: read_bounded(pipe, 100))
    link_to_dev_zero(tmp_path / "zero")
    with pytest.raises(UnfitFile, match="a device, not a regular file"):
        within(lambda: read_bounded(tmp_path / "zero", 100))
    with pytest.raises(UnfitFile, match="a symbolic link, not a regular file"):
        within(lambda: read_bounded(tmp_path / "zero", 100, follow=False))
    big = tmp_path / "big"
    with big.open("wb") as handle:
        handle.truncate(1 << 40)  # a terabyte, sparse: read up to the bound only
    with pytest.raises(UnfitFile, match="more than 1,000 bytes"):
        within(lambda: read_bounded(big, 1000))
    (tmp_path / "small").write_bytes(b"x" * 1000)
    assert read_bounded(tmp_path / "small", 1000, follow=False) == b"x" * 1000


# -- the segment cache (the block store in a folder) ------------------------------------------


def _entries(cache: Path) -> list[tuple[Path, Path]]:
    """Each block's record and the MP3 it names, in a cache folder."""
    import json

    pairs = []
    for record in sorted(cache.glob("segments/*/*.json")):
        sha = json.loads(record.read_bytes())["sha256"]
        (mp3,) = record.parent.glob(f"{record.stem}.{sha[:16]}.mp3")
        pairs.append((record, mp3))
    return pairs


def test_a_pipe_or_a_link_to_a_device_in_the_folder_store_is_a_miss_with_a_warning(
    tmp_path, caplog
):
    from briefing.render.cache import SegmentCache

    from .test_cache import BLOCK

    store = SegmentCache(tmp_path / "cache")
    keys = [f"{n:02d}" * 32 for n in range(4)]
    for key in keys:
        assert store.put(key, BLOCK)
    (record0, _), (record1, _), (_, mp3_2), (_, mp3_3) = _entries(tmp_path / "cache")
    link_to_dev_zero(record1)
    link_to_dev_zero(mp3_3)
    with fifo(record0), fifo(mp3_2), caplog.at_level(logging.WARNING, logger="briefing"):
        assert within(lambda: [store.get(key) for key in keys]) == [None] * 4
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) == 4 and all("rendering it again" in line for line in said), said
    assert sum("a named pipe" in line for line in said) == 2
    assert sum("a symbolic link" in line for line in said) == 2
    for key in keys:  # each went with its warning, and is written afresh
        assert store.put(key, BLOCK) and store.get(key) == BLOCK


@pytest.mark.integration
def test_a_run_renders_afresh_the_blocks_whose_entries_are_pipes_or_device_links(tmp_path):
    """The issue's case: a FIFO hung the run forever, a link to /dev/zero read until
    memory ran out. Now each is one warning, and the block is rendered again."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert_made(generate(out, "--cache", str(cache)), out)
    entries = _entries(cache)
    assert len(entries) >= 4, entries
    (record0, _), (record1, _), (_, mp3_2), (_, mp3_3) = entries[:4]
    link_to_dev_zero(record1)
    link_to_dev_zero(mp3_3)
    with fifo(record0), fifo(mp3_2):
        result = generate(out, "--cache", str(cache), "--force")
    assert_made(result, out)
    said = warnings_of(result)
    assert len(said) == 4 and all("segment cache entry" in line for line in said), said
    assert sum("a named pipe, not a regular file" in line for line in said) == 2, said
    assert sum("a symbolic link, not a regular file" in line for line in said) == 2, said
    for path in (record0, record1, mp3_2, mp3_3):  # rendered afresh and kept
        assert path.is_file() and not path.is_symlink(), path


# -- what a run reads back from its output folder ------------------------------------------


@pytest.mark.integration
def test_an_episode_store_that_is_a_pipe_or_a_device_is_one_error_line(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with fifo(out / "episodes.json"):
        result = generate(out, "--no-cache")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "episodes.json" in lines[0] and "a named pipe, not a regular file" in lines[0]
    link_to_dev_zero(out / "episodes.json")
    result = generate(out, "--no-cache")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "episodes.json" in lines[0] and "a symbolic link" in lines[0]


@pytest.mark.parametrize("kind", ["pipe", "link"])
def test_a_lock_file_that_is_a_pipe_or_a_link_is_refused_and_nothing_written_through_it(
    tmp_path, kind
):
    """``.briefing.lock`` linked to another file truncated that file and wrote a process
    number in it; a pipe made the run's lock a pipe's."""
    from briefing.errors import OutputError
    from briefing.files import LOCK_NAME, folder_lock

    victim = tmp_path / "notes.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    if kind == "link":
        (out / LOCK_NAME).symlink_to(victim)
    else:
        os.mkfifo(out / LOCK_NAME)

    def lock() -> None:
        with folder_lock(out, wait_s=1):
            pass

    with pytest.raises(OutputError) as raised:
        within(lock)
    message = str(raised.value)
    assert LOCK_NAME in message and "not a regular file" in message and "\n" not in message
    assert victim.read_text() == "keep me\n"


def test_a_summary_cache_entry_that_is_a_pipe_is_a_miss_with_a_warning(tmp_path, caplog):
    from briefing.summarize.llm import LlmSettings, LlmSummarizer

    summarizer = LlmSummarizer(LlmSettings(base_url="http://127.0.0.1:9/v1", model="m"), tmp_path)
    (tmp_path / "llm").mkdir()
    with fifo(tmp_path / "llm" / "k.json"), caplog.at_level(logging.WARNING, logger="briefing"):
        assert within(lambda: summarizer._cached("k")) is None
    (said,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "k.json" in said and "a named pipe" in said


# -- what the user names: a config, a voice profile ----------------------------------------


@pytest.mark.integration
def test_a_config_that_is_a_pipe_is_one_error_line(tmp_path):
    with fifo(tmp_path / "briefing.toml") as path:
        result = generate(tmp_path / "out", "--config", str(path), "--no-cache")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "briefing.toml" in lines[0] and "a config must be a regular file" in lines[0]
    assert "named pipe" in lines[0], lines[0]


@pytest.mark.integration
def test_a_voice_profile_that_is_a_pipe_is_skipped_with_a_warning(tmp_path):
    """A profile of the user's own that is a pipe is passed over, and the bundled
    'anchor' reads the episode."""
    voices, out = tmp_path / "voices", tmp_path / "out"
    voices.mkdir()
    with fifo(voices / "anchor.toml"):
        result = generate(out, "--no-cache", BRIEFING_VOICES=str(voices))
    assert_made(result, out)
    said = warnings_of(result)
    assert len(said) == 1 and "anchor.toml" in said[0] and "named pipe" in said[0], said


# -- an object store that does not answer ------------------------------------------------


class SilentListener:
    """A TCP listener on 127.0.0.1 that accepts every connection and never answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):  # closed: the test is over
            while True:
                self.accepted.append(self.sock.accept()[0])

    def close(self) -> None:
        self.sock.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def silent_endpoint() -> Iterator[SilentListener]:
    pytest.importorskip("s3fs")
    listener = SilentListener()
    yield listener
    listener.close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: Credentials of no one (botocore asks no metadata service), and a short deadline.
S3_ENV = {"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y",
          "AWS_DEFAULT_REGION": "us-east-1", "BRIEFING_STORE_TIMEOUT": "1"}  # fmt: skip


@pytest.mark.slow
def test_a_silent_object_store_costs_one_deadline_then_is_left_alone(
    silent_endpoint, monkeypatch, caplog
):
    from briefing.render.store import open_store

    from .test_cache import BLOCK

    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{silent_endpoint.port}")
    store = open_store("s3://bucket/prefix")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert within(lambda: store.get("ab" * 32)) is None
        tried = len(silent_endpoint.accepted)
        assert within(lambda: [store.get("cd" * 32), store.put("ab" * 32, BLOCK)]) == [None, False]
        within(store.prune)
    assert 1 <= tried <= 2  # two attempts at most, and nothing asked after them
    assert len(silent_endpoint.accepted) == tried
    (said,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "s3://bucket/prefix" in said and "rendering without it" in said and "\n" not in said


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.parametrize("endpoint", ["silent", "refusing"])
def test_a_run_with_an_object_store_that_does_not_answer_makes_its_episode(
    tmp_path, request, endpoint
):
    """The issue's case: a store that accepts and never answers hung the run (killed at
    300 s); one that refuses connections cost 139 s. Now each costs one deadline (1 s
    here, at most two attempts) and one warning naming it."""
    if endpoint == "silent":
        port = request.getfixturevalue("silent_endpoint").port
    else:
        pytest.importorskip("s3fs")
        port = closed_port()
    out = tmp_path / "out"
    started = time.monotonic()
    result = generate(
        out, "--cache", "s3://bucket/prefix", AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}", **S3_ENV
    )
    elapsed = time.monotonic() - started
    assert_made(result, out)
    (said,) = warnings_of(result)
    assert "s3://bucket/prefix" in said and "rendering without it" in said, said
    assert elapsed < BOUND_S


def test_a_bad_store_deadline_is_one_line(monkeypatch):
    pytest.importorskip("s3fs")
    from briefing.render.store import CacheError, open_store

    monkeypatch.setenv("BRIEFING_STORE_TIMEOUT", "soon")
    with pytest.raises(CacheError, match="BRIEFING_STORE_TIMEOUT='soon': not a number"):
        open_store("s3://bucket/prefix")
