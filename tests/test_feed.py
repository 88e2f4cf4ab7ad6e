"""The RSS feed: parsed by real podcast parsers, the tags Apple requires, hostile text."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import feedparser
import podcastparser
import pytest

from briefing.models import Chapter, SegmentKind, Show
from briefing.publish import feed as feed_module
from briefing.publish.chapters import episode_chapters, normal_play_time
from briefing.publish.feed import build_feed, normalize_base_url, write_feed, xml_text
from briefing.publish.flash import flash_items
from briefing.publish.store import Store

from .helpers import entry

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "psc": "http://podlove.org/simple-chapters",
}
BASE = "https://example.org/briefing/"
HOSTILE = [
    "Tom & Jerry",
    "a < b > c",
    "CDATA end ]]> here",
    "control \x00\x01\x07\x1b\x1f chars",
    "quotes \" and ' apostrophes",
    "emoji 🎙️ and RTL שלום",
    "lone surrogate \ud800 here",
    "<![CDATA[ injected ]]>",
    "</title><script>alert(1)</script>",
]


def _store(titles=("Episode",), show: Show | None = None) -> Store:
    episodes = tuple(entry(i + 1, title=t) for i, t in enumerate(titles))[::-1]
    return Store(show=show or Show(), base_url=BASE, episodes=episodes)


def _parse(document: bytes) -> ET.Element:
    return ET.fromstring(document)


def test_channel_has_what_apple_requires():
    root = _parse(build_feed(_store(), BASE))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for tag in ("title", "link", "description", "language"):
        assert channel.findtext(tag), tag
    assert channel.find("itunes:image", NS).get("href") == BASE + "cover.png"
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "News"
    assert category.find("itunes:category", NS).get("text") == "Daily News"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:author", namespaces=NS) == "briefing"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    assert channel.find("atom:link", NS).get("href") == BASE + "feed.xml"
    assert channel.findtext("podcast:guid", namespaces=NS)


def test_items_have_enclosure_guid_date_duration_transcripts_chapters():
    store = _store(("One", "Two"))
    channel = _parse(build_feed(store, BASE)).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Two 2", "One 1"]
    item = items[0]
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == BASE + "briefing-2026-11-02.mp3"
    assert enclosure.get("length") == "1002"
    assert enclosure.get("type") == "audio/mpeg"
    guid = item.find("guid")
    assert guid.text == "guid-2" and guid.get("isPermaLink") == "false"
    assert item.findtext("pubDate") == "Mon, 02 Nov 2026 06:00:00 GMT"
    assert item.findtext("itunes:duration", namespaces=NS) == "60"
    assert item.findtext("itunes:explicit", namespaces=NS) == "false"
    transcripts = item.findall("podcast:transcript", NS)
    assert {(t.get("type"), t.get("url")) for t in transcripts} == {
        ("text/vtt", BASE + "briefing-2026-11-02.vtt"),
        ("application/x-subrip", BASE + "briefing-2026-11-02.srt"),
    }
    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("url") == BASE + "briefing-2026-11-02.chapters.json"
    assert chapters.get("type") == "application/json+chapters"


def _with_stories(*starts_ms: int, duration_ms: int) -> Store:
    ends = [*starts_ms[1:], starts_ms[-1] + 9000]
    stories = tuple(
        Chapter(f"Story {n}", SegmentKind.STORY, start, end, "a.txt")
        for n, (start, end) in enumerate(zip(starts_ms, ends, strict=True), 1)
    )
    one = replace(entry(1), stories=stories, duration_ms=duration_ms)
    return Store(base_url=BASE, episodes=(one,))


def test_gpodder_reads_the_chapters():
    """podcastparser (gPodder's parser) reads Podlove Simple Chapters, not
    podcast:chapters: each item carries both."""
    store = _with_stories(12_500, 65_250, 3_725_000, duration_ms=3_745_000)
    document = build_feed(store, BASE)
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO(document))
    assert parsed["episodes"][0]["chapters"] == [
        {"start": 0, "title": "Intro"},
        {"start": 12, "title": "Story 1"},
        {"start": 65, "title": "Story 2"},
        {"start": 3725, "title": "Story 3"},
        {"start": 3734, "title": "Outro"},
    ]
    item = _parse(document).find("channel/item")
    simple = item.find("psc:chapters", NS)
    assert simple.get("version") == "1.2"
    assert [c.get("start") for c in simple.findall("psc:chapter", NS)] == [
        "00:00:00.000", "00:00:12.500", "00:01:05.250", "01:02:05.000", "01:02:14.000",
    ]  # fmt: skip
    assert item.find("podcast:chapters", NS).get("url").endswith(".chapters.json")
    assert not feedparser.parse(document).bozo


@pytest.mark.parametrize(
    ("ms", "expected"),
    [(0, "00:00:00.000"), (999, "00:00:00.999"), (61_001, "00:01:01.001"),
     (3_600_000, "01:00:00.000"), (360_000_000, "100:00:00.000"), (-5, "00:00:00.000")],
)  # fmt: skip
def test_normal_play_time(ms, expected):
    assert normal_play_time(ms) == expected


@pytest.mark.parametrize(
    ("stories", "duration_ms", "expected"),
    [
        ((), 60_000, []),
        (((1000, 30_000),), 60_000, [("Intro", 0), ("S", 1000), ("Outro", 30_000)]),
        (((0, 60_000),), 60_000, [("S", 0)]),  # nothing before or after the story
        (((30_000, 50_000), (1000, 30_000)), 50_000, [("Intro", 0), ("S", 1000), ("S", 30_000)]),
    ],
)
def test_episode_chapters_around_the_stories(stories, duration_ms, expected):
    chapters = [Chapter("S", SegmentKind.STORY, a, b) for a, b in stories]
    found = episode_chapters(chapters, duration_ms)
    assert [(c.title, c.start_ms) for c in found] == expected


OWNED = Show(owner="Jane Doe", email="jane@example.org", copyright="© 2026 Jane & Co", locked=True)


def test_owner_copyright_and_lock_as_the_config_gives_them():
    document = build_feed(_store(show=OWNED), BASE)
    channel = _parse(document).find("channel")
    assert channel.findtext("copyright") == "© 2026 Jane & Co"
    owner = channel.find("itunes:owner", NS)
    assert owner.findtext("itunes:name", namespaces=NS) == "Jane Doe"
    assert owner.findtext("itunes:email", namespaces=NS) == "jane@example.org"
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "jane@example.org")
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO(document))
    assert parsed["itunes_owner"] == {"name": "Jane Doe", "email": "jane@example.org"}
    # (podcastparser 0.6 knows the podcast namespace only by its old GitHub URI, so it
    # reads no podcast:locked from the canonical https://podcastindex.org/namespace/1.0.)
    assert not feedparser.parse(document).bozo
    assert feedparser.parse(document).feed.rights == "© 2026 Jane & Co"


@pytest.mark.parametrize(
    ("show", "name", "locked"),
    [
        (Show(), None, None),  # nothing given: none of them is written
        (Show(email="jane@example.org"), "briefing", None),  # the author names the owner
        (Show(email="jane@example.org", locked=False), "briefing", ("no", "jane@example.org")),
        (Show(locked=True), None, ("yes", None)),  # locked, with no owner to name
    ],
)
def test_owner_and_lock_only_where_the_config_says(show, name, locked):
    channel = _parse(build_feed(_store(show=show), BASE)).find("channel")
    owner = channel.find("itunes:owner", NS)
    assert (owner.findtext("itunes:name", namespaces=NS) if owner is not None else None) == name
    element = channel.find("podcast:locked", NS)
    assert ((element.text, element.get("owner")) if element is not None else None) == locked
    assert channel.find("copyright") is None


def test_each_item_links_to_its_place_on_the_episode_page():
    document = build_feed(_store(("One", "Two")), BASE)
    items = _parse(document).findall("channel/item")
    assert [i.findtext("link") for i in items] == [
        BASE + "index.html#ep-2026-11-02",
        BASE + "index.html#ep-2026-11-01",
    ]
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO(document))
    assert [e["link"] for e in parsed["episodes"]] == [i.findtext("link") for i in items]
    assert [e["guid"] for e in parsed["episodes"]] == ["guid-2", "guid-1"]  # not the link


def test_explicit_is_true_or_false_never_yes_no():
    document = build_feed(_store(show=Show(explicit=True)), BASE)
    assert b"<itunes:explicit>true</itunes:explicit>" in document
    assert b"yes" not in document.lower()


def test_real_podcast_clients_parse_it():
    document = build_feed(_store(("One", "Two", "Three")), BASE)
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO(document))
    assert parsed["title"] == "The Daily Briefing"
    assert parsed["cover_url"] == BASE + "cover.png"
    assert parsed["explicit"] is False
    assert [e["guid"] for e in parsed["episodes"]] == ["guid-3", "guid-2", "guid-1"]
    assert parsed["episodes"][0]["enclosures"][0]["file_size"] == 1003
    assert parsed["episodes"][0]["total_time"] == 60
    parsed = feedparser.parse(document)
    assert not parsed.bozo
    assert len(parsed.entries) == 3
    assert parsed.entries[0].enclosures[0]["href"] == BASE + "briefing-2026-11-03.mp3"


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_text_gives_valid_xml(title):
    show = Show(title=title, description=title, author=title)
    document = build_feed(_store((title,), show=show), BASE)
    root = _parse(document)  # a strict XML parser accepts it
    expected = xml_text(title)
    assert root.findtext("channel/title") == expected
    assert root.findtext("channel/item/title") == f"{expected} 1"
    assert root.findtext("channel/itunes:author", namespaces=NS) == expected
    assert not feedparser.parse(document).bozo
    parsed = podcastparser.parse(BASE, io.BytesIO(document))
    assert parsed["episodes"][0]["title"] == " ".join(f"{expected} 1".split())  # it folds spaces


def test_xml_text_keeps_tabs_and_newlines():
    assert xml_text("a\tb\nc\rd\x00e") == "a\tb\nc\rde"


@pytest.mark.parametrize(
    ("given", "normalized"),
    [
        ("https://example.org/briefing", "https://example.org/briefing/"),
        ("http://192.168.1.5:8000/", "http://192.168.1.5:8000/"),
    ],
)
def test_base_url(given, normalized):
    assert normalize_base_url(given) == normalized


@pytest.mark.parametrize("bad", ["example.org/briefing", "ftp://example.org/", "/briefing/", ""])
def test_bad_base_url(bad):
    with pytest.raises(ValueError, match="absolute http"):
        normalize_base_url(bad)


def test_urls_are_quoted():
    store = Store(episodes=(entry(1),))
    odd = store.episodes[0].__class__(
        **{**store.episodes[0].__dict__, "audio": "my episode #1.mp3"}
    )
    document = build_feed(Store(episodes=(odd,)), BASE)
    assert b'url="https://example.org/briefing/my%20episode%20%231.mp3"' in document


def test_failed_feed_write_keeps_the_previous_feed(tmp_path, monkeypatch):
    write_feed(tmp_path, _store(("One",)), BASE)
    before = (tmp_path / "feed.xml").read_bytes()

    real_write_bytes = Path.write_bytes

    def half_then_fail(self, data):
        real_write_bytes(self, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_fail)
    with pytest.raises(OSError):
        write_feed(tmp_path, _store(("One", "Two")), BASE)
    monkeypatch.undo()
    assert (tmp_path / "feed.xml").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.xml"]


def test_flash_briefing_items():
    store = _store(tuple(f"E{i}" for i in range(7)))
    items = flash_items(store, BASE)
    assert len(items) == 5
    assert [i["titleText"] for i in items] == ["E6 7", "E5 6", "E4 5", "E3 4", "E2 3"]
    first = items[0]
    assert set(first) == {
        "uid",
        "updateDate",
        "titleText",
        "mainText",
        "streamUrl",
        "redirectionUrl",
    }
    assert first["uid"] == "urn:uuid:guid-7"
    assert first["updateDate"] == "2026-11-07T06:00:00.0Z"
    assert first["streamUrl"] == BASE + "briefing-2026-11-07.mp3"
    json.dumps(items)


def test_feed_module_declares_its_namespaces():
    assert feed_module.NAMESPACES == NS
