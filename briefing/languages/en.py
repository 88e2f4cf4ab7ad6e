"""English: the phrases, dates and counts briefing has always said."""

from __future__ import annotations

import datetime as dt

from ..text import ENGLISH_SENTENCES, STOPWORDS
from . import Language, Phrasebook, number_words

PHRASES = Phrasebook(
    welcome="Hello, and welcome to {show} for {date}.",
    host=" I'm {name}.",
    count="Today's briefing has {count}.",
    rundown="Coming up after our top story:",
    more="And {count}.",
    # Links into the first story, the middle ones and the last one: neutral words
    # that claim no relation between two stories, with "story" in none but the first.
    first=("First today.", "Our top story.", "We begin with this."),
    middle=("Next.", "Also today.", "Now this.", "Moving on.", "In other news."),
    last=("And finally.", "Finally today.", "And lastly."),
    handoffs=("Here's {name}.", "{name} reports.", "Over to {name}.", "{name} has the details."),
    thanks="Thanks, {name}.",
    origin="From {origin}.",
    recap="The headlines again.",
    outro=("That's the briefing for {date}.", "Thank you for listening to {show}."),
    quote="Quote: {text} End quote.",
    added="{speaker} added: {text}",
)


def spoken_date(date: dt.date) -> str:
    """The date as said aloud: "Wednesday, November twenty-fifth"."""
    return f"{date:%A}, {date:%B} {number_words(date.day, 'en', to='ordinal')}"


def spoken_count(n: int, noun: str) -> str:
    """ "one story", "five stories"."""
    words = number_words(n, "en")
    if n == 1:
        return f"{words} {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{words} {plural}"


LANGUAGE = Language(
    tag="en",
    name="English",
    phrases=PHRASES,
    spoken_date=spoken_date,
    count_stories=lambda n: spoken_count(n, "story"),
    count_more=lambda n: spoken_count(n, "more story"),
    sentences=ENGLISH_SENTENCES,
    stopwords=STOPWORDS,
    default_voice="presenter",
)
