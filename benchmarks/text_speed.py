"""Benchmark: the text stages take time in proportion to their input, whatever it is.

    python benchmarks/text_speed.py                 # news text from ../shared/eval/news-dev.jsonl
    python benchmarks/text_speed.py --data news.jsonl --megabytes 2

A hostile or broken article can be one paragraph of a megabyte (under the 2 MB
file limit) or a 5 MB feed item: a splitter that re-scanned the rest of the
paragraph at every candidate boundary took 43 s on 326 kB and never finished a
megabyte. This prints, in one run:

- the sentence splitter on real news text joined into ONE paragraph of 1 MB
  (target: under 2 s), against the baseline of the same text in its own short
  paragraphs (the ratio shows what one long paragraph costs beyond its length);
- how the time grows from 1/8 of the text to all of it (seconds per MB at each
  size: a linear stage keeps it flat, a quadratic one multiplies it by 8);
- the same for hostile text (a megabyte of full stops, of "a.", of "U.S. ",
  of spaces, of digits, and a dozen units drawn from the same nasty pieces as the
  property tests) through the splitter, the paragraph rules and the spoken form,
  each as seconds per MB at 1/8 and at full size (the tests only bound the time:
  ratios of timings belong here, where the machine's load cannot fail a test);
- a whole article file of that megabyte read and summarised (the article is cut
  to ``MAX_ARTICLE_CHARS`` first).

Times are the least of three runs, in this process's CPU time (other work on the
machine only adds time, and less of it to CPU time than to the clock); the 1/8 text
is run eight times in a row, so that both sides of a growth ratio time the same
amount of text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "news-dev.jsonl"
sys.path.insert(0, str(ROOT))

HOSTILE = {
    "full stops": ".",
    "'a.' repeated": "a.",
    "'U.S. ' repeated": "U.S. ",
    "'Dr. x' repeated": "Dr. x ",
    "spaces": " ",
    "digits": "20",
    "'a-' repeated": "a-",
    "quotes and ellipses": "”\u00a0…1,000",
    "numbers and addresses": "-53.52024Q3  http://I",
}

#: Pieces that sit at or near every decision of the splitter and the address rules:
#: besides the units above, ``RANDOM_UNITS`` units of up to 12 of them, drawn with a
#: fixed seed (the same every run), as tests/test_properties.py draws them for its
#: hang bounds. That test only bounds the time; the growth is measured here.
NASTY_PIECES = [
    ".", "!", "?", "...", "…", " ", "  ", "a", "A", "U.S.", "Dr.", "No.", "1", "3.5",
    '"', "“", "”", "'", "(", ")", "[", "-", "a.", "www.", "http://", "x.com", "@",
]  # fmt: skip
RANDOM_UNITS = 12


def random_units(count: int = RANDOM_UNITS, seed: int = 24) -> dict[str, str]:
    rng = random.Random(seed)
    units = {}
    for _ in range(count):
        unit = "".join(rng.choice(NASTY_PIECES) for _ in range(rng.randint(1, 12)))
        units[repr(unit)[:20]] = unit
    return units


#: The most seconds per MB may grow from 1/8 of a text to all of it (timer noise and
#: caches allow some growth; a quadratic stage multiplies it by 8).
GROWTH_TARGET = 2.5


def least(function: Callable[[str], object], text: str, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        function(text)
        best = min(best, time.process_time() - start)
    return best


def times(function: Callable[[str], object], count: int) -> Callable[[str], object]:
    """``function`` run ``count`` times in a row on the same text."""
    return lambda text: [function(text) for _ in range(count)]


def news_text(data: Path, size: int) -> list[str]:
    """Paragraphs of real articles, repeated until they hold ``size`` characters."""
    paragraphs: list[str] = []
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            body = item.get("article") or item.get("text") or ""
            paragraphs.extend(p for p in body.split("\n") if p.strip())
    if not paragraphs:
        raise SystemExit(f"{data}: no article text in it")
    out, total = [], 0
    while total < size:
        for paragraph in paragraphs:
            out.append(paragraph)
            total += len(paragraph) + 1
            if total >= size:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a news JSONL file")
    parser.add_argument("--megabytes", type=float, default=1.0, help="size of the long text")
    args = parser.parse_args()
    if not args.data.is_file():
        raise SystemExit(
            f"{args.data}: no such file. Give a JSONL file of news articles with --data "
            "(each line an object with an 'article' or 'text' field)."
        )

    from briefing.sources.files import MAX_ARTICLE_CHARS, parse_article
    from briefing.speech import to_spoken
    from briefing.summarize import summarize_article
    from briefing.text import clean_paragraph, split_sentences

    size = int(args.megabytes * 1_000_000)
    paragraphs = news_text(args.data, size)
    one = " ".join(paragraphs)
    many = "\n\n".join(paragraphs)
    print(f"News text: {len(one):,} characters from {args.data.name}")
    long_s = least(split_sentences, one)
    short_s = least(split_sentences, many)
    limit = 2.0 * args.megabytes
    target = "met" if long_s < limit else "MISSED"
    print(f"  split as one paragraph   {long_s:7.3f} s   (target < {limit:g} s: {target})")
    print(f"  split as {len(paragraphs):,} paragraphs {short_s:7.3f} s   (baseline)")
    print(f"  ratio one / many         {long_s / short_s:7.2f}")
    print("  growth, seconds per MB at 1/8, 1/4, 1/2 and all of it:")
    rates = []
    for part in (8, 4, 2, 1):
        piece = one[: len(one) // part]
        rates.append(least(split_sentences, piece) / (len(piece) / 1e6))
    print(
        "    "
        + "  ".join(f"{r:.3f}" for r in rates)
        + f"   (last / first: {rates[-1] / rates[0]:.2f})"
    )

    print(f"\nHostile text, {size:,} characters (seconds per MB at 1/8 -> all; ratio):")
    stages = {
        "split": split_sentences,
        "clean": clean_paragraph,
        "spoken": to_spoken,
    }
    worst = 0.0
    for name, unit in {**HOSTILE, **random_units()}.items():
        text = (unit * (size // len(unit) + 1))[:size]
        cells = []
        for stage, function in stages.items():
            small = text[: size // 8]
            small_rate = max(least(times(function, 8), small, 2), 1e-4) / (8 * len(small) / 1e6)
            large_rate = least(function, text, 2) / (len(text) / 1e6)
            worst = max(worst, large_rate / small_rate)
            cells.append(
                f"{stage} {small_rate:6.3f} -> {large_rate:6.3f} ({large_rate / small_rate:4.2f})"
            )
        print(f"  {name:<20} " + "   ".join(cells))
    verdict = "met" if worst < GROWTH_TARGET else "MISSED"
    print(
        f"  worst growth of seconds per MB, 1/8 -> all: {worst:.2f} (linear: 1; quadratic: 8; "
        f"target < {GROWTH_TARGET:g}: {verdict})"
    )

    article = "One long paragraph\n\n" + one
    start = time.perf_counter()
    parsed = parse_article(article, "one-megabyte.txt")
    story = summarize_article(parsed)
    took = time.perf_counter() - start
    print(
        f"\nA {len(article):,}-character article file, read (cut to {MAX_ARTICLE_CHARS:,} "
        f"characters) and summarised: {took:.3f} s; {len(story.sentences)} sentences."
    )


if __name__ == "__main__":
    main()
