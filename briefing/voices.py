"""Voice profiles: small TOML files naming an engine, its voice, a rate and a volume.

Profiles are static configuration (like piper's ``model.onnx.json``); the
choice of profile for a run is an argument. They are looked up in the folders
of ``$BRIEFING_VOICES`` (``os.pathsep``-separated), then in the profiles that
ship with briefing (the repository's ``voices/`` folder).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import EngineUnavailable, LanguageError, VoiceError
from .tomlfile import read_toml

log = logging.getLogger(__name__)

MIN_RATE, MAX_RATE = 120, 450
#: The show's voice when none are chosen: the neural presenter (hibari) reads
#: everything. A news bulletin has one presenter; a second voice (piper's newsreader
#: costs three times the time and twice the memory) is one line of config away.
DEFAULT_HOST = "presenter"
ENV_VOICES = "BRIEFING_VOICES"
ENV_LEXICON = "BRIEFING_LEXICON"
"""A lexicon file of the user's, read over the bundled ``voices/lexicon.toml``."""


@dataclass(frozen=True)
class VoiceProfile:
    """A named voice for the show."""

    name: str
    """The profile's name, as given to ``--voice``."""
    engine: str
    """The text-to-speech engine, by its registry name (``pyttsx3``)."""
    voice: str
    """The engine's own voice id (for pyttsx3/espeak-ng: ``en-us``, ``en-gb-x-rp+f3``...)."""
    rate: int = 170
    """Speaking rate in words per minute."""
    volume: float = 1.0
    """Loudness from 0.0 to 1.0."""
    language: str = "en"
    """Language of the voice (BCP 47)."""
    description: str = ""
    """One line for ``briefing voices``."""
    display_name: str = ""
    """The name the host introduces the voice by ("Sam Reyes"); empty: the voice is
    never introduced, so it hosts or the host reads its stories itself."""
    fallback: str = ""
    """The profile that reads instead when this one's engine cannot be loaded (its
    package is missing or broken), with a warning; empty: the run stops."""
    path: Path | None = None
    """The file the profile came from."""

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str) -> VoiceProfile:
        """Build a profile from parsed TOML, checking every key and value."""
        known = {f.name for f in fields(cls)} - {"path"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise VoiceError(
                f"{source}: unknown key '{unknown[0]}' in voice profile; "
                f"valid keys: {', '.join(sorted(known))}"
            )
        for key in ("name", "engine", "voice"):
            value = data.get(key)
            if not isinstance(value, str) or not value.strip():
                raise VoiceError(f"{source}: '{key}' must be a non-empty string")
        for key in ("language", "description", "fallback", "display_name"):
            if key in data and not isinstance(data[key], str):
                raise VoiceError(f"{source}: '{key}' must be a string")
        rate = data.get("rate", cls.rate)
        if isinstance(rate, bool) or not isinstance(rate, int) or not MIN_RATE <= rate <= MAX_RATE:
            raise VoiceError(
                f"{source}: 'rate' must be a whole number of words per minute "
                f"from {MIN_RATE} to {MAX_RATE}, not {rate!r}"
            )
        volume = data.get("volume", cls.volume)
        if isinstance(volume, bool) or not isinstance(volume, int | float) or not 0 <= volume <= 1:
            raise VoiceError(f"{source}: 'volume' must be a number from 0.0 to 1.0, not {volume!r}")
        return cls(
            name=data["name"].strip(),
            engine=data["engine"].strip(),
            voice=data["voice"].strip(),
            rate=rate,
            volume=float(volume),
            language=data.get("language", cls.language),
            description=data.get("description", ""),
            fallback=data.get("fallback", "").strip(),
            display_name=" ".join(data.get("display_name", "").split()),
        )


def load_profile(path: Path) -> VoiceProfile:
    """Read one voice profile file."""
    data = read_toml(path, "voice profile", VoiceError)
    profile = VoiceProfile.from_dict(data, source=str(path))
    if profile.name != path.stem:
        log.debug("voice profile %s is named %r", path, profile.name)
    return replace(profile, path=path)


def bundled_voices_dir() -> Path:
    """The voice profiles shipped with briefing.

    In a wheel they are packaged as ``briefing/_voices``; in a source checkout
    (and an editable install) they are the repository's ``voices/`` folder.
    """
    packaged = Path(__file__).with_name("_voices")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "voices"


def profile_dirs() -> list[Path]:
    """Folders searched for voice profiles, first match wins."""
    extra = [Path(p) for p in os.environ.get(ENV_VOICES, "").split(os.pathsep) if p]
    return [*extra, bundled_voices_dir()]


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """Log a warning the first time in this process: the profiles are listed again for
    every voice a run looks up, and a bad file is one line, not one a lookup."""
    if message not in _warned:
        _warned.add(message)
        log.warning("%s", message)


def list_profiles(dirs: list[Path] | None = None) -> list[VoiceProfile]:
    """Every valid profile, by name; an invalid file is skipped with a warning."""
    found: dict[str, VoiceProfile] = {}
    for folder in dirs if dirs is not None else profile_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            if path.name == "lexicon.toml":
                continue
            try:
                profile = load_profile(path)
            except VoiceError as exc:
                _warn_once(f"skipping voice profile: {exc}")
                continue
            found.setdefault(profile.name, profile)
    return sorted(found.values(), key=lambda p: p.name)


def get_profile(name: str, dirs: list[Path] | None = None) -> VoiceProfile:
    """The profile called ``name`` (or read from ``name`` when it is a .toml path)."""
    if name.endswith(".toml"):
        return load_profile(Path(name))
    profiles = list_profiles(dirs)
    for profile in profiles:
        if profile.name == name:
            return profile
    available = ", ".join(p.name for p in profiles) or "none"
    raise VoiceError(
        f"unknown voice '{name}'; available voices: {available} "
        "(see `briefing voices`, or give a path to a .toml profile)"
    )


def default_voices() -> tuple[str, ...]:
    """The show's voices when none are asked for: the presenter alone, whatever
    engines are installed (``voices = ["presenter", "newsreader"]`` in the config,
    or ``--voice`` twice, asks for a second one)."""
    return (DEFAULT_HOST,)


def show_voices(language: str | None = None) -> tuple[str, ...]:
    """The voices of a show in ``language`` when none are asked for: English's
    ``default_voices``, another language's default voice
    (``languages.Language.default_voice``)."""
    from .languages import get_language

    said = get_language(language)
    return default_voices() if said.tag == "en" else (said.default_voice,)


def check_language(profiles: Sequence[VoiceProfile], language: str) -> None:
    """Raise LanguageError when a voice speaks another language than the show's."""
    from .languages import get_language, primary_tag

    show = get_language(language)
    for profile in profiles:
        if primary_tag(profile.language) != show.tag:
            raise LanguageError(
                f"voice '{profile.name}' speaks {profile.language}, not the show's language "
                f"{language}: choose a {show.name} voice such as '{show.default_voice}' "
                "(see `briefing voices`), or leave --voice out"
            )


# -- casting a show ----------------------------------------------------------------


def resolve_voices(
    names: Sequence[str], wpm: int | None = None, *, check: bool = True
) -> list[VoiceProfile]:
    """Load the voice profiles (every one at ``wpm`` words a minute when given) and,
    with ``check``, check each against its engine (which starts the engine)."""
    profiles = [get_profile(name) for name in names]
    if wpm is not None:
        if not MIN_RATE <= wpm <= MAX_RATE:
            raise VoiceError(
                f"a speaking rate of {wpm} words a minute is outside {MIN_RATE}-{MAX_RATE}"
            )
        profiles = [replace(p, rate=wpm) for p in profiles]
    if check:
        from .tts import get_engine

        for profile in profiles:
            get_engine(profile.engine).check_voice(profile)
    return profiles


def fall_back(
    profiles: Sequence[VoiceProfile],
    failure: EngineUnavailable,
    *,
    asked: bool,
    wpm: int | None = None,
) -> list[VoiceProfile]:
    """The show's voices without those whose engine cannot load (``failure``), with a
    warning for each. A voice with a ``fallback`` profile is replaced by it; in the
    default show (``asked`` false) the host's fallback reads the whole show, and a
    second voice that cannot load is left out, so a neural voice never alternates
    with a formant one unless asked. Raises ``failure`` when a voice has no fallback."""
    kept: list[VoiceProfile] = []
    for position, profile in enumerate(profiles):
        if profile.engine != failure.engine:
            kept.append(profile)
            continue
        if not asked and position > 0:
            log.warning("voice '%s' cannot be used: %s; the show goes on without it",
                        profile.name, failure)  # fmt: skip
            continue
        if not profile.fallback:
            raise failure
        substitute = resolve_voices([profile.fallback], wpm, check=False)[0]
        if substitute.engine == failure.engine:
            raise failure
        log.warning(
            "voice '%s' cannot be used: %s; '%s' (%s) reads %s instead",
            profile.name, failure, substitute.name, substitute.engine,
            "its stories" if asked else "the show",
        )  # fmt: skip
        if not asked:
            return [substitute]
        kept.append(substitute)
    unique = {p.name: p for p in kept}
    return list(unique.values())


def cast_voices(
    names: Sequence[str], wpm: int | None = None, language: str | None = None
) -> tuple[list[VoiceProfile], dict[str, str]]:
    """The show's voice profiles (the default show's when ``names`` is empty) and
    each one's engine identity, for cache keys. A voice whose engine is not
    installed is replaced by its fallback (``fall_back``); its voice not being on
    this machine is an error (VoiceError). With the show's ``language``, a voice of
    another is an error (LanguageError)."""
    from .tts import engine_identity

    asked = bool(names)
    chosen = list(names) or list(show_voices(language))
    profiles = resolve_voices(chosen, wpm, check=False)
    if language is not None:
        check_language(profiles, language)
    while True:
        try:
            return profiles, {p.name: engine_identity(p) for p in profiles}
        except EngineUnavailable as failure:
            profiles = fall_back(profiles, failure, asked=asked, wpm=wpm)


def display_names(voices: Sequence[str]) -> dict[str, str]:
    """Each voice's display name, by which the host introduces it."""
    return {name: get_profile(name).display_name for name in voices}
