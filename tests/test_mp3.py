"""MP3 blocks (lameenc), frame counting, seamless joins and ID3 tags, checked by decoding."""

from __future__ import annotations

import math

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from briefing.audio import mp3
from briefing.errors import AudioError
from briefing.models import Chapter, SegmentKind

from .helpers import decode_mp3, rms, window_rms

RATE = 22050


def _tone(seconds: float, amplitude: int = 8000, frequency: float = 440.0) -> bytes:
    import array

    n = int(seconds * RATE)
    return array.array(
        "h", (int(amplitude * math.sin(2 * math.pi * frequency * k / RATE)) for k in range(n))
    ).tobytes()


def _silence(seconds: float) -> bytes:
    return b"\x00\x00" * int(seconds * RATE)


@pytest.mark.parametrize("bitrate", [48, 64, 96])
def test_encode_writes_real_mp3(tmp_path, bitrate):
    data = mp3.encode(_tone(2.0), sample_rate=RATE, bitrate_kbps=bitrate)
    path = tmp_path / "x.mp3"
    path.write_bytes(data)
    info = MP3(str(path)).info
    assert info.sample_rate == RATE and info.channels == 1
    assert abs(info.bitrate - bitrate * 1000) < 500
    samples = decode_mp3(path)
    # A decoder plays every frame: 576 samples each, the encoder's delay included.
    assert len(samples) == mp3.count_frames(data) * mp3.frame_samples(RATE)
    assert abs(len(samples) / RATE - 2.0) < 0.15
    assert rms(samples) > 3000  # a 8000-amplitude sine has RMS ~5657


def test_encoder_delay_is_where_the_audio_starts(tmp_path):
    data = mp3.encode(_silence(0.5) + _tone(0.5, 16000), sample_rate=RATE, bitrate_kbps=64)
    path = tmp_path / "x.mp3"
    path.write_bytes(data)
    samples = decode_mp3(path)
    onset = next(i for i, s in enumerate(samples) if abs(s) > 2000)
    assert abs(onset - (mp3.ENCODER_DELAY + RATE // 2)) < 30


def test_blocks_join_seamlessly_and_on_time(tmp_path):
    """Blocks encoded one by one and joined frame by frame decode back to back:
    each block's audio where the frame count says, silence (no click) at the joins."""
    blocks = [
        mp3.encode(
            _silence(0.3) + _tone(1.0 + 0.2 * i, frequency=300 + 150 * i) + _silence(0.3),
            sample_rate=RATE,
            bitrate_kbps=64,
        )
        for i in range(3)
    ]
    path = tmp_path / "joined.mp3"
    path.write_bytes(b"".join(blocks))
    samples = decode_mp3(path)
    frame = mp3.frame_samples(RATE)
    starts = [0]
    for block in blocks[:-1]:
        starts.append(starts[-1] + mp3.count_frames(block) * frame)
    assert len(samples) == starts[-1] + mp3.count_frames(blocks[-1]) * frame
    for i, start in enumerate(starts):
        tone_at = (start + mp3.ENCODER_DELAY) / RATE + 0.3
        assert window_rms(samples, RATE, tone_at + 0.02, 0.9) > 4000, i
        assert window_rms(samples, RATE, tone_at - 0.25, 0.2) < 30, i  # silence before it
        if i:  # around the join itself: silence, no click from the frames meeting
            assert max(abs(s) for s in samples[start - 600 : start + 600]) < 100, i


def test_count_frames_refuses_what_is_not_whole_frames():
    data = mp3.encode(_tone(0.5), sample_rate=RATE, bitrate_kbps=64)
    assert mp3.count_frames(data) > 10
    with pytest.raises(AudioError, match="ends in the middle of a frame"):
        mp3.count_frames(data[:-10])
    with pytest.raises(AudioError, match="not an MP3 frame at byte 0"):
        mp3.count_frames(b"ID3" + data)
    assert mp3.count_frames(b"") == 0


def test_encoder_version_is_told_without_importing():
    assert mp3.encoder_version().startswith("lameenc 1.")


def _tags(**extra) -> mp3.Tags:
    return mp3.Tags(
        title="Show: Wednesday, November 25, 2026",
        artist="briefing",
        album="Show",
        date="2026-11-25",
        comment="Stories: A; B & <C>",
        **extra,
    )


def test_tags_round_trip(tmp_path):
    path = tmp_path / "x.mp3"
    path.write_bytes(mp3.encode(_tone(1.0), sample_rate=RATE, bitrate_kbps=64))
    tags = _tags()
    mp3.write_tags(path, tags)
    id3 = ID3(str(path))
    assert id3.version[:2] == (2, 3)
    assert str(id3["TIT2"]) == tags.title
    assert str(id3["TPE1"]) == "briefing"
    assert str(id3["TALB"]) == "Show"
    assert str(id3.getall("TDRC")[0]).startswith("2026")
    assert id3.getall("COMM")[0].text[0] == "Stories: A; B & <C>"
    # Still a playable MP3 of the right length.
    assert abs(MP3(str(path)).info.length - 1.0) < 0.15


def test_write_mp3_puts_the_tag_then_the_blocks(tmp_path):
    blocks = [mp3.encode(_tone(0.6), sample_rate=RATE, bitrate_kbps=64) for _ in range(3)]
    chapters = tuple(
        Chapter(f"Part {i}", SegmentKind.STORY, i * 700, (i + 1) * 700) for i in range(3)
    )
    path = tmp_path / "x.mp3"
    mp3.write_mp3(path, _tags(chapters=chapters), blocks)
    id3 = ID3(str(path))
    chaps = sorted(id3.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, c.end_time) for c in chaps] == [(0, 700), (700, 1400), (1400, 2100)]
    assert path.read_bytes().endswith(b"".join(blocks))
    samples = decode_mp3(path)
    assert len(samples) == sum(mp3.count_frames(b) for b in blocks) * mp3.frame_samples(RATE)
