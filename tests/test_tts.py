"""The engine registry and the real pyttsx3 / espeak-ng engine."""

from __future__ import annotations

import json
import subprocess
import sys
import wave

import pytest

from briefing import tts
from briefing.errors import EngineError, VoiceError
from briefing.voices import VoiceProfile, get_profile

from .helpers import subprocess_env


def test_unknown_engine_lists_engines():
    with pytest.raises(EngineError, match="unknown text-to-speech engine 'festival'.*pyttsx3"):
        tts.get_engine("festival")


def test_engine_module_missing_is_a_clear_error():
    tts.register_engine("ghost", "briefing.tts.no_such_module:Ghost")
    try:
        with pytest.raises(EngineError, match="engine 'ghost' is not installed"):
            tts.get_engine("ghost")
    finally:
        tts.unregister_engine("ghost")


def test_an_engine_is_registered_then_removed_with_the_instance_kept():
    from .fakes import SilentEngine

    tts.register_engine("passing", SilentEngine)
    try:
        engine = tts.get_engine("passing")
        assert tts.get_engine("passing") is engine
    finally:
        tts.unregister_engine("passing")
    assert "passing" not in tts.engine_names()
    with pytest.raises(EngineError, match="unknown text-to-speech engine 'passing'"):
        tts.get_engine("passing")
    tts.register_engine("passing", SilentEngine)  # a fresh one, not the instance kept before
    try:
        assert tts.get_engine("passing") is not engine
    finally:
        tts.unregister_engine("passing")
    tts.unregister_engine("passing")  # no such engine now: nothing happens


def test_engines_are_loaded_lazily():
    code = "import briefing.cli, briefing.pipeline, sys; print('pyttsx3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.fixture(scope="module")
def engine():
    return tts.get_engine("pyttsx3")


def _profile(voice: str, rate: int = 170) -> VoiceProfile:
    return VoiceProfile(name="t", engine="pyttsx3", voice=voice, rate=rate)


@pytest.mark.integration
def test_engine_is_kept_for_the_process(engine):
    assert tts.get_engine("pyttsx3") is engine
    assert isinstance(engine, tts.Engine)
    assert "libespeak-ng" in engine.describe()


@pytest.mark.integration
def test_synthesize_writes_speech(engine, tmp_path):
    path = tmp_path / "a.wav"
    engine.synthesize(
        "The harbour bridge reopened to traffic on Monday.", get_profile("anchor"), path
    )
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getnchannels() == 1
    assert 1.5 < seconds < 6


@pytest.mark.integration
def test_many_files_in_a_row_are_all_written(engine, tmp_path):
    """pyttsx3 loses files when driven carelessly; ours must all exist, with their own audio."""
    lengths = []
    for i in range(12):
        path = tmp_path / f"{i}.wav"
        text = f"Story number {i}. " + "The council met again today. " * (1 + i % 4)
        engine.synthesize(text, get_profile("anchor" if i % 2 else "correspondent"), path)
        with wave.open(str(path)) as wav:
            lengths.append(wav.getnframes())
    # Longer texts give longer audio: each file holds its own text, not a neighbour's.
    by_repeats = {}
    for i, frames in enumerate(lengths):
        by_repeats.setdefault(1 + i % 4, []).append(frames)
    means = [sum(v) / len(v) for _, v in sorted(by_repeats.items())]
    assert means == sorted(means)


@pytest.mark.integration
def test_rate_changes_duration(engine, tmp_path):
    text = "The committee will meet again on Thursday to review the proposal in detail."
    durations = []
    for rate in (120, 240):
        path = tmp_path / f"{rate}.wav"
        engine.synthesize(text, _profile("en-us", rate), path)
        with wave.open(str(path)) as wav:
            durations.append(wav.getnframes() / wav.getframerate())
    assert durations[0] > 1.5 * durations[1]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("voice", "message"),
    [
        ("xx-nowhere", "no voice 'xx-nowhere'"),
        ("en-us+nonexistent", "no voice variant '\\+nonexistent'"),
    ],
)
def test_missing_engine_voice_is_a_clear_error(engine, voice, message):
    with pytest.raises(VoiceError, match=message) as info:
        engine.check_voice(_profile(voice))
    assert "en-us" in str(info.value) or "f3" in str(info.value)  # it lists what exists


@pytest.mark.integration
def test_voice_ids_resolve(engine):
    assert engine.resolve_voice("en-us") == "gmw/en-us"
    assert engine.resolve_voice("EN-US+F3") == "gmw/en-us+f3"
    assert engine.resolve_voice("gmw/en-gb-x-rp") == "gmw/en-gb-x-rp"


@pytest.mark.integration
def test_nothing_to_say_is_an_error_not_a_hang(engine, tmp_path):
    with pytest.raises(EngineError, match="nothing to say"):
        engine.synthesize(" ... ", get_profile("anchor"), tmp_path / "x.wav")


@pytest.mark.integration
def test_driver_chatter_stays_off_stdout(engine, tmp_path, capfd):
    engine.synthesize("Quiet please.", get_profile("anchor"), tmp_path / "q.wav")
    assert "Audio saved" not in capfd.readouterr().out


@pytest.mark.integration
def test_bundled_espeak_route_works_without_the_system_library(tmp_path):
    """The pip-only route: libespeak-ng from espeakng-loader, chosen even when the
    system has one, and the auto route falling back to it when the system has none."""
    code = (
        "import ctypes.util, sys\n"
        "from pathlib import Path\n"
        "if sys.argv[1] == 'auto':\n"
        "    ctypes.util.find_library = lambda name: None  # as on a machine without espeak-ng\n"
        "from briefing.tts import get_engine\n"
        "from briefing.voices import get_profile\n"
        "engine = get_engine('pyttsx3')\n"
        "engine.synthesize('Hello from the bundled library.', get_profile('anchor'), Path(sys.argv[2]))\n"
        "print(engine.library.route)\n"
    )
    for mode, env in (("forced", {"BRIEFING_ESPEAK": "bundled"}), ("auto", {})):
        wav_path = tmp_path / f"{mode}.wav"
        result = subprocess.run(
            [sys.executable, "-c", code, mode, str(wav_path)],
            capture_output=True, text=True, env=subprocess_env(**env), timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "bundled"
        with wave.open(str(wav_path)) as wav:
            assert wav.getnframes() > 22050


def test_invalid_espeak_route_is_a_clear_error():
    code = "from briefing.tts import get_engine; get_engine('pyttsx3')"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        env=subprocess_env(BRIEFING_ESPEAK="festival"), timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "BRIEFING_ESPEAK='festival' is not valid" in result.stderr


@pytest.mark.integration
def test_rate_and_voice_are_honoured_in_any_order(engine, tmp_path):
    """Switching voice and rate from one text to the next never carries the last text's rate."""
    text = "The committee will meet again on Thursday to review the proposal in detail."
    expected = {}
    for rate in (120, 240):
        path = tmp_path / "ref.wav"
        engine.synthesize(text, _profile("en-us", rate), path)
        with wave.open(str(path)) as wav:
            expected[rate] = wav.getnframes()
    plan = [(v, r) for v in ("en-us", "en-gb-x-rp+f3", "en-us+f3") for r in (120, 240)] * 3
    for i, (voice, rate) in enumerate(plan[::-1] + plan):
        path = tmp_path / f"{i}.wav"
        engine.synthesize(text, _profile(voice, rate), path)
        with wave.open(str(path)) as wav:
            frames = wav.getnframes()
        assert abs(frames - expected[rate]) / expected[rate] < 0.15, (i, voice, rate)


@pytest.mark.integration
def test_volume_is_honoured(engine, tmp_path):
    from briefing.audio.mix import load_speech

    levels = []
    for volume in (1.0, 0.3):
        path = tmp_path / f"{volume}.wav"
        engine.synthesize(
            "Testing the volume of this voice.",
            VoiceProfile("t", "pyttsx3", "en-us", volume=volume),
            path,
        )
        levels.append(load_speech(path).rms)
    assert levels[1] < 0.5 * levels[0]


def test_no_espeak_anywhere_says_what_to_install():
    """Neither a system libespeak-ng nor espeakng-loader: one error naming both fixes."""
    code = (
        "import ctypes.util, sys\n"
        "ctypes.util.find_library = lambda name: None\n"
        "import briefing.tts.espeak_lib as lib\n"
        "lib._system_library_file = lambda: None\n"
        "sys.modules['espeakng_loader'] = None  # as if not installed\n"
        "from briefing.cli import main\n"
        "sys.argv = ['briefing', 'generate', sys.argv[1], '--voice', 'anchor']\n"
        "main()\n"
    )
    from .helpers import SEED

    result = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], capture_output=True, text=True,
        env=subprocess_env(), timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "Error: no espeak-ng library found; install espeak-ng (Debian/Ubuntu: sudo apt-get "
        "install espeak-ng; Fedora: sudo dnf install espeak-ng; macOS: brew install espeak-ng) "
        "or the PyPI package: pip install espeakng-loader"
    )


def test_fix_wav_rate(tmp_path):
    from briefing.tts.pyttsx3_engine import fix_wav_rate

    path = tmp_path / "mb.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(b"\x01\x00" * 16000)
    assert fix_wav_rate(path, 16000) is True
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == 16000 and wav.getnframes() == 16000  # one second, not 0.73
    assert fix_wav_rate(path, 16000) is False


@pytest.mark.integration
def test_the_engine_corrects_the_header_to_the_rate_espeak_reports(engine, tmp_path, monkeypatch):
    answers = []
    real_ask = engine._ask

    def ask(request, timeout):
        answers.append(real_ask(request, timeout))
        return {**answers[-1], "rate": 16000}  # as an mbrola voice reports

    path = tmp_path / "own.wav"
    engine.synthesize("Twenty-two thousand samples a second.", get_profile("anchor"), path)
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == 22050  # espeak-ng's own voices
    monkeypatch.setattr(engine, "_ask", ask)
    path = tmp_path / "mbrola-like.wav"
    engine.synthesize("Sixteen thousand samples a second.", get_profile("anchor"), path)
    assert answers[0]["rate"] == 22050
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == 16000


def _samples(path) -> bytes:
    with wave.open(str(path)) as wav:
        return wav.readframes(wav.getnframes())


@pytest.mark.integration
@pytest.mark.parametrize("voice", ["anchor", "correspondent"])
def test_a_text_sounds_the_same_whatever_was_spoken_before(engine, tmp_path, voice):
    """libespeak-ng carries its pitch flutter, gain and noise from one text into the
    next: each text is spoken by a fresh one, so it is the same samples every time."""
    profile = get_profile(voice)
    heard = []
    for i, text in enumerate(["Next.", "The council met on Tuesday to vote.", "Next.", "Next."]):
        engine.synthesize(text, profile, tmp_path / f"{i}.wav")
        heard.append(_samples(tmp_path / f"{i}.wav"))
    assert heard[0] == heard[2] == heard[3]


@pytest.mark.integration
def test_the_bundled_espeaks_noise_does_not_follow_the_clock(tmp_path):
    """libespeak-ng 1.52 (espeakng-loader) seeds its noise, the breath of the ``+f``
    variants, from the clock in seconds: the same text a second later is the same."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from briefing.tts import get_engine\n"
        "from briefing.voices import get_profile\n"
        "engine = get_engine('pyttsx3')\n"
        "say = lambda name: engine.synthesize('Next.', get_profile('correspondent'), "
        "                                     Path(sys.argv[1]) / name)\n"
        "say('a.wav')\n"
        "time.sleep(1.05)  # the next second\n"
        "say('b.wav')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, env=subprocess_env(BRIEFING_ESPEAK="bundled"), timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _samples(tmp_path / "a.wav") == _samples(tmp_path / "b.wav")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        (
            "os.kill(os.getpid(), signal.SIGSEGV)",
            "espeak-ng crashed (signal SIGSEGV) while speaking",
        ),
        ("time.sleep(60)", "espeak-ng did not finish x.wav within 0 s"),
        ("os._exit(3)", "espeak-ng crashed (exit code 3) while speaking x.wav"),
    ],
)
def test_the_speakers_child_crashing_or_hanging_is_one_line(behaviour, reason):
    """The child forked for a text dies or hangs: the speaker answers why, and goes on."""
    code = (
        "import json, os, signal, sys, time\n"
        "from briefing.tts import pyttsx3_speaker as s\n"
        "s.START_S = 2.0\n"  # far more than a forked child takes to answer on a busy machine
        "s._prepare = lambda voice: None\n"
        f"s.answer = lambda request, speaker: {behaviour}\n"
        "request = {'text': 'x', 'voice': 'en', 'dest': '/nonexistent/x.wav', 'timeout': 0.2}\n"
        "print(json.dumps(s.ask(s.fork('en'), request)))\n"
        "s.answer = lambda request, speaker: {'marks': [], 'rate': 22050}\n"
        "print(json.dumps(s.ask(s.fork('en'), request)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert reason in first["error"] and "\n" not in first["error"]
    assert second == {"marks": [], "rate": 22050}


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([(13, 7), (17, 300)], [(0, 7), (4, 300)]),  # prefix of 12 characters, counted from 1
        ([(13, 7), (17, 300), (17, 310)], [(0, 7), (4, 300)]),  # "U.S." reported twice
        ([(17, 300), (13, 7)], [(0, 7), (4, 300)]),  # in audio order
        ([(5, 0)], [(0, 0)]),  # inside the prefix: the first word
        ([(13, 0), (99, 500)], [(0, 0), (20, 500)]),  # never past the text
    ],
)
def test_word_events_become_offsets_into_the_text(events, expected):
    from briefing.tts.pyttsx3_engine import word_marks

    assert word_marks(events, 12, 20) == expected


@pytest.mark.integration
@pytest.mark.skipif(not __import__("shutil").which("mbrola"), reason="no mbrola on this system")
def test_mbrola_voice_plays_at_the_right_speed(engine, tmp_path):  # pragma: no cover - needs mbrola
    text = "The committee will meet again on Thursday to review the proposal in detail."
    durations = {}
    for voice in ("en-us", "mb-us1"):
        path = tmp_path / f"{voice}.wav"
        engine.synthesize(text, _profile(voice, 170), path)
        with wave.open(str(path)) as wav:
            durations[voice] = wav.getnframes() / wav.getframerate()
    assert 0.75 < durations["mb-us1"] / durations["en-us"] < 1.33
