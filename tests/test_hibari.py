"""The hibari engine: the default, neural voice. Real hibari (it is small and fast)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import wave
from dataclasses import replace

import pytest

from briefing import pipeline
from briefing.errors import VoiceError
from briefing.tts import hibari_engine
from briefing.tts.hibari_engine import pieces, rate_plan, resolve_voice
from briefing.voices import VoiceProfile, get_profile

from .helpers import (
    SEED,
    decode_mp3,
    ebur128,
    episode_file,
    quiet_then_speech,
    rms,
    speech_seconds,
    subprocess_env,
    window_rms,
)

DATE = dt.date(2026, 11, 25)
HEART = VoiceProfile("t", "hibari", "heart", rate=170, language="en-US")


@pytest.fixture
def empty_hibari_home(tmp_path, monkeypatch):
    home = tmp_path / "hibari-home"
    home.mkdir()
    monkeypatch.setenv("HIBARI_HOME", str(home))
    return home


# -- rate and text (no model) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("wpm", "speed", "compression"),
    [
        (120, (0.7, 0.75), 1.0),
        (165, (1.0, 1.0), 1.0),
        (170, (1.05, 1.15), 1.0),
        (190, (1.25, 1.25), 1.0),
        (300, (1.25, 1.25), 300 / 190),
        (450, (1.25, 1.25), 450 / 190),
    ],
)
def test_rate_plan(wpm, speed, compression):
    got_speed, got_compression = rate_plan(wpm)
    assert speed[0] <= got_speed <= speed[1]
    assert got_compression == pytest.approx(compression)


def test_rate_plan_is_monotonic():
    plans = [rate_plan(w) for w in range(120, 451, 5)]
    made = [speed * compression for speed, compression in plans]
    assert made == sorted(made)


@pytest.mark.parametrize(
    ("sentence", "limit", "expected"),
    [
        ("Short and sweet.", 300, ["Short and sweet."]),
        ("one, two, three, four.", 10, ["one, two,", "three,", "four."]),
        ("alpha beta gamma delta epsilon", 12, ["alpha beta", "gamma delta", "epsilon"]),
        ("a, bb cc dd ee ff gg, h.", 8, ["a, bb cc", "dd ee ff", "gg, h."]),
        ("x" * 25, 10, ["x" * 10]),  # a "word" longer than a piece is cut
    ],
)
def test_pieces(sentence, limit, expected):
    assert pieces(sentence, limit) == expected


def test_pieces_of_a_sentence_without_punctuation_stay_short():
    sentence = " ".join(["word"] * 2000)
    cut = pieces(sentence)
    assert len(cut) > 20 and max(len(p) for p in cut) <= hibari_engine.MAX_PIECE_CHARS


# -- voices: never a download -------------------------------------------------------------


def test_the_bundled_voice_is_found_without_loading_hibari():
    """Resolving the voice and the cache identity import neither hibari nor numpy
    (they stay off the path of a re-run that is up to date)."""
    code = (
        "import sys; from briefing.tts import hibari_engine as h; "
        "from briefing.voices import get_profile; "
        "v = h.resolve_voice('heart'); i = h.HibariEngine.identity(get_profile('presenter')); "
        "print(v.path.name, v.british, 'hibari' in sys.modules, 'numpy' in sys.modules); print(i)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env()
    )
    assert result.returncode == 0, result.stderr
    first, identity = result.stdout.splitlines()
    assert first == "hibari.onnx False False False"
    assert "hibari-tts 0." in identity and "onnxruntime " in identity
    assert "voice heart sha256 5f70741d4e900f4e" in identity  # the registry's digest of heart


def test_a_voice_not_on_this_machine_is_one_line_naming_those_that_are(empty_hibari_home):
    with pytest.raises(VoiceError) as caught:
        resolve_voice("emma")
    message = str(caught.value)
    assert "\n" not in message
    assert "hibari voice 'emma' is not on this machine" in message
    assert "briefing never downloads voices" in message
    assert "voices here: heart" in message
    assert f"bf_emma.int8.onnx in {empty_hibari_home}" in message
    assert "path of an .onnx voice file" in message


def test_unknown_voice_and_missing_file(empty_hibari_home):
    with pytest.raises(VoiceError, match="hibari has no voice 'nobody'; voices here: heart"):
        resolve_voice("nobody")
    with pytest.raises(VoiceError, match="does not exist"):
        resolve_voice(str(empty_hibari_home / "mine.onnx"))


def test_a_voice_in_hibaris_cache_folder_is_used(empty_hibari_home):
    """A voice file put in hibari's cache by hand is found, with its accent's rules."""
    heart = resolve_voice("heart").path
    shutil.copy(heart, empty_hibari_home / "bf_emma.int8.onnx")
    voice = resolve_voice("emma")
    assert voice.path == empty_hibari_home / "bf_emma.int8.onnx" and voice.british
    # A file of the user's, by path: British rules from the profile's language.
    mine = empty_hibari_home / "mine.onnx"
    shutil.copy(heart, mine)
    assert resolve_voice(str(mine), "en-GB").british
    assert not resolve_voice(str(mine), "en-US").british


def test_identity_follows_the_voice_file(empty_hibari_home):
    mine = empty_hibari_home / "mine.onnx"
    shutil.copy(resolve_voice("heart").path, mine)
    profile = VoiceProfile("t", "hibari", str(mine))
    before = hibari_engine.HibariEngine.identity(profile)
    with mine.open("ab") as handle:
        handle.write(b"\0")
    assert hibari_engine.HibariEngine.identity(profile) != before


# -- real speech ----------------------------------------------------------------------------

integration = pytest.mark.integration


@pytest.fixture(scope="module")
def engine():
    from briefing.tts import get_engine

    return get_engine("hibari")


@integration
def test_speaks_sentence_by_sentence_with_marks_on_the_sound(engine, tmp_path):
    import numpy as np

    text = "The council met on Tuesday. It voted to extend the tram line. Work starts in May."
    path = tmp_path / "s.wav"
    marks = engine.synthesize(text, HEART, path)
    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (24000, 1, 2)
        x = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(float)
    assert len(marks) == len(text.split())
    assert [m.offset for m in marks] == [
        i for i, c in enumerate(text) if c != " " and (i == 0 or text[i - 1] == " ")
    ]
    times = [m.start_ms for m in marks]
    assert times == sorted(times) and times[-1] < len(x) / 24
    # Each sentence's mark is on its first sound: quiet just before, speech just after.
    for offset in (0, text.index("It voted"), text.index("Work")):
        at = next(m.start_ms for m in marks if m.offset == offset) / 1000
        before = x[max(0, int((at - 0.12) * 24000)) : max(0, int((at - 0.02) * 24000))]
        after = x[int(at * 24000) : int((at + 0.15) * 24000)]
        assert (np.sqrt((before**2).mean()) if len(before) else 0) < 150, offset
        assert np.sqrt((after**2).mean()) > 800, offset


@integration
@pytest.mark.parametrize("wpm", [120, 200, 300, 450])
def test_rate_is_honoured_within_ten_percent(engine, tmp_path, wpm):
    from briefing.speech import to_spoken
    from briefing.text import words

    text = to_spoken((SEED.read_text(encoding="utf-8").split("\n\n", 2)[2])[:1500])
    path = tmp_path / "rate.wav"
    engine.synthesize(text, replace(HEART, rate=wpm), path)
    measured = len(words(text)) / speech_seconds(path) * 60
    assert abs(measured - wpm) / wpm <= 0.10, measured


@integration
def test_the_same_text_sounds_the_same(engine, tmp_path):
    first, second = tmp_path / "a.wav", tmp_path / "b.wav"
    engine.synthesize("Deterministic speech, twice.", HEART, first)
    engine.synthesize("Deterministic speech, twice.", HEART, second)
    assert first.read_bytes() == second.read_bytes()


@integration
def test_no_connection_is_ever_attempted(engine, tmp_path, monkeypatch, empty_hibari_home):
    """Speaking, and asking for a voice that is not here, never open a socket."""
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    engine.synthesize("No network needed.", HEART, tmp_path / "n.wav")
    with pytest.raises(VoiceError):
        engine.check_voice(VoiceProfile("emma", "hibari", "emma"))
    with pytest.raises(VoiceError):
        engine.synthesize("Hello.", VoiceProfile("emma", "hibari", "emma"), tmp_path / "e.wav")
    assert attempts == []


@integration
def test_speaking_writes_nothing_in_the_home_folder(tmp_path):
    """No telemetry, no device id, no downloaded voice: the home folder stays empty."""
    home = tmp_path / "home"
    home.mkdir()
    code = (
        "from briefing.tts import get_engine; from briefing.voices import get_profile; "
        f"get_engine('hibari').synthesize('Hello.', get_profile('presenter'), {str(tmp_path / 'h.wav')!r})"
    )
    env = {k: v for k, v in subprocess_env(HOME=str(home)).items() if not k.startswith("XDG_")}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert list(home.rglob("*")) == []


@pytest.fixture(scope="module")
def neural_episode(tmp_path_factory):
    """The seed and the bundled samples read by the presenter."""
    from briefing.render import Renderer
    from briefing.render.cache import SegmentCache
    from briefing.sources import sample_sources

    out = tmp_path_factory.mktemp("neural")
    cache = SegmentCache(tmp_path_factory.mktemp("neural-cache"))
    return pipeline.generate(
        [SEED, *sample_sources()[:2]], out_dir=out, date=DATE, voices=["presenter"],
        renderer=Renderer(cache),
    )  # fmt: skip


@integration
def test_neural_episode_format_length_and_sound(neural_episode):
    from mutagen.mp3 import MP3

    from briefing.render import layout
    from briefing.summarize import word_count

    audio = MP3(str(neural_episode.mp3_path))
    assert (audio.info.sample_rate, audio.info.channels) == (22050, 1)
    samples = decode_mp3(neural_episode.mp3_path)
    assert abs(len(samples) / 22050 * 1000 - neural_episode.duration_ms) < 200
    assert rms(samples) > 500
    script = neural_episode.script_path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    stories = [c for c in neural_episode.chapters if c.kind.value == "story"]
    speech_s = word_count(script) / get_profile("presenter").rate * 60
    fixed_s = layout.overhead_ms(len(stories)) / 1000
    ratio = (neural_episode.duration_ms / 1000 - fixed_s) / speech_s
    assert 0.85 <= ratio <= 1.4, ratio
    for chapter in stories:
        assert window_rms(samples, 22050, chapter.start_ms / 1000, 2.0) > 500, chapter.title


@integration
def test_neural_chapters_and_cues_start_on_their_speech(neural_episode):
    import webvtt

    samples = decode_mp3(neural_episode.mp3_path)
    for chapter in neural_episode.stories:
        assert quiet_then_speech(samples, chapter.start_ms / 1000), chapter.title
    checked = 0
    assert len(webvtt.read(str(neural_episode.vtt_path))) == len(neural_episode.cues)
    for cue in neural_episode.cues:
        if cue.text[:1].isupper() or cue.text[:1] in "\"“'":
            assert quiet_then_speech(samples, cue.start_ms / 1000), cue.text
            checked += 1
    assert checked >= 12


@integration
def test_neural_episode_loudness_and_cover(neural_episode):
    from mutagen.id3 import ID3

    integrated, peak = ebur128(neural_episode.mp3_path)
    assert -16.5 <= integrated <= -15.5 and peak <= -1.0, (integrated, peak)
    pictures = ID3(str(neural_episode.mp3_path)).getall("APIC")
    assert len(pictures) == 1 and pictures[0].type == 3 and pictures[0].mime == "image/jpeg"
    import io

    from PIL import Image

    with Image.open(io.BytesIO(pictures[0].data)) as image:
        assert image.size == (600, 600) and image.format == "JPEG"


@integration
def test_renders_are_byte_identical_in_and_out_of_the_workers(tmp_path):
    """The same inputs give the same MP3, rendered here (--jobs 0) or by the workers."""
    from briefing.render import Renderer
    from briefing.render.cache import SegmentCache

    made = []
    for jobs in (0, 2):
        episode = pipeline.generate(
            [SEED], out_dir=tmp_path / f"out{jobs}", date=DATE, voices=["presenter"],
            renderer=Renderer(SegmentCache(tmp_path / f"cache{jobs}"), jobs=jobs),
            now=dt.datetime(2026, 11, 25, 6, tzinfo=dt.UTC),
        )  # fmt: skip
        made.append(episode.mp3_path.read_bytes())
    assert made[0] == made[1]


def _run(args, tmp_path, **env):
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True, text=True, env=subprocess_env(**env), cwd=tmp_path, timeout=300,
    )  # fmt: skip


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


@integration
@pytest.mark.skipif(not _unshare_works(), reason="needs `unshare -n` (root, util-linux)")
def test_offline_the_default_voice_works_and_a_missing_one_says_so(tmp_path):
    """With no network at all (a namespace with no interfaces): the neural default
    makes an episode, and a voice hibari would download is refused in one line."""
    home = tmp_path / "hibari-home"
    home.mkdir()
    env = subprocess_env(HIBARI_HOME=str(home))
    made = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "briefing", "generate", str(SEED),
         "--out", str(tmp_path / "out"), "--date", "2026-11-25", "--voice", "presenter"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert episode_file(tmp_path / "out", "2026-11-25").is_file()
    profile = tmp_path / "emma.toml"
    profile.write_text('name = "emma"\nengine = "hibari"\nvoice = "emma"\nlanguage = "en-GB"\n')
    refused = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "briefing", "generate", str(SEED),
         "--out", str(tmp_path / "out2"), "--voice", str(profile)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert lines[0].startswith("Error: hibari voice 'emma' is not on this machine")
    assert "voices here: heart" in lines[0] and "Traceback" not in refused.stderr
    assert list(home.iterdir()) == []  # nothing was fetched into hibari's cache


@integration
def test_hibari_that_cannot_import_falls_back_to_espeak(tmp_path):
    """hibari installed but broken (its import fails in the render workers): one
    warning that names the fix, and the episode is made by the espeak anchor."""
    real = hibari_engine._package_folder()
    shadow = tmp_path / "shadow" / "hibari"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('hibari is broken here (a test)')\n")
    (shadow / "assets").symlink_to(real / "assets")
    result = _run(
        ["generate", str(SEED), "--out", str(tmp_path / "out"), "--date", "2026-11-25"],
        tmp_path, PYTHONPATH=str(tmp_path / "shadow"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.stderr
    assert "voice 'presenter' cannot be used: hibari cannot load" in warnings[0]
    assert "hibari is broken here" in warnings[0]
    assert "pip install hibari-tts onnxruntime" in warnings[0]
    assert "'anchor' (pyttsx3) reads the show instead" in warnings[0]
    store = json.loads((tmp_path / "out" / "episodes.json").read_text())
    assert len(store["episodes"]) == 1
    samples = decode_mp3(episode_file(tmp_path / "out", "2026-11-25"))
    assert rms(samples) > 500
    assert os.path.getsize(episode_file(tmp_path / "out", "2026-11-25")) > 100_000
