"""Mixing one block: generated stings, levels, pauses, and where the speech is."""

from __future__ import annotations

import math

import pytest

from briefing.audio import loudness, mix
from briefing.render import layout

from .helpers import window_rms

TARGET = loudness.ENCODED_TARGET_LUFS


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


def _loudness(clip: mix.AudioSegment) -> float:
    return mix.measure(loudness.to_float(clip.raw_data))


def test_stings_are_generated_audible_short_and_under_the_ceiling():
    for sting, length, offset in (
        (mix.intro_sting(), layout.INTRO_STING_MS, mix.STING_LU),
        (mix.outro_sting(), layout.OUTRO_STING_MS, mix.STING_LU),
        (mix.story_chime(), layout.CHIME_MS, mix.CHIME_LU),
    ):
        assert abs(len(sting) - length) <= 1
        assert sting.frame_rate == mix.SAMPLE_RATE and sting.channels == 1
        assert abs(_loudness(sting) - (TARGET + offset)) < 0.3
        assert loudness.true_peak_dbtp(loudness.to_float(sting.raw_data)) <= layout.CEILING_DBTP
    assert mix.intro_sting().raw_data != mix.outro_sting().raw_data


@pytest.mark.parametrize("amplitude", [0.02, 0.3, 0.95])
@pytest.mark.parametrize("ms", [300, 700, 3000])
def test_level_brings_any_clip_to_the_target(amplitude, ms):
    """Quiet or loud, long or as short as "Next.": at the target, true peak under the ceiling."""
    leveled = mix.level(_tone(ms, amplitude=amplitude), TARGET)
    assert abs(_loudness(leveled) - TARGET) < 0.3
    assert loudness.true_peak_dbtp(loudness.to_float(leveled.raw_data)) <= layout.CEILING_DBTP
    assert len(leveled) == ms


def test_level_leaves_silence_alone():
    assert mix.level(mix.silence(1000), TARGET).rms == 0


def test_assemble_places_parts_in_order():
    speech = _tone(1500, frequency=300)
    parts = ("intro", 350, "speech", 450)
    block = mix.assemble(parts, speech)
    rate = mix.SAMPLE_RATE
    sting = len(mix.intro_sting().raw_data) // 2
    assert block.speech_start == sting + rate * 350 // 1000
    assert block.speech_samples == len(speech.raw_data) // 2
    assert len(block.pcm) // 2 == block.speech_start + block.speech_samples + rate * 450 // 1000
    samples = mix.AudioSegment(
        block.pcm, sample_width=2, frame_rate=rate, channels=1
    ).get_array_of_samples()
    start_s = block.speech_start / rate
    assert window_rms(samples, rate, start_s - 0.3, 0.25) < 5  # the pause before the speech
    assert window_rms(samples, rate, start_s + 0.01, 1.0) > 1000
    assert window_rms(samples, rate, start_s + 1.52, 0.4) == 0  # the pause after it
    assert window_rms(samples, rate, 0.0, 0.5) > 300  # the sting first


def test_assemble_refuses_what_it_cannot_build():
    with pytest.raises(ValueError, match="no speech was given"):
        mix.assemble(("speech",))
    with pytest.raises(ValueError, match="unknown part 'gong'"):
        mix.assemble((100, "gong"), _tone(500))


def test_assemble_without_speech_is_just_the_parts():
    block = mix.assemble(("chime", 200))
    assert block.speech_samples == 0
    assert len(block.pcm) // 2 == len(mix.story_chime().raw_data) // 2 + mix.SAMPLE_RATE // 5


def test_load_speech_converts_to_mono_22050(tmp_path):
    stereo = _tone(500).set_frame_rate(44100).set_channels(2)
    path = tmp_path / "s.wav"
    with path.open("wb") as handle:
        stereo.export(handle, format="wav")
    clip = mix.load_speech(path)
    assert (clip.frame_rate, clip.channels, clip.sample_width) == (22050, 1, 2)
    assert abs(len(clip) - 500) <= 2
