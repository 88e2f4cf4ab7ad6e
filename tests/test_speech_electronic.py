"""Web addresses, e-mail addresses, hashtags and @handles (briefing/speech/electronic.py):
what is written -> what a newsreader says, and what is left alone."""

from __future__ import annotations

import time

import pytest

from briefing.speech import to_spoken
from briefing.speech.electronic import say_label, split_words, urls_and_emails


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # two-level and country domains: short labels that are no word are spelled
        ("See bbc.co.uk/news.", "See b b c dot co dot u k slash news."),
        ("Guidance is on gov.uk.", "Guidance is on gov dot u k."),
        ("Apply at ucas.ac.uk today.", "Apply at ucas dot a c dot u k today."),
        ("It is on lemonde.fr.", "It is on lemonde dot f r."),
        ("Read abc.net.au/news.", "Read a b c dot net dot a u slash news."),
        # "https://" goes unsaid; "www" is said when written
        ("Go to https://example.org/a/b.", "Go to example dot org slash a slash b."),
        ("Visit www.nhs.uk now.", "Visit w w w dot n h s dot u k now."),
        ("Get it from ftp.example.org.", "Get it from f t p dot example dot org."),
        (
            "Fetch ftp://files.example.org/x.",
            "Fetch f t p colon slash slash files dot example dot org slash x.",
        ),
        # joined words are split, joined capitals too
        ("Try thefreedictionary.com.", "Try the free dictionary dot com."),
        ("Sold on GreenShop.com.", "Sold on Green Shop dot com."),
        ("Read nytimes.com daily.", "Read n y times dot com daily."),
        # a path: dashes, underscores, digits one by one, file endings spelled
        (
            "See example.com/2024/06/rates-rise.html today.",
            "See example dot com slash two o two four slash o six slash rates dash rise dot h t m l today.",
        ),
        (
            "Open example.org/annual_report.pdf.",
            "Open example dot org slash annual underscore report dot p d f.",
        ),
        # e-mail
        ("Write to news@example.org.", "Write to news at example dot org."),
        ("Write to press@comune.it.", "Write to press at comune dot i t."),  # not "dot it"
        ("See www.ourdailynews.com.sm.", "See w w w dot our daily news dot com dot s m."),
        ("Email j.smith@bbc.co.uk.", "Email j dot smith at b b c dot co dot u k."),
        # hashtags and handles
        ("The #MeToo movement grew.", "The hashtag Me Too movement grew."),
        ("Marchers chanted #BlackLivesMatter.", "Marchers chanted hashtag Black Lives Matter."),
        ("It trended as #climatestrike.", "It trended as hashtag climate strike."),
        ("Follow @BBCBreaking for more.", "Follow at B B C Breaking for more."),
        # left alone: a missing space is no address, nor a number, a version or an initial
        ("He went.to bed.", "He went.to bed."),
        ("It rose 2.5 percent.", "It rose two point five percent."),
        ("The U.S. economy grew.", "The U S economy grew."),
        ("Ranked #1 again.", "Ranked number one again."),
    ],
)
def test_an_address_is_said_as_a_newsreader_reads_it(written, said):
    assert to_spoken(written, lexicon={}) == said


@pytest.mark.parametrize(
    ("label", "said"),
    [
        ("bbc", "b b c"),
        ("uk", "u k"),
        ("com", "com"),
        ("co", "co"),
        ("news", "news"),
        ("html", "h t m l"),
        ("MeToo", "Me Too"),
        ("nytimes", "n y times"),
        ("thefreedictionary", "the free dictionary"),
        ("datocapital", "datocapital"),  # "dato" is no word: said as written
        ("404", "four o four"),
    ],
)
def test_a_label_is_said_as_words_or_letters(label, said):
    assert say_label(label) == said


@pytest.mark.parametrize(
    ("joined", "words"),
    [
        ("blacklivesmatter", ("black", "lives", "matter")),
        ("climatestrike", ("climate", "strike")),
        ("xqzt", None),
        ("a" * 41, None),  # too long to try
    ],
)
def test_joined_words_split_in_the_fewest_words(joined, words):
    assert split_words(joined) == words


@pytest.mark.parametrize(
    "hostile",
    [
        "a." * 20_000,
        "a-" * 20_000 + ".com",
        "@" * 20_000 + "a.com",
        "#" + "a" * 40_000,
        "x.com/" + "a/" * 20_000,
        "a.b." * 10_000 + "@",
    ],
)
def test_hostile_text_takes_linear_time(hostile):
    # A bound against hanging only (the speed is a benchmark's): a pattern that backtracks
    # in the square of these 40 kB takes minutes.
    started = time.process_time()
    urls_and_emails(hostile)
    assert time.process_time() - started < 20
