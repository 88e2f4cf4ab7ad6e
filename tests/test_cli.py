"""The command line: help everywhere, clean output, one-line errors, no MP3 on failure."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from briefing.cli import cli

from .helpers import SEED, episode_file, mp3_names, subprocess_env

COMMANDS = sorted(cli.commands)


def _run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_the_contract_commands_exist():
    assert {"generate", "script", "voices"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help_with_an_example(command):
    result = _run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert "Example" in result.output


def test_module_entry_point_and_version():
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("briefing, version ")


def test_script_prints_the_spoken_script():
    result = _run("script", str(SEED), "--date", "2026-11-25")
    assert result.exit_code == 0
    assert "Wednesday, November twenty-fifth" in result.output
    assert "Syrian President Bashar al-Assad said" in result.output
    assert "Reuters" not in result.output and "Writing by" not in result.output


def test_script_from_stdin():
    result = _run(
        "script", "-", input=b"Stdin story\n\nA story that arrived on standard input today.\n"
    )
    assert result.exit_code == 0
    assert "A story that arrived on standard input today." in result.output


def test_generate_prints_the_mp3_path_last(tmp_path, silent_voices, articles_dir, monkeypatch):
    result = CliRunner().invoke(
        cli, ["generate", str(articles_dir), "--out", str(tmp_path / "out"), "--date", "2026-11-25"]
    )
    assert result.exit_code == 0, result.output
    expected = episode_file(tmp_path / "out", "2026-11-25")
    assert result.stdout.strip().splitlines()[-1] == str(expected)
    assert expected.exists()
    assert "2 stories" in result.stderr


def test_quiet_prints_only_the_path(tmp_path, silent_voices, articles_dir, monkeypatch):
    result = CliRunner().invoke(
        cli, ["generate", str(articles_dir), "--out", str(tmp_path), "-q", "--date", "2026-11-25"]
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.strip() == str(episode_file(tmp_path, "2026-11-25"))


def test_voices_lists_profiles_and_engine_voices():
    result = _run("voices")
    assert result.exit_code == 0
    assert "anchor" in result.output and "correspondent" in result.output
    assert "presenter      hibari: heart" in result.output
    assert "default show: presenter" in result.output
    assert "gmw/en-us" in result.output
    assert "libespeak-ng" in result.output and "engine hibari: hibari-tts" in result.output
    everything = _run("voices", "--engine-voices")
    assert "English (America)" in everything.output
    assert "heart (American female)" in everything.output


def _bad_input_cases(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    return {
        "missing file": ([str(tmp_path / "missing.txt")], "no such file"),
        "empty file": ([str(empty)], "empty"),
        "binary file": ([str(binary)], "not a text file"),
        "unknown voice": ([str(SEED), "--voice", "nobody"], "unknown voice 'nobody'"),
        "bad date": ([str(SEED), "--date", "25/11/2026"], "Invalid value for '--date'"),
        "bad rate in profile": (
            [str(SEED), "--voice", str(_bad_profile(tmp_path))],
            "'rate' must be",
        ),
    }


def _bad_profile(tmp_path):
    path = tmp_path / "fast.toml"
    path.write_text('name="fast"\nengine="pyttsx3"\nvoice="en-us"\nrate=5000\n')
    return path


@pytest.mark.parametrize(
    "case",
    [
        "missing file",
        "empty file",
        "binary file",
        "unknown voice",
        "bad date",
        "bad rate in profile",
    ],
)
def test_bad_input_is_one_line_no_traceback_no_mp3(tmp_path, case):
    args, message = _bad_input_cases(tmp_path)[case]
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "generate", *args, "--out", str(out)],
        capture_output=True, text=True, env=subprocess_env(), timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, result.stderr
    assert message in errors[0]
    assert result.stdout == ""
    assert mp3_names(out) == []


def test_unexpected_errors_are_one_line_too(monkeypatch):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("briefing.pipeline.prepare_script", boom)
    result = CliRunner().invoke(cli, ["script", str(SEED)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: unexpected error: ZeroDivisionError: division by zero (run again with -v for details)"
    )


def test_generate_from_stdin(tmp_path, silent_voices, monkeypatch):
    story = b"Stdin story\n\nA story that arrived on standard input today, as a pipe.\n"
    result = CliRunner().invoke(
        cli, ["generate", "-", "--out", str(tmp_path), "--date", "2026-11-25"], input=story
    )
    assert result.exit_code == 0, result.output
    script = episode_file(tmp_path, "2026-11-25", "script").read_text()
    assert "A story that arrived on standard input today, as a pipe." in script


def test_cache_option_info_and_clear(tmp_path, silent_voices, articles_dir):
    cache = tmp_path / "my-cache"
    out = tmp_path / "out"
    args = ["generate", str(articles_dir), "--out", str(out), "--date", "2026-11-25", "-q"]
    assert _run(*args, "--cache", str(cache)).exit_code == 0
    info = _run("cache", "info", "--cache", str(cache))
    assert info.exit_code == 0
    assert info.output.startswith(f"{cache / 'segments'}: 6 blocks, ")
    calls = len(silent_voices.calls)
    assert _run(*args, "--cache", str(cache)).exit_code == 0
    assert len(silent_voices.calls) == calls  # all from the cache
    assert _run(*args, "--no-cache").exit_code == 0
    assert len(silent_voices.calls) == 2 * calls
    cleared = _run("cache", "clear", "--cache", str(cache))
    assert cleared.output == f"removed 6 blocks from {cache / 'segments'}\n"
    assert _run("cache", "info", "--cache", str(cache)).output.endswith(": 0 blocks, 0.0 MB\n")


def test_cache_and_no_cache_together_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--cache", str(tmp_path), "--no-cache"])
    assert result.exit_code == 2
    assert "--cache and --no-cache cannot be used together" in result.output


@pytest.mark.parametrize("command", [["cache", "info"], ["cache", "clear"]])
def test_cache_commands_have_help(command):
    result = _run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
