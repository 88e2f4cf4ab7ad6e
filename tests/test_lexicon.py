"""The pronunciation lexicon, engine by engine (issue 27, part 3): a respelling written for
espeak-ng reaches only the engines an entry names; every other engine says the word."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing import speech
from briefing.errors import VoiceError
from briefing.models import Story
from briefing.render import plan_blocks
from briefing.script import build_script
from briefing.speech import Respelling, load_lexicon, to_spoken
from briefing.voices import VoiceProfile


@pytest.fixture(autouse=True)
def _fresh_lexicon():
    speech.default_lexicon.cache_clear()
    yield
    speech.default_lexicon.cache_clear()


@pytest.mark.parametrize(
    ("entry", "respelling"),
    [
        ('"Varenholm" = "Varren holm"', Respelling("Varren holm")),
        (
            '"Nepal" = { say = "Nepawl", engines = ["pyttsx3"] }',
            Respelling("Nepawl", frozenset({"pyttsx3"})),
        ),
        (
            '"Houthi" = { say = "Hoothee", engines = ["pyttsx3", "hibari"] }',
            Respelling("Hoothee", frozenset({"pyttsx3", "hibari"})),
        ),
    ],
)
def test_an_entry_names_the_engines_it_is_for(tmp_path, entry, respelling):
    path = tmp_path / "lexicon.toml"
    path.write_text(f"[words]\n{entry}\n", encoding="utf-8")
    assert list(load_lexicon(path).values()) == [respelling]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('"Nepal" = { say = "Nepawl" }', r"engines must list engine names"),
        ('"Nepal" = { say = "Nepawl", engines = [] }', r"engines must list engine names"),
        ('"Nepal" = { say = "Nepawl", engines = "pyttsx3" }', r"engines must list engine names"),
        ('"Nepal" = { engines = ["pyttsx3"] }', r"needs say = "),
        ('"Nepal" = { say = "", engines = ["pyttsx3"] }', r"needs say = "),
        (
            '"Nepal" = { say = "Nepawl", engines = ["espeak"] }',
            r"'Nepal' names the engine 'espeak', which is not one of .*pyttsx3.*: name an engine",
        ),
        (
            '"Nepal" = { say = "Nepawl", engines = ["pyttsx3"], voice = "x" }',
            r"has voice: only 'say' and 'engines'",
        ),
        ('"Nepal" = 5', r"must map written words to how they are said"),
        ('"Nepal" = ""', r"must map written words to how they are said"),
    ],
)
def test_a_bad_entry_is_one_clear_error(tmp_path, entry, message):
    path = tmp_path / "lexicon.toml"
    path.write_text(f"[words]\n{entry}\n", encoding="utf-8")
    with pytest.raises(VoiceError, match=message) as caught:
        load_lexicon(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_the_bundled_respellings_reach_only_the_engines_they_were_written_for():
    sentence = "Reports from Nepal and the Houthi rebels, Macron said."
    assert to_spoken(sentence, engine="pyttsx3") == (
        "Reports from Nepawl and the Hoothee rebels, Macrohn said."
    )
    # hibari said "Nepawl" so that Whisper heard "apple": the neural voices say the word,
    # but for a respelling measured to help them (benchmarks/lexicon.py).
    assert to_spoken(sentence, engine="hibari") == (
        "Reports from Nepal and the Hoothee rebels, Macrohn said."
    )
    assert to_spoken(sentence, engine="piper") == (
        "Reports from Nepal and the Hoothee rebels, Macron said."
    )
    # An engine no entry names (one a user registers) says every word as written.
    assert to_spoken(sentence, engine="tone") == sentence
    # Without an engine, every entry (as before engines were named).
    assert to_spoken(sentence) == to_spoken(sentence, engine="pyttsx3")
    assert to_spoken(sentence, engine="pyttsx3", lexicon={}) == sentence


def test_a_user_entry_for_every_engine_is_merged_over_the_bundled_one(tmp_path, monkeypatch):
    user = tmp_path / "mine.toml"
    user.write_text(
        '[words]\n"Nepal" = "Ne pall"\n"Varenholm" = { say = "Varren holm", engines = ["hibari"] }\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("BRIEFING_LEXICON", str(user))
    speech.default_lexicon.cache_clear()
    assert to_spoken("Nepal and Varenholm.", engine="hibari") == "Ne pall and Varren holm."
    assert to_spoken("Nepal and Varenholm.", engine="pyttsx3") == "Ne pall and Varenholm."


def _profile(name: str, engine: str) -> VoiceProfile:
    return VoiceProfile(name=name, engine=engine, voice="x", display_name=name.title())


def test_each_block_is_said_for_the_engine_that_says_it():
    """The host (a neural voice) and a correspondent (espeak-ng) read the same name:
    the plan respells it only in the correspondent's block, and the lead-in the host
    reads before the correspondent's story says it as written."""
    stories = [
        Story("Quake", ("A quake struck Nepal on Monday.",), "a"),
        Story("Aid", ("Aid reached Nepal on Tuesday.",), "b"),
    ]
    script = build_script(
        stories, date=dt.date(2026, 11, 25), voices=["host", "field"],
        names={"host": "Maya Hart", "field": "Joe Marsh"},
    )  # fmt: skip
    profiles = {"host": _profile("host", "hibari"), "field": _profile("field", "pyttsx3")}
    specs = plan_blocks(script, profiles, identities={"host": "h", "field": "f"})
    said = {(spec.kind, spec.profile.engine): " ".join(spec.lines) for spec in specs}
    assert "Nepal on Monday" in said[("story", "hibari")]
    assert "Nepawl on Tuesday" in said[("story", "pyttsx3")]
    # The block keys differ with what is said: a lexicon change renders the block again.
    assert len({spec.key for spec in specs}) == len(specs)
