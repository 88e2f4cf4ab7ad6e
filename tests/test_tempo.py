"""Time compression (TDHS, or pydub where it cannot load) and resampling: length and pitch."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.tts import tempo

RATE = 24000


def _voiced(seconds: float = 2.0, pitch_hz: float = 180.0) -> np.ndarray:
    """A buzz with a pitch and a syllable-like envelope, as 16-bit samples."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = sum(np.sin(2 * np.pi * pitch_hz * k * t) / k for k in range(1, 6))
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 4 * t)
    return (tone * envelope * 6000).astype(np.int16)


def _pitch(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(float) * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * RATE / len(samples))


@pytest.mark.parametrize("route", ["tdhs", "pydub"])
@pytest.mark.parametrize("factor", [1.3, 1.8, 2.4])
def test_compression_shortens_and_keeps_the_pitch(monkeypatch, route, factor):
    if route == "pydub":
        monkeypatch.setattr(tempo, "_tdhs", lambda: None)
    elif tempo._tdhs() is None:
        pytest.skip("audiostretchy has no library for this machine")
    source = _voiced()
    faster = tempo.compress(source, RATE, factor)
    assert faster.dtype == np.int16
    assert len(faster) == pytest.approx(len(source) / factor, rel=0.06)
    assert _pitch(faster) == pytest.approx(_pitch(source), rel=0.05)


def test_no_compression_at_one():
    source = _voiced(0.5)
    assert tempo.compress(source, RATE, 1.0) is not None
    assert np.array_equal(tempo.compress(source, RATE, 1.0), source)


def test_identity_names_the_compressor(monkeypatch):
    assert tempo.identity().startswith(("tdhs audiostretchy ", "pydub "))
    monkeypatch.setattr(tempo, "_tdhs_expected", lambda: False)
    assert tempo.identity().startswith("pydub ")


def test_resampling_keeps_length_and_pitch():
    from pydub import AudioSegment

    from briefing.audio.mix import resample

    source = _voiced(1.0, 220.0)
    audio = AudioSegment(source.tobytes(), sample_width=2, frame_rate=RATE, channels=1)
    converted = resample(audio, 22050)
    samples = np.frombuffer(converted.raw_data, dtype=np.int16)
    assert converted.frame_rate == 22050 and len(samples) == 22050
    spectrum = np.abs(np.fft.rfft(samples.astype(float) * np.hanning(len(samples))))
    assert np.argmax(spectrum) * 22050 / len(samples) == pytest.approx(220, rel=0.01)


@pytest.mark.parametrize("dtype", [np.int16, np.float32])
@pytest.mark.parametrize(
    ("before_ms", "after_ms", "tail_s", "expected_ms"),
    [
        (270, 300, 0.06, 15 + 500 + 60),  # both edges cut to the margins
        (30, 300, None, 15 + 500 + 300),  # the tail kept as it is (piper)
        (5, 10, 0.06, 5 + 500 + 10),  # less silence than the margins: nothing cut
    ],
)
def test_trim_silence(dtype, before_ms, after_ms, tail_s, expected_ms):
    sound = _voiced(0.5).astype(np.float32) / (1 if dtype == np.int16 else 32768)
    quiet = np.zeros(int(before_ms * RATE / 1000), np.float32)
    after = np.zeros(int(after_ms * RATE / 1000), np.float32)
    samples = np.concatenate([quiet, sound, after]).astype(dtype)
    trimmed = tempo.trim_silence(samples, RATE, tail_s=tail_s)
    assert trimmed.dtype == dtype
    assert len(trimmed) * 1000 / RATE == pytest.approx(expected_ms, abs=2)
    assert abs(float(trimmed[0])) < 1e-3 * float(np.abs(samples).max())  # faded in


def test_trim_silence_of_nothing_is_empty():
    assert len(tempo.trim_silence(np.zeros(2400, np.int16), RATE)) == 0
    assert len(tempo.trim_silence(np.zeros(0, np.float32), RATE)) == 0
