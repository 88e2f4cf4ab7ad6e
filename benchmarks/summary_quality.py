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


def cut_words(sentences: list[str], budget: int) -> list[str]:
    """``sentences`` cut to ``budget`` words in all (Lead-3 at the spoken budget)."""
    out, left = [], budget
    for sentence in sentences:
        if left <= 0:
            break
        tokens = sentence.split()
        out.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return out


def load_listener_check():
    """benchmarks/listener_check.py (detectors written apart from the summarizer's filters)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "listener_check", Path(__file__).resolve().parent / "listener_check.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="JSONL with text and reference"
    )
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap rounds [1000]")
    parser.add_argument("--no-sumy", action="store_true", help="skip the sumy baselines")
    parser.add_argument("--show", type=int, default=20, help="summaries printed for a person [20]")
    parser.add_argument("--seed", type=int, default=0, help="which summaries are printed [0]")
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

    listener = load_listener_check()
    items = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    rouge = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    spoken = [summarize(i["text"], title=i.get("title")) for i in items]
    budgets = [sum(len(s.split()) for s in summary) for summary in spoken]
    systems: dict[str, Callable[[int, str], list[str]]] = {
        "briefing @3": lambda n, t: summarize(t, title=items[n].get("title"), max_sentences=3),
        "Lead-3": lambda n, t: split_sentences(t)[:3],
    }
    if not args.no_sumy:
        lexrank, textrank = sumy_system("lexrank"), sumy_system("textrank")
        systems["LexRank @3 (sumy)"] = lambda n, t: lexrank(t)
        systems["TextRank @3 (sumy)"] = lambda n, t: textrank(t)
    systems["briefing default"] = lambda n, t: spoken[n]
    systems["Lead-3 cut to budget"] = lambda n, t: cut_words(split_sentences(t)[:3], budgets[n])
    baseline = {"briefing default": "Lead-3 cut to budget"}

    scores: dict[str, list[dict[str, float]]] = {name: [] for name in systems}
    for n, item in enumerate(items):
        reference = "\n".join(item.get("reference_sentences") or split_sentences(item["reference"]))
        for name, system in systems.items():
            result = rouge.score(reference, "\n".join(system(n, item["text"])))
            scores[name].append({m: result[m].fmeasure * 100 for m in METRICS})

    groups = {}
    for index, item in enumerate(items):
        source = item.get("source", "all").split("/")[0]
        groups.setdefault(source, []).append(index)
        half = split_of(item.get("id", str(index)))
        groups.setdefault(f"{source} (half {half})", []).append(index)

    print(f"summary quality on {args.data} ({len(items)} articles); ROUGE F1 x 100")
    print(
        f"paired bootstrap 95% intervals of the difference to Lead-3 ({args.bootstrap} rounds);"
        " 'briefing default' against Lead-3 cut to the same number of words\n"
    )
    for group, indices in sorted(groups.items()):
        print(f"{group}: {len(indices)} articles")
        print(
            f"  {'system':<22}"
            + "".join(f"{m:>10}" for m in METRICS)
            + "   difference to its baseline [95% CI]"
        )
        for name in systems:
            row = [statistics.fmean(scores[name][i][m] for i in indices) for m in METRICS]
            line = f"  {name:<22}" + "".join(f"{v:>10.2f}" for v in row)
            base = baseline.get(name, "Lead-3")
            if name not in ("Lead-3", "Lead-3 cut to budget"):
                parts = []
                for m in METRICS[:2]:
                    diffs = [scores[name][i][m] - scores[base][i][m] for i in indices]
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
    for item, summary in zip(items, spoken, strict=True):
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

    print(
        "listener's check (benchmarks/listener_check.py, detectors apart from the summarizer's"
        " filters), default spoken budget:"
    )
    found = [
        listener.problems(summary, item.get("title"))
        for item, summary in zip(items, spoken, strict=True)
    ]
    lead_found = [
        listener.problems(cut_words(split_sentences(i["text"])[:3], b), i.get("title"))
        for i, b in zip(items, budgets, strict=True)
    ]
    print(f"  {'problem':<26}{'briefing':>10}{'Lead-3 cut':>12}   (summaries with it)")
    for kind in listener.KINDS:
        mine = sum(kind in f for f in found)
        lead = sum(kind in f for f in lead_found)
        print(f"  {kind:<26}{mine:>10}{lead:>12}")
    with_any = sum(bool(f) for f in found)
    print(
        f"  summaries with any problem: {with_any} of {len(items)}"
        f" ({25 * with_any / max(1, len(items)):.2f} in 25);"
        f" Lead-3 cut: {sum(bool(f) for f in lead_found)}"
    )
    rng = random.Random(args.seed)
    shown = sorted(rng.sample(range(len(items)), min(args.show, len(items))))
    print(f"\n{len(shown)} summaries for a person to read (--seed {args.seed}):")
    for n in shown:
        flags = ", ".join(found[n]) or "no problem found"
        print(f"- {items[n].get('id')} [{flags}]")
        for sentence in spoken[n]:
            print(f"    {sentence}")
    print()

    texts = [items[i % len(items)]["text"] for i in range(1000)]
    start = time.process_time()
    for text in texts:
        summarize(text, max_sentences=3)
    cpu = time.process_time() - start
    print(
        f"speed: 1,000 summaries in {cpu:.2f} s of CPU on one core ({cpu:.2f} ms each,"
        f" {1000 / cpu:.0f} articles a second; target >= 200)"
    )


if __name__ == "__main__":
    main()
