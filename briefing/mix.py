"""Mix: stings, speech and pauses stitched into one track with pydub.

The stings are synthesised here (a few bell-like sine partials with an
exponential decay), not copied audio. Each speech segment is brought to the
same loudness so that voices match, and the chapter times of every segment
are recorded as the track is built.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import loudness
from .models import Chapter, Segment, SegmentKind

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; briefing never needs
    # pydub's ffmpeg (WAV is read natively and MP3 is written by briefing.mp3).
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

SAMPLE_RATE = 22050
"""Sample rate of the final track (espeak-ng's own rate)."""
SPEECH_LUFS = -18.0
"""Loudness every speech segment is brought to, so that voices match (the whole
track is then normalised to the podcast target)."""
STING_LUFS = -22.0
"""The intro and outro chimes sit a little under the speech."""
CHIME_LUFS = -28.0
"""The marker between stories is quieter still."""


@dataclass(frozen=True)
class MixLayout:
    """Gaps of the show, in milliseconds."""

    after_intro_sting: int = 350
    after_intro: int = 900
    around_story_chime: int = 450
    before_outro: int = 900
    before_outro_sting: int = 400


def overhead_ms(n_stories: int, layout: MixLayout | None = None) -> int:
    """Milliseconds of a show that are not speech: stings, chimes and pauses."""
    layout = layout or MixLayout()
    chime = 2 * layout.around_story_chime + len(story_chime())
    return (
        len(intro_sting()) + layout.after_intro_sting + layout.after_intro
        + max(0, n_stories - 1) * chime
        + layout.before_outro + layout.before_outro_sting + len(outro_sting())
    )  # fmt: skip


@dataclass(frozen=True)
class Mixed:
    """The mixed track and where each segment sits in it."""

    audio: AudioSegment
    chapters: tuple[Chapter, ...]
    speech_starts: tuple[int, ...]
    """Where each segment's speech starts, in ms (the intro's comes after its sting)."""


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
def intro_sting() -> AudioSegment:
    """A rising three-note chime (C5, E5, G5, then C6)."""
    bell = _bell([(523.25, 0), (659.25, 160), (783.99, 320), (1046.5, 480)], 2200, -6.0)
    return level(bell, STING_LUFS)


@functools.cache
def outro_sting() -> AudioSegment:
    """A falling chime that resolves (G5, E5, C5 with C4 under it)."""
    bell = _bell([(783.99, 0), (659.25, 170), (523.25, 340), (261.63, 340)], 2600, -6.0)
    return level(bell, STING_LUFS)


@functools.cache
def story_chime() -> AudioSegment:
    """A soft two-note marker between stories, so a listener hears the boundary."""
    return level(_bell([(880.0, 0), (1318.5, 90)], 700, -16.0), CHIME_LUFS)


# -- speech -----------------------------------------------------------------


def load_speech(path: Path) -> AudioSegment:
    """Read a rendered WAV file as mono at the track's sample rate."""
    with open(path, "rb") as handle:  # pydub leaves a file it opens itself unclosed
        audio = AudioSegment.from_wav(handle)
    if audio.channels != 1:
        audio = audio.set_channels(1)
    if audio.frame_rate != SAMPLE_RATE:
        audio = audio.set_frame_rate(SAMPLE_RATE)
    return audio.set_sample_width(2)


def level(audio: AudioSegment, target_lufs: float = SPEECH_LUFS) -> AudioSegment:
    """Bring a clip to ``target_lufs`` integrated loudness (peaks are handled when
    the whole track is normalised). A clip too short to measure is left alone."""
    if audio.rms == 0:
        return audio
    current = loudness.integrated_loudness(loudness.to_float(audio.raw_data), audio.frame_rate)
    if not math.isfinite(current):
        return audio
    return audio.apply_gain(target_lufs - current)


def silence(ms: int) -> AudioSegment:
    return AudioSegment.silent(duration=ms, frame_rate=SAMPLE_RATE)


def mix(
    segments: Sequence[Segment],
    speech: Sequence[AudioSegment],
    layout: MixLayout = MixLayout(),
    target_lufs: float = loudness.ENCODED_TARGET_LUFS,
) -> Mixed:
    """Stitch intro sting, segments, chimes between stories and outro sting.

    ``speech[i]`` is the rendered audio of ``segments[i]``. A chapter starts
    where its segment's speech starts (the intro's at 0, with its sting).
    """
    if len(segments) != len(speech):
        raise ValueError("one rendered clip is needed per segment")
    parts: list[AudioSegment] = [intro_sting(), silence(layout.after_intro_sting)]
    frames = sum(_frames(p) for p in parts)
    starts: list[int] = []
    speech_starts: list[int] = []
    previous: SegmentKind | None = None
    for segment, clip in zip(segments, speech, strict=True):
        gap: list[AudioSegment] = []
        if previous is SegmentKind.INTRO:
            gap = [silence(layout.after_intro)]
        elif previous is SegmentKind.STORY and segment.kind is SegmentKind.STORY:
            pad = silence(layout.around_story_chime)
            gap = [pad, story_chime(), pad]
        elif previous is not None and segment.kind is SegmentKind.OUTRO:
            gap = [silence(layout.before_outro)]
        parts.extend(gap)
        frames += sum(_frames(g) for g in gap)
        starts.append(0 if previous is None else _ms(frames))
        speech_starts.append(_ms(frames))
        clip = level(clip)
        parts.append(clip)
        frames += _frames(clip)
        previous = segment.kind
    parts.extend([silence(layout.before_outro_sting), outro_sting()])
    track = _concatenate(parts)
    normalised = loudness.normalize(loudness.to_float(track.raw_data), SAMPLE_RATE, target_lufs)
    audio = AudioSegment(
        loudness.to_pcm(normalised), sample_width=2, frame_rate=SAMPLE_RATE, channels=1
    )
    ends = [*starts[1:], _ms(_frames(audio))]
    chapters = tuple(
        Chapter(seg.title, seg.kind, start, end, seg.source)
        for seg, start, end in zip(segments, starts, ends, strict=True)
    )
    return Mixed(audio, chapters, tuple(speech_starts))


def _frames(audio: AudioSegment) -> int:
    return len(audio.raw_data) // (audio.sample_width * audio.channels)


def _ms(frames: int) -> int:
    return round(frames * 1000 / SAMPLE_RATE)


def _concatenate(parts: Sequence[AudioSegment]) -> AudioSegment:
    """Join clips of the same format in one pass (``+`` copies the whole track each time)."""
    data = b"".join(p.raw_data for p in parts)
    return AudioSegment(data, sample_width=2, frame_rate=SAMPLE_RATE, channels=1)
