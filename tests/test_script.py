"""Composing the show: spoken date, intro and rundown, transitions, voices, outro."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.models import SegmentKind, Story
from briefing.script import (
    as_spoken_line,
    build_script,
    spoken_count,
    spoken_date,
    story_transition,
)

DATE = dt.date(2026, 11, 25)


def _stories(n: int) -> list[Story]:
    return [
        Story(
            f"Headline number {i + 1}",
            (f"Sentence one of story {i + 1}.", "Sentence two."),
            f"s{i}",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("date", "spoken"),
    [
        (dt.date(2026, 11, 25), "Wednesday, November twenty-fifth"),
        (dt.date(2026, 1, 1), "Thursday, January first"),
        (dt.date(2026, 3, 2), "Monday, March second"),
        (dt.date(2026, 5, 3), "Sunday, May third"),
        (dt.date(2026, 7, 11), "Saturday, July eleventh"),
        (dt.date(2026, 8, 22), "Saturday, August twenty-second"),
        (dt.date(2026, 12, 31), "Thursday, December thirty-first"),
    ],
)
def test_spoken_date(date, spoken):
    assert spoken_date(date) == spoken


@pytest.mark.parametrize(
    ("n", "noun", "spoken"),
    [
        (1, "story", "one story"),
        (5, "story", "five stories"),
        (2, "more story", "two more stories"),
    ],
)
def test_spoken_count(n, noun, spoken):
    assert spoken_count(n, noun) == spoken


@pytest.mark.parametrize(
    ("line", "spoken"),
    [("Markets rally", "Markets rally."), ("Is it over?", "Is it over?"), ("Done.", "Done.")],
)
def test_as_spoken_line(line, spoken):
    assert as_spoken_line(line) == spoken


def test_script_shape():
    script = build_script(_stories(3), date=DATE, show="Morning Brief", voices=["anchor"])
    kinds = [s.kind for s in script.segments]
    assert kinds == [
        SegmentKind.INTRO,
        SegmentKind.STORY,
        SegmentKind.STORY,
        SegmentKind.STORY,
        SegmentKind.OUTRO,
    ]
    intro = script.segments[0]
    assert "Morning Brief" in intro.text
    assert "Wednesday, November twenty-fifth" in intro.text
    assert "three stories" in intro.text
    for i in range(3):
        assert f"Headline number {i + 1}." in intro.text  # the rundown
    story = script.segments[1]
    assert story.title == "Headline number 1"
    assert story.lines[1] == "Headline number 1."
    assert story.lines[2:] == ("Sentence one of story 1.", "Sentence two.")
    outro = script.segments[-1]
    assert "Morning Brief" in outro.text and "November twenty-fifth" in outro.text


def test_transitions_vary_and_are_deterministic():
    script = build_script(_stories(6), date=DATE)
    transitions = [seg.lines[0] for seg in script.stories]
    assert len(set(transitions)) == len(transitions)
    assert transitions == [seg.lines[0] for seg in build_script(_stories(6), date=DATE).stories]
    # Another day opens differently.
    other = build_script(_stories(6), date=DATE + dt.timedelta(days=1))
    assert [seg.lines[0] for seg in other.stories] != transitions


@pytest.mark.parametrize("total", [1, 2, 3, 8])
def test_first_and_last_transitions(total):
    first = story_transition(0, total, DATE)
    assert first in ("First today.", "Our top story.", "We begin with this.")
    if total > 2:
        assert "inally" in story_transition(
            total - 1, total, DATE
        ) or "one more" in story_transition(total - 1, total, DATE)


def test_voices_alternate_between_stories_and_first_voice_hosts():
    script = build_script(_stories(4), date=DATE, voices=["anchor", "correspondent"])
    assert script.segments[0].voice == "anchor"
    assert [s.voice for s in script.stories] == [
        "anchor",
        "correspondent",
        "anchor",
        "correspondent",
    ]
    assert script.segments[-1].voice == "anchor"


def test_rundown_is_limited_for_long_shows():
    script = build_script(_stories(9), date=DATE)
    intro = script.segments[0].text
    assert "Headline number 6." in intro
    assert "Headline number 7." not in intro
    assert "And three more stories." in intro


def test_to_text_has_every_line():
    script = build_script(_stories(2), date=DATE)
    text = script.to_text()
    for segment in script.segments:
        for line in segment.lines:
            assert line in text


def test_needs_stories_and_voices():
    with pytest.raises(ValueError):
        build_script([], date=DATE)
    with pytest.raises(ValueError):
        build_script(_stories(1), date=DATE, voices=[])
