"""A fake, silent text-to-speech engine for fast tests of the other stages."""

from __future__ import annotations

import os
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

    def resolve_voice(self, voice: str) -> str:
        return voice

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


class ToneEngine:
    """A fake engine for the render workers (loaded by "tests.fakes:ToneEngine" in
    each worker process): a 100 ms beep per word, so a block's length tells which
    text it was; and failures on cue (words that text normalisation leaves alone):
    a text with "kaboom" kills the process (a segmentation fault), one with
    "stuckforever" never returns, one with "failword" raises EngineError; the
    voice "missing" does not exist."""

    name = "tone"

    #: The environment variable naming a file where each tone engine, as it starts,
    #: adds its process id: a test sees a worker's engine start without timing it.
    STARTED_FILE = "TONE_ENGINE_STARTED_FILE"
    #: The environment variable naming a file where every synthesis adds a line (the
    #: process id and the text): a test counts the engine's calls across processes.
    CALLS_FILE = "TONE_ENGINE_CALLS_FILE"
    #: The environment variable naming a file that holds the seconds each synthesis
    #: takes (a slow engine, for a worker to be killed mid-block; read at each call, so
    #: a test can change it for workers already running), or GATE: each synthesis
    #: waits until the file says something else (a test opens the gate when it has
    #: seen what it waits for, however busy the machine is).
    DELAY_FILE = "TONE_ENGINE_DELAY_FILE"
    GATE = "gate"

    def __init__(self) -> None:
        started = os.environ.get(self.STARTED_FILE)
        if started:
            with open(started, "a", encoding="utf-8") as file:
                file.write(f"{os.getpid()}\n")

    def describe(self) -> str:
        return "tone test engine"

    def voices(self) -> list[EngineVoice]:
        return [EngineVoice("beep", "Beep", ("en",))]

    def check_voice(self, profile: VoiceProfile) -> None:
        from briefing.errors import VoiceError

        if profile.voice == "missing":
            raise VoiceError(f"tone engine has no voice '{profile.voice}'")

    def resolve_voice(self, voice: str) -> str:
        return voice

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        import math
        import os
        import signal
        import time

        from briefing.errors import EngineError

        if "kaboom" in text:
            os.kill(os.getpid(), signal.SIGSEGV)
        if "stuckforever" in text:
            time.sleep(3600)
        if "failword" in text:
            raise EngineError(f"the tone engine failed on {dest.name}")
        calls = os.environ.get(self.CALLS_FILE)
        if calls:
            with open(calls, "a", encoding="utf-8") as file:
                file.write(f"{os.getpid()}\t{text}\n")
        delay = os.environ.get(self.DELAY_FILE)
        if delay:
            _wait_as_told(delay)
        words = list(re.finditer(r"\S+", text))
        per_word = int(0.1 * SAMPLE_RATE)
        beep = b"".join(
            int(8000 * math.sin(2 * math.pi * 200 * k / SAMPLE_RATE)).to_bytes(
                2, "little", signed=True
            )
            for k in range(per_word)
        )
        with wave.open(str(dest), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            wav.writeframes(beep * len(words))
        return tuple(WordMark(m.start(), i * 100) for i, m in enumerate(words))


def _wait_as_told(path: str) -> None:
    """Sleep the seconds the file at ``path`` holds, or while it holds ``ToneEngine.GATE``
    (at most ten minutes: a bound against a test that never opens it)."""
    import time

    def told() -> str:
        try:
            with open(path, encoding="utf-8") as file:
                return file.read().strip()
        except FileNotFoundError:
            return ""

    deadline = time.monotonic() + 600
    while (content := told()) == ToneEngine.GATE and time.monotonic() < deadline:
        time.sleep(0.01)
    if content != ToneEngine.GATE:
        time.sleep(float(content or 0))
