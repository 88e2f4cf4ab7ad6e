"""The segment cache: rendered, encoded blocks of speech, by what made them.

A block's key is a hash of everything that shapes its sound: the spoken text
(after normalisation), the engine and its version, the voice, rate and volume,
the chimes and pauses around it, the loudness target and the encoder. So a
re-run of the same day renders nothing, and an updated briefing renders only
what changed. Each entry is the block's MP3 bytes and a small JSON record of
its timings, with the MP3's SHA-256 and a digest of the record itself: an entry
damaged anywhere (a flipped bit, a field edited or missing) is noticed, dropped
with one warning and rendered again.

The cache is a write-once block store that many workers and machines can share
(``store.BlockStore``; ``store.open_store`` opens one by its location): a folder, by default
the user cache folder (``platformdirs``), or the folder of ``--cache DIR`` /
``$BRIEFING_CACHE_DIR``, local or on NFS (``SegmentCache``); or any fsspec URL,
such as ``s3://bucket/prefix`` (``store.FsspecStore``). Either way the entries
are under ``segments/``, two files each::

    segments/ab/KEY.json                   the record, naming its MP3 by its SHA-256
    segments/ab/KEY.<16 hex of sha>.mp3    the MP3, under its own checksum

Two machines may render one key to different bytes (numerical libraries pick
their code paths by CPU), so each MP3 is written under its own checksum (the
same name is the same bytes), then the record, only if there is none: the first
record written wins and is never replaced; a loser's MP3 is left over, an
orphan, removed by ``prune`` an hour later. A folder keeps its least recently
used entries up to ``MAX_BYTES``; an object store, which cannot see reads, keeps
entries for ``max_age_days``.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import BriefingError
from ..files import checked, plain_words, read_bounded, sha256_hex, write_once

log = logging.getLogger(__name__)

MAX_BYTES = 500_000_000
"""The cache is pruned to this size, least recently used entries first."""


@dataclass(frozen=True)
class CachedBlock:
    """A rendered block of the episode: its MP3 frames and where its speech is."""

    mp3: bytes
    frames: int
    """MPEG frames in ``mp3`` (576 samples each at 22050 Hz)."""
    speech_start_ms: float
    """Where the speech starts in the decoded block (encoder delay included)."""
    speech_ms: int
    """How long the speech runs."""
    marks: tuple[tuple[int, int], ...]
    """(offset in the spoken text, ms from the speech start) of each word."""


#: Names briefing's cache folder (the segment, HTTP and LLM caches live under it).
ENV_CACHE = "BRIEFING_CACHE_DIR"


def default_cache_dir() -> Path:
    """The cache folder: $BRIEFING_CACHE_DIR, else the user cache folder."""
    explicit = os.environ.get(ENV_CACHE)
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))


ENTRY_FORMAT = 3
"""The layout of ``KEY.json``; 2 added the schema check and the digest of the record,
3 the MP3 under its own checksum (``KEY.<sha>.mp3``, not ``KEY.mp3``). An entry of an
older format (1: no ``format``, no ``digest``; 2) is a quiet miss, removed and
written again."""

MAX_AGE_DAYS = 30.0
"""An object store's entries go when their record is older than this (in days)."""

ORPHAN_AGE_S = 3600.0
"""An MP3 no record names (a race's loser, a writer that died) goes when older than this:
a writer creates its record within seconds of its MP3."""

#: The smallest and largest MPEG layer III frame, in bytes (8 kbit/s at 24 kHz;
#: 320 kbit/s at 32 kHz, padded).
_FRAME_BYTES = (24, 1441)
_SAMPLES_PER_FRAME = 576
_SAMPLE_RATE = 22050
#: Rounding of ``speech_ms`` (and of the float of ``speech_start_ms``).
_SLACK_MS = 1.0

MAX_RECORD_BYTES = 4_000_000
"""A record is read up to this size: its word marks for 100,000 characters of speech,
the most a block holds, take about 300 kB."""

MAX_MP3_BYTES = 300_000_000
"""An MP3 is read up to this size (and up to what its record's frames can make): the
longest block, 100,000 characters at 320 kbit/s, is under 270 MB."""


def mp3_limit(record: object) -> int:
    """The most bytes the MP3 of ``record`` can have (by its frames), or DamagedEntry."""
    frames = record.get("frames") if isinstance(record, dict) else None
    if isinstance(frames, bool) or not isinstance(frames, int) or frames <= 0:
        raise DamagedEntry(f"frames is {frames!r}, not a whole number")
    return min(frames * _FRAME_BYTES[1], MAX_MP3_BYTES)


class DamagedEntry(ValueError):
    """A cache record that is not what ``put`` wrote."""


def _number(meta: dict[str, Any], name: str) -> float:
    value = meta.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DamagedEntry(f"{name} is {value!r}, not a number")
    if not 0 <= value < float("inf"):
        raise DamagedEntry(f"{name} is {value!r}, not zero or more")
    return value


def record_digest(record: dict[str, Any]) -> str:
    """SHA-256 of a record's canonical JSON, ``digest`` left out: any change to
    any field (or the MP3's own ``sha256``) changes it."""
    fields = {k: v for k, v in record.items() if k != "digest"}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return sha256_hex(canonical)


def check_record(record: object, key: str, mp3_bytes: int) -> CachedBlock:
    """The block a ``KEY.json`` record describes (with empty ``mp3``), or
    DamagedEntry saying what is wrong: a field missing or of the wrong type, a
    value out of range (frames that the MP3's length cannot hold, speech
    outside the block, word marks out of order), or a digest that does not
    match the fields."""
    if not isinstance(record, dict):
        raise DamagedEntry("the record is not a JSON object")
    if record.get("format") != ENTRY_FORMAT:
        raise DamagedEntry(f"format {record.get('format')!r}, not {ENTRY_FORMAT}")
    if record.get("key") != key:
        raise DamagedEntry("the record names another key")
    for name in ("sha256", "digest"):
        value = record.get(name)
        if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{64}", value):
            raise DamagedEntry(f"{name} is not a SHA-256")
    frames = record.get("frames")
    if isinstance(frames, bool) or not isinstance(frames, int):
        raise DamagedEntry(f"frames is {frames!r}, not a whole number")
    smallest, largest = _FRAME_BYTES
    if frames <= 0 or not -(-mp3_bytes // largest) <= frames <= mp3_bytes // smallest:
        raise DamagedEntry(f"{frames} frames cannot make {mp3_bytes} bytes of MP3")
    start, length = _number(record, "speech_start_ms"), _number(record, "speech_ms")
    if not isinstance(length, int):
        raise DamagedEntry(f"speech_ms is {length!r}, not a whole number")
    block_ms = frames * _SAMPLES_PER_FRAME * 1000 / _SAMPLE_RATE
    if start + length > block_ms + _SLACK_MS:
        raise DamagedEntry(
            f"the speech ({start:.0f} + {length} ms) outruns the block ({block_ms:.0f} ms)"
        )
    marks = record.get("marks")
    if not isinstance(marks, list):
        raise DamagedEntry("marks is not a list")
    pairs: list[tuple[int, int]] = []
    for mark in marks:
        if (
            not isinstance(mark, list)
            or len(mark) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in mark)
        ):
            raise DamagedEntry(f"word mark {mark!r} is not two whole numbers, zero or more")
        if pairs and mark[0] < pairs[-1][0]:
            raise DamagedEntry("the word marks are not in the order of the text")
        pairs.append((mark[0], mark[1]))
    if not hmac.compare_digest(record["digest"], record_digest(record)):
        raise DamagedEntry("the record's digest does not match its fields")
    return CachedBlock(b"", frames, start, length, tuple(pairs))


def make_record(key: str, block: CachedBlock) -> dict[str, Any]:
    """The ``KEY.json`` record of a block: its fields, its MP3's SHA-256 and a
    digest of them all."""
    record = {
        "format": ENTRY_FORMAT,
        "key": key,
        "sha256": sha256_hex(block.mp3),
        "frames": block.frames,
        "speech_start_ms": block.speech_start_ms,
        "speech_ms": block.speech_ms,
        "marks": [list(mark) for mark in block.marks],
    }
    record["digest"] = record_digest(record)
    return record


class CacheError(BriefingError):
    """The segment cache's location cannot be opened or listed (a malformed URL, a
    package its protocol needs, an object store that does not answer)."""


# -- the layout and the checks, the same in every backend --------------------------------

#: An entry's file: ``KEY.json``, ``KEY.<16 hex>.mp3`` (``KEY.mp3`` before format 3).
_ENTRY_FILE = re.compile(r"^(?P<key>[^./]+)(?:\.(?P<sha>[0-9a-f]{16}))?\.(?P<ext>json|mp3)$")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def record_name(key: str) -> str:
    """Where ``key``'s record is, under ``segments/``."""
    return f"{key[:2]}/{key}.json"


def mp3_name(key: str, sha256: str) -> str:
    """Where the MP3 of ``key`` with that SHA-256 is, under ``segments/``."""
    return f"{key[:2]}/{key}.{sha256[:16]}.mp3"


def _older_format(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    if "format" not in record and "digest" not in record:
        return True  # format 1
    found = record.get("format")
    return isinstance(found, int) and not isinstance(found, bool) and 2 <= found < ENTRY_FORMAT


def _named_sha(record: object) -> str:
    """The SHA-256 of the MP3 a record names, once its digest shows it is the record
    put wrote; DamagedEntry if not (the rest is ``check_record``'s, with the MP3)."""
    if not isinstance(record, dict):
        raise DamagedEntry("the record is not a JSON object")
    for name in ("sha256", "digest"):
        value = record.get(name)
        if not isinstance(value, str) or not _SHA256.fullmatch(value):
            raise DamagedEntry(f"{name} is not a SHA-256")
    if not hmac.compare_digest(record["digest"], record_digest(record)):
        raise DamagedEntry("the record's digest does not match its fields")
    return str(record["sha256"])


@dataclass(frozen=True)
class Listed:
    """A file of a store, as one listing shows it."""

    name: str
    """Its name under ``segments/`` (``ab/KEY.json``)."""
    size: int
    modified: float | None
    """When it was last written (or, in a folder, used): seconds since the epoch, or None
    when the store does not say."""


@dataclass
class Survey:
    """A store's files by what they are."""

    records: dict[str, Listed]
    """Key -> its record."""
    mp3s: dict[str, list[Listed]]
    """Key -> its MP3s (one, or more after a race)."""
    others: list[Listed]
    """Anything else (a folder's temporary files)."""

    @classmethod
    def of(cls, listing: Iterator[Listed] | list[Listed]) -> Survey:
        survey = cls({}, {}, [])
        for item in listing:
            match = _ENTRY_FILE.match(item.name.rpartition("/")[2])
            if match is None:
                survey.others.append(item)
            elif match["ext"] == "json":
                survey.records[match["key"]] = item
            else:
                survey.mp3s.setdefault(match["key"], []).append(item)
        return survey

    def mp3_bytes(self) -> int:
        return sum(item.size for items in self.mp3s.values() for item in items)


class EntryStore:
    """What every block store does the same way: the layout, the checks on read, the
    order of the writes (the MP3, then its record, both create-only) and the orphans.
    A backend provides the storage: ``_read``, ``_exists``, ``_create``, ``_delete``,
    ``_listing`` (names relative to ``segments/``)."""

    location: str
    _failures: tuple[type[Exception], ...] = (OSError,)
    """What the storage raises when it cannot read or write (never raised by put)."""
    _loud_reads = False
    """Whether a read that fails (not a missing file) is worth a warning."""

    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0
        self._told: set[str] = set()

    # -- the storage, a backend's ----------------------------------------------------

    def _read(self, name: str, limit: int) -> bytes:
        """The bytes of ``name``; FileNotFoundError when there is none, UnfitFile when
        it is no regular file or holds more than ``limit`` bytes."""
        raise NotImplementedError

    def _exists(self, name: str) -> bool:
        raise NotImplementedError

    def _create(self, name: str, data: bytes) -> bool:
        """Write ``name`` unless it exists, atomically: True when this call wrote it."""
        raise NotImplementedError

    def _delete(self, name: str) -> None:
        """Remove ``name`` if it is there (quietly: removing is only tidying)."""
        raise NotImplementedError

    def _listing(self, folder: str | None = None) -> Iterator[Listed] | list[Listed]:
        """Every file under ``segments/`` (or its subfolder ``folder``)."""
        raise NotImplementedError

    def _used(self, name: str) -> None:
        """A record was read: a store that prunes by use notes it."""

    def _where(self) -> str:
        """The store in a message: "in FOLDER", "at URL"."""
        raise NotImplementedError

    def _cannot_write(self, exc: Exception) -> None:
        raise NotImplementedError

    # -- get and put -----------------------------------------------------------------

    def get(self, key: str) -> CachedBlock | None:
        """The block stored under ``key``, or None (missing or damaged).

        Nothing read is trusted: a record that is not exactly what ``put`` wrote
        (``check_record``), or an MP3 whose SHA-256 differs, is removed (the record
        first) with one warning and the block rendered again."""
        found = self._lookup(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def _lookup(self, key: str) -> CachedBlock | None:
        try:
            found = self._entry(key)
        except (ValueError, RecursionError) as exc:  # DamagedEntry, UnfitFile, JSON, nesting
            log.warning("segment cache entry %s is damaged (%s); rendering it again", key[:12], exc)
            self._remove_entry(key)
            return None
        except FileNotFoundError:
            return None
        except self._failures as exc:
            self._cannot_read(exc)
            return None
        if found is not None:
            self._used(record_name(key))
        return found

    def _entry(self, key: str) -> CachedBlock | None:
        """The block of ``key``, checked; None for a quiet miss (an older format, a lost
        MP3: removed). Raises FileNotFoundError (no record), ValueError (damaged: a
        named pipe or a link to a device in its place included) or the storage's error.
        Nothing is read past its bound (``MAX_RECORD_BYTES``, ``mp3_limit``)."""
        record = json.loads(self._read(record_name(key), MAX_RECORD_BYTES))
        if _older_format(record):
            log.debug("segment cache entry %s is of an older format", key[:12])
            self._remove_entry(key)  # put writes it again
            return None
        sha = _named_sha(record)  # the record is what put wrote: its MP3's name holds
        try:
            data = self._read(mp3_name(key, sha), mp3_limit(record))
        except FileNotFoundError:
            log.info("segment cache entry %s has lost its MP3; rendering it again", key[:12])
            self._remove_entry(key)
            return None
        found = check_record(record, key, len(data))
        if not checked(data, sha):
            raise DamagedEntry("the MP3 is not the one recorded")
        return replace(found, mp3=data)

    def put(self, key: str, block: CachedBlock) -> bool:
        """Store a block unless ``key`` has one already (a finished entry, its record
        written, is never replaced): True when ``key`` has a finished entry after the
        call. A failure to write only costs a re-render later: False, reported once
        for this store, and what this call wrote is removed."""
        record = make_record(key, block)
        try:
            check_record(record, key, len(block.mp3))
        except DamagedEntry as exc:  # get would drop it: keep it out
            self._once("refused", "the segment cache does not keep block %s: %s", key[:12], exc)
            return False
        meta, audio = record_name(key), mp3_name(key, record["sha256"])
        try:
            if self._exists(meta):
                return True  # finished before: nothing to write
            wrote_audio = self._create(audio, block.mp3)  # there before: the same bytes
            try:
                self._create(meta, json.dumps(record).encode("utf-8"))
            except self._failures:
                if wrote_audio:
                    self._delete(audio)  # the MP3 went in, its record did not
                raise
        except self._failures as exc:
            self._cannot_write(exc)
            return False
        return True  # this record, or the one of a writer that finished first

    def _cannot_read(self, exc: Exception) -> None:
        if self._loud_reads:
            self._once(
                "read", "cannot read the segment cache %s: %s; rendering what it would have had",
                self._where(), one_line(exc),
            )  # fmt: skip
        else:
            log.debug("cannot read the segment cache %s: %s", self._where(), one_line(exc))

    def _once(self, kind: str, message: str, *args: object) -> None:
        """A warning said once for this store (a run has one); again only in the debug log."""
        if kind in self._told:
            log.debug(message, *args)
            return
        self._told.add(kind)
        log.warning(message, *args)

    # -- removing --------------------------------------------------------------------

    def _remove_entry(self, key: str) -> None:
        """Remove ``key``'s record, then every MP3 of ``key``."""
        self._delete(record_name(key))
        try:
            survey = Survey.of(self._listing(key[:2]))
        except FileNotFoundError:
            return
        except self._failures as exc:
            log.debug("cannot list the segment cache %s: %s", self._where(), one_line(exc))
            return
        for item in survey.mp3s.get(key, []):
            self._delete(item.name)

    def _remove_orphans(self, survey: Survey, now: float) -> None:
        """Remove the MP3s older than ``ORPHAN_AGE_S`` that no record names (and take
        them out of ``survey``)."""
        for key, items in list(survey.mp3s.items()):
            named: str | None = None
            if key in survey.records:
                if len(items) == 1:
                    continue  # the usual entry (a lost or wrong one is get's to notice)
                named = self._named_mp3(key)
                if named is None:
                    continue
            kept = []
            for item in items:
                old = item.modified is not None and now - item.modified > ORPHAN_AGE_S
                if item.name != named and old:
                    log.debug("removing %s, an MP3 no record names", item.name)
                    self._delete(item.name)
                else:
                    kept.append(item)
            survey.mp3s[key] = kept

    def _named_mp3(self, key: str) -> str | None:
        try:
            record = json.loads(self._read(record_name(key), MAX_RECORD_BYTES))
        except (ValueError, RecursionError):  # JSON, UTF-8, nesting, unfit: get's to notice
            return None
        except self._failures:
            return None
        sha = record.get("sha256") if isinstance(record, dict) else None
        if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
            return None
        return mp3_name(key, sha)

    def _remove_all(self, survey: Survey, keys: list[str]) -> None:
        for key in keys:
            self._delete(survey.records.pop(key).name)  # the record first
            for item in survey.mp3s.pop(key, []):
                self._delete(item.name)


def one_line(exc: BaseException) -> str:
    """An error in plain words, on one line."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return plain_words(exc)[0]
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


# -- a folder, local or on NFS -------------------------------------------------------------


class SegmentCache(EntryStore):
    """Blocks in a folder (local, or shared on NFS): ``segments/ab/KEY.json`` and
    ``segments/ab/KEY.<sha>.mp3`` under the cache's root ``folder``.

    Each file is written to a temporary sibling and hard-linked to its name
    (``files.write_once``): never half a file under a final name, and of writers
    racing for one name exactly one wins. ``put`` never fails a run: the first
    write that fails (a full or read-only disk) says so once, and leaves no
    temporary file behind. ``prune`` keeps the most recently used entries up to
    ``MAX_BYTES`` (a hit refreshes its record's time).
    """

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        root = folder if folder is not None else default_cache_dir()
        self.folder = root / "segments"
        self.location = os.path.abspath(root)

    def _path(self, name: str) -> Path:
        return self.folder / name

    def _read(self, name: str, limit: int) -> bytes:
        return read_bounded(self._path(name), limit, follow=False)  # briefing writes no link

    def _exists(self, name: str) -> bool:
        return self._path(name).exists()

    def _create(self, name: str, data: bytes) -> bool:
        path = self._path(name)
        if write_once(path, data):
            return True
        if name.endswith(".mp3"):  # another writer's, to be named by a record: not an orphan
            with contextlib.suppress(OSError):
                os.utime(path)
        return False

    def _delete(self, name: str) -> None:
        with contextlib.suppress(OSError):
            self._path(name).unlink()

    def _listing(self, folder: str | None = None) -> Iterator[Listed]:
        if folder is not None:
            folders = [self.folder / folder]
        else:
            try:
                folders = [Path(e.path) for e in os.scandir(self.folder) if e.is_dir()]
            except OSError:
                return
        for where in folders:
            try:
                entries = list(os.scandir(where))
            except OSError:
                continue
            for entry in entries:
                with contextlib.suppress(OSError):  # removed meanwhile
                    stat = entry.stat()
                    yield Listed(f"{where.name}/{entry.name}", stat.st_size, stat.st_mtime)

    def _used(self, name: str) -> None:
        with contextlib.suppress(OSError):
            now = time.time()
            os.utime(self._path(name), (now, now))  # recently used

    def _where(self) -> str:
        return f"in {self.folder}"

    def _cannot_write(self, exc: Exception) -> None:
        self._once(
            "write",
            "cannot write the segment cache in %s: %s; the episode is made all the same, "
            "and its speech rendered again next time (free some space, or give another "
            "folder with --cache)",
            self.folder, one_line(exc),
        )  # fmt: skip

    def size(self) -> tuple[int, int]:
        """(entries, bytes of MP3) in the cache."""
        survey = Survey.of(self._listing())
        return len(survey.records), survey.mp3_bytes()

    def prune(self, max_bytes: int = MAX_BYTES) -> None:
        """Remove the least recently used entries until the cache fits ``max_bytes``,
        the MP3s no record names (older than ``ORPHAN_AGE_S``), and the temporary
        files of writers that died (a run killed while it wrote). One listing."""
        from ..files import process_alive

        survey = Survey.of(self._listing())
        for item in survey.others:  # ".KEY.json.RANDOM.PID.tmp" (and older "KEY.mp3.PID.tmp")
            if not item.name.endswith(".tmp"):
                continue
            pid = item.name.rsplit(".", 2)[-2]
            if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
                self._delete(item.name)
        self._remove_orphans(survey, time.time())
        total = survey.mp3_bytes()
        if total <= max_bytes:
            return
        by_use = sorted(survey.records.items(), key=lambda kv: kv[1].modified or 0.0)
        for key, _ in by_use:
            total -= sum(item.size for item in survey.mp3s.get(key, []))
            self._remove_all(survey, [key])
            if total <= max_bytes:
                break

    def clear(self) -> int:
        """Remove every entry; return how many there were."""
        count, _ = self.size()
        shutil.rmtree(self.folder, ignore_errors=True)
        return count
