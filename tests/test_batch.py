"""A batch of shows (``briefing batch``): each source fetched once, each story and
block made once, each show published in its own folder, a bad show costing only itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import podcastparser
import pytest
from click.testing import CliRunner
from mutagen.mp3 import MP3

from briefing.batch import run_batch
from briefing.cli import cli
from briefing.pipeline import generate
from briefing.render import Renderer
from briefing.render.cache import SegmentCache

from .helpers import write_articles, write_show
from .webserver import FixtureServer

DATE = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


def engine_calls(calls: Path) -> list[str]:
    if not calls.exists():
        return []
    return [line.split("\t", 1)[1] for line in calls.read_text().splitlines()]


def feed_titles(folder: Path) -> list[str]:
    with (folder / "feed.xml").open("rb") as handle:
        parsed = podcastparser.parse("http://localhost/feed.xml", handle)
    return [episode["title"] for episode in parsed["episodes"]]


def test_each_block_is_rendered_once_for_every_show(newsroom, tone_show_voices, tmp_path):
    renderer = Renderer(SegmentCache(tmp_path / "cache"), jobs=0)
    with renderer:
        report = run_batch([newsroom], renderer, date=DATE, now=NOW)
    assert [show.status for show in report.shows] == ["made"] * 3, report.shows
    spoken = engine_calls(tone_show_voices)
    assert len(spoken) == len(set(spoken)) == report.rendered  # no text spoken twice
    # Three shows of three stories: the shared stories and the intro's and outro's
    # common lines are reused, not spoken again.
    assert report.blocks > report.rendered and report.reused == report.blocks - report.rendered
    for show in report.shows:
        assert show.episode is not None
        folder = show.episode.mp3_path.parent
        assert folder.name == f"out-{show.path.stem}"
        assert len(show.episode.stories) == 3
        assert MP3(str(show.episode.mp3_path)).info.length > 5
        assert feed_titles(folder) == [show.episode.title]
    # The story all three shows tell was summarised once and spoken once.
    assert sum("harbour bridge reopened" in text for text in spoken) == 1
    river = [text for text in spoken if "ninety thousand" in text]
    assert len(river) == 1

    # Again: every show is up to date, nothing is rendered or written.
    with Renderer(SegmentCache(tmp_path / "cache"), jobs=0) as again:
        second = run_batch([newsroom], again, date=DATE, now=NOW)
    assert [show.status for show in second.shows] == ["up to date"] * 3
    assert second.rendered == 0 and len(engine_calls(tone_show_voices)) == len(spoken)


def test_a_show_in_a_batch_is_byte_identical_to_the_show_alone(newsroom, tmp_path):
    with Renderer(SegmentCache(tmp_path / "cache"), jobs=0) as renderer:
        report = run_batch([newsroom], renderer, date=DATE, now=NOW)
    from briefing.config import load_config
    from briefing.options import run_options

    config = load_config(newsroom / "midday.toml")
    options = run_options(config, date=DATE, out_dir=tmp_path / "alone")
    with Renderer(SegmentCache(tmp_path / "other-cache"), jobs=0) as alone:
        episode = generate(list(config.sources), options, now=NOW, renderer=alone)
    in_batch = next(s for s in report.shows if s.path.stem == "midday").episode
    assert in_batch is not None
    assert episode.mp3_path.read_bytes() == in_batch.mp3_path.read_bytes()


def test_a_bad_show_costs_only_itself(newsroom, tmp_path):
    articles = tmp_path / "articles"
    (newsroom / "broken.toml").write_text('[briefing]\nminutes = "ten"\n', encoding="utf-8")
    write_show(newsroom, "gone", [str(articles / "no-such-story.txt")])
    write_show(newsroom, "overlap", [str(articles / "story-0.txt")])
    (newsroom / "overlap.toml").write_text(  # the first show in name order keeps it
        (newsroom / "overlap.toml").read_text().replace("out-overlap", "out-morning")
    )
    result = CliRunner().invoke(
        cli,
        ["batch", str(newsroom), str(tmp_path / "missing-shows"), "--date", "2026-11-25",
         "--jobs", "0", "--cache", str(tmp_path / "cache")],
    )  # fmt: skip
    assert result.exit_code == 4, result.output  # broken, gone, the overlap, missing-shows
    lines = result.stderr.splitlines()
    table = lines[next(i for i, line in enumerate(lines) if line.startswith("show ")) :]
    rows = {line.split()[0]: line for line in table[1:-1]}
    assert set(rows) == {
        "missing-shows", "broken.toml", "overlap.toml", "evening.toml", "gone.toml",
        "midday.toml", "morning.toml",
    }  # fmt: skip
    assert "'briefing.minutes' must be a number" in rows["broken.toml"]
    assert "no-such-story.txt" in rows["gone.toml"] and "failed" in rows["gone.toml"]
    assert "same output folder as morning.toml" in rows["overlap.toml"]
    assert "no such show file or folder" in rows["missing-shows"]
    for name in ("morning", "midday", "evening"):
        assert "made" in rows[f"{name}.toml"]
        assert feed_titles(newsroom / f"out-{name}")
    assert table[-1].startswith("shows: 3 made, 0 up to date (skipped), 4 failed; blocks: ")
    assert "Traceback" not in result.output
    printed = result.stdout.splitlines()
    assert len(printed) == 3 and all(line.endswith(".mp3") for line in printed)


def test_each_feed_is_fetched_once_and_its_stories_told_once(tone_show_voices, tmp_path):
    server = FixtureServer().start()
    try:
        feed = server.add_fixture("/feed.xml", "rss20.xml")
        shows = tmp_path / "shows"
        shows.mkdir()
        for name in ("north", "south"):
            write_show(shows, name, [feed])
        calls = []

        def counting(article, **options):
            from briefing.summarize import summarize_article

            calls.append((article.title, options.get("max_words")))
            return summarize_article(article, **options)

        with Renderer(SegmentCache(tmp_path / "cache"), jobs=0) as renderer:
            report = run_batch(
                [shows], renderer, date=DATE, now=NOW, http_cache=tmp_path / "http",
                summarizer=counting, allow_networks=("127.0.0.1/32",),  # the test server
            )  # fmt: skip
    finally:
        server.stop()
    assert [show.status for show in report.shows] == ["made", "made"]
    assert server.hits["/feed.xml"] == 1 and report.fetched == 1
    assert len(calls) == len(set(calls)) == report.summarised
    stories = report.shows[0].episode.stories  # type: ignore[union-attr]
    assert len(stories) >= 2 and len(calls) == len(stories)  # the second show reused them all
    # The second show is the first but for its name: only its intro and outro are new.
    assert report.rendered == report.blocks // 2 + 2


def test_the_batch_on_the_local_worker_pool_matches_jobs_0(newsroom, tmp_path):
    with Renderer(SegmentCache(tmp_path / "cache-a"), jobs=0) as here:
        inline = run_batch([newsroom], here, date=DATE, now=NOW)
    for show in inline.shows:
        assert show.episode is not None
        show.episode.mp3_path.rename(tmp_path / f"{show.path.stem}-inline.mp3")
    with Renderer(SegmentCache(tmp_path / "cache-b"), jobs=2) as pool:
        pooled = run_batch([newsroom], pool, date=DATE, now=NOW, force=True)
    assert [show.status for show in pooled.shows] == ["made"] * 3
    for show in pooled.shows:
        assert show.episode is not None
        inline_bytes = (tmp_path / f"{show.path.stem}-inline.mp3").read_bytes()
        assert show.episode.mp3_path.read_bytes() == inline_bytes


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line(newsroom, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("briefing.render.cluster.CONNECT_TIMEOUT_S", 1.0)
    result = CliRunner().invoke(
        cli,
        ["generate", str(tmp_path / "articles"), "--out", str(tmp_path / "out"),
         "--scheduler", "tcp://127.0.0.1:9", "--cache", str(tmp_path / "cache")],
    )  # fmt: skip
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()[-1:]
    assert line.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "dask scheduler" in line and "Traceback" not in result.output
    assert not (tmp_path / "out" / "feed.xml").exists()


def test_the_exit_status_counts_the_failed_shows(tmp_path):
    import subprocess
    import sys

    from .helpers import subprocess_env

    shows = tmp_path / "shows"
    shows.mkdir()
    (shows / "one.toml").write_text("[show\n")
    (shows / "two.toml").write_text("[briefing]\nvoices = []\n")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "batch", str(shows), "-q"],
        capture_output=True, text=True, env=subprocess_env(), timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines)
    assert "one.toml" in lines[0] and "two.toml" in lines[1] and result.stdout == ""


LIBRARY = (
    "Library opens new reading wing\n\n"
    "The city library opened its new reading wing on Tuesday morning. "
    "Builders finished the glass roof three weeks ahead of the schedule. "
    "The wing holds forty thousand books and two hundred desks. "
    "Students from the university queued outside before the doors opened. "
    "The mayor cut a ribbon in the main hall at nine o'clock. "
    "Local artists painted a mural along the northern staircase. "
    "The cafe on the ground floor serves soup and fresh bread. "
    "Evening hours will run until ten on weekdays from next month. "
    "Children can borrow tablets at the new family desk upstairs. "
    "The council paid for the project from its culture fund.\n"
)


def test_a_story_at_different_ranks_in_two_shows_is_rendered_once(tone_show_voices, tmp_path):
    """The library story is fifth of five in one show and second of three in the other:
    told short in both (budgets once fell with rank: 40 and 60 words, two summaries, two
    renders), its block is spoken once for both episodes. Told first
    in a third show, it is told in full: a second length, and a second render."""
    articles = write_articles(tmp_path / "articles")
    library = tmp_path / "articles" / "library.txt"
    library.write_text(LIBRARY, encoding="utf-8")
    shows = tmp_path / "shows"
    shows.mkdir()
    others = [str(path) for path in articles]
    write_show(shows, "long", [*others[:4], str(library)])
    write_show(shows, "short", [others[0], str(library), others[1]])
    with Renderer(SegmentCache(tmp_path / "cache"), jobs=0) as renderer:
        report = run_batch([shows], renderer, date=DATE, now=NOW)
    assert [show.status for show in report.shows] == ["made"] * 2, report.shows
    told = [text for text in engine_calls(tone_show_voices) if "glass roof" in text]
    assert len(told) == 1, told
    write_show(shows, "lead", [str(library), *others[:2]])
    with Renderer(SegmentCache(tmp_path / "cache"), jobs=0) as renderer:
        third = run_batch([shows], renderer, date=DATE, now=NOW)
    assert [show.status for show in third.shows] == ["made", "up to date", "up to date"]
    told = [text for text in engine_calls(tone_show_voices) if "glass roof" in text]
    assert len(told) == 2 and len(told[1]) > len(told[0]), told


def test_a_batch_summarises_a_german_show_s_articles_in_german():
    """A batch wraps the summarizer to summarise each article once; the wrapped default
    is still told the show's language (it summarised German articles by English rules,
    cutting 'am 12. Dezember' and 'z. B.' into sentences), and an article's summary in
    one language is not given to a show in another."""
    from briefing.batch import _SummariseOnce
    from briefing.models import Article
    from briefing.summarize import summarize_article, summarize_articles

    title, _, body = (
        (Path(__file__).parent / "data" / "de-handball.txt").read_text("utf-8").partition("\n\n")
    )
    article = Article(title=title, paragraphs=tuple(body.strip().split("\n\n")), source="a.txt")
    once = _SummariseOnce(summarize_article)
    alone, _ = summarize_articles([article], language="de")
    in_batch, _ = summarize_articles([article], summarizer=once, language="de")
    assert in_batch == alone
    assert "Das Halbfinale gegen Dänemark findet am 12. Dezember um 18 Uhr statt." in (
        alone[0].sentences
    )
    as_english, _ = summarize_articles([article], summarizer=once)
    assert as_english == summarize_articles([article])[0] != alone
    assert once.calls == 2
