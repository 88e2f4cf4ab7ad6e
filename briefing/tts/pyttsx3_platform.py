"""The platform's own voice through pyttsx3, on macOS (NSSpeechSynthesizer) and
Windows (SAPI5).

On Linux pyttsx3 drives espeak-ng, which needs the careful handling of
``pyttsx3_engine``; there this module is not used. Here pyttsx3 is driven
plainly: the voice, rate (words a minute) and volume are set as properties,
one ``save_to_file`` is queued per ``runAndWait``, and the file is checked
before it is used. macOS writes AIFF whatever the file is called: it is
converted to WAV (with ``soundfile``). These drivers report no word timings,
so transcripts estimate them.
"""

from __future__ import annotations

import logging
import platform
import sys
import time
import wave
from pathlib import Path
from typing import Any

from ..errors import EngineError, EngineUnavailable, VoiceError
from ..models import WordMark
from ..voices import VoiceProfile
from . import EngineVoice

log = logging.getLogger(__name__)

DRIVERS = {"darwin": "nsss", "win32": "sapi5"}
#: Seconds to wait for the file after runAndWait() returns.
FILE_WAIT_S = 10.0


def _os_release() -> str:
    if sys.platform == "darwin":
        return f"macOS {platform.mac_ver()[0]}"
    if sys.platform == "win32":
        return f"Windows {platform.version()}"
    return platform.platform()


class PlatformEngine:
    """Speech through pyttsx3 and the operating system's speech synthesiser."""

    name = "pyttsx3"

    def __init__(self, module: Any = None) -> None:
        if module is None:
            try:
                import pyttsx3
            except ImportError as exc:
                raise EngineUnavailable(f"pyttsx3 is not installed ({exc})", self.name) from None
            module = pyttsx3
        self.driver = DRIVERS.get(sys.platform, "espeak")
        try:
            self._engine = module.init(self.driver)
        except Exception as exc:  # the drivers raise whatever their OS bindings raise
            raise EngineUnavailable(
                f"pyttsx3 could not start the system voice ({self.driver}: {exc})", self.name
            ) from None
        self._default = self._engine.getProperty("voice")

    @classmethod
    def identity(cls, profile: VoiceProfile) -> str:
        """pyttsx3's version and the system's (whose voices change with it)."""
        from ..versions import package_version

        driver = DRIVERS.get(sys.platform, "espeak")
        return f"pyttsx3 {package_version('pyttsx3')}; {driver} on {_os_release()}"

    def describe(self) -> str:
        from ..versions import package_version

        return f"pyttsx3 {package_version('pyttsx3')} driving {self.driver} ({_os_release()})"

    def voices(self) -> list[EngineVoice]:
        found = []
        for voice in self._engine.getProperty("voices") or ():
            languages = tuple(str(lang) for lang in (getattr(voice, "languages", None) or ()))
            found.append(
                EngineVoice(str(voice.id), str(voice.name or voice.id), languages,
                            getattr(voice, "gender", None))
            )  # fmt: skip
        return found

    def resolve_voice(self, voice: str) -> str:
        """The system's id of a profile's voice: ``default``, an id, or a name."""
        if voice.strip().lower() == "default":
            return str(self._default)
        voices = self.voices()
        for candidate in voices:
            if voice == candidate.id or voice.lower() == candidate.name.lower():
                return candidate.id
        names = ", ".join(v.name for v in voices[:12]) or "none"
        raise VoiceError(
            f"the system has no voice '{voice}'; voices include: {names} "
            '(`briefing voices --engine-voices` lists all; or use "default")'
        )

    def check_voice(self, profile: VoiceProfile) -> None:
        try:
            self.resolve_voice(profile.voice)
        except VoiceError as exc:
            raise VoiceError(f"voice profile '{profile.name}': {exc}") from None

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        if not any(c.isalnum() for c in text):
            raise EngineError(f"nothing to say in {text!r}: the text has no letters or digits")
        dest = Path(dest)
        self._engine.setProperty("voice", self.resolve_voice(profile.voice))
        self._engine.setProperty("rate", profile.rate)
        self._engine.setProperty("volume", profile.volume)
        target = dest.with_suffix(".aiff") if self.driver == "nsss" else dest
        target.unlink(missing_ok=True)
        self._engine.save_to_file(text, str(target))
        self._engine.runAndWait()
        deadline = time.monotonic() + FILE_WAIT_S
        size = -1
        while time.monotonic() < deadline:  # the file may still be being written
            current = target.stat().st_size if target.exists() else -1
            if current > 44 and current == size:
                break
            size = current
            time.sleep(0.05)
        else:
            raise EngineError(f"the system voice wrote no audio to {target.name}")
        if target != dest:
            _aiff_to_wav(target, dest)
        return ()


def _aiff_to_wav(source: Path, dest: Path) -> None:
    """macOS writes AIFF: rewrite it as 16-bit mono WAV."""
    try:
        import soundfile
    except ImportError:
        raise EngineError(
            "reading the macOS voice's AIFF needs soundfile: pip install soundfile"
        ) from None
    data, rate = soundfile.read(str(source), dtype="int16", always_2d=True)
    with wave.open(str(dest), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data[:, 0].tobytes())
    source.unlink(missing_ok=True)
