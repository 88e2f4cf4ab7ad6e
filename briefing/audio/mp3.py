"""MP3 encoding, MP3 frames and ID3 tags.

Each block of the episode is encoded on its own by LAME in-process, through
the ``lameenc`` package (no ffmpeg needed), and the episode is the blocks'
MP3 frames one after the other under one ID3 tag. That is seamless: the
frames of a block never lean on another block's (LAME starts each stream
with an empty bit reservoir), every block starts and ends in silence, and a
decoder plays the joined frames back to back, 576 samples a frame at
22050 Hz, so where each block starts is known to the sample. A block decodes
to its samples after ``ENCODER_DELAY`` samples of silence that LAME puts first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AudioError
from ..models import Chapter

log = logging.getLogger(__name__)

INSTALL_HINT = "install the PyPI package: pip install lameenc"
QUALITY = 7
"""LAME's algorithm quality (0 best and slowest, 9 worst). 7 (no noise shaping)
encodes speech twice as fast as LAME's default 3 and scored no worse: PESQ-WB
4.14 against 4.04 for 3 and 3.88 for 2, on 460 s of espeak-ng speech at
64 kbit/s (``benchmarks/encoder_quality.py``)."""
ENCODER_DELAY = 1105
"""Samples of silence LAME puts before the audio of a stream (576 + 529)."""

# MPEG audio frame headers, layer III: bit rates (kbit/s) by version and index.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def frame_samples(sample_rate: int) -> int:
    """Samples in one layer III frame: 1152 for MPEG-1 rates, 576 below 32 kHz."""
    return 1152 if sample_rate >= 32000 else 576


def encode(pcm: bytes, *, sample_rate: int, bitrate_kbps: int, quality: int = QUALITY) -> bytes:
    """Mono 16-bit PCM as constant-bit-rate MP3 frames (no tag)."""
    try:
        import lameenc
    except ImportError:
        raise AudioError(f"no MP3 encoder: lameenc is not installed; {INSTALL_HINT}") from None
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate_kbps)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_out_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(quality)
    return bytes(encoder.encode(pcm) + encoder.flush())


def encoder_version() -> str:
    """The encoder, for cache keys: "lameenc 1.9.0" (without importing it)."""
    from ..versions import package_version

    return f"lameenc {package_version('lameenc')}"


@dataclass(frozen=True)
class Frame:
    """Where one MPEG layer III frame lies in a stream of frames."""

    offset: int
    """Its first byte."""
    length: int
    sample_rate: int
    reservoir: int
    """Its side information's main_data_begin: how many bytes of its audio data lie in
    the frames before it (0: it decodes on its own, a clean place to cut the stream)."""


def mpeg_frames(data: bytes) -> Iterator[Frame]:
    """The MPEG layer III frames of ``data`` (frames only, no tag), in order.

    Raises AudioError when the bytes are not whole frames.
    """
    position = 0
    while position < len(data):
        header = data[position : position + 4]
        if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
            raise AudioError(f"not an MP3 frame at byte {position}")
        version = (header[1] >> 3) & 3
        layer = (header[1] >> 1) & 3
        bitrate_index = header[2] >> 4
        rate_index = (header[2] >> 2) & 3
        if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
            raise AudioError(f"not a layer III frame at byte {position}")
        bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
        rate = _SAMPLE_RATES[version][rate_index]
        padding = (header[2] >> 1) & 1
        slots = 144 if version == 3 else 72
        length = slots * bitrate // rate + padding
        if position + length > len(data):
            raise AudioError("the MP3 data ends in the middle of a frame")
        side = position + 4 + (2 if header[1] & 1 == 0 else 0)  # after the CRC, if any
        # main_data_begin: 9 bits in MPEG-1, 8 in MPEG-2 and 2.5
        reservoir = (data[side] << 1) | (data[side + 1] >> 7) if version == 3 else data[side]
        yield Frame(position, length, rate, reservoir)
        position += length


def count_frames(data: bytes) -> int:
    """The number of MPEG layer III frames in ``data`` (frames only, no tag).

    Raises AudioError when the bytes are not whole frames, so a damaged block
    is never joined into an episode.
    """
    return sum(1 for _ in mpeg_frames(data))


def audio_start(data: bytes) -> int:
    """Where an MP3 file's frames start: after its ID3v2 tag, if it has one."""
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size + (10 if data[5] & 0x10 else 0)  # a footer, in ID3v2.4


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
    cover: bytes | None = None
    """The show's art as a JPEG, written as the front cover (APIC), so a file copied
    to a phone or a car's USB stick shows it."""


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
        APIC,
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
    if tags.cover:
        mime = "image/png" if tags.cover[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
        id3.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=tags.cover))
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


def write_mp3(dest: Path, tags: Tags, blocks: Iterable[bytes]) -> None:
    """Write an MP3 file: the ID3 tag, then each block's frames in turn (the
    audio is streamed to the file, never joined in memory)."""
    dest.write_bytes(b"")
    write_tags(dest, tags)
    with dest.open("ab") as handle:
        for block in blocks:
            handle.write(block)
