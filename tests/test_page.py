"""The episode page's HTML (without a browser) and the VTT parser it reads."""

from __future__ import annotations

import datetime as dt
import html.parser

import pytest

from briefing.models import Cue, Show
from briefing.publish.page import build_page, write_page
from briefing.publish.store import Store
from briefing.publish.transcript import parse_vtt, to_srt, to_vtt

from .test_store import entry


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"])


def test_vtt_and_srt_round_trip():
    cues = [
        Cue(1000, 4000, "Tom & Jerry <live>", "anchor"),
        Cue(4000, 9000, "Second.", "correspondent"),
    ]
    assert parse_vtt(to_vtt(cues)) == [
        Cue(1000, 4000, "Tom & Jerry <live>", "Anchor"),
        Cue(4000, 9000, "Second.", "Correspondent"),
    ]
    plain = [Cue(1000, 4000, "Tom & Jerry", "anchor")]
    assert [(c.start_ms, c.text) for c in parse_vtt(to_srt(plain))] == [(1000, "Tom & Jerry")]


@pytest.fixture
def folder(tmp_path):
    episodes = (entry(25, title="Night <News> & more"), entry(24))
    for item in episodes:
        (tmp_path / item.vtt).write_text(
            to_vtt(
                [
                    Cue(0, 2000, "Hello and welcome.", "anchor"),
                    Cue(2000, 40_000, "A story about trains.", "anchor"),
                ]
            )
        )
    return tmp_path, Store(show=Show(title="My <Show>"), episodes=episodes)


def test_page_structure(folder):
    out, store = folder
    page = build_page(store, out, "https://example.org/b/")
    parser = _Collector()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert tags.count("main") == 1 and "header" in tags and "footer" in tags
    assert tags.count("h1") == 1 and tags.count("h2") == 3  # shortcuts + two episodes
    assert tags.count("audio") == 2 and tags.count("nav") == 2
    assert len(parser.ids) == len(set(parser.ids))  # ids are unique
    assert "My &lt;Show&gt;" in page and "Night &lt;News&gt; &amp; more 25" in page
    assert "https://example.org/b/feed.xml" in page
    # Newest first, and every story link points at its transcript heading.
    assert page.index("ep-2026-11-25") < page.index("ep-2026-11-24")
    links = [a["href"] for t, a in parser.tags if t == "a" and "chapter" in a.get("class", "")]
    assert links == ["#ep-2026-11-25-story-1", "#ep-2026-11-24-story-1"]
    assert all(link[1:] in parser.ids for link in links)
    selects = [a for t, a in parser.tags if t == "select"]
    assert all(f'for="{s["id"]}"' in page for s in selects)  # every control is labelled
    assert 'data-start="2.000"' in page and "A story about trains." in page
    assert "http://" not in page.replace(
        "https://example.org/b/feed.xml", ""
    )  # nothing from elsewhere
    assert '<script src="player.js" defer>' in page


def test_write_page_puts_everything_in_the_folder(folder):
    out, store = folder
    path = write_page(out, store, "http://localhost:8000/")
    assert path == out / "index.html"
    for name in ("player.js", "player.css"):
        assert (out / name).stat().st_size > 500
    assert "prefers-reduced-motion" in (out / "player.css").read_text()


def test_an_empty_store_gives_a_page(tmp_path):
    assert "No episodes yet." in build_page(Store(), tmp_path, "http://localhost:8000/")


def test_generate_writes_the_page(tmp_path, silent_voices, articles_dir, monkeypatch):
    from briefing import pipeline

    pipeline.generate([articles_dir], out_dir=tmp_path, date=dt.date(2026, 11, 25))
    page = (tmp_path / "index.html").read_text()
    assert "Harbour bridge reopens after repairs" in page
    assert page.count('class="cue"') >= 4
