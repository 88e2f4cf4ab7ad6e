"""The segment cache: rendered, encoded blocks of speech, by what made them.

A block's key is a hash of everything that shapes its sound: the spoken text
(after normalisation), the engine and its version, the voice, rate and volume,
the chimes and pauses around it, the loudness target and the encoder. So a
re-run of the same day renders nothing, and an updated briefing renders only
what changed. Each entry is the block's MP3 bytes and a small JSON record
with their SHA-256: a damaged entry is noticed, dropped and rendered again.

The cache lives in the user cache folder (``platformdirs``), or the folder of
``--cache DIR`` / ``$BRIEFING_CACHE_DIR``, under ``segments/``; the least
recently used entries go when it passes ``MAX_BYTES``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .files import write_text_atomic

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


def default_cache_dir() -> Path:
    explicit = os.environ.get("BRIEFING_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))


class SegmentCache:
    """Blocks on disk, two files each: ``KEY.mp3`` and ``KEY.json``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder if folder is not None else default_cache_dir()) / "segments"
        self.hits = 0
        self.misses = 0

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".mp3"), base.with_suffix(".json")

    def get(self, key: str) -> CachedBlock | None:
        """The block stored under ``key``, or None (missing or damaged)."""
        audio_path, meta_path = self._paths(key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = audio_path.read_bytes()
        except (OSError, ValueError):
            self.misses += 1
            return None
        if meta.get("key") != key or hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            log.warning("segment cache entry %s is damaged; rendering it again", key[:12])
            self._remove(key)
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            now = time.time()
            os.utime(meta_path, (now, now))  # recently used
        self.hits += 1
        return CachedBlock(
            mp3=data,
            frames=meta["frames"],
            speech_start_ms=meta["speech_start_ms"],
            speech_ms=meta["speech_ms"],
            marks=tuple((int(o), int(ms)) for o, ms in meta["marks"]),
        )

    def put(self, key: str, block: CachedBlock) -> None:
        """Store a block (a failure to write only costs a re-render later)."""
        audio_path, meta_path = self._paths(key)
        try:
            audio_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = audio_path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(block.mp3)
            os.replace(tmp, audio_path)
            meta = {k: v for k, v in asdict(block).items() if k != "mp3"}
            meta.update(key=key, sha256=hashlib.sha256(block.mp3).hexdigest())
            write_text_atomic(meta_path, json.dumps(meta))
        except OSError as exc:
            log.warning("cannot write the segment cache in %s: %s", self.folder, exc.strerror)

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
        from .files import process_alive

        for stale in self.folder.glob("*/*.tmp"):
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
