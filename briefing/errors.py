"""One exception hierarchy for the whole library.

Every message says what went wrong, where, and what to do about it, in one
line, so the CLI can show it to the user as it is.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class of every error briefing raises on purpose."""

    exit_code = 1
    """The command line's exit status for this error (see the README's table)."""


class SourceError(BriefingError):
    """An article source could not be read or understood."""


class LanguageError(BriefingError):
    """The show's language is one briefing does not speak, or a voice speaks another."""


class NoStoriesError(BriefingError):
    """Nothing usable was left to make a briefing from."""


class VoiceError(BriefingError):
    """A voice profile is missing or invalid."""


class EngineError(BriefingError):
    """A text-to-speech engine is missing, misconfigured or failed."""


class EngineUnavailable(EngineError):
    """A text-to-speech engine's libraries are not installed or cannot be loaded:
    a voice that names a fallback is read by it instead."""

    def __init__(self, message: str, engine: str = "") -> None:
        super().__init__(message)
        self.engine = engine
        """The registry name of the engine that cannot be used."""

    def __reduce__(self) -> tuple[type[EngineUnavailable], tuple[str, str]]:
        # Pickled across the render workers' pipes, with its engine.
        return (type(self), (str(self), self.engine))


class AudioError(BriefingError):
    """Mixing or encoding the audio failed (for example, no MP3 encoder)."""


class OutputError(BriefingError):
    """An output file or folder could not be written."""


class ClusterError(BriefingError):
    """The Dask scheduler of ``--scheduler`` cannot be reached or used: the run stops
    (a batch's setting, never one show's)."""


class BusyError(BriefingError):
    """Another briefing run holds the output folder."""

    exit_code = 75  # EX_TEMPFAIL: try again later
