"""The piper worker: ``python -m briefing.tts.piper_worker``, one JSON request a line.

Each request names a text, a voice, a length scale, a volume and a WAV file to
write; the answer is one JSON line with the word marks or an error. It
imports piper and never pyttsx3 (their two espeak-ng copies crash together).
"""

from __future__ import annotations

import json
import os
import re
import sys
import wave

from .piper_engine import SENTENCE_PAUSE_S, _model_paths


def synthesize(
    voice, text: str, scale: float, volume: float, dest: str, speedup: float = 1.0
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
    pieces: list = []
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
    audio = np.concatenate(pieces[:-1]).tobytes()
    if speedup > 1.01:
        before = len(audio) // 2
        audio = tempo.compress(np.frombuffer(audio, dtype=np.int16), rate, speedup).tobytes()
        scale = (len(audio) // 2) / max(before, 1)
        marks = [[offset, round(ms * scale)] for offset, ms in marks]
    with wave.open(dest, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(audio)
    return marks


def main() -> None:  # pragma: no cover - runs in the worker process
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    from piper import PiperVoice

    voices: dict[str, object] = {}
    for line in sys.stdin:
        try:
            request = json.loads(line)
            voice_id = request["voice"]
            if voice_id not in voices:
                model, config = _model_paths(voice_id)
                voices[voice_id] = PiperVoice.load(model, config_path=config)
            marks = synthesize(
                voices[voice_id], request["text"], request["length_scale"], request["volume"],
                request["dest"], request.get("speedup", 1.0),
            )  # fmt: skip
            answer = {"marks": marks}
        except Exception as exc:  # one line back to the parent, never a traceback
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
