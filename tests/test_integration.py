"""End to end with the real espeak-ng engine: decode the MP3 and check what a listener gets."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from briefing import pipeline
from briefing.models import SegmentKind
from briefing.render import layout
from briefing.summarize import word_count
from briefing.voices import default_voices, get_profile

from .helpers import (
    SEED,
    decode_mp3,
    episode_file,
    median_pitch_hz,
    quiet_then_speech,
    rms,
    speech_seconds,
    subprocess_env,
    window_rms,
)

pytestmark = pytest.mark.integration

DATE = dt.date(2026, 11, 25)
#: espeak-ng pauses at commas and full stops, so speech runs longer than
#: words / rate; these bound the ratio of real to predicted speech time.
SPEECH_TIME_RANGE = (0.85, 1.6)


def _fixed_ms(n_stories: int) -> int:
    return layout.overhead_ms(n_stories)


@pytest.fixture(scope="module")
def seed_episode(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return pipeline.generate([SEED], out_dir=out, date=DATE, voices=["anchor"])


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory):
    from briefing.render.cache import SegmentCache

    return SegmentCache(tmp_path_factory.mktemp("demo-cache"))


@pytest.fixture(scope="module")
def demo_episode(tmp_path_factory, demo_cache):
    from briefing.render import Renderer

    out = tmp_path_factory.mktemp("demo")
    return pipeline.generate([], out_dir=out, date=DATE, renderer=Renderer(demo_cache))


def test_seed_mp3_format_and_tags(seed_episode):
    audio = MP3(str(seed_episode.mp3_path))
    assert audio.info.sample_rate == 22050
    assert audio.info.channels == 1
    assert 60_000 <= audio.info.bitrate <= 96_000
    tags = ID3(str(seed_episode.mp3_path))
    assert str(tags["TIT2"]) == "The Daily Briefing: Wednesday, November 25, 2026"
    assert str(tags["TPE1"]) == "briefing"
    assert str(tags["TALB"]) == "The Daily Briefing"
    assert str(tags.getall("TDRC")[0]).startswith("2026")
    assert "Assad" in tags.getall("COMM")[0].text[0]


def test_seed_duration_matches_words_and_rate(seed_episode):
    samples = decode_mp3(seed_episode.mp3_path)
    seconds = len(samples) / 22050
    script = seed_episode.script_path.read_text(encoding="utf-8").split("\n", 2)[2]
    words = word_count(script)
    rate = get_profile("anchor").rate
    speech = words / rate * 60
    fixed = _fixed_ms(1) / 1000
    low, high = SPEECH_TIME_RANGE
    assert fixed + low * speech <= seconds <= fixed + high * speech, (seconds, words, speech)
    assert abs(seconds - seed_episode.duration_ms / 1000) < 0.2


def test_seed_audio_is_speech_not_silence(seed_episode):
    samples = decode_mp3(seed_episode.mp3_path)
    assert rms(samples) > 500
    for chapter in seed_episode.chapters:
        start = chapter.start_ms / 1000 + (2.6 if chapter.kind is SegmentKind.INTRO else 0)
        length = (chapter.end_ms - chapter.start_ms) / 1000
        assert window_rms(samples, 22050, start, min(3.0, length)) > 500, chapter.title


def test_seed_story_is_a_clean_20_to_40_second_story(seed_episode):
    story = next(c for c in seed_episode.chapters if c.kind is SegmentKind.STORY)
    assert 20_000 <= story.end_ms - story.start_ms <= 40_000
    script = seed_episode.script_path.read_text(encoding="utf-8")
    for never in ("(Reuters)", "BEIRUT", "Writing by", "Editing by", "Tom Perry", "http"):
        assert never not in script
    assert 'Syrian President Bashar al-Assad said U.S. forces in Syria were "invaders"' in script
    assert "Syria's Assad calls US troops 'invaders'" in story.title


def test_demo_from_bundled_samples_runs_two_to_five_minutes(demo_episode):
    episode = demo_episode
    assert 120_000 <= episode.duration_ms <= 300_000
    samples = decode_mp3(episode.mp3_path)
    assert abs(len(samples) / 22050 * 1000 - episode.duration_ms) < 200
    stories = [c for c in episode.chapters if c.kind is SegmentKind.STORY]
    assert 4 <= len(stories) <= 6
    for chapter in stories:  # every story is heard, in both voices
        assert window_rms(samples, 22050, chapter.start_ms / 1000, 2.0) > 500, chapter.title


def test_two_voices_sound_different(tmp_path):
    from briefing.tts import get_engine

    engine = get_engine("pyttsx3")
    pitch = {}
    for name in ("anchor", "correspondent"):
        path = tmp_path / f"{name}.wav"
        engine.synthesize("The council approved the plan on Tuesday.", get_profile(name), path)
        pitch[name] = median_pitch_hz(path)
    # The anchor is a low voice (about 100 Hz), the correspondent a high one (about 210 Hz).
    assert pitch["correspondent"] > 1.4 * pitch["anchor"], pitch


def test_pip_only_route_makes_the_same_briefing(tmp_path):
    """No system espeak-ng and no ffmpeg: libespeak-ng from espeakng-loader, MP3 by lameenc."""
    env = subprocess_env(BRIEFING_ESPEAK="bundled", PATH=str(tmp_path / "empty-bin"))
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "generate", str(SEED), "--out", str(tmp_path / "out"),
         "--date", "2026-11-25", "--voice", "anchor", "-v"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "rendering 4 blocks (0 from the cache)" in result.stderr
    assert "using bundled libespeak-ng" in result.stderr  # logged by a render worker
    mp3_path = episode_file(tmp_path / "out", "2026-11-25")
    assert result.stdout.strip().splitlines()[-1] == str(mp3_path)
    samples = decode_mp3(mp3_path)
    assert 40 <= len(samples) / 22050 <= 90  # intro, the seed story, outro (about 60 s)
    assert rms(samples) > 500
    assert os.path.getsize(mp3_path) > 100_000


def test_chapters_start_where_their_story_is_heard(demo_episode):
    samples = decode_mp3(demo_episode.mp3_path)
    for chapter in demo_episode.stories:
        assert quiet_then_speech(samples, chapter.start_ms / 1000), chapter.title


def test_transcript_cues_start_where_their_sentence_is_heard(demo_episode):
    import webvtt

    samples = decode_mp3(demo_episode.mp3_path)
    captions = webvtt.read(str(demo_episode.vtt_path))
    assert len(captions) == len(demo_episode.cues) > 20
    duration = demo_episode.duration_ms / 1000
    previous_end = 0.0
    checked = 0
    for cue, caption in zip(demo_episode.cues, captions, strict=True):
        start, end = cue.start_ms / 1000, cue.end_ms / 1000
        assert caption.start_in_seconds == int(start)
        assert previous_end <= start < end <= duration
        previous_end = end
        assert max(len(re.sub(r"<[^>]+>", "", line)) for line in caption.lines) <= 65
        # every cue begins on speech; a sentence's first cue begins after a pause
        loud = max(window_rms(samples, 22050, start + k * 0.02, 0.04) for k in range(15))
        assert loud > 800, cue.text
        if cue.text[:1].isupper() or cue.text[:1] in "\"“'":
            assert quiet_then_speech(samples, start), cue.text
            checked += 1
    assert checked >= 20
    # The default show: the presenter alone (issue 29), so no voice tags.
    voices = {name.capitalize() for name in default_voices()}
    assert {c.voice for c in captions} == (voices if len(voices) > 1 else {None})


def test_one_voice_show_has_no_voice_tags(seed_episode):
    assert "<v " not in seed_episode.vtt_path.read_text(encoding="utf-8")


def test_loudness_is_podcast_spec(demo_episode, seed_episode):
    """-16 LUFS integrated (within 0.5 LU), true peak at or below -1 dBTP, measured by
    ffmpeg on the decoded episode: blocks leveled one by one add up to the target."""
    from .helpers import ebur128

    for episode in (demo_episode, seed_episode):
        integrated, peak = ebur128(episode.mp3_path)
        assert -16.5 <= integrated <= -15.5, (episode.mp3_path.name, integrated)
        assert peak <= -1.0, (episode.mp3_path.name, peak)
        samples = decode_mp3(episode.mp3_path)
        assert max(abs(min(samples)), max(samples)) < 32767  # no clipped sample


@pytest.fixture(scope="module")
def two_voice_episode(tmp_path_factory, demo_cache):
    """The bundled samples read by two voices of two engines: hibari's presenter and
    espeak-ng's anchor (the default show has one voice since issue 29)."""
    from briefing.render import Renderer

    out = tmp_path_factory.mktemp("two-voices")
    return pipeline.generate(
        [], out_dir=out, date=DATE, voices=["presenter", "anchor"], renderer=Renderer(demo_cache)
    )


@pytest.mark.parametrize("which", ["demo_episode", "two_voice_episode"])
def test_voices_and_segments_are_level(request, which):
    """Every story, whichever voice reads it, within 2 LU of the others (ffmpeg's meter)."""
    import subprocess

    from .helpers import ffmpeg_exe

    demo_episode = request.getfixturevalue(which)
    if which == "two_voice_episode":  # both voices read stories: hand-overs between them
        script = demo_episode.script_path.read_text(encoding="utf-8")
        assert "Thanks, Sam." in script and "Over to Sam Reyes." in script
    levels = []
    for chapter in demo_episode.stories:
        start, length = chapter.start_ms / 1000, (chapter.end_ms - chapter.start_ms) / 1000 - 2
        clip = demo_episode.mp3_path.with_suffix(f".{len(levels)}.wav")
        subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-ss", str(start), "-t", str(length),
                        "-i", str(demo_episode.mp3_path), str(clip)], check=True)  # fmt: skip
        from .helpers import ebur128

        levels.append(ebur128(clip)[0])
        clip.unlink()
    assert max(levels) - min(levels) <= 2.0, levels


@pytest.mark.parametrize("voice", ["anchor", "correspondent"])
@pytest.mark.parametrize("wpm", [120, 200, 300, 450])
def test_speech_rate_is_honoured(tmp_path, voice, wpm):
    """Words / speech duration within 15% of the rate asked, from 120 to 450 wpm."""
    from dataclasses import replace

    from briefing.speech import to_spoken
    from briefing.text import words
    from briefing.tts import get_engine

    text = to_spoken((SEED.read_text(encoding="utf-8").split("\n\n", 2)[2])[:1500])
    profile = replace(get_profile(voice), rate=wpm)
    path = tmp_path / "rate.wav"
    get_engine(profile.engine).synthesize(text, profile, path)
    measured = len(words(text)) / speech_seconds(path) * 60
    assert abs(measured - wpm) / wpm <= 0.15, measured


def test_wpm_option_overrides_every_voice(tmp_path):
    slow = pipeline.generate(
        [SEED], out_dir=tmp_path / "slow", date=DATE, voices=["anchor"], wpm=140
    )
    fast = pipeline.generate(
        [SEED], out_dir=tmp_path / "fast", date=DATE, voices=["anchor"], wpm=280
    )
    story = lambda e: next(c for c in e.chapters if c.kind is SegmentKind.STORY)  # noqa: E731
    ratio = (story(slow).end_ms - story(slow).start_ms) / (
        story(fast).end_ms - story(fast).start_ms
    )
    assert 1.6 <= ratio <= 2.3, ratio


def test_blocks_join_in_silence_and_chapters_start_with_speech(demo_episode, demo_cache):
    """The episode is its blocks' MP3 frames one after the other: at every join the
    decoded audio is silent (no click), and every chapter after the intro starts
    where its speech is heard, right after a pause."""
    import numpy as np

    from briefing.audio.mp3 import frame_samples
    from briefing.pipeline import compose_script
    from briefing.render import Renderer, plan_blocks
    from briefing.sources import gather_articles

    articles, skipped = gather_articles([], now=dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    prepared = compose_script(
        articles, skipped, date=DATE, voices=default_voices(),
        now=dt.datetime(2026, 11, 25, tzinfo=dt.UTC),
    )  # fmt: skip
    profiles = {name: get_profile(name) for name in default_voices()}
    specs = plan_blocks(prepared.script, profiles)
    result = Renderer(demo_cache, jobs=0).render(specs)
    assert result.rendered == 0  # the very blocks of the demo episode, from its cache
    samples = np.array(decode_mp3(demo_episode.mp3_path), dtype=np.float64)
    frame = frame_samples(22050)
    position = 0
    for block in result.blocks[:-1]:
        position += block.frames * frame
        around = samples[position - 220 : position + 220]  # 10 ms either side
        assert np.abs(around).max() < 200, position / 22050
    assert position + result.blocks[-1].frames * frame == len(samples)
    for chapter in demo_episode.chapters[1:]:
        start = chapter.start_ms / 1000
        assert window_rms(samples, 22050, start - 0.2, 0.15) < 100, chapter.title
        assert window_rms(samples, 22050, start + 0.02, 0.3) > 800, chapter.title
