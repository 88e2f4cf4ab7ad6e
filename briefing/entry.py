"""The console script ``briefing``: SIGTERM is handled from its first instant.

This module imports nothing of briefing's before the handler is in place, so
a service manager's SIGTERM that arrives while the command line is still
being imported ends the run as Ctrl-C does: one line and status 130, never
the signal's bare death (-15).
"""

from __future__ import annotations

import contextlib
import signal
import sys

EXIT_INTERRUPTED = 130
INTERRUPTED = "Interrupted: nothing was changed; the previous episode and feed are as they were."


def terminated(signum: int, frame: object) -> None:
    """SIGTERM (a service stopped, a timeout): clean up as for Ctrl-C."""
    raise KeyboardInterrupt


def main() -> None:
    with contextlib.suppress(ValueError):  # not the main thread: leave SIGTERM alone
        signal.signal(signal.SIGTERM, terminated)
    try:
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:  # before (or after) the command line's own handling
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
