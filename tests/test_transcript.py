"""Transcript cues: splitting, timing from word marks, WebVTT and SRT output."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
import webvtt

from briefing.models import Cue, Segment, SegmentKind
from briefing.publish.transcript import (
    LINE_WIDTH,
    build_cues,
    estimate_marks,
    fits,
    segment_cues,
    speaker_label,
    split_for_cues,
    time_at,
    to_srt,
    to_vtt,
)
from briefing.tts import WordMark

LONG = (
    "Syrian President Bashar al-Assad said U.S. forces in Syria were invaders and he had "
    "yet to see anything concrete emerge from U.S. President Donald Trump's vow to "
    "prioritize the fight against Islamic State."
)


@pytest.mark.parametrize(
    ("sentence", "pieces"),
    [
        ("Short sentence.", ["Short sentence."]),
        ("x" * 200, ["x" * 200]),  # one long word cannot be cut
        (
            "The council voted on Tuesday to extend the tram network by 4.2 kilometres, "
            "ending nearly three years of debate over the route and its cost to the city.",
            [
                "The council voted on Tuesday to extend the tram network by 4.2 kilometres,",
                "ending nearly three years of debate over the route and its cost to the city.",
            ],
        ),
    ],
)
def test_split_for_cues_table(sentence, pieces):
    result = split_for_cues(sentence)
    assert [text.strip() for _, text in result] == pieces
    for offset, text in result:
        assert sentence[offset : offset + len(text)] == text


def test_long_sentence_pieces_fit_and_cover_it():
    pieces = split_for_cues(LONG)
    assert len(pieces) >= 2
    assert all(fits(text.strip()) for _, text in pieces)
    assert " ".join(t.strip() for _, t in pieces) == LONG


def test_estimate_marks_and_time_at():
    marks = estimate_marks("one two three", 1300)
    assert marks == (WordMark(0, 0), WordMark(4, 400), WordMark(8, 800))
    assert time_at(marks, 4) == 400
    assert time_at(marks, 5) == 800
    assert time_at(marks, 9) is None


def _segment(lines, voice="anchor"):
    return Segment(SegmentKind.STORY, "Story", tuple(lines), voice)


def test_segment_cues_follow_word_marks():
    segment = _segment(["First line here.", "Second line."])
    # Word offsets in "First line here. Second line.": 0, 6, 11, 17, 24
    marks = [
        WordMark(0, 100),
        WordMark(6, 400),
        WordMark(11, 700),
        WordMark(17, 1500),
        WordMark(24, 1900),
    ]
    cues = segment_cues(segment, 10_000, 2600, marks)
    assert cues == [
        Cue(10_100, 11_500, "First line here.", "anchor"),
        Cue(11_500, 12_600, "Second line.", "anchor"),
    ]


def test_segment_cues_without_marks_are_estimated_and_ordered():
    segment = _segment(["A first sentence that is here.", LONG, "Done."])
    cues = segment_cues(segment, 0, 20_000, [])
    assert len(cues) >= 4
    assert all(a.end_ms == b.start_ms for a, b in zip(cues, cues[1:], strict=False))
    assert cues[-1].end_ms == 20_000
    assert all(c.start_ms < c.end_ms for c in cues)


def test_build_cues_places_segments_on_the_track():
    a = _segment(["Hello there."], "anchor")
    b = _segment(["And now the news."], "correspondent")
    cues = build_cues([a, b], [2000, 9000], [3000, 4000], [[WordMark(0, 50)], [WordMark(0, 80)]])
    assert [(c.start_ms, c.end_ms, c.speaker) for c in cues] == [
        (2050, 5000, "anchor"),
        (9080, 13000, "correspondent"),
    ]


def _cues():
    return [
        Cue(1000, 4000, "Tom & Jerry <live> --> tonight", "anchor"),
        Cue(4000, 9500, LONG, "correspondent"),
        Cue(3_600_000, 3_601_234, "An hour in.", "anchor"),
    ]


def test_vtt_parses_with_voice_tags_and_escaping():
    text = to_vtt(_cues())
    assert text.startswith("WEBVTT\n\n")
    assert "<v Anchor>Tom &amp; Jerry &lt;live&gt; --&gt; tonight" in text
    assert "01:00:00.000 --> 01:00:01.234" in text
    captions = webvtt.from_buffer(io.StringIO(text))
    assert [c.start for c in captions] == ["00:00:01.000", "00:00:04.000", "01:00:00.000"]
    assert captions[0].voice == "Anchor"
    assert captions[1].voice == "Correspondent"
    for line in text.splitlines():
        assert len(line.replace("<v Correspondent>", "").replace("<v Anchor>", "")) <= LINE_WIDTH


def test_vtt_has_no_voice_tags_with_one_voice():
    cues = [Cue(0, 1000, "One voice only.", "anchor")]
    assert "<v " not in to_vtt(cues)
    assert "<v Anchor>" in to_vtt(cues, voice_tags=True)


def test_srt_parses():
    text = to_srt(_cues())
    assert text.startswith("1\n00:00:01,000 --> 00:00:04,000\nTom & Jerry <live> --> tonight\n")
    captions = webvtt.from_buffer(io.StringIO(text), format="srt")
    assert len(captions) == 3
    assert captions[2].start == "01:00:00.000"


@pytest.mark.parametrize(
    ("voice", "label"), [("anchor", "Anchor"), ("my>voice", "My voice"), ("", "Speaker")]
)
def test_speaker_label(voice, label):
    assert speaker_label(voice) == label


def test_the_host_who_hands_a_story_over_is_the_speaker_of_its_lead_lines():
    """The host reads "Also today. Joe Marsh reports."; the cues say so, then Joe."""
    from briefing.models import Segment, SegmentKind

    segment = Segment(
        SegmentKind.STORY,
        "Quay opens",
        ("Also today. Joe Marsh reports.", "The new quay opened on Monday."),
        "newsreader",
        lead=1,
        lead_voice="presenter",
    )
    cues = segment_cues(segment, 0, 4000, [])
    assert [c.speaker for c in cues] == ["presenter", "newsreader"]
    assert [c.speaker for c in segment_cues(replace(segment, lead_voice=""), 0, 4000, [])] == [
        "newsreader",
        "newsreader",
    ]
