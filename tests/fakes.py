"""A fake, silent text-to-speech engine for fast tests of the other stages."""

from __future__ import annotations

import re
import wave
from pathlib import Path

from briefing.tts import EngineVoice, WordMark
from briefing.voices import VoiceProfile

SAMPLE_RATE = 22050


class SilentEngine:
    """Writes silence as long as the text would take at the profile's rate."""

    name = "silent"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def describe(self) -> str:
        return "silent test engine"

    def voices(self) -> list[EngineVoice]:
        return [EngineVoice("quiet", "Quiet", ("en",))]

    def check_voice(self, profile: VoiceProfile) -> None:
        from briefing.errors import VoiceError

        if profile.voice != "quiet":
            raise VoiceError(f"silent engine has no voice '{profile.voice}'")

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        """Silence as long as the words take at the profile's rate; every word
        starts at an even share of that time."""
        self.calls.append((profile.name, text))
        words = list(re.finditer(r"\S+", text))
        seconds = len(words) / profile.rate * 60
        with wave.open(str(dest), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            wav.writeframes(b"\x00\x00" * int(seconds * SAMPLE_RATE))
        per_word = seconds * 1000 / max(len(words), 1)
        return tuple(WordMark(m.start(), round(i * per_word)) for i, m in enumerate(words))
