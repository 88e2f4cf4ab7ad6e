"""Choosing stories: duplicates told once, ranking, fitting a target length."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.models import Article, Story
from briefing.select import (
    dedupe,
    fingerprint,
    fit,
    freshness,
    rank,
    same_story,
    story_budgets,
    story_lengths,
)

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def article(title, body, source="s", weight=1.0, published=None, origin=""):
    return Article(title, tuple(p for p in body.split("\n\n")), source, published, origin, weight)


TRAINS_A = article(
    "Rail operator adds late-night trains between Northfield and Ashby",
    "Metro Rail will run four extra late-night trains between Northfield and Ashby from January, "
    "the regional operator said on Wednesday, after two years of requests from shift workers.\n\n"
    "The new services will leave Northfield at 23:40 and 00:40 and return from Ashby at 00:10 "
    "and 01:10 on weekdays, the company said in a statement.",
    "a",
)
TRAINS_B = article(
    "Late trains to run between Ashby and Northfield from January",
    "Shift workers in Ashby and Northfield will get four more late-night trains from January, "
    "Metro Rail announced on Wednesday. The regional operator said the extra trains would run "
    "on weekdays.",
    "b",
)
TRAINS_COPY = article(
    "Metro Rail adds four late trains",
    "Metro Rail will run four extra late-night trains between Northfield and Ashby from January, "
    "the regional operator said on Wednesday, after two years of requests from shift workers.",
    "c",
)
TRAINS_CUT = article(
    "Metro Rail cuts weekend trains between Northfield and Ashby",
    "Metro Rail will cut weekend services between Northfield and Ashby during track repairs in "
    "March, the regional operator said, advising passengers to use replacement buses.",
    "d",
)
LIBRARY = article(
    "Northfield opens riverside library branch",
    "Northfield opened a new library branch on the riverside on Wednesday, with a children's "
    "reading room and a repair cafe, the town council said.",
    "e",
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (TRAINS_A, TRAINS_B, True),  # one event, two outlets, different words
        (TRAINS_A, TRAINS_COPY, True),  # a wire copy with another headline
        (TRAINS_A, TRAINS_CUT, False),  # same operator and towns, another story
        (TRAINS_A, LIBRARY, False),
        (TRAINS_B, TRAINS_CUT, False),
        (LIBRARY, LIBRARY, True),
    ],
)
def test_same_story(a, b, same):
    assert same_story(fingerprint(a), fingerprint(b)) is same
    assert same_story(fingerprint(b), fingerprint(a)) is same


def test_dedupe_keeps_the_fullest_version_in_the_first_place():
    early = dt.datetime(2026, 11, 25, 5, tzinfo=dt.UTC)
    late = dt.datetime(2026, 11, 25, 7, tzinfo=dt.UTC)
    short = article(TRAINS_B.title, TRAINS_B.text, "b", weight=3.0, published=late)
    full = article(TRAINS_A.title, TRAINS_A.text, "a", weight=1.0, published=early)
    kept, dropped = dedupe([short, LIBRARY, full, TRAINS_CUT])
    assert [a.source for a in kept] == ["a", "e", "d"]
    assert kept[0].weight == 3.0 and kept[0].published == late  # the best of both versions
    assert [a.source for a in dropped] == ["b"]


def test_freshness():
    assert freshness(NOW, NOW) == 1.0
    assert freshness(NOW - dt.timedelta(hours=24), NOW) == pytest.approx(0.5)
    assert freshness(None, NOW) == 0.5
    assert freshness(NOW + dt.timedelta(hours=2), NOW) == 1.0  # a clock ahead is not a bonus


def test_rank_by_weight_and_recency_ties_keep_order():
    old_heavy = article("a", "x", "old-heavy", weight=3.0, published=NOW - dt.timedelta(hours=24))
    new_light = article("b", "x", "new-light", weight=1.0, published=NOW)
    undated_1 = article("c", "x", "undated-1")
    undated_2 = article("d", "x", "undated-2")
    ranked = rank([undated_1, new_light, undated_2, old_heavy], NOW)
    assert [a.source for a in ranked] == ["old-heavy", "new-light", "undated-1", "undated-2"]


def _stories(n):
    return [Story(f"Story {i}", ("Words here.",), f"s{i}") for i in range(n)]


def test_fit_drops_the_lowest_ranked_until_it_fits():
    kept, dropped = fit(_stories(6), 3.2, lambda s: 30_000 + 40_000 * len(s))
    assert [s.title for s in kept] == ["Story 0", "Story 1", "Story 2", "Story 3"]
    assert [s.title for s in dropped] == ["Story 4", "Story 5"]


def test_fit_keeps_one_story_even_if_too_long():
    kept, dropped = fit(_stories(2), 1, lambda s: 100_000 * len(s))
    assert len(kept) == 1 and len(dropped) == 1
    kept, dropped = fit(_stories(3), 10, lambda s: 1)
    assert len(kept) == 3 and dropped == []


@pytest.mark.parametrize(
    ("count", "max_words", "budgets"),
    [
        (0, None, []),
        (1, None, [80]),
        (2, None, [80, 50]),
        (5, None, [80, 80, 50, 50, 50]),
        (10, None, [80] * 4 + [50] * 6),
        (3, 120, [120, 75, 75]),
        (3, 40, [40, 30, 30]),  # never under 30 words, never over the top
        (2, 10, [10, 10]),
    ],
)
def test_story_budgets_follow_rank(count, max_words, budgets):
    assert story_budgets(count, max_words) == budgets


@pytest.mark.parametrize("max_words", [None, 30, 45, 80, 120])
def test_a_story_has_two_lengths_at_most_whatever_its_rank(max_words):
    """A story's summary (hence its audio) may not follow its rank in each show: in a
    batch it is told, and rendered, once for each of two lengths."""
    budgets = {b for count in range(1, 40) for b in story_budgets(count, max_words)}
    assert budgets == set(story_lengths(max_words))


def test_two_lengths_keep_a_show_about_as_long_as_before():
    """Budgets once fell evenly from the top story (80 words) to half of it: a show of
    ten asked for 600 words; two lengths ask for about as many."""
    for count in (6, 9, 10, 12, 30):
        assert abs(sum(story_budgets(count)) / count - 60) <= 3


def test_the_top_story_runs_about_twice_as_long_as_the_last(eval_sample):
    """Every story once got the same budget: the lead no more time than a bridge repair."""
    from briefing.sources import parse_article
    from briefing.summarize import summarize_articles

    long_ones = [item for item in eval_sample if len(item["text"].split()) > 300][:6]
    articles = [parse_article(f"Story\n\n{item['text']}", f"{n}.txt")
                for n, item in enumerate(long_ones)]  # fmt: skip
    stories, skipped = summarize_articles(articles)
    lengths = [sum(len(s.split()) for s in story.sentences) for story in stories]
    assert not skipped and len(lengths) == len(long_ones) >= 4
    top, last = sum(lengths[:2]) / 2, sum(lengths[-2:]) / 2
    assert 1.4 <= top / last <= 3.5, lengths


def test_days_are_said_as_true_on_the_episode_day():
    from briefing.summarize import summarize_articles

    monday = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    text = (
        "The harbour master said on Sunday that the new quay would open in the spring, "
        "after three years of building work and many delays."
    )
    dated = Article("Quay to open", (text,), "a.txt", published=monday)
    undated = Article("Quay to open", (text,), "b.txt")
    for today, said in [
        (dt.date(2026, 11, 23), "said yesterday"),
        (dt.date(2026, 11, 25), "said on Sunday"),
        (dt.date(2026, 12, 1), "said on November 22"),
    ]:
        (story,), _ = summarize_articles([dated], today=today)
        assert said in story.sentences[0]
        (story,), _ = summarize_articles([undated], today=today)
        assert "said on Sunday" in story.sentences[0]  # no date: the words stay
