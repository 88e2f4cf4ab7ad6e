"""Writing outputs so that nothing is ever lost.

Every output is written to a temporary file beside its final name and renamed
over it only when complete: an interrupted run leaves the previous file intact
and never a partial one under the final name. Inside ``transaction(folder)``
the renames wait until every file of the folder has been written, so a full
disk half way through a publish changes nothing at all.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

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
    left as it was. Inside a ``transaction`` of ``dest``'s folder, ``dest`` is
    replaced when the transaction commits, with the folder's other files.
    """
    tmp = temporary_sibling(dest)
    pending = _holding(dest.parent)
    handed_over = False
    try:
        yield tmp
        if pending is not None:
            pending.staged[pending.folder / dest.name] = tmp
            handed_over = True  # the transaction renames it, or removes it
        else:
            commit(tmp, dest)
    finally:
        if not handed_over:
            tmp.unlink(missing_ok=True)


# -- cache entries: content-addressed, checked on read ----------------------------


def sha256_hex(data: bytes | str) -> str:
    """The SHA-256 of ``data`` (text as UTF-8), in hex: cache keys and checksums."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def write_entry(parts: Sequence[tuple[Path, bytes]]) -> None:
    """Write the files of one cache entry (the segment, HTTP and LLM caches): each to
    a temporary file beside it, then all renamed in the order given, its metadata
    last, so a reader never finds metadata without what it describes. On failure
    the temporary files are removed and raised OSError; no fsync: a lost entry is
    made again, and a damaged one fails its checksum (``checked``)."""
    staged: list[Path] = []
    try:
        for path, content in parts:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = temporary_sibling(path)
            staged.append(tmp)
            tmp.write_bytes(content)
        for tmp, (path, _) in zip(staged, parts, strict=True):
            os.replace(tmp, path)
    finally:
        for tmp in staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


#: What ``os.link`` raises where a filesystem has no hard links (FAT, some SMB shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV}


def write_once(path: Path, content: bytes) -> bool:
    """Create ``path`` with ``content`` unless it exists (write-once entries shared by
    many writers, the segment cache's): True when this call created it, False when
    it was there already (another writer's, left as it is). The bytes go to a
    temporary sibling (``.NAME.RANDOM.PID.tmp``), hard-linked to the final name
    (atomic and exclusive, also on NFS: of two writers exactly one wins), then
    removed; a reader sees the whole file or none. Where the filesystem has no
    hard links, the sibling is renamed in place when the name is free: a race then
    costs one wasted write, never half a file. Raises OSError, the temporary file
    removed."""
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.{os.getpid()}.tmp")
    try:
        with open(tmp, "xb") as handle:
            handle.write(content)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            if path.exists():
                return False
            os.replace(tmp, path)
        return True
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def checked(data: bytes, digest: object) -> bool:
    """Whether ``data`` is what its entry's metadata recorded (``sha256_hex``)."""
    return isinstance(digest, str) and sha256_hex(data) == digest


def write_text_atomic(dest: Path, text: str) -> None:
    """Write a UTF-8 text file atomically."""
    with atomic_path(dest) as tmp:
        tmp.write_text(text, encoding="utf-8")


# -- every file of a publish, or none ----------------------------------------------


@dataclass
class _Transaction:
    folder: Path
    """Resolved."""
    outer: _Transaction | None = None
    """The transaction (of another folder) this one runs inside."""
    staged: dict[Path, Path] = field(default_factory=dict)
    """Final name -> its written temporary file, in the order they were written."""
    after: list[Callable[[], None]] = field(default_factory=list)
    changed: bool = False
    """Some final name was replaced."""

    def commit(self) -> None:
        for tmp in self.staged.values():  # a full disk shows here at the latest
            with tmp.open("rb+") as handle:
                os.fsync(handle.fileno())
        for dest, tmp in list(self.staged.items()):
            os.replace(tmp, dest)
            self.changed = True
            del self.staged[dest]
        _fsync_dir(self.folder)

    def discard(self) -> None:
        for tmp in self.staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        self.staged.clear()


_pending: ContextVar[_Transaction | None] = ContextVar("briefing_transaction", default=None)


def _holding(folder: Path) -> _Transaction | None:
    """The running transaction of ``folder``, if any."""
    pending = _pending.get()
    if pending is None:
        return None
    folder = folder.resolve()
    while pending is not None and pending.folder != folder:
        pending = pending.outer
    return pending


@contextlib.contextmanager
def transaction(folder: Path, what: str = "its files") -> Iterator[None]:
    """Write a folder's files together: every ``atomic_path`` (and
    ``write_text_atomic``) of a file in ``folder`` inside the block only writes
    its temporary file; when the block ends, all of them are flushed to disk,
    then renamed over their final names, then the ``after_commit`` actions run.
    On any error nothing under a final name has changed and the temporary files
    are gone; an error of the operating system (a full disk, a read-only one)
    becomes one OutputError naming the folder and ``what`` was being written.
    Transactions nest: an inner one of the same folder is part of the outer one.
    (A crash while the names are being swapped can still leave some files new
    and some old.)
    """
    resolved = folder.resolve()
    if _holding(resolved) is not None:
        yield
        return
    pending = _Transaction(resolved, outer=_pending.get())
    token = _pending.set(pending)
    try:
        try:
            yield
        finally:
            _pending.reset(token)
        pending.commit()
    except Exception as exc:
        cause = os_error_of(exc)
        if cause is None:
            raise
        raise OutputError(write_failure(folder, what, cause, pending.changed)) from None
    finally:
        pending.discard()
    for action in pending.after:
        action()


def current(dest: Path) -> Path:
    """Where ``dest``'s content is now: its written temporary file when the
    running transaction is about to replace it, else ``dest`` itself."""
    pending = _holding(dest.parent)
    if pending is not None:
        return pending.staged.get(pending.folder / dest.name, dest)
    return dest


def after_commit(action: Callable[[], None]) -> None:
    """Run ``action`` once the running transaction has put its files in place
    (at once when none is running): removals go after the files that stop
    naming what they remove."""
    pending = _pending.get()
    if pending is None:
        action()
    else:
        pending.after.append(action)


# -- the operating system's errors in plain words --------------------------------

_NO_RIGHT = ("permission denied", "give a folder you can write in, or change its permissions")
_PLAIN: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("disk full", "free some space there and run again"),
    errno.EDQUOT: ("disk quota exceeded", "free some space there or raise the quota"),
    errno.EROFS: ("read-only file system", "give a folder on a writable disk"),
    errno.EACCES: _NO_RIGHT,
    errno.EPERM: _NO_RIGHT,
}


def plain_words(exc: OSError) -> tuple[str, str]:
    """What an operating-system error means, and what to do about it, in plain words:
    ENOSPC -> ("disk full", "free some space there and run again")."""
    if exc.errno in _PLAIN:
        return _PLAIN[exc.errno]
    return (exc.strerror or str(exc) or type(exc).__name__, "check the folder and run again")


def write_failure(folder: Path, what: str, exc: OSError, changed: bool = False) -> str:
    """The one-line message for a failed write in ``folder``."""
    words, advice = plain_words(exc)
    outcome = "some files were replaced" if changed else "nothing was changed"
    return f"{folder}: cannot write {what}: {words}; {advice} ({outcome})"


def os_error_of(exc: BaseException) -> OSError | None:
    """The operating system's error behind ``exc``: itself, or the one it was
    raised from or while handling (mutagen wraps them in its own errors)."""
    for candidate in (exc, exc.__cause__, exc.__context__):
        if isinstance(candidate, OSError):
            return candidate
    return None


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
    handle = _open_lock(path)
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


def _open_lock(path: Path) -> IO[str]:
    """The lock file of a folder, opened to write: created if missing; a named pipe,
    a device or a symbolic link put in its place is refused (OutputError), never
    opened to wait on or to write through."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(_unfit_lock(path, "a symbolic link")) from None
        words, advice = plain_words(exc)
        message = f"{path.parent}: cannot write in the output folder: {words}; {advice}"
        raise OutputError(message) from None
    try:
        _regular(os.fstat(fd).st_mode)
    except UnfitFile as exc:
        os.close(fd)
        kind = str(exc).removesuffix(", not a regular file")
        raise OutputError(_unfit_lock(path, kind)) from None
    return os.fdopen(fd, "a+")


def _unfit_lock(path: Path, kind: str) -> str:
    return f"{path}: the lock file is {kind}, not a regular file; remove it and run again"


def _holder(path: Path) -> str:
    try:
        pid = read_bounded(path, 64, follow=False).decode("ascii", "replace").strip()
    except (OSError, UnfitFile):
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


# -- reading a file: the one reader, hostile input or not ----------------------------


class UnfitFile(ValueError):
    """A file that is not read: a named pipe, a device, a socket, a folder, a symbolic
    link where none is taken, or larger than its bound. Its message is the reason in
    plain words ("a named pipe, not a regular file")."""


def _kind(mode: int) -> str:
    import stat

    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "a special file"


def _regular(mode: int) -> None:
    import stat

    if not stat.S_ISREG(mode):
        raise UnfitFile(f"{_kind(mode)}, not a regular file")


def read_bounded(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of ``path``, read without ever blocking and never more than ``limit``:
    every file briefing reads (what a user names, and what briefing wrote and reads
    back: cache entries, the episode store, lock files) is read here. Only a regular
    file is opened for good (its kind is looked at first, and again on the opened
    descriptor, without waiting for a pipe's writer); with ``follow=False`` a symbolic
    link is refused too (briefing never writes one). Raises UnfitFile for any other
    kind of file, or one over ``limit`` bytes (at most ``limit + 1`` are read), and
    OSError as the system raises it (FileNotFoundError when there is none)."""
    _regular(os.stat(path, follow_symlinks=follow).st_mode)  # a device is never opened
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:  # swapped for a link meanwhile
            raise UnfitFile("a symbolic link, not a regular file") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        _regular(os.fstat(handle.fileno()).st_mode)  # swapped meanwhile
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnfitFile(f"more than {limit:,} bytes")
    return data


def read_regular(
    path: Path,
    what: str,
    limit: int,
    error: type[Exception] = OutputError,
    *,
    follow: bool = True,
) -> bytes:
    """The bytes of a file the user named (``what``: "config", "cover image"), read by
    ``read_bounded``: only a regular file, at most ``limit`` bytes, never waiting on a
    named pipe. Raises ``error`` with a one-line message."""
    try:
        return read_bounded(path, limit, follow=follow)
    except FileNotFoundError:
        raise error(f"{path}: no such {what} file") from None
    except OSError as exc:
        raise error(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    except UnfitFile as exc:
        reason = str(exc)
        if reason.startswith("more than"):
            raise error(f"{path}: {reason}, too large for a {what}") from None
        kind = reason.removesuffix(", not a regular file")
        if kind != "a folder":
            kind = f"a special file ({kind.removeprefix('a ')})"
        raise error(f"{path}: a {what} must be a regular file, not {kind}") from None


def check_out_dir(out_dir: Path) -> None:
    """Fail at once when the output folder is, or would be under, a file."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists():
            if not folder.is_dir():
                where = "is a file" if folder == out_dir else f"is under a file, {folder}"
                raise OutputError(
                    f"{out_dir}: cannot create the output folder: it {where}; "
                    "give a folder with --out"
                )
            return
