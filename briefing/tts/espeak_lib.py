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


def _load_system() -> EspeakLibrary | None:
    import ctypes.util

    name = ctypes.util.find_library("espeak-ng")
    if not name or not _dlopen(name):
        return None
    return EspeakLibrary("system", name, None)


def _load_bundled() -> EspeakLibrary | None:
    try:
        import espeakng_loader
    except ImportError:
        return None
    library = espeakng_loader.get_library_path()
    data = espeakng_loader.get_data_path()
    # libespeak-ng reads its data folder from this variable; without it the
    # bundled library looks in a path baked in at its build.
    os.environ["ESPEAK_DATA_PATH"] = data
    if not _dlopen(library):
        return None
    return EspeakLibrary("bundled", library, data)


def load() -> EspeakLibrary:
    """Load libespeak-ng once for this process, by the route BRIEFING_ESPEAK asks for."""
    global _loaded
    if _loaded is not None:
        return _loaded
    route = os.environ.get(ENV_ROUTE, "auto").strip().lower() or "auto"
    if route not in ROUTES:
        raise EngineError(f"{ENV_ROUTE}={route!r} is not valid; use one of: {', '.join(ROUTES)}")
    library = None
    if route in ("auto", "system"):
        library = _load_system()
        if library is None and route == "system":
            raise EngineError(f"espeak-ng is not installed on this system; {INSTALL_HINT}")
    if library is None:
        library = _load_bundled()
        if library is None:
            raise EngineError(f"no espeak-ng library found; {INSTALL_HINT}")
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
    if _loaded is not None and _loaded.route == "bundled":
        route = "bundled"
    else:
        route = os.environ.get(ENV_ROUTE, "auto").strip().lower() or "auto"
    if route not in ROUTES:
        raise EngineError(f"{ENV_ROUTE}={route!r} is not valid; use one of: {', '.join(ROUTES)}")
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
