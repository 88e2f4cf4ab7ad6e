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

    from briefing.mix import resample

    source = _voiced(1.0, 220.0)
    audio = AudioSegment(source.tobytes(), sample_width=2, frame_rate=RATE, channels=1)
    converted = resample(audio, 22050)
    samples = np.frombuffer(converted.raw_data, dtype=np.int16)
    assert converted.frame_rate == 22050 and len(samples) == 22050
    spectrum = np.abs(np.fft.rfft(samples.astype(float) * np.hanning(len(samples))))
    assert np.argmax(spectrum) * 22050 / len(samples) == pytest.approx(220, rel=0.01)
