"""Benchmark: briefing's summaries against the article's own lead, by ROUGE and by ear; and speed.

    python benchmarks/summary_quality.py                  # dev, 5-fold CV, speed, 25 to read
    python benchmarks/summary_quality.py --no-sumy --read 0
    python benchmarks/summary_quality.py --read 25 --seed 3 --read-out read.txt

The honest yardstick of issue 25: a summary is compared with the lead at the same length.

1. ROUGE-1/2 F1 x 100 against the human references (rouge-score, Porter stemming,
   sentences joined by newlines), at three settings:

   - the default budget, ``summarize(text, title=...)``, against the article's first
     sentences cut to exactly the summary's number of (whitespace) words, mid-sentence
     (a cut at whole sentences is longer and flatters one side), and against the
     *cleaned* lead (the sentences briefing may use, ``usable_sentences``) cut the same way;
   - 80 words, ``summarize(..., max_words=80)`` (the top story, a single-story show),
     against the same two baselines;
   - three sentences, ``summarize(..., max_sentences=3)``, against Lead-3 (the first
     three sentences by ``briefing.text.split_sentences``), the cleaned lead's first
     three and, unless ``--no-sumy``, sumy's LexRank and TextRank.

   Each baseline's row gives briefing's score minus its own, paired by article, with a
   bootstrap 95% interval (articles resampled). On ``--data`` (dev, for reporting only)
   per source; on ``--train`` by 5-fold cross-validation, folds by a hash of the id: the
   summarizer has no trained parameters, so each fold is an evaluation of its held-out
   articles, and the rows give the pooled difference with its interval and the range of
   the five fold means.
2. The listener's check (``listener_check.py``, written apart from the summarizer's
   rules) on the default summaries and on the raw and the cleaned lead, each cut at
   whole sentences to about the summary's length (the fewest whole sentences reaching
   its words: a cut mid-sentence always dangles): summaries with each kind of problem,
   and with any, as N in 25; on dev and on the whole training file.
3. Speed: articles a second on one core, ``summarize`` at the default budget over
   distinct texts with its cache cleared (target >= 200).
4. ``--read N``: N summaries drawn from the training file (never dev: rules must not be
   tuned on what is reported), each with its headline and the article's first words,
   for a person to read.

Needs the bench extra: ``pip install -e '.[bench]'`` (rouge-score, sumy).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib.util
import inspect
import json
import random
import re
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
FOLDS = 5
#: Settings compared by ROUGE, in display order (briefing's row first in each).
ROUGE_SETTINGS = ("default budget", "80 words", "3 sentences")
BRIEFING = "briefing"
#: What the listener's check hears: briefing, and the leads cut at whole sentences.
LISTENED = (BRIEFING, "raw lead", "cleaned lead")
READ_WORDS = 120

Item = dict[str, Any]
Summaries = dict[str, dict[str, list[str]]]


def fail(message: str) -> NoReturn:
    """Say what is wrong in one line and stop (exit status 2)."""
    print(f"summary_quality: {message}", file=sys.stderr)
    sys.exit(2)


# --------------------------------------------------------------------------
# Pure helpers: groups, folds, cuts, intervals
# --------------------------------------------------------------------------


def group_of(item: Item) -> str:
    """The source group of an item: cnn_dailymail, xsum or bbc."""
    source = str(item.get("source") or "all").split("/")[0]
    return "bbc" if source.startswith("bbc") else source


def fold_of(item_id: str, folds: int = FOLDS) -> int:
    """The cross-validation fold of an item, by a hash of its id (stable across runs)."""
    digest = hashlib.sha256(item_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % folds


def word_total(sentences: Sequence[str]) -> int:
    """Whitespace words in all of ``sentences``."""
    return sum(len(sentence.split()) for sentence in sentences)


def cut_words(sentences: Sequence[str], count: int) -> list[str]:
    """The first ``count`` whitespace words of ``sentences``, cut mid-sentence where the
    count runs out (fewer only when the sentences have fewer)."""
    out: list[str] = []
    left = count
    for sentence in sentences:
        if left <= 0:
            break
        tokens = sentence.split()
        if tokens:
            out.append(" ".join(tokens[:left]))
            left -= len(tokens)
    return out


def whole_sentences(sentences: Sequence[str], count: int) -> list[str]:
    """The fewest first ``sentences``, whole, that reach ``count`` whitespace words."""
    out: list[str] = []
    total = 0
    for sentence in sentences:
        if total >= count:
            break
        out.append(sentence)
        total += len(sentence.split())
    return out


def bootstrap_interval(diffs: Sequence[float], rounds: int, seed: int = 7) -> tuple[float, float]:
    """95% interval of the mean of paired ``diffs`` (one an article), articles resampled."""
    values = np.asarray(diffs, dtype=float)
    if not len(values):
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(rounds, len(values)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def signed(value: float, low: float, high: float) -> str:
    """'+0.12 [-0.30, +0.55]'."""
    return f"{value:+.2f} [{low:+.2f}, {high:+.2f}]"


# --------------------------------------------------------------------------
# Data, the listener's check, sumy, ROUGE
# --------------------------------------------------------------------------


def load_items(path: Path, option: str) -> list[Item]:
    """The JSON lines of ``path``; one line and exit 2 when it is missing."""
    if not path.is_file():
        fail(f"data file not found: {path} (give one with {option} PATH)")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_listener_check() -> ModuleType:
    """benchmarks/listener_check.py (detectors written apart from the summarizer's rules)."""
    spec = importlib.util.spec_from_file_location(
        "listener_check", Path(__file__).resolve().parent / "listener_check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("listener_check", module)
    spec.loader.exec_module(module)
    return module


def listener(module: ModuleType) -> tuple[Callable[[list[str], Item], list[str]], bool]:
    """``check(summary, item) -> kinds``, and whether the check is given the article text
    (``problems(summary, headline, article=...)``; an older check takes no article)."""
    parameters = inspect.signature(module.problems).parameters.values()
    takes_article = any(
        p.name == "article" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters
    )

    def check(summary: list[str], item: Item) -> list[str]:
        if takes_article:
            return list(module.problems(summary, item.get("title"), article=item["text"]))
        return list(module.problems(summary, item.get("title")))

    return check, takes_article


class SplitterTokenizer:
    """sumy's tokenizer interface backed by briefing's sentence splitter (no nltk data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from briefing.text import split_sentences

        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", sentence))


def sumy_system(kind: str) -> Callable[[str], list[str]]:
    """sumy's LexRank or TextRank at three sentences."""
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


def sumy_systems(wanted: bool) -> dict[str, Callable[[str], list[str]]]:
    """sumy's LexRank and TextRank by name, or none."""
    if not wanted:
        return {}
    return {"LexRank (sumy)": sumy_system("lexrank"), "TextRank (sumy)": sumy_system("textrank")}


def rouge_scorer_cached() -> Any:
    """rouge-score's ROUGE-1/2 with its own Porter-stemming tokenizer, each text tokenized
    once: an article's reference is scored against a dozen systems."""
    from rouge_score import rouge_scorer, tokenizers

    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    tokenizer.tokenize = functools.lru_cache(maxsize=256)(tokenizer.tokenize)
    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], tokenizer=tokenizer)


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------


def summaries_of(item: Item, sumy: dict[str, Callable[[str], list[str]]]) -> Summaries:
    """Every summary measured for one article: {setting: {system: sentences}}, the ROUGE
    settings and "listener" (briefing's default summary and the leads in whole sentences)."""
    from briefing.summarize import summarize, usable_sentences
    from briefing.text import split_sentences

    text, title = item["text"], item.get("title")
    raw = split_sentences(text)
    cleaned = [sentence.text for sentence in usable_sentences(text, title)]
    out: Summaries = {}
    for setting, limit in (("default budget", {}), ("80 words", {"max_words": 80})):
        summary = summarize(text, title=title, **limit)
        words = word_total(summary)
        out[setting] = {
            BRIEFING: summary,
            "lead cut to its words": cut_words(raw, words),
            "cleaned lead, same cut": cut_words(cleaned, words),
        }
    out["3 sentences"] = {
        BRIEFING: summarize(text, title=title, max_sentences=3),
        "Lead-3": raw[:3],
        "cleaned lead, 3 sentences": cleaned[:3],
    }
    for name, system in sumy.items():
        out["3 sentences"][name] = system(text)
    spoken = out["default budget"][BRIEFING]
    out["listener"] = {
        BRIEFING: spoken,
        "raw lead": whole_sentences(raw, word_total(spoken)),
        "cleaned lead": whole_sentences(cleaned, word_total(spoken)),
    }
    return out


def measure(
    items: Sequence[Item],
    sumy: dict[str, Callable[[str], list[str]]],
    scorer: Any,
    check: Callable[[list[str], Item], list[str]],
) -> tuple[dict[tuple[str, str], np.ndarray], dict[str, list[list[str]]], dict[str, np.ndarray]]:
    """ROUGE rows {(setting, system): array of (ROUGE-1, ROUGE-2, words) an article}, and
    the listener's kinds {system: kinds an article} with the words {system: array}."""
    from briefing.text import split_sentences

    rouge: dict[tuple[str, str], np.ndarray] = {}
    heard: dict[str, list[list[str]]] = {system: [] for system in LISTENED}
    heard_words = {system: np.zeros(len(items)) for system in LISTENED}
    for n, item in enumerate(items):
        reference = "\n".join(item.get("reference_sentences") or split_sentences(item["reference"]))
        summaries = summaries_of(item, sumy)
        for setting in ROUGE_SETTINGS:
            for system, sentences in summaries[setting].items():
                scores = scorer.score(reference, "\n".join(sentences))
                row = rouge.setdefault((setting, system), np.zeros((len(items), 3)))
                row[n] = (
                    100 * scores["rouge1"].fmeasure,
                    100 * scores["rouge2"].fmeasure,
                    word_total(sentences),
                )
        for system, sentences in summaries["listener"].items():
            heard[system].append(check(sentences, item))
            heard_words[system][n] = word_total(sentences)
    return rouge, heard, heard_words


def articles_per_second(items: Sequence[Item]) -> tuple[int, float]:
    """(articles, seconds of CPU) for ``summarize`` at the default budget over the distinct
    texts of ``items``, its analysis cache cleared first (a repeat would be a cache hit)."""
    import briefing.summarize.lead as lead
    from briefing.summarize import summarize

    distinct = list({item["text"]: item.get("title") for item in items}.items())
    cached = getattr(lead, "_usable", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()
    start = time.process_time()
    for text, title in distinct:
        summarize(text, title=title)
    return len(distinct), time.process_time() - start


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


def groups_of(items: Sequence[Item]) -> dict[str, np.ndarray]:
    """{group: indices of its items}, in the order groups first appear."""
    groups: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        groups.setdefault(group_of(item), []).append(n)
    return {group: np.array(indices) for group, indices in groups.items()}


def rouge_table(
    items: Sequence[Item],
    rouge: dict[tuple[str, str], np.ndarray],
    rounds: int,
    folds: np.ndarray | None = None,
) -> None:
    """Per group and setting, each system's mean words and ROUGE-1/2; for each baseline,
    briefing minus it with a 95% interval (and, with ``folds``, the fold means' spread)."""
    for group, indices in groups_of(items).items():
        print(f"{group}: {len(indices)} articles")
        header = f"  {'setting':<16}{'system':<27}{'words':>6}{'R-1':>7}{'R-2':>7}   "
        header += f"{'briefing - it: R-1 [95%]':<25}{'R-2 [95%]':<25}"
        print(header + ("R-1 fold means: range (sd)" if folds is not None else ""))
        for setting in ROUGE_SETTINGS:
            ours = rouge[(setting, BRIEFING)][indices]
            systems = [system for where, system in rouge if where == setting]
            for number, system in enumerate(systems):
                theirs = rouge[(setting, system)][indices]
                label = setting if number == 0 else ""
                line = f"  {label:<16}{system:<27}{theirs[:, 2].mean():>6.1f}"
                line += f"{theirs[:, 0].mean():>7.2f}{theirs[:, 1].mean():>7.2f}   "
                if system != BRIEFING:
                    for metric in (0, 1):
                        diffs = ours[:, metric] - theirs[:, metric]
                        line += f"{signed(diffs.mean(), *bootstrap_interval(diffs, rounds)):<25}"
                    if folds is not None:
                        line += fold_spread(ours[:, 0] - theirs[:, 0], folds[indices])
                print(line.rstrip())
        print()


def fold_spread(diffs: np.ndarray, folds: np.ndarray) -> str:
    """'-0.10 .. +0.96 (0.38)': the lowest and highest of the folds' mean differences, and
    their standard deviation."""
    means = np.array([diffs[folds == fold].mean() for fold in np.unique(folds)])
    return f"{means.min():+.2f} .. {means.max():+.2f} ({means.std(ddof=1):.2f})"


def listener_table(
    items: Sequence[Item],
    heard: dict[str, list[list[str]]],
    heard_words: dict[str, np.ndarray],
    kinds: Sequence[str],
    rounds: int,
) -> None:
    """Per group, summaries with each kind of problem and with any (N in 25), briefing
    against the raw and cleaned lead; and briefing minus each lead, in 25, paired."""
    width = max(len(kind) for kind in (*kinds, "any problem")) + 2
    for group, indices in groups_of(items).items():
        print(f"{group}: {len(indices)} articles")
        print(f"  {'':<{width}}" + "".join(f"{system:>20}" for system in LISTENED))
        words = [f"{heard_words[system][indices].mean():.1f}" for system in LISTENED]
        print(f"  {'words (mean)':<{width}}" + "".join(f"{w:>20}" for w in words))
        for kind in kinds:
            counts = [sum(kind in heard[system][i] for i in indices) for system in LISTENED]
            print(f"  {kind:<{width}}" + "".join(f"{c:>20}" for c in counts))
        flagged = {
            system: np.array([bool(heard[system][i]) for i in indices], dtype=float)
            for system in LISTENED
        }
        cells = [f"{int(f.sum())} ({25 * f.mean():.2f} in 25)" for f in flagged.values()]
        print(f"  {'any problem':<{width}}" + "".join(f"{c:>20}" for c in cells))
        for lead in LISTENED[1:]:
            diffs = 25 * (flagged[BRIEFING] - flagged[lead])
            interval = signed(diffs.mean(), *bootstrap_interval(diffs, rounds))
            print(f"  briefing - {lead}, summaries with a problem in 25: {interval}")
        print()


def read_sample(
    items: Sequence[Item],
    count: int,
    seed: int,
    check: Callable[[list[str], Item], list[str]],
) -> str:
    """``count`` articles drawn by ``seed``: id, headline, the article's first words, the
    default summary and the listener's flags, for a person to read."""
    from briefing.summarize import summarize

    picks = sorted(random.Random(seed).sample(range(len(items)), min(count, len(items))))
    blocks = []
    for number, n in enumerate(picks, 1):
        item = items[n]
        summary = summarize(item["text"], title=item.get("title"))
        article = item["text"].split()
        opening = " ".join(article[:READ_WORDS]) + (" ..." if len(article) > READ_WORDS else "")
        lines = [
            f"[{number}/{len(picks)}] {item.get('id')} ({group_of(item)})",
            f"headline: {item.get('title') or '(none)'}",
            textwrap.fill(opening, 100, initial_indent="article:  ", subsequent_indent=" " * 10),
            f"summary ({word_total(summary)} words):",
        ]
        lines += [
            textwrap.fill(s, 100, initial_indent="  - ", subsequent_indent="    ") for s in summary
        ]
        lines.append(f"listener's check: {', '.join(check(summary, item)) or 'no problem found'}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


EXPLAIN_ROUGE = """\
ROUGE F1 x 100 against the human references; words: whitespace words a summary.
'briefing - it': briefing's score minus the row's, paired by article, with a bootstrap
95% interval (articles resampled). 'lead cut to its words', 'cleaned lead, same cut': the
raw or the cleaned lead cut mid-sentence to exactly the words of briefing's summary in
that setting. Lead-3: the article's first three sentences.
"""
EXPLAIN_FOLDS = f"""\
{FOLDS} folds by a hash of the id. The summarizer has no trained parameters, so each fold
is an evaluation of its held-out articles: the differences are pooled over the folds, with
the lowest and highest fold mean and their standard deviation.
"""


def report(
    name: str,
    items: list[Item],
    sumy: dict[str, Callable[[str], list[str]]],
    module: ModuleType,
    rounds: int,
) -> None:
    """The ROUGE and listener tables for one data file (cross-validated unless dev)."""
    scorer = rouge_scorer_cached()
    check, takes_article = listener(module)
    rouge, heard, heard_words = measure(items, sumy, scorer, check)
    print(f"=== {name}, {len(items)} articles ===")
    folds = None
    if name.startswith("cross-validation"):
        folds = np.array([fold_of(str(item.get("id", n))) for n, item in enumerate(items)])
        print(EXPLAIN_FOLDS)
    print(EXPLAIN_ROUGE)
    rouge_table(items, rouge, rounds, folds)
    given = "given the article" if takes_article else "an older check, not given the article"
    print(
        f"listener's check (benchmarks/listener_check.py, {given}) at the default budget;"
        "\nthe leads cut at whole sentences to the summary's words. Summaries with each problem:"
    )
    listener_table(items, heard, heard_words, module.KINDS, rounds)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=EVAL / "news-dev.jsonl", help="dev JSONL, for reporting"
    )
    parser.add_argument(
        "--train", type=Path, default=EVAL / "news-train.jsonl", help="training JSONL (CV, --read)"
    )
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap rounds [1000]")
    parser.add_argument("--no-sumy", action="store_true", help="skip the sumy baselines")
    parser.add_argument("--read", type=int, default=25, help="training summaries to read [25]")
    parser.add_argument("--seed", type=int, default=0, help="which ones are drawn [0]")
    parser.add_argument("--read-out", type=Path, help="write them to this file, not stdout")
    args = parser.parse_args(argv)
    dev = load_items(args.data, "--data")
    train = load_items(args.train, "--train")
    sys.path.insert(0, str(ROOT))
    try:
        rouge_scorer_cached()
        sumy = sumy_systems(not args.no_sumy)
    except ImportError as error:
        fail(f"needs the bench extra ({error.name} is missing): pip install -e '.[bench]'")
    module = load_listener_check()

    count, seconds = articles_per_second(train + dev)  # first: nothing warmed up yet
    print(
        f"speed: summarize at the default budget, {count} distinct articles in {seconds:.2f} s"
        f" of CPU on one core: {count / seconds:,.0f} articles a second (target >= 200)\n"
    )
    report(f"dev: {args.data}", dev, sumy, module, args.bootstrap)
    report(f"cross-validation: {args.train}", train, sumy, module, args.bootstrap)
    if args.read > 0:
        check, _ = listener(module)
        text = read_sample(train, args.read, args.seed, check)
        title = f"{min(args.read, len(train))} summaries from {args.train} (--seed {args.seed})"
        if args.read_out:
            args.read_out.write_text(f"{title}\n\n{text}", encoding="utf-8")
            print(f"{title}: written to {args.read_out}")
        else:
            print(f"{title}, to read against their articles:\n\n{text}")


if __name__ == "__main__":
    main()
