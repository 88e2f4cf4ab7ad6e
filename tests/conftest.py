from __future__ import annotations

import array
import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing import tts

from .fakes import SilentEngine

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-reuters-assad.txt"


def ffmpeg_exe() -> str:
    """An ffmpeg to decode MP3s independently of briefing: the system's or imageio-ffmpeg's."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def decode_mp3(path: Path, rate: int = 22050) -> array.array:
    """Decode an MP3 with ffmpeg to mono 16-bit samples at ``rate``."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(path),
         "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"],
        capture_output=True, check=True,
    )  # fmt: skip
    samples = array.array("h")
    samples.frombytes(result.stdout)
    return samples


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's ebur128 filter,
    a meter independent of the one briefing uses."""
    import re

    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true",
         "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    summary = result.stderr[result.stderr.rfind("Summary:") :]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def rms(samples) -> float:
    if not len(samples):
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def window_rms(samples, rate: int, start_s: float, length_s: float) -> float:
    a, b = int(start_s * rate), int((start_s + length_s) * rate)
    return rms(samples[a:b])


def quiet_then_speech(samples, at_s: float, tolerance_s: float = 0.3) -> bool:
    """True when speech starts within ``tolerance_s`` of ``at_s``: a quiet 40 ms
    window shortly before (or at) it, and speech right after."""
    rate = 22050
    quiet = min(
        window_rms(samples, rate, at_s - tolerance_s + k * 0.02, 0.04)
        for k in range(int((tolerance_s + 0.05) / 0.02))
    )
    loud = max(
        window_rms(samples, rate, at_s + k * 0.02, 0.04) for k in range(int(tolerance_s / 0.02))
    )
    return quiet < 150 and loud > 800


def median_pitch_hz(path: Path) -> float:
    """Median fundamental frequency of the voiced 40 ms frames of a WAV (autocorrelation)."""
    import wave

    import numpy as np

    with wave.open(str(path)) as wav:
        rate = wav.getframerate()
        x = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(float)
    n = int(0.04 * rate)
    lo, hi = int(rate / 400), int(rate / 60)
    pitches = []
    for i in range(0, len(x) - n, n):
        frame = x[i : i + n] - x[i : i + n].mean()
        if np.sqrt((frame**2).mean()) < 500:
            continue
        ac = np.correlate(frame, frame, "full")[n - 1 :]
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.3 * ac[0]:
            pitches.append(rate / lag)
    return float(np.median(pitches))


@pytest.fixture(autouse=True, scope="session")
def _isolated_session_dirs(tmp_path_factory):
    """The same for module- and session-scoped fixtures, set up before the per-test ones."""
    home = tmp_path_factory.mktemp("session-user-dirs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
        patch.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))
        yield


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads the developer's own briefing.toml or writes their caches
    (HTTP, segments), nor shares a cache with another test."""
    home = tmp_path_factory.mktemp("user-dirs")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))


@pytest.fixture
def silent_voices(tmp_path, monkeypatch) -> SilentEngine:
    """Voice profiles 'anchor' and 'correspondent' that use the silent engine, and
    they are the default show (whatever engines are installed)."""
    engine = SilentEngine()
    tts.register_engine("silent", lambda: engine)
    folder = tmp_path / "silent-voices"
    folder.mkdir()
    for name, rate, display in (("anchor", 180, "Sam Reyes"), ("correspondent", 160, "Emma Ward")):
        (folder / f"{name}.toml").write_text(
            f'name = "{name}"\nengine = "silent"\nvoice = "quiet"\nrate = {rate}\n'
            f'display_name = "{display}"\n'
        )
    monkeypatch.setenv("BRIEFING_VOICES", str(folder))
    monkeypatch.setattr("briefing.voices.default_voices", lambda: ("anchor", "correspondent"))
    yield engine
    tts._REGISTRY.pop("silent", None)
    tts._INSTANCES.pop("silent", None)


@pytest.fixture(scope="session")
def eval_sample() -> list[dict]:
    with (FIXTURES / "eval-sample.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture
def articles_dir(tmp_path) -> Path:
    """A folder with two small, clean articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour bridge reopens after repairs\n\n"
        "The harbour bridge reopened to traffic on Monday after eight months of repairs "
        "that cost the city 12 million euros. Engineers replaced the deck and two of the "
        "main cables, the transport office said.\n\nTraffic is expected to return to normal "
        "within a week, officials said.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Library extends opening hours for exam season\n\n"
        "The central library will stay open until midnight for the next six weeks to help "
        "students preparing for exams, its director announced on Tuesday. The extra hours "
        "are paid for by a grant from the regional education fund.\n",
        encoding="utf-8",
    )
    return folder


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a briefing subprocess: no BRIEFING_ setting but the
    test's own cache folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BRIEFING_") or k == "BRIEFING_CACHE_DIR"
    }
    env.update(extra)
    return env
