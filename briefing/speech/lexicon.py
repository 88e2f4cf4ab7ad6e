"""The pronunciation lexicon: respellings of names the voices get wrong, engine by engine.

A respelling is written for the engine that misreads the word: espeak-ng (pyttsx3 on
Linux, and piper, whose voices are phonemised by espeak-ng) reads "Nepal" as English
spelling and needs "Nepawl", while a neural voice with its own dictionary (hibari) says
"Nepal" right and hears "Nepawl" as another word ("apple", at 450 words a minute). So
an entry names the engines it is for; an engine it does not name gets the word as it
is written. A lexicon file::

    [words]
    "Raqqa" = { say = "Rakka", engines = ["pyttsx3", "piper"] }
    "Varenholm" = "Varren holm"      # a plain string: for every engine
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..tomlfile import read_toml
from ..voices import ENV_LEXICON


@dataclass(frozen=True)
class Respelling:
    """How a written word or phrase is said, and by which engines."""

    said: str
    engines: frozenset[str] = frozenset()
    """The engines (by their registry names, as voice profiles name them) that say it
    so; empty: every engine."""

    def applies_to(self, engine: str | None) -> bool:
        """Whether ``engine`` says it so (None: any engine, as before engines were named)."""
        return engine is None or not self.engines or engine in self.engines


def _entry(path: Path, written: object, value: object) -> Respelling:
    from ..errors import VoiceError
    from ..tts import engine_names

    where = f"{path}: [words] {written!r}"
    if not isinstance(written, str) or not written.strip():
        raise VoiceError(f"{path}: [words] must map written words to how they are said, as strings")
    if isinstance(value, str) and value.strip():
        return Respelling(value)
    if not isinstance(value, dict):
        raise VoiceError(f"{path}: [words] must map written words to how they are said, as strings")
    said, engines = value.get("say"), value.get("engines")
    unknown = set(value) - {"say", "engines"}
    if unknown:
        raise VoiceError(f"{where} has {', '.join(sorted(unknown))}: only 'say' and 'engines'")
    if not isinstance(said, str) or not said.strip():
        raise VoiceError(f'{where} needs say = "how it is said"')
    if not isinstance(engines, list) or not engines or not all(isinstance(e, str) for e in engines):
        raise VoiceError(f'{where}: engines must list engine names, e.g. ["pyttsx3", "piper"]')
    known = engine_names()
    for engine in engines:
        if engine not in known:
            raise VoiceError(
                f"{where} names the engine {engine!r}, which is not one of {', '.join(known)}: "
                "name an engine as voice profiles do"
            )
    return Respelling(said, frozenset(engines))


def load_lexicon(path: Path) -> dict[str, Respelling]:
    """A lexicon file: a [words] table of written = "said" (for every engine) or written =
    { say = "said", engines = [...] } pairs."""
    from ..errors import VoiceError

    data = read_toml(path, "lexicon", VoiceError)
    words = data.get("words", {})
    if not isinstance(words, dict):
        raise VoiceError(f"{path}: [words] must map written words to how they are said, as strings")
    return {written: _entry(path, written, value) for written, value in words.items()}


def _merged() -> Mapping[str, Respelling]:
    """The bundled lexicon (voices/lexicon.toml), then the user's ($BRIEFING_LEXICON) over it."""
    from ..voices import bundled_voices_dir

    lexicon: dict[str, Respelling] = {}
    bundled = bundled_voices_dir() / "lexicon.toml"
    if bundled.is_file():
        lexicon.update(load_lexicon(bundled))
    user = os.environ.get(ENV_LEXICON)
    if user:
        lexicon.update(load_lexicon(Path(user)))
    return lexicon


@functools.cache
def default_lexicon(engine: str | None = None) -> Mapping[str, str]:
    """The respellings ``engine`` says (its own and every engine's), from the bundled
    lexicon and the user's over it; None: every entry. Read once an engine (a test
    that changes the files calls ``default_lexicon.cache_clear()``)."""
    return {w: r.said for w, r in _merged().items() if r.applies_to(engine)}


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace whole words and phrases by their respelling, longest first."""
    if not lexicon:
        return text
    return _pattern(tuple(sorted(lexicon, key=len, reverse=True))).sub(
        lambda m: lexicon[m.group(1)], text
    )


@functools.lru_cache(maxsize=16)
def _pattern(written: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in written) + r")(?![\w-])")
