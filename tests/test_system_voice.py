"""The 'system' profile: the platform's own voice through pyttsx3."""

from __future__ import annotations

import wave
from pathlib import Path
from types import SimpleNamespace

import pytest

from briefing.errors import EngineUnavailable, VoiceError
from briefing.tts.pyttsx3_platform import PlatformEngine
from briefing.voices import VoiceProfile, get_profile


class FakeDriverEngine:
    """What pyttsx3.init() returns on macOS or Windows, as far as briefing uses it."""

    def __init__(self) -> None:
        self.properties = {
            "voice": "com.apple.voice.Samantha",
            "voices": [
                SimpleNamespace(
                    id="com.apple.voice.Samantha", name="Samantha", languages=["en_US"]
                ),
                SimpleNamespace(id="com.apple.voice.Daniel", name="Daniel", languages=["en_GB"]),
            ],
        }
        self.queued: list[tuple[str, str]] = []
        self.runs = 0

    def getProperty(self, name):  # noqa: N802 - pyttsx3's API
        return self.properties[name]

    def setProperty(self, name, value):  # noqa: N802
        self.properties[name] = value

    def save_to_file(self, text, path):
        self.queued.append((text, path))

    def runAndWait(self):  # noqa: N802
        self.runs += 1
        for _, path in self.queued:
            with wave.open(path, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(22050)
                out.writeframes(b"\x10\x00" * 22050)
        self.queued.clear()


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr("briefing.tts.pyttsx3_platform.sys.platform", "win32")
    driver = FakeDriverEngine()
    module = SimpleNamespace(init=lambda name: driver if name == "sapi5" else None)
    return PlatformEngine(module), driver


def test_speaks_with_the_default_voice_rate_and_volume(fake, tmp_path):
    engine, driver = fake
    profile = VoiceProfile("system", "pyttsx3", "default", rate=210, volume=0.8)
    marks = engine.synthesize("Hello from the system voice.", profile, tmp_path / "s.wav")
    assert marks == ()  # no word timings from these drivers: transcripts estimate them
    assert driver.runs == 1
    assert driver.properties["voice"] == "com.apple.voice.Samantha"
    assert (driver.properties["rate"], driver.properties["volume"]) == (210, 0.8)
    with wave.open(str(tmp_path / "s.wav")) as wav:
        assert wav.getnframes() == 22050


def test_voices_by_id_or_name_and_a_clear_error(fake):
    engine, _ = fake
    assert engine.resolve_voice("Daniel") == "com.apple.voice.Daniel"
    assert engine.resolve_voice("com.apple.voice.Daniel") == "com.apple.voice.Daniel"
    assert [v.name for v in engine.voices()] == ["Samantha", "Daniel"]
    with pytest.raises(
        VoiceError, match="the system has no voice 'Zarvox'; voices include: Samantha, Daniel"
    ):
        engine.check_voice(VoiceProfile("x", "pyttsx3", "Zarvox"))


def test_a_driver_that_cannot_start_is_unavailable(monkeypatch):
    def init(name):
        raise RuntimeError("no speech service")

    with pytest.raises(EngineUnavailable, match="could not start the system voice"):
        PlatformEngine(SimpleNamespace(init=init))


def test_the_system_profile_is_the_platform_default():
    profile = get_profile("system")
    assert (profile.engine, profile.voice) == ("pyttsx3", "default")


@pytest.mark.integration
def test_on_linux_the_system_voice_is_espeak_ngs_default(tmp_path):
    from briefing.tts import get_engine

    engine = get_engine("pyttsx3")
    assert engine.resolve_voice("default") in {v.id for v in engine.voices()}
    path = Path(tmp_path / "system.wav")
    marks = engine.synthesize("The system voice reads this.", get_profile("system"), path)
    with wave.open(str(path)) as wav:
        assert wav.getnframes() > 22050 // 2
    assert len(marks) == 5
