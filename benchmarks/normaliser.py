"""Benchmark: how often the normaliser says a whole sentence as a reference speaker would.

    python benchmarks/normaliser.py                       # ../shared/eval/tn/tn-dev.jsonl
    python benchmarks/normaliser.py --data PATH --patterns 30 --show 20

Each line of the data is ``{"written", "spoken", "source"}``: a sentence and how it is
said (Google's text-normalisation test data, normalised by Kestrel, and LibriTTS book
sentences, as published in NVIDIA's NeMo-text-processing evaluation data, CC BY 4.0; see
the data's README). ``briefing.speech.to_spoken`` says each written sentence, with no
lexicon (respellings are for voices, not for a comparison of words), and the sentence is
right when its canonical form equals the reference's:

    lower case; hyphens as spaces; only letters, digits and apostrophes, then no
    apostrophes; the word "and" dropped; "mr", "mrs", "dr", "st", "oh" the same as
    "mister", "missus", "doctor", "saint", "o"; spaces collapsed.

A second figure counts British and American spellings of one word as the same ("centre",
"center"): the references write the American, and a listener hears no difference.

It prints the sentence accuracy by source with a bootstrap 95% interval, the class of the
written words where each wrong sentence first differs (cardinal, ordinal, decimal,
fraction, money, measure, date, time, telephone, electronic, letters, roman, verbatim,
plain), the time a sentence on one core, and the most common failure patterns: the
written words' shape (digits as 9, capitals as A, small letters as a) with one example
of each, what was expected and what was said.

Never tune a rule to a sentence of this file: read the patterns, fix the class. The other
half of the data is held back to check the work.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "tn" / "tn-dev.jsonl"
sys.path.insert(0, str(ROOT))

_SAME = {"mr": "mister", "mrs": "missus", "dr": "doctor", "st": "saint", "oh": "o"}
_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december"
).split()
_UNITS = (
    "km m cm mm kg g mg lb lbs oz ft in mi mph kph km/h kmh l ml gb mb kb tb ghz mhz khz hz "
    "kw mw w v a °c °f c f sq acres ha yd yds"
).split()


def canonical_words(text: str) -> list[str]:
    """The canonical form of ``text``, as words (see the module's docstring)."""
    text = text.lower().replace("-", " ").replace("—", " ").replace("–", " ")
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    return [_SAME.get(w, w) for w in text.split() if w != "and"]


def canonical(text: str) -> str:
    return " ".join(canonical_words(text))


#: British and American spellings of one sound ("centre"/"center", "colour"/"color",
#: "organise"/"organize", "catalogue"/"catalog", "travelled"/"traveled"): the references
#: write the American, the author often the British, and a listener hears no difference.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{2})tre(s?)$"), r"ter\1"),
    (re.compile(r"(?<=[a-z])our(s|ed|ing|ful|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})ogue(s?)$"), r"og\1"),
    (re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ae(?=[a-z])"), "e"),
    (re.compile(r"(?<=[a-z])oe(?=[a-z])"), "e"),
    (re.compile(r"(?<=[a-z])mme(s?)$"), r"m\1"),
    (re.compile(r"(?<=[a-z])ence$"), "ense"),
)


def heard_alike(text: str) -> str:
    """The canonical form with British and American spellings of a word made one."""
    words = []
    for word in canonical_words(text):
        for pattern, replacement in _SPELLINGS:
            word = pattern.sub(replacement, word)
        words.append(word)
    return " ".join(words)


def word_class(written: str) -> str:
    """The semiotic class of a stretch of written words."""
    text = written.strip()
    low = text.lower()
    if re.search(r"https?://|www\.|@\w|\.(?:com|org|net|gov|edu|co\.uk|io)\b", low):
        return "electronic"
    if re.search(r"[$£€¥₹₩]|\b(?:usd|eur|gbp)\b", low):
        return "money"
    if re.search(r"\d\s*:\s*\d\d|\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)", low):
        return "time"
    if re.search(r"\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}|\+\d", low):
        return "telephone"
    if re.search(r"\d+\s*/\s*\d+|[½¼¾⅓⅔]", low):
        return "fraction"
    if re.search(r"\d(?:st|nd|rd|th)\b", low):
        return "ordinal"
    if re.search(r"\d", low) and any(m in low.split() or m + "." in low.split() for m in _MONTHS):
        return "date"
    if re.search(r"\d", low) and any(u in low.split() for u in _UNITS) or "%" in low:
        return "measure"
    if re.search(r"\d\.\d", low):
        return "decimal"
    if re.search(r"\d", low):
        return "cardinal"
    numeral = re.fullmatch(r"[IVXLCDM]+\.?", text) and len(text) > 1
    if numeral or re.search(r"\b[IVXLC]{2,}\b", text):
        return "roman"
    if re.search(r"\b[A-Z]{2,}\b|\b(?:[A-Za-z]\.){2,}", text):
        return "letters"
    if re.search(r"[^\w\s'\".,;:!?()-]", text):
        return "verbatim"
    return "plain"


def shape(written: str) -> str:
    """The shape of written words: 9 for a digit, A for a capital, a for a small letter."""
    text = re.sub(r"\d", "9", written.strip())
    text = re.sub(r"[A-Z]", "A", text)
    text = re.sub(r"[a-z]", "a", text)
    text = re.sub(r"(A)\1{2,}", r"\1\1\1", text)
    return re.sub(r"(9)\1+", r"\1\1", re.sub(r"(a)\1+", r"\1", text))


def first_difference(written: str, said: str, spoken: str) -> tuple[str, str, str]:
    """The written words where ``said`` first differs from ``spoken``, with what was
    expected there and what was said."""
    tokens = written.split()
    flat: list[tuple[str, int]] = []  # (canonical word, written token index)
    for index, token in enumerate(tokens):
        flat.extend((w, index) for w in canonical_words(token))
    reference, hypothesis = canonical_words(spoken), canonical_words(said)
    diff = difflib.SequenceMatcher(None, hypothesis, reference, autojunk=False)
    first = next((op for op in diff.get_opcodes() if op[0] != "equal"), None)
    if first is None:
        return written, "", ""
    _, h1, h2, r1, r2 = first
    expected, got = " ".join(reference[r1 : r2 + 0 or r1 + 1]), " ".join(hypothesis[h1:h2])
    # Which written tokens the reference words at r1..r2 stand for.
    align = difflib.SequenceMatcher(None, [w for w, _ in flat], reference, autojunk=False)
    span: list[int] = []
    for tag, w1, w2, s1, s2 in align.get_opcodes():
        if s2 <= r1 and not (tag != "equal" and s1 == s2 == r1):
            continue
        if s1 > max(r2, r1 + 1) or (s1 == s2 and s1 > r1):
            break
        span.extend(flat[i][1] for i in range(w1, w2))
        if tag == "insert" and w1 == w2:  # reference words for nothing written here
            prior = [flat[i][1] for i in range(max(0, w1 - 1), w1)]
            span.extend(prior)
    if not span:  # a written token with no canonical word ("$", "%"): nearest by order
        raw = [i for i, token in enumerate(tokens) if not canonical_words(token)]
        span = raw[:1] or [0]
    lo, hi = min(span), max(span)
    context = " ".join(tokens[lo : hi + 1])
    return context, expected, got


def bootstrap(hits: list[bool], rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    rng = random.Random(seed)
    n = len(hits)
    means = sorted(sum(rng.choices(hits, k=n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSON lines")
    parser.add_argument("--patterns", type=int, default=30, help="failure patterns shown [30]")
    parser.add_argument("--show", type=int, default=0, help="wrong sentences printed [0]")
    parser.add_argument("--cls", default="", help="only print wrong sentences of this class")
    args = parser.parse_args()
    if not args.data.is_file():
        print(
            f"benchmark: data file not found: {args.data}\n  Give one with --data PATH (JSON "
            "lines with 'written', 'spoken' and 'source'), e.g. the project's "
            "../shared/eval/tn/tn-dev.jsonl.",
            file=sys.stderr,
        )
        sys.exit(2)
    from briefing.speech import to_spoken

    rows = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    hits: dict[str, list[bool]] = defaultdict(list)
    alike: list[bool] = []
    classes: Counter[str] = Counter()
    patterns: Counter[str] = Counter()
    examples: dict[str, tuple[str, str, str]] = {}
    wrong: list[tuple[str, str, str, str]] = []
    started = time.process_time()
    said_all = [to_spoken(row["written"], lexicon={}) for row in rows]
    seconds = time.process_time() - started
    for row, said in zip(rows, said_all, strict=True):
        right = canonical(said) == canonical(row["spoken"])
        hits[row["source"]].append(right)
        hits["all"].append(right)
        alike.append(right or heard_alike(said) == heard_alike(row["spoken"]))
        if right:
            continue
        context, expected, got = first_difference(row["written"], said, row["spoken"])
        kind = word_class(context)
        classes[kind] += 1
        key = f"{kind:<10} {shape(context)}"
        patterns[key] += 1
        examples.setdefault(key, (context, expected, got))
        wrong.append((kind, row["written"], row["spoken"], said))
    print(f"normaliser: {args.data.name}, {len(rows)} sentences")
    for source in sorted(hits, key=lambda s: (s == "all", s)):
        marks = hits[source]
        low, high = bootstrap(marks)
        print(
            f"  {source:<10} {sum(marks):>5} of {len(marks):<5} right: "
            f"{sum(marks) / len(marks):.3f} [{low:.3f}, {high:.3f}]"
        )
    low, high = bootstrap(alike)
    print(
        f"  all, British and American spellings alike: {sum(alike)} right: "
        f"{sum(alike) / len(alike):.3f} [{low:.3f}, {high:.3f}]"
    )
    print(f"  time: {seconds / len(rows) * 1000:.2f} ms a sentence on one core")
    print("\nwrong sentences by the class of the words where they first differ:")
    for kind, count in classes.most_common():
        print(f"  {kind:<11} {count}")
    print(f"\nthe {args.patterns} most common failure patterns")
    print("(class, shape: written example -> expected | said):")
    for key, count in patterns.most_common(args.patterns):
        context, expected, got = examples[key]
        print(f"  {count:>4}  {key}: {context!r} -> {expected!r} | {got!r}")
    shown = [w for w in wrong if not args.cls or w[0] == args.cls][: args.show]
    for kind, written, spoken, said in shown:
        print(f"\n[{kind}] {written}\n  expected: {spoken}\n  said:     {said}")


if __name__ == "__main__":
    main()
