"""The block store shared by many writers: a folder, fsspec's memory://, and S3 (moto's
server on 127.0.0.1). Write-once, the record last, every read checked."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest

from briefing.errors import BriefingError
from briefing.files import sha256_hex
from briefing.render.cache import CachedBlock, CacheError, SegmentCache
from briefing.render.store import BlockStore, FsspecStore, open_store

from .test_cache import BLOCK, KEY

DAY_S = 86400.0


def variant(n: int) -> CachedBlock:
    """The same block as another machine renders it: other bytes, the same frames."""
    return replace(BLOCK, mp3=bytes((b + n) % 256 for b in BLOCK.mp3))


def mp3_of(key: str, block: CachedBlock) -> str:
    return f"{key[:2]}/{key}.{sha256_hex(block.mp3)[:16]}.mp3"


def record_of(key: str) -> str:
    return f"{key[:2]}/{key}.json"


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# -- the three backends, and a way to reach under each ------------------------------------


@dataclass
class Backend:
    """A store's location, and its files reached directly (to damage or age them)."""

    kind: str
    location: str
    options: dict[str, Any] = field(default_factory=dict)
    fs: Any = None
    """The fsspec filesystem, None for a folder."""
    segments: str = ""
    """The ``segments/`` folder: a path of ``fs``, or of this machine."""
    age_object: Any = None
    """(path, seconds): make an object that much older (S3 cannot be told)."""

    def open(self, **kwargs: Any) -> BlockStore:
        return open_store(self.location, **self.options, **kwargs)

    def _path(self, name: str) -> str:
        return f"{self.segments}/{name}"

    def files(self) -> dict[str, bytes]:
        if self.fs is None:
            root = Path(self.segments)
            return {
                p.relative_to(root).as_posix(): p.read_bytes()
                for p in root.rglob("*")
                if p.is_file()
            }
        self.fs.invalidate_cache()
        found = self.fs.find(self.segments)
        prefix = self.segments.strip("/") + "/"
        return {p.strip("/")[len(prefix) :]: self.fs.cat_file(p) for p in found}

    def write(self, name: str, data: bytes) -> None:
        if self.fs is None:
            path = Path(self._path(name))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        else:
            self.fs.pipe_file(self._path(name), data)

    def delete(self, name: str) -> None:
        if self.fs is None:
            Path(self._path(name)).unlink()
        else:
            self.fs.rm_file(self._path(name))

    def modified(self, name: str) -> float:
        if self.fs is None:
            return Path(self._path(name)).stat().st_mtime
        self.fs.invalidate_cache()
        info = self.fs.info(self._path(name))
        when = info.get("LastModified", info.get("created"))
        return when.timestamp() if isinstance(when, dt.datetime) else float(when)

    def age(self, name: str, seconds: float) -> None:
        """Make a file ``seconds`` older than it is."""
        then = self.modified(name) - seconds
        if self.fs is None:
            os.utime(self._path(name), (then, then))
        elif self.kind == "memory":
            self.fs.store[self._path(name)].created = dt.datetime.fromtimestamp(then, dt.UTC)
        else:
            self.age_object(self._path(name), seconds)


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    pytest.importorskip("s3fs")
    pytest.importorskip("boto3")
    server_module = pytest.importorskip("moto.server")
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


S3_OPTIONS = {"key": "testing", "secret": "testing"}


def _s3_options(endpoint: str) -> dict[str, Any]:
    return S3_OPTIONS | {"client_kwargs": {"endpoint_url": endpoint, "region_name": "us-east-1"}}


def _new_bucket(endpoint: str) -> str:
    import boto3

    bucket = f"briefing-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )  # fmt: skip
    client.create_bucket(Bucket=bucket)  # (s3fs's mkdir sends a location constraint moto refuses)
    return bucket


def _age_in_moto(path: str, seconds: float) -> None:
    from moto.s3.models import s3_backends

    bucket, _, key = path.partition("/")
    for regions in s3_backends.values():
        for backend in regions.values():
            if bucket in backend.buckets:
                found = backend.buckets[bucket].keys[key]
                found.last_modified -= dt.timedelta(seconds=seconds)
                return
    raise KeyError(path)


@pytest.fixture
def memory_fs() -> Iterator[Any]:
    fsspec = pytest.importorskip("fsspec")
    from fsspec.implementations.memory import MemoryFileSystem

    MemoryFileSystem.store.clear()
    MemoryFileSystem.pseudo_dirs[:] = [""]
    yield fsspec.filesystem("memory")
    MemoryFileSystem.store.clear()
    MemoryFileSystem.pseudo_dirs[:] = [""]


def _backend(kind: str, request, tmp_path: Path) -> Backend:
    if kind == "folder":
        return Backend(kind, str(tmp_path / "cache"), segments=str(tmp_path / "cache" / "segments"))
    if kind == "memory":
        fs = request.getfixturevalue("memory_fs")
        return Backend(kind, "memory://briefing/cache", fs=fs, segments="/briefing/cache/segments")
    endpoint = request.getfixturevalue("moto_endpoint")
    import s3fs

    bucket = _new_bucket(endpoint)
    options = _s3_options(endpoint)
    return Backend(
        kind, f"s3://{bucket}/cache", options, fs=s3fs.S3FileSystem(**options),
        segments=f"{bucket}/cache/segments", age_object=_age_in_moto,
    )  # fmt: skip


BACKENDS = ["folder", "memory", "s3"]


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path) -> Backend:
    return _backend(request.param, request, tmp_path)


@pytest.fixture(params=["memory", "s3"])
def object_store(request, tmp_path) -> Backend:
    return _backend(request.param, request, tmp_path)


# -- round trip, and the layout ----------------------------------------------------------


def test_round_trip_and_the_layout(backend):
    store = backend.open()
    assert isinstance(store, BlockStore)
    assert store.get(KEY) is None and store.misses == 1
    assert store.put(KEY, BLOCK) is True
    again = backend.open()
    assert again.get(KEY) == BLOCK and again.hits == 1
    files = backend.files()
    assert set(files) == {record_of(KEY), mp3_of(KEY, BLOCK)}
    assert files[mp3_of(KEY, BLOCK)] == BLOCK.mp3
    record = json.loads(files[record_of(KEY)])
    assert record["format"] == 3 and record["sha256"] == sha256_hex(BLOCK.mp3)
    assert store.size() == (1, len(BLOCK.mp3))
    assert store.clear() == 1
    assert backend.files() == {} and store.size() == (0, 0)
    assert store.get(KEY) is None


def test_the_location_opens_the_same_store(backend):
    store = backend.open()
    store.put(KEY, BLOCK)
    same = open_store(store.location, **backend.options)
    assert type(same) is type(store) and same.location == store.location
    assert same.get(KEY) == BLOCK


def test_a_relative_folder_has_an_absolute_location(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = open_store("relative")
    store.put(KEY, BLOCK)
    assert Path(store.location) == tmp_path / "relative"
    monkeypatch.chdir("/")
    assert open_store(store.location).get(KEY) == BLOCK


# -- write-once ------------------------------------------------------------------------------


def test_a_put_of_a_finished_key_writes_nothing(backend):
    """The first record stays, as it was written: another rendering of the key (other
    bytes, from another machine) neither replaces it nor leaves an MP3 behind."""
    assert backend.open().put(KEY, BLOCK)
    backend.age(record_of(KEY), 600)  # a rewrite would make it new again
    before = backend.files()
    written = backend.modified(record_of(KEY))
    assert backend.open().put(KEY, variant(7)) is True
    assert backend.open().put(KEY, BLOCK) is True
    assert backend.files() == before
    assert backend.modified(record_of(KEY)) == written
    assert backend.open().get(KEY) == BLOCK


def _spy_records(store: Any, won: list[bytes], lock: threading.Lock) -> None:
    """Note each record a store's put creates (a create that found one there is not one)."""
    create = store._create

    def spy(name: str, data: bytes) -> bool:
        created = create(name, data)
        if created and name.endswith(".json"):
            with lock:
                won.append(data)
        return created

    store._create = spy


def test_writers_racing_with_other_bytes_leave_one_entry(backend, caplog):
    """Eight writers, each its own store, put one key at once with different bytes while
    a reader reads: one record is created, the reader only ever sees nothing or that
    block, every put says the key is finished."""
    writers = 8
    blocks = [variant(n) for n in range(writers)]
    won: list[bytes] = []
    lock = threading.Lock()
    stores = [backend.open() for _ in range(writers)]
    for store in stores:
        _spy_records(store, won, lock)
    reader = backend.open()
    seen: list[CachedBlock | None] = []
    start = threading.Barrier(writers + 1)
    stop = threading.Event()

    def read() -> None:
        start.wait()
        while not stop.is_set():
            seen.append(reader.get(KEY))

    def write(n: int) -> bool:
        start.wait()
        return stores[n].put(KEY, blocks[n])

    with caplog.at_level(logging.WARNING, logger="briefing"):
        watcher = threading.Thread(target=read)
        watcher.start()
        with ThreadPoolExecutor(writers) as pool:
            results = list(pool.map(write, range(writers)))
        stop.set()
        watcher.join()
    assert results == [True] * writers
    final = backend.open().get(KEY)
    assert final in blocks
    if backend.kind != "memory":  # memory's "create only" is check-then-set, not atomic
        assert won == [backend.files()[record_of(KEY)]]
    assert {b.mp3 for b in seen if b is not None} <= {final.mp3}
    assert [name for name in backend.files() if name.endswith(".json")] == [record_of(KEY)]
    assert not _warnings(caplog)


def _put_at(location: str, n: int, when: float) -> tuple[bool, bool]:
    """In another process: put variant ``n`` at the time ``when``; (put's answer,
    whether this process created the record)."""
    store = open_store(location)
    won: list[bytes] = []
    _spy_records(store, won, threading.Lock())
    time.sleep(max(0.0, when - time.time()))
    return store.put(KEY, variant(n)), bool(won)


@pytest.mark.slow
def test_processes_racing_on_a_folder_leave_one_entry(tmp_path):
    location = str(tmp_path / "cache")
    writers = 4
    when = time.time() + 1.5  # every process started and waiting
    with ProcessPoolExecutor(writers, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(_put_at, [location] * writers, range(writers), [when] * writers))
    assert [ok for ok, _ in results] == [True] * writers
    assert sum(won for _, won in results) == 1
    winner = next(n for n, (_, won) in enumerate(results) if won)
    assert open_store(location).get(KEY) == variant(winner)
    folder = tmp_path / "cache" / "segments" / KEY[:2]
    assert [p.name for p in folder.glob("*.json")] == [f"{KEY}.json"]
    assert not list(folder.glob(".*"))  # no temporary file left


def test_a_filesystem_without_create_only_writes_still_writes_once(memory_fs):
    """pipe_file without mode="create": a check, then the write."""

    class Plain:
        def __init__(self, fs: Any) -> None:
            self._fs = fs
            self.pipes = 0

        def pipe_file(self, path: str, data: bytes) -> None:
            self.pipes += 1
            self._fs.pipe_file(path, data)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._fs, name)

    plain = Plain(memory_fs)
    store = FsspecStore(plain, "/plain", "memory://plain")
    assert store.put(KEY, BLOCK) and plain.pipes == 2
    assert store.put(KEY, variant(3)) and plain.pipes == 2
    assert FsspecStore(plain, "/plain", "memory://plain").get(KEY) == BLOCK


# -- damage: one warning, a miss, the entry removed ----------------------------------------


def _flip(data: bytes) -> bytes:
    return data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]


def _edit_record(data: bytes) -> bytes:
    record = json.loads(data)
    record["frames"] += 40
    return json.dumps(record).encode()


DAMAGES = {
    "a flipped MP3 byte": ("mp3", _flip),
    "an MP3 cut short": ("mp3", lambda d: d[:-7]),
    "a record not JSON": ("json", lambda d: b"{not json"),
    "a record cut short": ("json", lambda d: d[:-9]),
    "a record edited": ("json", _edit_record),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_entry_warns_once_misses_and_is_removed(backend, caplog, damage):
    which, change = damage
    store = backend.open()
    store.put(KEY, BLOCK)
    name = mp3_of(KEY, BLOCK) if which == "mp3" else record_of(KEY)
    backend.write(name, change(backend.files()[name]))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert backend.open().get(KEY) is None
    (warning,) = _warnings(caplog)
    assert f"segment cache entry {KEY[:12]} is damaged" in warning
    assert backend.files() == {}
    assert store.put(KEY, BLOCK) and backend.open().get(KEY) == BLOCK


def test_a_record_whose_mp3_is_gone_is_a_quiet_miss_and_removed(backend, caplog):
    store = backend.open()
    store.put(KEY, BLOCK)
    backend.delete(mp3_of(KEY, BLOCK))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert store.get(KEY) is None
    assert not _warnings(caplog) and backend.files() == {}
    assert store.put(KEY, BLOCK) and store.get(KEY) == BLOCK


# -- pruning ----------------------------------------------------------------------------------


def test_prune_removes_orphans_older_than_an_hour(backend):
    """The MP3s of writers that lost a race (or died before their record): gone after an
    hour, not before (a writer may be about to name it)."""
    store = backend.open()
    store.put(KEY, BLOCK)
    loser, young = mp3_of(KEY, variant(1)), mp3_of(KEY, variant(2))
    lone, fresh = mp3_of("cd" * 32, BLOCK), mp3_of("ef" * 32, BLOCK)
    for name in (loser, young, lone, fresh):
        backend.write(name, BLOCK.mp3)
    for name in (loser, lone):
        backend.age(name, 2 * 3600)
    for name in (young, fresh):
        backend.age(name, 1800)
    backend.age(mp3_of(KEY, BLOCK), 2 * 3600)  # old, but its record names it
    store.prune()
    assert set(backend.files()) == {record_of(KEY), mp3_of(KEY, BLOCK), young, fresh}
    assert store.get(KEY) == BLOCK


def test_an_object_store_prunes_by_age(object_store):
    store = object_store.open(max_age_days=30)
    for key in ("11" * 32, "22" * 32):
        store.put(key, BLOCK)
    old = "11" * 32
    for name in (record_of(old), mp3_of(old, BLOCK)):
        object_store.age(name, 31 * DAY_S)
    object_store.age(record_of("22" * 32), 29 * DAY_S)
    store.prune()
    assert set(object_store.files()) == {record_of("22" * 32), mp3_of("22" * 32, BLOCK)}
    assert store.get(old) is None and store.get("22" * 32) == BLOCK
    object_store.open(max_age_days=28).prune()
    assert object_store.files() == {}


def test_a_folder_prunes_the_least_recently_used(tmp_path):
    store = open_store(tmp_path)
    keys = ["11" * 32, "22" * 32, "33" * 32]
    for n, key in enumerate(keys):
        store.put(key, BLOCK)
        os.utime(tmp_path / "segments" / record_of(key), (1000 + n, 1000 + n))
    assert store.get(keys[0]) == BLOCK  # used now: the most recent
    store.prune(max_bytes=2 * len(BLOCK.mp3))
    assert store.get(keys[1]) is None
    assert store.get(keys[0]) == BLOCK and store.get(keys[2]) == BLOCK


# -- a store that cannot be written -----------------------------------------------------------


def test_an_object_store_that_refuses_writes_says_so_once(moto_endpoint, caplog):
    store = open_store("s3://no-such-bucket/cache", **_s3_options(moto_endpoint))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert [store.put(f"{n:02d}" * 32, BLOCK) for n in range(4)] == [False] * 4
        assert store.get("00" * 32) is None
    (warning,) = _warnings(caplog)
    assert "cannot write the segment cache at s3://no-such-bucket/cache" in warning
    assert "\n" not in warning


# -- open_store ---------------------------------------------------------------------------


def test_open_store_of_a_folder_or_file_url(tmp_path):
    for location in (tmp_path, str(tmp_path), tmp_path.as_uri(), f"file://localhost{tmp_path}"):
        store = open_store(location)
        assert isinstance(store, SegmentCache), location
        assert store.folder == tmp_path / "segments"
        assert store.location == str(tmp_path)


def test_open_store_of_nothing_is_the_default_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "default"))
    store = open_store(None)
    assert isinstance(store, SegmentCache) and store.folder == tmp_path / "default" / "segments"


def test_open_store_of_a_memory_url(memory_fs):
    store = open_store("memory://shared/cache/")
    assert isinstance(store, FsspecStore) and store.location == "memory://shared/cache"
    store.put(KEY, BLOCK)
    assert memory_fs.cat_file(f"/shared/cache/segments/{mp3_of(KEY, BLOCK)}") == BLOCK.mp3


BAD = {
    "nope://bucket/x": "no storage is known for nope://",
    "s3:/bucket/x": "not a segment cache URL",
    "://bucket": "it needs a protocol",
    "s3://": "names no bucket or folder",
    "file://elsewhere/cache": "a folder of this machine",
    "": "is empty",
}


@pytest.mark.parametrize(("location", "words"), BAD.items(), ids=list(BAD))
def test_open_store_of_a_bad_location_says_so_in_one_line(location, words):
    with pytest.raises(CacheError) as caught:
        open_store(location)
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert isinstance(caught.value, BriefingError)


def test_a_missing_fsspec_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec", None)
    with pytest.raises(
        CacheError, match=r"pip install 'briefing-podcast\[dask\]' and pip install s3fs"
    ):
        open_store("s3://bucket/cache")


def test_a_missing_protocol_package_says_what_to_install(monkeypatch):
    registry = pytest.importorskip("fsspec.registry")
    monkeypatch.setitem(sys.modules, "s3fs", None)
    monkeypatch.delitem(registry._registry, "s3", raising=False)
    with pytest.raises(CacheError) as caught:
        open_store("s3://bucket/cache")
    assert str(caught.value) == (
        "s3://bucket/cache: a segment cache on s3:// needs s3fs: pip install s3fs"
    )
