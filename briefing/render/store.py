"""The block store: its Protocol, ``open_store`` (a folder or a URL), and the segment
cache in any fsspec filesystem: an object store (``s3://bucket/prefix`` with s3fs,
``gs://`` with gcsfs...) or ``memory://`` (for tests).

At a URL the layout is a folder's (``segments/ab/KEY.json``, ``segments/ab/KEY.<sha>.mp3``
under it), so a cache folder can be copied to a bucket as it is. An object is
written whole on PUT, so no temporary name is needed; each file is created only if
it does not exist (``pipe_file(mode="create")``: S3's ``If-None-Match: *``), so a
finished entry is never replaced. An object store cannot see reads: ``prune``
removes the entries written more than ``max_age_days`` ago. fsspec is imported only
when a URL is opened.

A store at a URL is across a network, and a network may not answer: every call has a
deadline (``BRIEFING_STORE_TIMEOUT`` seconds to connect and for each read, one retry,
and the whole call bounded), and after its first failure the store is left alone for
the rest of the run: the blocks are rendered without it, with one warning naming it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import logging
import os
import re
import time
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..files import UnfitFile
from .cache import (
    MAX_AGE_DAYS,
    CachedBlock,
    CacheError,
    EntryStore,
    Listed,
    SegmentCache,
    Survey,
    one_line,
)

__all__ = ["BlockStore", "CacheError", "FsspecStore", "open_store"]

log = logging.getLogger(__name__)

# -- a block store: what every backend offers -------------------------------------------


@runtime_checkable
class BlockStore(Protocol):
    """Write-once blocks by key, shared by any number of writers at once."""

    location: str
    """What ``open_store`` takes to open this store in another process or on another
    machine (a folder's absolute path, or a URL; storage options not included)."""
    hits: int
    misses: int

    def get(self, key: str) -> CachedBlock | None:
        """The block stored under ``key``, checked, or None (missing, or damaged:
        then removed with one warning)."""
        ...

    def put(self, key: str, block: CachedBlock) -> bool:
        """Store a block unless ``key`` has one: True when a finished entry for
        ``key`` is in the store after the call (written now or before), False when
        it could not be written (never raised; said once for the store)."""
        ...

    def prune(self) -> None:
        """Remove what the store should not keep any more (never raises)."""
        ...

    def size(self) -> tuple[int, int]:
        """(entries, bytes of MP3) in the store."""
        ...

    def clear(self) -> int:
        """Remove every entry; return how many there were."""
        ...


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
#: A URL missing a slash (``s3:/bucket``, ``file:/tmp``), not a folder's name.
_ALMOST_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/(?!/)")


def open_store(
    location: str | Path | None = None,
    *,
    max_age_days: float = MAX_AGE_DAYS,
    **storage_options: Any,
) -> BlockStore:
    """The block store at ``location``: None, the default cache folder
    (``default_cache_dir``); a folder or a ``file://`` URL, the cache in that folder
    (``SegmentCache``; it is the cache's root, the entries under ``segments/``);
    any other ``PROTOCOL://...``, the store at that fsspec URL (``s3://bucket/prefix``
    with s3fs, its credentials and ``AWS_ENDPOINT_URL`` from the environment, or
    ``storage_options``; it keeps an entry ``max_age_days``, where a folder keeps
    the most recently used up to ``cache.MAX_BYTES``). Raises
    CacheError for a malformed URL, or one whose package is not installed."""
    if location is None:
        return SegmentCache()
    if isinstance(location, Path):
        return SegmentCache(location)
    if not location.strip():
        raise CacheError("the segment cache's location is empty: give a folder or a URL")
    if "://" not in location:
        if _ALMOST_URL.match(location):
            raise CacheError(
                f"{location}: not a segment cache URL: write PROTOCOL://..., "
                "e.g. s3://bucket/prefix or file:///path/to/folder"
            )
        return SegmentCache(Path(location))
    scheme = _SCHEME.match(location)
    if scheme is None:
        raise CacheError(
            f"{location}: not a segment cache URL: it needs a protocol before ://, "
            "e.g. s3://bucket/prefix"
        )
    protocol = scheme.group(1).lower()
    if protocol == "file":
        return SegmentCache(_file_path(location))
    return open_url(location, protocol, max_age_days=max_age_days, **storage_options)


def _file_path(url: str) -> Path:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost") or not parts.path:
        raise CacheError(
            f"{url}: a file:// URL names a folder of this machine: file:///path/to/folder"
        )
    return Path(unquote(parts.path))


# -- any fsspec filesystem ---------------------------------------------------------------

#: Names the seconds an object store has to connect and to answer each read.
ENV_STORE_TIMEOUT = "BRIEFING_STORE_TIMEOUT"

STORE_TIMEOUT_S = 10.0
"""An object store's time to connect and to answer each read, unless
``$BRIEFING_STORE_TIMEOUT`` says otherwise; a call is tried at most twice."""


def store_timeout_s() -> float:
    """``$BRIEFING_STORE_TIMEOUT``, else ``STORE_TIMEOUT_S``; CacheError when it is not a
    number of seconds from 0.1 to 600."""
    given = os.environ.get(ENV_STORE_TIMEOUT, "").strip()
    if not given:
        return STORE_TIMEOUT_S
    try:
        seconds = float(given)
    except ValueError:
        seconds = float("nan")
    if not 0.1 <= seconds <= 600:
        raise CacheError(
            f"{ENV_STORE_TIMEOUT}={given[:40]!r}: not a number of seconds from 0.1 to 600"
        )
    return seconds


def bounded_options(protocol: str, options: dict[str, Any], timeout_s: float) -> dict[str, Any]:
    """``options`` with deadlines for the protocol's client where briefing knows them
    (S3: botocore's connect and read timeouts, and two attempts, not five); what the
    caller gave in ``config_kwargs`` wins."""
    if protocol not in ("s3", "s3a"):
        return options
    config = {
        "connect_timeout": timeout_s,
        "read_timeout": timeout_s,
        "retries": {"total_max_attempts": 2, "mode": "standard"},
    }
    return {**options, "config_kwargs": config | dict(options.get("config_kwargs") or {})}


#: Where fsspec comes from in briefing's extras.
_FSSPEC_EXTRA = "pip install 'briefing-podcast[dask]'"


def open_url(
    url: str, protocol: str, *, max_age_days: float = MAX_AGE_DAYS, **storage_options: Any
) -> FsspecStore:
    """The store at ``url`` (its ``protocol`` given), or CacheError: fsspec, or the
    protocol's package, not installed; a protocol fsspec does not know; a URL that
    names no bucket or folder."""
    try:
        fsspec: Any = importlib.import_module("fsspec")  # no stubs: typed Any
    except ImportError:
        also = " and pip install s3fs" if protocol in ("s3", "s3a") else ""
        raise CacheError(
            f"{url}: a segment cache at a URL needs fsspec: {_FSSPEC_EXTRA}{also}"
        ) from None
    timeout_s = store_timeout_s()
    options = bounded_options(protocol, storage_options, timeout_s)
    try:
        fs, path = fsspec.core.url_to_fs(url, **options)
    except ImportError:
        raise CacheError(f"{url}: {_missing_package(protocol)}") from None
    except ValueError as exc:
        if "protocol not known" in str(exc).lower():
            raise CacheError(
                f"{url}: no storage is known for {protocol}://; give a folder, or a URL "
                "such as s3://bucket/prefix"
            ) from None
        raise CacheError(f"{url}: not a segment cache URL ({one_line(exc)})") from None
    except TypeError as exc:  # a storage option the filesystem does not take
        raise CacheError(f"{url}: cannot open the segment cache ({one_line(exc)})") from None
    if not str(path).strip("/"):
        raise CacheError(
            f"{url}: the URL names no bucket or folder; give one, e.g. {protocol}://bucket/prefix"
        )
    if isinstance(getattr(fs, "retries", None), int):
        fs.retries = 1  # s3fs tries each call 5 times over botocore's own attempts
    return FsspecStore(
        fs, str(path), location=url.rstrip("/"), max_age_days=max_age_days, timeout_s=timeout_s
    )


def _missing_package(protocol: str) -> str:
    registry: Any = importlib.import_module("fsspec.registry")
    known = registry.known_implementations.get(protocol, {})
    package = str(known.get("class", "")).partition(".")[0]
    if package and package != "fsspec":
        return f"a segment cache on {protocol}:// needs {package}: pip install {package}"
    why = str(known.get("err", "a package is missing"))
    return f"a segment cache on {protocol}:// needs a package that is not installed ({why})"


def _modified(info: dict[str, Any]) -> float | None:
    """When a listed file was written, from whichever field its filesystem gives."""
    for field in ("mtime", "LastModified", "last_modified", "updated", "created", "time"):
        value = info.get(field)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, dt.datetime):
            return value.timestamp()
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    return None


class FsspecStore(EntryStore):
    """Blocks in an fsspec filesystem ``fs`` under ``root`` (its path, the bucket
    included: ``bucket/prefix``), the entries in ``root/segments/``.

    Each file is created with ``pipe_file(mode="create")``: where the filesystem
    does that atomically (S3: ``If-None-Match: *``), of writers racing for one name
    exactly one wins. A filesystem whose ``pipe_file`` does not take ``mode="create"``
    gets a check that the file is not there, then the write: two writers racing
    then both write, the later record replacing the earlier; harmless (each record
    names its own MP3, and both MP3s are there) but wasteful.

    Any error of the storage (a refused permission, a missing bucket, the network, a
    call past its deadline) is caught: ``get`` misses, ``put`` returns False, and the
    store is used no more in this process (one warning names it), so a store that does
    not answer costs one deadline, not one per block; ``size`` and ``clear`` raise
    CacheError. A call to an asynchronous filesystem (s3fs, gcsfs) ends within
    ``3 * timeout_s + 5`` seconds, whatever its client does.
    """

    #: Errors of the storage: fsspec's backends raise their libraries' own (botocore,
    #: aiohttp, google-auth), and a cache must never fail a run.
    _failures: tuple[type[Exception], ...] = (Exception,)
    _loud_reads = True

    def __init__(
        self,
        fs: Any,
        root: str,
        location: str,
        max_age_days: float = MAX_AGE_DAYS,
        timeout_s: float = STORE_TIMEOUT_S,
    ) -> None:
        super().__init__()
        self._off = False
        """A call failed: the store is used no more (``_give_up``)."""
        self._deadline: dict[str, float] = {}
        if getattr(fs, "async_impl", False):  # fsspec's sync wrappers take a timeout
            self._deadline = {"timeout": 3 * timeout_s + 5}
        self.fs = fs
        self.root = root.rstrip("/") + "/segments"
        self.location = location
        self.max_age_days = max_age_days
        """Entries whose record was written longer ago than this go at ``prune``."""
        self._exclusive = True
        """Whether ``fs.pipe_file`` takes ``mode="create"`` (until it shows it does not)."""

    def _path(self, name: str) -> str:
        return f"{self.root}/{name}"

    # -- the first failure, and the rest of the run without the store ------------------

    def _lookup(self, key: str) -> CachedBlock | None:
        return None if self._off else super()._lookup(key)

    def put(self, key: str, block: CachedBlock) -> bool:
        return False if self._off else super().put(key, block)

    def _cannot_read(self, exc: Exception) -> None:
        self._give_up("read", exc)

    def _cannot_write(self, exc: Exception) -> None:
        self._give_up("write", exc)

    def _give_up(self, doing: str, exc: Exception) -> None:
        """Say once that the store failed, and use it no more in this process."""
        if self._off:
            return
        self._off = True
        self._once(
            "off",
            "cannot %s the segment cache at %s: %s; rendering without it for the rest of "
            "the run (the episode is made all the same; check the store's address, "
            "permissions and network, set %s for a longer deadline, or give a folder "
            "with --cache)",
            doing, self.location, one_line(exc), ENV_STORE_TIMEOUT,
        )  # fmt: skip

    # -- the storage -------------------------------------------------------------------

    def _read(self, name: str, limit: int) -> bytes:
        data = bytes(self.fs.cat_file(self._path(name), start=0, end=limit + 1, **self._deadline))
        if len(data) > limit:
            raise UnfitFile(f"more than {limit:,} bytes")
        return data

    def _exists(self, name: str) -> bool:
        path = self._path(name)
        self.fs.invalidate_cache(path)  # another writer's file, or one since removed
        return bool(self.fs.exists(path, **self._deadline))

    def _create(self, name: str, data: bytes) -> bool:
        path = self._path(name)
        if self._exclusive:
            try:
                self._pipe(path, data, mode="create")
                return True
            except FileExistsError:
                return False
            except (TypeError, NotImplementedError, ValueError) as exc:
                if isinstance(exc, ValueError) and "mode" not in str(exc).lower():
                    raise  # another complaint, not about mode="create"
                log.debug("%s cannot create a file only if absent (%s)", self.location, exc)
                self._exclusive = False
        if self._exists(name):
            return False
        self._pipe(path, data)
        return True

    def _pipe(self, path: str, data: bytes, **mode: str) -> None:
        try:
            self.fs.pipe_file(path, data, **mode, **self._deadline)
        except FileNotFoundError:
            # A filesystem of folders (sftp, smb) wants the folder first; an object
            # store (which splits paths into bucket and key) has none, and making one
            # there would create the bucket: its missing bucket is an error.
            if hasattr(self.fs, "split_path"):
                raise
            self.fs.makedirs(self.fs._parent(path), exist_ok=True)
            self.fs.pipe_file(path, data, **mode, **self._deadline)

    def _delete(self, name: str) -> None:
        if self._off:
            return
        try:
            self.fs.rm_file(self._path(name), **self._deadline)
        except FileNotFoundError:
            pass
        except Exception as exc:  # only tidying: another run tries again
            log.debug("cannot remove %s from %s: %s", name, self.location, one_line(exc))
            self._give_up("tidy", exc)

    def _listing(self, folder: str | None = None) -> list[Listed]:
        top = self.root if folder is None else f"{self.root}/{folder}"
        self.fs.invalidate_cache(top)
        found: dict[str, dict[str, Any]] = self.fs.find(top, detail=True, **self._deadline)
        prefix = self.root.strip("/") + "/"
        listed = []
        for path, info in found.items():
            relative = str(path).strip("/")
            if info.get("type", "file") != "file" or not relative.startswith(prefix):
                continue
            listed.append(Listed(relative[len(prefix) :], int(info.get("size") or 0),
                                 _modified(info)))  # fmt: skip
        return listed

    def _where(self) -> str:
        return f"at {self.location}"

    def _survey(self) -> Survey:
        try:
            return Survey.of(self._listing())
        except FileNotFoundError:
            return Survey({}, {}, [])
        except Exception as exc:
            raise CacheError(
                f"{self.location}: cannot list the segment cache: {one_line(exc)}"
            ) from None

    def size(self) -> tuple[int, int]:
        """(entries, bytes of MP3) in the store (CacheError when it cannot be listed)."""
        survey = self._survey()
        return len(survey.records), survey.mp3_bytes()

    def prune(self) -> None:
        """Remove the entries whose record was written more than ``max_age_days``
        ago, and the MP3s no record names (older than an hour). One listing; an
        error of the storage is said once, never raised."""
        if self._off:
            return  # said once already: tidied next time
        try:
            survey = self._survey()
        except CacheError as exc:
            self._off = True
            self._once("off", "%s; it is tidied next time", exc)
            return
        now = time.time()
        cutoff = self.max_age_days * 86400
        expired = [
            key
            for key, record in survey.records.items()
            if record.modified is not None and now - record.modified > cutoff
        ]
        if expired:
            log.info("removing %d segment cache entries older than %g days from %s",
                     len(expired), self.max_age_days, self.location)  # fmt: skip
        self._remove_all(survey, expired)
        self._remove_orphans(survey, now)

    def clear(self) -> int:
        """Remove every entry; return how many there were (CacheError when the store
        cannot be listed or emptied)."""
        count = len(self._survey().records)
        try:
            self.fs.rm(self.root, recursive=True, **self._deadline)
        except FileNotFoundError:
            pass
        except Exception as exc:
            raise CacheError(
                f"{self.location}: cannot clear the segment cache: {one_line(exc)}"
            ) from None
        self.fs.invalidate_cache(self.root)
        return count
