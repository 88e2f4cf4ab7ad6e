"""Voices whose engine cannot load give way to their fallback (fast: fake engines)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from briefing import pipeline, tts
from briefing.errors import EngineUnavailable
from briefing.voices import VoiceProfile, cast_voices, fall_back

DATE = dt.date(2026, 11, 25)


def _profile(name: str, engine: str, fallback: str = "") -> VoiceProfile:
    return VoiceProfile(name, engine, "v", fallback=fallback)


NEURAL = _profile("presenter", "neural", fallback="anchor")
SECOND = _profile("newsreader", "neural2")
FORMANT = _profile("correspondent", "pyttsx3")


@pytest.mark.parametrize(
    ("voices", "broken", "asked", "expected"),
    [
        # The default show: the host's fallback reads it all, never beside a neural voice.
        ([NEURAL, SECOND], "neural", False, ["anchor"]),
        ([NEURAL, SECOND], "neural2", False, ["presenter"]),
        # Voices asked for: each is replaced by its own fallback, the rest stay.
        ([NEURAL, FORMANT], "neural", True, ["anchor", "correspondent"]),
        ([FORMANT, NEURAL], "neural", True, ["correspondent", "anchor"]),
        # A fallback already in the show is not read twice.
        ([NEURAL, _profile("anchor", "pyttsx3")], "neural", True, ["anchor"]),
    ],
)
def test_fall_back(voices, broken, asked, expected, caplog):
    failure = EngineUnavailable("it cannot load; install it", broken)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        cast = fall_back(voices, failure, asked=asked)
    assert [p.name for p in cast] == expected
    assert len(caplog.records) == 1
    assert "cannot be used: it cannot load; install it" in caplog.records[0].getMessage()


def test_no_fallback_is_an_error():
    failure = EngineUnavailable("missing", "neural2")
    with pytest.raises(EngineUnavailable, match="missing"):
        fall_back([NEURAL, SECOND], failure, asked=True)


def test_unavailable_keeps_its_engine_across_a_pipe():
    import pickle

    copy = pickle.loads(pickle.dumps(EngineUnavailable("gone", "hibari")))
    assert (str(copy), copy.engine) == ("gone", "hibari")


@pytest.fixture
def broken_neural(silent_voices, tmp_path, monkeypatch):
    """A 'presenter' profile on an engine that cannot load, falling back to the
    silent anchor; it is the host of the default show."""
    import os

    class Broken:
        """Installed (its identity is told), but its libraries fail to load."""

        @classmethod
        def identity(cls, profile):
            return "broken 1.0"

        def __init__(self):
            raise EngineUnavailable("the test engine cannot load; pip install it", "broken")

    tts.register_engine("broken", Broken)
    folder = os.environ["BRIEFING_VOICES"]
    (tmp_path / "silent-voices" / "presenter.toml").write_text(
        'name = "presenter"\nengine = "broken"\nvoice = "quiet"\nfallback = "anchor"\n'
    )
    monkeypatch.setattr("briefing.voices.default_voices", lambda: ("presenter", "correspondent"))
    yield folder
    tts.unregister_engine("broken")


def test_engine_that_cannot_start_falls_back_and_the_episode_is_made(
    broken_neural, silent_voices, tmp_path, articles_dir, caplog
):
    with caplog.at_level(logging.WARNING, logger="briefing"):
        episode = pipeline.generate([articles_dir], out_dir=tmp_path / "out", date=DATE)
    assert episode.mp3_path.is_file()
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "voice 'presenter' cannot be used" in warnings[0]
    assert "'anchor' (silent) reads the show instead" in warnings[0]
    # The default show falls back to one voice: the anchor reads every block.
    assert {name for name, _ in silent_voices.calls} == {"anchor"}
    # Made with a fallback: the next run tries the engine again (not "up to date").
    again = pipeline.generate([articles_dir], out_dir=tmp_path / "out", date=DATE)
    assert not again.up_to_date


def test_engine_not_installed_falls_back_at_once(silent_voices, tmp_path, articles_dir, caplog):
    """An engine that cannot even tell its identity is replaced before any work,
    and an episode made so is up to date while nothing changes."""

    def missing():
        raise EngineUnavailable("not installed", "gone")

    tts.register_engine("gone", missing)
    (tmp_path / "silent-voices" / "neural.toml").write_text(
        'name = "neural"\nengine = "gone"\nvoice = "quiet"\nfallback = "anchor"\n'
    )
    try:
        runs = []
        for _ in range(2):
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="briefing"):
                runs.append(
                    pipeline.generate(
                        [articles_dir], out_dir=tmp_path / "out", date=DATE, voices=["neural"]
                    )
                )
            # One warning a run.
            assert [r.getMessage() for r in caplog.records] == [
                "voice 'neural' cannot be used: not installed; "
                "'anchor' (silent) reads its stories instead"
            ]
    finally:
        tts.unregister_engine("gone")
    assert [run.up_to_date for run in runs] == [False, True]


def test_asked_voice_falls_back_for_its_own_stories(
    broken_neural, silent_voices, tmp_path, articles_dir
):
    pipeline.generate(
        [articles_dir], out_dir=tmp_path / "out", date=DATE, voices=["presenter", "correspondent"]
    )
    assert {name for name, _ in silent_voices.calls} == {"anchor", "correspondent"}


def test_missing_package_falls_back_before_any_work(silent_voices, monkeypatch, caplog):
    """hibari or onnxruntime not installed: told at cast time, without starting anything."""
    from briefing.tts import hibari_engine

    real = hibari_engine.module_spec
    monkeypatch.setattr(
        hibari_engine, "module_spec", lambda name: None if name == "onnxruntime" else real(name)
    )
    with caplog.at_level(logging.WARNING, logger="briefing"):
        profiles, _ = cast_voices(["presenter"])
    assert [p.name for p in profiles] == ["anchor"]
    message = caplog.records[0].getMessage()
    assert "needs onnxruntime" in message and "pip install hibari-tts onnxruntime" in message
