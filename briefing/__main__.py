"""`python -m briefing` runs the command line (SIGTERM handled from the start)."""

from .entry import main

if __name__ == "__main__":
    main()
