"""Writing outputs so that nothing is ever lost.

Every output is written to a temporary file beside its final name and renamed
over it only when complete: an interrupted run leaves the previous file intact
and never a partial one under the final name.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


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
