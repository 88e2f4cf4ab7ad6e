"""The piper worker: ``python -m briefing.tts.piper_worker``, one JSON request a line.

Each request names a text, a voice, a length scale, a volume and a WAV file to
write; the answer is one JSON line with the word marks or an error. It
imports piper and never pyttsx3 (their two espeak-ng copies crash together).

piper's voices draw random noise inside the model (onnxruntime's
RandomNormalLike), from generators seeded by the clock when the session is made
and drawn on with every sentence: the same text never came out the same twice.
So each text gets a fresh session, made after ``onnxruntime.set_seed(SEED)``,
with one thread (onnxruntime's sums over several threads come out differently
from one: the workers are the parallelism): the same text is then the same
audio in any worker and after any other text. The model's graph is optimised
once, when the voice is loaded, into a file; a fresh session from that takes
about 0.1 s (0.37 s from the model file).

Memory: the worker peaks at the model (about 150 MB with onnxruntime) plus the
activations of the longest sentence (the decoder's, in proportion to its
length: about 225 MB for 42 words). The old session goes before the new one is
made and after each text, the heap is trimmed, the optimised model is read from
its file rather than kept as bytes, and there is no arena (it overshot by about
100 MB): a two-voice show's piper worker peaked at 531 MB, now at 304 MB, for
about a fifth more CPU time (page faults of fresh mappings).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .piper_engine import SEED, SENTENCE_PAUSE_S, _model_paths

if TYPE_CHECKING:
    from piper import PiperVoice


class SeededVoice:
    """A piper voice whose every text starts from the same noise, in a fresh session."""

    def __init__(self, model: Path, config: Path) -> None:
        from piper import PiperConfig, PiperVoice

        self._model = _optimised(model)
        settings = json.loads(config.read_text(encoding="utf-8"))
        # Its session is made for each text (``fresh``).
        self._voice = PiperVoice(config=PiperConfig.from_dict(settings), session=None)

    def _session(self) -> Any:  # an onnxruntime.InferenceSession
        import onnxruntime

        options = _options(onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL)
        # No arena: its chunks, doubled at each extension, overshoot a long sentence's
        # activations by about 100 MB; without it each tensor above glibc's threshold
        # (piper_engine.WORKER_MALLOC) is a mapping of its own, given back once freed.
        options.enable_cpu_mem_arena = False
        onnxruntime.set_seed(SEED)  # read by the session's random nodes as it is made
        return onnxruntime.InferenceSession(
            self._model, options, providers=["CPUExecutionProvider"]
        )

    def fresh(self) -> PiperVoice:
        """The piper voice with a new session: its noise as at its first text."""
        self.release()  # the old session's memory goes before the new one's comes
        self._voice.session = self._session()
        return self._voice

    def release(self) -> None:
        """Drop the session and give its memory back, so an idle worker holds none."""
        self._voice.session = None
        _trim()


def _options(level: Any) -> Any:  # onnxruntime's level and SessionOptions
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.graph_optimization_level = level
    options.log_severity_level = 3
    return options


def _optimised(model: Path) -> str:
    """The path of the model with onnxruntime's graph optimisations applied (the
    machine-independent ones: a session then needs none of its own), for the
    worker's life. On Linux the file is deleted at once and read through its open
    descriptor, so a killed worker leaves nothing behind."""
    import tempfile

    import onnxruntime

    options = _options(onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED)
    folder = tempfile.TemporaryDirectory(prefix="briefing-piper-")
    options.optimized_model_filepath = str(Path(folder.name) / "model.onnx")
    onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    if not Path("/proc/self/fd").is_dir():
        _KEPT.append(folder)  # removed when the worker exits
        return options.optimized_model_filepath
    handle = os.open(options.optimized_model_filepath, os.O_RDONLY)
    folder.cleanup()
    return f"/proc/self/fd/{handle}"


_KEPT: list[Any] = []
"""Folders of optimised models where they cannot be deleted while open (not Linux)."""


def _trim() -> None:
    """Give the heap's free memory back to the system (glibc keeps what a session freed)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


def synthesize(
    voice: PiperVoice, text: str, scale: float, volume: float, dest: str, speedup: float = 1.0
) -> list[list[int]]:
    """Speak ``text`` into ``dest``; return [offset, ms] marks, a mark per word.

    ``speedup`` > 1 time-compresses the result (pitch kept) for rates piper cannot reach.
    """
    import numpy as np
    from piper import SynthesisConfig

    from ..text import split_sentences
    from . import tempo

    rate = voice.config.sample_rate
    config = SynthesisConfig(length_scale=scale, volume=volume)
    # The pause between sentences stretches with the speech, so the rate holds.
    pause = np.zeros(int(SENTENCE_PAUSE_S * scale * rate), dtype=np.int16)
    pieces: list[np.ndarray] = []
    marks: list[list[int]] = []
    position = cursor = 0
    for sentence in split_sentences(text):
        offset = text.find(sentence, cursor)
        cursor = offset + len(sentence)
        audio = [chunk.audio_int16_array for chunk in voice.synthesize(sentence, config)]
        if not audio:
            continue
        # piper starts a sentence after 30-270 ms of silence, at random: cut to 15 ms,
        # so the sentence's mark (and a chapter that opens with it) is on its sound.
        samples = tempo.trim_silence(np.concatenate(audio), rate, tail_s=None)
        if not len(samples):
            continue
        # A mark per word, spread over the sentence by character position.
        for word in re.finditer(r"\S+", sentence):
            at = position + word.start() / max(len(sentence), 1) * len(samples)
            marks.append([offset + word.start(), round(at * 1000 / rate)])
        pieces.extend([samples, pause])
        position += len(samples) + len(pause)
    if not pieces:
        raise ValueError("piper produced no audio")
    pcm = np.concatenate(pieces[:-1]).tobytes()
    if speedup > 1.01:
        before = len(pcm) // 2
        pcm = tempo.compress(np.frombuffer(pcm, dtype=np.int16), rate, speedup).tobytes()
        scale = (len(pcm) // 2) / max(before, 1)
        marks = [[offset, round(ms * scale)] for offset, ms in marks]
    with wave.open(dest, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return marks


def main() -> None:  # pragma: no cover - runs in the worker process
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    voices: dict[str, SeededVoice] = {}
    for line in sys.stdin:
        answer: dict[str, Any]
        try:
            request = json.loads(line)
            voice_id = request["voice"]
            if voice_id not in voices:
                model, config = _model_paths(voice_id)
                voices[voice_id] = SeededVoice(model, config)
            voice = voices[voice_id].fresh()
            marks = synthesize(
                voice, request["text"], request["length_scale"], request["volume"],
                request["dest"], request.get("speedup", 1.0),
            )  # fmt: skip
            answer = {"marks": marks}
        except Exception as exc:  # one line back to the parent, never a traceback
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
        for loaded in voices.values():
            loaded.release()


if __name__ == "__main__":
    main()
