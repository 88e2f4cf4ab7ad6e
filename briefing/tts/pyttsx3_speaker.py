"""The espeak-ng speaker: ``python -m briefing.tts.pyttsx3_speaker``, one JSON request a line.

It loads libespeak-ng and pyttsx3 but never starts them. For each request it
forks a child, which starts pyttsx3 in a libespeak-ng that has spoken nothing
yet, warms it up, speaks the one text into its WAV file, answers and exits; so
the same text always comes out the same, whatever was spoken before it (see
``briefing.tts.pyttsx3_engine``). A child costs about 25 ms to start and warm up.

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
from pathlib import Path
from typing import Any

START_S = 5.0
"""A child's allowance to start and warm up, on top of the text's timeout."""


def answer(request: dict[str, Any]) -> dict[str, Any]:
    """Answer one request in this process (the forked child)."""
    from ..errors import VoiceError
    from .pyttsx3_engine import Speaker, library_facts, word_marks

    try:
        if request.get("facts"):
            return library_facts()
        speaker = Speaker()
        speaker.select(request["voice"])
        events = speaker.speak(request["text"], Path(request["dest"]))
        marks = word_marks(events, request["prefix"], request["length"])
        return {"marks": marks, "rate": speaker.sample_rate()}
    except VoiceError as exc:
        return {"voice_error": str(exc)}
    except Exception as exc:  # one line back to the caller, never a traceback
        return {"error": str(exc) if type(exc).__module__.startswith("briefing")
                else f"espeak-ng failed: {type(exc).__name__}: {exc}"}  # fmt: skip


def _child(request: dict[str, Any], answer_fd: int) -> None:
    """The forked child's life: speak, write the answer, exit (never return)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)  # nothing of the child's goes into the answers' stream
        # If the speaker process is killed meanwhile, a hung child still ends.
        signal.alarm(math.ceil(request["timeout"] + 2 * START_S))
        data = memoryview(json.dumps(answer(request)).encode("utf-8"))
        while data:
            data = data[os.write(answer_fd, data) :]
    finally:
        os._exit(0)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return f"signal {signal.Signals(number).name}"
        except ValueError:
            return f"signal {number}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


def in_a_fresh_process(request: dict[str, Any]) -> dict[str, Any]:
    """Fork a child for one request and wait for its answer (killing it past the timeout)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(request, write_fd)
    os.close(write_fd)
    deadline = time.monotonic() + request["timeout"] + START_S
    chunks: list[bytes] = []
    timed_out = False
    with os.fdopen(read_fd, "rb", buffering=0) as answers:
        while True:
            ready, _, _ = select.select([answers], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                timed_out = True
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                break
            chunk = answers.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    name = Path(request["dest"]).name or "its start"
    if timed_out:
        return {"error": f"espeak-ng did not finish {name} within {request['timeout']:.0f} s; "
                         "the speech engine seems to hang"}  # fmt: skip
    if not chunks:
        return {"error": f"espeak-ng crashed ({_describe(status)}) while speaking {name}"}
    return json.loads(b"".join(chunks))


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
    for line in sys.stdin:
        try:
            reply = {"error": failure} if failure else in_a_fresh_process(json.loads(line))
        except Exception as exc:  # one line back to the caller, never a traceback
            reply = {"error": f"the espeak-ng speaker failed: {type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
