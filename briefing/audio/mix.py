"""Mix: one block of the episode (stings, pauses and speech) as PCM, with pydub.

A block is a list of parts (see ``briefing.render``): a pause in
milliseconds, a sting by name, or "speech". The stings are synthesised here
(a few bell-like sine partials with an exponential decay), not copied audio.
The speech is brought to the episode's loudness with its true peak under the
ceiling (``briefing.audio.loudness``), and the stings sit a fixed step under it, so
every block, and so the whole episode, comes out at the target loudness with
no pass over the whole track.

This module needs numpy and pydub: it runs in the render workers, never on the
path of a re-run whose blocks are all cached.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..render.layout import (
    CHIME_MS,
    ENCODED_TARGET_LUFS,
    INTRO_STING_MS,
    OUTRO_STING_MS,
    SAMPLE_RATE,
    Part,
)
from . import loudness

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; briefing never needs
    # pydub's ffmpeg (WAV is read natively and MP3 is written by briefing.audio.mp3).
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

STING_LU = -4.0
"""The intro and outro chimes sit a little under the speech."""
CHIME_LU = -10.0
"""The marker between stories is quieter still."""
_MEASURABLE_MS = 1200
"""Clips shorter than this are measured repeated to this length (the meter needs 400 ms blocks)."""

__all__ = [
    "SAMPLE_RATE",
    "AudioSegment",
    "Assembled",
    "assemble",
    "intro_sting",
    "level",
    "load_speech",
    "measure",
    "outro_sting",
    "resample",
    "silence",
    "story_chime",
]


# -- stings -----------------------------------------------------------------


def _bell(notes: Sequence[tuple[float, int]], length_ms: int, gain_db: float) -> AudioSegment:
    """Bell-like notes: (frequency in Hz, start in ms), each with two overtones
    and an exponential decay, summed into one mono clip."""
    n = int(SAMPLE_RATE * length_ms / 1000)
    mix = np.zeros(n)
    partials = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12))
    for frequency, start_ms in notes:
        start = int(SAMPLE_RATE * start_ms / 1000)
        t = np.arange(n - start) / SAMPLE_RATE
        envelope = np.exp(-t * 3.2) * np.minimum(1.0, t / 0.008)  # 8 ms attack: no click
        tone = sum(a * np.sin(2 * np.pi * frequency * m * t) for m, a in partials)
        mix[start:] += envelope * tone
    mix *= 32767 * 10 ** (gain_db / 20) / (np.max(np.abs(mix)) or 1.0)
    samples = mix.astype("<i2").tobytes()
    clip = AudioSegment(samples, sample_width=2, frame_rate=SAMPLE_RATE, channels=1)
    return clip.fade_out(min(300, length_ms // 3))


@functools.cache
def intro_sting(target_lufs: float = ENCODED_TARGET_LUFS) -> AudioSegment:
    """A rising three-note chime (C5, E5, G5, then C6)."""
    notes = [(523.25, 0), (659.25, 160), (783.99, 320), (1046.5, 480)]
    return level(_bell(notes, INTRO_STING_MS, -6.0), target_lufs + STING_LU)


@functools.cache
def outro_sting(target_lufs: float = ENCODED_TARGET_LUFS) -> AudioSegment:
    """A falling chime that resolves (G5, E5, C5 with C4 under it)."""
    notes = [(783.99, 0), (659.25, 170), (523.25, 340), (261.63, 340)]
    return level(_bell(notes, OUTRO_STING_MS, -6.0), target_lufs + STING_LU)


@functools.cache
def story_chime(target_lufs: float = ENCODED_TARGET_LUFS) -> AudioSegment:
    """A soft two-note marker between stories, so a listener hears the boundary."""
    return level(_bell([(880.0, 0), (1318.5, 90)], CHIME_MS, -16.0), target_lufs + CHIME_LU)


_STINGS = {"intro": intro_sting, "outro": outro_sting, "chime": story_chime}


# -- speech -----------------------------------------------------------------


def load_speech(path: Path) -> AudioSegment:
    """Read a rendered WAV file as mono 16-bit at the track's sample rate.

    Every block of an episode must share one rate for their frames to join, so a
    voice made at another rate (hibari's 24 kHz, mbrola's 16 kHz) is resampled,
    by soxr (libsoxr, high quality: 7-14 ms for 30 s of speech)."""
    with open(path, "rb") as handle:  # pydub leaves a file it opens itself unclosed
        audio = AudioSegment.from_wav(handle)
    if audio.channels != 1:
        audio = audio.set_channels(1)
    audio = audio.set_sample_width(2)
    if audio.frame_rate != SAMPLE_RATE:
        audio = resample(audio, SAMPLE_RATE)
    return audio


def resample(audio: AudioSegment, rate: int) -> AudioSegment:
    """Mono 16-bit audio at another sample rate (soxr's high quality)."""
    import soxr

    samples = np.frombuffer(audio.raw_data, dtype="<i2")
    converted = soxr.resample(samples, audio.frame_rate, rate, quality="HQ")
    return AudioSegment(
        np.asarray(converted, dtype="<i2").tobytes(), sample_width=2, frame_rate=rate, channels=1
    )


def measure(samples: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """Integrated loudness of a clip; a short one (a transition: "Next.") is
    measured repeated to 1.2 s, as the meter's 400 ms blocks need."""
    return loudness.integrated_loudness(_measurable(samples, rate), rate)


def _measurable(samples: np.ndarray, rate: int) -> np.ndarray:
    """The clip, repeated to 1.2 s when shorter."""
    needed = rate * _MEASURABLE_MS // 1000
    if 0 < len(samples) < needed:
        return np.tile(samples, -(-needed // len(samples)))
    return samples


#: The limiter takes back part of a raise in gain on speech it already limits: about
#: half on espeak-ng's voices, a fifth on hibari's. The first correction upwards is
#: boosted by this; the second is fitted to what the first achieved (a secant step).
_RAISE_BOOST = 1.5


def level(audio: AudioSegment, target_lufs: float) -> AudioSegment:
    """Bring a clip to ``target_lufs`` integrated loudness with its true peak under
    the ceiling: gain, then limit; while the limiter took more than 0.15 LU away,
    correct (at most twice more). Measured on 34 espeak-ng clips from
    "Next." to 40 s: within -0.11 to +0.15 LU of the target (with the boost of 2.0
    used then; hibari's clips now land in one correction where they took two).
    A silent clip is left alone.

    The clip is K-weighted once: what the gains and the limiter did is measured by
    weighting that signal with the gain they applied to each sample (the limiter's
    gain moves slowly, so it commutes with the filter: within 0.01 LU of measuring
    the limited clip afresh, see tests/test_loudness.py)."""
    rate = audio.frame_rate
    samples = loudness.to_float(audio.raw_data)
    weighted = loudness.k_weighted(_measurable(samples, rate), rate)
    current = loudness.weighted_loudness(weighted, rate)
    if not math.isfinite(current):
        return audio
    gain = np.float32(10 ** ((target_lufs - current) / 20))
    leveled, applied = loudness.limiting(samples * gain, rate)
    if applied is not None:  # the limiter lowered some peaks, and the loudness with them
        total = applied * gain
        boost, last = _RAISE_BOOST, None
        for _ in range(2):
            tiled = _measurable(total, rate)
            error = target_lufs - loudness.weighted_loudness(weighted, rate, tiled)
            if abs(error) <= 0.15:
                break
            if last is not None:  # how much of the last raise held: boost this one to match
                held = (last[0] - error) / last[1]
                boost = 1.0 / min(1.0, max(0.25, held))
            step = error * (boost if error > 0 else 1.0)
            last = (error, step) if error > 0 else None
            step_gain = np.float32(10 ** (step / 20))
            leveled, applied = loudness.limiting(leveled * step_gain, rate)
            total *= step_gain
            if applied is not None:
                total *= applied
    return AudioSegment(loudness.to_pcm(leveled), sample_width=2, frame_rate=rate, channels=1)


def silence(ms: int) -> AudioSegment:
    return AudioSegment.silent(duration=ms, frame_rate=SAMPLE_RATE)


@dataclass(frozen=True)
class Assembled:
    """A block's PCM and where its speech is in it."""

    pcm: bytes
    speech_start: int
    """Samples before the speech (0 when the block has none)."""
    speech_samples: int


def assemble(
    parts: Sequence[Part],
    speech: AudioSegment | None = None,
    target_lufs: float = ENCODED_TARGET_LUFS,
) -> Assembled:
    """Join a block's parts in order: pauses, stings, and ``speech`` (leveled to
    ``target_lufs``) where the parts say "speech"."""
    clips: list[AudioSegment] = []
    speech_start = speech_samples = 0
    position = 0
    for part in parts:
        if isinstance(part, int):
            clip = silence(part)
        elif part == "speech":
            if speech is None:
                raise ValueError("the block has a speech part but no speech was given")
            clip = level(speech, target_lufs)
            speech_start, speech_samples = position, _samples(clip)
        elif part in _STINGS:
            clip = _STINGS[part](target_lufs)
        else:
            raise ValueError(f"unknown part {part!r} in a block")
        clips.append(clip)
        position += _samples(clip)
    pcm = b"".join(c.raw_data for c in clips)  # one pass (``+`` copies the block each time)
    return Assembled(pcm, speech_start, speech_samples)


def _samples(audio: AudioSegment) -> int:
    return len(audio.raw_data) // (audio.sample_width * audio.channels)
