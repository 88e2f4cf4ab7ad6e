"""The distribution: a wheel built from this tree is `briefing-podcast` (the name
`briefing` on PyPI is someone else's), and installs the `briefing` package, its
data and the `briefing` command."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from briefing.versions import __version__

from .helpers import subprocess_env

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "briefing-podcast"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of this tree, built by pip with the installed hatchling (no index
    is asked: nothing is downloaded)."""
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "--wheel-dir", str(out)],
        capture_output=True, text=True, env=subprocess_env(), timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("*.whl")
    return found


def test_the_wheel_is_briefing_podcast_with_the_briefing_package(wheel):
    assert wheel.name == f"briefing_podcast-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"briefing_podcast-{__version__}.dist-info"
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode("utf-8"))
        entry_points = configparser.ConfigParser()
        entry_points.read_string(archive.read(f"{info}/entry_points.txt").decode("utf-8"))
    assert metadata["Name"] == DISTRIBUTION
    assert metadata["Version"] == __version__
    assert {
        "briefing/__init__.py",
        "briefing/__main__.py",
        "briefing/entry.py",
        "briefing/summarize/__init__.py",
        "briefing/_voices/anchor.toml",
    } <= names
    assert not [name for name in names if name.split("/")[0] not in ("briefing", info)]
    assert dict(entry_points["console_scripts"]) == {"briefing": "briefing.entry:main"}


def test_python_m_briefing_runs_from_the_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = subprocess_env(PYTHONPATH=str(site))
    where = subprocess.run(
        [sys.executable, "-c", "import briefing; print(briefing.__file__)"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(site)
    version = subprocess.run(
        [sys.executable, "-m", "briefing", "--version"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"briefing, version {__version__}"


#: An extra named with the import name (``briefing[piper]``) installs someone else's package.
_WRONG_NAME = re.compile(r"(?<![\w.-])briefing\[")
#: What a ``pip install`` hint installs with extras: ``NAME[EXTRA,...]``.
_WITH_EXTRAS = re.compile(r"([\w.-]+)\[([\w, -]+)\]")


def test_every_install_hint_in_the_wheel_names_briefing_podcast(wheel):
    """Messages, docstrings and voice profiles that say how to install an extra name the
    distribution (``briefing-podcast[piper]``) and an extra it has."""
    wrong: list[str] = []
    with zipfile.ZipFile(wheel) as archive:
        info = f"briefing_podcast-{__version__}.dist-info"
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode("utf-8"))
        extras = set(metadata.get_all("Provides-Extra") or ())
        hints = 0
        for name in archive.namelist():
            if not name.startswith("briefing/"):
                continue  # the metadata's README installs from a clone: '.[piper]'
            try:
                text = archive.read(name).decode("utf-8")
            except UnicodeDecodeError:
                continue  # a binary file
            wrong += [f"{name}: {m.group(0)}" for m in _WRONG_NAME.finditer(text)]
            for line in text.splitlines():
                _, found, rest = line.partition("pip install ")
                for target in _WITH_EXTRAS.finditer(rest if found else ""):
                    hints += 1
                    named = {e.strip() for e in target.group(2).split(",")}
                    if target.group(1) != DISTRIBUTION or not named <= extras:
                        wrong.append(f"{name}: {line.strip()}")
                if found and re.match(r"['\"`]?briefing\b(?!-)", rest):
                    wrong.append(f"{name}: {line.strip()}")
    assert not wrong, "\n".join(dict.fromkeys(wrong))
    assert hints >= 3  # the piper and dask hints were seen
