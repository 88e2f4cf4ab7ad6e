"""Installed package versions, found quickly (for cache keys).

``importlib.metadata`` costs about 20 ms to import and search on the first
call; a package's ``NAME-VERSION.dist-info`` folder beside it says the same.
"""

from __future__ import annotations

import functools
from importlib.machinery import ModuleSpec
from importlib.util import find_spec
from pathlib import Path

#: briefing's own version (also in pyproject.toml). Here, not in the package's
#: ``__init__``, so its modules need not import the package root back.
__version__ = "0.1.0"


def module_spec(module: str) -> ModuleSpec | None:
    """Where ``module`` would be imported from, without importing it; None when it
    is not installed (or its parent package is broken)."""
    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return None
    return spec if spec is not None and spec.origin else None


@functools.cache
def package_version(distribution: str, module: str | None = None) -> str:
    """The installed version of ``distribution`` (whose import name is
    ``module``, by default the same), or "?" when it cannot be told."""
    spec = module_spec(module or distribution)
    if spec is None or not spec.origin:
        return "not installed"
    folder = Path(spec.origin).parent
    if spec.submodule_search_locations:  # a package: its folder's parent holds the dist-info
        folder = folder.parent
    prefix = distribution.replace("-", "_").lower() + "-"
    for info in folder.glob("*.dist-info"):
        if info.name.lower().startswith(prefix):  # wheels write the name with "_"
            return info.name[len(prefix) : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"
