"""The espeak-ng speaker: ``python -m briefing.tts.pyttsx3_speaker``, one JSON request a line.

It loads libespeak-ng and pyttsx3 but never starts them. For each text it has
forked a child ahead (while the caller levels and encodes the last one), which
starts pyttsx3 in a libespeak-ng that has spoken nothing yet and takes its voice
(6 ms of processor time), then speaks the one text into its WAV file, answers
and exits; so the same text always comes out the same, whatever was spoken
before it (see ``briefing.tts.pyttsx3_engine``).

A request names the text (with its embedded rate and volume), the espeak-ng voice
id, the WAV file, the length of the embedded prefix and of the caller's text, and
a timeout; the answer is one JSON line: the word marks and the sample rate, or an
error. A request ``{"facts": true}`` is answered with the library's version and
voices (``pyttsx3_engine.library_facts``).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import select
import signal
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

START_S = 5.0
"""A child's allowance to start, on top of the text's timeout."""


def _prepare(voice: str) -> Any:
    """A child's speaker in ``voice``, started before its text comes (or why it cannot
    be: told when the text comes); None for a ``facts`` child."""
    from .pyttsx3_engine import Speaker

    if not voice:
        return None
    try:
        return Speaker(voice)
    except Exception as exc:  # told when the text comes
        return exc


def answer(request: dict[str, Any], speaker: Any) -> dict[str, Any]:
    """Answer one request in this process (the forked child), with its ``_prepare``d speaker."""
    from ..errors import VoiceError
    from .pyttsx3_engine import library_facts, word_marks

    try:
        if isinstance(speaker, Exception):
            raise speaker
        if request.get("facts"):
            return library_facts()
        events = speaker.speak(request["text"], Path(request["dest"]))
        marks = word_marks(events, request["prefix"], request["length"])
        return {"marks": marks, "rate": speaker.sample_rate()}
    except VoiceError as exc:
        return {"voice_error": str(exc)}
    except Exception as exc:  # one line back to the caller, never a traceback
        return {"error": str(exc) if type(exc).__module__.startswith("briefing")
                else f"espeak-ng failed: {type(exc).__name__}: {exc}"}  # fmt: skip


def _read_line(fd: int) -> bytes:
    """One line from a pipe (empty at its end)."""
    data = b""
    while not data.endswith(b"\n") and (chunk := os.read(fd, 1 << 16)):
        data += chunk
    return data


def _child(voice: str, requests: int, answers: int) -> None:
    """A forked child's life: prepare a speaker, wait for one request, answer it in one
    line, exit (never return). With no request (the speaker process has gone), exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)  # nothing of the child's goes into the answers' stream
        speaker = _prepare(voice)
        data = _read_line(requests)
        if data.endswith(b"\n"):
            request = json.loads(data)
            # If the speaker process is killed meanwhile, a hung child still ends.
            signal.alarm(math.ceil(request["timeout"] + 2 * START_S))
            reply = json.dumps(answer(request, speaker)) + "\n"
            unsent = memoryview(reply.encode("utf-8"))
            while unsent:
                unsent = unsent[os.write(answers, unsent) :]
    finally:
        os._exit(0)


@dataclass(frozen=True)
class Child:
    """A forked child, making its speaker, waiting for its one request."""

    pid: int
    requests: int
    """The pipe its request is written to (then closed)."""
    answers: int
    """The pipe its answer is read from."""

    @property
    def pipes(self) -> tuple[int, int]:
        return self.requests, self.answers


def fork(voice: str, others: Iterable[Child] = ()) -> Child:
    """Fork a child that starts its speaker in ``voice`` now, ahead of its text: while the
    caller levels and encodes one block, the next text's libespeak-ng starts and takes
    its voice. (``""``: a child for a ``facts`` request.) The ``others`` waiting
    still: the new child closes its copies of their pipes."""
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            for fd in (request_write, answer_read, *(f for o in others for f in o.pipes)):
                os.close(fd)
            _child(voice, request_read, answer_write)
        finally:
            os._exit(0)
    os.close(request_read)
    os.close(answer_write)
    return Child(pid, request_write, answer_read)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return f"signal {signal.Signals(number).name}"
        except ValueError:
            return f"signal {number}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


def ask(child: Child, request: dict[str, Any]) -> dict[str, Any]:
    """Give a child its request (one line) and wait for its answer (killing it past the
    timeout)."""
    with contextlib.suppress(OSError):  # if it died, its answers say so
        data = memoryview((json.dumps(request) + "\n").encode("utf-8"))
        while data:
            data = data[os.write(child.requests, data) :]
    os.close(child.requests)
    deadline = time.monotonic() + request["timeout"] + START_S
    received = b""
    timed_out = False
    with os.fdopen(child.answers, "rb", buffering=0) as answers:
        while not received.endswith(b"\n"):
            ready, _, _ = select.select([answers], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                timed_out = True
                with contextlib.suppress(OSError):
                    os.kill(child.pid, signal.SIGKILL)
                break
            chunk = answers.read(1 << 16)
            if not chunk:
                break
            received += chunk
    if received.endswith(b"\n"):
        _exited.append(child.pid)  # reaped later: the answer need not wait for its exit
        return json.loads(received)
    _, status = os.waitpid(child.pid, 0)
    name = Path(request["dest"]).name or "its start"
    if timed_out:
        return {"error": f"espeak-ng did not finish {name} within {request['timeout']:.0f} s; "
                         "the speech engine seems to hang"}  # fmt: skip
    return {"error": f"espeak-ng crashed ({_describe(status)}) while speaking {name}"}


#: Children that answered, to be reaped.
_exited: list[int] = []


def reap() -> None:
    """Reap the children that answered (each has exited, or is exiting)."""
    while _exited:
        os.waitpid(_exited.pop(), 0)


def _start() -> str | None:
    """Load libespeak-ng (the route the caller chose) and pyttsx3, without starting
    them: None, or why they cannot be used (the answer to every request then)."""
    from ..errors import BriefingError
    from . import espeak_lib

    try:
        espeak_lib.load()  # the library pyttsx3 then finds by name
        import pyttsx3.drivers.espeak  # noqa: F401  (loaded once, shared by every child)
    except BriefingError as exc:
        return str(exc)
    except Exception as exc:  # pyttsx3 raises plain errors when it cannot load the library
        return f"pyttsx3 cannot load espeak-ng ({exc}); {espeak_lib.INSTALL_HINT}"
    return None


def main() -> None:  # pragma: no cover - runs in the speaker process
    # Ctrl-C reaches the whole process group: the caller decides; its exit ends us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    failure = _start()
    ready: dict[str, Child] = {}
    """A child made ahead for each voice asked for so far."""
    for line in sys.stdin:
        request: dict[str, Any] = {}
        try:
            request = json.loads(line)
            voice = "" if request.get("facts") else request["voice"]
            if failure:
                reply = {"error": failure}
            else:
                child = ready.pop(voice, None)
                reply = ask(child if child is not None else fork(voice, ready.values()), request)
        except Exception as exc:  # one line back to the caller, never a traceback
            reply = {"error": f"the espeak-ng speaker failed: {type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
        reap()
        if not failure and request.get("voice"):
            # For this voice's next text:
            ready[request["voice"]] = fork(request["voice"], ready.values())


if __name__ == "__main__":
    main()
