"""MP3 encoding and ID3 tags.

Two routes, chosen once: ffmpeg (the system's, or the binary of the
``imageio-ffmpeg`` package when installed) or ``lameenc`` from PyPI, which
needs no ffmpeg at all. ``BRIEFING_MP3_ENCODER`` forces one: ``auto``
(default), ``ffmpeg`` or ``lameenc``; ``BRIEFING_FFMPEG`` names an ffmpeg binary.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .errors import AudioError
from .models import Chapter

log = logging.getLogger(__name__)

ENV_ENCODER = "BRIEFING_MP3_ENCODER"
ENV_FFMPEG = "BRIEFING_FFMPEG"
ENCODERS = ("auto", "ffmpeg", "lameenc")
INSTALL_HINT = (
    "install ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) "
    "or the PyPI package: pip install lameenc"
)


@dataclass(frozen=True)
class Pcm:
    """Raw audio: signed 16-bit little-endian samples."""

    data: bytes
    sample_rate: int
    channels: int = 1


class Encoder(Protocol):
    name: str

    def encode(self, pcm: Pcm, dest: Path, *, bitrate_kbps: int) -> None:
        """Write ``pcm`` as an MP3 file at ``dest``."""
        ...


def find_ffmpeg() -> str | None:
    """An ffmpeg binary: $BRIEFING_FFMPEG, then PATH, then imageio-ffmpeg's."""
    explicit = os.environ.get(ENV_FFMPEG)
    if explicit:
        return explicit if shutil.which(explicit) else None
    on_path = shutil.which("ffmpeg")
    if on_path:
        return on_path
    try:
        import imageio_ffmpeg
    except ImportError:
        return None
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError:  # pragma: no cover - the package's binary is missing
        return None


@dataclass(frozen=True)
class FfmpegEncoder:
    """libmp3lame through an ffmpeg process, PCM piped in."""

    executable: str
    name: str = "ffmpeg"

    def encode(self, pcm: Pcm, dest: Path, *, bitrate_kbps: int) -> None:
        command = [
            self.executable, "-hide_banner", "-loglevel", "error", "-y",
            "-f", "s16le", "-ar", str(pcm.sample_rate), "-ac", str(pcm.channels), "-i", "pipe:0",
            "-codec:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k",
            "-map_metadata", "-1", "-id3v2_version", "0", "-write_id3v1", "0",
            "-f", "mp3", str(dest),
        ]  # fmt: skip
        try:
            result = subprocess.run(command, input=pcm.data, capture_output=True, check=False)
        except OSError as exc:
            raise AudioError(
                f"cannot run ffmpeg at {self.executable} ({exc}); {INSTALL_HINT}"
            ) from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise AudioError(
                f"ffmpeg failed to write {dest.name}: {detail[-1] if detail else result.returncode}"
            )


@dataclass(frozen=True)
class LameencEncoder:
    """LAME in-process through the ``lameenc`` package (no ffmpeg needed)."""

    name: str = "lameenc"
    quality: int = 2

    def encode(self, pcm: Pcm, dest: Path, *, bitrate_kbps: int) -> None:
        import lameenc

        encoder = lameenc.Encoder()
        encoder.set_bit_rate(bitrate_kbps)
        encoder.set_in_sample_rate(pcm.sample_rate)
        encoder.set_channels(pcm.channels)
        encoder.set_quality(self.quality)
        data = encoder.encode(pcm.data) + encoder.flush()
        dest.write_bytes(bytes(data))


def choose_encoder() -> Encoder:
    """The MP3 encoder to use, by BRIEFING_MP3_ENCODER and what is installed."""
    choice = os.environ.get(ENV_ENCODER, "auto").strip().lower() or "auto"
    if choice not in ENCODERS:
        raise AudioError(
            f"{ENV_ENCODER}={choice!r} is not valid; use one of: {', '.join(ENCODERS)}"
        )
    if choice in ("auto", "ffmpeg"):
        executable = find_ffmpeg()
        if executable:
            return FfmpegEncoder(executable)
        if choice == "ffmpeg":
            raise AudioError(f"ffmpeg not found; {INSTALL_HINT}")
    try:
        import lameenc  # noqa: F401
    except ImportError:
        raise AudioError(
            f"no MP3 encoder: neither ffmpeg nor lameenc is installed; {INSTALL_HINT}"
        ) from None
    return LameencEncoder()


@dataclass(frozen=True)
class Tags:
    """What the MP3's ID3 tag says."""

    title: str
    artist: str
    album: str
    date: str
    """ISO date, ``YYYY-MM-DD``."""
    comment: str = ""
    genre: str = "Podcast"
    language: str = "eng"
    """ISO 639-2 code."""
    chapters: Sequence[Chapter] = field(default_factory=tuple)
    """Written as ID3 CHAP frames under a CTOC table of contents."""


#: ISO 639-1 -> ISO 639-2 for the ID3 language fields (others become "und").
_ISO_639_2 = {
    "en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld",
    "pt": "por", "sv": "swe", "da": "dan", "no": "nor", "fi": "fin", "pl": "pol",
}  # fmt: skip


def id3_language(language: str) -> str:
    """ "en-GB" -> "eng"."""
    return _ISO_639_2.get(language.split("-")[0].lower(), "und")


def write_tags(path: Path, tags: Tags) -> None:
    """Write an ID3v2.3 tag (the version every player reads) to an MP3 file,
    with CHAP frames and a CTOC table of contents for the chapters."""
    from mutagen.id3 import (
        CHAP,
        COMM,
        CTOC,
        ID3,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TLAN,
        TPE1,
        TSSE,
        CTOCFlags,
    )

    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TCON(encoding=3, text=tags.genre))
    id3.add(TLAN(encoding=3, text=tags.language))
    id3.add(TSSE(encoding=3, text="briefing"))
    if tags.comment:
        id3.add(COMM(encoding=3, lang=tags.language, desc="", text=tags.comment))
    ids = [f"chp{index}" for index in range(len(tags.chapters))]
    for element_id, chapter in zip(ids, tags.chapters, strict=True):
        id3.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                start_offset=0xFFFFFFFF,  # "not used": players seek by time
                end_offset=0xFFFFFFFF,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    if ids:
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text="Chapters")],
            )
        )
    id3.save(str(path), v2_version=3)
    if ids:
        order_chapter_frames(path)


def order_chapter_frames(path: Path) -> None:
    """Put the CHAP frames of an ID3v2.3 tag in chronological order, in place.

    mutagen writes frames sorted by size, and players that ignore the CTOC
    (ffmpeg's and so VLC's, among others) list chapters in file order. The
    tag keeps its size, so only its frames are rewritten.
    """
    with path.open("r+b") as handle:
        header = handle.read(10)
        if header[:3] != b"ID3" or header[3] != 3 or header[5] & 0xC0:
            return  # not v2.3, or unsynchronised / with an extended header: leave it
        size = 0
        for byte in header[6:10]:
            size = (size << 7) | (byte & 0x7F)
        body = handle.read(size)
        frames: list[bytes] = []
        position = 0
        while position + 10 <= len(body) and body[position : position + 1] not in (b"\0", b""):
            length = int.from_bytes(body[position + 4 : position + 8], "big")
            frames.append(body[position : position + 10 + length])
            position += 10 + length
        chapters = [f for f in frames if f[:4] == b"CHAP"]

        def start_time(frame: bytes) -> int:
            data = frame[10:]
            end = data.index(b"\0") + 1
            return int.from_bytes(data[end : end + 4], "big")

        ordered = iter(sorted(chapters, key=start_time))
        rewritten = b"".join(next(ordered) if f[:4] == b"CHAP" else f for f in frames)
        if len(rewritten) != position:  # pragma: no cover - a parse went wrong: keep the tag
            return
        handle.seek(10)
        handle.write(rewritten)
