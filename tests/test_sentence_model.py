"""The learned sentence scorer: its features, its weights file, and the training
script that rebuilds the weights byte for byte."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.sentence_model import (
    CHOICE_FEATURES,
    FEATURES,
    STATIC_FEATURES,
    Scorer,
    candidates,
    choice_features,
    default_scorer,
)
from briefing.summarize import leans_back, points_at_picture, summarize

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _train_module():
    spec = importlib.util.spec_from_file_location(
        "train_scorer", ROOT / "benchmarks" / "train_scorer.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_shipped_weights_name_every_feature_and_are_small():
    scorer = default_scorer()
    assert scorer.features == FEATURES
    assert len(scorer.weights) == len(scorer.mean) == len(scorer.scale) == len(FEATURES)
    assert all(s > 0 for s in scorer.scale)
    path = ROOT / "briefing" / "data" / "sentence_scorer.json"
    assert path.stat().st_size < 10_000
    # The model learned that news puts what matters first and that repeats add nothing.
    weight = dict(zip(scorer.features, scorer.weights, strict=True))
    assert weight["inverse_position"] > 0 or weight["log_position"] < 0
    assert weight["trigram_repeat"] < 0


def test_weights_for_other_features_are_refused_with_a_way_out():
    data = json.loads(default_scorer().to_json())
    data["features"] = data["features"][:-1] + ["something_else"]
    with pytest.raises(BriefingError, match="train_scorer.py"):
        Scorer.from_json(json.dumps(data))


def test_scorer_round_trips_through_json():
    scorer = default_scorer()
    assert Scorer.from_json(scorer.to_json()) == scorer


def test_features_of_an_article():
    sentences = [
        "The council approved a new tram line to the harbour on Tuesday.",
        "He said the work would start in May and cost 40 million euros.",
        '"It is a great day for the city," the mayor said.',
        "Suspended: a picture of the mayor",
    ]
    found = candidates(sentences, "Council approves tram line to harbour", frozenset({0, 2}))
    assert [c.index for c in found] == [0, 1, 2, 3]
    assert all(len(c.static) == len(STATIC_FEATURES) for c in found)
    first, second, quote, caption = (
        dict(zip(STATIC_FEATURES, c.static, strict=True)) for c in found
    )
    assert first["first"] == 1.0 and second["second"] == 1.0
    assert first["headline_overlap"] > 0.5 and first["headline_missing"] == 0.0
    assert second["pronoun_opener"] == 1.0 and second["numbers"] > 0
    assert quote["quote"] == quote["opens_quote"] == quote["speech_verb"] == 1.0
    assert caption["caption"] == 1.0
    assert first["paragraph_first"] == quote["paragraph_first"] == 1.0
    assert second["paragraph_first"] == 0.0
    untitled = dict(zip(STATIC_FEATURES, candidates(sentences)[0].static, strict=True))
    assert untitled["headline_missing"] == 1.0 and untitled["headline_overlap"] == 0.0


def test_choice_features_measure_what_a_sentence_adds():
    a, b = candidates(
        [
            "The council approved a new tram line to the harbour on Tuesday.",
            "The council approved a new tram line to the harbour district.",
        ]
    )
    fresh = dict(zip(CHOICE_FEATURES, choice_features(b, frozenset(), frozenset()), strict=True))
    assert fresh == {"redundancy": 0.0, "trigram_repeat": 0.0, "nothing_chosen": 1.0}
    after = dict(zip(CHOICE_FEATURES, choice_features(b, a.terms, a.trigrams), strict=True))
    assert after["redundancy"] > 0.7 and after["trigram_repeat"] > 0.5
    assert after["nothing_chosen"] == 0.0


def test_a_sentence_that_leans_back_comes_only_after_the_one_it_leans_on():
    text = (
        "The city council approved a tram line to the harbour district on Tuesday night.\n\n"
        "Engineers expect the first trams to run on the new line within three years.\n\n"
        "But residents of the old town say the works will block their streets for months.\n\n"
        "The line will cost 40 million euros, paid for by the regional government in full."
    )
    for limit in (1, 2, 3):
        summary = summarize(text, max_sentences=limit)
        for n, sentence in enumerate(summary):
            if leans_back(sentence):
                before = text.split("\n\n")
                assert n > 0 and summary[n - 1] == before[before.index(sentence) - 1]


@pytest.mark.parametrize(
    ("sentence", "title", "leans"),
    [
        ("The victim was killed on Wednesday about a mile from a campground.", None, True),
        (
            "The victim was killed on Wednesday about a mile from a campground.",
            "Bear kills victim near campground",
            False,
        ),
        ("The 21-year-old joined the club on loan in February.", None, True),
        ("The Frenchman will oversee two qualifiers against Cape Verde.", None, True),
        ("This bundle of joy was a special surprise for the farmers.", None, True),
        ("This week the council approved the budget for next year.", None, False),
        ("Both blasts went off on a busy road north of the city.", None, True),
        ("Most are being taken to the province, where aid groups work.", None, True),
        ("The government said the budget would be published in May.", None, False),
        ("Now Riddick Bowe has found himself tweeting birthday messages.", None, True),
    ],
)
def test_leans_back_with_a_headline(sentence, title, leans):
    assert leans_back(sentence, title) is leans


@pytest.mark.parametrize(
    ("sentence", "points"),
    [
        ("These colourful scenes were captured by a photographer at the festival.", True),
        ("A programmer has created these stunning graphs of the colours of art.", True),
        ("The plot above is based on 94,526 images for the years 1800-2000.", True),
        ("The mayor, pictured here with her husband, opened the bridge.", True),
        ("The photo agency said it had sold more pictures this year than last.", False),
        ("The council approved the plan on Tuesday.", False),
        ("This video game sold a million copies in a week.", False),
    ],
)
def test_points_at_picture(sentence, points):
    assert points_at_picture(sentence) is points


def test_training_is_deterministic_and_learns_from_the_oracle(tmp_path):
    """Two runs of the training script on the same file write the same bytes; the
    oracle picks the sentences that best match the reference."""
    train = _train_module()
    data = FIXTURES / "eval-sample.jsonl"
    outs = []
    for run in range(2):
        out = tmp_path / f"weights-{run}.json"
        train.main_with(["--data", str(data), "--out", str(out)])
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    scorer = Scorer.from_json(outs[0].decode("utf-8"))
    assert scorer.features == FEATURES
    tokens = [["the", "council", "vote"], ["rain", "fell"], ["council", "vote", "tram"]]
    assert train.greedy_oracle(tokens, ["council", "vote", "tram", "line"]) == [2]
