"""A pool of worker processes that render blocks, with a timeout on each.

Each worker is a fresh Python process (``spawn``: nothing of the parent's
state, no fork of a process with threads) that creates its speech engines on
first use and keeps them for its life, as pyttsx3 on Linux needs
(``../shared/notes/pyttsx3-on-linux.md``: engines crash when re-created). A
worker renders one block at a time and sends back its MP3 bytes; the parent
never holds more than the encoded blocks.

The parent watches every worker: a worker that dies (a segmentation fault in
the engine) or runs past the block's timeout is killed and replaced, and the
block is tried once more in the fresh worker; a second failure is reported
for that block alone. Workers ignore Ctrl-C (the terminal sends it to the
whole process group): the parent stops them all and lets the interrupt go on.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import multiprocessing
import signal
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .cache import CachedBlock
from .errors import BriefingError, EngineError

log = logging.getLogger(__name__)

ATTEMPTS = 2
"""Tries per block: the first, and one more in a fresh worker."""


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


def _serve(conn: Connection, registry: dict[str, str], log_level: int) -> None:
    """A worker's life: render the blocks the parent sends until it sends None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logger = logging.getLogger("briefing")
    logger.handlers[:] = [_PipeHandler(conn)]
    logger.setLevel(log_level)
    logger.propagate = False
    from .render import BlockFailed, render_block
    from .tts import register_engine

    for name, path in registry.items():
        register_engine(name, path)
    with contextlib.suppress(OSError, ValueError):
        conn.send(("ready", None))  # the block's own timeout runs from here
    with tempfile.TemporaryDirectory(prefix="briefing-worker-") as tmp:
        while True:
            try:
                spec = conn.recv()
            except (EOFError, OSError):
                return
            if spec is None:
                return
            reply: tuple[str, Any]
            try:
                reply = ("ok", render_block(spec, Path(tmp)))
            except BlockFailed as exc:
                reply = ("failed", str(exc))
            except BriefingError as exc:
                reply = ("fatal", exc)
            except Exception as exc:  # a bug: report it, whole, to the parent
                reply = ("fatal", EngineError(f"rendering failed: {type(exc).__name__}: {exc}"))
            try:
                conn.send(reply)
            except (OSError, ValueError):
                return


@dataclass
class _Worker:
    process: Any
    conn: Connection
    spec: Any = None
    attempt: int = 0
    deadline: float = 0.0
    fresh: bool = True


@dataclass
class WorkerPool:
    """Up to ``size`` worker processes; use as a context manager."""

    size: int
    registry: dict[str, str]
    timeout: Callable[[Any], float]
    """Seconds a block may take, by its spec."""
    startup_s: float = 60.0
    """Seconds a fresh worker has to start (Python and its imports) before the
    timeout of its first block begins."""
    _workers: list[_Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(force=kind is not None)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, self.registry, logging.getLogger("briefing").getEffectiveLevel()),
            name="briefing-render",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        """Kill a worker (it crashed, hung, or failed and may be in a bad state)."""
        with contextlib.suppress(Exception):
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self._workers.remove(worker)

    def close(self, force: bool = False) -> None:
        for worker in list(self._workers):
            if not force and worker.spec is None:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
        deadline = time.monotonic() + (0 if force else 5)
        for worker in list(self._workers):
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                with contextlib.suppress(Exception):
                    worker.process.kill()
                worker.process.join(5)
            worker.conn.close()
        self._workers.clear()

    def run(self, specs: Sequence[Any]) -> Iterator[tuple[Any, CachedBlock | str]]:
        """Render ``specs``; yield (spec, block) or (spec, reason) as each is done,
        in the order they finish. Raises BriefingError when a worker reports the
        engine or voice unusable."""
        queue = collections.deque((spec, 1) for spec in specs)
        while queue or any(w.spec is not None for w in self._workers):
            while queue:
                worker = next((w for w in self._workers if w.spec is None), None)
                if worker is None:
                    if len(self._workers) >= self.size:
                        break
                    worker = self._start()
                spec, attempt = queue.popleft()
                allowance = self.timeout(spec) + (self.startup_s if worker.fresh else 0.0)
                worker.fresh = False
                worker.spec, worker.attempt = spec, attempt
                worker.deadline = time.monotonic() + allowance
                worker.conn.send(spec)
            busy = [w for w in self._workers if w.spec is not None]
            soonest = min(w.deadline for w in busy)
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, soonest - time.monotonic()),
            )
            now = time.monotonic()
            for worker in busy:
                outcome = self._outcome(worker, ready, now)
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
                    queue.append((spec, attempt + 1))
                else:
                    yield spec, payload

    def _outcome(self, worker: _Worker, ready: list[Any], now: float) -> tuple[str, Any] | None:
        """What became of a busy worker's block: None while it is still at work."""
        title = f"{worker.spec.kind} '{worker.spec.title}'"
        if worker.conn in ready:
            try:
                while worker.conn.poll():
                    message = worker.conn.recv()
                    if message[0] == "log":
                        _relog(message[1])
                    elif message[0] == "ready":
                        worker.deadline = time.monotonic() + self.timeout(worker.spec)
                    else:
                        return message
            except (EOFError, OSError):
                pass  # it died before answering
        if worker.process.sentinel not in ready:
            if now < worker.deadline:
                return None
            seconds = self.timeout(worker.spec)
            return ("failed", f"the speech engine did not finish {title} within {seconds:.0f} s")
        worker.process.join(5)
        code = worker.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
        return ("failed", f"the speech engine crashed ({how}) while speaking {title}")


def _relog(fields: dict[str, Any]) -> None:
    """Log a worker's record here, through this process's handlers."""
    record = logging.makeLogRecord(fields)
    logger = logging.getLogger(record.name)
    if logger.isEnabledFor(record.levelno):
        logger.handle(record)
