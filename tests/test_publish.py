"""Publishing through the pipeline (silent engine): store, feed, chapters, pruning."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET

import podcastparser
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from PIL import Image

from briefing import pipeline
from briefing.cli import cli
from briefing.errors import BriefingError, OutputError
from briefing.files import LOCK_NAME, plain_words, transaction, write_text_atomic
from briefing.models import SegmentKind, Show
from briefing.publish import rebuild
from briefing.publish.chapters import normal_play_time
from briefing.publish.store import load_store

from . import killer
from .helpers import WriteFaults, episode_file, ffmpeg_exe

NS = {
    "podcast": "https://podcastindex.org/namespace/1.0",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
}
PSC = {"psc": "http://podlove.org/simple-chapters"}
BASE = "https://example.org/b/"


def _make(out, articles_dir, day, **kwargs):
    return pipeline.generate([articles_dir], out_dir=out, date=dt.date(2026, 11, day), **kwargs)


def _feed_episodes(out):
    return podcastparser.parse(BASE + "feed.xml", io.BytesIO((out / "feed.xml").read_bytes()))[
        "episodes"
    ]


def test_feed_matches_the_files(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    for day in (23, 24, 25):
        _make(out, articles_dir, day, base_url=BASE)
    episodes = _feed_episodes(out)
    assert [e["title"][-17:] for e in episodes] == [
        "November 25, 2026",
        "November 24, 2026",
        "November 23, 2026",
    ]
    for episode in episodes:
        enclosure = episode["enclosures"][0]
        path = out / enclosure["url"].removeprefix(BASE)
        assert enclosure["file_size"] == path.stat().st_size
        assert abs(episode["total_time"] - MP3(str(path)).info.length) <= 1
    root = ET.parse(out / "feed.xml").getroot()
    for item in root.iter("item"):
        for link in item.findall("podcast:transcript", NS) + item.findall("podcast:chapters", NS):
            assert (out / link.get("url").removeprefix(BASE)).is_file()
    with Image.open(out / "cover.png") as cover:
        assert cover.format == "PNG" and cover.size == (1400, 1400)


def _item_files(out) -> list[list[str]]:
    """Each feed item's files (enclosure, transcripts, chapters), by name; each must exist."""
    items = []
    for item in ET.parse(out / "feed.xml").getroot().iter("item"):
        links = [item.find("enclosure")]
        links += item.findall("podcast:transcript", NS) + item.findall("podcast:chapters", NS)
        names = [link.get("url").removeprefix(BASE) for link in links]
        assert all((out / name).is_file() for name in names), names
        items.append(names)
    return items


def _no_file_in_two_items(out) -> None:
    named = [name for names in _item_files(out) for name in names]
    assert len(named) == len(set(named))


def test_a_remade_date_with_other_audio_is_a_new_edition(tmp_path, silent_voices, articles_dir):
    """The enclosure/guid rule, as gPodder's parser sees it: new audio for a date gets a
    new enclosure URL and a new guid (so the app fetches it as a new episode, never
    keeping the old audio nor mixing byte ranges of two files), a later pubDate, and
    the old edition's item and files go."""
    out = tmp_path / "out"
    _make(out, articles_dir, 24, base_url=BASE)
    _make(out, articles_dir, 25, base_url=BASE)
    first = _feed_episodes(out)
    old_files = sorted(p.name for p in out.glob("briefing-2026-11-25*"))
    assert len(old_files) == 5
    _make(out, articles_dir / "a.txt", 25)  # one story of the two: other audio
    again = _feed_episodes(out)
    assert len(again) == 2
    old, new = first[0], again[0]
    assert new["enclosures"][0]["url"] != old["enclosures"][0]["url"]
    assert new["guid"] != old["guid"]
    assert new["published"] > old["published"]
    assert again[1] == first[1]  # the other date's item is as it was
    assert not [name for name in old_files if (out / name).exists()]
    assert len(list(out.glob("briefing-2026-11-25*"))) == 5
    _no_file_in_two_items(out)
    assert len(load_store(out).episodes[0].stories) == 1


def test_an_unchanged_remake_keeps_its_guid_and_urls(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    _make(out, articles_dir, 25, base_url=BASE)
    first = _feed_episodes(out)
    later = dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC)
    again = _make(out, articles_dir, 25, force=True, now=later)
    assert not again.up_to_date  # made again, to the same bytes
    assert _feed_episodes(out) == first  # guid, enclosure URL and pubDate
    assert len(list(out.glob("briefing-2026-11-25*"))) == 5


def _as_before_editions(out) -> None:
    """Turn a folder into one made before editions were named: each episode's files
    named ``briefing-DATE.*``, and its store saying so."""
    path = out / "episodes.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    for episode in document["episodes"]:
        for kind in ("audio", "script", "vtt", "srt", "chapters"):
            old = episode[kind]
            episode[kind] = f"briefing-{episode['date']}{old[old.index('.') :]}"
            os.replace(out / old, out / episode[kind])
    path.write_text(json.dumps(document), encoding="utf-8")


def test_a_folder_from_before_editions_keeps_working(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    for day in (23, 24, 25):
        _make(out, articles_dir, day, base_url=BASE)
    _as_before_editions(out)
    rebuild(out)
    assert _item_files(out)[0][0] == "briefing-2026-11-25.mp3"
    old_guid = load_store(out).episodes[0].guid
    # A re-made date: a new edition; the old files go, the other dates' stay.
    _make(out, articles_dir / "a.txt", 25)
    assert not list(out.glob("briefing-2026-11-25.*"))
    assert load_store(out).episodes[0].guid != old_guid
    _no_file_in_two_items(out)
    # --keep removes the files the store names, old names or new.
    result = CliRunner().invoke(cli, ["feed", "--out", str(out), "--keep", "2"])
    assert result.exit_code == 0, result.output
    assert not list(out.glob("briefing-2026-11-23*"))
    assert sorted(p.name for p in out.glob("briefing-2026-11-24*")) == [
        "briefing-2026-11-24.chapters.json", "briefing-2026-11-24.mp3",
        "briefing-2026-11-24.srt", "briefing-2026-11-24.txt", "briefing-2026-11-24.vtt",
    ]  # fmt: skip
    assert len(_item_files(out)) == 2


@pytest.mark.parametrize(
    ("name", "removed"),
    [
        ("briefing-2026-11-25-bbbbbbbbbbbb.mp3", True),  # an earlier edition
        ("briefing-2026-11-25-bbbbbbbbbbbb.chapters.json", True),
        ("briefing-2026-11-25-bbbbbbbbbbbb.vtt", True),
        ("briefing-2026-11-25.mp3", True),  # from before editions had names
        ("briefing-2026-11-25.srt", True),
        ("briefing-2026-11-25-aaaaaaaaaaaa.mp3", False),  # the edition being published
        ("briefing-2026-11-25-aaaaaaaaaaaa.txt", False),
        ("briefing-2026-11-24-bbbbbbbbbbbb.mp3", False),  # another date
        ("briefing-2026-11-24.mp3", False),
        ("briefing-2026-11-25-notes.txt", False),  # not briefing's
        ("briefing-2026-11-25-BBBBBBBBBBBB.mp3", False),
        ("briefing-2026-11-25-bbbbbbbbbbbb.mp3.bak", False),
        (".briefing-2026-11-25-bbbbbbbbbbbb.mp3.123.tmp", False),  # the lock cleans these
        ("feed.xml", False),
    ],
)
def test_superseded_files_are_the_dates_other_editions(tmp_path, name, removed):
    from briefing.publish.episode import episode_files, superseded

    current = episode_files(tmp_path, dt.date(2026, 11, 25), "aaaaaaaaaaaa")
    for path in (current.mp3, current.script, tmp_path / name):
        path.write_bytes(b"x")
    found = superseded(tmp_path, dt.date(2026, 11, 25), current.names())
    assert found == ([name] if removed else [])


class _Killed(BaseException):
    """The process ends here (as with kill -9): nothing after it runs."""


def test_killed_before_the_old_edition_is_removed(
    tmp_path, silent_voices, articles_dir, monkeypatch
):
    """The old edition's files go only after the new ones and the feed are in place:
    a run that dies in between leaves a feed whose every URL is a whole file (and
    the old files, which the next publish of the date removes)."""
    out = tmp_path / "out"
    _make(out, articles_dir, 25, base_url=BASE)
    old_files = sorted(p.name for p in out.glob("briefing-2026-11-25*"))

    def die(*_):
        raise _Killed

    with monkeypatch.context() as patch:
        patch.setattr("briefing.publish.episode.remove_names", die)
        with pytest.raises(_Killed):
            _make(out, articles_dir / "a.txt", 25)
    new_files = _item_files(out)[0]
    assert not set(new_files) & set(old_files)
    assert all((out / name).is_file() for name in old_files)  # left, not yet removed
    assert killer.missing_files(out) == []
    (out / new_files[1]).unlink()  # and the kill check sees a missing one
    assert killer.missing_files(out) == [new_files[1]]
    _make(out, articles_dir / "b.txt", 25)  # the next publish of the date cleans up
    assert len(list(out.glob("briefing-2026-11-25*"))) == 5
    _no_file_in_two_items(out)


def test_chapters_in_the_mp3_and_json_match_the_stories(tmp_path, silent_voices, articles_dir):
    episode = _make(tmp_path, articles_dir, 25)
    tags = ID3(str(episode.mp3_path))
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert len(chapters) == len(episode.chapters) == 4
    assert [c.start_time for c in chapters] == [c.start_ms for c in episode.chapters]
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == [c.title for c in episode.chapters]
    toc = tags.getall("CTOC")[0]
    assert toc.child_element_ids == [c.element_id for c in chapters]
    stories = [c for c in episode.chapters if c.kind is SegmentKind.STORY]
    assert [s.title for s in stories] == [
        "Harbour bridge reopens after repairs",
        "Library extends opening hours for exam season",
    ]
    # ffmpeg (and so VLC and friends) lists them in file order: it must be chronological.
    metadata = subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", "-i", str(episode.mp3_path), "-f", "ffmetadata", "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    titles = [line[6:] for line in metadata.splitlines() if line.startswith("title=")][1:]
    assert titles == [c.title for c in episode.chapters]
    document = json.loads(episode.chapters_path.read_text())
    assert document["version"] == "1.2.0"
    assert [c["startTime"] for c in document["chapters"]] == [
        c.start_ms / 1000 for c in episode.chapters
    ]


def test_each_item_links_to_its_episode_on_the_page(tmp_path, silent_voices, articles_dir):
    """The per-episode <link> is the episode page beside the feed, at the episode's own
    anchor: both exist in what briefing wrote."""
    import lxml.html

    out = tmp_path / "out"
    for day in (24, 25):
        _make(out, articles_dir, day, base_url=BASE)
    page = lxml.html.parse(str(out / "index.html")).getroot()
    for episode in _feed_episodes(out):
        path, _, anchor = episode["link"].removeprefix(BASE).partition("#")
        assert (out / path).is_file() and path == "index.html"
        (article,) = page.xpath("//*[@id=$anchor]", anchor=anchor)
        assert article.xpath("string(.//h2)") == episode["title"]


def test_the_config_s_owner_copyright_and_lock_reach_the_feed(tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text(
        '[show]\nowner = "Jane Doe"\nemail = "jane@example.org"\ncopyright = "© 2026 Jane Doe"\n'
        "locked = true\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["feed", "--out", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    channel = ET.parse(out / "feed.xml").getroot().find("channel")
    assert channel.findtext("copyright") == "© 2026 Jane Doe"
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "jane@example.org"
    assert channel.find("podcast:locked", NS).text == "yes"
    parsed = podcastparser.parse(BASE, io.BytesIO((out / "feed.xml").read_bytes()))
    assert parsed["itunes_owner"] == {"name": "Jane Doe", "email": "jane@example.org"}


def test_the_feed_s_simple_chapters_are_the_episode_s(tmp_path, silent_voices, articles_dir):
    """gPodder's chapters (psc:chapters in feed.xml) are the MP3's and the JSON's:
    the same titles, from the same starts (podcastparser reads whole seconds)."""
    out = tmp_path / "out"
    episode = _make(out, articles_dir, 25, base_url=BASE)
    document = json.loads(episode.chapters_path.read_text())
    (parsed,) = _feed_episodes(out)
    assert parsed["chapters"] == [
        {"start": int(c["startTime"]), "title": c["title"]} for c in document["chapters"]
    ]
    simple = ET.parse(out / "feed.xml").getroot().find("channel/item/psc:chapters", PSC)
    starts = [c.get("start") for c in simple.findall("psc:chapter", PSC)]
    assert starts == [normal_play_time(c.start_ms) for c in episode.chapters]


def test_transcripts_are_written_and_timed(tmp_path, silent_voices, articles_dir):
    import webvtt

    episode = _make(tmp_path, articles_dir, 25)
    captions = webvtt.read(str(episode.vtt_path))
    starts = [c.start_in_seconds for c in captions]
    assert starts == sorted(starts)
    assert captions[-1].end_in_seconds <= episode.duration_ms / 1000
    assert {c.voice for c in captions} == {"Anchor", "Correspondent"}
    assert "The harbour bridge reopened to traffic on Monday" in episode.vtt_path.read_text()
    assert episode.srt_path.read_text().startswith("1\n00:00:0")


def test_keep_prunes_files_and_entries(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    for day in (23, 24, 25):
        _make(out, articles_dir, day, base_url=BASE)
    result = CliRunner().invoke(cli, ["feed", "--out", str(out), "--keep", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "feed.xml")
    assert "removed 2026-11-23" in result.stderr
    assert not list(out.glob("briefing-2026-11-23*"))
    assert len(list(out.glob("briefing-2026-11-24*"))) == 5
    assert [e["guid"] for e in _feed_episodes(out)] == [e.guid for e in load_store(out).episodes]
    assert len(load_store(out).episodes) == 2
    # generate --keep 1 prunes too
    _make(out, articles_dir, 26, keep=1)
    assert [e.date.day for e in load_store(out).episodes] == [26]
    assert sorted({p.name[9:19] for p in out.glob("briefing-*")}) == ["2026-11-26"]


def test_flash_briefing_has_the_newest_five(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    for day in range(20, 26):
        _make(out, articles_dir / "b.txt", day, base_url=BASE)
    items = json.loads((out / "flash-briefing.json").read_text())
    assert len(items) == 5
    assert [i["streamUrl"] for i in items] == [
        BASE + episode_file(out, f"2026-11-{d}").name for d in range(25, 20, -1)
    ]


def test_base_url_is_remembered_and_checked(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    _make(out, articles_dir, 25)
    mp3 = episode_file(out, "2026-11-25").name
    assert f"http://localhost:8000/{mp3}".encode() in (out / "feed.xml").read_bytes()
    rebuild(out, base_url="https://podcasts.example.net/daily")
    _make(out, articles_dir, 26)
    mp3 = episode_file(out, "2026-11-26").name
    assert f"https://podcasts.example.net/daily/{mp3}".encode() in (out / "feed.xml").read_bytes()
    with pytest.raises(BriefingError, match="absolute http"):
        rebuild(out, base_url="podcasts.example.net")
    result = CliRunner().invoke(cli, ["feed", "--out", str(out), "--base-url", "nope"])
    assert result.exit_code == 1
    assert result.output.strip().startswith(
        "Error: base URL 'nope' must be an absolute http(s) URL"
    )


def test_title_is_remembered_and_redraws_the_cover(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    _make(out, articles_dir, 24)
    default_cover = (out / "cover.png").stat().st_mtime_ns, (out / "cover.png").read_bytes()
    _make(out, articles_dir, 25, title="Morning Notes")
    renamed_cover = (out / "cover.png").stat().st_mtime_ns, (out / "cover.png").read_bytes()
    assert renamed_cover[1] != default_cover[1]
    _make(out, articles_dir, 26)
    assert load_store(out).show.title == "Morning Notes"
    assert "Morning Notes" in episode_file(out, "2026-11-26", "script").read_text()
    # Same show: the cover is left alone, not drawn again.
    assert (
        (out / "cover.png").stat().st_mtime_ns,
        (out / "cover.png").read_bytes(),
    ) == renamed_cover


def test_given_cover_is_checked_and_used(tmp_path):
    good, small = tmp_path / "good.jpg", tmp_path / "small.png"
    Image.new("RGB", (1600, 1600), (200, 10, 10)).save(good)
    Image.new("RGB", (600, 600)).save(small)
    out = tmp_path / "out"
    out.mkdir()
    rebuild(out, show=Show(cover=good))
    with Image.open(out / "cover.png") as cover:
        assert (cover.format, cover.size) == ("PNG", (1600, 1600))
    with pytest.raises(OutputError, match="square, 1400 to 3000 pixels"):
        rebuild(out, show=Show(cover=small))


def test_feed_command_on_an_empty_folder(tmp_path):
    result = CliRunner().invoke(cli, ["feed", "--out", str(tmp_path)])
    assert result.exit_code == 0
    root = ET.parse(tmp_path / "feed.xml").getroot()
    assert root.find("channel/item") is None


def test_feed_command_on_a_missing_folder(tmp_path):
    result = CliRunner().invoke(cli, ["feed", "--out", str(tmp_path / "typo")])
    assert result.exit_code == 1
    assert "typo: no such folder" in result.output
    assert not (tmp_path / "typo").exists()


def _apic(path) -> tuple[str, int, tuple[int, int], tuple[int, int, int]]:
    (picture,) = ID3(str(path)).getall("APIC")
    with Image.open(io.BytesIO(picture.data)) as image:
        return picture.mime, picture.type, image.size, image.convert("RGB").getpixel((300, 300))


def test_the_mp3_carries_the_cover(tmp_path, silent_voices, articles_dir):
    """ID3 APIC, front cover, a 600 px JPEG: the show's art on a phone or a car stereo."""
    out = tmp_path / "out"
    episode = _make(out, articles_dir, 24)
    mime, kind, size, _ = _apic(episode.mp3_path)
    assert (mime, kind, size) == ("image/jpeg", 3, (600, 600))
    with Image.open(out / "cover.png") as cover:  # the same picture as the feed's cover
        expected = cover.resize((600, 600)).getpixel((100, 100))
    with Image.open(io.BytesIO(ID3(str(episode.mp3_path)).getall("APIC")[0].data)) as art:
        got = art.getpixel((100, 100))
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) < 12
    # A cover of the show's own is the one the MP3 carries.
    given = tmp_path / "red.png"
    Image.new("RGB", (1400, 1400), (200, 10, 10)).save(given)
    red = pipeline.generate(
        [articles_dir], out_dir=tmp_path / "red", date=dt.date(2026, 11, 24),
        show=Show(cover=given),
    )  # fmt: skip
    _, _, _, pixel = _apic(red.mp3_path)
    assert abs(pixel[0] - 200) < 10 and pixel[1] < 30


# -- a full disk: every file of a publish lands, or none does ----------------------------


def _snapshot(out) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != LOCK_NAME}


def _count_writes(out, tmp_path, run) -> int:
    """How many times ``run`` opens a file in a copy of ``out`` for writing."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    with WriteFaults(copy, errno.ENOSPC, fail=0) as faults:
        run(copy)
    shutil.rmtree(copy)
    return faults.count


def test_a_full_disk_at_any_write_of_generate_changes_no_file(
    tmp_path, silent_voices, articles_dir
):
    out = tmp_path / "out"
    for day in (24, 25):
        _make(out, articles_dir / "a.txt", day)
    before = _snapshot(out)

    def publish(folder):  # a new episode of the same date, a new title (so a new cover), keep 1
        pipeline.generate([articles_dir], out_dir=folder, date=dt.date(2026, 11, 25),
                          title="Morning Notes", keep=1, force=True)  # fmt: skip

    writes = _count_writes(out, tmp_path, publish)
    assert writes >= 2 * 13  # 5 episode files, store, feed, flash, page, 2 assets, cover: twice
    for nth in range(1, writes + 1):
        with WriteFaults(out, errno.ENOSPC, fail=nth), pytest.raises(OutputError) as caught:
            publish(out)
        assert _snapshot(out) == before, f"write {nth} changed a file"
        assert str(caught.value) == (
            f"{out}: cannot write the episode and its feed: disk full; free some space "
            "there and run again (nothing was changed)"
        )
    publish(out)  # the same run with room to write: every file changes
    after = _snapshot(out)
    assert not set(after) & {n for n in before if n.startswith("briefing-2026-11-2")}
    assert all(
        after[name] != before.get(name) for name in after if name not in ("player.js", "player.css")
    )


def test_a_full_disk_is_one_plain_error_line(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    _make(out, articles_dir / "a.txt", 25)
    before = _snapshot(out)
    with WriteFaults(out, errno.ENOSPC, fail=10):
        result = CliRunner().invoke(
            cli, ["generate", str(articles_dir), "--out", str(out), "--date", "2026-11-25"]
        )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-1] == (
        f"Error: {out}: cannot write the episode and its feed: disk full; free some space "
        "there and run again (nothing was changed)"
    )
    assert _snapshot(out) == before


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_the_feed_command_on_a_full_disk_changes_no_file(
    tmp_path, silent_voices, articles_dir, code
):
    out = tmp_path / "out"
    for day in (24, 25):
        _make(out, articles_dir, day)
    before = _snapshot(out)

    def feed(folder):
        rebuild(folder, title="Evening Notes", keep=1, base_url=BASE)

    writes = _count_writes(out, tmp_path, feed)
    for nth in range(1, writes + 1):
        with WriteFaults(out, code, fail=nth), pytest.raises(OutputError, match="the feed: "):
            feed(out)
        assert _snapshot(out) == before, f"write {nth} changed a file"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, ("disk full", "free some space there and run again")),
        (errno.EDQUOT, ("disk quota exceeded", "free some space there or raise the quota")),
        (errno.EROFS, ("read-only file system", "give a folder on a writable disk")),
        (errno.EACCES, ("permission denied",
                        "give a folder you can write in, or change its permissions")),
        (errno.EPERM, ("permission denied",
                       "give a folder you can write in, or change its permissions")),
        (errno.EIO, ("Input/output error", "check the folder and run again")),
    ],
)  # fmt: skip
def test_plain_words_for_the_operating_systems_errors(code, words):
    assert plain_words(OSError(code, os.strerror(code))) == words


def test_a_transaction_renames_nothing_until_it_ends_and_nests(tmp_path):
    (tmp_path / "a.txt").write_text("old a")
    with transaction(tmp_path):
        write_text_atomic(tmp_path / "a.txt", "new a")
        with transaction(tmp_path):
            write_text_atomic(tmp_path / "b.txt", "new b")
        assert (tmp_path / "a.txt").read_text() == "old a"
        assert not (tmp_path / "b.txt").exists()
    assert [(p.name, p.read_text()) for p in sorted(tmp_path.iterdir())] == [
        ("a.txt", "new a"), ("b.txt", "new b"),
    ]  # fmt: skip
    with pytest.raises(RuntimeError), transaction(tmp_path):
        write_text_atomic(tmp_path / "a.txt", "newer a")
        raise RuntimeError("a failure after the write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no .tmp
    assert (tmp_path / "a.txt").read_text() == "new a"
