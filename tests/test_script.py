"""Composing the show: spoken date, intro and rundown, transitions, voices, outro."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ear import held
from briefing.models import SegmentKind, Story
from briefing.script import (
    FIRST_TRANSITIONS,
    LAST_TRANSITIONS,
    MAX_HANDBACKS,
    as_spoken_line,
    attribute_quote,
    attribute_quotes,
    build_script,
    cast,
    for_the_ear_lines,
    rundown_headline,
    spoken_count,
    spoken_date,
    spoken_origin,
    story_transition,
)
from briefing.text import split_sentences, words

from .helpers import says_again

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "briefing" / "samples"
NAMES = {"anchor": "Sam Reyes", "correspondent": "Emma Ward"}

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
    assert "has three stories." in intro.text
    # The rundown: not the top story, whose headline is heard a few seconds later.
    assert "Headline number 1." not in intro.text
    for i in (2, 3):
        assert f"Headline number {i}." in intro.text
    story = script.segments[1]
    assert story.title == "Headline number 1"  # the chapter's title
    # The news is its first sentence: no headline before it.
    assert story.lines[story.lead :] == ("Sentence one of story 1.", "Sentence two.")
    assert "Headline number 1" not in story.text
    outro = script.segments[-1]
    assert "Morning Brief" in outro.text and "November twenty-fifth" in outro.text


def test_transitions_vary_and_are_deterministic():
    script = build_script(_stories(6), date=DATE)
    transitions = [seg.lines[: seg.lead] for seg in script.stories]
    assert transitions == [
        seg.lines[: seg.lead] for seg in build_script(_stories(6), date=DATE).stories
    ]
    # Another day opens differently.
    other = build_script(_stories(6), date=DATE + dt.timedelta(days=1))
    assert [seg.lines[: seg.lead] for seg in other.stories] != transitions


@pytest.mark.parametrize("total", [1, 2, 3, 8])
def test_first_and_last_transitions(total):
    first = story_transition(0, total, DATE)
    assert first in FIRST_TRANSITIONS
    if total > 2:
        assert story_transition(total - 1, total, DATE) in LAST_TRANSITIONS


def test_links_never_repeat_in_a_row_never_count_and_leave_beats():
    for total in (2, 5, 9, 12, 20):
        for day in range(7):
            links = [
                story_transition(p, total, DATE + dt.timedelta(days=day)) for p in range(total)
            ]
            said = [link for link in links if link]
            assert all(a != b for a, b in zip(said, said[1:], strict=False)), links
            assert not any(re.search(r"\b(?:second|third|\w+th) story\b", link) for link in links)
            assert all(link.lower().count("story") <= 1 for link in links)
            if total > 3:  # most middle stories move on with a beat
                middle = links[1:-1]
                assert middle.count("") >= len(middle) // 2, links


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
    assert "Headline number 4." in intro
    assert "Headline number 5." not in intro
    assert "And five more stories." in intro


@pytest.mark.parametrize(
    ("rundown", "shown", "more"),
    [(0, [], ""), (1, [2], "And seven more stories."), (5, [2, 3, 4, 5, 6], "And three more")],
)
def test_rundown_length_is_a_keyword(rundown, shown, more):
    intro = build_script(_stories(9), date=DATE, rundown=rundown).segments[0].text
    assert [i for i in range(1, 10) if f"Headline number {i}." in intro] == shown
    assert more in intro


def test_headlines_again_before_the_outro_when_asked():
    plain = build_script(_stories(5), date=DATE).segments[-1]
    assert "The headlines again." not in plain.lines
    outro = build_script(_stories(5), date=DATE, recap=True).segments[-1].lines
    start = outro.index("The headlines again.")
    # the top three, then the goodbye; the last story (just heard) is not among them
    assert outro[start + 1 : start + 4] == tuple(f"Headline number {i}." for i in (1, 2, 3))
    assert outro[-2].startswith("That's the briefing")
    one = build_script(_stories(1), date=DATE, recap=True).segments[-1].lines
    assert "The headlines again." not in one


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


@pytest.mark.parametrize(
    ("headline", "lead", "restated"),
    [
        # the lead starts with the headline (a headline made from the first sentence)
        (
            "ESPN's Britt McHenry this week found herself in the news",
            "ESPN's Britt McHenry this week found herself in the news, rather than reporting it.",
            True,
        ),
        (
            "A man has died in a road accident in north…",
            "A man has died in a road accident in north west China.",
            True,
        ),  # fmt: skip
        # most of its content words
        (
            "Coffee roasters prepare to raise prices as bean costs hit 14-year high",
            "Independent coffee roasters are preparing to raise prices after bean costs hit a "
            "14-year high.",
            True,
        ),
        # a headline the lead tells in other words is kept
        (
            "Harbour bridge reopens after repairs",
            "The harbour bridge reopened to traffic on Monday after eight months of repairs.",
            False,
        ),
        (
            "Library extends opening hours for exam season",
            "The central library will stay open until midnight for the next six weeks.",
            False,
        ),
        # a one- or two-word label is no restatement
        ("Alpha", "Alpha happened today.", False),
        ("Weather warning", "Weather warning for the coast tonight.", False),
    ],
)
def test_says_again(headline, lead, restated):
    """The tests' own measure of a line said twice (a headline and its lead)."""
    assert says_again(headline, lead) is restated


@pytest.mark.parametrize(
    ("sentence", "attributed"),
    [
        (
            '"I think X," said Ellen Stofan of NASA.',
            'Ellen Stofan of NASA said: "I think X."',
        ),
        (
            "\u201cWe will build it,\u201d the mayor said on Tuesday.",
            'The mayor said on Tuesday: "We will build it."',
        ),
        ('"Why now?" she asked.', 'She asked: "Why now?"'),
        (
            '"It is over," Smith told reporters.',
            'Smith told reporters: "It is over."',
        ),
        # already attributed first, a quote inside a sentence, or no speaker: unchanged
        ('Stofan said: "I think X."', 'Stofan said: "I think X."'),
        ('He called them "invaders" on Monday.', 'He called them "invaders" on Monday.'),
        ('"Invaders" is the word he used.', '"Invaders" is the word he used.'),
        ("No quotation here.", "No quotation here."),
    ],
)
def test_attribute_quote(sentence, attributed):
    assert attribute_quote(sentence) == attributed


VALTERSEN = (
    '"People moving into the harbour district should not have to choose between buying a car '
    'and taking a long walk to the nearest stop," said transport commissioner Ingrid Valtersen.'
)


@pytest.mark.parametrize(
    ("sentences", "attributed"),
    [
        # a sample article's quotation, and the one that follows it
        (
            (VALTERSEN, '"This line will give them a direct connection to the city centre."'),
            (
                'Transport commissioner Ingrid Valtersen said: "People moving into the harbour '
                "district should not have to choose between buying a car and taking a long walk "
                'to the nearest stop."',
                'Valtersen added: "This line will give them a direct connection to the city '
                'centre."',
            ),
        ),
        # a quotation over two sentences, its speaker named at its end
        (
            ('"We are ready.', 'The work starts on Monday," said Ellen Stofan of NASA.', "Next."),
            ('Ellen Stofan of NASA said: "We are ready.', 'The work starts on Monday."', "Next."),
        ),
        # no speaker anywhere near: a spoken cue
        (
            ("The council met.", '"Nobody wants this."'),
            ("The council met.", 'Quote: "Nobody wants this." End quote.'),
        ),
        # "added" only right after the speaker's own quotation
        (
            ('"Yes," he said.', "The vote was close.", '"Maybe."'),
            ('He said: "Yes."', "The vote was close.", 'Quote: "Maybe." End quote.'),
        ),
        (("No quotes at all.", "None."), ("No quotes at all.", "None.")),
    ],
)
def test_attribute_quotes(sentences, attributed):
    assert attribute_quotes(sentences) == attributed


@pytest.mark.parametrize(
    ("origin", "source", "spoken"),
    [
        ("Reuters", "https://www.reuters.com/world/x", "Reuters"),
        ("", "https://www.bbc.co.uk/news/articles/x", "BBC"),
        ("", "https://edition.cnn.com/2015/04/07/bb-king", "CNN"),
        ("", "https://feeds.bbci.co.uk/news/rss.xml", "BBCI"),
        ("", "http://web.archive.org/web/2015id_/http://www.bbc.co.uk/sport/x.html", "BBC"),
        # A host's longer label is no name: silence, not "From Latimes." (the source's own
        # name, its feed's title or its page's og:site_name, is said when it has one).
        ("https://feeds.reuters.com/world.rss", "https://x.org/a", ""),
        ("", "http://web.archive.org/web/2015id_/http://www.dailymail.co.uk/sport/x.html", ""),
        ("", "https://www.theguardian.com/world", ""),
        ("", "https://www.latimes.com/california/story/x", ""),
        ("", "https://www.cbsnews.com/news/x/", ""),
        ("", "https://diem25.org/x", ""),
        # Never an address or a bare host: "From 0." was said for a feed on 127.0.0.1.
        ("http://127.0.0.1:8123/feed.xml", "http://127.0.0.1:8123/a", ""),
        ("", "http://127.0.0.1:8123/a", ""),
        ("", "http://[::1]:8123/a", ""),
        ("", "http://localhost:8000/a", ""),
        # A host prefix is no site's name: "From NEWS." was said for news.invalid.
        ("", "http://news.invalid/1", ""),
        ("", "https://www.example/x", ""),
        ("", "http://10.0.0.7/feed.xml", ""),
        ("127.0.0.1", "http://127.0.0.1/a", ""),
        ("::1", "http://[::1]/a", ""),
        ("[FE80::1]", "http://[fe80::1]/a", ""),
        ("latimes.com", "https://www.latimes.com/a", ""),
        # What the source calls itself: the config's name, a feed's title, a page's site name.
        ("BBC News", "https://www.bbc.co.uk/a", "BBC News"),
        ("Los Angeles Times", "https://www.latimes.com/a", "Los Angeles Times"),
        ("Reuters: World News", "https://www.reuters.com/a", "Reuters: World News"),
        ("BBC News - World", "https://www.bbc.co.uk/a", "BBC News - World"),
        ("NYT > World News", "https://www.nytimes.com/a", "NYT: World News"),
        ("Northfield Gazette", "http://127.0.0.1:8123/a", "Northfield Gazette"),
        ("A " + "very " * 30 + "long name", "https://x.org/a", "A" + " very" * 11 + "…"),
        ("news/wire", "news/wire/a.txt", ""),  # a folder and a file path are never said
        ("a.txt", "a.txt", ""),
        ("saved-articles", "saved-articles/a.txt", ""),  # a folder given without a slash
        ("News", "News/a.txt", ""),
        ("<stdin>", "<stdin>", ""),
        ("", "", ""),
    ],
)
def test_spoken_origin(origin, source, spoken):
    assert spoken_origin(origin, source) == spoken


@pytest.mark.parametrize(
    ("voices", "names", "readers"),
    [
        (["anchor", "correspondent"], None, ("anchor", "correspondent")),
        (["anchor", "correspondent"], NAMES, ("anchor", "correspondent")),
        (["anchor", "correspondent"], {"anchor": "Sam Reyes"}, ("anchor",)),  # never unnamed
        (["anchor", "system", "correspondent"], NAMES, ("anchor", "correspondent")),
        (["anchor"], {}, ("anchor",)),
    ],
)
def test_cast(voices, names, readers):
    assert cast(voices, names) == readers


def test_origin_is_said_once_a_run_of_stories_from_it():
    stories = [
        Story("Headline number one", ("Sentence one.",), "https://www.bbc.co.uk/a"),
        Story("Headline number two", ("Sentence two.",), "https://www.bbc.co.uk/b"),
        Story("Headline number three", ("Sentence three.",), "x.txt", origin="Reuters"),
    ]
    leads = [seg.lines[: seg.lead] for seg in build_script(stories, date=DATE).stories]
    assert "From BBC." in leads[0] and not any("From" in line for line in leads[1])
    assert "From Reuters." in leads[2]


# -- the show made from real articles ---------------------------------------------------


@pytest.fixture(scope="module")
def real_stories() -> list[Story]:
    from briefing.sources.files import parse_article, read_article
    from briefing.summarize import summarize_article

    articles = [read_article(p) for p in sorted(SAMPLES.glob("*.txt"))]
    articles.append(read_article(FIXTURES / "seed-reuters-assad.txt"))
    with (FIXTURES / "eval-sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            articles.append(parse_article(item["text"], item["id"]))
    return [summarize_article(article) for article in articles]


def _heard(script) -> list[tuple[str, str]]:
    """Every line in listening order, with the voice that says it."""
    return [
        (line, (seg.lead_voice or seg.voice) if i < seg.lead else seg.voice)
        for seg in script.segments
        for i, line in enumerate(seg.lines)
    ]


@pytest.mark.parametrize("day", range(7))
def test_real_show_says_nothing_twice_in_a_row(real_stories, day):
    script = build_script(
        real_stories, date=DATE + dt.timedelta(days=day), voices=list(NAMES), names=NAMES,
        recap=True,
    )  # fmt: skip
    lines = [line for line, _ in _heard(script)]
    for before, after in zip(lines, lines[1:], strict=False):
        assert not says_again(before, after), (before, after)
    # no story reads its headline: its first sentence is the news
    for seg, story in zip(script.stories, real_stories, strict=True):
        assert seg.lines[seg.lead :] == for_the_ear_lines(attribute_quotes(story.sentences))


@pytest.mark.parametrize("day", range(7))
def test_real_show_names_every_voice_before_it_speaks(real_stories, day):
    script = build_script(
        real_stories, date=DATE + dt.timedelta(days=day), voices=list(NAMES), names=NAMES
    )
    heard = _heard(script)
    host = script.segments[0].voice
    assert {voice for _, voice in heard} == {"anchor", "correspondent"}
    for (before, was), (_, now) in zip(heard, heard[1:], strict=False):
        if now != was and now != host:  # the host has just said the new voice's name
            assert NAMES[now] in before, (before, now)
    for seg in script.stories:
        if seg.voice != host:
            assert seg.lead_voice == host  # the correspondent never reads its own link
            assert seg.lines[0].startswith("Thanks, ") is False
    # the host takes the show back, "Thanks, Emma.", at most twice an episode
    after = [
        seg for prev, seg in zip(script.segments, script.segments[1:], strict=False)
        if prev.kind is SegmentKind.STORY and prev.voice != host
    ]  # fmt: skip
    thanks = [seg for seg in after if seg.lines[0] == "Thanks, Emma."]
    assert after and 1 <= len(thanks) <= MAX_HANDBACKS
    assert sum(line.startswith("Thanks, ") for line, _ in heard) <= MAX_HANDBACKS


@pytest.mark.parametrize("day", range(7))
def test_real_show_never_repeats_a_link_in_a_row(real_stories, day):
    script = build_script(real_stories, date=DATE + dt.timedelta(days=day))
    links = [line for seg in script.stories for line in seg.lines[: seg.lead]]
    assert all(a != b for a, b in zip(links, links[1:], strict=False)), links
    assert not {"Meanwhile."} & set(links)


def test_real_quotes_name_their_speaker_first(real_stories):
    from briefing.summarize import candidate_sentences

    # The real quotation of a fixture article, told as a story's lead whichever
    # sentences the summarizer happens to choose.
    with (FIXTURES / "eval-sample.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    quote = next(
        s for t in texts for s in candidate_sentences(t) if s.startswith("\"I think we're going")
    )
    # 43 words: as the summarizer holds it, without where she said it.
    said = held(quote)
    assert said is not None and said.endswith("Ellen Stofan said Tuesday.")
    story = Story(title="Alien life within a decade", sentences=(said,), source="fixture")
    script = build_script([*real_stories[:2], story], date=DATE)
    text = script.to_text()
    assert 'NASA chief scientist Ellen Stofan said Tuesday: "I think' in text
    assert "\n\"I think we're going to have" not in text


def test_without_names_the_script_is_as_before():
    script = build_script(_stories(3), date=DATE, voices=["anchor", "correspondent"])
    assert all(seg.lead <= 1 and not seg.lead_voice for seg in script.stories)
    assert not any("Thanks" in line for seg in script.segments for line in seg.lines)


@pytest.mark.parametrize(
    ("title", "read"),
    [
        ("April 8, 2014, the WHO finally started reporting cases", "The WHO finally started reporting cases."),
        ("March 18, 2015 . Israelis have voted in an election", "Israelis have voted in an election."),
        ("On the 6th of April 1996, San Jose Clash and DC United strode out", "San Jose Clash and DC United strode out."),
        ("On Tuesday, March 3, 2015: Netanyahu addresses Congress", "Netanyahu addresses Congress."),
        ("17 March - Ireland celebrates", "Ireland celebrates."),
        # a date that is the headline's subject, not its opener, stays
        ("April 8 is the deadline for tax returns", "April 8 is the deadline for tax returns."),
        ("March 2015 was the warmest on record", "March 2015 was the warmest on record."),
        ("Here are six of CNN's best videos of the week", ""),
        ("Photos show the damage after the storm", ""),
        ("Harbour bridge reopens after repairs", "Harbour bridge reopens after repairs."),
        ("May Day marchers fill the streets", "May Day marchers fill the streets."),
        ("Watchdog fines bank over mis-selling", "Watchdog fines bank over mis-selling."),
    ],
)  # fmt: skip
def test_rundown_headline(title, read):
    from briefing.script import rundown_headline

    assert rundown_headline(title) == read


def test_the_rundown_leaves_out_a_headline_unfit_to_read():
    stories = _stories(4)
    stories[1] = Story("Here are six of CNN's best videos of the week", ("A video.",), "s1")
    stories[2] = Story("April 8, 2014, the WHO finally started reporting", ("Cases rose.",), "s2")
    intro = build_script(stories, date=DATE).segments[0].lines
    assert "The WHO finally started reporting." in intro
    assert not any("Here are" in line or "April 8" in line for line in intro)
    assert intro[-1] == "And one more story."


# --- Nothing said over 40 words ---------------------------------------------------------


def _longest(script) -> int:
    return max(
        len(words(s))
        for seg in script.segments
        for line in seg.lines
        for s in split_sentences(line)
    )


def test_a_story_sentence_is_said_as_a_listener_can_hold_it():
    long = (
        "The rail strike planned for next week has been called off after the operators made "
        "a late pay offer that the union's executive accepted on Sunday evening, and the union "
        "said its members would vote on the offer in a ballot that closes in the new year."
    )
    quote = (  # a quotation of 44 words no cut may enter
        '"We are playing exciting football and it is a magnificent result to keep us in the top '
        "five of the table but how well we do depends on how often we can get our best team "
        'out on the pitch this season," McClaren said.'
    )
    said = for_the_ear_lines((long, quote, "Some 3,862 people were moved."))
    assert said == (
        "The rail strike planned for next week has been called off after the operators made "
        "a late pay offer that the union's executive accepted on Sunday evening.",
        "And the union said its members would vote on the offer in a ballot that closes in "
        "the new year.",
        "Some 3,900 people were moved.",
    )
    # A story with nothing a listener can hold is told by its headline.
    script = build_script([Story("Strike off", (quote,), "s")], date=DATE)
    assert script.stories[0].lines[script.stories[0].lead :] == ("Strike off.",)


def test_a_headline_over_40_words_is_left_out_of_the_rundown():
    title = " ".join(["word"] * 41)
    assert rundown_headline(title) == ""
    assert rundown_headline(" ".join(["word"] * 40)) == " ".join(["Word", *["word"] * 39]) + "."


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "Alpha", "the council's", "3,862", "(CNN)", "--", "said"]),
            st.integers(1, 90),
        ),
        min_size=1,
        max_size=4,
    ),
    st.integers(1, 60),
    st.integers(1, 30),
)
def test_no_sentence_the_show_says_is_over_40_words(runs, show_words, name_words):
    """Whatever the stories, headlines, show and voice names, however long and however
    written: the script says no sentence over 40 words."""
    text = " ".join(" ".join([word] * count) for word, count in runs)
    stories = [
        Story(text, (text + ".", "A short one."), "a"),
        Story(text[:200], (), "b"),
        Story("Short", (text + ".",), "c"),
    ]
    names = {"anchor": " ".join(["Sam"] * name_words), "correspondent": "Emma Ward"}
    script = build_script(
        stories, date=DATE, show=" ".join(["Show"] * show_words),
        voices=["anchor", "correspondent"], names=names, recap=True,
    )  # fmt: skip
    assert _longest(script) <= 40
    assert all(seg.lines for seg in script.segments)
