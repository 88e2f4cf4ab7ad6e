"""The console script ``briefing``: SIGTERM is handled from its first instant.

This module imports nothing of briefing's before the handler is in place, so
a service manager's SIGTERM that arrives while the command line is still
being imported ends the run as Ctrl-C does: one line and status 130, never
the signal's bare death (-15).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import NoReturn

EXIT_INTERRUPTED = 130
INTERRUPTED = "Interrupted: nothing was changed; the previous episode and feed are as they were."


def terminated(signum: int, frame: object) -> None:
    """SIGTERM (a service stopped, a timeout): clean up as for Ctrl-C."""
    raise KeyboardInterrupt


def exit_at_once(status: int) -> NoReturn:
    """End the process with ``status`` now, once the run has cleaned up (its
    ``with`` blocks have exited: no partial file, the workers stopped). Python's own
    exit would first wait for every other thread, and after an interrupt one may
    never end: a feed still being fetched, or an import the interrupt cut short,
    which leaves Python's import lock held (seen once: the run hung instead of
    ending with status 130)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


def main() -> None:
    with contextlib.suppress(ValueError):  # not the main thread: leave SIGTERM alone
        signal.signal(signal.SIGTERM, terminated)
    try:
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:  # before (or after) the command line's own handling
        print(INTERRUPTED, file=sys.stderr)
        exit_at_once(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
