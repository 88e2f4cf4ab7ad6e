"""Writing outputs so that nothing is ever lost.

Every output is written to a temporary file beside its final name and renamed
over it only when complete: an interrupted run leaves the previous file intact
and never a partial one under the final name.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import BusyError, OutputError

log = logging.getLogger(__name__)

LOCK_NAME = ".briefing.lock"
#: A temporary sibling's name: ``.NAME.PID.tmp``.
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp$")


def temporary_sibling(dest: Path) -> Path:
    """A hidden temporary name in the same folder (so the rename is atomic)."""
    return dest.with_name(f".{dest.name}.{os.getpid()}.tmp")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem allows it
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def commit(tmp: Path, dest: Path) -> None:
    """Flush ``tmp`` to disk and rename it over ``dest``."""
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)


@contextlib.contextmanager
def atomic_path(dest: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``dest``.

    On any error (or Ctrl-C) the temporary file is removed and ``dest`` is
    left as it was.
    """
    tmp = temporary_sibling(dest)
    try:
        yield tmp
        commit(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(dest: Path, text: str) -> None:
    """Write a UTF-8 text file atomically."""
    with atomic_path(dest) as tmp:
        tmp.write_text(text, encoding="utf-8")


# -- one run at a time ---------------------------------------------------------

_held: dict[Path, int] = {}
"""Folders this process has locked, and how many times (the lock is re-entrant)."""


@contextlib.contextmanager
def folder_lock(folder: Path, wait_s: float = 300.0) -> Iterator[None]:
    """Hold the folder's lock (``.briefing.lock``) while briefing writes there.

    A second run on the same folder waits for the first to finish, up to
    ``wait_s`` seconds, then raises BusyError; it never writes in between.
    Once the lock is held, temporary files that an interrupted run left
    behind (``.NAME.PID.tmp``) are removed. The lock is the operating system's
    (``flock``): it goes with the process, however that ends.
    """
    folder = folder.resolve()
    if folder in _held:
        _held[folder] += 1
        try:
            yield
        finally:
            _held[folder] -= 1
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    path = folder / LOCK_NAME
    try:
        handle = path.open("a+")
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write in the output folder ({exc.strerror})") from None
    try:
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(path)
                if time.monotonic() >= deadline:
                    raise BusyError(
                        f"{folder}: another briefing run ({holder}) is writing there; "
                        "try again when it has finished"
                    ) from None
                if not told:
                    log.warning("waiting for another briefing run (%s) on %s", holder, folder)
                    told = True
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        _held[folder] = 1
        remove_stale_temporaries(folder)
        try:
            yield
        finally:
            del _held[folder]
    finally:
        handle.close()  # closing the file releases the lock


def _holder(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the ``.NAME.PID.tmp`` files of runs that are no longer alive (only
    called with the folder's lock held); return how many went."""
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or int(match.group(1)) == os.getpid() or process_alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed += 1
            log.info("removed %s, left by an interrupted run", entry.name)
    return removed


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    return True
