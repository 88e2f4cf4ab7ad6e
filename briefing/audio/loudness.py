"""Loudness to podcast spec: -16 LUFS integrated, true peak at most -1 dBTP.

Integrated loudness follows ITU-R BS.1770-4: K-weighting (a high shelf and a
high pass, the RBJ biquads pyloudnorm also uses), 400 ms blocks with 75%
overlap, the absolute (-70 LUFS) and relative (-10 LU) gates. The filters are
applied as their impulse response (4,096 taps, by when the biquads' response
has decayed by e^-40: the same filter to float precision) by FFT convolution in
single precision, in chunks, with numpy alone (scipy.signal alone cost 0.8 s and
100 MB to import).

Raising speech to -16 LUFS by gain alone pushes peaks over full scale, so a
look-ahead peak limiter holds the true peak (4x oversampled) under a ceiling,
and the loudness is measured and corrected again. The ceiling before
encoding is lower than the spec's -1 dBTP, for the encoder's overshoot.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Iterator

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..render.layout import (  # noqa: F401 - the loudness spec, kept in the light layout module
    CEILING_DBTP,
    ENCODED_TARGET_LUFS,
    TARGET_LUFS,
    TRUE_PEAK_LIMIT_DBTP,
)

log = logging.getLogger(__name__)

LOOKAHEAD_S = 0.005
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0


def to_float(pcm: bytes) -> np.ndarray:
    """16-bit PCM as float32 samples in [-1, 1)."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    samples *= 1 / 32768
    return samples


def to_pcm(samples: np.ndarray) -> bytes:
    scaled = np.clip(samples, -1.0, 32767 / 32768) * 32768.0
    return np.rint(scaled).astype("<i2").tobytes()


# -- the meter ------------------------------------------------------------------------


def _biquad(
    kind: str, gain_db: float, q: float, fc: float, rate: int
) -> tuple[list[float], list[float]]:
    """RBJ cookbook coefficients (b, a), normalised so a[0] == 1."""
    a_gain = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * fc / rate
    alpha = math.sin(w0) / (2 * q)
    cos = math.cos(w0)
    if kind == "high_shelf":
        root = 2 * math.sqrt(a_gain) * alpha
        b = [a_gain * ((a_gain + 1) + (a_gain - 1) * cos + root),
             -2 * a_gain * ((a_gain - 1) + (a_gain + 1) * cos),
             a_gain * ((a_gain + 1) + (a_gain - 1) * cos - root)]  # fmt: skip
        a = [(a_gain + 1) - (a_gain - 1) * cos + root,
             2 * ((a_gain - 1) - (a_gain + 1) * cos),
             (a_gain + 1) - (a_gain - 1) * cos - root]  # fmt: skip
    else:  # high_pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        a = [1 + alpha, -2 * cos, 1 - alpha]
    return [x / a[0] for x in b], [x / a[0] for x in a]


@functools.cache
def k_weighting(rate: int, taps: int = 4096) -> np.ndarray:
    """The impulse response of BS.1770's K-weighting at ``rate`` (it has died out
    long before ``taps``: the 38 Hz high pass decays by e^-40 within 4096 samples
    at 22050 Hz)."""
    response = [1.0] + [0.0] * (taps - 1)
    for kind, gain, q, fc in (("high_shelf", 4.0, 1 / math.sqrt(2), 1500.0),
                              ("high_pass", 0.0, 0.5, 38.0)):  # fmt: skip
        b, a = _biquad(kind, gain, q, fc, rate)
        x1 = x2 = y1 = y2 = 0.0
        out = []
        for x in response:
            y = b[0] * x + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2
            out.append(y)
            x2, x1, y2, y1 = x1, x, y1, y
        response = out
    return np.array(response)


@functools.lru_cache(maxsize=32)
def _k_spectrum(rate: int, size: int) -> np.ndarray:
    # complex64: with float32 samples the whole convolution stays in single precision (numpy's
    # pocketfft computes float32 transforms natively, at about half the cost of float64).
    return np.fft.rfft(k_weighting(rate).astype(np.float32), size)


def _k_weighted_chunks(samples: np.ndarray, rate: int, sub: int) -> Iterator[np.ndarray]:
    """The K-weighted signal of the whole ``sub``-sample blocks, a chunk at a time
    (overlap-save FFT convolution; chunks end on block edges)."""
    taps = len(k_weighting(rate))
    # 2^16-point FFTs: three times faster per sample than 2^18 here (cache-sized), and
    # short clips get smaller ones still.
    size = min(1 << 16, 1 << (len(samples) + taps - 1).bit_length())
    step = (size - taps + 1) // sub * sub
    spectrum = _k_spectrum(rate, size)
    usable = len(samples) // sub * sub
    for start in range(0, usable, step):
        stop = min(start + step, usable)
        chunk = samples[max(0, start - taps + 1) : stop]
        if start < taps - 1:
            chunk = np.concatenate([np.zeros(taps - 1 - start, dtype=samples.dtype), chunk])
        yield np.fft.irfft(np.fft.rfft(chunk, size) * spectrum, size)[taps - 1 : len(chunk)]


def _sub_block_energy(samples: np.ndarray, rate: int, sub: int) -> np.ndarray:
    """Sum of squares of the K-weighted signal in each ``sub``-sample block (only the
    sums are kept, a chunk at a time)."""
    sums = [(c**2).reshape(-1, sub).sum(axis=1) for c in _k_weighted_chunks(samples, rate, sub)]
    return np.concatenate(sums) if sums else np.zeros(0)


def _sub_block(rate: int) -> int:
    return round(rate * 0.1)


def k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """The K-weighted signal of ``samples`` (its whole 100 ms blocks: what the meter
    hears), for ``weighted_loudness``."""
    chunks = list(_k_weighted_chunks(samples, rate, _sub_block(rate)))
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=samples.dtype)


def weighted_loudness(weighted: np.ndarray, rate: int, gain: np.ndarray | None = None) -> float:
    """Integrated loudness from a K-weighted signal (``k_weighted``), each sample times
    ``gain`` when given (a gain that changes slowly, as a limiter's does, commutes with
    the filter: that is how levelling measures a clip once, see ``mix.level``)."""
    sub = _sub_block(rate)
    if gain is not None:
        weighted = weighted * gain[: len(weighted)]
    return _gated((weighted**2).reshape(-1, sub).sum(axis=1), sub)


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (BS.1770-4, mono); -inf for silence or under 0.4 s."""
    sub = _sub_block(rate)
    return _gated(_sub_block_energy(samples, rate, sub), sub)


def _gated(energy: np.ndarray, sub: int) -> float:
    """BS.1770's gated mean of 400 ms blocks (75% overlap) from 100 ms blocks' energy."""
    if len(energy) < 4:
        return -math.inf
    blocks = np.convolve(energy, np.ones(4), mode="valid") / (4 * sub)  # 400 ms, 75% overlap
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(blocks)
    gated = blocks[loudness >= ABSOLUTE_GATE_LUFS]
    if not len(gated):
        return -math.inf
    relative = -0.691 + 10 * math.log10(gated.mean()) + RELATIVE_GATE_LU
    kept = blocks[(loudness >= ABSOLUTE_GATE_LUFS) & (loudness > relative)]
    return -0.691 + 10 * math.log10(kept.mean()) if len(kept) else -math.inf


# -- true peak and the limiter ----------------------------------------------------------

TAPS = 32
#: Below this distance to the ceiling no sample can have an inter-sample peak over it
#: (a 4x-oversampled peak exceeds the samples around it by well under 4 dB).
_HEADROOM_DB = 4.0


def _phase_kernels() -> np.ndarray:
    """Windowed-sinc interpolators for the points 1/4, 2/4 and 3/4 past a sample."""
    taps = np.arange(TAPS) - (TAPS // 2 - 1)  # -15 .. 16
    kernels = []
    for phase in (0.25, 0.5, 0.75):
        kernel = np.sinc(taps - phase) * np.hanning(TAPS + 2)[1:-1]
        kernels.append(kernel / kernel.sum())
    return np.array(kernels)


_KERNELS = _phase_kernels()


def _oversampled_peaks(
    samples: np.ndarray, floor_dbtp: float = CEILING_DBTP, where: np.ndarray | None = None
) -> np.ndarray:
    """Per sample, the largest magnitude of the 4x oversampled signal from it to the next.

    Only samples loud enough to matter (within 4 dB of ``floor_dbtp``) and the
    samples before them are interpolated, and only ``where`` is True when given;
    elsewhere a sample's own magnitude stands. (Local maxima alone are not
    enough: band-limited overshoot next to a steep edge lets a limited signal
    through 0.5 dB over its ceiling.)
    """
    peaks = np.abs(samples)
    floor = 10 ** ((floor_dbtp - _HEADROOM_DB) / 20)
    loud = peaks > floor
    if where is not None:
        loud &= where
    if not loud.any():
        return peaks
    loud[:-1] |= loud[1:]  # and the sample before each: a peak may sit just before it
    candidates = np.flatnonzero(loud)
    # Row j of the windows is padded[j : j + TAPS]; the sample at i sits at i + TAPS.
    windows = sliding_window_view(np.pad(samples, (TAPS, TAPS)), TAPS)
    first = TAPS - (TAPS // 2 - 1)  # the window of sample i starts TAPS/2 - 1 before it
    kernels = _KERNELS.T.astype(samples.dtype)
    for start in range(0, len(candidates), 65536):  # bounded memory: 65536 x 32 at a time
        chunk = candidates[start : start + 65536]
        between = np.abs(windows[chunk + first] @ kernels)
        # The largest of the three phases, column by column: the same values as
        # ``.max(axis=1)``, which reduces rows of three at a tenth of the speed.
        largest = np.maximum(np.maximum(between[:, 0], between[:, 1]), between[:, 2])
        peaks[chunk] = np.maximum(peaks[chunk], largest)
    return peaks


def true_peak_dbtp(samples: np.ndarray) -> float:
    """The true peak in dBTP (4x oversampled)."""
    if not len(samples):
        return -math.inf
    sample_peak = float(np.abs(samples).max())
    if sample_peak == 0:
        return -math.inf
    peak = float(_oversampled_peaks(samples, 20 * math.log10(sample_peak)).max())
    return 20 * math.log10(peak)


def _pad_ones(values: np.ndarray, size: int) -> np.ndarray:
    """``values`` with ``size // 2`` ones before and ``size - 1 - size // 2`` after (what
    ``np.pad(..., constant_values=1.0)`` gives, at a tenth of its cost: the limiter pads
    thousands of short stretches a block)."""
    half = size // 2
    ones = np.ones(size - 1, dtype=values.dtype)
    return np.concatenate([ones[:half], values, ones[half:]])


def _sliding_min(values: np.ndarray, size: int) -> np.ndarray:
    """Minimum over a centred window of ``size``, the edges padded with 1: minima
    over spans doubling in length (log2(size) passes over the array), then the
    minimum of two overlapping spans."""
    padded = _pad_ones(values, size)
    minima, span = padded, 1
    while span * 2 <= size:
        minima = np.minimum(minima[:-span], minima[span:])  # min over padded[i : i + 2 span]
        span *= 2
    n = len(values)
    return np.minimum(minima[:n], minima[size - span : size - span + n])


def _moving_average(values: np.ndarray, size: int) -> np.ndarray:
    """Average over a centred window of ``size``, the edges padded with 1."""
    padded = _pad_ones(values, size)
    sums = np.cumsum(np.concatenate([[0.0], padded]), dtype=np.float64)
    return ((sums[size:] - sums[:-size]) / size).astype(values.dtype)


def limit(samples: np.ndarray, rate: int, ceiling_dbtp: float = CEILING_DBTP) -> np.ndarray:
    """A look-ahead peak limiter: the gain falls smoothly before each peak that would
    pass the ceiling; only the stretches around such peaks are touched. A gain that
    changes from sample to sample moves the peaks between samples a little, so it
    aims 0.2 dB under the ceiling, and the result is checked (and limited again if
    need be) until no true peak passes the ceiling."""
    return limiting(samples, rate, ceiling_dbtp)[0]


def limiting(
    samples: np.ndarray, rate: int, ceiling_dbtp: float = CEILING_DBTP
) -> tuple[np.ndarray, np.ndarray | None]:
    """``limit``, and the gain it applied to each sample (None, and ``samples``
    itself, when no peak passed the ceiling)."""
    ceiling = 10 ** (ceiling_dbtp / 20)
    aim = np.float32(10 ** ((ceiling_dbtp - 0.2) / 20))
    window = max(1, int(LOOKAHEAD_S * rate))
    out = samples
    changed = None  # after the first pass, only what the limiter touched is checked again
    applied = None
    for _ in range(4):
        peaks = _oversampled_peaks(out, ceiling_dbtp, changed)
        over = np.flatnonzero(peaks > ceiling)
        if not len(over):
            break
        if applied is None:
            out, applied = out.copy(), np.ones(len(out), dtype=out.dtype)
        changed = np.zeros(len(out), dtype=bool)
        # Stretches around peaks less than 50 windows apart are limited together.
        breaks = np.flatnonzero(np.diff(over) > 50 * window)
        for first, last in zip(np.r_[0, breaks + 1], np.r_[breaks, len(over) - 1], strict=True):
            start = max(0, over[first] - 3 * window)
            stop = min(len(out), over[last] + 3 * window + 1)
            needed = np.minimum(np.float32(1.0), aim / np.maximum(peaks[start:stop], 1e-12))
            # The minimum over twice the window, then an average over the window:
            # smooth, and at every sample no higher than what that sample needs.
            gain = _moving_average(_sliding_min(needed, 2 * window + 1), window)
            stretch = np.minimum(gain, needed).astype(out.dtype)
            out[start:stop] *= stretch
            applied[start:stop] *= stretch
            # The interpolation reaches TAPS samples either side of what changed.
            changed[max(0, start - TAPS) : stop + TAPS] = True
    return out, applied


def normalize(samples: np.ndarray, rate: int, target_lufs: float = TARGET_LUFS) -> np.ndarray:
    """Bring a whole track to ``target_lufs`` with its true peak under CEILING_DBTP:
    gain, limit, measure again, then correct and limit once more if the limiter
    took more than 0.15 LU away (the second limiting takes little: measured 0.1 LU)."""
    loudness = integrated_loudness(samples, rate)
    if not math.isfinite(loudness):
        return samples
    out = limit(samples * np.float32(10 ** ((target_lufs - loudness) / 20)), rate)
    loudness = integrated_loudness(out, rate)
    if abs(loudness - target_lufs) > 0.15:  # limiting took some loudness away: give it back
        out = limit(out * np.float32(10 ** ((target_lufs - loudness) / 20)), rate)
    log.debug("loudness %.1f LUFS, true peak %.1f dBTP", loudness, true_peak_dbtp(out))
    return out
