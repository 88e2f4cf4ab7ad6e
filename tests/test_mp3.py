"""MP3 encoders (ffmpeg and lameenc) and ID3 tags, checked by decoding the files."""

from __future__ import annotations

import math

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from briefing import mp3
from briefing.errors import AudioError

from .conftest import decode_mp3, ffmpeg_exe, rms


def _pcm(seconds: float = 2.0, rate: int = 22050) -> mp3.Pcm:
    import array

    n = int(seconds * rate)
    samples = array.array(
        "h", (int(8000 * math.sin(2 * math.pi * 440 * k / rate)) for k in range(n))
    )
    return mp3.Pcm(samples.tobytes(), rate)


@pytest.mark.parametrize("encoder", ["ffmpeg", "lameenc"])
@pytest.mark.parametrize("bitrate", [64, 96])
def test_encoders_write_real_mp3(tmp_path, encoder, bitrate):
    chosen = mp3.FfmpegEncoder(ffmpeg_exe()) if encoder == "ffmpeg" else mp3.LameencEncoder()
    path = tmp_path / "x.mp3"
    chosen.encode(_pcm(), path, bitrate_kbps=bitrate)
    info = MP3(str(path)).info
    assert info.sample_rate == 22050 and info.channels == 1
    assert abs(info.bitrate - bitrate * 1000) < 500
    assert abs(info.length - 2.0) < 0.15
    samples = decode_mp3(path)
    assert abs(len(samples) / 22050 - 2.0) < 0.15
    assert rms(samples) > 3000  # a 8000-amplitude sine has RMS ~5657


def test_tags_round_trip(tmp_path):
    path = tmp_path / "x.mp3"
    mp3.LameencEncoder().encode(_pcm(1.0), path, bitrate_kbps=64)
    tags = mp3.Tags(
        title="Show: Wednesday, November 25, 2026",
        artist="briefing",
        album="Show",
        date="2026-11-25",
        comment="Stories: A; B & <C>",
    )
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


def test_choose_encoder(monkeypatch):
    monkeypatch.setenv("BRIEFING_MP3_ENCODER", "lameenc")
    assert mp3.choose_encoder().name == "lameenc"
    monkeypatch.setenv("BRIEFING_MP3_ENCODER", "ffmpeg")
    monkeypatch.setenv("BRIEFING_FFMPEG", ffmpeg_exe())
    assert mp3.choose_encoder().name == "ffmpeg"
    monkeypatch.setenv("BRIEFING_MP3_ENCODER", "wav")
    with pytest.raises(AudioError, match="BRIEFING_MP3_ENCODER='wav' is not valid"):
        mp3.choose_encoder()


def test_no_ffmpeg_anywhere_falls_back_to_lameenc_or_says_what_to_install(monkeypatch):
    monkeypatch.setenv("BRIEFING_FFMPEG", "/nonexistent/ffmpeg")
    monkeypatch.delenv("BRIEFING_MP3_ENCODER", raising=False)
    assert mp3.choose_encoder().name == "lameenc"
    monkeypatch.setenv("BRIEFING_MP3_ENCODER", "ffmpeg")
    with pytest.raises(AudioError, match="apt-get install ffmpeg"):
        mp3.choose_encoder()


def test_ffmpeg_failure_is_one_line(tmp_path):
    with pytest.raises(AudioError) as info:
        mp3.FfmpegEncoder(ffmpeg_exe()).encode(
            _pcm(0.5), tmp_path / "no-such-dir" / "x.mp3", bitrate_kbps=64
        )
    assert "ffmpeg failed" in str(info.value)
    assert "\n" not in str(info.value)
