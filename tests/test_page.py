"""The episode page's HTML (without a browser) and the VTT parser it reads."""

from __future__ import annotations

import datetime as dt
import html
import html.parser
import re
from dataclasses import replace

import pytest

from briefing.models import Chapter, Cue, SegmentKind, Show
from briefing.publish.page import build_page, spoken_time, write_page
from briefing.publish.store import Store
from briefing.publish.transcript import parse_vtt, to_srt, to_vtt

from .helpers import entry


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
    page = build_page(replace(store, base_url="https://example.org/b/"), out)
    parser = _Collector()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert tags.count("main") == 1 and "header" in tags and "footer" in tags
    assert tags.count("h1") == 1 and tags.count("h2") == 2  # one per episode
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


class _Names(html.parser.HTMLParser):
    """The aria-label of every ``tag`` element, else its text less what is inside
    aria-hidden elements: what a screen reader announces as its name."""

    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag, self.names = tag, []
        self.stack: list[bool] = []  # open elements inside one ``tag``: aria-hidden or not
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.stack, self.parts = [False], []
            self.label = dict(attrs).get("aria-label")
        elif self.stack:
            self.stack.append(self.stack[-1] or dict(attrs).get("aria-hidden") == "true")

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
            if not self.stack:
                self.names.append(self.label or " ".join("".join(self.parts).split()))

    def handle_data(self, data):
        if self.stack and not self.stack[-1]:
            self.parts.append(data)


def _named(page: str, tag: str) -> list[str]:
    parser = _Names(tag)
    parser.feed(page)
    return parser.names


def test_each_player_has_buttons_hidden_until_the_script_runs(folder):
    out, store = folder
    page = build_page(store, out)
    names = ["Previous story", "Back 15 seconds", "Forward 15 seconds", "Next story"]
    assert _named(page, "button") == names * 2  # both episodes
    parser = _Collector()
    parser.feed(page)
    buttons = [a for t, a in parser.tags if t == "button"]
    assert all(b["type"] == "button" and b["data-action"] for b in buttons)
    assert [b["data-action"] for b in buttons[:4]] == ["previous", "back", "forward", "next"]
    groups = [a for t, a in parser.tags if "controls" in a.get("class", "").split()]
    assert len(groups) == 2 and all("hidden" in g and g["role"] == "group" for g in groups)
    assert all(g.get("aria-label") for g in groups)
    # The buttons come right after each player, before the story list.
    first = page.index("<audio")
    assert first < page.index('class="controls"') < page.index('class="stories"')


def test_shortcut_help_is_folded_below_the_newest_player(folder):
    out, store = folder
    page = build_page(store, out)
    parser = _Collector()
    parser.feed(page)
    details = [a for t, a in parser.tags if t == "details"]
    assert len(details) == 1 and details[0]["id"] == "shortcuts"
    assert "open" not in details[0] and "hidden" in details[0]  # folded; shown by player.js
    assert _named(page, "summary") == ["Keyboard shortcuts"]
    newest, older = page.index('id="ep-2026-11-25"'), page.index('id="ep-2026-11-24"')
    assert newest < page.index("<audio") < page.index("<details") < older
    assert "<kbd>Alt</kbd> + <kbd>Shift</kbd> + <kbd>N</kbd>" in page


def test_the_cover_is_shown_beside_the_title_when_there_is_one(folder):
    out, store = folder
    assert "<img" not in build_page(store, out)  # never a broken image
    (out / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    page = build_page(store, out)
    parser = _Collector()
    parser.feed(page)
    images = [a for t, a in parser.tags if t == "img"]
    assert len(images) == 1 and images[0]["src"] == "cover.png"
    assert images[0]["alt"] == ""  # decorative: the title is the heading right after it
    assert images[0]["width"] == images[0]["height"]  # room kept while it loads
    header = page[page.index("<header>") : page.index("</header>")]
    assert header.index("<img") < header.index("<h1>My &lt;Show&gt;</h1>")


def _subscribe(page: str) -> tuple[dict, str, str]:
    """The subscribe paragraph's feed link: its attributes, its shown address, and the
    head's feed link for podcast apps that discover feeds."""
    parser = _Collector()
    parser.feed(page)
    (link,) = [a for t, a in parser.tags if t == "a" and "feed" in a.get("class", "").split()]
    (alternate,) = [a for t, a in parser.tags if t == "link" and a.get("rel") == "alternate"]
    shown = page[page.index('class="subscribe"') :]
    shown = shown[shown.index("<code>") + len("<code>") : shown.index("</code>")]
    return link, shown, alternate["href"]


def test_the_feed_address_is_the_base_url_when_one_was_given(folder):
    out, store = folder
    page = build_page(replace(store, base_url="https://news.example.org:8443/b/"), out)
    link, shown, alternate = _subscribe(page)
    assert link["href"] == shown == alternate == "https://news.example.org:8443/b/feed.xml"
    assert "data-resolve" not in link  # nothing for the script to fill in
    assert "localhost" not in page


def test_without_a_base_url_the_feed_link_is_relative_and_names_no_host(folder):
    """Only the browser knows where the page is served (briefing serve's host and port,
    any web server): the link is relative, and its text claims no host until
    player.js fills in the address the browser resolves."""
    out, store = folder
    page = build_page(store, out)
    link, shown, alternate = _subscribe(page)
    assert link["href"] == shown == alternate == "feed.xml"
    assert "data-resolve" in link
    assert "localhost" not in page and "http://" not in page and "https://" not in page
    (said,) = [p for p in _named(page, "p") if p.startswith("Subscribe")]
    assert said == (
        "Subscribe in your podcast app with the feed address feed.xml "
        "(in the same folder as this page)."
    )


@pytest.mark.parametrize(
    ("ms", "spoken"),
    [
        (0, "0 seconds"),
        (999, "0 seconds"),
        (1_000, "1 second"),
        (29_400, "29 seconds"),
        (60_000, "1 minute"),
        (61_000, "1 minute 1 second"),
        (125_000, "2 minutes 5 seconds"),
        (3_600_000, "1 hour"),
        (3_723_000, "1 hour 2 minutes 3 seconds"),
        (7_260_000, "2 hours 1 minute"),
    ],
)
def test_spoken_time(ms, spoken):
    assert spoken_time(ms) == spoken


def test_story_links_are_named_title_first_then_the_time_in_words(tmp_path):
    """A screen reader says "Varenholm ferry resumes, at 29 seconds", not "0:29Varenholm
    ferry resumes": the title first (a list of links is scanned by its first words),
    the time apart and in words; the page still shows "0:29" before the title (axe's
    label-content-name-mismatch runs on it in test_browser)."""
    stories = (
        Chapter("Varenholm ferry resumes", SegmentKind.STORY, 29_000, 61_000, "a.txt"),
        Chapter("Rates held", SegmentKind.STORY, 61_000, 3_723_000, "b.txt"),
        Chapter("Late news", SegmentKind.STORY, 3_723_000, 3_800_000, "c.txt"),
    )
    store = Store(episodes=(replace(entry(25), stories=stories),))
    page = build_page(store, tmp_path)
    stories_list = page[page.index("<ol>") : page.index("</ol>")]
    assert _named(stories_list, "a") == [
        "Varenholm ferry resumes, at 29 seconds",
        "Rates held, at 1 minute 1 second",
        "Late news, at 1 hour 2 minutes 3 seconds",
    ]
    shown = html.unescape(re.sub(r"<[^>]+>", " ", stories_list))
    assert (
        " ".join(shown.split()) == "0:29 Varenholm ferry resumes 1:01 Rates held 1:02:03 Late news"
    )
    # Each link's visible text begins its name (WCAG's label in name): the clock is beside it.
    linked = re.findall(r'<a class="chapter"[^>]*>([^<]*)</a>', stories_list)
    assert linked == ["Varenholm ferry resumes", "Rates held", "Late news"]


def test_write_page_puts_everything_in_the_folder(folder):
    out, store = folder
    path = write_page(out, store)
    assert path == out / "index.html"
    for name in ("player.js", "player.css"):
        assert (out / name).stat().st_size > 500
    assert "prefers-reduced-motion" in (out / "player.css").read_text()


def test_an_empty_store_gives_a_page(tmp_path):
    assert "No episodes yet." in build_page(Store(), tmp_path)


def test_generate_writes_the_page(tmp_path, silent_voices, articles_dir, monkeypatch):
    from briefing import pipeline

    pipeline.generate([articles_dir], out_dir=tmp_path, date=dt.date(2026, 11, 25))
    page = (tmp_path / "index.html").read_text()
    assert "Harbour bridge reopens after repairs" in page
    assert page.count('class="cue"') >= 4
