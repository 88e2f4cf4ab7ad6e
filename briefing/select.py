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


#: The top story may run this many times as long as the last one.
TOP_TO_LAST = 2.0
#: Words for the top story when no --max-words is given (the last gets half).
TOP_STORY_WORDS = 80
#: No story is given fewer words than this.
MIN_STORY_WORDS = 30


def story_budgets(count: int, max_words: int | None = None) -> list[int]:
    """Words for each of ``count`` ranked stories: the top one gets ``max_words`` (or
    TOP_STORY_WORDS), the last one half as many, those between in proportion, as radio
    gives the lead story more time than a bridge repair."""
    top = max_words or TOP_STORY_WORDS
    last = max(min(top, MIN_STORY_WORDS), round(top / TOP_TO_LAST))
    if count <= 1:
        return [top] * count
    return [round(top - (top - last) * index / (count - 1)) for index in range(count)]


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
        len(words(to_spoken(segment.text))) / rates[segment.voice] * 60_000 * SPEECH_FACTOR
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
        script = build_script(stories, date=date, show=show.title, voices=voices, names=names)
        return estimate_script_ms(script, rates, overhead_ms(len(stories)))

    return estimate
