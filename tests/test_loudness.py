"""Loudness: the meter, the true-peak estimate, the limiter and normalisation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.signal import resample_poly

from briefing.audio import loudness

RATE = 22050


def _speechlike(seconds: float = 8.0, seed: int = 3) -> np.ndarray:
    """Bursts of harmonics with pauses: peaky like speech, not a steady tone."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    signal = sum(
        np.sin(2 * np.pi * f * t + rng.uniform(0, 6)) / k
        for k, f in enumerate((140, 280, 420, 1300, 2500), 1)
    )
    envelope = (np.sin(2 * np.pi * 2.3 * t) > 0.2) * (0.3 + rng.random(len(t)) * 0.05)
    return signal * envelope * 0.6


def _reference_true_peak(samples: np.ndarray) -> float:
    return 20 * math.log10(np.abs(resample_poly(samples, 4, 1)).max())


@pytest.mark.parametrize("rate", [16000, 22050, 44100, 48000])
def test_meter_agrees_with_pyloudnorm(rate):
    import pyloudnorm

    speech = resample_poly(_speechlike(), rate, RATE) if rate != RATE else _speechlike()
    ours = loudness.integrated_loudness(speech.astype(np.float32), rate)
    theirs = pyloudnorm.Meter(rate).integrated_loudness(speech)
    assert ours == pytest.approx(theirs, abs=0.01)


def test_true_peak_finds_inter_sample_peaks():
    n = np.arange(RATE)
    # A quarter-rate sine at 45 degrees: every sample sits at 0.354, the wave peaks at 0.5.
    sine = 0.5 * np.sin(2 * np.pi * n / 4 + np.pi / 4)
    assert 20 * math.log10(np.abs(sine).max()) == pytest.approx(-9.03, abs=0.01)
    assert loudness.true_peak_dbtp(sine) == pytest.approx(-6.02, abs=0.2)
    speech = _speechlike()
    assert loudness.true_peak_dbtp(speech) == pytest.approx(_reference_true_peak(speech), abs=0.1)


def test_limiter_holds_the_ceiling_and_touches_nothing_else():
    speech = (_speechlike() * 3).astype(np.float32)  # far over full scale
    limited = loudness.limit(speech, RATE, -2.0)
    assert _reference_true_peak(limited) <= -1.95
    quiet = _speechlike() * 0.1
    assert np.array_equal(loudness.limit(quiet, RATE, -2.0), quiet)


@pytest.mark.parametrize("scale", [0.01, 0.3, 2.5])
def test_normalize_reaches_the_target_under_the_ceiling(scale):
    out = loudness.normalize((_speechlike() * scale).astype(np.float32), RATE, -16.0)
    assert loudness.integrated_loudness(out, RATE) == pytest.approx(-16.0, abs=0.2)
    assert _reference_true_peak(out) <= loudness.CEILING_DBTP + 0.05


@pytest.mark.parametrize("raise_db", [6.0, 12.0, 20.0])
def test_a_limited_clip_is_measured_by_its_gain_on_the_weighted_signal(raise_db):
    """What levelling relies on to K-weight a clip once: the limiter's slowly moving gain
    applied to the weighted signal measures as the limited clip does."""
    speech = _speechlike().astype(np.float32)  # peaks at -7 dBFS
    gain = np.float32(10 ** (raise_db / 20))
    limited, applied = loudness.limiting(speech * gain, RATE)
    assert applied is not None
    assert np.allclose(speech * gain * applied, limited, rtol=1e-6, atol=0)
    estimate = loudness.weighted_loudness(loudness.k_weighted(speech, RATE), RATE, applied * gain)
    assert estimate == pytest.approx(loudness.integrated_loudness(limited, RATE), abs=0.01)
    unlimited, none = loudness.limiting(speech, RATE)
    assert none is None and unlimited is speech


def test_silence_and_tiny_clips_are_left_alone():
    silence = np.zeros(RATE * 2)
    assert np.array_equal(loudness.normalize(silence, RATE), silence)
    assert loudness.integrated_loudness(np.ones(100) * 0.1, RATE) == -math.inf


def test_pcm_round_trip():
    samples = np.array([0.0, 0.5, -0.5, 1.5, -1.5], dtype=np.float32)
    back = loudness.to_float(loudness.to_pcm(samples))
    assert back[:3] == pytest.approx([0.0, 0.5, -0.5], abs=1e-4)
    assert back[3] <= 1.0 and back[4] >= -1.0  # clipped, never wrapped around
