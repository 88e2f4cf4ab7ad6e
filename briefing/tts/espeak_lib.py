"""Find libespeak-ng for pyttsx3: the system's, or the one on PyPI.

pyttsx3 loads ``libespeak-ng.so.1`` by name and has no setting for a path.
When the system has no espeak-ng, the library from the ``espeakng-loader``
package is loaded first under that name, with its data folder in
``ESPEAK_DATA_PATH``, and pyttsx3 then drives it.

``BRIEFING_ESPEAK`` chooses the route: ``auto`` (default: system, else
bundled), ``system`` or ``bundled``. The choice is made once per process.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from ..errors import EngineError

log = logging.getLogger(__name__)

ENV_ROUTE = "BRIEFING_ESPEAK"
ROUTES = ("auto", "system", "bundled")
INSTALL_HINT = (
    "install espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng; "
    "Fedora: sudo dnf install espeak-ng; macOS: brew install espeak-ng) "
    "or the PyPI package: pip install espeakng-loader"
)


@dataclass(frozen=True)
class EspeakLibrary:
    """Which libespeak-ng this process uses."""

    route: str
    """"system" or "bundled" (from espeakng-loader)."""
    path: str
    """The shared library file (or its soname for the system's)."""
    data_path: str | None
    """The espeak-ng-data folder, when it is not the library's built-in one."""


_chosen: EspeakLibrary | None = None
_loaded: EspeakLibrary | None = None


def _dlopen(path: str) -> bool:
    """Load a library globally, so that pyttsx3's later load by soname finds it."""
    import ctypes

    try:
        ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    except OSError as exc:
        log.debug("libespeak-ng %s does not load: %s", path, exc)
        return False
    return True


def _route() -> str:
    route = os.environ.get(ENV_ROUTE, "auto").strip().lower() or "auto"
    if route not in ROUTES:
        raise EngineError(f"{ENV_ROUTE}={route!r} is not valid; use one of: {', '.join(ROUTES)}")
    return route


def _bundled() -> EspeakLibrary | None:
    try:
        import espeakng_loader
    except ImportError:
        return None
    return EspeakLibrary(
        "bundled", espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
    )


def choose() -> EspeakLibrary:
    """Which libespeak-ng this process's speech uses, by the route BRIEFING_ESPEAK asks
    for, found without loading it (the choice is made once per process). Raises
    EngineError, saying what to install, when there is none."""
    global _chosen
    if _chosen is not None:
        return _chosen
    import ctypes.util

    route, library = _route(), None
    if route in ("auto", "system"):
        name = ctypes.util.find_library("espeak-ng")
        if name:
            library = EspeakLibrary("system", name, None)
        elif route == "system":
            raise EngineError(f"espeak-ng is not installed on this system; {INSTALL_HINT}")
    library = library or _bundled()
    if library is None:
        raise EngineError(f"no espeak-ng library found; {INSTALL_HINT}")
    _chosen = library
    return library


def load() -> EspeakLibrary:
    """Load the chosen libespeak-ng once for this process (the system's, when it does not
    load and the route is ``auto``: the bundled one). Only the espeak-ng speaker process
    loads it (``pyttsx3_speaker``): with it come libraries such as the system's
    libmp3lame, whose symbols then take the place of lameenc's own."""
    global _chosen, _loaded
    if _loaded is not None:
        return _loaded
    library = choose()
    if library.route == "system" and not _dlopen(library.path):
        fallback = _bundled() if _route() == "auto" else None
        if fallback is None:
            raise EngineError(f"the system's libespeak-ng does not load; {INSTALL_HINT}")
        library = _chosen = fallback
    if library.route == "bundled":
        # libespeak-ng reads its data folder from this variable; without it the
        # bundled library looks in a path baked in at its build.
        os.environ["ESPEAK_DATA_PATH"] = library.data_path or ""
        if not _dlopen(library.path):
            raise EngineError(f"the bundled libespeak-ng does not load; {INSTALL_HINT}")
    log.info("using %s libespeak-ng (%s)", library.route, library.path)
    _loaded = library
    return library


#: Where the dynamic linker finds system libraries (after $LD_LIBRARY_PATH); {arch}
#: is the multiarch triplet ("x86_64-linux-gnu").
_LIBRARY_DIRS = (
    "/usr/local/lib/{arch}", "/usr/local/lib", "/usr/lib/{arch}", "/lib/{arch}",
    "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/opt/homebrew/lib",
)  # fmt: skip
_LIBRARY_NAMES = ("libespeak-ng.so.1", "libespeak-ng.1.dylib", "libespeak-ng.dylib")


def _system_library_file() -> str | None:
    """The system libespeak-ng's file, found without loading it or running
    ``ldconfig``: in $LD_LIBRARY_PATH and the usual library folders, else by
    ctypes.util (which runs ``ldconfig -p``)."""
    import sysconfig

    arch = sysconfig.get_config_var("MULTIARCH") or ""
    folders = [*os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep)]
    folders += [folder.format(arch=arch) for folder in _LIBRARY_DIRS]
    for folder in filter(None, folders):
        for name in _LIBRARY_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.exists(candidate):
                return candidate
    import ctypes.util

    return ctypes.util.find_library("espeak-ng")


def fingerprint() -> str:
    """Which libespeak-ng this process would use, and its version, told without
    loading it (for cache keys): "system /usr/lib/.../libespeak-ng.so.1.1.51 (410232 bytes)".
    Raises EngineError, saying what to install, when there is none."""
    chosen = _loaded or _chosen
    route = "bundled" if chosen is not None and chosen.route == "bundled" else _route()
    if route in ("auto", "system"):
        path = _system_library_file()
        if path:
            real = os.path.realpath(path)
            try:
                size = os.stat(real).st_size
            except OSError:
                size = 0
            return f"system {real} ({size} bytes)"
        if route == "system":
            raise EngineError(f"espeak-ng is not installed on this system; {INSTALL_HINT}")
    from ..versions import module_spec, package_version

    if module_spec("espeakng_loader") is None:
        raise EngineError(f"no espeak-ng library found; {INSTALL_HINT}")
    return f"bundled espeakng-loader {package_version('espeakng-loader', 'espeakng_loader')}"
