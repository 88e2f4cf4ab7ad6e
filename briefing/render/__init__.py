"""Render: the script's segments as encoded blocks, through the cache, in parallel.

``plan_blocks`` turns a script into block specifications (what to say, in
which voice, with which stings and pauses: ``briefing.render.layout``) and gives
each its cache key. This is cheap and imports no audio library, so a re-run
whose blocks are all cached never loads numpy, pydub or a speech engine.

``Renderer.render`` takes each block from the cache, or renders it: in a
pool of worker processes (``briefing.render.workers``), one block at a time each,
every worker keeping its engines for its life. ``render_block`` is the work
of one block: speak, level, assemble, encode.

The package, in the order the data flows: ``layout`` (what a block holds: speech,
stings, pauses), ``pool`` (``plan_blocks``, ``Renderer``, ``render_script``,
``timeline``), ``blocks`` (the work of one block), ``workers`` (the processes that
do it) and ``cache`` (the segment cache). Importing the package is light: its
names load ``pool`` on first use, so a worker (``python -m briefing.render.workers``)
and the up-to-date check start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .blocks import AudioSettings, BlockFailed, BlockSpec, render_block
    from .pool import (
        RENDER_VERSION,
        Rendered,
        Renderer,
        Timeline,
        block_key,
        plan_blocks,
        render_script,
        timeline,
    )

__all__ = [
    "AudioSettings",
    "BlockFailed",
    "BlockSpec",
    "RENDER_VERSION",
    "Rendered",
    "Renderer",
    "Timeline",
    "block_key",
    "plan_blocks",
    "render_block",
    "render_script",
    "timeline",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import pool

        return getattr(pool, name)
    raise AttributeError(f"module 'briefing.render' has no attribute {name!r}")
