"""Mixing: generated stings, levels, pauses, and chapter times that match the audio."""

from __future__ import annotations

import math

from briefing import mix
from briefing.models import Segment, SegmentKind

from .conftest import window_rms


def _tone(ms: int, frequency: float = 220.0, amplitude: float = 0.3) -> mix.AudioSegment:
    import array

    n = int(mix.SAMPLE_RATE * ms / 1000)
    samples = array.array(
        "h",
        (
            int(32767 * amplitude * math.sin(2 * math.pi * frequency * k / mix.SAMPLE_RATE))
            for k in range(n)
        ),
    )
    return mix.AudioSegment(
        samples.tobytes(), sample_width=2, frame_rate=mix.SAMPLE_RATE, channels=1
    )


def _segments(n_stories: int) -> list[Segment]:
    segments = [Segment(SegmentKind.INTRO, "Intro", ("Hello.",), "anchor")]
    segments += [
        Segment(SegmentKind.STORY, f"Story {i}", ("Text.",), "anchor") for i in range(n_stories)
    ]
    segments.append(Segment(SegmentKind.OUTRO, "Outro", ("Bye.",), "anchor"))
    return segments


def test_stings_are_generated_audible_and_short():
    for sting, (low, high) in (
        (mix.intro_sting(), (1000, 4000)),
        (mix.outro_sting(), (1000, 4000)),
        (mix.story_chime(), (200, 1200)),
    ):
        assert low <= len(sting) <= high
        assert sting.frame_rate == mix.SAMPLE_RATE and sting.channels == 1
        assert sting.rms > 100
        assert sting.max_dBFS <= -3.0  # headroom: never clips
    assert mix.intro_sting().raw_data != mix.outro_sting().raw_data


def test_level_matches_voices():
    from briefing import loudness

    quiet, loud = _tone(1000, amplitude=0.02), _tone(1000, amplitude=0.9)
    a, b = mix.level(quiet), mix.level(loud)

    def measure(clip):
        return loudness.integrated_loudness(loudness.to_float(clip.raw_data), mix.SAMPLE_RATE)

    assert abs(measure(a) - mix.SPEECH_LUFS) < 0.2
    assert abs(measure(b) - mix.SPEECH_LUFS) < 0.2
    assert mix.level(mix.silence(1000)).rms == 0
    assert len(mix.level(_tone(100))) == 100  # too short to measure: left as it is


def test_chapters_start_where_each_segment_is_heard():
    segments = _segments(3)
    clips = [_tone(800 + 100 * i, frequency=300 + 100 * i) for i in range(len(segments))]
    mixed = mix.mix(segments, clips)
    layout = mix.MixLayout()
    chapters = mixed.chapters
    assert [c.title for c in chapters] == ["Intro", "Story 0", "Story 1", "Story 2", "Outro"]
    assert chapters[0].start_ms == 0
    assert all(a.end_ms == b.start_ms for a, b in zip(chapters, chapters[1:], strict=False))
    assert chapters[-1].end_ms == len(mixed.audio)
    samples = mixed.audio.get_array_of_samples()
    rate = mix.SAMPLE_RATE
    # The intro's speech follows the sting and a pause.
    intro_speech = len(mix.intro_sting()) + layout.after_intro_sting
    assert window_rms(samples, rate, intro_speech / 1000 + 0.05, 0.2) > 1000
    for chapter in chapters[1:]:
        start = chapter.start_ms / 1000
        # Silence just before each chapter starts, the segment's audio just after.
        assert window_rms(samples, rate, start - 0.12, 0.1) < 50, chapter
        assert window_rms(samples, rate, start + 0.01, 0.1) > 1000, chapter
    expected = (
        len(mix.intro_sting())
        + layout.after_intro_sting
        + sum(len(c) for c in clips)
        + layout.after_intro
        + 2 * (2 * layout.around_story_chime + len(mix.story_chime()))
        + layout.before_outro
        + layout.before_outro_sting
        + len(mix.outro_sting())
    )
    assert abs(len(mixed.audio) - expected) <= 5


def test_load_speech_converts_to_mono_22050(tmp_path):
    stereo = _tone(500).set_frame_rate(44100).set_channels(2)
    path = tmp_path / "s.wav"
    with path.open("wb") as handle:
        stereo.export(handle, format="wav")
    clip = mix.load_speech(path)
    assert (clip.frame_rate, clip.channels, clip.sample_width) == (22050, 1, 2)
    assert abs(len(clip) - 500) <= 2
