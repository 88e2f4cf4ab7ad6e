"""The whole pipeline with the silent engine: files, replacement, atomicity, skips."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from mutagen.mp3 import MP3

from briefing import pipeline
from briefing.errors import AudioError, NoStoriesError, VoiceError
from briefing.models import SegmentKind
from briefing.mp3 import LameencEncoder

from .conftest import SEED

DATE = dt.date(2026, 11, 25)
EPISODE_FILES = [
    "briefing-2026-11-25.chapters.json",
    "briefing-2026-11-25.mp3",
    "briefing-2026-11-25.srt",
    "briefing-2026-11-25.txt",
    "briefing-2026-11-25.vtt",
]
PUBLISHED_FILES = [
    "cover.png",
    "episodes.json",
    "feed.xml",
    "flash-briefing.json",
    "index.html",
    "player.css",
    "player.js",
]
ALL_FILES = sorted(EPISODE_FILES + PUBLISHED_FILES)


@pytest.fixture(autouse=True)
def _fast_encoder(monkeypatch):
    monkeypatch.setenv("BRIEFING_MP3_ENCODER", "lameenc")


def test_generate_writes_mp3_and_script(tmp_path, silent_voices, articles_dir):
    episode = pipeline.generate([articles_dir], out_dir=tmp_path / "out", date=DATE)
    assert episode.mp3_path == tmp_path / "out" / "briefing-2026-11-25.mp3"
    assert episode.script_path == tmp_path / "out" / "briefing-2026-11-25.txt"
    info = MP3(str(episode.mp3_path)).info
    assert abs(info.length * 1000 - episode.duration_ms) < 150
    script = episode.script_path.read_text(encoding="utf-8")
    assert script.startswith("The Daily Briefing: Wednesday, November 25, 2026")
    assert "Harbour bridge reopens after repairs." in script
    assert [c.kind for c in episode.chapters] == [
        SegmentKind.INTRO,
        SegmentKind.STORY,
        SegmentKind.STORY,
        SegmentKind.OUTRO,
    ]
    # Voices alternate: the first story by the anchor, the second by the correspondent.
    voices = [name for name, _ in silent_voices.calls]
    assert voices == ["anchor", "anchor", "correspondent", "anchor"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ALL_FILES


def test_same_date_replaces_the_episode(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    first = pipeline.generate([articles_dir / "a.txt"], out_dir=out, date=DATE)
    size_one = first.mp3_path.stat().st_size
    second = pipeline.generate([articles_dir], out_dir=out, date=DATE)
    assert second.mp3_path == first.mp3_path
    assert second.mp3_path.stat().st_size > size_one
    assert "Library extends opening hours" in second.script_path.read_text()
    assert sorted(p.name for p in out.iterdir()) == ALL_FILES


def test_failed_encode_leaves_previous_episode_intact(
    tmp_path, silent_voices, articles_dir, monkeypatch
):
    out = tmp_path / "out"
    pipeline.generate([articles_dir / "a.txt"], out_dir=out, date=DATE)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(self, pcm, dest, *, bitrate_kbps):
        dest.write_bytes(b"partial mp3 data")
        raise AudioError("encoder died half way")

    monkeypatch.setattr(LameencEncoder, "encode", broken)
    with pytest.raises(AudioError):
        pipeline.generate([articles_dir], out_dir=out, date=DATE)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_interrupt_leaves_no_partial_file(tmp_path, silent_voices, articles_dir, monkeypatch):
    def interrupted(self, pcm, dest, *, bitrate_kbps):
        dest.write_bytes(b"partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(LameencEncoder, "encode", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.generate([articles_dir], out_dir=tmp_path / "out", date=DATE)
    assert list((tmp_path / "out").iterdir()) == []


def test_bad_articles_are_skipped_and_reported(tmp_path, silent_voices, articles_dir):
    (articles_dir / "empty.txt").write_text("")
    episode = pipeline.generate(
        [articles_dir, tmp_path / "missing.txt"], out_dir=tmp_path / "o", date=DATE
    )
    assert sum(c.kind is SegmentKind.STORY for c in episode.chapters) == 2
    assert len(episode.skipped) == 2
    assert any("missing.txt" in s for s in episode.skipped)


def test_no_usable_article_is_an_error_and_no_mp3(tmp_path, silent_voices):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(NoStoriesError, match="no usable articles"):
        pipeline.generate([tmp_path / "empty.txt"], out_dir=tmp_path / "out", date=DATE)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_unknown_voice_fails_before_any_work(tmp_path, silent_voices):
    with pytest.raises(VoiceError, match="unknown voice 'nobody'"):
        pipeline.generate([SEED], out_dir=tmp_path / "out", date=DATE, voices=["anchor", "nobody"])
    assert silent_voices.calls == []
    assert not (tmp_path / "out").exists()


def test_engine_voice_missing_fails_before_any_work(tmp_path, silent_voices, monkeypatch):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "odd.toml").write_text('name="odd"\nengine="silent"\nvoice="loud"\n')
    monkeypatch.setenv("BRIEFING_VOICES", f"{folder}{os.pathsep}{os.environ['BRIEFING_VOICES']}")
    with pytest.raises(VoiceError, match="no voice 'loud'"):
        pipeline.generate([SEED], out_dir=tmp_path / "out", date=DATE, voices=["odd"])


def test_no_sources_uses_the_bundled_samples(silent_voices):
    prepared = pipeline.prepare_script([], date=DATE)
    assert prepared.skipped == ()
    assert 4 <= len(prepared.script.stories) <= 6


def test_progress_is_reported(tmp_path, silent_voices, articles_dir):
    seen = []
    pipeline.generate(
        [articles_dir],
        out_dir=tmp_path / "o",
        date=DATE,
        progress=lambda d, t, _: seen.append((d, t)),
    )
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
