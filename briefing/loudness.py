"""Loudness to podcast spec: -16 LUFS integrated, true peak at most -1 dBTP.

Integrated loudness is measured with pyloudnorm (ITU-R BS.1770, gated); the
true peak by 4x oversampling. Raising speech to -16 LUFS by gain alone can
push its peaks over full scale, so a look-ahead peak limiter brings the true
peak under the ceiling, and the loudness is measured and corrected again.
The ceiling before encoding is lower than the spec's -1 dBTP because MP3
encoding adds a little overshoot.
"""

from __future__ import annotations

import logging
import math
import warnings

import numpy as np

log = logging.getLogger(__name__)

TARGET_LUFS = -16.0
"""Apple Podcasts' integrated loudness target."""
TRUE_PEAK_LIMIT_DBTP = -1.0
"""The spec's ceiling for the encoded file."""
CEILING_DBTP = -2.0
"""The ceiling before encoding (leaves room for the encoder's overshoot)."""
ENCODED_TARGET_LUFS = TARGET_LUFS + 0.3
"""What the PCM is normalised to: 64 kbit/s MP3 encoding (its low-pass takes away
energy the K-weighting counts) measured about 0.3 LU quieter by ffmpeg's ebur128."""
LOOKAHEAD_S = 0.005
OVERSAMPLE = 4


def to_float(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0


def to_pcm(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 32767 / 32768) * 32768.0).round().astype("<i2").tobytes()


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (-inf for silence or audio under 0.4 s)."""
    import pyloudnorm

    if len(samples) < int(0.4 * rate):
        return -math.inf
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyloudnorm warns on possible clipping
        return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


TAPS = 32
#: Below this (linear) no sample can have an inter-sample peak over the ceiling
#: (a 4x-oversampled peak exceeds its neighbouring samples by well under 4 dB).
_HEADROOM_DB = 4.0


def _phase_kernels() -> np.ndarray:
    """Windowed-sinc interpolators for the points 1/4, 2/4 and 3/4 past a sample."""
    taps = np.arange(TAPS) - (TAPS // 2 - 1)  # -15 .. 16
    kernels = []
    for phase in (0.25, 0.5, 0.75):
        t = taps - phase
        kernel = np.sinc(t) * np.hanning(TAPS + 2)[1:-1]
        kernels.append(kernel / kernel.sum())
    return np.array(kernels)


_KERNELS = _phase_kernels()


def _oversampled_peaks(samples: np.ndarray, floor_dbtp: float = CEILING_DBTP) -> np.ndarray:
    """Per sample, the largest magnitude of the 4x oversampled signal from it to the next.

    Only samples loud enough to matter (within 4 dB of ``floor_dbtp``) are
    interpolated; elsewhere the sample's own magnitude stands.
    """
    peaks = np.abs(samples)
    floor = 10 ** ((floor_dbtp - _HEADROOM_DB) / 20)
    loud = np.flatnonzero(peaks > floor)
    if not len(loud):
        return peaks
    candidates = np.unique(np.concatenate([loud, loud - 1]))
    candidates = candidates[candidates >= 0]
    padded = np.pad(samples, (TAPS, TAPS))
    offsets = np.arange(TAPS) - (TAPS // 2 - 1)
    windows = padded[candidates[:, None] + TAPS + offsets[None, :]]
    between = np.abs(windows @ _KERNELS.T).max(axis=1)
    peaks[candidates] = np.maximum(peaks[candidates], between)
    return peaks


def true_peak_dbtp(samples: np.ndarray) -> float:
    """The true peak in dBTP (4x oversampled)."""
    if not len(samples):
        return -math.inf
    sample_peak = float(np.abs(samples).max())
    floor = sample_peak * 10 ** (-_HEADROOM_DB / 20)
    peak = float(
        _oversampled_peaks(samples, 20 * math.log10(max(floor, 1e-12)) + _HEADROOM_DB).max()
    )
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def limit(samples: np.ndarray, rate: int, ceiling_dbtp: float = CEILING_DBTP) -> np.ndarray:
    """A look-ahead peak limiter: the gain falls smoothly before each peak that would
    pass the ceiling, and never lets one through. Only the stretches around such
    peaks are touched."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_dbtp / 20)
    peaks = _oversampled_peaks(samples, ceiling_dbtp)
    over = np.flatnonzero(peaks > ceiling)
    if not len(over):
        return samples
    window = max(1, int(LOOKAHEAD_S * rate))
    out = samples.copy()
    # Stretches of peaks closer than a few windows are limited together.
    breaks = np.flatnonzero(np.diff(over) > 4 * window)
    for first, last in zip(np.r_[0, breaks + 1], np.r_[breaks, len(over) - 1], strict=True):
        start = max(0, over[first] - 3 * window)
        stop = min(len(samples), over[last] + 3 * window + 1)
        needed = np.minimum(1.0, ceiling / np.maximum(peaks[start:stop], 1e-12))
        # The minimum over twice the window, then an average over the window: smooth,
        # and at every sample no higher than what that sample needs.
        gain = uniform_filter1d(minimum_filter1d(needed, size=2 * window + 1), size=window)
        out[start:stop] *= np.minimum(gain, needed)
    return out


def normalize(samples: np.ndarray, rate: int, target_lufs: float = TARGET_LUFS) -> np.ndarray:
    """Bring a whole track to ``target_lufs`` (within 0.15 LU) with its true peak under
    CEILING_DBTP: gain, limit, measure again, correct, limit again."""
    loudness = integrated_loudness(samples, rate)
    if not math.isfinite(loudness):
        return samples
    out = samples * 10 ** ((target_lufs - loudness) / 20)
    for _ in range(3):
        out = limit(out, rate)
        loudness = integrated_loudness(out, rate)
        if abs(loudness - target_lufs) <= 0.15:
            break
        out = out * 10 ** ((target_lufs - loudness) / 20)
    else:
        out = limit(out, rate)
    log.debug("loudness %.1f LUFS, true peak %.1f dBTP", loudness, true_peak_dbtp(out))
    return out
