"""Benchmark: does speech normalisation make the news easier to understand?

Each news paragraph below is rendered by every available voice twice: as
written, and after ``briefing.speech.to_spoken``. Two measures, both against
the words a newsreader would say (written by hand for each paragraph):

- what a listener gets: pocketsphinx (its English model ships in the package)
  transcribes the audio, and jiwer computes the word error rate;
- what the voice says: the phonemes espeak-ng makes of the text it is given
  (``espeak-ng -x``; piper uses the same phonemizer) against the phonemes of
  the intended words, as a phoneme error rate. It does not depend on a
  recogniser, which reads espeak-ng's formant voices poorly (error rates near
  0.8 whatever the text).

    python benchmarks/intelligibility.py            # every voice that is installed
    python benchmarks/intelligibility.py --voice anchor

Needs the bench extra: pip install -e '.[bench]' (pocketsphinx, jiwer).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Original news-style paragraphs (written for this benchmark), full of what
#: text-to-speech gets wrong, each with the words a newsreader would say, written
#: by hand (not by briefing, so that the reference does not favour its output).
PARAGRAPHS = [
    (
        "The company reported a loss of $4.5bn for 2024, up 40% on the year before, and said "
        "its chief executive would step down on Nov. 25.",
        "The company reported a loss of four point five billion dollars for twenty twenty-four, "
        "up forty percent on the year before, and said its chief executive would step down on "
        "November twenty-fifth.",
    ),
    (
        "Dr. Helen Park told the U.N. committee that 1.2 million people had been displaced "
        "since March 3, 2023, and that aid flights would resume at 5:30 p.m. on Friday.",
        "Doctor Helen Park told the U N committee that one point two million people had been "
        "displaced since March third, twenty twenty-three, and that aid flights would resume at "
        "five thirty p m on Friday.",
    ),
    (
        "Temperatures reached 41°C in the capital, the highest since 1998, and the NHS "
        "asked people to avoid travel between 11am and 4pm.",
        "Temperatures reached forty-one degrees Celsius in the capital, the highest since "
        "nineteen ninety-eight, and the N H S asked people to avoid travel between eleven a m "
        "and four p m.",
    ),
    (
        "The FBI and NATO officials met for 3 hours at No. 10, where Gen. Ortiz said the "
        "plan would cost about £300m over 2025-2027.",
        "The F B I and NATO officials met for three hours at number ten, where General Ortiz "
        "said the plan would cost about three hundred million pounds over twenty twenty-five to "
        "twenty twenty-seven.",
    ),
    (
        "The new line is 4.2 km long, trains will run at up to 120 km/h, and fares will rise "
        "by 12.5% to €2.40 from the 1st of April.",
        "The new line is four point two kilometres long, trains will run at up to one hundred "
        "and twenty kilometres per hour, and fares will rise by twelve point five percent to "
        "two euros forty from the first of April.",
    ),
    (
        "Shares of Acme Corp. fell 3.2% after the CEO said 2nd-quarter profit of $1.50 a "
        "share was below the 7% growth the market expected.",
        "Shares of Acme Corporation fell three point two percent after the C E O said second "
        "quarter profit of one dollar fifty a share was below the seven percent growth the "
        "market expected.",
    ),
]


def fail(message: str) -> None:
    print(f"benchmark: {message}", file=sys.stderr)
    sys.exit(2)


def words_of(text: str) -> str:
    """Lower-case words only, as a recogniser writes them."""
    text = text.lower().replace("-", " ")
    return " ".join(re.findall(r"[a-z']+", text))


def read_16k(path: Path) -> bytes:
    import numpy as np
    from scipy.signal import resample_poly

    with wave.open(str(path)) as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(float)
    if rate != 16000:
        from math import gcd

        g = gcd(16000, rate)
        samples = resample_poly(samples, 16000 // g, rate // g)
    return samples.clip(-32768, 32767).astype("<i2").tobytes()


def transcribe(decoder, path: Path) -> str:
    decoder.start_utt()
    decoder.process_raw(read_16k(path), full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return hypothesis.hypstr if hypothesis else ""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--voice", action="append", help="voice profile(s) [every installed one]")
    args = parser.parse_args()
    try:
        import jiwer
        from pocketsphinx import Decoder
    except ImportError:
        fail("needs pocketsphinx and jiwer: pip install -e '.[bench]'")
    sys.path.insert(0, str(ROOT))
    from briefing.errors import BriefingError
    from briefing.speech import to_spoken
    from briefing.tts import get_engine
    from briefing.voices import list_profiles

    profiles = [p for p in list_profiles() if not args.voice or p.name in args.voice]
    decoder = Decoder(samprate=16000, loglevel="FATAL")
    intended = [words_of(spoken) for _, spoken in PARAGRAPHS]
    print("intelligibility against the intended words (written by hand for each paragraph)")
    print(f"{len(PARAGRAPHS)} news paragraphs, {sum(len(i.split()) for i in intended)} words\n")
    phonemes_report(intended, [p for p, _ in PARAGRAPHS], to_spoken)
    print("\nword error rate of pocketsphinx on the rendered audio:")
    print(f"  {'voice':<15} {'engine':<9} {'as written':>11} {'normalised':>11} {'change':>8}")
    with tempfile.TemporaryDirectory(prefix="briefing-wer-") as tmp:
        for profile in profiles:
            try:
                engine = get_engine(profile.engine)
                engine.check_voice(profile)
            except BriefingError as exc:
                print(f"  {profile.name:<15} skipped: {exc}")
                continue
            start = time.perf_counter()
            written, normalised = [], []
            for index, (paragraph, _) in enumerate(PARAGRAPHS):
                spoken = to_spoken(paragraph)
                for text, results in ((paragraph, written), (spoken, normalised)):
                    path = Path(tmp) / f"{profile.name}-{index}-{len(results)}.wav"
                    engine.synthesize(text, profile, path)
                    results.append(words_of(transcribe(decoder, path)))
            before = jiwer.wer(intended, written)
            after = jiwer.wer(intended, normalised)
            change = (after - before) / before if before else 0.0
            print(
                f"  {profile.name:<15} {profile.engine:<9} {before:>11.3f} {after:>11.3f} "
                f"{change:>+8.0%}   ({time.perf_counter() - start:.0f} s)"
            )
    print("\ntarget: normalisation lowers the error rate by at least 20% (relative) on each voice")


def phonemes(text: str, voice: str) -> str:
    """espeak-ng's phonemes for a text (its -x output), words run together."""
    import shutil
    import subprocess

    result = subprocess.run(
        [shutil.which("espeak-ng") or "espeak-ng", "-q", "-x", "-v", voice, text],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return " ".join(result.stdout.split())


def phonemes_report(intended: list[str], written: list[str], to_spoken) -> None:
    """Phoneme error rate of what espeak-ng says, per espeak voice of the profiles."""
    import shutil

    import jiwer

    if not shutil.which("espeak-ng"):
        print("phonemes: skipped (needs the espeak-ng command: sudo apt-get install espeak-ng)")
        return
    print("phoneme error rate of what the voice says (espeak-ng's phonemizer):")
    print(f"  {'espeak voice':<15} {'as written':>11} {'normalised':>11} {'change':>8}")
    for voice in ("en-us", "en-gb-x-rp"):
        reference = [phonemes(t, voice) for t in intended]
        raw = [phonemes(t, voice) for t in written]
        normal = [phonemes(to_spoken(t), voice) for t in written]
        before, after = jiwer.cer(reference, raw), jiwer.cer(reference, normal)
        change = (after - before) / before if before else 0.0
        print(f"  {voice:<15} {before:>11.3f} {after:>11.3f} {change:>+8.0%}")


if __name__ == "__main__":
    main()
