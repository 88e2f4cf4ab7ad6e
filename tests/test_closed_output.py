"""Standard output closed by its reader (``briefing voices | head -1``): the command
ends as other command-line tools do, without a traceback, "Exception ignored" or a
false "unexpected error"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import subprocess_env


def _run_into(stdout: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        stdout=stdout, stderr=subprocess.PIPE, text=True, env=subprocess_env(), timeout=120,
    )  # fmt: skip


def _closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """Run with standard output a pipe whose reader has already gone (as after ``head``
    has read its line): every write fails, whenever it comes."""
    read, write = os.pipe()
    os.close(read)
    try:
        return _run_into(write, *args)
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [("voices",), ("voices", "-v"), ("--help",), ("--version",)])
def test_a_closed_standard_output_ends_the_command_quietly(args):
    result = _closed_pipe(*args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "BrokenPipeError" not in result.stderr and "unexpected error" not in result.stderr
    assert "Error:" not in result.stderr, result.stderr  # the reader chose to stop: no error
