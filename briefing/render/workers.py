"""A pool of worker processes that render blocks, with a timeout on each.

Each worker is a fresh Python process (``python -m briefing.render.workers``, so
nothing of the caller's state and no re-import of the caller's main script)
that serves ONE speech engine: it creates it on first use and keeps it for its
life, as pyttsx3 on Linux needs (``../shared/notes/pyttsx3-on-linux.md``:
engines crash when re-created), and never loads another, so no process holds
two models (a worker that held hibari and piper peaked at 630-740 MB). Each
block goes to a worker of its voice's engine; the pool starts at least one
worker per engine a run uses, and gives a slot whose engine has no more work to
an engine that has. It talks to the parent over two pipes of its own
(pickled messages), renders one block at a time and sends back its MP3
bytes; the parent never holds more than the encoded blocks.

The parent watches every worker: a worker that dies (a segmentation fault in
the engine) or runs past the block's timeout is killed and replaced, and the
block is tried once more in the fresh worker; a second failure is reported
for that block alone. A worker that cannot start at all stops the run with
an error. Workers ignore Ctrl-C (the terminal sends it to the whole process
group): the parent stops them all and lets the interrupt go on.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..errors import BriefingError, EngineError
from .cache import CachedBlock

log = logging.getLogger(__name__)

#: The workers' folder for their WAV files: PREFIX + the run's process id + "-...".
WORKDIR_PREFIX = "briefing-render-"

ATTEMPTS = 2
"""Tries per block: the first, and one more in a fresh worker."""
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class _PipeHandler(logging.Handler):
    """Sends a worker's log records to the parent, which logs them as its own."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn

    def emit(self, record: logging.LogRecord) -> None:
        fields = dict(record.__dict__, msg=record.getMessage(), args=None, exc_info=None)
        fields.pop("exc_text", None)
        with contextlib.suppress(OSError, ValueError):  # the parent has gone
            self.conn.send(("log", fields))


def _serve(
    tasks: Connection, replies: Connection, registry: dict[str, str], level: int, workdir: Path
) -> None:
    """A worker's life: render the blocks the parent sends until it sends None
    (its WAV files go in ``workdir``, the pool's, which the parent removes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logger = logging.getLogger("briefing")
    logger.handlers[:] = [_PipeHandler(replies)]
    logger.setLevel(level)
    logger.propagate = False
    from ..tts import register_engine
    from .blocks import BlockFailed, render_block

    for name, path in registry.items():
        register_engine(name, path)
    replies.send(("ready", None))  # the block's own timeout runs from here
    if not tasks.poll():
        _prepare(registry)
    while True:
        try:
            spec = tasks.recv()
        except (EOFError, OSError):
            return
        if spec is None:
            return
        reply: tuple[str, Any]
        try:
            reply = ("ok", render_block(spec, workdir))
        except BlockFailed as exc:
            reply = ("failed", str(exc))
        except BriefingError as exc:
            reply = ("fatal", exc)
        except Exception as exc:  # a bug: report it, whole, to the parent
            reply = ("fatal", EngineError(f"rendering failed: {type(exc).__name__}: {exc}"))
        try:
            replies.send(reply)
        except (OSError, ValueError):
            return
        _trim()


def _trim() -> None:
    """Give the heap's free memory back to the system between blocks (glibc keeps it,
    and a worker's RSS then creeps up with every long block)."""
    global _malloc_trim
    if _malloc_trim is None:
        import ctypes
        import ctypes.util

        try:
            _malloc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc
            _malloc_trim = False
    if callable(_malloc_trim):
        _malloc_trim(0)


_malloc_trim: Callable[[int], object] | bool | None = None
"""glibc's malloc_trim, False where there is none, None until looked up."""


def _prepare(registry: dict[str, str]) -> None:
    """While no block has come yet (the parent is still reading and summarising),
    load what rendering needs and start the engines, so the first block does not
    wait for them. A failure is left for that block to meet and report."""
    from ..tts import get_engine

    for name in registry:  # first: an engine's own process starts while these imports run
        try:
            get_engine(name)
        except Exception as exc:  # reported when a block needs the engine
            log.debug("engine %s did not start ahead of its first block: %s", name, exc)
    from ..audio import mix, mp3  # noqa: F401  (numpy, pydub, lameenc)


@dataclass
class _Worker:
    engine: str
    """The one engine this worker loads (its registry name)."""
    process: subprocess.Popen[bytes]
    tasks: Connection
    replies: Connection
    spec: Any = None
    attempt: int = 0
    deadline: float = 0.0
    fresh: bool = True
    ready: bool = False


@dataclass
class WorkerPool:
    """Up to ``size`` worker processes (at least one per engine a run uses), each
    serving one engine of ``registry``; use as a context manager."""

    size: int
    registry: dict[str, str]
    """The engines blocks may use, by name: "module:Class" (``tts.importable_registry``)."""
    timeout: Callable[[Any], float]
    """Seconds a block may take, by its spec."""
    startup_s: float = 60.0
    """Seconds a fresh worker has to start (Python and its imports) before the
    timeout of its first block begins."""
    _workers: list[_Worker] = field(default_factory=list)
    _workdir: Path | None = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(force=kind is not None)

    def _start(self, engine: str) -> _Worker:
        """A new worker for ``engine`` (it is given no other)."""
        _exiting[:] = [p for p in _exiting if p.poll() is None]  # reap the finished
        task_read, task_write = os.pipe()
        reply_read, reply_write = os.pipe()
        level = logging.getLogger("briefing").getEffectiveLevel()
        if self._workdir is None:
            _remove_stale_workdirs()
            self._workdir = Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-"))
        registry = {engine: self.registry[engine]}
        command = [sys.executable, "-m", "briefing.render.workers", str(task_read),
                   str(reply_write), repr(registry), str(level), repr(sys.path),
                   str(self._workdir)]  # fmt: skip
        # One thread each: the workers are the parallelism. (numpy's OpenBLAS would start
        # a thread per core in every worker, and its spinning threads measured to
        # double the time of the mixing and the encoding next to them.)
        env = {**os.environ, **dict.fromkeys(_THREAD_VARIABLES, "1")}
        try:
            process = subprocess.Popen(
                command,
                env=env,
                pass_fds=(task_read, reply_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=False,
            )
        except OSError as exc:
            for fd in (task_read, task_write, reply_read, reply_write):
                os.close(fd)
            raise EngineError(f"cannot start a render worker: {exc}") from None
        os.close(task_read)
        os.close(reply_write)
        worker = _Worker(
            engine,
            process,
            Connection(task_write, readable=False),
            Connection(reply_read, writable=False),
        )
        self._workers.append(worker)
        return worker

    def spawn(self, engines: Sequence[str]) -> None:
        """Start a worker now for each of ``engines`` that has none, ahead of the blocks
        they will get (one per engine even past ``size``: each engine needs one)."""
        for engine in engines:
            if not any(w.engine == engine for w in self._workers):
                self._start(engine)

    def _stop(self, worker: _Worker) -> None:
        """Kill a worker (it crashed, hung, or failed and may be in a bad state)."""
        with contextlib.suppress(OSError):
            worker.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.process.wait(5)
        worker.tasks.close()
        worker.replies.close()
        self._workers.remove(worker)

    def _dismiss(self, worker: _Worker, force: bool = False) -> None:
        """Let a worker go: an idle one that has worked is told to finish (it closes
        its engine and exits on its own; the run need not wait for it), one that
        never had a block, or any with ``force``, is killed."""
        if force or worker.fresh or worker.spec is not None:
            with contextlib.suppress(OSError):
                worker.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(5)
        else:
            with contextlib.suppress(OSError, ValueError):
                worker.tasks.send(None)
            _exiting.append(worker.process)
        worker.tasks.close()
        worker.replies.close()
        self._workers.remove(worker)

    def close(self, force: bool = False) -> None:
        """Stop every worker (``_dismiss``)."""
        for worker in list(self._workers):
            self._dismiss(worker, force)
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def run(self, specs: Sequence[Any]) -> Iterator[tuple[Any, CachedBlock | str]]:
        """Render ``specs``; yield (spec, block) or (spec, reason) as each is done,
        in the order they finish. Raises BriefingError when a worker reports the
        engine or voice unusable, or cannot start."""
        queues: dict[str, collections.deque[tuple[Any, int]]] = {}
        for spec in specs:  # by engine, each in the order given
            queues.setdefault(spec.profile.engine, collections.deque()).append((spec, 1))
        limit = max(self.size, len(queues))
        while any(queues.values()) or any(w.spec is not None for w in self._workers):
            self._dispatch(queues, limit)
            busy = [w for w in self._workers if w.spec is not None]
            soonest = min(w.deadline for w in busy)
            ready = wait([w.replies for w in busy], timeout=max(0.0, soonest - time.monotonic()))
            now = time.monotonic()
            for worker in busy:
                outcome = self._outcome(worker, worker.replies in ready, now)
                if outcome is None:
                    continue
                spec, attempt = worker.spec, worker.attempt
                worker.spec = None
                status, payload = outcome
                if status == "ok":
                    yield spec, payload
                    continue
                if status == "fatal":
                    raise payload
                self._stop(worker)
                if attempt < ATTEMPTS:
                    log.warning("%s; trying it once more in a fresh worker", payload)
                    queues[spec.profile.engine].append((spec, attempt + 1))
                else:
                    yield spec, payload

    def _dispatch(self, queues: dict[str, collections.deque[tuple[Any, int]]], limit: int) -> None:
        """Give each waiting block to an idle worker of its engine, starting one
        where there is room (or where a worker can be let go: ``_spare``); the
        engines whose next block is the longest go first."""
        for engine in sorted(queues, key=lambda e: -len(queues[e][0][0].text) if queues[e] else 0):
            queue = queues[engine]
            while queue:
                worker = next((w for w in self._workers if w.spec is None and w.engine == engine),
                              None) or self._room(engine, queues, limit)  # fmt: skip
                if worker is None:
                    break
                spec, attempt = queue.popleft()
                allowance = self.timeout(spec) + (self.startup_s if worker.fresh else 0.0)
                worker.fresh = False
                worker.spec, worker.attempt = spec, attempt
                worker.deadline = time.monotonic() + allowance
                with contextlib.suppress(OSError, ValueError):  # if it died, its replies say so
                    worker.tasks.send(spec)

    def _room(
        self, engine: str, queues: dict[str, collections.deque[tuple[Any, int]]], limit: int
    ) -> _Worker | None:
        """A new worker for ``engine``, when one may start: below ``limit`` (keeping a
        place for each other engine with work and no worker yet), or, when more of
        its blocks wait than it has workers, in the place of an idle worker that can
        be let go (``_spare``). None: wait for one."""
        own = sum(w.engine == engine for w in self._workers)
        waiting = sum(
            1 for e, q in queues.items()
            if e != engine and q and not any(w.engine == e for w in self._workers)
        )  # fmt: skip
        if len(self._workers) < limit and (own == 0 or limit - len(self._workers) > waiting):
            return self._start(engine)
        spare = self._spare(engine, queues) if len(queues[engine]) > own else None
        if spare is None:  # (a new worker's start is not worth a block or two)
            return None
        self._dismiss(spare)
        return self._start(engine)

    def _spare(
        self, engine: str, queues: dict[str, collections.deque[tuple[Any, int]]]
    ) -> _Worker | None:
        """An idle worker of another engine that can make way for one of ``engine``:
        its engine has no block waiting, or (when ``engine`` has no worker at all)
        another worker of its engine stays."""
        needy = not any(w.engine == engine for w in self._workers)
        for worker in self._workers:
            if worker.spec is not None or worker.engine == engine:
                continue
            if not queues.get(worker.engine):
                return worker
            if needy and sum(w.engine == worker.engine for w in self._workers) > 1:
                return worker
        return None

    def _outcome(self, worker: _Worker, readable: bool, now: float) -> tuple[str, Any] | None:
        """What became of a busy worker's block: None while it is still at work."""
        title = f"{worker.spec.kind} '{worker.spec.title}'"
        if readable:
            try:
                while worker.replies.poll():
                    message = worker.replies.recv()
                    if message[0] == "log":
                        _relog(message[1])
                    elif message[0] == "ready":
                        worker.ready = True
                        worker.deadline = time.monotonic() + self.timeout(worker.spec)
                    else:
                        return message
            except (EOFError, OSError):  # it died before answering
                return self._death(worker, title)
            return None
        if now < worker.deadline:
            return None
        seconds = self.timeout(worker.spec)
        return ("failed", f"the speech engine did not finish {title} within {seconds:.0f} s")

    def _death(self, worker: _Worker, title: str) -> tuple[str, Any]:
        try:
            code = worker.process.wait(5)
        except subprocess.TimeoutExpired:
            code = None
        if not worker.ready:
            return (
                "fatal",
                EngineError(
                    f"a render worker could not start ({_how(code)}); "
                    f"check that `{sys.executable} -m briefing.render.workers` can import briefing"
                ),
            )
        return ("failed", f"the speech engine crashed ({_how(code)}) while speaking {title}")


#: Workers told to finish, reaped later (a run does not wait for their engines to close).
_exiting: list[subprocess.Popen[bytes]] = []


@atexit.register
def _reap_exiting(timeout_s: float = 5.0) -> None:
    """Wait for the workers told to finish (at exit: none is left behind)."""
    deadline = time.monotonic() + timeout_s
    while _exiting:
        process = _exiting.pop()
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _remove_stale_workdirs() -> None:
    """Remove the WAV folders of runs killed before they could (kill -9)."""
    from ..files import process_alive

    for folder in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*-*"):
        pid = folder.name[len(WORKDIR_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _how(code: int | None) -> str:
    if code is None:
        return "it did not exit"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def _relog(fields: dict[str, Any]) -> None:
    """Log a worker's record here, through this process's handlers."""
    record = logging.makeLogRecord(fields)
    logger = logging.getLogger(record.name)
    if logger.isEnabledFor(record.levelno):
        logger.handle(record)


def main(argv: Sequence[str]) -> None:
    """``python -m briefing.render.workers TASK_FD REPLY_FD REGISTRY LEVEL PATH WORKDIR``: a
    worker's entry point (PATH: the parent's ``sys.path``, where its engines are found)."""
    import ast

    task_fd, reply_fd, registry, level, path, workdir = argv
    sys.path[:] = [*ast.literal_eval(path), *(p for p in sys.path if p not in path)]
    tasks = Connection(int(task_fd), writable=False)
    replies = Connection(int(reply_fd), readable=False)
    try:
        _serve(tasks, replies, ast.literal_eval(registry), int(level), Path(workdir))
    except Exception as exc:  # starting failed: say why rather than just exit
        with contextlib.suppress(OSError, ValueError):
            replies.send(("fatal", EngineError(f"a render worker failed: {exc}")))


if __name__ == "__main__":
    main(sys.argv[1:])
