"""The piper engine (optional extra): runs when piper-tts and its voice are installed."""

from __future__ import annotations

import datetime as dt
import wave

import pytest

from briefing import pipeline
from briefing.errors import EngineError, VoiceError
from briefing.tts import get_engine
from briefing.tts.piper_engine import NATURAL_WPM, WORKER_MALLOC, length_scale, worker_environment
from briefing.voices import VoiceProfile, get_profile

from .helpers import SEED, ebur128


def test_length_scale_follows_the_rate():
    assert length_scale(int(NATURAL_WPM)) == pytest.approx(1.0, abs=0.01)
    assert length_scale(120) > 1 > length_scale(300) > length_scale(450) > 0


@pytest.mark.parametrize(
    ("users", "expected"),
    [
        (None, WORKER_MALLOC),
        ("glibc.malloc.arena_max=2", f"{WORKER_MALLOC}:glibc.malloc.arena_max=2"),
    ],
)
def test_the_worker_gets_its_malloc_settings_and_keeps_the_users(monkeypatch, users, expected):
    """Large tensors in mappings of their own, given back when freed (no arena)."""
    if users is None:
        monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    else:
        monkeypatch.setenv("GLIBC_TUNABLES", users)
    assert worker_environment()["GLIBC_TUNABLES"] == expected


piper = pytest.importorskip("piper", reason="the piper extra is not installed")
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine():
    return get_engine("piper")


def test_newsreader_profile_uses_piper(engine):
    profile = get_profile("newsreader")
    assert profile.engine == "piper"
    engine.check_voice(profile)
    assert "piper-tts" in engine.describe()
    assert [v.id for v in engine.voices()] == ["en_US-joe-medium"]


def test_unknown_piper_voice_is_a_clear_error(engine, tmp_path):
    with pytest.raises(VoiceError, match="piper has no voice 'en_GB-nobody'.*en_US-joe-medium"):
        engine.check_voice(VoiceProfile("x", "piper", "en_GB-nobody"))
    with pytest.raises(EngineError, match="piper failed"):
        engine.synthesize(
            "Hello there.", VoiceProfile("x", "piper", "en_GB-nobody"), tmp_path / "x.wav"
        )


@pytest.mark.parametrize("wpm", [200, 450])  # the usual rate and the fastest offered
def test_rate_is_honoured(engine, tmp_path, wpm):
    from briefing.speech import to_spoken
    from briefing.text import words

    from .helpers import speech_seconds

    # About 100 words: the rate is within 4% of the asked one from the first sentences (1,200
    # characters took 20 s over the four rates; this, half of that).
    text = to_spoken(SEED.read_text(encoding="utf-8").split("\n\n", 2)[2][:600])
    path = tmp_path / "piper.wav"
    engine.synthesize(text, VoiceProfile("t", "piper", "en_US-joe-medium", rate=wpm), path)
    measured = len(words(text)) / speech_seconds(path) * 60
    assert abs(measured - wpm) / wpm <= 0.15, measured


def test_marks_cover_every_sentence(engine, tmp_path):
    text = "First sentence is here. Second one follows it. And a third."
    marks = engine.synthesize(text, get_profile("newsreader"), tmp_path / "m.wav")
    offsets = [m.offset for m in marks]
    for start in (0, text.index("Second"), text.index("And")):
        assert start in offsets
    assert [m.start_ms for m in marks] == sorted(m.start_ms for m in marks)
    with wave.open(str(tmp_path / "m.wav")) as wav:
        assert marks[-1].start_ms < wav.getnframes() / wav.getframerate() * 1000


def test_a_whole_briefing_with_piper_and_espeak_in_one_run(tmp_path):
    """piper (in its worker) and espeak-ng (in this process) take turns without crashing."""
    episode = pipeline.generate(
        [SEED], out_dir=tmp_path, date=dt.date(2026, 11, 25), voices=["newsreader", "anchor"]
    )
    assert 40_000 <= episode.duration_ms <= 120_000
    integrated, peak = ebur128(episode.mp3_path)
    assert -17 <= integrated <= -15 and peak <= -1.0


def test_a_dead_worker_is_replaced(engine, tmp_path):
    engine.synthesize("Warm up.", get_profile("newsreader"), tmp_path / "a.wav")
    engine._process.kill()
    engine._process.wait()
    engine._process.stdout.close()
    engine._process.stdin.close()
    engine.synthesize("Still speaking.", get_profile("newsreader"), tmp_path / "b.wav")
    assert (tmp_path / "b.wav").stat().st_size > 1000


def test_the_worker_holds_no_session_and_no_model_copy_between_texts(tmp_path):
    """Each text has a fresh session (the same noise, so the same bytes after any
    other text), dropped once spoken; the optimised model is read from a file,
    already deleted on Linux, never kept in memory."""
    import os

    from briefing.tts.piper_engine import _model_paths
    from briefing.tts.piper_worker import SeededVoice, synthesize

    seeded = SeededVoice(*_model_paths("en_US-joe-medium"))
    texts = [
        "Good morning. Here is the news.",
        "Markets fell sharply today.",
        "Good morning. Here is the news.",
    ]
    spoken = []
    for i, text in enumerate(texts):
        synthesize(seeded.fresh(), text, 1.0, 1.0, str(tmp_path / f"{i}.wav"))
        seeded.release()
        assert seeded._voice.session is None
        spoken.append((tmp_path / f"{i}.wav").read_bytes())
    assert spoken[0] == spoken[2] != spoken[1]
    if os.path.isdir("/proc/self/fd"):
        assert os.readlink(seeded._model).endswith("(deleted)")
