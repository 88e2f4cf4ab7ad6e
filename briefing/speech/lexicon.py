"""The pronunciation lexicon: respellings of names the voices get wrong."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ..tomlfile import read_toml
from ..voices import ENV_LEXICON


def load_lexicon(path: Path) -> dict[str, str]:
    """A lexicon file: a [words] table of written = "said" pairs."""
    from ..errors import VoiceError

    data = read_toml(path, "lexicon", VoiceError)
    words = data.get("words", {})
    if not isinstance(words, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in words.items()
    ):
        raise VoiceError(f"{path}: [words] must map written words to how they are said, as strings")
    return dict(words)


@functools.cache
def default_lexicon() -> Mapping[str, str]:
    """The bundled lexicon (voices/lexicon.toml), then the user's ($BRIEFING_LEXICON) over it."""
    from ..voices import bundled_voices_dir

    lexicon: dict[str, str] = {}
    bundled = bundled_voices_dir() / "lexicon.toml"
    if bundled.is_file():
        lexicon.update(load_lexicon(bundled))
    user = os.environ.get(ENV_LEXICON)
    if user:
        lexicon.update(load_lexicon(Path(user)))
    return lexicon


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace whole words and phrases by their respelling, longest first."""
    if not lexicon:
        return text
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(w) for w in sorted(lexicon, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return pattern.sub(lambda m: lexicon[m.group(1)], text)
