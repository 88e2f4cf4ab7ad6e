"""The segment cache: rendered, encoded blocks of speech, by what made them.

A block's key is a hash of everything that shapes its sound: the spoken text
(after normalisation), the engine and its version, the voice, rate and volume,
the chimes and pauses around it, the loudness target and the encoder. So a
re-run of the same day renders nothing, and an updated briefing renders only
what changed. Each entry is the block's MP3 bytes and a small JSON record of
its timings, with the MP3's SHA-256 and a digest of the record itself: an entry
damaged anywhere (a flipped bit, a field edited or missing) is noticed, dropped
with one warning and rendered again.

The cache lives in the user cache folder (``platformdirs``), or the folder of
``--cache DIR`` / ``$BRIEFING_CACHE_DIR``, under ``segments/``; the least
recently used entries go when it passes ``MAX_BYTES``.
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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..files import checked, plain_words, sha256_hex, write_entry

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


ENTRY_FORMAT = 2
"""The layout of ``KEY.json``; 2 added the schema check and the digest of the record.
An entry of format 1 (no ``format``, no ``digest``) is a miss, written again."""

#: The smallest and largest MPEG layer III frame, in bytes (8 kbit/s at 24 kHz;
#: 320 kbit/s at 32 kHz, padded).
_FRAME_BYTES = (24, 1441)
_SAMPLES_PER_FRAME = 576
_SAMPLE_RATE = 22050
#: Rounding of ``speech_ms`` (and of the float of ``speech_start_ms``).
_SLACK_MS = 1.0


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


class SegmentCache:
    """Blocks on disk, two files each: ``KEY.mp3`` and ``KEY.json``.

    ``get`` trusts nothing it reads: a record that is not exactly what ``put``
    wrote (``check_record``), or an MP3 whose SHA-256 differs, is dropped with
    one warning and the block rendered again. ``put`` never fails a run: the
    first write that fails (a full or read-only disk) says so once, and leaves
    no temporary file behind.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder if folder is not None else default_cache_dir()) / "segments"
        self.hits = 0
        self.misses = 0
        self._told: set[str] = set()

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".mp3"), base.with_suffix(".json")

    def get(self, key: str) -> CachedBlock | None:
        """The block stored under ``key``, or None (missing or damaged)."""
        audio_path, meta_path = self._paths(key)
        try:
            raw = meta_path.read_bytes()
            data = audio_path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            record = json.loads(raw)
            if isinstance(record, dict) and "format" not in record and "digest" not in record:
                log.debug("segment cache entry %s is of an older format", key[:12])
                self.misses += 1
                return None  # put writes it again
            found = check_record(record, key, len(data))
            if not checked(data, record["sha256"]):
                raise DamagedEntry("the MP3 is not the one recorded")
        except (ValueError, RecursionError) as exc:  # DamagedEntry, JSON, UTF-8, nesting
            log.warning("segment cache entry %s is damaged (%s); rendering it again", key[:12], exc)
            self._remove(key)
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            now = time.time()
            os.utime(meta_path, (now, now))  # recently used
        self.hits += 1
        return replace(found, mp3=data)

    def put(self, key: str, block: CachedBlock) -> None:
        """Store a block (a failure to write only costs a re-render later; it is
        reported once for this cache)."""
        audio_path, meta_path = self._paths(key)
        record = make_record(key, block)
        try:
            check_record(record, key, len(block.mp3))
        except DamagedEntry as exc:  # get would drop it: keep it out
            self._once("refused", "the segment cache does not keep block %s: %s", key[:12], exc)
            return
        try:
            parts = [(audio_path, block.mp3), (meta_path, json.dumps(record).encode("utf-8"))]
            write_entry(parts)
        except OSError as exc:
            if audio_path.exists() and not _matches(meta_path, record):
                self._remove(key)  # the MP3 went in, its record did not
            self._cannot_write(exc)

    def _cannot_write(self, exc: OSError) -> None:
        self._once(
            "write",
            "cannot write the segment cache in %s: %s; the episode is made all the same, "
            "and its speech rendered again next time (free some space, or give another "
            "folder with --cache)",
            self.folder, plain_words(exc)[0],
        )  # fmt: skip

    def _once(self, kind: str, message: str, *args: object) -> None:
        """A warning said once for this cache (a run has one); again only in the debug log."""
        if kind in self._told:
            log.debug(message, *args)
            return
        self._told.add(kind)
        log.warning(message, *args)

    def _remove(self, key: str) -> None:
        for path in self._paths(key):
            with contextlib.suppress(OSError):
                path.unlink()

    def size(self) -> tuple[int, int]:
        """(entries, bytes) in the cache."""
        entries = total = 0
        for path in self.folder.glob("*/*.mp3"):
            with contextlib.suppress(OSError):
                total += path.stat().st_size
                entries += 1
        return entries, total

    def prune(self, max_bytes: int = MAX_BYTES) -> None:
        """Remove the least recently used entries until the cache fits ``max_bytes``,
        and the temporary files of writers that died (a run killed while it wrote)."""
        from ..files import process_alive

        for stale in self.folder.glob(
            "*/*.tmp"
        ):  # ".KEY.mp3.PID.tmp" (and older "KEY.mp3.PID.tmp")
            pid = stale.name.rsplit(".", 2)[-2]
            if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
                with contextlib.suppress(OSError):
                    stale.unlink()
        entries = []
        total = 0
        for meta in self.folder.glob("*/*.json"):
            with contextlib.suppress(OSError):
                size = meta.with_suffix(".mp3").stat().st_size
                entries.append((meta.stat().st_mtime, meta.stem, size))
                total += size
        if total <= max_bytes:
            return
        for _, key, size in sorted(entries):
            self._remove(key)
            total -= size
            if total <= max_bytes:
                break

    def clear(self) -> int:
        """Remove every entry; return how many there were."""
        count, _ = self.size()
        shutil.rmtree(self.folder, ignore_errors=True)
        return count


def _matches(meta_path: Path, record: dict[str, Any]) -> bool:
    try:
        return json.loads(meta_path.read_bytes()) == record
    except (OSError, ValueError):
        return False
