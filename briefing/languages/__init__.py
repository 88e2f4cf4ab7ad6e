"""Languages: one value that knows what a show's language changes, for every stage.

A ``Language`` is looked up by the show's tag (``get_language("de-AT")``: by its first
subtag) and handed to the stages that need it: the script's phrases (``Phrasebook``),
the spoken date and counts, the sentence splitter's abbreviations
(``text.SentenceRules``), the summarizer's stopwords, the day words ("gestern",
"ayer"), the number words ``speech`` says numbers with (``NumberWords``) and the
default voice. Each language is a module of this package (``en``, ``de``, ``es``)
holding one ``LANGUAGE``, imported only when a show asks for it: adding a language is
adding one module here and naming it in ``KNOWN`` (see the README).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import LanguageError
from ..models import Show
from ..text import DayWords, SentenceRules

#: The languages briefing speaks, by tag: each a module of this package.
KNOWN = ("de", "en", "es")


@dataclass(frozen=True)
class Phrasebook:
    """What the host says, written by hand for the ear in each language. ``{show}``,
    ``{date}``, ``{name}``, ``{count}``, ``{origin}``, ``{text}``, ``{speaker}`` are
    filled in."""

    welcome: str
    """The greeting: "Hello, and welcome to {show} for {date}." """
    host: str
    """Said after it when the host has a name: " I'm {name}." """
    count: str
    """ "Today's briefing has {count}." (``Language.count_stories``)"""
    rundown: str
    """Before the headlines to come: "Coming up after our top story:" """
    more: str
    """After them: "And {count}." (``Language.count_more``)"""
    first: tuple[str, ...]
    """Links into the first story, rotated by the date."""
    middle: tuple[str, ...]
    """Links into a middle story (every other one has none: a beat)."""
    last: tuple[str, ...]
    """Links into the last story."""
    handoffs: tuple[str, ...]
    """How the host hands a story to another voice: "Over to {name}." """
    thanks: str
    """The host takes the show back: "Thanks, {name}." """
    origin: str
    """Who a story comes from: "From {origin}." """
    recap: str
    """Before the headlines again: "The headlines again." """
    outro: tuple[str, ...]
    """The last lines: "That's the briefing for {date}.", "Thank you for listening to {show}." """
    quote: str
    """A quotation whose speaker is not known: "Quote: {text} End quote." """
    added: str
    """A quotation by the speaker of the one before: "{speaker} added: {text}" """


@dataclass(frozen=True)
class NumberWords:
    """How numbers are written and said in a language (``speech.localized`` reads them)."""

    num2words: str
    """num2words' language code."""
    decimal_mark: str
    """The written decimal separator: "," in German and Spanish."""
    group_mark: str
    """The written thousands separator: "." (also a space, always)."""
    decimal_word: str
    """The said separator: "Komma", "coma"."""
    percent: str
    """ "Prozent", "por ciento"."""
    minus: str
    """ "minus", "menos"."""
    currencies: tuple[tuple[str, str, str], ...]
    """(symbol or code, singular, plural): ("€", "Euro", "Euro")."""
    cents: tuple[str, str]
    """The hundredth of a currency, singular and plural."""
    million: tuple[str, str, str]
    """(written abbreviation, singular, plural): ("Mio.", "Million", "Millionen")."""
    billion: tuple[str, str, str]
    """The same for a thousand millions: ("Mrd.", "Milliarde", "Milliarden")."""
    months: tuple[str, ...]
    """The months' names, January first."""
    weekdays: tuple[str, ...]
    """The weekdays' names, Monday first."""
    date_ordinal: Callable[[int], str]
    """A day of the month as said in a date ("fünfundzwanzigsten", "veinticinco")."""
    date_joiner: str
    """Between the day and the month: " " in German ("25. März"), " de " in Spanish."""
    abbreviations: tuple[tuple[str, str], ...] = ()
    """Written abbreviations and what is said for them: ("z. B.", "zum Beispiel")."""
    feminine: frozenset[str] = frozenset()
    """Common feminine nouns, as written, that a number before them agrees with: "eine
    Stunde", "veintiuna personas", "doscientas libras" (any other noun: masculine)."""
    units: tuple[tuple[str, str, str], ...] = ()
    """(symbol after a number, singular, plural): ("m", "Meter", "Meter"), ("°C", "grado
    Celsius", "grados Celsius")."""
    score_word: str = ""
    """Between a score's or ratio's two numbers: "2:1" -> "zwei zu eins", "3-1" -> "tres a
    uno"."""
    range_word: str = ""
    """Between the two ends of a written range: "2019-2023" -> "... bis ...", "10-15" ->
    "diez a quince"."""
    time_words: frozenset[str] = frozenset()
    """Words before "20:15" that make it a time when no "Uhr" follows (German: "um",
    "ab"); without one, a German "21:19" is a score."""
    feminine_endings: tuple[str, ...] = ()
    """Endings of nouns that are feminine as a rule ("-ung", "-heit"; "-a", "-ión"),
    beside ``feminine``."""
    masculine: frozenset[str] = frozenset()
    """Nouns with a feminine ending that are not feminine ("día", "problema",
    "periodistas")."""
    dative_after: frozenset[str] = frozenset()
    """Prepositions after which "der" is dative, and an ordinal after it ends in "-en"
    ("in der 2. Liga" -> "in der zweiten Liga"), and a monarch's numeral is said with
    "dem" ("unter Karl dem Fünften"; German)."""
    fractions: tuple[tuple[str, str], ...] = ()
    """A fraction's denominators from 2 to 10, singular and plural: ("Drittel",
    "Drittel"), ("tercio", "tercios"); a half first."""
    per_word: str = ""
    """Said for a slash between a quantity and a unit: "12 €/m²" -> "... pro
    Quadratmeter", "por"."""
    ordinal_endings: tuple[tuple[str, str], ...] = ()
    """(word before, ending): a number with a stop after one of these words is an
    ordinal ("der 3. Platz" -> "der dritte Platz", "zum 5. Mal" -> "zum fünften Mal")."""


def number_words(value: int, lang: str, to: str = "cardinal") -> str:
    """num2words' words for ``value`` (imported at the first call: 15 ms of a run's start
    that a run finding its episode up to date does not need)."""
    from num2words import num2words

    return str(num2words(value, lang=lang, to=to))


def english_written_date(date: dt.date) -> str:
    """The date as written in an episode's title: "Wednesday, November 25, 2026"."""
    return f"{date:%A, %B} {date.day}, {date.year}"


@dataclass(frozen=True)
class Labels:
    """What a listener reads around an episode (its chapters, tags, feed, page and
    books), written by hand in each language; English by default."""

    show_title: str = Show.title
    """The show's name when its config gives none."""
    show_description: str = Show.description
    """The feed's description of the show when its config gives none."""
    intro: str = "Intro"
    """The chapter before the first story."""
    outro: str = "Outro"
    """The chapter after the last story."""
    stories: str = "Stories"
    """The list of an episode's stories: a heading, and the ID3 comment's "Stories: ..."."""
    story: tuple[str, str] = ("story", "stories")
    """A count of stories, singular and plural: "5 stories"."""
    transcript: str = "Transcript"
    """The transcript's heading and the captions track's label."""
    introduction: str = "Introduction"
    """The transcript's part before the first story."""
    closing: str = "Closing"
    """The transcript's part after the last story."""
    no_transcript: str = "No transcript for this episode."
    no_episodes: str = "No episodes yet."
    at: str = "{title}, at {time}"
    """A story's link as a screen reader says it."""
    units: tuple[tuple[str, str], ...] = (
        ("hour", "hours"),
        ("minute", "minutes"),
        ("second", "seconds"),
    )
    """A time in the episode in words, singular and plural: "1 minute 5 seconds"."""
    listen: str = "Listen to the MP3"
    download: str = "Download the {what}"
    mp3: str = "MP3"
    epub: str = "EPUB 3 talking book (text and audio, for reading apps that read aloud)"
    daisy: str = "DAISY 2.02 talking book (for DAISY players)"
    speed: str = "Speed"
    follow: str = "Follow the transcript"
    controls: str = "Player controls"
    previous_story: str = "Previous story"
    back: str = "Back {seconds} seconds"
    forward: str = "Forward {seconds} seconds"
    next_story: str = "Next story"
    shortcuts: str = "Keyboard shortcuts"
    restart_story: str = "Previous story (or the start of this one)"
    space: str = "Space on the player"
    play_pause: str = "Play or pause"
    shortcuts_note: str = (
        "The buttons and story links also move the player; speed is remembered for your next visit."
    )
    skip: str = "Skip to the episodes"
    subscribe: str = "Subscribe in your podcast app with the feed address"
    same_folder: str = " (in the same folder as this page)"
    footer: str = "Made with briefing. Each transcript is also a WebVTT and an SRT file."
    story_of: str = "Story {n} of {total}: {title}"
    """What the page's player announces when it moves to a story."""
    at_time: str = "At {time}"
    """... when it moves by seconds, the episode's length unknown."""
    at_time_of: str = "At {time} of {end}"
    """... when it moves by seconds."""
    speed_is: str = "Speed {rate} times"
    """... when its speed changes."""
    book_summary: str = (
        "The news briefing read aloud by a synthetic voice, with its full text: every "
        "sentence is highlighted as it is heard. Each story is a chapter of the table of "
        "contents, and each sentence can be skipped to."
    )
    """The EPUB's accessibility summary."""

    def count(self, n: int) -> str:
        """ "1 story", "5 stories"."""
        return f"{n} {self.story[0] if n == 1 else self.story[1]}"


@dataclass(frozen=True)
class QuoteRules:
    """How a language's news marks a quotation and names its speaker after it
    (``script.attribute_quotes`` names the speaker first)."""

    opening: str
    """The marks that open a quotation: '"“' in English, '„"' in German."""
    closing: str
    """The marks that close one."""
    verbs: str
    """Verbs of saying, as regular-expression alternatives: "said|says|added"."""
    written: tuple[str, str]
    """How the script writes a quotation it moves: ('"', '"'), ("„", "“"), ("«", "»")."""
    comma_after: bool = False
    """Whether the comma before the speaker follows the closing mark ("„Ja“, sagte
    er."), not precedes it ('"Yes," he said.')."""
    after_verb: str = ""
    """Words (regular-expression alternatives) that open a phrase of when or where after
    the speaker's name in '«...», dijo el entrenador tras el partido.': when the speaker
    is said first, the phrase follows the verb ('El entrenador dijo tras el partido:
    «...»'). Empty in English, whose "at" and "in" often name a speaker's place ("Ann
    Hale at NASA")."""


ENGLISH_QUOTES = QuoteRules(
    opening='"“',
    closing='"”',
    verbs=(
        r"said|says|added|adds|told\s+[^,.]{1,40}?|asked|explained|warned|wrote|noted|insisted|"
        r"stated|argued|declared|recalled|replied|continued|admitted"
    ),
    written=('"', '"'),
)


#: English's labels, what every other language's are written from.
ENGLISH_LABELS = Labels()


@dataclass(frozen=True)
class Language:
    """Everything a stage needs to know of a show's language."""

    tag: str
    """The primary language subtag: "en", "de", "es"."""
    name: str
    """Its English name, for messages: "German"."""
    phrases: Phrasebook
    spoken_date: Callable[[dt.date], str]
    """The date as said: "Wednesday, November twenty-fifth"."""
    count_stories: Callable[[int], str]
    """ "five stories" """
    count_more: Callable[[int], str]
    """ "one more story" """
    sentences: SentenceRules
    """Abbreviations that end no sentence, and words that open one."""
    stopwords: frozenset[str]
    """Words that carry no meaning of a story's own (for comparing sentences)."""
    default_voice: str
    """The voice profile that reads a show in this language when none is asked for."""
    numbers: NumberWords | None = None
    """How numbers are said; None: ``speech``'s English rules."""
    days: DayWords | None = None
    """Days near the episode's; None: ``text.relative_days``'s English rules."""
    byline_words: tuple[str, ...] = ()
    """Words that open a byline paragraph ("Von", "Por"): not read."""
    caption_words: tuple[str, ...] = ()
    """Words that label a caption or credit ("Foto", "Bild"): a sentence they open with
    a colon, or a bracket they open, is not read."""
    written_date: Callable[[dt.date], str] = english_written_date
    """The date as written in an episode's title: "Mittwoch, 25. November 2026"."""
    labels: Labels = ENGLISH_LABELS
    """What a listener reads around an episode: chapters, tags, feed, page, books."""
    quotes: QuoteRules = ENGLISH_QUOTES
    """How a quotation and its speaker are written."""


def primary_tag(tag: str) -> str:
    """ "de-AT" -> "de"."""
    return tag.split("-")[0].split("_")[0].lower()


def get_language(tag: str | Language | None = None) -> Language:
    """The Language of a show's tag (BCP 47: "de", "es-MX"; None: English). Raises
    LanguageError naming the known ones for a language briefing does not speak."""
    if isinstance(tag, Language):
        return tag
    primary = primary_tag(tag or "en")
    if primary not in KNOWN:
        raise LanguageError(
            f"briefing does not speak the show's language {tag!r}: set [show] language "
            f"to one of {', '.join(KNOWN)} (or add a language: see the README)"
        )
    module = importlib.import_module(f"{__name__}.{primary}")
    language: Language = module.LANGUAGE
    return language


ENGLISH_TAG = "en"


def published_language(tag: str | None) -> Language:
    """The language a show's published files (feed, page) are labelled in: English for
    a language briefing does not speak (a feed made before it checked its show's)."""
    try:
        return get_language(tag)
    except LanguageError:
        return get_language(ENGLISH_TAG)
