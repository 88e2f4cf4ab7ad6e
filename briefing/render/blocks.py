"""One block of the episode: what it is, and its rendering (speak, level, assemble, encode).

This module is all a render worker needs besides the engine, numpy and pydub:
it is kept free of the text stages (``briefing.speech`` and the like), so a
worker starts quickly.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..audio.mp3 import ENCODER_DELAY, QUALITY
from ..errors import EngineError
from ..models import WordMark
from ..voices import VoiceProfile
from .cache import CachedBlock
from .layout import ENCODED_TARGET_LUFS, SAMPLE_RATE, Part

log = logging.getLogger(__name__)

#: The time a block (or an engine speaking one text) has: this much, and this much
#: more a character. The renderer's per-block timeout and piper's own use it.
TIMEOUT_BASE_S = 60.0
TIMEOUT_PER_CHAR_S = 0.05


def speech_timeout_s(
    chars: int, base_s: float = TIMEOUT_BASE_S, per_char_s: float = TIMEOUT_PER_CHAR_S
) -> float:
    """Seconds to allow for speaking ``chars`` characters."""
    return base_s + per_char_s * chars


@dataclass(frozen=True)
class AudioSettings:
    """How blocks are leveled and encoded (all part of the cache key)."""

    bitrate_kbps: int = 64
    target_lufs: float = ENCODED_TARGET_LUFS
    quality: int = QUALITY
    """LAME's algorithm quality, 0 (best, slowest) to 9."""


DEFAULT_SETTINGS = AudioSettings()


@dataclass(frozen=True)
class BlockSpec:
    """One block to render: a stretch of speech with the stings and pauses around it."""

    kind: str
    """"intro", "lead-in" (a story's transition line), "story" or "outro"."""
    segment: int
    """The index of the script's segment the block belongs to."""
    title: str
    parts: tuple[Part, ...]
    lines: tuple[str, ...]
    """What is said, line by line, after ``to_spoken``."""
    profile: VoiceProfile
    settings: AudioSettings
    key: str
    """The cache key: a hash of everything that shapes the block's sound."""
    engine: str = ""
    """The engine's identity the key was made with (``tts.engine_identity``): a
    worker whose engine differs refuses the block rather than cache audio under
    a key that does not describe it."""

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@functools.cache
def _identity(profile: VoiceProfile) -> str:
    from ..tts import engine_identity

    return engine_identity(profile)


class BlockFailed(Exception):
    """The engine could not speak this block (the run may skip its story)."""


def render_block(spec: BlockSpec, workdir: Path) -> CachedBlock:
    """Speak, level, assemble and encode one block.

    Raises BlockFailed when the engine fails on this text, and BriefingError
    (VoiceError, EngineError) when the engine or voice cannot be used at all.
    """
    from ..audio import mix, mp3
    from ..tts import get_engine

    started = time.perf_counter()
    if spec.engine and _identity(spec.profile) != spec.engine:
        raise EngineError(
            f"this worker's speech engine is not the one the block was planned for "
            f"({_identity(spec.profile)}, not {spec.engine}); install the same versions"
        )
    marks: tuple[WordMark, ...] = ()
    speech = None  # a beat between stories says nothing: its parts are a chime and a pause
    if spec.text:
        engine = get_engine(spec.profile.engine)
        engine.check_voice(spec.profile)
        wav = workdir / f"block-{os.getpid()}-{spec.key[:16]}.wav"
        try:
            try:
                marks = engine.synthesize(spec.text, spec.profile, wav)
            except EngineError as exc:
                raise BlockFailed(str(exc)) from None
            speech = mix.load_speech(wav)
        finally:
            wav.unlink(missing_ok=True)
    spoken = time.perf_counter()
    assembled = mix.assemble(spec.parts, speech, spec.settings.target_lufs)
    mixed = time.perf_counter()
    data = mp3.encode(
        assembled.pcm,
        sample_rate=SAMPLE_RATE,
        bitrate_kbps=spec.settings.bitrate_kbps,
        quality=spec.settings.quality,
    )
    log.debug(
        "rendered %s '%s' (%.1f s of audio): speech %.3f s, mix %.3f s, encode %.3f s",
        spec.kind, spec.title, len(assembled.pcm) / 2 / SAMPLE_RATE,
        spoken - started, mixed - spoken, time.perf_counter() - mixed,
    )  # fmt: skip
    return CachedBlock(
        mp3=data,
        frames=mp3.count_frames(data),
        speech_start_ms=(ENCODER_DELAY + assembled.speech_start) * 1000 / SAMPLE_RATE,
        speech_ms=round(assembled.speech_samples * 1000 / SAMPLE_RATE),
        marks=tuple((m.offset, m.start_ms) for m in marks),
    )
