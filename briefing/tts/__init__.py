"""Text-to-speech: an engine Protocol and a registry of engines by name.

Engines are imported lazily, on first use, so an engine's packages are only
needed by those who use it. Each engine is created once per process and kept
for the life of the process (pyttsx3 crashes when engines are re-created).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import EngineError
from ..models import WordMark  # noqa: F401  (re-exported: engines and tests import it from here)
from ..voices import VoiceProfile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineVoice:
    """A voice an engine offers."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    gender: str | None = None


@runtime_checkable
class Engine(Protocol):
    """What the pipeline needs of a text-to-speech engine."""

    name: str

    def describe(self) -> str:
        """One line: the engine, its version, and the library it drives."""
        ...

    def voices(self) -> list[EngineVoice]:
        """The voices this engine can speak with."""
        ...

    def check_voice(self, profile: VoiceProfile) -> None:
        """Raise VoiceError when the profile's voice does not exist in this engine."""
        ...

    def resolve_voice(self, voice: str) -> str:
        """What a profile's ``voice`` names on this machine (the engine's full id, the
        voice's file), for ``briefing voices``; raises VoiceError when it names none."""
        ...

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        """Speak ``text`` with ``profile`` into the WAV file ``dest``.

        Returns when each word starts, in text order (empty when the engine
        cannot tell; transcripts then estimate). Raises EngineError when no
        audio was produced.
        """
        ...


EngineFactory = Callable[[], Engine]


@runtime_checkable
class IdentifiesItself(Protocol):
    """An engine class that tells its identity (name, version, library, voice model)
    for a profile without being started, for cache keys (``engine_identity``)."""

    def identity(self, profile: VoiceProfile) -> str: ...


#: pyttsx3 drives espeak-ng on Linux (carefully: see pyttsx3_engine), and the
#: platform's own voice elsewhere (NSSpeechSynthesizer on macOS, SAPI5 on Windows).
_PYTTSX3 = (
    "briefing.tts.pyttsx3_platform:PlatformEngine"
    if sys.platform in ("darwin", "win32")
    else "briefing.tts.pyttsx3_engine:Pyttsx3Engine"
)

#: name -> "module:Class" (imported on first use) or a factory callable.
_REGISTRY: dict[str, str | EngineFactory] = {
    "hibari": "briefing.tts.hibari_engine:HibariEngine",
    "pyttsx3": _PYTTSX3,
    "piper": "briefing.tts.piper_engine:PiperEngine",
}
_INSTANCES: dict[str, Engine] = {}


def register_engine(name: str, factory: str | EngineFactory) -> None:
    """Add (or replace) an engine: a ``"module:Class"`` path or a callable."""
    _REGISTRY[name] = factory
    _INSTANCES.pop(name, None)


def unregister_engine(name: str) -> None:
    """Remove an engine added with :func:`register_engine`, and the instance this
    process kept of it; nothing happens if no engine has that name."""
    _REGISTRY.pop(name, None)
    _INSTANCES.pop(name, None)


def engine_names() -> list[str]:
    """Names of the registered engines."""
    return sorted(_REGISTRY)


def _factory(name: str) -> str | EngineFactory:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise EngineError(
            f"unknown text-to-speech engine '{name}'; "
            f"available engines: {', '.join(engine_names())}"
        ) from None


def _import_factory(name: str, path: str) -> EngineFactory:
    module_name, _, class_name = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise EngineError(
            f"engine '{name}' is not installed ({exc}); install its package with pip"
        ) from None
    return getattr(module, class_name)


def importable_registry(names: Iterable[str]) -> dict[str, str] | None:
    """The registry entries of these engines as "module:Class" paths, which a
    worker process can load; None when one was registered as a callable (it
    only exists in this process)."""
    found = {}
    for name in names:
        factory = _factory(name)
        if not isinstance(factory, str):
            return None
        found[name] = factory
    return found


def engine_identity(profile: VoiceProfile) -> str:
    """What a cache key must know of the profile's engine: its name, version and
    library (and voice model where the engine has one), told without starting
    the engine when its class can (a classmethod ``identity(profile)``)."""
    factory = _factory(profile.engine)
    if isinstance(factory, str):
        factory = _import_factory(profile.engine, factory)
    if isinstance(factory, IdentifiesItself):
        return f"{profile.engine}: {factory.identity(profile)}"
    return f"{profile.engine}: {get_engine(profile.engine).describe()}"


def get_engine(name: str) -> Engine:
    """The engine called ``name``, created on first use and kept for the process."""
    if name in _INSTANCES:
        return _INSTANCES[name]
    factory = _factory(name)
    if isinstance(factory, str):
        factory = _import_factory(name, factory)
    log.debug("starting text-to-speech engine %s", name)
    engine = factory()
    _INSTANCES[name] = engine
    return engine
