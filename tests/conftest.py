from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from briefing import tts

from .fakes import SilentEngine, ToneEngine
from .helpers import FIXTURES, write_articles, write_show


def pytest_configure(config):
    """Children answer Ctrl-C whatever started the tests. A job a non-interactive shell
    starts in the background (``bash .ci/run &``) ignores SIGINT, every process it starts
    inherits that across exec, and Python then installs no KeyboardInterrupt handler: the
    tests that press Ctrl-C on ``briefing serve`` and ``briefing generate`` waited out
    their two-minute bounds. A handler in this process is reset to the default at exec."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True, scope="session")
def _isolated_session_dirs(tmp_path_factory):
    """The same for module- and session-scoped fixtures, set up before the per-test ones."""
    home = tmp_path_factory.mktemp("session-user-dirs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
        patch.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))
        yield


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads the developer's own briefing.toml or writes their caches
    (HTTP, segments), nor shares a cache with another test."""
    home = tmp_path_factory.mktemp("user-dirs")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))


@pytest.fixture
def silent_voices(tmp_path, monkeypatch) -> SilentEngine:
    """Voice profiles 'anchor' and 'correspondent' that use the silent engine, and
    they are the default show (whatever engines are installed)."""
    engine = SilentEngine()
    tts.register_engine("silent", lambda: engine)
    folder = tmp_path / "silent-voices"
    folder.mkdir()
    for name, rate, display in (("anchor", 180, "Sam Reyes"), ("correspondent", 160, "Emma Ward")):
        (folder / f"{name}.toml").write_text(
            f'name = "{name}"\nengine = "silent"\nvoice = "quiet"\nrate = {rate}\n'
            f'display_name = "{display}"\n'
        )
    monkeypatch.setenv("BRIEFING_VOICES", str(folder))
    monkeypatch.setattr("briefing.voices.default_voices", lambda: ("anchor", "correspondent"))
    yield engine
    tts.unregister_engine("silent")


@pytest.fixture
def tone_show_voices(tmp_path, monkeypatch):
    """The voice 'anchor' on the tone engine (which worker processes load by name);
    every synthesis is counted in a file."""
    tts.register_engine("tone", "tests.fakes:ToneEngine")
    folder = tmp_path / "tone-voices"
    folder.mkdir()
    (folder / "anchor.toml").write_text('name="anchor"\nengine="tone"\nvoice="beep"\nrate=180\n')
    monkeypatch.setenv("BRIEFING_VOICES", str(folder))
    calls = tmp_path / "engine-calls.txt"
    monkeypatch.setenv(ToneEngine.CALLS_FILE, str(calls))
    yield calls
    tts.unregister_engine("tone")


@pytest.fixture
def newsroom(tmp_path, tone_show_voices):
    """Three shows over five stories: 0-2, 1-3 and 2-4 (story 2 is in all three)."""
    articles = write_articles(tmp_path / "articles")
    shows = tmp_path / "shows"
    shows.mkdir()
    for name, picked in (("morning", [0, 1, 2]), ("midday", [1, 2, 3]), ("evening", [2, 3, 4])):
        write_show(shows, name, [str(articles[i]) for i in picked])
    return shows


@pytest.fixture(scope="session")
def eval_sample() -> list[dict]:
    with (FIXTURES / "eval-sample.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture
def articles_dir(tmp_path) -> Path:
    """A folder with two small, clean articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour bridge reopens after repairs\n\n"
        "The harbour bridge reopened to traffic on Monday after eight months of repairs "
        "that cost the city 12 million euros. Engineers replaced the deck and two of the "
        "main cables, the transport office said.\n\nTraffic is expected to return to normal "
        "within a week, officials said.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Library extends opening hours for exam season\n\n"
        "The central library will stay open until midnight for the next six weeks to help "
        "students preparing for exams, its director announced on Tuesday. The extra hours "
        "are paid for by a grant from the regional education fund.\n",
        encoding="utf-8",
    )
    return folder
