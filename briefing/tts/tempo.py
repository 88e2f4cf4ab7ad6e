"""Shaping a neural voice's samples: silence trimmed from a sentence's edges, and
faster speech with the same pitch for rates past an engine's own.

Neural voices put a varying stretch of silence around each sentence (hibari
about 320 ms before and 460 ms after; piper 30-270 ms before, at random): it
is trimmed so that a sentence's mark, and a chapter that starts with it, fall
on its first sound.

Neural voices stop speeding up (or mumble) well before the 300-450 words a
minute that practised listeners use; their speech is made at a rate they
handle and then compressed in time. Time-domain harmonic scaling (TDHS,
David Bryant's audio-stretch library through the ``audiostretchy`` package)
removes whole pitch periods, so the voice keeps its pitch and its formants.
Measured with Whisper tiny.en on hibari at 450 wpm: word error 0.10-0.14
with TDHS, 0.17-0.18 with WSOLA, 0.25-0.28 with pydub's chunk-and-crossfade
``speedup``. Where audiostretchy's library does not load (it ships x86-64
binaries only), pydub's ``speedup`` is used and the cache key says so.
"""

from __future__ import annotations

import logging
import platform
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

#: The pitch range TDHS looks for periods in (audiostretchy's defaults): 55-333 Hz.
LOWEST_HZ, HIGHEST_HZ = 55, 333


def _tdhs_expected() -> bool:
    """Whether audiostretchy is installed with a library for this machine (told
    without loading it, for cache keys)."""
    from ..versions import module_spec

    if module_spec("audiostretchy") is None:
        return False
    system, machine = platform.system(), platform.machine().lower()
    if system == "Linux":
        return machine in ("x86_64", "amd64")
    return system in ("Darwin", "Windows")


def identity() -> str:
    """Which time compressor this machine uses, for cache keys."""
    from ..versions import package_version

    if _tdhs_expected():
        return f"tdhs audiostretchy {package_version('audiostretchy')}"
    return f"pydub {package_version('pydub')}"


_stretcher: object | None = None


def _tdhs() -> Any:
    """audiostretchy's TDHS class, or None when it cannot be loaded here."""
    global _stretcher
    if _stretcher is None:
        _stretcher = False
        if _tdhs_expected():
            try:
                from audiostretchy.interface.tdhs import TDHSAudioStretch
            except (ImportError, OSError, NotImplementedError) as exc:
                log.warning("time compression falls back to pydub: audiostretchy: %s", exc)
            else:
                _stretcher = TDHSAudioStretch
    return _stretcher or None


def trim_silence(
    samples: np.ndarray,
    rate: int,
    *,
    lead_s: float = 0.015,
    tail_s: float | None = 0.06,
    floor: float = 0.012,
) -> np.ndarray:
    """``samples`` (float or 16-bit) without the silence before their first sound and
    after their last, keeping ``lead_s`` and ``tail_s`` (``None``: the tail as it is);
    under ``floor`` of the peak is silence. The edges fade over 5 ms so a cut never
    clicks. Nothing audible: an empty array."""
    import numpy as np

    level = np.abs(samples.astype(np.float32))
    peak = float(level.max()) if len(level) else 0.0
    full_scale = 32767.0 if samples.dtype == np.int16 else 1.0
    if peak < 1e-4 * full_scale:
        return samples[:0].copy()
    loud = np.flatnonzero(level > floor * peak)
    first = max(0, int(loud[0]) - int(lead_s * rate))
    last = len(samples) if tail_s is None else min(len(samples), int(loud[-1]) + int(tail_s * rate))
    clip = samples[first:last].astype(np.float32)
    fade = min(len(clip) // 2, rate // 200)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        clip[:fade] *= ramp
        clip[-fade:] *= ramp[::-1]
    return clip.astype(samples.dtype)


def compress(samples: np.ndarray, rate: int, factor: float) -> np.ndarray:
    """16-bit mono ``samples`` played ``factor`` times faster (1.0 to 4.0), pitch kept."""
    import numpy as np

    samples = np.ascontiguousarray(samples, dtype=np.int16)
    if factor <= 1.001 or len(samples) < rate // 20:
        return samples
    factor = min(factor, 4.0)
    stretcher = _tdhs()
    if stretcher is not None:
        ratio = 1.0 / factor
        # Up to 2x, the fast period search: four times quicker (600x real time), and
        # Whisper heard no difference at 200-300 wpm; past 2x, dual mode, fully searched.
        flags = stretcher.STRETCH_DUAL_FLAG if ratio < 0.5 else stretcher.STRETCH_FAST_FLAG
        context = stretcher(rate // HIGHEST_HZ, rate // LOWEST_HZ, 1, flags)
        try:
            out = np.zeros(context.output_capacity(len(samples), ratio), dtype=np.int16)
            count = context.process_samples(samples, len(samples), out, ratio)
            count += context.flush(out[count:])
        finally:
            context.deinit()
        return out[:count].copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pydub import AudioSegment
        from pydub.effects import speedup

    segment = AudioSegment(samples.tobytes(), sample_width=2, frame_rate=rate, channels=1)
    faster = speedup(segment, playback_speed=factor, chunk_size=60, crossfade=15)
    return np.frombuffer(faster.raw_data, dtype=np.int16).copy()
