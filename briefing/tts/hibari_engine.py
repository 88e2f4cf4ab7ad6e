"""The hibari engine: a neural voice that installs from PyPI with its weights.

``hibari-tts`` (Apache-2.0; numpy and onnxruntime) carries one voice in its
wheel, ``heart`` (American English, female, distilled from Kokoro-82M's
af_heart: a 7.9 MB ONNX model), and speaks about 100 times faster than real
time on one core. It is briefing's default voice. Its other voices (emma,
fenrir, fable, kore) are downloaded by hibari on first use: briefing never
lets that happen. A voice is used only when its file is already on this
machine (in the package, or in hibari's cache folder), or when the profile
gives the path of an ``.onnx`` file; otherwise the profile fails with one line
that lists the voices that are here.

Each render worker loads the model once (one onnxruntime thread: the workers
are the parallelism) and keeps it. Text is spoken sentence by sentence: each
sentence's audio is trimmed of the silence hibari puts around it, so its word
mark falls on its first sound, and the pauses between sentences are
briefing's, scaled with the rate. A fixed seed makes the output bit-identical
from run to run, so the segment cache stays honest. The cache key carries the
versions of hibari, onnxruntime and the FFT library its signal processing
uses, and the SHA-256 of the voice file.

Rate: hibari's ``speed`` is fitted to words per minute (``RATE_TABLE``); past
its natural rate the speech is made at that rate and compressed in time
(``briefing.tts.tempo``), which a recogniser follows better than hibari's own
faster speeds.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import sys
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EngineError, EngineUnavailable, VoiceError
from ..models import WordMark
from ..versions import module_spec
from ..voices import VoiceProfile
from . import EngineVoice

log = logging.getLogger(__name__)

NAME = "hibari"
INSTALL_HINT = "install it with: pip install hibari-tts onnxruntime"
SAMPLE_RATE = 24000
"""hibari's output rate (the episode's blocks are resampled to theirs when they differ)."""
SEED = 0
"""The noise seed of every sentence: the same text always sounds the same."""

#: hibari's rate at a few speeds (words over the time from first to last sound,
#: briefing's pauses included; the mean over four news texts, which differ by
#: about 5% either way). Between them the speed is interpolated.
RATE_TABLE = ((83.0, 0.5), (117.0, 0.7), (148.0, 0.85), (165.0, 1.0), (173.0, 1.15), (190.0, 1.25))
NATURAL_WPM = 165.0
"""hibari's rate at speed 1.0 (the pauses between sentences are scaled from it)."""
MIN_SPEED = 0.5
MAX_NATIVE_WPM = 190.0
"""Faster rates are made at this one (speed 1.25) and then compressed in time:
hibari's own faster speeds blur words (Whisper's word error at 450 wpm: 0.18-0.21
at hibari's speed 2.0-2.5, 0.10-0.14 made at 165-200 wpm and compressed)."""
SENTENCE_PAUSE_S = 0.42
"""The pause between sentences at NATURAL_WPM (shorter as the rate rises)."""
CLAUSE_PAUSE_S = 0.12
"""Between the pieces of a sentence too long to say at once."""
MAX_PIECE_CHARS = 300
"""hibari speaks at most 400 phonemes at once and splits a sentence only at its
commas; a longer run is cut here at a clause or a word first."""
_LEAD_S, _TAIL_S = 0.015, 0.06
"""Kept before a sentence's first sound and after its last."""


# -- the package and its voices, found without importing it ------------------------


@dataclass(frozen=True)
class HibariVoice:
    """A voice file on this machine."""

    name: str
    """hibari's name for it, or the file's stem for a file of the user's."""
    path: Path
    british: bool
    """British spelling-to-sound rules (hibari's British voices)."""


def _package_folder() -> Path:
    """hibari's folder; raises EngineUnavailable when it or onnxruntime is not installed."""
    specs = {module: module_spec(module) for module in ("hibari", "onnxruntime")}
    for module, spec in specs.items():
        if spec is None:
            raise EngineUnavailable(f"the hibari voice needs {module}; {INSTALL_HINT}", NAME)
    hibari = specs["hibari"]
    if hibari is None or hibari.origin is None:  # a folder named hibari, not its package
        raise EngineUnavailable(f"the hibari voice needs hibari; {INSTALL_HINT}", NAME)
    return Path(hibari.origin).parent


@functools.cache
def registry() -> dict[str, dict[str, Any]]:
    """hibari's voices (its assets/voices.json): name -> file, language, gender..."""
    path = _package_folder() / "assets" / "voices.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EngineUnavailable(f"hibari's voice list {path} is unreadable ({exc})", NAME) from None


def cache_folder() -> Path:
    """Where hibari keeps the voices it has downloaded (as ``hibari.voices.cache_dir``)."""
    explicit = os.environ.get("HIBARI_HOME")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hibari"


def _file_of(name: str, entry: dict[str, Any]) -> Path:
    if entry.get("bundled"):
        return _package_folder() / "assets" / entry["file"]
    return cache_folder() / entry["file"]


def present_voices() -> list[str]:
    """hibari's voices whose files are on this machine."""
    return [name for name, entry in registry().items() if _file_of(name, entry).is_file()]


def resolve_voice(voice: str, language: str = "en-US") -> HibariVoice:
    """The file of a profile's voice: a hibari voice name or an ``.onnx`` path.
    Never downloads; raises VoiceError naming the voices that are here."""
    voices = registry()
    if voice in voices:
        entry = voices[voice]
        path = _file_of(voice, entry)
        if path.is_file():
            return HibariVoice(voice, path, bool(entry.get("british")))
        raise VoiceError(
            f"hibari voice '{voice}' is not on this machine, and briefing never downloads "
            f"voices; voices here: {', '.join(present_voices()) or 'none'}. To add it, put "
            f"its file {entry['file']} in {cache_folder()} (or $HIBARI_HOME), or give the "
            "path of an .onnx voice file as the profile's voice"
        )
    path = Path(voice).expanduser()
    if path.suffix == ".onnx":
        if not path.is_file():
            raise VoiceError(f"hibari voice file {path} does not exist")
        known = next((n for n, e in voices.items() if e["file"] == path.name), None)
        british = bool(voices[known].get("british")) if known else language.lower() == "en-gb"
        return HibariVoice(known or path.stem, path, british)
    raise VoiceError(
        f"hibari has no voice '{voice}'; voices here: {', '.join(present_voices()) or 'none'} "
        "(or give the path of an .onnx voice file)"
    )


@functools.cache
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def voice_digest(path: Path) -> str:
    """SHA-256 of a voice file (computed once per process and file version)."""
    info = path.stat()
    return _file_digest(path.resolve(), info.st_size, info.st_mtime_ns)


def _fft_library() -> str:
    """hibari's signal processing uses scipy.fft when it is installed, else numpy's
    (the two differ in the last bits)."""
    from ..versions import package_version

    if package_version("scipy") != "not installed":
        return f"scipy {package_version('scipy')}"
    return f"numpy {package_version('numpy')}"


# -- rate ----------------------------------------------------------------------------


def rate_plan(rate_wpm: int) -> tuple[float, float]:
    """(hibari's speed, time compression after synthesis) for a rate in words a minute."""
    native = min(float(rate_wpm), MAX_NATIVE_WPM)
    points = RATE_TABLE
    if native <= points[0][0]:
        speed = points[0][1] * native / points[0][0]
    else:
        speed = points[-1][1]
        for (w0, s0), (w1, s1) in zip(points, points[1:], strict=False):
            if w0 <= native <= w1:
                speed = s0 + (s1 - s0) * (native - w0) / (w1 - w0)
                break
    return max(MIN_SPEED, speed), max(1.0, rate_wpm / native)


def pause_s(rate_wpm: int, pause_at_natural: float = SENTENCE_PAUSE_S) -> float:
    """A pause scaled with the rate, so that the rate holds over pauses and speech."""
    return pause_at_natural * NATURAL_WPM / rate_wpm


# -- text ----------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"(?<=[,;:\u2014])\s+")


def pieces(sentence: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """A sentence cut into pieces of at most ``limit`` characters: at its clauses,
    and where a clause is still too long, between words."""
    if len(sentence) <= limit:
        return [sentence]
    out: list[str] = []
    current = ""
    for clause in _CLAUSE_END.split(sentence):
        words = clause.split() if len(clause) > limit else [clause]
        for word in words:
            word = word[:limit]
            if current and len(current) + 1 + len(word) > limit:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    return out


def _refuse_download(url: str, dest: str, *_: object, **__: object) -> str:
    raise EngineError(
        f"hibari tried to download {url}; briefing never downloads voices: "
        f"put the file at {dest} yourself"
    )


class HibariEngine:
    """Speech through hibari-tts, in this process (one per render worker)."""

    name = NAME

    def __init__(self) -> None:
        _package_folder()
        # onnxruntime otherwise keeps a device id and a usage database in ~/.cache.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        try:
            import numpy  # noqa: F401
            import onnxruntime  # noqa: F401
            from hibari import tts  # noqa: F401
            from hibari import voices as hibari_voices
        except Exception as exc:  # an import that fails for any reason: the engine is unusable
            raise EngineUnavailable(
                f"hibari cannot load ({type(exc).__name__}: {exc}); {INSTALL_HINT}", NAME
            ) from None
        # Belt and braces: whatever path hibari takes, it never fetches a voice.
        hibari_voices.download = _refuse_download
        self._models: dict[Path, Any] = {}
        self._g2p: dict[bool, Any] = {}
        self._warm_up()

    def _warm_up(self) -> None:
        """Load the bundled voice and the American rules (about 0.7 s: its lexicons are
        large) and speak a word, so that a worker started ahead of its first block has
        done it by then. Another voice is loaded when a profile first asks for it."""
        try:
            voice = resolve_voice("heart")
        except VoiceError:
            return
        self._model(voice)("Ready.", seed=SEED)
        log.debug("hibari engine warmed up (%s)", self.describe())

    @classmethod
    def identity(cls, profile: VoiceProfile) -> str:
        """hibari, onnxruntime and FFT versions, the voice file's digest and the time
        compressor, for cache keys; raises EngineUnavailable or VoiceError."""
        from ..versions import package_version
        from . import tempo

        _package_folder()  # installed (told each time: cheap, and the cache key depends on it)
        voice = resolve_voice(profile.voice, profile.language)
        return (
            f"hibari-tts {package_version('hibari-tts', 'hibari')}; "
            f"onnxruntime {package_version('onnxruntime')}; fft {_fft_library()}; "
            f"voice {voice.name} sha256 {voice_digest(voice.path)}; tempo {tempo.identity()}"
        )

    def describe(self) -> str:
        from ..versions import package_version

        return (
            f"hibari-tts {package_version('hibari-tts', 'hibari')} (neural, offline; "
            f"onnxruntime {package_version('onnxruntime')})"
        )

    def voices(self) -> list[EngineVoice]:
        found = []
        for name in present_voices():
            entry = registry()[name]
            label = f"{name} ({entry.get('accent', '')} {entry.get('gender', '')})"
            found.append(
                EngineVoice(name, label, (entry.get("language", "en"),), entry.get("gender"))
            )
        return found

    def resolve_voice(self, voice: str) -> str:
        return resolve_voice(voice).name

    def check_voice(self, profile: VoiceProfile) -> None:
        try:
            resolve_voice(profile.voice, profile.language)
        except VoiceError as exc:
            raise VoiceError(f"voice profile '{profile.name}': {exc}") from None

    def _model(self, voice: HibariVoice) -> Any:
        """The loaded model for a voice file, loaded once (with one G2P per accent)."""
        if voice.path not in self._models:
            from hibari.g2p import G2P

            if voice.british not in self._g2p:
                self._g2p[voice.british] = G2P(british=voice.british)
            # hibari reads its voice name only to pick the G2P, which is given here.
            known = voice.name if voice.name in registry() else "heart"
            log.debug("loading hibari voice %s from %s", voice.name, voice.path)
            self._models[voice.path] = _hibari_model(known, voice.path, self._g2p[voice.british])
        return self._models[voice.path]

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        import numpy as np

        from ..text import split_sentences
        from . import tempo

        if not re.search(r"[^\W_]", text):
            raise EngineError(f"nothing to say in {text!r}: the text has no letters or digits")
        voice = resolve_voice(profile.voice, profile.language)
        model = self._model(voice)
        speed, factor = rate_plan(profile.rate)
        sentence_gap = np.zeros(round(pause_s(profile.rate) * SAMPLE_RATE), np.int16)
        clause_gap = np.zeros(round(pause_s(profile.rate, CLAUSE_PAUSE_S) * SAMPLE_RATE), np.int16)
        chunks: list[np.ndarray] = []
        marks: list[WordMark] = []
        position = cursor = 0  # samples so far; characters of ``text`` read so far
        for sentence in split_sentences(text):
            start = text.find(sentence, cursor)
            start = cursor if start < 0 else start
            cursor = start + len(sentence)
            inner = 0
            for number, piece in enumerate(pieces(sentence)):
                offset = sentence.find(piece[:20], inner)
                offset = inner if offset < 0 else offset
                inner = offset + len(piece)
                try:
                    audio = model(piece, speed=speed, seed=SEED)
                except Exception as exc:  # onnxruntime or the G2P failing on this text
                    raise EngineError(
                        f"hibari failed on {Path(dest).name}: {type(exc).__name__}: {exc}"
                    ) from None
                samples = _pcm(tempo.trim_silence(audio, SAMPLE_RATE, lead_s=_LEAD_S,
                                                  tail_s=_TAIL_S), profile.volume)  # fmt: skip
                if not len(samples):
                    continue
                samples = tempo.compress(samples, SAMPLE_RATE, factor)
                if chunks:
                    gap = clause_gap if number else sentence_gap
                    chunks.append(gap)
                    position += len(gap)
                # A mark per word, spread over the piece by character position (the
                # first on the piece's first sound).
                for word in re.finditer(r"\S+", piece):
                    at = position + word.start() / max(len(piece), 1) * len(samples)
                    at += _LEAD_S * SAMPLE_RATE if word.start() == 0 else 0
                    marks.append(
                        WordMark(start + offset + word.start(), round(at * 1000 / SAMPLE_RATE))
                    )
                chunks.append(samples)
                position += len(samples)
        if not chunks:
            raise EngineError(f"hibari made no sound of {text[:60]!r}")
        with wave.open(str(dest), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(np.concatenate(chunks).tobytes())
        return tuple(marks)


def _hibari_model(name: str, path: Path, g2p: Any) -> Any:
    """``hibari.Hibari(voice=name, model=path, threads=1, g2p=g2p)`` with our session
    (``_session``). Its constructor would make a session of its own first (with
    onnxruntime's memory arena), only for it to be replaced: 0.09 s of the 0.65 s a
    worker takes to load the voice. The rest of the constructor, done here, reads
    the model's symbol table (hibari-tts is pinned below 0.3 for this)."""
    from hibari import tts

    model = tts.Hibari.__new__(tts.Hibari)
    with open(Path(tts.ASSETS) / "vocab.json", encoding="utf-8") as handle:
        model.vocab = json.load(handle)
    model.voice, model.model_path, model._g2p = name, str(path), g2p
    model.sess = _session(path)
    return model


def _session(path: Path) -> Any:
    """The voice's onnxruntime session as hibari makes it (one thread), but without
    the CPU memory arena, which keeps the largest sentence's memory for the life of
    the worker: over 100 articles, a worker's peak went from 315 to 294 MB, no slower."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.enable_cpu_mem_arena = False
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _pcm(audio: Any, volume: float) -> Any:
    """Float audio at ``volume`` as 16-bit samples."""
    import numpy as np

    clip = np.asarray(audio, dtype=np.float32) * np.float32(volume)
    return (np.clip(clip, -1.0, 1.0) * 32767.0).astype(np.int16)
