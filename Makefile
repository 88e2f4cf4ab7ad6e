# briefing: two commands set everything up on a fresh machine.
#   make demo   -> .venv/ with briefing installed, then out/briefing-YYYY-MM-DD-EDITION.mp3 from the bundled samples
#   make test   -> .venv/ with briefing and its test tools, then the test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out
# The test tools, and the optional piper voice (GPL-3.0-or-later) so its tests run too.
EXTRAS ?= test,piper

.PHONY: demo test test-fast bench lint clean system-deps browser-deps epubcheck-deps

demo: $(STAMP)
	$(BIN)/briefing generate --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

# Without real speech and without the tests that take seconds (pytest markers integration, slow).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not integration and not slow"

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS),bench]'
	$(BIN)/python benchmarks/pipeline.py
	$(BIN)/python benchmarks/summary_quality.py
	$(BIN)/python benchmarks/intelligibility.py
	$(BIN)/python benchmarks/encoder_quality.py
	$(BIN)/python benchmarks/normaliser.py

# The virtual environment, rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "briefing needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
	  echo "Install it (Debian/Ubuntu: sudo apt-get install python3) or run: make PYTHON=python3.12 ..." >&2; \
	  exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); \
	  echo "Could not create the virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2; \
	  exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	@touch $(STAMP)

# Optional: the system's espeak-ng and ffmpeg (briefing works without them, from PyPI packages).
system-deps:
	@if command -v espeak-ng >/dev/null && command -v ffmpeg >/dev/null; then \
	  echo "espeak-ng and ffmpeg are installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends espeak-ng ffmpeg \
	  || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends espeak-ng ffmpeg; }; \
	else \
	  echo "Install them with: sudo apt-get install espeak-ng ffmpeg   (optional: briefing works without)"; \
	fi

# Optional: epubcheck (Debian's, with its Java), which the tests of the talking-book
# editions run on the EPUBs they make (they skip without it).
epubcheck-deps:
	@if command -v epubcheck >/dev/null && test -f /usr/share/java/epubcheck.jar; then \
	  echo "epubcheck is installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends epubcheck \
	  || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends epubcheck; }; \
	else \
	  echo "Install epubcheck for the EPUB tests: sudo apt-get install epubcheck"; \
	fi

# Optional: what the browser tests of the episode page need (they skip without it):
# Debian's Chromium (as root) and axe-core from npm into .cache/browser.
browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
	    || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }; \
	  else echo "Install Chromium for the browser tests: sudo apt-get install chromium"; fi; }
	@test -f .cache/browser/node_modules/axe-core/axe.min.js || { \
	  if command -v npm >/dev/null; then \
	    npm install --prefix .cache/browser --no-audit --no-fund --silent axe-core@4; \
	  else echo "Install npm (Node.js) for the accessibility checks: sudo apt-get install npm"; fi; }

# ruff, mypy and the stubs come with the test extra (pyproject.toml); mypy's settings are there too.
lint: $(STAMP)
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/ruff format --check briefing tests benchmarks
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache build dist *.egg-info
