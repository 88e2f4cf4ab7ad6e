"""The whole pipeline with the silent engine: files, replacement, atomicity, skips."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from briefing import pipeline
from briefing.errors import AudioError, NoStoriesError, OutputError, VoiceError
from briefing.models import SegmentKind, StageProgress

from .helpers import SEED, episode_file, episode_names

DATE = dt.date(2026, 11, 25)
PUBLISHED_FILES = [
    "cover.png",
    "episodes.json",
    "feed.xml",
    "flash-briefing.json",
    "index.html",
    "player.css",
    "player.js",
]


def _all_files(out: Path) -> list[str]:
    """The names the folder must hold: the episode's five files and the published ones."""
    return sorted(episode_names(out, DATE) + PUBLISHED_FILES)


def _contents(out: Path, with_times: bool = False) -> dict:
    """Every file in the folder but the run lock (rewritten by every run)."""
    return {
        p.name: (p.stat().st_mtime_ns, p.read_bytes()) if with_times else p.read_bytes()
        for p in out.iterdir()
        if p.name != ".briefing.lock"
    }


def test_generate_writes_mp3_and_script(tmp_path, silent_voices, articles_dir):
    episode = pipeline.generate([articles_dir], out_dir=tmp_path / "out", date=DATE)
    # Named by the MP3's content, and every file of the episode shares its stem.
    assert re.fullmatch(r"briefing-2026-11-25-[0-9a-f]{12}\.mp3", episode.mp3_path.name)
    assert episode.mp3_path.parent == tmp_path / "out"
    assert episode.script_path == episode.mp3_path.with_suffix(".txt")
    info = MP3(str(episode.mp3_path)).info
    assert abs(info.length * 1000 - episode.duration_ms) < 150
    script = episode.script_path.read_text(encoding="utf-8")
    assert script.startswith("The Daily Briefing: Wednesday, November 25, 2026")
    # The story's news is its first sentence; its headline titles its chapter.
    assert "The harbour bridge reopened to traffic on Monday" in script
    assert "Harbour bridge reopens after repairs" in [c.title for c in episode.chapters]
    assert [c.kind for c in episode.chapters] == [
        SegmentKind.INTRO,
        SegmentKind.STORY,
        SegmentKind.STORY,
        SegmentKind.OUTRO,
    ]
    # Voices alternate: the first story by the anchor, the second by the correspondent;
    # each transition is spoken on its own, by the host, who introduces the correspondent.
    said = {text: name for name, text in silent_voices.calls}
    assert len(said) == 6
    by_voice = sorted(said.values())
    assert by_voice == ["anchor"] * 5 + ["correspondent"]
    assert said[next(t for t in said if t.startswith("The central library"))] == "correspondent"
    assert said[next(t for t in said if t.startswith("The harbour bridge"))] == "anchor"
    assert sorted(_contents(tmp_path / "out")) == _all_files(tmp_path / "out")
    assert (tmp_path / "out" / ".briefing.lock").is_file()


def test_same_date_replaces_the_episode(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    first = pipeline.generate([articles_dir / "a.txt"], out_dir=out, date=DATE)
    size_one = first.mp3_path.stat().st_size
    second = pipeline.generate([articles_dir], out_dir=out, date=DATE)
    assert second.mp3_path != first.mp3_path  # a new edition, at new URLs
    assert second.mp3_path.stat().st_size > size_one
    assert "Library extends opening hours" in second.script_path.read_text()
    assert sorted(_contents(out)) == _all_files(out)  # the first edition's files are gone


def test_failed_encode_leaves_previous_episode_intact(
    tmp_path, silent_voices, articles_dir, monkeypatch
):
    out = tmp_path / "out"
    pipeline.generate([articles_dir / "a.txt"], out_dir=out, date=DATE)
    before = _contents(out)

    def broken(pcm, **_):
        raise AudioError("encoder died half way")

    monkeypatch.setattr("briefing.audio.mp3.encode", broken)
    with pytest.raises(AudioError):
        pipeline.generate([articles_dir], out_dir=out, date=DATE)
    assert _contents(out) == before


def test_full_disk_leaves_previous_episode_intact(
    tmp_path, silent_voices, articles_dir, monkeypatch
):
    out = tmp_path / "out"
    pipeline.generate([articles_dir / "a.txt"], out_dir=out, date=DATE)
    before = _contents(out)

    def full(dest, tags, blocks):
        dest.write_bytes(b"partial mp3 data")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("briefing.audio.mp3.write_mp3", full)
    with pytest.raises(OutputError, match="disk full"):
        pipeline.generate([articles_dir], out_dir=out, date=DATE)
    assert _contents(out) == before


def test_interrupt_leaves_no_partial_file(tmp_path, silent_voices, articles_dir, monkeypatch):
    def interrupted(dest, tags, blocks):
        dest.write_bytes(b"partial")
        raise KeyboardInterrupt

    monkeypatch.setattr("briefing.audio.mp3.write_mp3", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.generate([articles_dir], out_dir=tmp_path / "out", date=DATE)
    assert _contents(tmp_path / "out") == {}


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
    assert not (tmp_path / "out").exists() or not _contents(tmp_path / "out")


def test_unknown_voice_fails_before_any_work(tmp_path, silent_voices):
    with pytest.raises(VoiceError, match="unknown voice 'nobody'"):
        pipeline.generate([SEED], out_dir=tmp_path / "out", date=DATE, voices=["anchor", "nobody"])
    assert silent_voices.calls == []
    assert not (tmp_path / "out").exists()


def test_engine_voice_missing_fails_before_writing(tmp_path, silent_voices, monkeypatch):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "odd.toml").write_text('name="odd"\nengine="silent"\nvoice="loud"\n')
    monkeypatch.setenv("BRIEFING_VOICES", f"{folder}{os.pathsep}{os.environ['BRIEFING_VOICES']}")
    with pytest.raises(VoiceError, match="no voice 'loud'"):
        pipeline.generate([SEED], out_dir=tmp_path / "out", date=DATE, voices=["odd"])
    assert not list((tmp_path / "out").glob("*.mp3"))


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
        progress=StageProgress(rendering=lambda d, t, _: seen.append((d, t))),
    )
    # One step per block: the intro, a transition and a story for each story, the outro.
    assert seen == [(n, 6) for n in range(1, 7)]


def test_a_rerun_with_the_same_inputs_does_nothing(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    first = pipeline.generate([articles_dir], out_dir=out, date=DATE)
    before = _contents(out, with_times=True)
    calls = len(silent_voices.calls)
    second = pipeline.generate([articles_dir], out_dir=out, date=DATE)
    assert second.up_to_date and not first.up_to_date
    assert len(silent_voices.calls) == calls
    assert _contents(out, with_times=True) == before
    assert second.mp3_path == first.mp3_path and second.duration_ms == first.duration_ms
    assert [c.title for c in second.stories] == [c.title for c in first.stories]


def test_forced_rerun_renders_nothing_and_writes_the_same_episode(
    tmp_path, silent_voices, articles_dir
):
    out = tmp_path / "out"
    first = pipeline.generate([articles_dir], out_dir=out, date=DATE)
    audio = first.mp3_path.read_bytes()
    calls = len(silent_voices.calls)
    second = pipeline.generate([articles_dir], out_dir=out, date=DATE, force=True)
    assert not second.up_to_date
    assert len(silent_voices.calls) == calls  # every block came from the cache
    assert second.mp3_path.read_bytes() == audio
    assert second.cues == first.cues and second.chapters == first.chapters


@pytest.mark.parametrize(
    "change",
    ["an article", "an option", "a voice's rate", "a file deleted", "the mp3 changed"],
)
def test_any_change_makes_the_episode_again(tmp_path, silent_voices, articles_dir, change):
    out = tmp_path / "out"
    pipeline.generate([articles_dir], out_dir=out, date=DATE)
    options = {}
    if change == "an article":
        (articles_dir / "a.txt").write_text("Harbour bridge reopens\n\nIt reopened on Tuesday.\n")
    elif change == "an option":
        options = {"title": "Another Show"}
    elif change == "a voice's rate":
        options = {"wpm": 200}
    elif change == "a file deleted":
        episode_file(out, DATE, "vtt").unlink()
    else:
        with episode_file(out, DATE).open("ab") as handle:
            handle.write(b"x")
    again = pipeline.generate([articles_dir], out_dir=out, date=DATE, **options)
    assert not again.up_to_date
    assert episode_file(out, DATE, "vtt").exists()


def test_no_cache_renders_everything_again(tmp_path, silent_voices, articles_dir):
    from briefing.render import Renderer

    out = tmp_path / "out"
    pipeline.generate([articles_dir], out_dir=out, date=DATE, renderer=Renderer(None))
    calls = len(silent_voices.calls)
    pipeline.generate([articles_dir], out_dir=out, date=DATE, renderer=Renderer(None), force=True)
    assert len(silent_voices.calls) == 2 * calls
    assert not list(Path(os.environ["BRIEFING_CACHE_DIR"]).glob("**/*.mp3"))


def test_a_new_story_renders_only_what_is_new(tmp_path, silent_voices, articles_dir):
    out = tmp_path / "out"
    pipeline.generate([articles_dir / "a.txt"], out_dir=out, date=DATE, voices=["anchor"])
    calls = len(silent_voices.calls)
    pipeline.generate([articles_dir], out_dir=out, date=DATE, voices=["anchor"])
    spoken = [text for _, text in silent_voices.calls[calls:]]
    # The new story and its transition, the intro (its rundown) and the first story's
    # new transition; the first story itself and the outro come from the cache.
    assert any("Library extends opening hours" in t for t in spoken)
    assert not any(t.startswith("Harbour bridge reopens after repairs.") for t in spoken)
    assert len(spoken) <= 4


@pytest.fixture
def tone_voices(tmp_path, monkeypatch):
    """A voice profile on the tone engine, which the render workers load."""
    from briefing import tts

    tts.register_engine("tone", "tests.fakes:ToneEngine")
    folder = tmp_path / "tone-voices"
    folder.mkdir()
    (folder / "anchor.toml").write_text('name="anchor"\nengine="tone"\nvoice="beep"\nrate=180\n')
    monkeypatch.setenv("BRIEFING_VOICES", str(folder))
    monkeypatch.setattr("briefing.voices.default_voices", lambda: ("anchor",))
    yield
    tts.unregister_engine("tone")


def test_a_story_the_engine_crashes_on_is_left_out(tmp_path, tone_voices, articles_dir):
    (articles_dir / "c.txt").write_text(
        "Council hears a strange word\n\nThe council heard the word kaboom at its meeting.\n"
    )
    episode = pipeline.generate([articles_dir], out_dir=tmp_path / "out", date=DATE)
    titles = [c.title for c in episode.chapters if c.kind is SegmentKind.STORY]
    assert len(titles) == 2 and not any("strange" in t for t in titles)
    assert any("c.txt" in s and "crashed (signal SIGSEGV)" in s for s in episode.skipped)
    script = episode.script_path.read_text()
    assert "strange word" not in script and "two stories" in script
    assert MP3(str(episode.mp3_path)).info.length > 3
