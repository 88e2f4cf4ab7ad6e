"""The pyttsx3 engine (espeak-ng on Linux), driven the way that proved reliable.

pyttsx3 2.99 on Linux loses files, hangs and crashes when driven carelessly
(see the project notes). This engine therefore:

- creates exactly one pyttsx3 engine per process and keeps it for life;
- warms it up with one ``runAndWait()`` before any real work (the first call
  in a process returns before synthesis ends);
- queues exactly one ``save_to_file()`` per ``runAndWait()`` and never calls
  ``runAndWait()`` with nothing queued (that hangs);
- waits for the driver's "finished-utterance" notification before going on:
  with libespeak-ng's asynchronous retrieval mode, ``runAndWait()`` returns
  about 10 ms after synthesis *starts*, so a long text is still being spoken
  (and its file not yet written) when it returns; starting the next text then
  mixes up files, voices and rates;
- sets the rate and volume inside the text, as espeak-ng embedded commands
  (``\\x01<n>S``, ``\\x01<n>A``): ``setProperty("rate")`` goes through
  espeak-ng's command queue while the voice is set at once, and in a long run
  about a third of the texts came out at the previous text's rate;
- records espeak-ng's word events (text position and audio position) by
  wrapping the driver's synthesis callback, so transcripts and chapters know
  when each sentence is heard;
- checks that each file exists and holds audio, and tries once more if not;
- corrects the WAV header's sample rate, which pyttsx3 always writes as 22050 Hz
  although mbrola voices (``mb-us1``...) produce 16 kHz (they played 1.38x too fast);
- keeps the driver's "Audio saved to ..." chatter off standard output.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
import re
import tempfile
import threading
import time
import wave
from pathlib import Path

from ..errors import EngineError, VoiceError
from ..voices import VoiceProfile
from . import EngineVoice, WordMark, espeak_lib

log = logging.getLogger(__name__)

_GENDERS = {"Male": "male", "Female": "female"}
#: Seconds to wait for one text to be synthesised (espeak-ng runs hundreds of
#: times faster than real time, so this only trips on a hung driver).
TIMEOUT_BASE_S = 30.0
TIMEOUT_PER_CHAR_S = 0.01


#: The sample rate pyttsx3 writes into every WAV header, whatever the voice.
PYTTSX3_WAV_RATE = 22050


def fix_wav_rate(path: Path, rate: int) -> bool:
    """Rewrite a WAV file's header to ``rate`` when it says otherwise; True if it did."""
    with wave.open(str(path), "rb") as wav:
        if wav.getframerate() == rate:
            return False
        params, frames = wav.getparams(), wav.readframes(wav.getnframes())
    with wave.open(str(path), "wb") as wav:
        wav.setparams(params._replace(framerate=rate))
        wav.writeframes(frames)
    log.debug("%s: sample rate corrected to %d Hz", path.name, rate)
    return True


def wav_frames(path: Path) -> int:
    """Number of audio frames in a WAV file, 0 when missing or unreadable."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes()
    except (FileNotFoundError, EOFError, wave.Error):
        return 0


class Pyttsx3Engine:
    """Speech through pyttsx3 and libespeak-ng."""

    name = "pyttsx3"

    def __init__(self) -> None:
        self.library = espeak_lib.load()
        try:
            import pyttsx3
            from pyttsx3.drivers import _espeak
        except (ImportError, RuntimeError, OSError) as exc:
            raise EngineError(
                f"pyttsx3 cannot load espeak-ng ({exc}); {espeak_lib.INSTALL_HINT}"
            ) from None
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine = pyttsx3.init("espeak")
        except Exception as exc:  # pyttsx3 raises plain RuntimeError/KeyError here
            raise EngineError(f"pyttsx3 could not start espeak-ng: {exc}") from None
        self._espeak = _espeak
        self._finished = threading.Event()
        self._failure: Exception | None = None
        self._engine.connect("finished-utterance", self._on_finished)
        self._events: list[tuple[int, int]] = []
        self._timed = self._record_word_events()
        self._version, self._data_path = self._library_info()
        self._voice_ids = {v.id for v in self.voices()}
        #: The platform's default voice (a profile's voice "default"): the one
        #: espeak-ng starts with.
        self._default_voice = (self._engine.getProperty("voice") or "en").lower()
        self._current: str | None = None
        self._warm_up()

    # -- information ---------------------------------------------------------

    def _library_info(self) -> tuple[str, str | None]:
        info = self._espeak.dll.espeak_Info
        info.restype = ctypes.c_char_p
        info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
        data_path = ctypes.c_char_p()
        version = info(ctypes.byref(data_path)) or b"?"
        path = data_path.value.decode("utf-8", "replace") if data_path.value else None
        return version.decode("ascii", "replace"), path

    @classmethod
    def identity(cls, profile: VoiceProfile) -> str:
        """The engine and its version for cache keys, told without starting it."""
        from ..versions import package_version

        return f"pyttsx3 {package_version('pyttsx3')}; libespeak-ng {espeak_lib.fingerprint()}"

    def describe(self) -> str:
        from ..versions import package_version

        pyttsx3_version = package_version("pyttsx3")
        return (
            f"pyttsx3 {pyttsx3_version} driving libespeak-ng {self._version} "
            f"({self.library.route}: {self.library.path})"
        )

    @property
    def version(self) -> str:
        """The libespeak-ng version."""
        return self._version

    def voices(self) -> list[EngineVoice]:
        result = []
        for voice in self._engine.getProperty("voices"):
            languages = tuple(voice.languages or ())
            result.append(EngineVoice(voice.id, voice.name, languages, _GENDERS.get(voice.gender)))
        return result

    def variants(self) -> list[str]:
        """espeak-ng voice variants (``+f3``, ``+m2``...) that can follow a voice id."""
        if not self._data_path:
            return []
        folder = Path(self._data_path) / "voices" / "!v"
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    # -- voices --------------------------------------------------------------

    def resolve_voice(self, voice: str) -> str:
        """The engine's full id for a profile's voice (``en-us+f3`` -> ``gmw/en-us+f3``;
        ``default``: the voice espeak-ng starts with)."""
        base, _, variant = voice.strip().lower().partition("+")
        if base == "default":
            base = self._default_voice
        if base in self._voice_ids:
            full = base
        else:
            matches = sorted(i for i in self._voice_ids if i.rsplit("/", 1)[-1] == base)
            if not matches:
                english = sorted(i.rsplit("/", 1)[-1] for i in self._voice_ids if "/en" in i)
                raise VoiceError(
                    f"espeak-ng has no voice '{base}'; English voices: {', '.join(english)} "
                    "(`briefing voices --engine-voices` lists all)"
                )
            full = matches[0]
        if variant:
            variants = self.variants()
            if variants and variant not in {v.lower() for v in variants}:
                simple = [v for v in variants if re.fullmatch(r"[fm]\d", v)]
                raise VoiceError(
                    f"espeak-ng has no voice variant '+{variant}'; variants include: "
                    f"{', '.join(simple or variants)}"
                )
            full = f"{full}+{variant}"
        return full

    def check_voice(self, profile: VoiceProfile) -> None:
        try:
            self.resolve_voice(profile.voice)
        except VoiceError as exc:
            raise VoiceError(f"voice profile '{profile.name}': {exc}") from None

    def _select(self, profile: VoiceProfile) -> None:
        """Switch espeak-ng to the profile's voice (rate and volume go in the text)."""
        full = self.resolve_voice(profile.voice)
        if self._current == full:
            return
        self._engine.setProperty("voice", full)
        actual = (self._engine.getProperty("voice") or "").lower()
        if actual != full:
            raise VoiceError(
                f"voice profile '{profile.name}': espeak-ng did not accept voice '{full}' "
                f"(it kept '{actual}')"
            )
        self._current = full

    @staticmethod
    def embedded_settings(profile: VoiceProfile) -> str:
        """espeak-ng embedded commands that set rate (words/minute) and amplitude (0-200)."""
        return f"\x01{profile.rate}S\x01{round(profile.volume * 100)}A"

    # -- speech --------------------------------------------------------------

    def _record_word_events(self) -> bool:
        """Wrap the driver's synthesis callback to keep (text position, audio ms) of words."""
        try:
            driver_callback = self._engine.proxy._driver._onSynth
        except AttributeError:  # pragma: no cover - a pyttsx3 with other internals
            log.warning("pyttsx3's driver has changed; transcript times will be estimated")
            return False
        espeak = self._espeak

        def on_synth(wav, numsamples, events):  # runs on libespeak-ng's thread
            i = 0
            while events[i].type != espeak.EVENT_LIST_TERMINATED:
                if events[i].type == espeak.EVENT_WORD:
                    self._events.append((events[i].text_position, events[i].audio_position))
                i += 1
            try:
                return driver_callback(wav, numsamples, events)
            except Exception as exc:  # the WAV cannot be written (a full disk...)
                # pyttsx3 would swallow it and never say it has finished: stop the
                # synthesis (non-zero) and wake the waiting caller with the reason.
                self._failure = exc
                self._finished.set()
                return 1

        espeak.SetSynthCallback(on_synth)  # _espeak keeps a reference for the process
        return True

    def _on_finished(self, name: str | None = None, completed: bool = True) -> None:
        # Called on libespeak-ng's thread after the WAV file has been written.
        self._finished.set()

    def _run(self, text: str, dest: Path) -> None:
        """Speak one text into one file and return when the file is complete."""
        self._finished.clear()
        self._failure = None
        self._events = []
        # The driver prints "Audio saved to ..." on stdout (from espeak's thread,
        # before it signals the end): keep it redirected until then.
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine.save_to_file(text, str(dest))
            self._engine.runAndWait()
            timeout = TIMEOUT_BASE_S + TIMEOUT_PER_CHAR_S * len(text)
            if not self._finished.wait(timeout):
                raise EngineError(
                    f"espeak-ng did not finish {dest.name} within {timeout:.0f} s; "
                    "the speech engine seems to hang"
                )
            if self._failure is not None:
                reason = getattr(self._failure, "strerror", None) or self._failure
                raise EngineError(
                    f"cannot write the speech to {dest.parent} ({reason}); "
                    "check the free space there"
                )
            # The driver marks itself idle just after the notification, on espeak's
            # thread; let it, so the next text is never queued behind a busy driver.
            deadline = time.monotonic() + 1.0
            while self._engine.isBusy() and time.monotonic() < deadline:
                time.sleep(0.001)

    def _warm_up(self) -> None:
        with tempfile.TemporaryDirectory(prefix="briefing-warmup-") as tmp:
            path = Path(tmp) / "warmup.wav"
            self._run("Ready.", path)
            if not wav_frames(path):
                # The first call may return early; a second one settles the driver.
                self._run("Ready.", path)
        log.debug("pyttsx3 engine warmed up (%s)", self.describe())

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        if not re.search(r"[^\W_]", text):
            # pyttsx3 would never finish: there is nothing to synthesise.
            raise EngineError(f"nothing to say in {text!r}: the text has no letters or digits")
        self._select(profile)
        dest = Path(dest)
        prefix = self.embedded_settings(profile)
        for attempt in (1, 2):
            dest.unlink(missing_ok=True)
            self._run(prefix + text, dest)
            if wav_frames(dest) > 0:
                fix_wav_rate(dest, self.sample_rate())
                return self._word_marks(len(prefix), len(text))
            log.warning(
                "espeak-ng wrote no audio for %s (attempt %d); trying again", dest.name, attempt
            )
        raise EngineError(
            f"espeak-ng produced no audio for {dest.name} after two attempts; "
            "run with -v for details, or check the espeak-ng installation"
        )

    def sample_rate(self) -> int:
        """The rate libespeak-ng produces for the current voice (mbrola voices: 16 kHz)."""
        try:
            function = self._espeak.dll.espeak_ng_GetSampleRate
        except AttributeError:  # pragma: no cover - libespeak-ng older than 1.49
            return PYTTSX3_WAV_RATE
        function.restype = ctypes.c_int
        return int(function()) or PYTTSX3_WAV_RATE

    def _word_marks(self, prefix_length: int, text_length: int) -> tuple[WordMark, ...]:
        """Word events as offsets into the caller's text (espeak counts from 1,
        and counts the embedded-command prefix, which it merges into the first word)."""
        marks: list[WordMark] = []
        for position, audio_ms in sorted(self._events, key=lambda e: e[1]):
            offset = min(max(position - 1 - prefix_length, 0), text_length)
            if marks and offset <= marks[-1].offset:
                continue  # espeak re-reports a position inside "U.S." and the like
            marks.append(WordMark(offset, audio_ms))
        return tuple(marks)
