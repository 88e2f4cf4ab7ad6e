"""Train the summarizer's sentence scorer and write its weights.

    python benchmarks/train_scorer.py                  # ../shared/eval/news-train.jsonl
    python benchmarks/train_scorer.py --cv 5           # also a 5-fold cross-validated ROUGE
    python benchmarks/train_scorer.py --check          # rebuild and compare with the shipped file

The training set (``news-train.jsonl``: CNN/DM validation and train rows, BBC News
Summary) holds articles with human summaries. Each article's sentences are the
ones the summarizer itself sees (``briefing.summarize.paragraphs_and_sentences``,
sayable ones only) with the features it computes (``briefing.sentence_model``).
Labels:

- CNN/DM (abstractive highlights): the greedy oracle, the up to three sentences
  that together score the best ROUGE-1 + ROUGE-2 F1 against the highlights, picked
  one at a time (the usual way extractive summarizers are trained);
- BBC (extractive summaries, 40% of an article): the sentences found word for
  word in the summary; BBC predicts which sentences, never how many.

The scorer learns to pick the next sentence given those already picked, so each
article gives one example per sentence per step (up to three steps, the chosen
ones fed in the oracle's order), weighted so that every article-step counts the
same and a BBC article counts ``--bbc-weight`` of a CNN/DM one. The model is an
L2-regularised logistic regression fitted by Newton's method on standardised
features: deterministic, so the same file gives the same weights byte for byte
(values are written rounded to 6 decimals).

Needs numpy and rouge-score (``pip install -e '.[bench]'``), at training time only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from summary_quality import bootstrap, cut_words  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "news-train.jsonl"
DEFAULT_OUT = ROOT / "briefing" / "data" / "sentence_scorer.json"
TRAIN_SHA256 = "5ca0a012aa37626ae3b4f6980865200e6d643d1e951b3cb0d11fafb439184e33"
ORACLE_SENTENCES = 3
STEPS = 3


def fail(message: str) -> None:
    print(f"train_scorer: {message}", file=sys.stderr)
    sys.exit(2)


@dataclass(frozen=True)
class Example:
    """One article, its candidates and the oracle's picks in order."""

    item: dict
    candidates: list
    picks: list[int]  # positions in ``candidates``, in the order picked


def _ngrams(tokens: list[str], n: int) -> dict[tuple[str, ...], int]:
    grams: dict[tuple[str, ...], int] = {}
    for i in range(len(tokens) - n + 1):
        gram = tuple(tokens[i : i + n])
        grams[gram] = grams.get(gram, 0) + 1
    return grams


def _f1(candidate: dict, reference: dict) -> float:
    overlap = sum(min(k, reference.get(g, 0)) for g, k in candidate.items())
    if not overlap:
        return 0.0
    precision = overlap / sum(candidate.values())
    recall = overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def greedy_oracle(sentence_tokens: list[list[str]], reference_tokens: list[str]) -> list[int]:
    """Up to ORACLE_SENTENCES sentences picked one at a time for the best ROUGE-1 + ROUGE-2
    F1 against the reference, stopping when no sentence raises it."""
    ref1, ref2 = _ngrams(reference_tokens, 1), _ngrams(reference_tokens, 2)
    picks: list[int] = []
    tokens: list[str] = []
    best_score = 0.0
    while len(picks) < ORACLE_SENTENCES:
        best = None
        for i, sentence in enumerate(sentence_tokens):
            if i in picks:
                continue
            joined = tokens + sentence  # bigrams across the join are few; ignored
            score = _f1(_ngrams(joined, 1), ref1) + _f1(_ngrams(joined, 2), ref2)
            if score > best_score:
                best, best_score = i, score
        if best is None:
            break
        picks.append(best)
        tokens = tokens + sentence_tokens[best]
    return picks


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def prepare(items: list[dict]) -> list[Example]:
    from nltk.stem import porter
    from rouge_score import tokenize
    from rouge_score.rouge_scorer import _create_ngrams  # noqa: F401  (same package version)

    from briefing.summarize import WINDOW, speakable_candidates

    stemmer = porter.PorterStemmer()

    def tokens(text: str) -> list[str]:
        return tokenize.tokenize(text, stemmer)

    examples = []
    for item in items:
        # the summarizer chooses within its window
        found = speakable_candidates(item["text"], item.get("title"), WINDOW)
        if len(found) < 2:
            continue
        if item["source"].startswith("bbc"):
            summary = _normal(item["reference"])
            picks = [
                n
                for n, c in enumerate(found)
                if len(_normal(c.text)) > 20 and _normal(c.text) in summary
            ]
        else:
            reference = tokens(" ".join(item.get("reference_sentences") or [item["reference"]]))
            picks = greedy_oracle([tokens(c.text) for c in found], reference)
        if picks:
            examples.append(Example(item, found, picks))
    return examples


def rows(examples: list[Example], bbc_weight: float):
    import numpy as np

    from briefing.sentence_model import choice_features

    x, y, w = [], [], []
    for example in examples:
        source_weight = bbc_weight if example.item["source"].startswith("bbc") else 1.0
        for step in range(min(STEPS, len(example.picks))):
            chosen = [example.candidates[p] for p in example.picks[:step]]
            terms = frozenset().union(*(c.terms for c in chosen)) if chosen else frozenset()
            trigrams = frozenset().union(*(c.trigrams for c in chosen)) if chosen else frozenset()
            rest = set(example.picks[step:])
            options = [n for n in range(len(example.candidates)) if n not in example.picks[:step]]
            for n in options:
                c = example.candidates[n]
                x.append(c.static + choice_features(c, terms, trigrams))
                y.append(1.0 if n in rest else 0.0)
                w.append(source_weight / len(options))
    return np.array(x), np.array(y), np.array(w)


def fit(x, y, w, l2: float, iterations: int = 30):
    """Weighted L2 logistic regression by Newton's method on standardised features."""
    import numpy as np

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = w / w.sum() * len(w)
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return mean, scale, beta


def scorer_of(mean, scale, beta):
    from briefing.sentence_model import FEATURES, Scorer

    def r(v: float) -> float:
        return round(float(v), 6) + 0.0  # no "-0.0"

    return Scorer(
        FEATURES,
        tuple(r(v) for v in mean),
        tuple(r(v) for v in scale),
        tuple(r(v) for v in beta[1:]),
        r(beta[0]),
    )


def train(examples: list[Example], bbc_weight: float, l2: float):
    x, y, w = rows(examples, bbc_weight)
    return scorer_of(*fit(x, y, w, l2))


def _fold(item_id: str, folds: int) -> int:
    return hashlib.sha256(item_id.encode("utf-8")).digest()[0] % folds


def evaluate(items: list[dict], scorer, use_titles: bool = True) -> dict[str, list[float]]:
    """Per-article ROUGE differences to Lead-3 on CNN/DM items: at three sentences
    (R1, R2) and at the default spoken budget (R1 against Lead-3 cut to as many words)."""
    from rouge_score import rouge_scorer

    from briefing.summarize import summarize
    from briefing.text import split_sentences

    rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    diffs: dict[str, list[float]] = {"r1@3": [], "r2@3": [], "r1@budget": []}
    for item in items:
        reference = "\n".join(item.get("reference_sentences") or [item["reference"]])
        title = item.get("title") if use_titles else None
        lead = split_sentences(item["text"])[:3]
        ours = summarize(item["text"], title=title, max_sentences=3, scorer=scorer)
        a, b = rouge.score(reference, "\n".join(ours)), rouge.score(reference, "\n".join(lead))
        diffs["r1@3"].append(100 * (a["rouge1"].fmeasure - b["rouge1"].fmeasure))
        diffs["r2@3"].append(100 * (a["rouge2"].fmeasure - b["rouge2"].fmeasure))
        spoken = summarize(item["text"], title=title, scorer=scorer)
        budget = sum(len(s.split()) for s in spoken)
        a = rouge.score(reference, "\n".join(spoken))
        b = rouge.score(reference, "\n".join(cut_words(lead, budget)))
        diffs["r1@budget"].append(100 * (a["rouge1"].fmeasure - b["rouge1"].fmeasure))
    return diffs


def report(name: str, diffs: dict[str, list[float]]) -> None:
    parts = []
    for key, values in diffs.items():
        low, high = bootstrap(values)
        parts.append(f"{key} {statistics.fmean(values):+.2f} [{low:+.2f}, {high:+.2f}]")
    print(f"  {name}: " + "   ".join(parts), flush=True)


def main() -> None:
    main_with(sys.argv[1:])


def main_with(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="training JSONL")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="weights file to write")
    parser.add_argument("--bbc-weight", type=float, default=0.0, help="a BBC article's weight [0]")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty [1.0]")
    parser.add_argument("--cv", type=int, default=0, help="K-fold cross-validation on CNN/DM")
    parser.add_argument(
        "--check", action="store_true", help="compare with --out instead of writing it"
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        fail(
            f"training file not found: {args.data}\n  Give one with --data PATH (the "
            "project's ../shared/eval/news-train.jsonl, JSON lines with text and reference)."
        )
    try:
        import numpy  # noqa: F401
        import rouge_score  # noqa: F401
    except ImportError:
        fail("needs numpy and rouge-score: pip install -e '.[bench]'")
    raw = args.data.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != TRAIN_SHA256:
        print(f"note: {args.data} is not the project's training file (sha256 {digest[:12]}...)")
    items = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    examples = prepare(items)
    print(f"{len(examples)} of {len(items)} articles have oracle sentences", flush=True)

    if args.cv:
        print(f"{args.cv}-fold cross-validation, CNN/DM articles of each held-out fold:")
        pooled: dict[str, list[float]] = {}
        for fold in range(args.cv):
            training = [e for e in examples if _fold(e.item["id"], args.cv) != fold]
            held = [
                i for i in items
                if _fold(i["id"], args.cv) == fold and i["source"].startswith("cnn")
            ]  # fmt: skip
            fold_scorer = train(training, args.bbc_weight, args.l2)
            for titles in (True, False):
                diffs = evaluate(held, fold_scorer, use_titles=titles)
                name = "with titles" if titles else "no titles"
                report(f"fold {fold} ({len(held)} articles, {name})", diffs)
                for key, values in diffs.items():
                    pooled.setdefault(f"{key} {name}", []).extend(values)
        for name in ("with titles", "no titles"):
            report(
                f"all folds, {name}",
                {k.split()[0]: v for k, v in pooled.items() if k.endswith(name)},
            )

    scorer = train(examples, args.bbc_weight, args.l2)
    text = scorer.to_json()
    if args.check:
        same = args.out.is_file() and args.out.read_text("utf-8") == text
        print(f"{args.out}: {'identical' if same else 'DIFFERENT'} to the rebuilt weights")
        sys.exit(0 if same else 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    print(f"wrote {args.out} ({len(text)} bytes, sha256 {digest[:12]})")
    for name, weight in zip(scorer.features, scorer.weights, strict=True):
        print(f"  {name:<20} {weight:+.3f}")


if __name__ == "__main__":
    main()
