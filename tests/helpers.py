"""Helpers the tests share: fixture paths, decoding and measuring audio, the
environment of a briefing subprocess, store entries and write faults.

Plain functions and classes only; pytest fixtures live in ``conftest.py``, fake
engines in ``fakes.py`` (which render worker processes import by name).
"""

from __future__ import annotations

import array
import builtins
import datetime as dt
import errno
import io
import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from briefing.files import LOCK_NAME
from briefing.models import Chapter, SegmentKind
from briefing.publish.store import EpisodeEntry
from briefing.voices import VoiceProfile

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


def wait_for(condition: Callable[[], object], timeout_s: float = 60.0) -> bool:
    """Whether ``condition()`` came true, asked every 20 ms until ``timeout_s``
    (a bound against hanging, far above what a busy machine takes, not a timing)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def mp3_names(folder: Path) -> list[str]:
    """The names of the MP3 files in ``folder``; none when there is no such folder."""
    return sorted(p.name for p in folder.glob("*.mp3")) if folder.is_dir() else []


def episode_file(out: Path, date: str | dt.date, kind: str = "audio") -> Path:
    """A file of the date's episode in ``out``, by the name the store gives it (the
    name carries the MP3's content): ``kind`` is "audio" (the MP3), "script", "vtt",
    "srt" or "chapters"."""
    from briefing.publish.store import load_store

    day = dt.date.fromisoformat(str(date))
    (found,) = [e for e in load_store(out).episodes if e.date == day]
    return out / getattr(found, kind)


def episode_names(out: Path, date: str | dt.date) -> list[str]:
    """The names of every file of the date's episode in ``out``, sorted."""
    return sorted(episode_file(out, date, kind).name for kind in EPISODE_KINDS)


#: The files of an episode, as ``EpisodeEntry`` names them.
EPISODE_KINDS = ("audio", "script", "vtt", "srt", "chapters")


def entry(day: int, guid: str = "", title: str = "Episode") -> EpisodeEntry:
    """The store's record of an episode of 2026-11-``day``, with one story."""
    date = dt.date(2026, 11, day)
    return EpisodeEntry(
        guid=guid or f"guid-{day}",
        date=date,
        title=f"{title} {day}",
        published=dt.datetime(2026, 11, day, 6, 0, tzinfo=dt.UTC),
        audio=f"briefing-{date}.mp3",
        bytes=1000 + day,
        duration_ms=60_000,
        description="Rundown",
        stories=(Chapter("Story", SegmentKind.STORY, 1000, 30_000, "a.txt"),),
        chapters=f"briefing-{date}.chapters.json",
        vtt=f"briefing-{date}.vtt",
        srt=f"briefing-{date}.srt",
        script=f"briefing-{date}.txt",
    )


class WriteFaults:
    """Opens for writing under ``folder`` that fail with ``code``: the ``fail``-th
    one (counting from 1), or every one when ``fail`` is None. A full disk
    (ENOSPC, EDQUOT) creates the file before it fails, as the real one does."""

    def __init__(self, folder: Path, code: int, fail: int | None = None) -> None:
        self.folder = folder.resolve()
        self.code = code
        self.fail = fail
        self.count = 0
        self.opened: list[str] = []
        self._open = io.open

    def __enter__(self) -> WriteFaults:
        self._patch = pytest.MonkeyPatch()
        self._patch.setattr(io, "open", self)
        self._patch.setattr(builtins, "open", self)
        return self

    def __exit__(self, *_: object) -> None:
        self._patch.undo()

    def __call__(self, file, mode="r", *args, **kwargs):
        if (
            isinstance(file, (str, os.PathLike))
            and any(c in mode for c in "wax+")
            and Path(file).resolve().is_relative_to(self.folder)
            and Path(file).name != LOCK_NAME
        ):
            self.count += 1
            self.opened.append(Path(file).name)
            if self.fail is None or self.count == self.fail:
                if self.code in (errno.ENOSPC, errno.EDQUOT):
                    self._open(file, "ab").close()
                raise OSError(self.code, os.strerror(self.code), str(file))
        return self._open(file, mode, *args, **kwargs)


def speech_seconds(path) -> float:
    """From the first to the last sound above 2% of the peak."""
    import wave

    import numpy as np

    with wave.open(str(path)) as wav:
        x = np.abs(np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(float))
        rate = wav.getframerate()
    loud = np.flatnonzero(x > 0.02 * x.max())
    return (loud[-1] - loud[0]) / rate


#: A profile on the tone engine (``tests.fakes:ToneEngine``), which render workers can load.
TONE = VoiceProfile(name="beeper", engine="tone", voice="beep", rate=180)


def tone_specs(texts, profile: VoiceProfile = TONE) -> list:
    """Story-like blocks, one per text, outside any script."""
    from briefing.render import AudioSettings, BlockSpec, block_key

    settings = AudioSettings()
    return [
        BlockSpec(
            "story", i, f"Story {i}", (100, "speech", 100), (text,), profile, settings,
            block_key((100, "speech", 100), text, profile, "tone", settings),
        )
        for i, text in enumerate(texts)
    ]  # fmt: skip


# -- shows for the batch tests ---------------------------------------------------

TOPICS = [
    ("Harbour bridge reopens after repairs", "The harbour bridge reopened to traffic on "
     "Monday after eight months of repairs that cost the city twelve million euros."),
    ("Library extends opening hours", "The central library will stay open until midnight "
     "for six weeks to help students preparing for their exams, its director said."),
    ("Council approves new cycle lanes", "The city council approved forty kilometres of "
     "new cycle lanes on Wednesday, to be built over the next three years."),
    ("River festival draws record crowds", "More than ninety thousand people came to the "
     "river festival at the weekend, the largest crowd in its twenty-year history."),
    ("Hospital opens new children's ward", "The general hospital opened a new children's "
     "ward with thirty beds on Thursday, paid for by a regional health grant."),
]  # fmt: skip


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, (title, lead) in enumerate(TOPICS):
        path = folder / f"story-{number}.txt"
        path.write_text(
            f"{title}\n\n{lead} Officials said the work had gone to plan.\n\n"
            "Residents welcomed the news, a spokesperson said.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def write_show(folder: Path, name: str, sources: list[str], *, extra: str = "") -> Path:
    """A show file: its title, sources, the tone voice and its own output folder."""
    lines = [f'[show]\ntitle = "{name.title()} News"\n', f'[output]\nfolder = "out-{name}"\n',
             '[briefing]\nvoices = ["anchor"]\nsince = "5000w"\n', extra]  # fmt: skip
    for source in sources:
        key = "url" if source.startswith("http") else "path"
        lines.append(f'[[sources]]\n{key} = "{source}"\n')
    path = folder / f"{name}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def load_benchmark(name: str):
    """A module of benchmarks/ (not a package), loaded by its path as ``name``."""
    import importlib.util
    import sys

    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# --- Spoken lines ------------------------------------------------------------------

#: Words that carry no content when two spoken lines are compared.
_STOPWORDS = frozenset(
    "a an the of to in on at for and or but by with from as is are was were be been "
    "its it this that after before over into than then who which what says said".split()
)


def _spoken_words(text: str) -> list[str]:
    return re.findall(r"[\w$€£%]+(?:['’.-][\w]+)*", text.casefold())


def says_again(before: str, after: str) -> bool:
    """Whether ``after`` says ``before`` again, as a headline and its lead do: it starts
    with its words, or has 80% of its content words (a line of fewer than three words
    is a label, never said again)."""
    head, body = _spoken_words(before.rstrip("…")), _spoken_words(after)
    if len(head) < 3:
        return False
    if body[: len(head)] == head:
        return True
    content = {w for w in head if w not in _STOPWORDS}
    return len(content) >= 3 and len(content & set(body)) >= 0.8 * len(content)


def spoken_canonical(text: str, same: Mapping[str, str] | None = None) -> str:
    """What a listener hears in ``text``, for comparing spoken forms (the normaliser
    benchmark's canonical form): lower case, hyphens and dashes as spaces, only letters
    and digits, "and" dropped, each word as ``same`` says it; padded with spaces so that a
    whole phrase can be looked for with ``in``."""
    text = text.lower().replace("-", " ").replace("—", " ").replace("–", " ")
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    same = same or {}
    return " " + " ".join(same.get(w, w) for w in text.split() if w != "and") + " "
