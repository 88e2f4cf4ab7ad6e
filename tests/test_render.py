"""Rendering blocks: the plan, cache keys, the segment cache, and the worker processes."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

import pytest

from briefing import tts
from briefing.audio.mp3 import frame_samples
from briefing.errors import VoiceError
from briefing.models import Story
from briefing.render import AudioSettings, Renderer, block_key, plan_blocks
from briefing.render.cache import CachedBlock, SegmentCache
from briefing.script import build_script
from briefing.voices import VoiceProfile

from .fakes import ToneEngine
from .helpers import tone_specs, wait_for

DATE = dt.date(2026, 11, 25)


def _story(title: str, *sentences: str) -> Story:
    return Story(title=title, sentences=sentences or (f"{title} happened today.",), source=title)


def _script(*titles: str, voices=("anchor",)):
    return build_script([_story(t) for t in titles], date=DATE, show="Test", voices=voices)


@pytest.fixture
def tone_engine():
    """The tone engine, loadable by worker processes."""
    tts.register_engine("tone", "tests.fakes:ToneEngine")
    yield
    tts.unregister_engine("tone")


# -- the plan ---------------------------------------------------------------------------


def test_plan_has_intro_a_transition_and_a_story_each_then_outro(silent_voices):
    profiles = {"anchor": _silent("anchor"), "correspondent": _silent("correspondent", 160)}
    script = _script("Alpha", "Beta", "Gamma", voices=("anchor", "correspondent"))
    specs = plan_blocks(script, profiles)
    assert [s.kind for s in specs] == [
        "intro", "lead-in", "story", "lead-in", "story", "lead-in", "story", "outro",
    ]  # fmt: skip
    assert [s.segment for s in specs] == [0, 1, 1, 2, 2, 3, 3, 4]
    assert specs[1].parts[0] != "chime" and specs[3].parts[0] == "chime"
    assert specs[1].lines == (script.segments[1].lines[0],)  # the transition alone
    assert specs[2].lines[0] == "Alpha happened today."  # then the news, no headline
    assert [s.profile.name for s in specs[1:7]] == ["anchor"] * 2 + ["correspondent"] * 2 + [
        "anchor"
    ] * 2
    assert len({s.key for s in specs}) == len(specs)


def test_a_story_keeps_its_key_wherever_it_falls(silent_voices):
    """A story that moves down when another arrives keeps its cached audio, with a link
    before it or a beat (the chime in a block of its own, said by no one)."""
    profiles = {"anchor": _silent("anchor")}
    before = plan_blocks(_script("Alpha", "Beta", "Gamma", "Delta", "Epsilon"), profiles)
    after = plan_blocks(_script("News", "Alpha", "Beta", "Gamma", "Delta", "Epsilon"), profiles)
    stories = {s.title: s.key for s in before if s.kind == "story"}
    assert {s.title: s.key for s in after if s.kind == "story" and s.title in stories} == stories
    beats = [s for s in after if s.kind == "beat"]
    assert beats and all(s.lines == () and s.parts[0] == "chime" for s in beats)
    assert len({s.key for s in beats}) == 1  # one beat, rendered once


def _silent(name: str, rate: int = 180) -> VoiceProfile:
    return VoiceProfile(name=name, engine="silent", voice="quiet", rate=rate)


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Other words."},
        {"profile": VoiceProfile(name="x", engine="tone", voice="beep2", rate=180)},
        {"profile": VoiceProfile(name="x", engine="tone", voice="beep", rate=181)},
        {"profile": VoiceProfile(name="x", engine="tone", voice="beep", rate=180, volume=0.5)},
        {"engine": "tone 2.0"},
        {"settings": AudioSettings(bitrate_kbps=96)},
        {"settings": AudioSettings(target_lufs=-19.0)},
        {"settings": AudioSettings(quality=2)},
        {"parts": (200, "speech", 100)},
    ],
)
def test_the_key_changes_with_what_shapes_the_sound(change):
    base = {
        "parts": (100, "speech", 100),
        "text": "Some words.",
        "profile": VoiceProfile(name="x", engine="tone", voice="beep", rate=180),
        "engine": "tone 1.0",
        "settings": AudioSettings(),
    }
    assert block_key(**base) != block_key(**{**base, **change})


def test_the_key_ignores_the_profile_name():
    a = VoiceProfile(name="a", engine="tone", voice="beep", rate=180, description="A")
    b = VoiceProfile(name="b", engine="tone", voice="beep", rate=180)
    args = ((100, "speech"), "Same words.")
    assert block_key(*args, a, "tone", AudioSettings()) == block_key(
        *args, b, "tone", AudioSettings()
    )


# -- the cache --------------------------------------------------------------------------


def _block(n: int = 3) -> CachedBlock:
    """A block of ``n`` 256-byte frames (26 ms each), its speech inside it."""
    return CachedBlock(mp3=bytes(range(256)) * n, frames=n, speech_start_ms=50.1, speech_ms=20,
                       marks=((0, 0), (5, 10)))  # fmt: skip


def test_cache_round_trip(tmp_path):
    cache = SegmentCache(tmp_path)
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, _block())
    assert SegmentCache(tmp_path).get("ab" * 32) == _block()
    assert cache.size() == (1, len(_block().mp3))
    assert cache.clear() == 1
    assert cache.get("ab" * 32) is None


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "bad json", "no json", "no mp3"])
def test_a_damaged_entry_is_detected_and_dropped(tmp_path, damage, caplog):
    cache = SegmentCache(tmp_path)
    key = "cd" * 32
    cache.put(key, _block())
    audio = next(tmp_path.rglob("*.mp3"))
    meta = audio.with_name(f"{key}.json")  # beside KEY.<sha>.mp3
    if damage == "flip a byte":
        data = bytearray(audio.read_bytes())
        data[100] ^= 0xFF
        audio.write_bytes(bytes(data))
    elif damage == "truncate":
        audio.write_bytes(audio.read_bytes()[:-1])
    elif damage == "bad json":
        meta.write_text("{not json")
    elif damage == "no json":
        meta.unlink()
    else:
        audio.unlink()
    with caplog.at_level(logging.WARNING):
        assert cache.get(key) is None
    if damage in ("flip a byte", "truncate"):
        assert "damaged" in caplog.text
        assert not audio.exists()


def test_cache_is_pruned_least_recently_used_first(tmp_path):
    cache = SegmentCache(tmp_path)
    size = len(_block().mp3)
    for n, key in enumerate(["11" * 32, "22" * 32, "33" * 32]):
        cache.put(key, _block())
        meta = next(tmp_path.rglob(f"{key}.json"))
        import os

        os.utime(meta, (1000 + n, 1000 + n))
    cache.get("11" * 32)  # used now: the most recent
    cache.prune(max_bytes=2 * size)
    assert cache.get("22" * 32) is None
    assert cache.get("11" * 32) is not None and cache.get("33" * 32) is not None


def test_unwritable_cache_only_warns(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = SegmentCache(blocker)
    with caplog.at_level(logging.WARNING):
        cache.put("ee" * 32, _block())
    assert "cannot write the segment cache" in caplog.text
    assert cache.get("ee" * 32) is None


# -- the renderer -------------------------------------------------------------------------


def test_renderer_reuses_the_cache_and_only_renders_what_changed(tmp_path, silent_voices):
    profiles = {"anchor": _silent("anchor")}
    cache = SegmentCache(tmp_path)
    specs = plan_blocks(_script("Alpha", "Beta"), profiles)
    first = Renderer(cache).render(specs)
    assert first.rendered == len(specs) and not first.failures
    calls = len(silent_voices.calls)
    again = Renderer(cache).render(specs)
    assert again.rendered == 0 and again.blocks == first.blocks
    assert len(silent_voices.calls) == calls
    # A new story: its transition and body, and the intro (its rundown) are new;
    # the other stories and the outro come from the cache.
    updated = plan_blocks(_script("Alpha", "Beta", "Gamma"), profiles)
    result = Renderer(cache).render(updated)
    spoken = [text for _, text in silent_voices.calls[calls:]]
    assert not any("Alpha happened" in t or "Beta happened" in t for t in spoken)
    assert any("Gamma happened" in t for t in spoken)
    assert result.rendered <= 4


def test_a_corrupt_entry_is_rendered_again(tmp_path, silent_voices):
    profiles = {"anchor": _silent("anchor")}
    cache = SegmentCache(tmp_path)
    specs = plan_blocks(_script("Alpha"), profiles)
    first = Renderer(cache).render(specs)
    victim = next(tmp_path.rglob(f"{specs[2].key}.*.mp3"))
    victim.write_bytes(victim.read_bytes()[:-5])
    again = Renderer(cache).render(specs)
    assert again.rendered == 1
    assert again.blocks == first.blocks


def test_without_a_cache_every_block_is_rendered(silent_voices):
    profiles = {"anchor": _silent("anchor")}
    specs = plan_blocks(_script("Alpha"), profiles)
    assert Renderer(None).render(specs).rendered == len(specs)
    assert Renderer(None).render(specs).rendered == len(specs)


def test_prepare_renders_into_the_cache_and_keeps_no_audio(tmp_path, silent_voices):
    """A batch renders every show's blocks at once with ``prepare``: they go to the
    cache, and each show is then made from it, so no block's audio stays in memory
    (500 shows' blocks held at once were about 0.4 MB a show)."""
    profiles = {"anchor": _silent("anchor")}
    cache = SegmentCache(tmp_path / "cache")
    specs = plan_blocks(_script("Alpha", "Beta"), profiles)
    renderer = Renderer(cache)
    assert renderer.prepare(specs) == len(specs)
    assert all(cache.get(spec.key) is not None for spec in specs)
    calls = len(silent_voices.calls)
    made = renderer.render(specs)  # a show made after the batch's rendering: from the cache
    assert made.rendered == 0 and all(made.blocks) and len(silent_voices.calls) == calls
    # Nothing was kept: with the cache emptied, the same renderer speaks them again.
    cache.clear()
    assert renderer.render(specs).rendered == len(specs)


def test_without_a_cache_prepared_blocks_are_kept(silent_voices):
    profiles = {"anchor": _silent("anchor")}
    specs = plan_blocks(_script("Alpha"), profiles)
    renderer = Renderer(None)
    assert renderer.prepare(specs) == len(specs)
    assert renderer.render(specs).rendered == 0


# -- worker processes ---------------------------------------------------------------------


def _beeps(block: CachedBlock) -> float:
    """Seconds of audio in a block."""
    return block.frames * frame_samples(22050) / 22050


def test_workers_render_in_parallel_and_keep_the_order(tone_engine):
    texts = [" ".join(["word"] * n) for n in (30, 5, 20, 10, 15, 1)]
    result = Renderer(None, jobs=2).render(tone_specs(texts))
    assert not result.failures and result.rendered == len(texts)
    lengths = [_beeps(b) for b in result.blocks]
    for n, seconds in zip((30, 5, 20, 10, 15, 1), lengths, strict=True):
        # 100 ms a word, the pauses, and the encoder's delay and padding
        assert abs(seconds - (0.1 * n + 0.2)) < 0.12, (n, seconds)


def test_a_crashing_worker_fails_that_block_only(tone_engine, caplog):
    texts = ["one two", "this will kaboom now", "three four five"]
    with caplog.at_level(logging.WARNING):
        result = Renderer(None, jobs=2).render(tone_specs(texts))
    assert [f.spec.title for f in result.failures] == ["Story 1"]
    assert "crashed (signal SIGSEGV) while speaking story 'Story 1'" in result.failures[0].reason
    assert "trying it once more" in caplog.text
    assert result.blocks[1] is None
    assert result.blocks[0] is not None and result.blocks[2] is not None


@pytest.mark.slow
def test_a_hanging_worker_is_stopped_at_its_timeout(tone_engine):
    texts = ["one two", "stuckforever", "three"]
    # Three seconds: far more than a tone block takes on a busy machine (milliseconds).
    renderer = Renderer(None, jobs=2, timeout_base_s=3.0, timeout_per_char_s=0.0, startup_s=20)
    started = time.monotonic()
    result = renderer.render(tone_specs(texts))
    assert time.monotonic() - started < 60
    assert [f.spec.title for f in result.failures] == ["Story 1"]
    assert "did not finish story 'Story 1' within 3 s" in result.failures[0].reason
    assert result.blocks[0] is not None and result.blocks[2] is not None


def test_an_engine_error_is_retried_then_reported(tone_engine):
    result = Renderer(None, jobs=1).render(tone_specs(["failword here", "fine"]))
    assert len(result.failures) == 1
    assert result.failures[0].reason.startswith("the tone engine failed on block-")
    assert result.blocks[1] is not None


def test_an_unusable_voice_stops_the_run(tone_engine):
    missing = VoiceProfile(name="m", engine="tone", voice="missing", rate=180)
    with pytest.raises(VoiceError, match="tone engine has no voice 'missing'"):
        Renderer(None, jobs=2).render(tone_specs(["a b c", "d e f"], profile=missing))


def test_worker_logs_reach_the_parent(tone_engine, caplog, tmp_path):
    cache = SegmentCache(tmp_path)
    key = tone_specs(["hello"])[0].key
    with caplog.at_level(logging.DEBUG, logger="briefing"):
        Renderer(cache, jobs=1).render(tone_specs(["hello"]))
    assert "starting text-to-speech engine tone" in caplog.text
    assert json.loads(next(tmp_path.rglob(f"{key}.json")).read_text())["key"] == key


def test_a_warmed_worker_starts_its_engine_before_the_first_block(
    tone_engine, caplog, tmp_path, monkeypatch
):
    """While the caller still prepares the script, a warmed-up worker loads the
    mixing modules and starts its engine, so the first block does not wait for them."""
    started_file = tmp_path / "tone-started"
    monkeypatch.setenv(ToneEngine.STARTED_FILE, str(started_file))
    renderer = Renderer(None, jobs=1)
    with caplog.at_level(logging.DEBUG, logger="briefing"), renderer:
        renderer.warm_up({"tone"})
        # The caller reads and summarises its articles; no block is sent until the
        # worker says its engine started (a worker that waited for one never would).
        assert wait_for(started_file.exists), "the warmed-up worker did not start its engine"
        sent = time.time()
        result = renderer.render(tone_specs(["hello there"]))
    assert not result.failures
    started = [r for r in caplog.records if r.getMessage() == "starting text-to-speech engine tone"]
    assert len(started) == 1 and started[0].created < sent


def test_a_worker_that_cannot_start_stops_the_run(tone_engine, monkeypatch):
    from briefing.errors import EngineError
    from briefing.render import workers

    monkeypatch.setattr(workers.sys, "executable", "/bin/false")
    with pytest.raises(EngineError, match=r"a render worker could not start \(exit code 1\)"):
        Renderer(None, jobs=1).render(tone_specs(["a b c"]))


def test_workers_do_not_run_the_callers_main_script(tmp_path):
    """A script calling briefing without an `if __name__ == "__main__":` guard works:
    the workers are `python -m briefing.render.workers`, not a re-run of the script."""
    import subprocess
    import sys

    from .helpers import subprocess_env

    script = tmp_path / "unguarded.py"
    script.write_text(
        "from briefing import tts\n"
        "from briefing.render import Renderer\n"
        "from tests.helpers import tone_specs\n"
        "tts.register_engine('tone', 'tests.fakes:ToneEngine')\n"
        "result = Renderer(None, jobs=2).render(tone_specs(['one two', 'three four']))\n"
        "print(result.rendered, len(result.failures))\n"
    )
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = subprocess_env(PYTHONPATH=str(root))
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.stdout.strip() == "2 0", done.stderr


def test_a_worker_with_another_engine_refuses_the_block(tone_engine):
    """Planned for one engine version, rendered by another: refused, never cached
    under a key that does not describe the audio."""
    from dataclasses import replace

    from briefing.errors import EngineError

    spec = replace(tone_specs(["a b c"])[0], engine="tone: tone test engine 0.9")
    with pytest.raises(EngineError, match="not the one the block was planned for"):
        Renderer(None, jobs=1).render([spec])
    ok = replace(spec, engine="tone: tone test engine")
    assert not Renderer(None, jobs=1).render([ok]).failures


def test_what_a_killed_run_left_in_the_cache_and_temp_folder_is_removed(tone_engine, tmp_path):
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from briefing.render.workers import WORKDIR_PREFIX

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = int(gone.stdout)
    cache = SegmentCache(tmp_path)
    (tmp_path / "segments" / "ab").mkdir(parents=True)
    stale_entry = tmp_path / "segments" / "ab" / f"{'ab' * 32}.{dead}.tmp"
    stale_entry.write_bytes(b"half a block")
    live_entry = tmp_path / "segments" / "ab" / f"{'cd' * 32}.{os.getpid()}.tmp"
    live_entry.write_bytes(b"being written")
    stale_dir = Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{dead}-"))
    (stale_dir / "block.wav").write_bytes(b"RIFF")
    assert not Renderer(cache, jobs=1).render(tone_specs(["one two three"])).failures
    assert not stale_entry.exists() and live_entry.exists()
    assert not stale_dir.exists()
    assert not list(Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}{os.getpid()}-*"))


# -- the same audio from any process, in any order ------------------------------------

#: Short blocks, and other text for a worker to speak first (so its engine has a past).
_SAME = ("Rain is expected in the north.", "Next.", "Markets closed higher on Friday.")
_BEFORE = ("The council met on Tuesday and voted to extend the tram line.",)


def _real_specs(profile_name: str, texts) -> list:
    """Story-like blocks in a real voice, keyed as a planned script keys them."""
    from briefing.render import BlockSpec
    from briefing.voices import get_profile

    profile = get_profile(profile_name)
    engine = tts.engine_identity(profile)
    settings = AudioSettings()
    parts = (100, "speech", 100)
    return [
        BlockSpec("story", i, f"Story {i}", parts, (text,), profile, settings,
                  block_key(parts, text, profile, engine, settings), engine=engine)
        for i, text in enumerate(texts)
    ]  # fmt: skip


def _one_by_one(renderer: Renderer, specs) -> dict[str, tuple[str, int, str]]:
    """Each block rendered on its own, in the order given (the engine's history):
    its text, its frames and the SHA-256 of its MP3 bytes, by key."""
    import hashlib

    out = {}
    for spec in specs:
        result = renderer.render([spec])
        assert not result.failures, result.failures
        block = result.blocks[0]
        out[spec.key] = (spec.text, block.frames, hashlib.sha256(block.mp3).hexdigest())
    return out


@pytest.mark.integration
@pytest.mark.parametrize("voice", ["presenter", "anchor", "correspondent", "newsreader"])
def test_a_block_is_the_same_bytes_from_any_process_after_any_other(voice):
    """The cache and the up-to-date check hold a block's audio for its key: so the
    block must come out byte for byte the same in this process (--jobs 0) and in a
    worker, first or after other texts, in any order (espeak-ng once carried its
    pitch flutter and gain from one text into the next; piper drew fresh noise)."""
    if voice == "newsreader":
        pytest.importorskip("piper", reason="the piper extra is not installed")
    specs = _real_specs(voice, _SAME)
    here = _one_by_one(Renderer(None, jobs=0), specs)
    with Renderer(None, jobs=1) as warm:
        warm.warm_up({specs[0].profile.engine})
        _one_by_one(warm, _real_specs(voice, _BEFORE))
        there = _one_by_one(warm, specs[::-1])
    assert there == here
    again = _one_by_one(Renderer(None, jobs=0), specs[1:] + specs[:1])
    assert again == here


@pytest.mark.integration
def test_a_voice_is_the_same_bytes_beside_espeak_in_its_worker():
    """A worker that has also spoken with espeak-ng (a show with two voices, or the
    presenter's fallback) encodes the presenter's blocks as one that has not: the
    system's libespeak-ng, loaded globally, brought libmp3lame with it, whose
    functions then took the place of the encoder's own."""
    specs = _real_specs("presenter", _SAME[:2])

    def in_a_worker(before: list) -> dict:
        with Renderer(None, jobs=1) as renderer:
            renderer.warm_up({"hibari", "pyttsx3"})
            _one_by_one(renderer, before)
            return _one_by_one(renderer, specs)

    alone = in_a_worker([])
    assert in_a_worker(_real_specs("anchor", _BEFORE)) == alone
    # A worker serves one engine now (issue 29), but ``--jobs 0`` renders every voice in
    # one process: espeak-ng first, then the presenter, in this process.
    here = Renderer(None, jobs=0)
    _one_by_one(here, _real_specs("anchor", _BEFORE))
    assert _one_by_one(here, specs) == alone
