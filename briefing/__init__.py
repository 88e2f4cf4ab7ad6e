"""briefing: turn the day's news into a podcast-style audio briefing, offline.

The pipeline, one module per stage::

    sources -> summarize -> script -> tts -> mix -> (mp3, files)

Library use::

    from briefing import generate
    episode = generate(["article.txt"], out_dir=Path("out"))
    print(episode.mp3_path, episode.duration_ms)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Show
    from .pipeline import generate, prepare_script
    from .summarize import summarize
    from .versions import __version__

__all__ = ["Show", "__version__", "generate", "prepare_script", "summarize"]

_LAZY = {
    "generate": "pipeline",
    "prepare_script": "pipeline",
    "Show": "models",
    "summarize": "summarize",
    "__version__": "versions",
}


def __getattr__(name: str) -> Any:
    # Import stages on first use: `briefing --help` stays fast and light.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
