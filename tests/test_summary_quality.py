"""The summary benchmark's own helpers (benchmarks/summary_quality.py): the cut of the lead
to a summary's words, the whole-sentence cut for listening, the paired bootstrap, the
folds, the listener check's two signatures and the one-line failure on a missing file.

benchmarks/ is not a package, so the module is loaded from its path. The sentences are
written for these tests.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from .helpers import load_benchmark

sq = load_benchmark("summary_quality")

LEAD = [
    "The council approved the new bridge on Monday.",  # 8 words
    "Work starts in May.",  # 4 words
    "It will cost four million pounds, officials said.",  # 8 words
]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, []),
        (3, ["The council approved"]),
        (8, ["The council approved the new bridge on Monday."]),
        (10, ["The council approved the new bridge on Monday.", "Work starts"]),
        (12, LEAD[:2]),
        (13, [*LEAD[:2], "It"]),
        (20, LEAD),
        (99, LEAD),  # the article runs out first
    ],
)
def test_cut_words_stops_mid_sentence_at_exactly_the_count(count, expected):
    cut = sq.cut_words(LEAD, count)
    assert cut == expected
    assert sq.word_total(cut) == min(count, sq.word_total(LEAD))


def test_cut_words_counts_whitespace_words_and_skips_empty_sentences():
    assert sq.cut_words(["", "  ", "A  B\tC D"], 3) == ["A B C"]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, []),
        (1, LEAD[:1]),
        (8, LEAD[:1]),
        (9, LEAD[:2]),
        (12, LEAD[:2]),
        (13, LEAD),
        (99, LEAD),
    ],
)
def test_whole_sentences_are_the_fewest_that_reach_the_count(count, expected):
    assert sq.whole_sentences(LEAD, count) == expected


def test_bootstrap_interval_of_a_constant_is_that_constant():
    low, high = sq.bootstrap_interval([0.5] * 40, rounds=200)
    assert low == pytest.approx(0.5) and high == pytest.approx(0.5)


def test_bootstrap_interval_holds_the_mean_and_narrows_with_more_articles():
    diffs = [(-1.0) ** n * (n % 7) + 0.3 for n in range(60)]
    low, high = sq.bootstrap_interval(diffs, rounds=2000)
    mean = sum(diffs) / len(diffs)
    assert low < mean < high
    wide = high - low
    low, high = sq.bootstrap_interval(diffs * 16, rounds=2000)
    assert low < mean < high
    assert high - low < wide / 2  # about a quarter: sqrt(16)


def test_bootstrap_interval_is_repeatable_and_empty_gives_no_interval():
    diffs = [1.0, -2.0, 0.5, 3.0, 0.0, -1.5]
    assert sq.bootstrap_interval(diffs, 500) == sq.bootstrap_interval(diffs, 500)
    assert all(math.isnan(value) for value in sq.bootstrap_interval([], 500))


def test_folds_are_stable_and_balanced():
    ids = [f"article-{n}" for n in range(2000)]
    folds = [sq.fold_of(item_id) for item_id in ids]
    assert folds == [sq.fold_of(item_id) for item_id in ids]
    assert set(folds) == set(range(sq.FOLDS))
    assert all(300 < folds.count(fold) < 500 for fold in range(sq.FOLDS))


@pytest.mark.parametrize(
    ("source", "group"),
    [
        ("cnn_dailymail/test", "cnn_dailymail"),
        ("cnn_dailymail/validation", "cnn_dailymail"),
        ("xsum/test", "xsum"),
        ("bbc_news_summary", "bbc"),
        (None, "all"),
    ],
)
def test_group_of(source, group):
    assert sq.group_of({"source": source}) == group


ITEM = {"id": "x", "title": "Bridge approved", "text": " ".join(LEAD)}


def test_listener_check_is_given_the_article_when_it_takes_one():
    calls = []

    def problems(summary, headline=None, article=None):
        calls.append((summary, headline, article))
        return ["dangling_ending"]

    check, takes_article = sq.listener(SimpleNamespace(problems=problems))
    assert takes_article
    assert check(LEAD[:1], ITEM) == ["dangling_ending"]
    assert calls == [(LEAD[:1], "Bridge approved", ITEM["text"])]


def test_an_older_listener_check_is_called_without_the_article():
    def problems(summary, headline=None):
        return [] if headline else ["opener_without_referent"]

    check, takes_article = sq.listener(SimpleNamespace(problems=problems))
    assert not takes_article
    assert check(LEAD, ITEM) == []


def test_read_sample_shows_headline_opening_summary_and_flags():
    items = [dict(ITEM, id=f"a{n}") for n in range(5)]
    text = sq.read_sample(items, 2, seed=1, check=lambda summary, item: ["run_in_caption"])
    assert text.count("headline: Bridge approved") == 2
    assert "article:  The council approved" in text
    assert "  - The council approved the new bridge on Monday." in text
    assert text.count("listener's check: run_in_caption") == 2
    assert text == sq.read_sample(items, 2, seed=1, check=lambda s, i: ["run_in_caption"])


@pytest.mark.parametrize("option", ["--data", "--train"])
def test_a_missing_data_file_is_one_line_and_exit_2(option, tmp_path, capsys):
    present = tmp_path / "present.jsonl"
    present.write_text('{"id": "a", "text": "One.", "reference": "One."}\n', encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    other = "--train" if option == "--data" else "--data"
    with pytest.raises(SystemExit) as exit_info:
        sq.main([option, str(missing), other, str(present)])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and str(missing) in error and option in error
