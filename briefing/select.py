"""Choosing the stories: each told once, the most important first, fitting the time.

- ``dedupe``: the same story from two sources (near-identical headline and
  lead, compared as sets of word shingles and of content terms) is told once,
  from the fullest version;
- ``rank``: by the source's weight and by recency (a half-life of a day);
- ``fit``: the lowest-ranked stories are dropped until the show's estimated
  length fits the target, never cutting a story.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .models import Article, Script, Show, Story
from .text import content_terms, words

log = logging.getLogger(__name__)

#: Words of the article body compared ("the lead").
LEAD_WORDS = 60
#: Half-life of a story's freshness, in hours.
RECENCY_HALF_LIFE_H = 24.0
#: An undated story counts as this fresh (between new and a day old).
UNDATED_FRESHNESS = 0.5


@dataclass(frozen=True)
class Fingerprint:
    headline: frozenset[str]
    lead: frozenset[str]
    shingles: frozenset[tuple[str, ...]]


def _terms(text: str) -> frozenset[str]:
    """Content terms, with hyphenated words and possessives split ("late-night" -> late, night)."""
    return frozenset(t for t in content_terms(re.sub(r"[-‐–’']", " ", text)) if len(t) > 1)


def fingerprint(article: Article) -> Fingerprint:
    lead_words = words(article.text)[:LEAD_WORDS]
    lowered = [w.lower() for w in lead_words]
    shingles = frozenset(tuple(lowered[i : i + 3]) for i in range(max(0, len(lowered) - 2)))
    return Fingerprint(_terms(article.title), _terms(" ".join(lead_words)), shingles)


def jaccard(a: frozenset[object], b: frozenset[object]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def same_story(a: Fingerprint, b: Fingerprint) -> bool:
    """True when two articles tell the same story.

    Copies share word-for-word phrasing (3-word shingles); rewrites by two
    outlets share the vocabulary of headline and lead. Measured on that
    vocabulary: two outlets' versions of one event 0.43; another story about
    the same company and towns 0.23; the most alike of the 15,225 pairs in
    the project's news evaluation set (two different pieces about one TV
    reporter) 0.19, and none of those pairs is merged.
    """
    if jaccard(a.shingles, b.shingles) >= 0.35:
        return True
    both = jaccard(a.headline | a.lead, b.headline | b.lead)
    return both >= 0.35 or (jaccard(a.headline, b.headline) >= 0.6 and both >= 0.25)


def dedupe(articles: Sequence[Article]) -> tuple[list[Article], list[Article]]:
    """Keep one article per story: the fullest, in the place of the first seen,
    with the best weight and the latest date of its versions. Returns (kept, dropped)."""
    kept: list[Article] = []
    prints: list[Fingerprint] = []
    dropped: list[Article] = []
    for article in articles:
        mark = fingerprint(article)
        twin = next((i for i, p in enumerate(prints) if same_story(mark, p)), None)
        if twin is None:
            kept.append(article)
            prints.append(mark)
            continue
        first = kept[twin]
        fuller, other = (
            (article, first) if article.word_count > first.word_count else (first, article)
        )
        dates = [d for d in (article.published, first.published) if d is not None]
        kept[twin] = replace(
            fuller,
            weight=max(article.weight, first.weight),
            published=max(dates) if dates else None,
        )
        prints[twin] = fingerprint(kept[twin])
        dropped.append(other)
        log.info("same story twice: keeping %s, dropping %s", fuller.source, other.source)
    return kept, dropped


def freshness(published: dt.datetime | None, now: dt.datetime) -> float:
    """1.0 for a story published now, halving every RECENCY_HALF_LIFE_H hours."""
    if published is None:
        return UNDATED_FRESHNESS
    age_h = max(0.0, (now - published).total_seconds() / 3600)
    return math.pow(0.5, age_h / RECENCY_HALF_LIFE_H)


def rank(articles: Sequence[Article], now: dt.datetime) -> list[Article]:
    """Most important first: weight x freshness; ties keep the sources' order."""
    scored = [(-(a.weight * freshness(a.published, now)), i, a) for i, a in enumerate(articles)]
    return [a for _, _, a in sorted(scored, key=lambda t: (t[0], t[1]))]


#: Words for a story told in full when no --max-words is given.
TOP_STORY_WORDS = 80
#: The top stories, this share of a show (rounded up), are told in full; the rest short.
FULL_SHARE = 1 / 3
#: A short story's words against a full one's. With a third in full, 5/8 keeps a show's
#: words where budgets falling evenly from the top story to half of it put them
#: (1/3 x 1 + 2/3 x 5/8 = 3/4, the mean of 1 and 1/2).
SHORT_SHARE = 0.625
#: No story is given fewer words than this.
MIN_STORY_WORDS = 30


def story_lengths(max_words: int | None = None) -> tuple[int, int]:
    """The two lengths a story may be told at, in words: (full, short)."""
    full = max_words or TOP_STORY_WORDS
    return full, max(min(full, MIN_STORY_WORDS), round(full * SHORT_SHARE))


def story_budgets(count: int, max_words: int | None = None) -> list[int]:
    """Words for each of ``count`` ranked stories: the top third (rounded up) in full,
    ``max_words`` (or TOP_STORY_WORDS), the rest short (``story_lengths``), as radio
    gives the lead stories more time than a bridge repair. Two lengths only: a story's
    summary, hence its audio, is the same at any rank of the same part of any show, so
    a batch whose shows share it renders it once for each length."""
    full, short = story_lengths(max_words)
    told_in_full = math.ceil(count * FULL_SHARE)
    return [full if index < told_in_full else short for index in range(count)]


def fit(
    stories: Sequence[Story],
    minutes: float,
    estimate_ms: Callable[[Sequence[Story]], float],
) -> tuple[list[Story], list[Story]]:
    """Drop the lowest-ranked stories (the last ones) until ``estimate_ms`` of the
    rest is within ``minutes``; one story always remains. Returns (kept, dropped)."""
    kept = list(stories)
    target = minutes * 60_000
    dropped: list[Story] = []
    while len(kept) > 1 and estimate_ms(kept) > target:
        dropped.insert(0, kept.pop())
    if estimate_ms(kept) > target:
        log.warning("even one story runs over %g minutes", minutes)
    return kept, dropped


#: espeak-ng pauses at punctuation: speech takes this much longer than words / rate.
SPEECH_FACTOR = 1.1


def estimate_script_ms(script: Script, rates: dict[str, int], fixed_ms: float) -> float:
    """Estimated length of a show: each segment's words at its voice's rate, plus
    ``fixed_ms`` for stings and pauses."""
    from .speech import to_spoken

    speech = sum(
        len(words(to_spoken(segment.text, language=script.language)))
        / rates[segment.voice]
        * 60_000
        * SPEECH_FACTOR
        for segment in script.segments
    )
    return speech + fixed_ms


def script_estimator(
    voices: Sequence[str], show: Show, date: dt.date, wpm: int | None = None
) -> Callable[[Sequence[Story]], float]:
    """The estimated length, in ms, of the show's script for some stories (for ``fit``):
    the script as it would be built, each voice at its rate (or ``wpm``)."""
    from .render.layout import overhead_ms
    from .script import build_script
    from .voices import display_names, get_profile

    rates = {name: wpm or get_profile(name).rate for name in voices}
    names = display_names(voices)

    def estimate(stories: Sequence[Story]) -> float:
        script = build_script(
            stories, date=date, show=show.title, voices=voices, names=names,
            language=show.language,
        )  # fmt: skip
        return estimate_script_ms(script, rates, overhead_ms(len(stories)))

    return estimate
