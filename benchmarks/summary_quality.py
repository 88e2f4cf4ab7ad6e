"""Benchmark: summary quality against human references, speech-readiness, and speed.

    python benchmarks/summary_quality.py                    # ../shared/eval/news-dev.jsonl
    python benchmarks/summary_quality.py --data news.jsonl --bootstrap 2000

For each source in the file (cnn_dailymail, xsum): ROUGE-1/2/Lsum F1 (the
rouge-score package, Porter stemming, sentences joined by newlines) of

- ``summarize(text, max_sentences=3)`` (this project),
- Lead-3: the first three sentences, by the same splitter,
- sumy's LexRank and TextRank at three sentences (given this project's
  sentence splitter as their tokenizer, so nltk needs no download),
- ``summarize(text)`` at the default spoken budget (about 40-90 words),

with paired bootstrap 95% intervals for each system's difference to Lead-3.
Each source is also split in two fixed halves (A and B, by a hash of the item
id): the summarizer has no trained weights, but its few settings (the length
target, the filters) were chosen by experiments on this file, so the halves
show how stable a gain is. Then it counts, over the whole file, summaries that
are not ready to be spoken, and times 1,000 summaries on one core.

Needs the bench extra: ``pip install -e '.[bench]'`` (rouge-score, sumy).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "news-dev.jsonl"
METRICS = ("rouge1", "rouge2", "rougeLsum")


def fail(message: str) -> None:
    print(f"benchmark: {message}", file=sys.stderr)
    sys.exit(2)


class SplitterTokenizer:
    """sumy's tokenizer interface backed by briefing's sentence splitter (no nltk data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from briefing.text import split_sentences

        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", sentence))


def split_of(item_id: str) -> str:
    """A fixed half of the file, "A" or "B", by a hash of the item's id."""
    import hashlib

    return "A" if hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def sumy_system(kind: str) -> Callable[[str], list[str]]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    tokenizer = SplitterTokenizer()
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(
        Stemmer("english")
    )

    def run(text: str) -> list[str]:
        document = PlaintextParser.from_string(text, tokenizer).document
        return [str(s) for s in summarizer(document, 3)]

    return run


def bootstrap(diffs: list[float], rounds: int, seed: int = 7) -> tuple[float, float]:
    """95% interval of the mean of ``diffs`` by resampling articles."""
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def speech_problems(summary: list[str]) -> list[str]:
    """What in a summary must not be spoken (each check independent of the summarizer)."""
    from briefing.summarize import opens_with_unresolved_pronoun, quote_without_speaker
    from briefing.text import looks_like_caption

    text = " ".join(summary)
    problems = []
    if summary and opens_with_unresolved_pronoun(summary[0]):
        problems.append("opens with an unresolved pronoun")
    if any(looks_like_caption(s) for s in summary):
        problems.append("photo caption")
    if re.search(r"scroll down", text, re.I):
        problems.append("'Scroll down'")
    if re.search(r"click here", text, re.I):
        problems.append("'Click here'")
    if re.search(
        r"(^|\. )By [A-Z][a-z]+ [A-Z][a-z]+( and [A-Z][a-z]+ [A-Z][a-z]+)?\s*(\.|,|$)", text
    ):
        problems.append("byline")
    if re.search(r"^(\(CNN\)|[A-Z]{3,}[A-Z ,.]*\((Reuters|AP|AFP|CNN)\))", text):
        problems.append("dateline")
    if re.search(r"\((Reporting|Writing|Editing) by|contributed to this report", text, re.I):
        problems.append("credit line")
    if any(quote_without_speaker(s, i, summary) for i, s in enumerate(summary)):
        problems.append("quotation without its speaker")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="JSONL with text and reference"
    )
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap rounds [1000]")
    parser.add_argument("--no-sumy", action="store_true", help="skip the sumy baselines")
    args = parser.parse_args()
    if not args.data.is_file():
        fail(
            f"data file not found: {args.data}\n  Give one with --data PATH (JSON lines with "
            "'text' and 'reference'), e.g. the project's ../shared/eval/news-dev.jsonl."
        )
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        fail("needs rouge-score and sumy: pip install -e '.[bench]'")
    sys.path.insert(0, str(ROOT))
    from briefing.summarize import summarize
    from briefing.text import split_sentences

    items = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    systems: dict[str, Callable[[str], list[str]]] = {
        "briefing @3": lambda t: summarize(t, max_sentences=3),
        "Lead-3": lambda t: split_sentences(t)[:3],
    }
    if not args.no_sumy:
        systems["LexRank @3 (sumy)"] = sumy_system("lexrank")
        systems["TextRank @3 (sumy)"] = sumy_system("textrank")
    systems["briefing default"] = lambda t: summarize(t)

    scores: dict[str, list[dict[str, float]]] = {name: [] for name in systems}
    for item in items:
        reference = "\n".join(item.get("reference_sentences") or split_sentences(item["reference"]))
        for name, system in systems.items():
            result = scorer.score(reference, "\n".join(system(item["text"])))
            scores[name].append({m: result[m].fmeasure * 100 for m in METRICS})

    groups = {}
    for index, item in enumerate(items):
        source = item.get("source", "all").split("/")[0]
        groups.setdefault(source, []).append(index)
        half = split_of(item.get("id", str(index)))
        groups.setdefault(f"{source} (half {half})", []).append(index)

    print(f"summary quality on {args.data} ({len(items)} articles); ROUGE F1 x 100")
    print(f"paired bootstrap 95% intervals of the difference to Lead-3 ({args.bootstrap} rounds)\n")
    for group, indices in sorted(groups.items()):
        print(f"{group}: {len(indices)} articles")
        print(
            f"  {'system':<22}"
            + "".join(f"{m:>10}" for m in METRICS)
            + "   difference to Lead-3 [95% CI]"
        )
        lead = scores["Lead-3"]
        for name in systems:
            row = [statistics.fmean(scores[name][i][m] for i in indices) for m in METRICS]
            line = f"  {name:<22}" + "".join(f"{v:>10.2f}" for v in row)
            if name != "Lead-3":
                parts = []
                for m in METRICS[:2]:
                    diffs = [scores[name][i][m] - lead[i][m] for i in indices]
                    low, high = bootstrap(diffs, args.bootstrap)
                    parts.append(
                        f"{m[-1]}: {statistics.fmean(diffs):+.2f} [{low:+.2f}, {high:+.2f}]"
                    )
                line += "   " + "  ".join(parts)
            print(line)
        print()

    print("speech-ready output, whole file, default spoken budget:")
    counts: dict[str, int] = {}
    examples: dict[str, str] = {}
    for item in items:
        summary = summarize(item["text"])
        for problem in speech_problems(summary):
            counts[problem] = counts.get(problem, 0) + 1
            examples.setdefault(problem, f"{item.get('id')}: {' '.join(summary)[:160]}")
    for problem in (
        "opens with an unresolved pronoun", "photo caption", "'Scroll down'", "'Click here'",
        "byline", "dateline", "credit line", "quotation without its speaker",
    ):  # fmt: skip
        print(f"  {problem:<34} {counts.get(problem, 0):>4}")
        if problem in examples:
            print(f"      e.g. {examples[problem]}")
    print()

    texts = [items[i % len(items)]["text"] for i in range(1000)]
    start = time.process_time()
    for text in texts:
        summarize(text, max_sentences=3)
    cpu = time.process_time() - start
    print(f"speed: 1,000 summaries in {cpu:.2f} s of CPU on one core ({cpu:.2f} ms each)")


if __name__ == "__main__":
    main()
