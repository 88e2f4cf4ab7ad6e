"""Blocks rendered on a Dask cluster (``--scheduler tcp://HOST:8786``).

The unit of work is the one the local pool already has: a picklable ``BlockSpec``
in, a ``CachedBlock`` out (``blocks.render_block``). Here each block is a Dask
task whose **key is the block's key**, so two shows, or two batches on other
machines, that need one block at the same moment share one task: the scheduler
computes it once. Each worker process holds its speech engines for its life
(``EnginePlugin``, a WorkerPlugin that creates them when the worker starts, as
pyttsx3 and the neural voices need). A worker writes the block it rendered to
the shared block store (``--cache``, a folder every machine mounts or an fsspec
URL such as ``s3://bucket/prefix``) and hands back only the key; this side reads
the frames it needs from the store.

Failures map onto Dask's own: a worker that dies (a crash in the engine) is
restarted by its nanny and its task run again elsewhere, up to the scheduler's
``allowed-failures``; a block that runs past its timeout (as in the local pool)
ends its worker process, which is then a lost worker like any other. An error
in the task is retried once (``retries=1``).

Only imported when a scheduler is named: ``dask`` is the optional extra
``briefing-podcast[dask]``.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import BriefingError, ClusterError, EngineError
from ..files import sha256_hex
from .blocks import BlockFailed, BlockSpec, render_block
from .cache import CachedBlock

try:
    from distributed import Client, as_completed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # pragma: no cover - the extra is missing
    raise EngineError(
        f"rendering on a Dask cluster needs dask ({exc}); "
        "install it with: pip install 'briefing-podcast[dask]'"
    ) from None

log = logging.getLogger(__name__)

#: Seconds the scheduler has to answer (to connect, to take the engines' plugin, to
#: answer a question) before the run gives up.
CONNECT_TIMEOUT_S = 20.0
#: How often a worker's watchdog looks at the blocks it is rendering.
WATCH_EVERY_S = 0.2
#: The exit status of a worker process that a block held past its timeout.
EXIT_TIMED_OUT = 70


def task_key(spec: BlockSpec, *, with_bytes: bool = False) -> str:
    """The Dask task key of a block: its cache key (the same block, the same task).
    ``with_bytes``: the task that hands back the block itself, not only its key."""
    return f"briefing-block-{spec.key}{'-bytes' if with_bytes else ''}"


__all__ = ["ClusterError", "DaskBackend", "EnginePlugin", "render_task", "task_key"]


# -- on the workers --------------------------------------------------------------------


class _Watchdog:
    """Ends this worker process when a block runs past its timeout: a hang in native
    code cannot be interrupted from Python, and a lost worker is what Dask knows how
    to recover from (its nanny restarts it, the task runs again elsewhere)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[int, tuple[float, str]] = {}
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def watching(self, seconds: float, title: str) -> Iterator[None]:
        ident = threading.get_ident()
        with self._lock:
            self._deadlines[ident] = (time.monotonic() + seconds, title)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._watch, name="briefing-watchdog", daemon=True
                )
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._deadlines.pop(ident, None)

    def _watch(self) -> None:
        while True:
            time.sleep(WATCH_EVERY_S)
            now = time.monotonic()
            with self._lock:
                late = [title for deadline, title in self._deadlines.values() if now > deadline]
            if late:
                log.error("block '%s' ran past its timeout; ending this worker", late[0])
                logging.shutdown()
                os._exit(EXIT_TIMED_OUT)


_WATCHDOG = _Watchdog()


class EnginePlugin(WorkerPlugin):
    """Creates the speech engines once in each worker process and keeps them there
    (``tts.get_engine`` keeps an engine for the process's life)."""

    def __init__(self, registry: dict[str, str]) -> None:
        self.registry = dict(registry)

    @property
    def name(self) -> str:
        """One plugin per set of engines: registering it again changes nothing."""
        return "briefing-engines-" + sha256_hex(repr(sorted(self.registry.items())))[:12]

    def setup(self, worker: Any) -> None:
        from ..tts import get_engine, register_engine

        for name, path in self.registry.items():
            register_engine(name, path)
        for name in self.registry:
            try:
                get_engine(name)
            except Exception as exc:  # the first block meets it and reports it
                log.debug("engine %s did not start on %s: %s", name, worker.address, exc)
        from ..audio import mix, mp3  # noqa: F401  (numpy, pydub, the encoder)


@functools.cache
def _workdir() -> Path:
    """This worker process's folder for WAV files (removed when it exits)."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-dask-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@functools.cache
def _store(location: str) -> Any:
    from .store import open_store

    return open_store(location)


def render_task(spec: BlockSpec, location: str | None, timeout_s: float) -> tuple[str, Any]:
    """A block on a worker: ("stored", key) once it is in the store at ``location``
    (rendered here, or found there), ("block", CachedBlock) without a store (or when
    the store could not take it), ("failed", reason) when the engine could not speak it."""
    store = _store(location) if location else None
    if store is not None and store.get(spec.key) is not None:
        return "stored", spec.key  # another batch, or another machine, made it
    try:
        with _WATCHDOG.watching(timeout_s, spec.title):
            block = render_block(spec, _workdir())
    except BlockFailed as exc:
        return "failed", str(exc)
    if store is not None and store.put(spec.key, block):
        return "stored", spec.key
    return "block", block


# -- on the planning side ----------------------------------------------------------------


class _BoundedClient(Client):
    """A Dask client whose every wait has a deadline. distributed's own connection
    waits for the scheduler's handshake without one: a listener that accepts and
    never answers (or a web server on that port) held ``Client(timeout=20)`` forever."""

    def __init__(self, address: str, deadline_s: float) -> None:
        self.deadline_s = deadline_s
        try:
            super().__init__(address, timeout=deadline_s, set_as_default=False)  # type: ignore[no-untyped-call]
        except BaseException:
            with contextlib.suppress(Exception):  # its thread and loop go with it
                self._loop_runner.stop()
            raise

    async def _start(self, *args: Any, **kwargs: Any) -> Any:
        try:
            started = super()._start(*args, **kwargs)  # type: ignore[no-untyped-call]
            return await asyncio.wait_for(started, self.deadline_s)
        except TimeoutError:
            with contextlib.suppress(Exception):
                await self._close(fast=True)
            raise

    def sync(self, func: Any, *args: Any, callback_timeout: Any = None, **kwargs: Any) -> Any:
        """Every call that waits for the scheduler (registering a plugin, a result)
        ends within the deadline, unless it names its own."""
        if callback_timeout is None:
            callback_timeout = self.deadline_s
        return super().sync(  # type: ignore[no-untyped-call]
            func, *args, callback_timeout=callback_timeout, **kwargs
        )


def _no_answer(address: str, seconds: float) -> ClusterError:
    return ClusterError(
        f"cannot reach the Dask scheduler at {address}: it did not answer within "
        f"{seconds:g} s; check that a Dask scheduler runs there (`dask scheduler`) and "
        "that nothing else listens on that port, or leave out --scheduler to render on "
        "this machine"
    )


def connect(address: str, registry: dict[str, str]) -> Any:
    """A client of the scheduler at ``address`` with the engines' plugin registered,
    within ``CONNECT_TIMEOUT_S`` for each step."""
    deadline = CONNECT_TIMEOUT_S
    try:
        client = _BoundedClient(address, deadline)
    except TimeoutError:
        raise _no_answer(address, deadline) from None
    except (OSError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {exc}; start one with "
            "`dask scheduler` (and workers with `dask worker`), or leave out --scheduler "
            "to render on this machine"
        ) from None
    try:
        client.register_plugin(EnginePlugin(registry))
    except TimeoutError:
        with contextlib.suppress(Exception):
            client.close(timeout=2)  # type: ignore[no-untyped-call]
        raise _no_answer(address, deadline) from None
    return client


class DaskBackend:
    """Blocks rendered as tasks on the cluster at ``address``; results read back from
    ``store`` (a BlockStore every worker can reach, or None: the blocks themselves
    come back)."""

    stores_blocks = True
    """What this backend yields is already in the store: the renderer need not put it."""

    def __init__(
        self,
        address: str,
        registry: dict[str, str],
        store: Any,
        timeout: Callable[[BlockSpec], float],
    ) -> None:
        self.address = address
        self.registry = dict(registry)
        self.store = store
        self.timeout = timeout
        self.location: str | None = store.location if store is not None else None
        self.client = connect(address, self.registry)

    def close(self, force: bool = False) -> None:
        with contextlib.suppress(Exception):
            self.client.close(timeout=2 if force else 10)

    def run(self, specs: Sequence[BlockSpec]) -> Iterator[tuple[BlockSpec, CachedBlock | str]]:
        """Each block and its outcome (a block or why it failed), as they finish."""
        futures = {self._submit(spec, self.location): spec for spec in specs}
        # The workers enforce each block's timeout; this only bounds a cluster that
        # never answers at all (every worker gone, the scheduler stuck).
        budget = sum(self.timeout(spec) for spec in specs) + CONNECT_TIMEOUT_S * 3
        pending = dict(futures)
        try:
            for future in as_completed(list(futures), loop=self.client.loop, timeout=budget):
                spec = pending.pop(future)
                yield spec, self._outcome(spec, future)
        except TimeoutError:
            for future, spec in pending.items():
                future.cancel()
                yield spec, f"the cluster at {self.address} did not render it in {budget:.0f} s"

    def _submit(self, spec: BlockSpec, location: str | None) -> Any:
        return self.client.submit(
            render_task, spec, location, self.timeout(spec),
            key=task_key(spec, with_bytes=location is None), retries=1, pure=False,
        )  # fmt: skip

    def _outcome(self, spec: BlockSpec, future: Any) -> CachedBlock | str:
        from distributed import KilledWorker

        try:
            # Done already, but for a block sent again below: its own timeout, and the
            # scheduler's deadline to hear of it.
            kind, value = future.result(timeout=self.timeout(spec) + CONNECT_TIMEOUT_S)
        except KilledWorker:
            return "its worker died each time it rendered it (crashed or timed out)"
        except BriefingError:
            raise  # the engine or voice cannot be used at all
        except Exception as exc:
            return f"failed on the cluster: {type(exc).__name__}: {exc}"
        finally:
            future.release()
        if kind == "failed":
            return str(value)
        if kind == "block":
            return value
        block = self.store.get(spec.key) if self.store is not None else None
        if block is not None:
            return block
        # The workers' store is not this machine's (a local folder given to a remote
        # cluster): from now on the blocks themselves come back.
        if self.location is not None:
            log.warning(
                "the workers wrote block %s to %s, but it is not there from here: the "
                "blocks come back over the network instead (give --cache a folder every "
                "machine mounts, or an s3:// URL)", spec.key[:12], self.location,
            )  # fmt: skip
        self.location = None
        retried = self._submit(spec, None)
        return self._outcome(spec, retried)
