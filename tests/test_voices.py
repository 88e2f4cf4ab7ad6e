"""Voice profiles: parsing, validation, lookup, and the profiles that ship."""

from __future__ import annotations

import pytest

from briefing.errors import VoiceError
from briefing.voices import VoiceProfile, get_profile, list_profiles, load_profile

VALID = {"name": "anchor", "engine": "pyttsx3", "voice": "en-us"}


def test_defaults():
    profile = VoiceProfile.from_dict(VALID, source="x")
    assert (profile.rate, profile.volume, profile.language) == (170, 1.0, "en")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "'name' must be a non-empty string"),
        ({"engine": None}, "'engine' must be a non-empty string"),
        ({"voice": 3}, "'voice' must be a non-empty string"),
        ({"rate": 20}, "'rate' must be a whole number"),
        ({"rate": 900}, "'rate' must be a whole number"),
        ({"rate": "fast"}, "'rate' must be a whole number"),
        ({"rate": 170.5}, "'rate' must be a whole number"),
        ({"rate": True}, "'rate' must be a whole number"),
        ({"volume": 1.5}, "'volume' must be a number from 0.0 to 1.0"),
        ({"volume": -0.1}, "'volume' must be a number from 0.0 to 1.0"),
        ({"volume": "loud"}, "'volume' must be a number"),
        ({"pitch": 50}, "unknown key 'pitch'"),
        ({"description": 5}, "'description' must be a string"),
        ({"display_name": ["Sam"]}, "'display_name' must be a string"),
    ],
)
def test_invalid_profiles(changes, message):
    data = {**VALID, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(VoiceError, match=message):
        VoiceProfile.from_dict(data, source="voices/x.toml")


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('name="a"\nengine="pyttsx3"\nvoice="en-us"\nrate=150\nvolume=0.8\n', (150, 0.8)),
        ('name="a"\nengine="pyttsx3"\nvoice="en-us"\nvolume=1\n', (170, 1.0)),
    ],
)
def test_load_profile(tmp_path, toml, expected):
    path = tmp_path / "a.toml"
    path.write_text(toml)
    profile = load_profile(path)
    assert (profile.rate, profile.volume) == expected
    assert profile.path == path


@pytest.mark.parametrize(
    ("value", "display_name"),
    [(None, ""), ("Sam Reyes", "Sam Reyes"), ("  Sam \t Reyes ", "Sam Reyes"), ("", "")],
)
def test_display_name(value, display_name):
    data = VALID if value is None else {**VALID, "display_name": value}
    assert VoiceProfile.from_dict(data, source="x").display_name == display_name


def test_shipped_voices_have_distinct_display_names():
    """Every bundled voice that can read beside the host is introduced by a name."""
    profiles = {p.name: p for p in list_profiles()}
    names = [
        profiles[v].display_name for v in ("presenter", "newsreader", "anchor", "correspondent")
    ]
    assert all(names) and len(set(names)) == len(names)


def test_bad_toml_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("name = \n")
    with pytest.raises(VoiceError, match="bad.toml: not valid TOML"):
        load_profile(path)


def test_shipped_profiles():
    profiles = {p.name: p for p in list_profiles()}
    assert {"anchor", "correspondent", "presenter", "newsreader", "system"} <= set(profiles)
    assert profiles["anchor"].engine == "pyttsx3"
    assert profiles["anchor"].voice != profiles["correspondent"].voice
    assert (profiles["presenter"].engine, profiles["presenter"].voice) == ("hibari", "heart")
    assert profiles["presenter"].fallback == "anchor"
    assert (profiles["system"].engine, profiles["system"].voice) == ("pyttsx3", "default")
    for profile in profiles.values():
        assert profile.language.split("-")[0] in ("en", "de", "es")
        assert not profile.fallback or profile.fallback in profiles


def test_the_default_show_is_one_neural_host():
    """The presenter reads everything, even where piper is installed (issue 29)."""
    from briefing import voices

    assert voices.default_voices() == ("presenter",)
    shipped = {p.name: p for p in list_profiles()}
    assert [shipped[n].engine for n in voices.default_voices()] == ["hibari"]


def test_a_second_voice_is_one_line_of_config_away():
    """The starter config (`briefing init`) shows the line that adds piper's newsreader."""
    import tomllib

    from briefing.config import example_config

    lines = [line for line in example_config().splitlines() if '"newsreader"' in line]
    assert len(lines) == 1 and lines[0].startswith("# voices = ")
    setting = tomllib.loads(lines[0].lstrip("# ").split("  #")[0])
    assert setting == {"voices": ["presenter", "newsreader"]}
    assert [p.engine for p in map(get_profile, setting["voices"])] == ["hibari", "piper"]


def test_fallback_must_be_a_name(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text('name="odd"\nengine="hibari"\nvoice="heart"\nfallback=3\n')
    with pytest.raises(VoiceError, match="'fallback' must be a string"):
        load_profile(path)


def test_unknown_voice_lists_what_exists():
    with pytest.raises(VoiceError) as info:
        get_profile("narrator")
    message = str(info.value)
    assert "unknown voice 'narrator'" in message
    assert "anchor" in message and "correspondent" in message


def test_profile_folders_from_environment_come_first(tmp_path, monkeypatch):
    (tmp_path / "anchor.toml").write_text('name="anchor"\nengine="pyttsx3"\nvoice="en-gb"\n')
    (tmp_path / "broken.toml").write_text("not toml at all = = =")
    monkeypatch.setenv("BRIEFING_VOICES", str(tmp_path))
    assert get_profile("anchor").voice == "en-gb"
    assert get_profile("correspondent").engine == "pyttsx3"  # still found in the bundled folder
    assert "broken" not in {p.name for p in list_profiles()}


def test_profile_by_path(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name="mine"\nengine="pyttsx3"\nvoice="en-us"\n')
    assert get_profile(str(path)).name == "mine"
