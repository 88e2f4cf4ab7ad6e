"""The segment cache trusts nothing it reads and never fails a run when it cannot write."""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.files import sha256_hex
from briefing.render.cache import CachedBlock, SegmentCache, make_record, record_digest

from .helpers import WriteFaults, episode_file

KEY = "ab" * 32
#: 40 frames of 209 bytes (64 kbit/s at 22050 Hz): 1045 ms of audio.
BLOCK = CachedBlock(
    mp3=bytes(range(209)) * 40,
    frames=40,
    speech_start_ms=50.1,
    speech_ms=900,
    marks=((0, 0), (6, 300), (13, 610)),
)


def _files(cache: SegmentCache, block: CachedBlock = BLOCK) -> tuple[Path, Path]:
    """The entry's MP3 (under its own checksum) and its record."""
    folder = cache.folder / KEY[:2]
    return folder / f"{KEY}.{sha256_hex(block.mp3)[:16]}.mp3", folder / f"{KEY}.json"


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_round_trip_and_the_record(tmp_path):
    cache = SegmentCache(tmp_path)
    cache.put(KEY, BLOCK)
    assert SegmentCache(tmp_path).get(KEY) == BLOCK
    audio, meta = _files(cache)
    record = json.loads(meta.read_text())
    assert record["format"] == 3 and record["digest"] == record_digest(record)
    assert record["sha256"] == sha256_hex(audio.read_bytes())  # the MP3 named by its checksum
    assert sorted(p.name for p in cache.folder.rglob("*")) == sorted(
        [KEY[:2], audio.name, meta.name]
    )


# -- a damaged record: one warning, dropped, rendered again ----------------------------


def _edit(change):
    def damage(path: Path) -> None:
        record = json.loads(path.read_text())
        change(record)
        path.write_text(json.dumps(record))

    return damage


def _raw(text: bytes):
    return lambda path: path.write_bytes(text)


DAMAGES = {
    "frames +40": _edit(lambda r: r.update(frames=r["frames"] + 40)),
    "frames missing": _edit(lambda r: r.pop("frames")),
    "speech_ms missing": _edit(lambda r: r.pop("speech_ms")),
    "marks missing": _edit(lambda r: r.pop("marks")),
    "digest missing": _edit(lambda r: r.pop("digest")),
    "format missing": _edit(lambda r: r.pop("format")),
    "frames a string": _edit(lambda r: r.update(frames="40")),
    "frames true": _edit(lambda r: r.update(frames=True)),
    "speech_start_ms null": _edit(lambda r: r.update(speech_start_ms=None)),
    "speech_ms a float": _edit(lambda r: r.update(speech_ms=900.5)),
    "marks a string": _edit(lambda r: r.update(marks="0,0")),
    "a mark of one number": _edit(lambda r: r.update(marks=[[0]])),
    "a mark of strings": _edit(lambda r: r.update(marks=[["0", "0"]])),
    "speech later by 40 ms": _edit(lambda r: r.update(speech_start_ms=90.1)),
    "another key": _edit(lambda r: r.update(key="cd" * 32)),
    "another sha256": _edit(lambda r: r.update(sha256="0" * 64)),
    "format 4": _edit(lambda r: r.update(format=4)),
    "format a string": _edit(lambda r: r.update(format="3")),
    "a list": _raw(b"[]"),
    "not JSON": _raw(b"{not json"),
    "cut short": lambda p: p.write_bytes(p.read_bytes()[:-7]),
    "not UTF-8": _raw(b'{"frames": "\xff"}'),
    "NaN": _edit(lambda r: r.update(speech_start_ms=float("nan"))),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_record_is_dropped_with_one_warning_and_rendered_again(tmp_path, caplog, damage):
    cache = SegmentCache(tmp_path)
    cache.put(KEY, BLOCK)
    audio, meta = _files(cache)
    damage(meta)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert cache.get(KEY) is None
    (warning,) = _warnings(caplog)
    assert f"segment cache entry {KEY[:12]} is damaged" in warning
    assert not audio.exists() and not meta.exists()
    cache.put(KEY, BLOCK)  # what the renderer does with a miss
    assert cache.get(KEY) == BLOCK


def _rewrite(change):
    """A record changed and given a matching digest: only the schema can tell."""

    def damage(path: Path) -> None:
        record = json.loads(path.read_text())
        change(record)
        record["digest"] = record_digest(record)
        path.write_text(json.dumps(record))

    return damage


OUT_OF_RANGE = {
    "no frames": _rewrite(lambda r: r.update(frames=0)),
    "more frames than the bytes hold": _rewrite(lambda r: r.update(frames=8360 // 24 + 1)),
    "fewer frames than the bytes need": _rewrite(lambda r: r.update(frames=5)),
    "speech before the block": _rewrite(lambda r: r.update(speech_start_ms=-1.0)),
    "negative speech": _rewrite(lambda r: r.update(speech_ms=-5)),
    "speech after the block": _rewrite(lambda r: r.update(speech_ms=1100)),
    "marks out of order": _rewrite(lambda r: r.update(marks=[[6, 0], [0, 300]])),
    "a negative mark": _rewrite(lambda r: r.update(marks=[[0, -3]])),
}


@pytest.mark.parametrize("damage", OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys())
def test_a_record_out_of_range_is_dropped_even_with_a_matching_digest(tmp_path, caplog, damage):
    cache = SegmentCache(tmp_path)
    cache.put(KEY, BLOCK)
    damage(_files(cache)[1])
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert cache.get(KEY) is None
    assert len(_warnings(caplog)) == 1


def test_every_flipped_bit_of_a_record_is_caught_or_changes_nothing(tmp_path, caplog):
    cache = SegmentCache(tmp_path)
    cache.put(KEY, BLOCK)
    meta = _files(cache)[1]
    original = meta.read_bytes()
    rng = random.Random(14)
    caught = 0
    for _ in range(100):
        cache.put(KEY, BLOCK)
        position, bit = rng.randrange(len(original)), rng.randrange(8)
        flipped = bytearray(original)
        flipped[position] ^= 1 << bit
        meta.write_bytes(bytes(flipped))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="briefing"):
            found = cache.get(KEY)
        if found is None:
            assert len(_warnings(caplog)) == 1, (position, bit)
            caught += 1
        else:
            assert found == BLOCK and not _warnings(caplog), (position, bit)
    assert caught >= 95


def test_an_entry_of_the_older_format_is_a_quiet_miss_and_written_again(tmp_path, caplog):
    cache = SegmentCache(tmp_path)
    cache.put(KEY, BLOCK)
    meta = _files(cache)[1]
    record = make_record(KEY, BLOCK)
    meta.write_text(json.dumps({k: v for k, v in record.items() if k not in ("format", "digest")}))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert cache.get(KEY) is None
    assert not _warnings(caplog)
    cache.put(KEY, BLOCK)
    assert cache.get(KEY) == BLOCK


def test_an_entry_of_format_2_is_a_quiet_miss_removed_and_written_again(tmp_path, caplog):
    """Format 2 kept ``KEY.mp3``: a miss, both its files removed (a record is never
    overwritten: put could not write over it), then the entry of today's format."""
    cache = SegmentCache(tmp_path)
    folder = cache.folder / KEY[:2]
    folder.mkdir(parents=True)
    record = make_record(KEY, BLOCK) | {"format": 2}
    record["digest"] = record_digest(record)
    (folder / f"{KEY}.mp3").write_bytes(BLOCK.mp3)
    (folder / f"{KEY}.json").write_text(json.dumps(record))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert cache.get(KEY) is None
    assert not _warnings(caplog)
    assert not list(folder.iterdir())
    assert cache.put(KEY, BLOCK) is True
    assert cache.get(KEY) == BLOCK
    assert json.loads(_files(cache)[1].read_text())["format"] == 3


# -- a cache that cannot be written ------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "disk full"), (errno.EROFS, "read-only file system"),
     (errno.EDQUOT, "disk quota exceeded"), (errno.EACCES, "permission denied")],
)  # fmt: skip
def test_an_unwritable_cache_says_so_once_and_leaves_no_temporary_file(
    tmp_path, caplog, code, words
):
    cache = SegmentCache(tmp_path)
    cache.folder.mkdir(parents=True)
    with WriteFaults(cache.folder, code), caplog.at_level(logging.WARNING, logger="briefing"):
        for n in range(8):
            cache.put(f"{n:02d}" * 32, BLOCK)
    (warning,) = _warnings(caplog)
    assert f"cannot write the segment cache in {cache.folder}: {words}" in warning
    assert [p.name for p in cache.folder.rglob("*") if p.is_file()] == []


def test_a_record_that_cannot_be_written_takes_its_mp3_with_it(tmp_path, caplog):
    cache = SegmentCache(tmp_path)
    cache.folder.mkdir(parents=True)
    faults = WriteFaults(cache.folder, errno.ENOSPC, fail=2)
    with faults, caplog.at_level(logging.WARNING, logger="briefing"):
        cache.put(KEY, BLOCK)
    assert faults.count == 2  # the MP3, then its record
    assert len(_warnings(caplog)) == 1
    assert [p.name for p in cache.folder.rglob("*") if p.is_file()] == []
    assert cache.get(KEY) is None


# -- end to end: `briefing generate` ----------------------------------------------------


def _generate(articles: Path, out: Path, *extra: str):
    return CliRunner().invoke(
        cli, ["generate", str(articles), "--out", str(out), "--date", "2026-11-25", *extra]
    )


def _chapters(out: Path) -> str:
    return episode_file(out, "2026-11-25", "chapters").read_text()


@pytest.mark.parametrize(
    "change",
    [lambda r: r.update(frames=r["frames"] + 40), lambda r: r.pop("frames")],
    ids=["frames +40", "frames missing"],
)
def test_generate_renders_damaged_entries_again_and_the_chapters_stay(
    tmp_path, silent_voices, articles_dir, change
):
    out = tmp_path / "out"
    first = _generate(articles_dir, out)
    assert first.exit_code == 0, first.output
    chapters = _chapters(out)
    records = list((Path(os.environ["BRIEFING_CACHE_DIR"]) / "segments").rglob("*.json"))
    assert len(records) >= 4
    for path in records:
        _edit(change)(path)
    calls = len(silent_voices.calls)
    again = _generate(articles_dir, out, "--force")
    assert again.exit_code == 0, again.output
    warnings = [line for line in again.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(records) and all("is damaged" in w for w in warnings)
    assert len(silent_voices.calls) - calls == len(records)  # every block spoken again
    assert _chapters(out) == chapters
    third = _generate(articles_dir, out, "--force")  # the cache is whole again
    assert third.exit_code == 0 and "warning" not in third.output
    assert len(silent_voices.calls) - calls == len(records)


def test_generate_on_a_read_only_cache_warns_once_and_makes_the_episode(
    tmp_path, silent_voices, articles_dir
):
    cache = Path(os.environ["BRIEFING_CACHE_DIR"])
    cache.mkdir(parents=True)
    with WriteFaults(cache, errno.EROFS):
        result = _generate(articles_dir, tmp_path / "out")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "read-only file system" in warnings[0], result.output
    assert episode_file(tmp_path / "out", dt.date(2026, 11, 25)).is_file()
    assert not [p for p in cache.rglob("*") if p.is_file()]
