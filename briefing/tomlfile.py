"""Reading a TOML file (a config, a voice profile, a lexicon) as hostile input.

Only a regular file is opened (a named pipe would wait forever for a writer),
only so many bytes are read, and every way it can fail, a nesting so deep that
the parser runs out of stack included, becomes one line naming the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import BriefingError
from .files import read_regular

#: A TOML file briefing reads is a few kilobytes; this is far more than any needs.
MAX_TOML_BYTES = 1_000_000


def read_toml(path: Path, what: str, error: type[BriefingError] = BriefingError) -> dict[str, Any]:
    """The parsed document of ``path`` (``what`` names it in messages: "config").

    Raises ``error`` with a one-line message for a missing, unreadable, special,
    oversized, non-UTF-8 or invalid file."""
    data = read_regular(path, what, MAX_TOML_BYTES, error)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path}: not UTF-8 text (byte {exc.start}); save the {what} as UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise error(f"{path}: not valid TOML (nested too deeply)") from None
