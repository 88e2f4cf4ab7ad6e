"""The pyttsx3 engine (espeak-ng on Linux), driven the way that proved reliable.

pyttsx3 2.99 on Linux loses files, hangs and crashes when driven carelessly
(see the project notes). This engine therefore:

- speaks every text in a libespeak-ng that has spoken nothing else: a child
  forked for that one text by a speaker process (``briefing.tts.pyttsx3_speaker``)
  that loaded the library but never started it. libespeak-ng carries its
  synthesis state from one text to the next (the phase of its pitch flutter,
  its gain control, its cycle count, the breath noise of ``rand()``), with no
  call to reset it: the same text spoken after another came out different
  (other samples, a few longer or shorter), so the same block differed between
  a run's worker processes and ``--jobs 0``, and the segment cache and the
  up-to-date check held audio their keys did not describe;
- seeds that noise (1.52 seeds it from the clock as it starts);
- in that child, creates exactly one pyttsx3 engine (the notes: engines crash
  when re-created in a process, and hang when created before a fork), and sets
  its voice on the driver itself (pyttsx3 queues settings until its first
  ``runAndWait()``); it needs no warm-up: what made the first text of a process
  go missing was the cancel below;
- queues exactly one ``save_to_file()`` per ``runAndWait()`` and never calls
  ``runAndWait()`` with nothing queued (that hangs);
- waits for the driver's "finished-utterance" notification before going on:
  with libespeak-ng's asynchronous retrieval mode, ``runAndWait()`` returns
  about 10 ms after synthesis *starts*, so a long text is still being spoken
  (and its file not yet written) when it returns; and then until the driver's
  callback has returned, for it adds the text's last samples to its buffer after
  that notification (at random they began the next file);
- never lets the driver cancel: each ``runAndWait()`` calls its ``stop()``,
  which cancels libespeak-ng whenever it counts as playing, as it does for a
  moment at times of its own (while it takes the driver's first settings, and
  about 150 ms after a text): at random a text came out empty or at another rate;
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

The caller's process never loads libespeak-ng: the speaker process also tells
it the library's version and voices (why: ``Pyttsx3Engine``).
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import logging
import os
import re
import select
import subprocess
import sys
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EngineError, VoiceError
from ..models import WordMark
from ..voices import VoiceProfile
from . import EngineVoice, espeak_lib

log = logging.getLogger(__name__)

_GENDERS = {"Male": "male", "Female": "female"}
#: Seconds to wait for one text to be synthesised (espeak-ng runs hundreds of
#: times faster than real time, so this only trips on a hung driver).
TIMEOUT_BASE_S = 30.0
TIMEOUT_PER_CHAR_S = 0.01
_ANSWER_MARGIN_S = 10.0
"""How much longer than the speaker's own timeout the engine waits for its answer."""
NOISE_SEED = 1
"""The seed of espeak-ng's noise in every text (1: the C library's own first seed)."""
START_S = 60.0
"""Seconds the speaker process has to start and tell what libespeak-ng it drives."""


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


def embedded_settings(profile: VoiceProfile) -> str:
    """espeak-ng embedded commands that set rate (words/minute) and amplitude (0-200)."""
    return f"\x01{profile.rate}S\x01{round(profile.volume * 100)}A"


def word_marks(
    events: list[tuple[int, int]], prefix_length: int, text_length: int
) -> list[tuple[int, int]]:
    """espeak-ng's word events (text position, audio ms) as (offset into the caller's
    text, ms): espeak counts from 1, and counts the embedded-command prefix, which it
    merges into the first word; a position it reports again ("U.S.") is dropped."""
    marks: list[tuple[int, int]] = []
    for position, audio_ms in sorted(events, key=lambda e: e[1]):
        offset = min(max(position - 1 - prefix_length, 0), text_length)
        if marks and offset <= marks[-1][0]:
            continue
        marks.append((offset, audio_ms))
    return marks


def _pyttsx3_engine() -> tuple[Any, Any]:
    """pyttsx3's engine for libespeak-ng in this process (created once: pyttsx3 keeps it)."""
    try:
        import pyttsx3
        from pyttsx3.drivers import _espeak
    except (ImportError, RuntimeError, OSError) as exc:
        raise EngineError(
            f"pyttsx3 cannot load espeak-ng ({exc}); {espeak_lib.INSTALL_HINT}"
        ) from None
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return pyttsx3.init("espeak"), _espeak
    except Exception as exc:  # pyttsx3 raises plain RuntimeError/KeyError here
        raise EngineError(f"pyttsx3 could not start espeak-ng: {exc}") from None


class Speaker:
    """pyttsx3 and libespeak-ng speaking in this process, in one voice, for one text:
    made in the child the speaker process forks for each text (see the module
    docstring), started and in its voice before the text comes."""

    def __init__(self, voice: str) -> None:
        self._engine, self._espeak = _pyttsx3_engine()
        self._seed_noise()
        self._never_cancel()
        self._finished = threading.Event()
        self._returned = threading.Event()
        self._failure: Exception | None = None
        self._engine.connect("finished-utterance", self._on_finished)
        self._events: list[tuple[int, int]] = []
        self._record_word_events()
        self._select(voice)

    def _seed_noise(self) -> None:
        """Draw espeak-ng's noise (the breath of the ``+f`` variants) from a fixed seed:
        1.52 seeds its own generator from the clock when it starts
        (``espeak_ng_SetRandSeed`` sets it), 1.51 draws from the C library's ``rand()``."""
        set_seed = getattr(self._espeak.dll, "espeak_ng_SetRandSeed", None)
        if set_seed is not None:
            set_seed.argtypes = [ctypes.c_long]
            set_seed(NOISE_SEED)
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).srand(NOISE_SEED)

    def _never_cancel(self) -> None:
        """Stop the driver from cancelling the text it is about to speak. Each
        ``runAndWait()`` first runs pyttsx3's end-of-loop command, which calls the
        driver's ``stop()``: that cancels libespeak-ng whenever it counts as playing,
        and it does so for a moment at times of its own (while it takes the driver's
        first settings, and about 150 ms after its last text, when it closes its
        stream). A text started then was cancelled (an empty file), or spoken at the
        rate the cancel restored, at random; nothing here ever needs to cancel."""
        try:
            self._engine.proxy._driver.stop = lambda: None
        except AttributeError:  # pragma: no cover - a pyttsx3 with other internals
            log.warning("pyttsx3's driver has changed; espeak-ng may cancel texts")

    def _record_word_events(self) -> None:
        """Wrap the driver's synthesis callback to keep (text position, audio ms) of words."""
        try:
            driver = self._engine.proxy._driver
            driver_callback = driver._onSynth
        except AttributeError:  # pragma: no cover - a pyttsx3 with other internals
            log.warning("pyttsx3's driver has changed; transcript times will be estimated")
            return
        espeak = self._espeak

        def on_synth(wav: Any, numsamples: int, events: Any) -> int:  # on libespeak-ng's thread
            if type(getattr(driver, "_data_buffer", None)) is bytes:
                # The driver adds each chunk to a bytes object, copying all it has each
                # time; a bytearray grows in place (a 90 s text: 40 ms less).
                driver._data_buffer = bytearray(driver._data_buffer)
            i, last = 0, False
            while events[i].type != espeak.EVENT_LIST_TERMINATED:
                if events[i].type == espeak.EVENT_WORD:
                    self._events.append((events[i].text_position, events[i].audio_position))
                last = last or events[i].type == espeak.EVENT_MSG_TERMINATED
                i += 1
            try:
                return driver_callback(wav, numsamples, events)
            except Exception as exc:  # the WAV cannot be written (a full disk...)
                # pyttsx3 would swallow it and never say it has finished: stop the
                # synthesis (non-zero) and wake the waiting caller with the reason.
                self._failure = exc
                self._finished.set()
                return 1
            finally:
                if last:  # the driver is done with this text (see ``_settle``)
                    self._returned.set()

        espeak.SetSynthCallback(on_synth)  # _espeak keeps a reference for the process

    def _on_finished(self, name: str | None = None, completed: bool = True) -> None:
        # Called on libespeak-ng's thread after the WAV file has been written.
        self._finished.set()

    def _run(self, text: str, dest: Path) -> None:
        """Speak one text into one file and return when the file is complete."""
        self._finished.clear()
        self._returned.clear()
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
            self._settle()

    def _settle(self, limit_s: float = 1.0) -> None:
        """Wait until the driver is done with a text. It says "finished" from inside its
        callback, before it is: it then still adds the last chunk's samples to its
        buffer (which the next text's start clears, or a moment later does not: they
        began the next file) and marks itself idle."""
        deadline = time.monotonic() + limit_s
        self._returned.wait(limit_s)
        while self._engine.isBusy() and time.monotonic() < deadline:
            time.sleep(0.001)

    def _select(self, voice: str) -> None:
        """Switch espeak-ng to a voice id (rate and volume go in the text), on the driver
        itself: pyttsx3's engine queues it until its first ``runAndWait()``."""
        self._engine.proxy._driver.setProperty("voice", voice)
        actual = (self._engine.getProperty("voice") or "").lower()
        if actual != voice:
            raise VoiceError(f"espeak-ng did not accept voice '{voice}' (it kept '{actual}')")

    def speak(self, text: str, dest: Path) -> list[tuple[int, int]]:
        """Speak ``text`` into ``dest``; espeak-ng's word events (text position, audio ms)."""
        self._run(text, dest)
        return list(self._events)

    def sample_rate(self) -> int:
        """The rate libespeak-ng produces for the current voice (mbrola voices: 16 kHz)."""
        try:
            function = self._espeak.dll.espeak_ng_GetSampleRate
        except AttributeError:  # pragma: no cover - libespeak-ng older than 1.49
            return PYTTSX3_WAV_RATE
        function.restype = ctypes.c_int
        return int(function()) or PYTTSX3_WAV_RATE


def library_facts() -> dict[str, Any]:
    """What the engine needs to know of libespeak-ng and its voices (told by a child of
    the speaker process: the caller's process never loads libespeak-ng)."""
    engine, espeak = _pyttsx3_engine()
    info = espeak.dll.espeak_Info
    info.restype = ctypes.c_char_p
    info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
    data_path = ctypes.c_char_p()
    version = info(ctypes.byref(data_path)) or b"?"
    voices = [
        [v.id, v.name, list(v.languages or ()), _GENDERS.get(v.gender)]
        for v in engine.getProperty("voices")
    ]
    library = espeak_lib.load()  # loaded already, by the speaker process
    return {
        "route": library.route,
        "path": library.path,
        "version": version.decode("ascii", "replace"),
        "data_path": data_path.value.decode("utf-8", "replace") if data_path.value else None,
        "default_voice": (engine.getProperty("voice") or "en").lower(),
        "voices": voices,
    }


@dataclass(frozen=True)
class LibraryFacts:
    """What the speaker process told of the libespeak-ng it drives."""

    library: espeak_lib.EspeakLibrary
    version: str
    voices: tuple[EngineVoice, ...]
    default_voice: str
    """The platform's default voice (a profile's voice "default"): the one espeak-ng
    starts with."""

    @classmethod
    def from_answer(cls, answer: dict[str, Any]) -> LibraryFacts:
        library = espeak_lib.EspeakLibrary(answer["route"], answer["path"], answer["data_path"])
        voices = tuple(EngineVoice(i, n, tuple(langs), g) for i, n, langs, g in answer["voices"])
        return cls(library, answer["version"], voices, answer["default_voice"])


_FACTS_REQUEST = {"facts": True, "dest": "", "timeout": TIMEOUT_BASE_S}


class Pyttsx3Engine:
    """Speech through pyttsx3 and libespeak-ng, all in a speaker process
    (``briefing.tts.pyttsx3_speaker``) kept for the engine's life, each text in a
    fresh child of it. This process never loads libespeak-ng: the system's brings
    libmp3lame with it (through libpcaudio and libsndfile), loaded globally, whose
    functions then took the place of lameenc's own LAME in every block encoded
    after it, and the same block's MP3 bytes came out differently in a process that
    had loaded espeak-ng before its first encode and in one that had not."""

    name = "pyttsx3"

    def __init__(self) -> None:
        self.library = espeak_lib.choose()
        self._process: subprocess.Popen[str] | None = None
        self._facts_due = False
        self._known: LibraryFacts | None = None
        self._start()  # it starts, and tells its facts, while the caller goes on

    def _facts(self) -> LibraryFacts:
        """The speaker's facts (read when first needed); raises EngineError when
        pyttsx3 or libespeak-ng cannot be used."""
        if self._known is None:
            if self._process is None or self._process.poll() is not None:
                self._start()
            self._take_facts()
        assert self._known is not None
        return self._known

    def _take_facts(self) -> None:
        """Read the answer to the facts request a speaker process gets first."""
        if not self._facts_due:
            return
        self._facts_due = False
        answer = self._receive(START_S, "its start")
        if answer.get("error"):
            self.close()
            raise EngineError(answer["error"])
        if self._known is None:
            self._known = LibraryFacts.from_answer(answer)
            self.library = self._known.library
            log.info("using %s libespeak-ng (%s)", self.library.route, self.library.path)

    # -- information ---------------------------------------------------------

    @classmethod
    def identity(cls, profile: VoiceProfile) -> str:
        """The engine and its version for cache keys, told without starting it."""
        from ..versions import package_version

        return (
            f"pyttsx3 {package_version('pyttsx3')}; libespeak-ng {espeak_lib.fingerprint()}; "
            "a fresh libespeak-ng per text"
        )

    def describe(self) -> str:
        from ..versions import package_version

        pyttsx3_version = package_version("pyttsx3")
        facts = self._facts()
        return (
            f"pyttsx3 {pyttsx3_version} driving libespeak-ng {facts.version} "
            f"({facts.library.route}: {facts.library.path}; each text in a fresh process)"
        )

    @property
    def version(self) -> str:
        """The libespeak-ng version."""
        return self._facts().version

    def voices(self) -> list[EngineVoice]:
        return list(self._facts().voices)

    def variants(self) -> list[str]:
        """espeak-ng voice variants (``+f3``, ``+m2``...) that can follow a voice id."""
        data_path = self._facts().library.data_path
        if not data_path:
            return []
        folder = Path(data_path) / "voices" / "!v"
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    # -- voices --------------------------------------------------------------

    def resolve_voice(self, voice: str) -> str:
        """The engine's full id for a profile's voice (``en-us+f3`` -> ``gmw/en-us+f3``;
        ``default``: the voice espeak-ng starts with)."""
        facts = self._facts()
        ids = {v.id for v in facts.voices}
        base, _, variant = voice.strip().lower().partition("+")
        if base == "default":
            base = facts.default_voice
        if base in ids:
            full = base
        else:
            matches = sorted(i for i in ids if i.rsplit("/", 1)[-1] == base)
            if not matches:
                english = sorted(i.rsplit("/", 1)[-1] for i in ids if "/en" in i)
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

    # -- speech --------------------------------------------------------------

    def _start(self) -> None:
        # The speaker loads the library this process chose (by its route), so that
        # the cache key's fingerprint is the library that speaks.
        env = {**os.environ, espeak_lib.ENV_ROUTE: self.library.route}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "briefing.tts.pyttsx3_speaker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, text=True, bufsize=1,
            env=env, start_new_session=True,
        )  # fmt: skip
        self._send(_FACTS_REQUEST)
        self._facts_due = True

    def close(self) -> None:
        """Stop the speaker process (it also stops when this process goes)."""
        process, self._process = getattr(self, "_process", None), None
        self._facts_due = False
        if process is None:
            return
        try:
            process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            _kill(process)
        finally:
            process.stdout.close()

    def __del__(self) -> None:
        self.close()

    def _send(self, request: dict[str, Any]) -> None:
        process = self._process
        assert process is not None and process.stdin is not None  # _start made both
        with contextlib.suppress(OSError):  # it has gone: the answer's end says so
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()

    def _receive(self, timeout: float, what: str) -> dict[str, Any]:
        """The speaker's next answer, within ``timeout`` or it is replaced."""
        process = self._process
        assert process is not None and process.stdout is not None  # _start made both
        try:
            ready, _, _ = select.select([process.stdout], [], [], timeout)
            line = process.stdout.readline() if ready else None
        except OSError:
            line = ""
        if line is None:
            _kill(process)
            self.close()
            raise EngineError(
                f"espeak-ng did not finish {what} within {timeout:.0f} s; "
                "the speech engine seems to hang"
            )
        if not line:
            self.close()
            raise EngineError("the espeak-ng speaker process stopped; run with -v for details")
        return json.loads(line)

    def _ask(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """One request to the speaker process, answered within ``timeout`` or it is replaced."""
        if self._process is None or self._process.poll() is not None:
            self._start()
        self._take_facts()
        self._send(request)
        return self._receive(timeout, Path(request["dest"]).name)

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple[WordMark, ...]:
        if not re.search(r"[^\W_]", text):
            # pyttsx3 would never finish: there is nothing to synthesise.
            raise EngineError(f"nothing to say in {text!r}: the text has no letters or digits")
        dest = Path(dest)
        prefix = embedded_settings(profile)
        timeout = TIMEOUT_BASE_S + TIMEOUT_PER_CHAR_S * (len(prefix) + len(text))
        request = {
            "text": prefix + text, "voice": self.resolve_voice(profile.voice), "dest": str(dest),
            "prefix": len(prefix), "length": len(text), "timeout": timeout,
        }  # fmt: skip
        for attempt in (1, 2):  # each attempt in a fresh libespeak-ng too
            dest.unlink(missing_ok=True)
            answer = self._ask(request, timeout + _ANSWER_MARGIN_S)
            if answer.get("voice_error"):
                raise VoiceError(f"voice profile '{profile.name}': {answer['voice_error']}")
            if answer.get("error"):
                raise EngineError(answer["error"])
            if wav_frames(dest) > 0:
                fix_wav_rate(dest, answer["rate"])
                return tuple(WordMark(offset, ms) for offset, ms in answer["marks"])
            log.warning(
                "espeak-ng wrote no audio for %s (attempt %d); trying again", dest.name, attempt
            )
        raise EngineError(
            f"espeak-ng produced no audio for {dest.name} after two attempts; "
            "run with -v for details, or check the espeak-ng installation"
        )


def _kill(process: subprocess.Popen[str]) -> None:
    """Kill the speaker process and the child it forked for the text at hand."""
    with contextlib.suppress(OSError):
        os.killpg(process.pid, 9)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)
