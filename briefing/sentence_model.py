"""The learned sentence scorer: how likely a sentence is to belong in a news summary.

A logistic model over features a person can read (``FEATURES``): where the
sentence stands, how long it is, how much it shares with the headline and with
the article as a whole, how dense it is in names and numbers, whether it quotes
or reads as a caption, and what it adds beyond the sentences already chosen.
The weights live in ``briefing/data/sentence_scorer.json``, made by
``benchmarks/train_scorer.py`` from the project's training set, so anyone can
rebuild them byte for byte; the file is read once, lazily.

Pure Python at run time (no numpy): a few microseconds a sentence.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .errors import BriefingError
from .text import content_terms, looks_like_caption, words

#: The static features of a sentence, in the weights file's order.
STATIC_FEATURES = (
    "first",  # the article's first sentence
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "inverse_position",  # 1 / (1 + index)
    "relative_position",  # index / sentences
    "log_position",  # log(1 + index)
    "length",  # words / 30
    "length_squared",
    "short",  # fewer than 10 words
    "long",  # more than 40 words
    "headline_overlap",  # share of its content terms in the headline
    "headline_missing",
    "centroid",  # cosine with the article's term counts (itself left out)
    "centroid_rank",  # its rank by centroid among the article's sentences, 0 (best) .. 1
    "names",  # capitalised words not opening the sentence, per word
    "numbers",  # words with digits, per word
    "quote",  # holds quotation marks
    "opens_quote",
    "speech_verb",  # said, told, according to ...
    "caption",  # reads as a photo caption
    "pronoun_opener",  # He/She/It/They ... opens it
    "question",
    "paragraph_first",  # opens a paragraph
    "short_article",  # the article has at most five sentences
)
#: Features of a sentence against the sentences already chosen.
CHOICE_FEATURES = (
    "redundancy",  # share of its content terms already said
    "trigram_repeat",  # share of its word trigrams already said
    "nothing_chosen",  # it would be the first pick
)
FEATURES = STATIC_FEATURES + CHOICE_FEATURES

WEIGHTS_FILE = "sentence_scorer.json"

_PRONOUNS = frozenset("he she they it we i his her their its them".split())
_SPEECH = re.compile(
    r"\b(?:said|says|told|added|explained|according to|insisted|argued|warned|stated|announced)\b",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class Candidate:
    """One sentence of an article as the scorer sees it."""

    index: int
    text: str
    words: int
    terms: frozenset[str]
    trigrams: frozenset[tuple[str, ...]]
    static: tuple[float, ...]
    #: Its subject is a pronoun that only the sentence before it resolves.
    leans_back: bool = False


def _trigrams(text: str) -> frozenset[tuple[str, ...]]:
    lowered = [w.lower() for w in words(text)]
    return frozenset(tuple(lowered[i : i + 3]) for i in range(len(lowered) - 2))


def candidates(
    sentences: Sequence[str],
    title: str | None = None,
    paragraph_starts: frozenset[int] = frozenset(),
    limit: int | None = None,
) -> list[Candidate]:
    """The sentences (the first ``limit`` of them, when given) with their static
    features (see STATIC_FEATURES), measured against the whole article."""
    n = len(sentences)
    term_lists = [content_terms(s) for s in sentences]
    counts = [Counter(t) for t in term_lists]
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    headline = set(content_terms(title)) if title else set()
    centroids = []
    squares = sum(v * v for v in total.values())
    for c in counts:
        rest = {t: total[t] - k for t, k in c.items()}
        dot = sum(k * rest[t] for t, k in c.items())
        norm_c = math.sqrt(sum(k * k for k in c.values()))
        norm_rest = math.sqrt(squares - sum(total[t] ** 2 - rest[t] ** 2 for t in c))
        centroids.append(dot / (norm_c * norm_rest) if norm_c and norm_rest else 0.0)
    order = sorted(range(n), key=lambda i: -centroids[i])
    centroid_rank = [0.0] * n
    for rank, i in enumerate(order):
        centroid_rank[i] = rank / (n - 1) if n > 1 else 0.0
    result = []
    for i, sentence in enumerate(sentences[:limit]):
        tokens = words(sentence)
        count = len(tokens) or 1
        terms = frozenset(term_lists[i])
        names = sum(1 for t in tokens[1:] if t[0].isupper())
        digits = sum(1 for t in tokens if t[0].isdigit())
        first_word = tokens[0].lower() if tokens else ""
        text = sentence.strip()
        static = (
            float(i == 0),
            float(i == 1),
            float(i == 2),
            float(i == 3),
            float(i == 4),
            float(i == 5),
            1.0 / (1 + i),
            i / n,
            math.log1p(i),
            count / 30,
            (count / 30) ** 2,
            float(count < 10),
            float(count > 40),
            len(terms & headline) / len(terms) if terms and headline else 0.0,
            float(not headline),
            centroids[i],
            centroid_rank[i],
            names / count,
            digits / count,
            float(bool(_QUOTES.search(text))),
            float(text[:1] in "\"“‘'"),
            float(bool(_SPEECH.search(text))),
            float(looks_like_caption(text)),
            float(first_word in _PRONOUNS),
            float(text.rstrip("\"”’' ").endswith("?")),
            float(i in paragraph_starts),
            float(n <= 5),
        )
        result.append(Candidate(i, sentence, len(tokens), terms, _trigrams(sentence), static))
    return result


def choice_features(
    candidate: Candidate, said_terms: frozenset[str], said_trigrams: frozenset[tuple[str, ...]]
) -> tuple[float, ...]:
    """What ``candidate`` adds beyond what was chosen (see CHOICE_FEATURES)."""
    terms, trigrams = candidate.terms, candidate.trigrams
    return (
        len(terms & said_terms) / len(terms) if terms else 1.0,
        len(trigrams & said_trigrams) / len(trigrams) if trigrams else 0.0,
        float(not said_terms and not said_trigrams),
    )


@dataclass(frozen=True)
class Scorer:
    """A logistic model: weights over standardised features (``mean``, ``scale``)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    @cached_property
    def _linear(self) -> tuple[float, tuple[float, ...]]:
        """The standardisation folded into the weights: (intercept, coefficients)."""
        coefficients = tuple(w / s for w, s in zip(self.weights, self.scale, strict=True))
        intercept = self.bias - sum(c * m for c, m in zip(coefficients, self.mean, strict=True))
        return intercept, coefficients

    def score(self, row: Sequence[float]) -> float:
        """The model's log-odds that a sentence with these feature values belongs."""
        intercept, coefficients = self._linear
        return intercept + sum(c * x for c, x in zip(coefficients, row, strict=True))

    def to_json(self) -> str:
        data = {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
        }
        return json.dumps(data, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Scorer:
        data = json.loads(text)
        scorer = cls(
            tuple(data["features"]),
            tuple(float(v) for v in data["mean"]),
            tuple(float(v) for v in data["scale"]),
            tuple(float(v) for v in data["weights"]),
            float(data["bias"]),
        )
        if scorer.features != FEATURES:
            raise BriefingError(
                f"the sentence scorer's weights name features {list(scorer.features)}, "
                f"but this version computes {list(FEATURES)}: rebuild them with "
                "benchmarks/train_scorer.py"
            )
        return scorer


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    """The shipped weights (read once)."""
    text = resources.files("briefing").joinpath("data", WEIGHTS_FILE).read_text("utf-8")
    return Scorer.from_json(text)
