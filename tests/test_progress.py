"""Progress while fetching and summarising: reported by the library through a callback,
shown by the command line on a terminal only (and never with -q)."""

from __future__ import annotations

import datetime as dt
import os
import pty
import re
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from briefing import pipeline
from briefing.cli import cli
from briefing.config import SourceConfig
from briefing.models import Article, StageProgress
from briefing.sources import FetchPolicy, HttpClient, collect
from briefing.summarize import summarize_articles

from .helpers import subprocess_env
from .webserver import FixtureServer

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
FEEDS = ["/rss20.xml", "/atom.xml", "/rss10.xml", "/teasers.xml"]
#: The teaser items of teasers.xml, whose pages are fetched for their full text.
TEASER_PAGES = ["/pages/harbour-seals.html", "/pages/ferry-timetable.html"]


@pytest.fixture
def web():
    server = FixtureServer().start()
    server.add_fixture("/rss20.xml", "rss20.xml")
    server.add_fixture("/atom.xml", "atom.xml", content_type="application/atom+xml")
    server.add_fixture("/rss10.xml", "rss10.xml", content_type="application/rdf+xml")
    server.add_fixture("/teasers.xml", "teasers.xml")
    for page in TEASER_PAGES:
        server.add_fixture(page, page.lstrip("/"), content_type="text/html; charset=utf-8")
    yield server
    server.stop()


class Recorder:
    """A progress callback that keeps every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, str]] = []

    def __call__(self, done: int, total: int, label: str) -> None:
        self.calls.append((done, total, label))


def test_fetching_reports_every_download_of_several_feeds_and_their_teasers(web, tmp_path):
    policy = FetchPolicy(retries=1, backoff_s=0.0, allow_networks=("127.0.0.1/32",))
    progress = Recorder()
    with HttpClient(tmp_path / "cache", policy) as client:
        sources = [SourceConfig(location=web.url(path)) for path in FEEDS]
        articles, skipped = collect(sources, now=NOW, client=client, progress=progress)
    assert skipped == [] and articles
    downloads = [web.url(path) for path in FEEDS + TEASER_PAGES]
    assert progress.calls[-1][:2] == (len(downloads), len(downloads))
    # Each download is said as it starts (the count so far) and as it ends (one more).
    labels = [label for _, _, label in progress.calls]
    assert sorted(labels) == sorted(downloads * 2)
    done = [d for d, _, _ in progress.calls]
    totals = [t for _, t, _ in progress.calls]
    assert done == sorted(done) and totals == sorted(totals)  # never backwards
    assert totals[0] == len(FEEDS)  # the teasers' pages are added as their feed is read
    assert all(d <= t for d, t in zip(done, totals, strict=True))


def test_summarising_reports_each_article_then_the_end():
    body = (
        "The council met on Tuesday and voted to close the old pool in May. "
        "It will reopen as a library after two years of work, the mayor said.",
    )
    articles = [Article(f"Headline number {n}", body, f"s{n}.txt") for n in range(3)]
    progress = Recorder()
    stories, _ = summarize_articles(articles, progress=progress)
    assert len(stories) == 3
    assert progress.calls == [
        (0, 3, "Headline number 0"),
        (1, 3, "Headline number 1"),
        (2, 3, "Headline number 2"),
        (3, 3, ""),
    ]


def test_prepare_script_passes_both_callbacks_on(web, tmp_path):
    fetching, summarising = Recorder(), Recorder()
    with HttpClient(tmp_path / "cache", FetchPolicy(retries=1, backoff_s=0.0)) as client:
        prepared = pipeline.prepare_script(
            [web.url("/rss20.xml"), web.url("/atom.xml")], now=NOW, client=client,
            progress=StageProgress(fetching=fetching, summarising=summarising),
        )  # fmt: skip
    assert fetching.calls[-1][:2] == (2, 2)
    assert summarising.calls[-1] == (len(prepared.stories), len(prepared.stories), "")


def _script_on_a_terminal(args: list[str], tmp_path) -> tuple[str, str, int]:
    """`briefing script ARGS` with standard error on a pseudo-terminal: (what the
    terminal showed, standard output, exit status)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "script", *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
        env=subprocess_env(BRIEFING_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="100"),
    )  # fmt: skip
    os.close(follower)
    shown = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other end closed: the process has ended
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    stdout, _ = process.communicate(timeout=300)  # a bound against hanging, not a timing
    reader.join(timeout=60)
    os.close(leader)
    return shown.decode("utf-8", "replace"), stdout.decode(), process.returncode


def test_script_shows_fetching_and_summarising_on_a_terminal(web, tmp_path):
    """Four feeds on 127.0.0.1; the teasers' links lead to this machine too, which feed
    links may not reach by default: two warnings, each on a line of its own."""
    urls = [web.url(path) for path in FEEDS]
    shown, stdout, status = _script_on_a_terminal([*urls, "--since", "5200w"], tmp_path)
    assert status == 0, shown
    assert "Today's briefing has" in stdout and "Fetching" not in stdout
    total = len(FEEDS) + len(TEASER_PAGES)
    assert re.search(rf"Fetching .*{total}/{total}", shown), shown
    assert re.search(r"Summarising .*(\d+)/\1", shown), shown
    assert "127.0.0.1" in shown  # what is being fetched
    warnings = re.findall(r"(?s)(.?)warning: ", shown)
    assert len(warnings) == len(TEASER_PAGES) and set(warnings) == {"\n"}, shown


def test_no_progress_with_quiet_on_a_terminal(web, tmp_path):
    shown, stdout, status = _script_on_a_terminal(
        [web.url("/rss20.xml"), "--since", "5200w", "-q"], tmp_path
    )
    assert status == 0 and "Today's briefing has" in stdout
    assert "Fetching" not in shown and "Summarising" not in shown


def test_no_progress_when_standard_error_is_not_a_terminal(web):
    result = CliRunner().invoke(cli, ["script", web.url("/rss20.xml"), "--since", "5200w"])
    assert result.exit_code == 0, result.output
    assert "Today's briefing has" in result.stdout
    assert "Fetching" not in result.stderr and "Summarising" not in result.stderr
