"""The episode store: records, replacement by date, pruning, damage."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from briefing.models import Show
from briefing.publish.store import (
    EpisodeEntry,
    Store,
    StoreError,
    load_store,
    publication_time,
    remove_files,
    save_store,
)

from .helpers import entry

UTC = dt.UTC


def test_round_trip(tmp_path):
    store = Store(
        show=Show(title="My <Show>", email="j@example.org", copyright="(c) J", locked=False),
        base_url="https://example.org/",
        episodes=(entry(2), entry(1)),
    )
    save_store(tmp_path, store)
    assert load_store(tmp_path) == store
    document = json.loads((tmp_path / "episodes.json").read_text())
    assert document["episodes"][0]["date"] == "2026-11-02"


def test_missing_store_is_empty(tmp_path):
    assert load_store(tmp_path) == Store()


def test_upsert_orders_newest_first_and_keeps_guid_of_a_replaced_date():
    store = Store().upsert(entry(1)).upsert(entry(3)).upsert(entry(2))
    assert [e.date.day for e in store.episodes] == [3, 2, 1]
    replacement = entry(2, guid="new-guid", title="Redone")
    replacement = EpisodeEntry(
        **{**replacement.__dict__, "published": dt.datetime(2026, 11, 9, tzinfo=UTC)}
    )
    store = store.upsert(replacement)
    again = next(e for e in store.episodes if e.date.day == 2)
    assert again.guid == "guid-2"
    assert again.published == dt.datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    assert again.title == "Redone 2"
    assert len(store.episodes) == 3


def _edition(day: int, audio: str, guid: str, published: dt.datetime) -> EpisodeEntry:
    return replace(entry(day, guid=guid), audio=audio, published=published)


@pytest.mark.parametrize(
    ("audio", "published", "expected_guid", "expected_published"),
    [
        # The same MP3 (its name comes from its bytes): the same edition, as it was.
        ("briefing-2026-11-02-aaaaaaaaaaaa.mp3", dt.datetime(2026, 11, 2, 9, tzinfo=UTC),
         "guid-old", dt.datetime(2026, 11, 2, 6, tzinfo=UTC)),
        # A new MP3: a new edition, with its own guid and publication time...
        ("briefing-2026-11-02-bbbbbbbbbbbb.mp3", dt.datetime(2026, 11, 2, 9, tzinfo=UTC),
         "guid-new", dt.datetime(2026, 11, 2, 9, tzinfo=UTC)),
        # ... which is after the old one's, even for a back-filled date made again.
        ("briefing-2026-11-02-bbbbbbbbbbbb.mp3", dt.datetime(2026, 11, 2, 5, tzinfo=UTC),
         "guid-new", dt.datetime(2026, 11, 2, 6, 0, 1, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_the_enclosure_guid_rule(audio, published, expected_guid, expected_published):
    old = _edition(2, "briefing-2026-11-02-aaaaaaaaaaaa.mp3", "guid-old",
                   dt.datetime(2026, 11, 2, 6, tzinfo=UTC))  # fmt: skip
    store = Store(episodes=(entry(3), old, entry(1)))
    store = store.upsert(_edition(2, audio, "guid-new", published))
    assert [e.date.day for e in store.episodes] == [3, 2, 1]
    again = store.episodes[1]
    assert (again.audio, again.guid, again.published) == (audio, expected_guid, expected_published)


def test_two_episodes_never_name_one_file(tmp_path):
    """A feed never points two items at one file (and pruning one episode would
    delete the other's audio): a store that does is refused."""
    document = json.loads(Store(episodes=(entry(2), entry(1))).to_json())
    document["episodes"][1]["vtt"] = document["episodes"][0]["vtt"]
    (tmp_path / "episodes.json").write_text(json.dumps(document))
    with pytest.raises(StoreError, match="'briefing-2026-11-02.vtt' is named by the episodes"):
        load_store(tmp_path)


def test_keep():
    store = Store(episodes=(entry(3), entry(2), entry(1)))
    kept, dropped = store.keep(2)
    assert [e.date.day for e in kept.episodes] == [3, 2]
    assert [e.date.day for e in dropped] == [1]
    with pytest.raises(ValueError):
        store.keep(-1)


def test_remove_files(tmp_path):
    old = entry(1)
    for name in old.files():
        (tmp_path / name).write_text("x")
    (tmp_path / "keep.txt").write_text("x")
    remove_files(tmp_path, (old,))
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read the episode store"),
        ('{"version": 99, "episodes": []}', "unknown version"),
        ('{"version": 1, "episodes": [{"guid": "x"}]}', "not a valid episode store"),
        ("[]", "not a valid episode store"),
    ],
)
def test_damaged_store_is_a_clear_error(tmp_path, content, message):
    (tmp_path / "episodes.json").write_text(content)
    with pytest.raises(StoreError, match=message):
        load_store(tmp_path)


def test_store_cannot_name_files_outside_the_folder(tmp_path):
    bad = entry(1).to_json()
    bad["audio"] = "../../etc/passwd"
    (tmp_path / "episodes.json").write_text(json.dumps({"version": 1, "episodes": [bad]}))
    with pytest.raises(StoreError, match="not a plain name"):
        load_store(tmp_path)


@pytest.mark.parametrize(
    ("date", "now", "expected"),
    [
        (
            dt.date(2026, 11, 25),
            dt.datetime(2026, 11, 25, 7, 30, tzinfo=UTC),
            dt.datetime(2026, 11, 25, 7, 30, tzinfo=UTC),
        ),
        (
            dt.date(2026, 11, 20),
            dt.datetime(2026, 11, 25, 7, 30, tzinfo=UTC),
            dt.datetime(2026, 11, 20, 7, 30, tzinfo=UTC),
        ),
        (
            dt.date(2026, 11, 26),
            dt.datetime(2026, 11, 25, 7, 30, 5, 123, tzinfo=UTC),
            dt.datetime(2026, 11, 25, 7, 30, 5, tzinfo=UTC),
        ),
    ],
)
def test_publication_time(date, now, expected):
    assert publication_time(date, now) == expected


def test_an_episode_being_published_is_recorded_with_its_new_mp3(tmp_path):
    """Inside the publish's transaction the new MP3 is not yet under its name:
    the record has the size of the one that is about to be."""
    from briefing.files import atomic_path, transaction
    from briefing.models import Episode
    from briefing.publish.store import entry_for

    mp3 = tmp_path / "briefing-2026-11-25.mp3"
    mp3.write_bytes(b"old" * 10)
    episode = Episode(date=dt.date(2026, 11, 25), title="T", mp3_path=mp3,
                      script_path=tmp_path / "briefing-2026-11-25.txt", duration_ms=1000)  # fmt: skip
    now = dt.datetime(2026, 11, 25, 6, tzinfo=UTC)
    with transaction(tmp_path):
        with atomic_path(mp3) as tmp:
            tmp.write_bytes(b"new" * 100)
        assert entry_for(episode, now).bytes == 300
        assert mp3.stat().st_size == 30
    assert entry_for(episode, now).bytes == 300


def test_a_store_nested_too_deeply_is_one_error(tmp_path):
    import pytest

    from briefing.publish.store import StoreError, load_store, store_path

    tmp_path.joinpath("episodes.json").write_text("[" * 100_000 + "]" * 100_000)
    assert store_path(tmp_path).name == "episodes.json"
    with pytest.raises(StoreError, match="cannot read the episode store"):
        load_store(tmp_path)


def test_stories_are_the_episode_chapters_and_the_json_stays_as_it_was(tmp_path):
    """The store keeps each story as the episode's own Chapter (kind STORY); its JSON
    has the same four fields as before, so older stores read and newer ones stay small."""
    from briefing.models import Chapter, SegmentKind

    store = Store(show=Show(), episodes=(entry(1),))
    save_store(tmp_path, store)
    document = json.loads((tmp_path / "episodes.json").read_text())
    assert document["episodes"][0]["stories"] == [
        {"title": "Story", "start_ms": 1000, "end_ms": 30_000, "source": "a.txt"}
    ]
    loaded = load_store(tmp_path).episodes[0].stories
    assert loaded == (Chapter("Story", SegmentKind.STORY, 1000, 30_000, "a.txt"),)
    del document["episodes"][0]["stories"][0]["source"]  # an older store's entry
    (tmp_path / "episodes.json").write_text(json.dumps(document))
    assert load_store(tmp_path).episodes[0].stories[0].source == ""
