"""Text rules: cleaning what must never be spoken, and splitting sentences.

Every rule is a small pure function from text to text (or to a list of
sentences), so each can be tested on its own with a table of examples.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable
from typing import NamedTuple

# --------------------------------------------------------------------------
# Sentence splitting
# --------------------------------------------------------------------------

#: Abbreviations that are never the end of a sentence (a name or number follows).
TITLES = frozenset(
    """mr mrs ms mx dr prof gen sen rep gov lt col capt cpt sgt maj adm cmdr cdr gen brig st
    ste rev fr hon pres supt insp det atty amb sec supt messrs mme mlle sr jr no nos fig
    figs mt ft vol ch art pp p para ave blvd rd jan feb mar apr jun jul aug sep sept oct
    nov dec vs v cf approx est dept univ""".split()
)
#: Of the titles, those that may still end a sentence when a capitalised
#: sentence opener follows ("... Martin Luther King Jr. The march ...").
_TITLES_THAT_MAY_END = frozenset("""sr jr st no ave blvd rd est dept""".split())

#: Words that, capitalised after an abbreviation such as "U.S.", show a new sentence.
SENTENCE_OPENERS = frozenset(
    """a an the he she it they we i you his her its their our my your this that these those
    there here but and or so yet nor in on at for with as after before when while if
    although though however meanwhile still also then now today yesterday tomorrow earlier
    later last next some many most few several no not one two three what who why how where
    which police officials authorities""".split()
)

# Linear time, whatever the text: a candidate starts only where a run of
# sentence-final punctuation starts (the look-behind), and the runs are taken
# possessively, so a paragraph of a million "!" or "." is read once, not once
# per character.
_BOUNDARY = re.compile(
    r"""
    (?<![.!?…])
    (?P<end>[.!?…]++)                 # sentence-final punctuation ("...", "?!", "…")
    (?P<close>["'”’»«“‘›‹)\]]*+)       # closing quotes or brackets (German's “ ‘ « too)
    (?P<space>\s++)                    # white space
    (?=\S)                             # something follows (not consumed)
    """,
    re.VERBOSE,
)
#: The word before a boundary is read from at most this many characters back.
_WORD_WINDOW = 64
_WORD_BEFORE = re.compile(r"([^\W\d_](?:[^\W\d_]|[.'’-])*)$")  # any alphabet's: "pág."
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:[A-Za-z]\.)+[A-Za-z]$")
#: What opens a sentence before its first word: quotation marks (English's, German's „ ‚
#: » ›, Spanish's «), brackets, and Spanish's ¿ and ¡.
_OPENING = "\"'“‘«»„‚‹›([¿¡"
#: What follows a boundary: opening marks, then its first character and word.
_FOLLOWING = re.compile(rf"[{re.escape(_OPENING)}]*+(?=(?P<first>.?))(?P<word>[^\W\d_]*)")


class SentenceRules(NamedTuple):
    """A language's words around a full stop: what ends no sentence, what opens one."""

    titles: frozenset[str]
    """Abbreviations that never end a sentence (lower case, without the stop)."""
    may_end: frozenset[str]
    """Of the titles, those that end one when a sentence opener follows them."""
    openers: frozenset[str]
    """Words that, capitalised after an abbreviation, show a new sentence."""
    months: frozenset[str] = frozenset()
    """After a day's number and a stop, a month ends no sentence ("am 25. März")."""
    suffixes: tuple[str, ...] = ()
    """Ends of abbreviated compounds ("Hauptstr.": "str"): as a title that may end one."""
    ordinal_after: frozenset[str] = frozenset()
    """After these words a number's stop is an ordinal's, not a sentence's end ("der 3.
    Platz", "zum 5. Mal"; lower case)."""


ENGLISH_SENTENCES = SentenceRules(TITLES, _TITLES_THAT_MAY_END, SENTENCE_OPENERS)


def _word_before(text: str, end: int) -> str:
    """The word that ends at ``end`` ("U.S.", "Dr."), read from a bounded window."""
    match = _WORD_BEFORE.search(text[max(0, end - _WORD_WINDOW) : end])
    return match.group(1) if match else ""


def _is_boundary(text: str, match: re.Match[str], rules: SentenceRules = ENGLISH_SENTENCES) -> bool:
    """Decide whether a candidate boundary really ends a sentence.

    Only a bounded window around the candidate is read, so splitting a
    paragraph takes time in proportion to its length."""
    end, close = match.group("end"), match.group("close")
    following = _FOLLOWING.match(text, match.end())
    assert following is not None  # every group may be empty
    first = following.group("first")
    if not first:
        return True
    opens_quote = text[match.end() : match.end() + 1] in _OPENING
    if not (first.isupper() or first.isdigit() or opens_quote):
        return False  # "... invitation ... are invaders", '"Why?" he asked.'
    if end != "." or close:
        return True  # "!", "?", "...", or a full stop inside closing quotes
    word = _word_before(text, match.start() + 1)
    bare = word.rstrip(".").lower()
    starts_sentence = following.group("word").lower() in rules.openers
    if rules.ordinal_after and first.isalpha() and _ordinal_before(text, match.start(), rules):
        return False  # "der 3. Platz", "ihren 80. Geburtstag"
    if rules.months and _day_number_before(text, match.start()):
        next_word = _FOLLOWING_WORD.match(text, match.end())
        if next_word and next_word.group().lower() in rules.months:
            return False  # "am 25. März", a day's ordinal
    title = bare.rsplit("-", 1)[-1]  # "Gov.", also "then-Sen.", "ex-Gov."
    if title in rules.titles:
        if title in ("no", "nos") and first.isdigit():
            return False  # "No. 4"
        if title in rules.may_end:
            return starts_sentence
        return False  # "Dr. Smith", "Gen. Jones", "Nov. 25"
    if rules.suffixes and title.endswith(rules.suffixes):
        return starts_sentence  # "Hauptstr. 4", "in der Hauptstr. Dort ..."
    if len(bare) == 1 and word[:1].isupper():
        return starts_sentence and bare not in ("i",)  # initials: "George W. Bush"
    if _DOTTED_ACRONYM.match(word):
        return starts_sentence  # "the U.S. The ..." vs "U.S. President ..."
    if bare in ("inc", "corp", "ltd", "co", "llc", "plc", "bros", "etc", "am", "pm"):
        return starts_sentence
    return True


_DAY_NUMBER = re.compile(r"(?<![\d.,])(?:[1-9]|[12]\d|3[01])$")
_FOLLOWING_WORD = re.compile(r"\w*")


_ORDINAL_BEFORE = re.compile(r"(?<![\w.,])([^\W\d_]+)\s+\d{1,3}$")


def _ordinal_before(text: str, stop: int, rules: SentenceRules) -> bool:
    """Whether a number just before ``stop`` follows one of ``rules.ordinal_after``."""
    match = _ORDINAL_BEFORE.search(text[max(0, stop - _WORD_WINDOW) : stop])
    return match is not None and match.group(1).lower() in rules.ordinal_after


def _day_number_before(text: str, stop: int) -> bool:
    """Whether a day's number (1 to 31) ends just before ``stop``."""
    return bool(_DAY_NUMBER.search(text[max(0, stop - 3) : stop]))


def split_sentences(text: str, rules: SentenceRules = ENGLISH_SENTENCES) -> list[str]:
    """Split text into sentences (``rules``: the language's abbreviations, English by
    default).

    Paragraph breaks (blank lines) always end a sentence. Handles titles
    ("Dr.", "Gen."), dotted acronyms ("U.S.", "U.N."), initials, decimals
    ("3.5"), ellipses and quotations that close a sentence.
    """
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            if _is_boundary(paragraph, match, rules):
                cut = match.start("space")
                sentence = paragraph[start:cut].strip()
                if sentence:
                    sentences.append(sentence)
                start = match.end()
        rest = paragraph[start:].strip()
        if rest:
            sentences.append(rest)
    return sentences


# --------------------------------------------------------------------------
# Words and terms (for comparing sentences and stories)
# --------------------------------------------------------------------------

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours out over own said same says she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours mr mrs ms new one two year years told say""".split()
)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*")


def words(text: str) -> list[str]:
    """The words of a text; a number counts as one word."""
    return _WORD.findall(text)


_ANY_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*")


def words_in_any_language(text: str) -> list[str]:
    """The words of a text in any alphabet ("für", "Straßenbahn", "años"); a number
    counts as one word. (``words`` reads English's letters alone, as it always has.)"""
    return _ANY_WORD.findall(text)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem: lower case, common suffixes cut ("voted" -> "vot")."""
    word = word.lower().strip("'’-")
    for suffix in ("ing", "edly", "ed", "ies", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning: no stop words, no numbers."""
    return [stem(w) for w in words(text) if w.lower() not in STOPWORDS and not w[0].isdigit()]


# --------------------------------------------------------------------------
# Cleaning: what must never be spoken
# --------------------------------------------------------------------------

_AGENCIES = (
    r"Reuters|AP|AFP|CNN|BBC|UPI|Bloomberg|dpa|DPA|Xinhua|PA|AAP|ANSA|EFE|IANS|PTI|Kyodo|"
    r"Yonhap|TASS|Interfax|Anadolu|Thomson Reuters Foundation|Briefing Wire|The Conversation"
)
_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]*)*"
_MIXED_PLACE = r"[A-Z][a-zA-Z.'’-]+(?: [A-Z][a-zA-Z.'’-]+){0,3}"
_PLACE_QUALIFIER = (
    r"(?:[,.]\s*[A-Z][A-Za-z.]*(?:\s+[A-Za-z]+\.?)?(?:\s+\d{1,2})?(?:,\s*\d{4})?){0,2}"
)
_DASH = r"\s*(?:--|[-–—:])\s*"
_DATELINE = re.compile(
    "^(?:"
    # NEW YORK, Nov 25 (Briefing Wire) -   (any agency, but then the dash is required)
    rf"{_CAPS_PLACE}{_PLACE_QUALIFIER}\s*\([^()]{{1,40}}\){_DASH}"
    # LONDON -
    rf"|{_CAPS_PLACE}{_PLACE_QUALIFIER}{_DASH}(?=[A-Z\"“‘])"
    # BEIRUT (Reuters) -   /   Washington (CNN)   /   (CNN)
    rf"|(?:{_MIXED_PLACE}{_PLACE_QUALIFIER}\s*)?\((?:{_AGENCIES})\)(?:{_DASH})?"
    r")\s*"
)


def strip_dateline(paragraph: str) -> str:
    """Remove a dateline from the start of a paragraph: "BEIRUT (Reuters) - ", "(CNN) "."""
    return _DATELINE.sub("", paragraph, count=1)


_CREDIT_WORDS = (
    r"(?:additional\s+)?(?:reporting|writing|editing|compiled|research|researched|"
    r"translated|translation|produced|contributing|graphics|photos?|video)\s+"
    r"(?:by|from)\b"
)
_CREDIT_PARAGRAPH = re.compile(rf"^\(?\s*{_CREDIT_WORDS}.*$", re.IGNORECASE | re.DOTALL)
_CREDIT_TAIL = re.compile(rf"\s*\(\s*{_CREDIT_WORDS}[^()]*\)\s*$", re.IGNORECASE)
# The credit sentence is found from its end: a pattern that started at every sentence
# opening and scanned ahead for "contributed" took time in the square of the
# paragraph's length on text with many openings and no full stop.
_CONTRIBUTED = re.compile(
    r"\bcontributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\.?\s*$",
    re.IGNORECASE,
)
_SENTENCE_OPENING = re.compile(r"(?<=[.!?\"”’]\s)")


def _strip_contributed(paragraph: str) -> str:
    """Drop a closing "CNN's Jane Doe contributed to this report." sentence."""
    credit = _CONTRIBUTED.search(paragraph)
    if credit is None:
        return paragraph
    stop = max(paragraph.rfind(mark, 0, credit.start()) for mark in ".!?")
    if stop < 0:
        return ""  # the whole paragraph is the credit
    opening = _SENTENCE_OPENING.search(paragraph, stop + 1, credit.start() + 1)
    return paragraph[: opening.start()] if opening else paragraph


def strip_credit_line(paragraph: str) -> str:
    """Remove credit lines: "(Writing by ...; Editing by ...)", "Reporting by ...",
    "CNN's Jane Doe contributed to this report."."""
    if _CREDIT_PARAGRAPH.match(paragraph.strip()):
        return ""
    paragraph = _CREDIT_TAIL.sub("", paragraph)
    return _strip_contributed(paragraph).strip()


# Possessive quantifiers (*+) and separators with spaces around "and" and "&": a
# failing match cannot backtrack into the names (it took exponential time on
# "By A" followed by "andB" repeated: "and" could end a name or separate two).
_NAME = r"[A-Z][\w'’.-]*+(?:\s+(?:[A-Z][\w'’.-]*+|de|van|von|da|al|bin|la|le))*+"
_BYLINE = re.compile(
    rf"^By\s+(?:\.\s*)?{_NAME}(?:(?:\s*,\s*|\s+(?:and|&)\s+){_NAME})*+"
    rf"(?:\s*(?:,|-|–|—|\|)\s*[A-Z][\w\s'’.,&-]*)?\.?$"
)
_DAILY_MAIL_STAMP = re.compile(
    r"^(?:By\s+\.\s+.*?\.\s+)?(?:PUBLISHED:|UPDATED:|Last updated at\b).*$", re.IGNORECASE
)


def strip_byline(paragraph: str) -> str:
    """Drop a byline paragraph ("By Clara Jensen", "By JOHN SMITH, Associated Press")
    and publication stamps ("PUBLISHED: 13:26 EST, 2 May 2014 | UPDATED: ...")."""
    text = paragraph.strip()
    if len(text.split()) <= 12 and (_BYLINE.match(text) or _DAILY_MAIL_STAMP.match(text)):
        return ""
    if _DAILY_MAIL_STAMP.match(text) and len(text.split()) <= 30:
        return ""
    return _INLINE_BYLINE.sub("", _STAMP_BAR.sub(" ", paragraph))


#: A byline run into the story it opens, as a page's lost line breaks leave it: "By.
#: Jack Doyle and Emily Allen. Theresa May will ...", "By. Daily Mail Reporter. on 3rd
#: August 2011. A man was ...".
_INLINE_BYLINE = re.compile(
    r"^\s*By\.\s+[A-Z][^.]{0,80}?\.\s+"
    r"(?:on\s+\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\.\s+)?(?=\S)"
)
#: What is left between two time stamps: "|.".
_STAMP_BAR = re.compile(r"(?:^|(?<=\s))\|\.?(?=\s|$)")


_BOILERPLATE = re.compile(
    r"""(?ix)
    \bscroll\s+down\s+(?:for|to\s+see)\s+(?:the\s+)?(?:video|videos|more)\b[.:!]?
  | \bclick\s+here\b[^.!?]*[.!?]?
  | \bsorry,?\s+we\s+are\s+not\s+currently\s+accepting\s+comments\b[^.!?]*[.!?]?
  | \b(?:read\s+more|related|advertisement|watch\s+the\s+video|watch\s+video)\s*:\s*(?=$|[A-Z])
  | \bsign\s+up\s+for\s+(?:our|the)\b[^.!?]*\bnewsletter\b[^.!?]*[.!?]?
  | \bfollow\s+us\s+on\s+(?:twitter|facebook|instagram|x)\b[^.!?]*[.!?]?
  | \bmedia\s+playback\s+is\s+(?:not\s+)?(?:un)?supported\s+on\s+(?:this|your)\s+device[.:]?
  """
)


def strip_boilerplate(paragraph: str) -> str:
    """Remove web furniture: "Scroll down for video", "Click here ...", "Read more:"."""
    return _BOILERPLATE.sub("", paragraph).strip()


#: A related story's headline after its label, up to the end of its sentence or of the
#: paragraph (a headline has no full stop): "READ MORE: Man held after crash", glued onto
#: the sentence before it when the page's line breaks were lost.
_RELATED_LINK = re.compile(
    r"(?:^|(?<=[.!?\"”’')\s]))\s*(?i:read\s+more|related(?:\s+(?:articles?|stories|content))?|"
    r"see\s+also|more\s+on\s+this(?:\s+story)?|recommended|most\s+read)\s*:\s*"
    r"(?=[A-Z\"“‘'])[^.!?]{0,200}+(?:[.!?][\"”’']?|$)"
)


def strip_related_links(paragraph: str) -> str:
    """Remove a related story's label and its headline: "He was 45. READ MORE: Man
    held after crash" -> "He was 45."."""
    return _RELATED_LINK.sub("", paragraph).strip()


#: When the page was last changed, said nowhere on air: "Last updated at 20:11 GMT",
#: "Updated 2106 GMT (0506 HKT) March 12, 2015", "UPDATED: 19:02 EST, 11 January 2014".
_TIMESTAMP = re.compile(
    r"(?:^|(?<=[.!?|]))\s*(?i:(?:last\s+)?(?:updated|published)(?:\s+(?:at|on))?)\s*:?\s*\.?\s*"
    r"\d{1,2}[:.]?\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?(?:\s*\(\d{0,4}\s*[A-Z]{2,4}\))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8},?\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+\d{1,2}),?"
    r"\s+\d{4})?\s*[.|]?"
)


def strip_timestamps(paragraph: str) -> str:
    """Remove a page's time stamps, opening a paragraph or after a sentence: "Last
    updated at 20:11 GMT" ("the film was published at 10.30 on Monday" stays)."""
    return _TIMESTAMP.sub(" ", paragraph).strip()


#: Who a story came from, in parentheses at the start or end of a paragraph: "(The
#: Hollywood Reporter)", "(AP)", "(Mashable) --" (inside a sentence a name in
#: parentheses is part of it: "Jo Bloggs (Labour) said").
_CREDIT_WORD = r"(?:[A-Z][\w&'’.-]*|of|the|and|&|for|on)"
_SOURCE_CREDIT = re.compile(
    rf"^\(\s*[A-Z][\w&'’.-]*(?:\s+{_CREDIT_WORD}){{0,5}}\s*\)(?:\s*(?:--|[-–—:]))?\s*"
    rf"|(?<=[.!?\"”’'])\s*\(\s*[A-Z][\w&'’.-]*(?:\s+{_CREDIT_WORD}){{0,5}}\s*\)\s*$"
)


#: Where a piece of news was picked up from, anywhere in a sentence: "(via Loudwire)".
_VIA = re.compile(r"\s*\(\s*via\s+[^()]{1,60}\)", re.IGNORECASE)


def strip_source_credit(paragraph: str) -> str:
    """Remove a source's name in parentheses opening or closing a paragraph, and where
    the news was picked up from: "She won. (The Hollywood Reporter)" -> "She won.",
    "the filmmaker tweeted (via Loudwire)." -> "the filmmaker tweeted."."""
    return _VIA.sub("", _SOURCE_CREDIT.sub("", paragraph)).strip()


#: A full stop with no space after it, between two words: "made up.And 12 months on".
_GLUED_STOP = re.compile(r"(?<=[a-z][a-z][.!?])(?=[A-Z][a-z])")


def space_glued_sentences(paragraph: str) -> str:
    """Put the space back between two sentences run together ("made up.And 12 months
    on" -> "made up. And 12 months on"), so that they are read as two."""
    return _GLUED_STOP.sub(" ", paragraph)


#: A full stop in the middle of a sentence, before a lower-case word: a line break of
#: the page left as a stop ("in the centre of. the island"); not after an abbreviation
#: ("3 oz. cups", "e.g. the") nor before a name written in lower case ("eBay", "iPhone").
_BROKEN_STOP = re.compile(r"\b([a-z]+)\. (?=[a-z]+\b)")
_ABBREVIATIONS = frozenset(
    """etc vs approx oz lb lbs ft no st inc ltd co mt al ie eg cf min max est dept govt fig
    vol pp ed eds jr sr e g i""".split()
)


#: Words no sentence ends with: a stop after one is a lost line break, whatever follows
#: ("Theresa May will visit the. Jordan ..." is one sentence; "... visit. Jordan" may be two).
_STOP_AFTER_NEVER_LAST = re.compile(r"\b(of|the|a|an|and|or|but|their|its|our|my|your)\. (?=\S)")


def repair_broken_stops(paragraph: str) -> str:
    """Remove a full stop left inside a sentence by a lost line break: "a casual. navy
    blue shirt" -> "a casual navy blue shirt" (read with no pause); not after an
    abbreviation ("3 oz. cups", "e.g. the") nor before a name written in lower case
    ("eBay", "iPhone")."""
    if ". " not in paragraph:
        return paragraph
    paragraph = _STOP_AFTER_NEVER_LAST.sub(r"\1 ", paragraph)
    return _BROKEN_STOP.sub(
        lambda m: m.group() if m[1] in _ABBREVIATIONS else f"{m[1]} ", paragraph
    )


#: A list item's number opening a paragraph: "2. The council voted ...", "3) ...".
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+(?=[A-Z\"“‘'])")


def strip_list_number(paragraph: str) -> str:
    """A numbered list item without its number: "2. The council voted." -> "The council
    voted." ("3.5 million" and "2016. The" are not list numbers)."""
    return _LIST_NUMBER.sub("", paragraph, count=1)


_ADDRESS = r"""
    (?:https?://|ftp://|\bwww\.)[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’]
  | (?<![\w.-])\b[\w.-]+\.(?:com|org|net|gov|edu|io|co\.uk|uk|int)
    (?:/[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’])?\b
"""
# A bare domain starts only where a run of name characters starts (the look-behind):
# tried at every letter of "a.a.a.a..." it took time in the square of the run's length.
_URL = re.compile(_ADDRESS, re.IGNORECASE | re.VERBOSE)
#: An address with the word that points at it: "more at example.org".
_POINTED_URL = re.compile(
    r"(?:\b(?:at|see|visit|via)\s+)?(?P<address>" + _ADDRESS + ")", re.IGNORECASE | re.VERBOSE
)
_URL_INTRO = re.compile(r"(?i)\s*(?:\(\s*\)|\b(?:at|see|visit|on|via|from)\s*(?=[.,;:!?)]|$))")


#: Words before an address that make it a pointer ("more at example.org"), not a name.
_POINTER_BEFORE = re.compile(r"(?i)(?:\b(?:at|see|visit|on|via|from|to)|[(\[])\s*$")


def _drop_address(match: re.Match[str]) -> str:
    """A bare domain used as a name ("StatusPeople.com, the oldest ...") stays: it is
    the subject of a sentence and is said as "dot com". Links go, and pointers to
    them with the word that points ("more at example.org")."""
    address = match.group("address")
    bare = not re.search(r"(?i)://|\bwww\.|/", address)
    start = match.start("address")
    if bare and not _POINTER_BEFORE.search(match.string[max(0, start - 32) : start]):
        return match.group(0)
    return ""


def remove_urls(text: str) -> str:
    """Remove web addresses from text, with a preposition left dangling ("at", "see").

    A bare domain used as a name ("Amazon.com said ...") is kept."""
    text = _POINTED_URL.sub(_drop_address, text)
    # One space where addresses were: _URL_INTRO tried at every space of the long runs
    # that removed addresses leave took time in the square of their length.
    text = re.sub(r"[ \t]+", " ", text)
    text = _URL_INTRO.sub("", text)
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"  +", " ", text)).strip()


def strip_urls(paragraph: str) -> str:
    """Remove URLs; a short sentence that only pointed at a URL goes with it.

    "More details are at https://example.org/report." disappears; in a longer
    sentence only the address (and a dangling "at") is removed.
    """
    if not _URL.search(paragraph):
        return paragraph
    kept = []
    for sentence in split_sentences(paragraph):
        if _URL.search(sentence):
            removed = remove_urls(sentence)
            if removed != sentence.strip() and len(re.findall(r"[A-Za-z]+", removed)) < 8:
                continue
            sentence = removed
        kept.append(sentence)
    return " ".join(kept)


_CAPTION_LABEL = re.compile(
    r"^(?![\w'’-]+ (?:said|says|told|added|asked|warned|wrote)\b)"
    r"[A-Z][\w'’-]*(?: [A-Za-z'’-]+)?: (?![\"“‘'])[A-Z]"
)
_CAPTION_WORDS = re.compile(
    r"\((?:(?:not |also |both |all )?pictured|left|right|centre|center|above|below|top|bottom|"
    r"inset|file photo|second (?:left|right)|far (?:left|right))[^)]*\)|\bpictured\b",
    re.IGNORECASE,
)


def looks_like_caption(sentence: str) -> bool:
    """True for what reads as a photo caption, not a sentence of the story:
    a label and colon ("Suspended: Britt McHenry has been ..."), "(pictured)",
    "(left)" and the like, or no full stop at the end."""
    text = sentence.strip()
    if _CAPTION_LABEL.match(text) or _CAPTION_WORDS.search(text):
        return True
    return not text.rstrip("\"”’')]").endswith((".", "!", "?", "…"))


_STRAIGHT_QUOTE = re.compile(r'"')


def repair_misplaced_quotes(paragraph: str) -> str:
    """Put an opening quotation mark that slipped before the space back after it:
    'six tries." Ellis has made ...," said Cockerill.' (paragraphs joined, as in some
    news corpora and feeds) becomes 'six tries. "Ellis has made ...," said Cockerill.'
    A straight quote that closes nothing, right after a full stop and before a space
    and a capital, opens the next sentence. One pass, linear."""
    if '"' not in paragraph:
        return paragraph
    out = []
    inside = False
    last = 0
    n = len(paragraph)
    for match in _STRAIGHT_QUOTE.finditer(paragraph):
        at = match.start()
        misplaced = (
            not inside
            and at > 0
            and paragraph[at - 1] in ".!?"
            and at + 2 < n
            and paragraph[at + 1] == " "
            and paragraph[at + 2].isupper()
        )
        if misplaced:
            out.append(paragraph[last:at])
            out.append(' "')
            last = at + 2
        inside = not inside
    out.append(paragraph[last:])
    return "".join(out)


def normalize_whitespace(text: str) -> str:
    """Unicode NFC, no control characters, single spaces, no space before punctuation."""
    text = unicodedata.normalize("NFC", text).replace("\n", " ").replace("\t", " ")
    if not text.isprintable():  # the character loop only when there is something to replace
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", text)


#: A list item's marker: a hyphen, asterisk, bullet or en dash, then a space.
_LIST_MARKERS = "-*•–◦▪‣"
_LIST_MARKER = re.compile(rf"^[ \t]*+[{_LIST_MARKERS}][ \t]++(?=\S)")
_LIST_LINE = re.compile(rf"\n(?=[ \t]*+[{_LIST_MARKERS}][ \t]++\S)")


def strip_list_marker(paragraph: str) -> str:
    """A list item without its marker: "- The council voted." -> "The council voted."
    (also "* ", "• ", "– "); a hyphen that is part of the text ("-5 degrees") stays."""
    return _LIST_MARKER.sub("", paragraph, count=1)


def list_items_apart(text: str) -> str:
    """Text with each line that starts with a list marker made a paragraph of its own
    (a page's, a feed's or a file's list is one item a line, not one paragraph)."""
    return _LIST_LINE.sub("\n\n", text)


#: The rules applied, in order, to every paragraph of an article body.
PARAGRAPH_RULES: tuple[Callable[[str], str], ...] = (
    normalize_whitespace,
    strip_list_marker,
    strip_list_number,
    space_glued_sentences,
    repair_broken_stops,
    repair_misplaced_quotes,
    strip_byline,
    strip_dateline,
    strip_source_credit,
    strip_credit_line,
    strip_related_links,
    strip_boilerplate,
    strip_timestamps,
    strip_urls,
    normalize_whitespace,
)


def clean_paragraph(paragraph: str, rules: Iterable[Callable[[str], str]] = PARAGRAPH_RULES) -> str:
    """Apply the cleaning rules to one paragraph; an empty result means "drop it"."""
    for rule in rules:
        paragraph = rule(paragraph)
        if not paragraph:
            return ""
    # A paragraph left with no letters at all (e.g. "-" or "()") is dropped.
    return paragraph if re.search(r"[^\W\d_]", paragraph) else ""


def cut_at_word(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with "…" when cut (mid-word
    only when the last half of the room holds no space)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head[limit // 2 :] else head
    return cut.rstrip(" ,;:") + "…"


def clean_headline(line: str) -> str:
    """Tidy a headline for speech: no URLs, single spaces, no trailing full stop."""
    line = normalize_whitespace(remove_urls(line))
    return line.rstrip(" .")


#: What separates a headline from the name of its site after it: " | ", " - ", " – ",
#: " — ", " · ", " • ", " » ", " :: " (white space on both sides: "Biden-Xi" is a word).
_LAST_SEPARATOR = re.compile(r"(?s).*\s(?P<mark>[|·•»]|::|[-–—])\s")
#: A site's name after a separator is at most this long.
MAX_SITE_SUFFIX = 60
#: Labels of a host that are not its name.
_HOST_NOISE = frozenset({"www", "m", "amp", "edition", "news", "feeds", "rss", "blog", "blogs"})
#: Small words a site's name may have in lower case ("Bank of England", "Arts & Crafts").
_NAME_JOINERS = frozenset({"of", "the", "and", "&", "for", "on", "in", "de", "la", "le"})


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _name_forms(name: str) -> tuple[set[str], set[str]]:
    """(whole forms, words) a site's name, host or address is written in:
    "www.foxy-folksy.com" -> ({"wwwfoxyfolksycom", "foxyfolksycom", "foxyfolksy"}, set())."""
    name = name.strip()
    if "://" in name:
        name = urllib.parse.urlsplit(name).hostname or ""
    if "." in name and " " not in name:  # a host
        labels = [label for label in name.casefold().split(".") if label not in _HOST_NOISE]
        forms = {_fold(name), _fold(".".join(labels))}
        forms.update(_fold(label) for label in labels[:-1] if len(_fold(label)) >= 3)
        return forms - {""}, set()
    return {_fold(name)} - {""}, {w for w in map(_fold, name.split()) if w}


def _names_site(tail: str, names: Iterable[str]) -> bool:
    """Whether ``tail`` is one of the site's ``names`` (or hosts): the same letters and
    digits ("DiEM25" for diem25.org, "Foxy Folksy" for foxyfolksy.com), or the same
    words but some ("Guardian" for "The Guardian", "BBC News" for "BBC News - World")."""
    folded = _fold(tail)
    tail_words = {w for w in map(_fold, tail.split()) if w}
    for name in names:
        forms, words = _name_forms(name)
        if folded in forms:
            return True
        shared = tail_words & words
        if shared and shared in (tail_words, words):
            return True
    return False


def _looks_like_name(tail: str) -> bool:
    """A short run of capitalised words ("Foxy Folksy", "DiEM25", "The Daily Star")."""
    words = tail.split()
    return 0 < len(words) <= 4 and all(
        w[:1].isupper() or w[:1].isdigit() or w.casefold() in _NAME_JOINERS for w in words
    )


def strip_site_suffix(title: str, names: Iterable[str] = ()) -> str:
    """A headline without the site's name after it: "Adobo | Foxy Folksy" -> "Adobo".
    The tail after the last separator goes when it names the site (one of ``names``:
    what the site calls itself, a feed's title, its host), or when it is set off by
    " | " (or " · ", " • ", " » ", " :: ") and is a short capitalised name; after a dash
    only a known name goes ("Biden - Xi talks resume" stays). Twice at most ("Headline |
    Section | Site"); a headline is never left with fewer than two words."""
    names = [n for n in names if n and n.strip()]
    for _ in range(2):
        last = _LAST_SEPARATOR.match(title)
        if last is None:
            break
        head, tail = title[: last.start("mark")].rstrip(), title[last.end() :].strip()
        if not tail or len(tail) > MAX_SITE_SUFFIX or len(head.split()) < 2:
            break
        dashed = last["mark"] in "-–—"
        if not (_names_site(tail, names) or (not dashed and _looks_like_name(tail))):
            break
        title = head
    return title


# --------------------------------------------------------------------------
# Days, told relative to the episode
# --------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_PARTS_OF_DAY = r"morning|afternoon|evening|night"
_WEEKDAY = "|".join(WEEKDAYS)
#: A day word: "on Monday", "Monday's", "Monday night", "last Tuesday", "next Monday",
#: "this Friday", "today", "yesterday", "tomorrow", "tonight", "last night", "this
#: morning", "the day after tomorrow".
_DAY_WORD = re.compile(
    r"(?<![\w'’-])(?P<on>[Oo]n )?(?:"
    rf"(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his) )?(?P<weekday>{_WEEKDAY})"
    r"|(?P<word>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)"
    r"|(?P<near>[Ll]ast night|[Tt]his (?:morning|afternoon|evening))"
    r"|(?P<two>[Tt]he day (?:after tomorrow|before yesterday))"
    rf")(?P<own>'s|’s)?(?: (?P<part>{_PARTS_OF_DAY})(?P<partown>'s|’s)?)?(?![\w-])"
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
#: A date after a weekday pins it ("Monday, March 9", "Friday 13 March", "Sunday
#: (March 15)", "Monday 9th"): the words stay as written.
_DATE_AFTER = re.compile(
    rf",? \(?(?:{_MONTH}|\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}|\d{{1,2}}(?:st|nd|rd|th)\b)"
)
#: A capitalised word after a bare weekday makes a name ("Sunday Times", "Friday Night
#: Lights"); one before it too ("Bloody Sunday", "Mike Friday"), unless it is one of these.
_BEFORE_A_DAY = frozenset(
    """on in at by since until till from after before through during and but or then
    as for of early late later earlier last next this""".split()
)
#: Words before a day word that make it some other day ("every Monday", "the last night
#: of the tour", "that Sunday afternoon"): the words stay as written.
_NOT_THE_DAY = frozenset(
    """a an the every each one that any some following previous same another whole per
    his her their its my our your""".split()
)
#: After these a day is said without "on" ("since Sunday", "until Tuesday", "it's
#: Saturday").
_NO_ON = frozenset(
    """since until till by before after from through thru for of to between than into
    over during including is was are were be been it's that's""".split()
)
#: "today's world", "yesterday's news": now and then, not a day.
_GENERIC_AFTER_TODAY = frozenset(
    """world society youth young children kids teenagers generation media culture economy
    politics standards technology market markets industry consumers news man men women
    hero heroes game""".split()
)
_EARLY_LATE = frozenset("early late later earlier".split())
#: "Monday Night Football", "Sunday Morning": a name.
_NAMED_PART = re.compile(r" (?:Night|Morning|Afternoon|Evening)\b")

# Tense, read from the verb nearest the day word in its clause.
#: What ends a clause, for the verb a day word goes with (a stop only before a capital
#: and after no initial: "at 2 p.m. Monday" is one clause; quotation marks end none; a
#: dash does, spaced " - " too).
_STOP = r"(?<![\s.][A-Za-z])(?<!Mr)(?<!Ms)(?<!Dr)(?<!St)\.(?![ \t]*[a-z0-9])"
_CLAUSE_END = re.compile(rf",(?!\d)|[;:!?()\[\]—–]|--|\s-\s|{_STOP}")
_SENTENCE_END = re.compile(rf"[!?]|{_STOP}")
_SENTENCE_START = re.compile(rf"(?:^[\"“‘'(]?|(?:[!?]|{_STOP})[\"”’)]?\s+[\"“‘(]?)$")
#: How far a day word's clause is read, each way (so the whole stays linear).
_CLAUSE_WINDOW = 120
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
#: "is due to", "are set to", "is expected to", "was scheduled for": a plan, future
#: after "is/are/has been", past after "was/were/had been".
_PLANNED = frozenset("due set expected scheduled slated planned poised likely about going".split())
#: Participles that mark a plan even without "is" ("an autopsy, scheduled for Sunday").
_PLANNED_ALONE = frozenset("scheduled slated".split())
_PLAN_VERBS = frozenset(
    """plan plans hope hopes aim aims intend intends want wants promise promises vow vows
    pledge pledges prepare prepares expect expects""".split()
)
_BE_NOW = {"is": "was", "are": "were", "am": "was"}
_BE_PAST = frozenset("was were wasn't weren't had hadn't".split())
_PAST_WORDS = frozenset(
    """was were wasn't weren't had hadn't did didn't said told began came went took made
    gave met won lost spoke saw found left held led ran got fell sent struck brought bought
    thought knew became broke chose drove flew forgot froze grew hid kept paid rang rose
    sang sat shook shot slept sold stood stole swore taught threw understood woke wore wrote
    fought caught sought felt heard meant built spent lent""".split()
)
_MODALS = frozenset("to will would shall should can could may might must 'll won't".split())
_PRESENT_WORDS = frozenset(
    "is are am isn't aren't has have hasn't haven't do does don't doesn't can can't".split()
)
_BE_BEFORE_PARTICIPLE = frozenset("be been being is are am was were get gets got".split())
_NOT_PAST_ED = frozenset(
    """need speed feed seed bed red shed indeed proceed exceed succeed hundred kindred
    sacred naked wicked wretched rugged beloved learned bred breed greed weed""".split()
)
_ADVERBS = frozenset("not never also now then still again finally first soon only".split())


def _words(text: str, offset: int) -> list[tuple[str, int, int]]:
    """The words of ``text`` with their spans in the whole text (``offset`` is where
    ``text`` starts)."""
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


def _is_past_ed(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed") and word.islower() and word not in _NOT_PAST_ED


def _first_tense(
    words: list[tuple[str, int, int]], order: Iterable[int], *, finite: bool = False
) -> tuple[str, str, int] | None:
    """The tense of the first word in ``order`` that tells one (``_tense_at``)."""
    for i in order:
        reading = _tense_at(words, i, finite=finite)
        if reading is not None:
            return reading
    return None


def _tense_at(
    words: list[tuple[str, int, int]], i: int, *, finite: bool = False
) -> tuple[str, str, int] | None:
    """The tense word ``i`` of a clause marks, if any: (the tense, the kind of future,
    the index of the finite verb to rephrase, or -1). Tenses: "future", "past",
    "present" ("is", "has", "can") and "planned" (a plan told in the past: "was due
    to"). Kinds of future: "will" ("will",
    "won't", "'ll", "shall"), "be" ("is/are due|set|expected|scheduled|going to", "is
    to"), "would" ("would", "could": said from the past already), "plan" ("plans to",
    "hopes to", "may": no safe past form without telling noun from verb) and "plain" (a
    participle, "to be held": nothing to rephrase). ``finite``: only auxiliaries and
    "said"/"told" count, not a participle's "-ed" ("the scheme, dubbed X, on Monday")."""
    word = words[i][0].lower().replace("’", "'")
    after = words[i + 1][0].lower() if i + 1 < len(words) else ""
    before = words[i - 1][0].lower().replace("’", "'") if i > 0 else ""
    if word in ("will", "shall") and words[i][0].islower():
        if after in ("of", "to", "and", "the", "a", "an", "is", "was"):
            return None  # a noun: "the will of the people"
        return ("future", "will", i)
    if word == "won't" or word.endswith("'ll"):
        return ("future", "will", i)
    if word in ("would", "wouldn't", "could", "gonna"):
        return ("future", "would", -1)  # already said from the past: nothing to rephrase
    if word in ("may", "might", "should", "must") and words[i][0].islower():
        return ("future", "plan", -1)
    j = _auxiliary(words, i)  # "was originally scheduled", "will be officially released"
    aux = words[j][0].lower().replace("’", "'") if j >= 0 else ""
    if word in _PLANNED:
        if aux in _BE_PAST or (aux == "been" and j > 0 and words[j - 1][0].lower() == "had"):
            return ("planned", "plain", -1)  # "was scheduled to be hanged on Thursday"
        if aux in _BE_NOW:
            return ("future", "be", j)
        if aux == "been" and j > 0 and words[j - 1][0].lower() in ("has", "have"):
            return ("future", "be", j - 1)
        if aux in ("'s", "'re") or aux.endswith(("'s", "'re")):
            return ("future", "plan", -1)
        if word in _PLANNED_ALONE or (
            word in ("due", "set", "expected", "planned") and after in ("for", "on")
        ):
            return ("future", "plain", -1)
        return None
    if word == "to" and before in _BE_NOW and after not in ("the", "a", "an"):
        return ("future", "be", i - 1)  # "is to launch", "are to be screened"
    if word == "held" and before == "be" and i > 1 and words[i - 2][0].lower() == "to":
        return ("future", "plain", -1)  # "to be held"
    if word in _PLAN_VERBS and after == "to":
        return ("future", "plan", -1)
    if word == "upcoming":
        return ("future", "plain", -1)
    if word in _PRESENT_WORDS:  # not "will have", "to do": their modal tells
        return None if aux in _MODALS else ("present", "", -1)
    if finite and word not in _BE_PAST and word not in ("did", "said", "told"):
        return None
    if word in _PAST_WORDS or _is_past_ed(words[i][0]):
        # After "be" it is a participle ("will be held"): its auxiliary tells.
        return None if aux in _BE_BEFORE_PARTICIPLE else ("past", "plain", -1)
    return None


def _auxiliary(words: list[tuple[str, int, int]], i: int) -> int:
    """The index of the word before ``words[i]`` past any adverbs ("not", "-ly"), or -1."""
    j = i - 1
    while j >= 0 and (
        words[j][0] in _ADVERBS or words[j][0].islower() and words[j][0].endswith("ly")
    ):
        j -= 1
    return j


# Subject number, for "will" said as "was/were due to".
_SINGULAR = frozenset(
    "he she it i this one everyone everybody nobody someone somebody anyone each news".split()
)
_PLURAL = frozenset(
    """they we you these those both many few several others people police children men
    women cattle""".split()
)
#: Words whose number the word alone does not tell, or that are no subject's head.
_NUMBER_UNKNOWN = frozenset(
    """that which who what there all some none any most more series species means
    headquarters""".split()
)
_SUBJECT_PRONOUNS = frozenset("i you he she it we they who".split())
_NOT_A_HEAD = frozenset(
    "to will would can could should may might must did does do has have had not".split()
)
#: Where a subject starts, read backwards ("officials said the talks will ...").
_BEFORE_SUBJECT = frozenset(
    """said says say told tells announced added believes believe thinks think expects
    reported confirmed warned insisted claimed that which who whom whose whether if when
    because while as but so though although where once unless than and or""".split()
)
_SUBJECT_PREPOSITIONS = frozenset(
    "of for in at from with on to by about between near over under among against".split()
)


def _be_for(words: list[str], common: Callable[[str], bool] = lambda word: False) -> str | None:
    """ "was" or "were" for a subject whose words (the clause's, up to the verb) are
    ``words``, or None when unsure: the head is the last word before the verb, or the
    word before a preposition ("the draw for the quarterfinals" -> "draw"); a
    capitalised word ending in "s" ("Williams", "the Lakers") is unsure unless ``common``
    says the text also writes it in lower case ("Talks" opening a sentence about "the
    talks"); so are a compound ("the head of sales and marketing"), a verb before the
    modal ("he hopes will start") and a verb joined by "and" to one before it, unless
    the clause opens with a pronoun ("He ... and will")."""
    i = len(words) - 1
    while i >= 0 and (
        words[i].lower() in _ADVERBS or words[i].islower() and words[i].endswith("ly")
    ):
        i -= 1
    if i >= 0 and words[i].lower() in ("and", "but", "then"):
        # "He is being held ... and will be arraigned": the clause's opening pronoun.
        first = words[0].lower()
        return "was" if first in ("he", "she", "it", "i") else "were" if first in _PLURAL else None
    head = i
    j = i - 1
    while j >= 0:
        low = words[j].lower()
        if low in ("and", "or") and j > 0:
            pair = words[j - 1][:1].isupper() and words[head][:1].isupper() and j == head - 1
            return "were" if pair and low == "and" else None  # "Vonn and Fenninger will"
        if low in _BEFORE_SUBJECT or _is_past_ed(words[j]):
            break
        if low in _SUBJECT_PREPOSITIONS:
            head = j - 1
        j -= 1
    if head < 0:
        return None
    word, low = words[head], words[head].lower()
    if head > 0 and words[head - 1].lower() in _SUBJECT_PRONOUNS | _NOT_A_HEAD:
        return None  # "he hopes will start": the word is a verb
    if low in _SINGULAR:
        return "was"
    if low in _PLURAL:
        return "were"
    if low in _NUMBER_UNKNOWN or not word.replace("-", "").isalnum() or word.isdigit():
        return None
    if (word.isupper() and len(word) > 1) or not low.endswith("s"):
        return "was"  # "NASA", "the match", "Hamilton"
    if low.endswith(("ss", "us", "is")):
        return "was"  # "Congress", "the virus", "the crisis"
    if word[:1].isupper() and not low.endswith("ics") and common(low):
        return "were"  # "Talks on the border ..." where the text says "the talks"
    return None if word[:1].isupper() or low.endswith("ics") else "were"


class _Day(NamedTuple):
    """One day word of a text, read: where it is, the day it means and how it goes with
    its verb."""

    match: re.Match[str]
    event: dt.date
    future: bool  # its verb (or the word itself: "tomorrow") looks ahead
    kind: str  # the future's kind (``_tense_at``), "" for none
    verb: tuple[int, int] | None  # the finite verb to say in the past, if any
    past_verb: str | None  # what it becomes ("were due to"), None when unsure


def _clause(
    text: str, start: int, end: int
) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """The words of the day word's clause before it and after it. A day word opening
    its clause ("On Monday, the council will ...") goes with the clause after the comma."""
    low = max(0, start - _CLAUSE_WINDOW)
    marks = [
        m for m in _CLAUSE_END.finditer(text, low, min(len(text), start + 2)) if m.start() < start
    ]
    before = _words(
        text[marks[-1].end() if marks else low : start], marks[-1].end() if marks else low
    )
    high = min(len(text), end + _CLAUSE_WINDOW)
    mark = _CLAUSE_END.search(text, end, high)
    stop = mark.start() if mark else high
    opening = all(
        w.lower() in _EARLY_LATE or w.lower() in ("and", "but", "then") for w, _, _ in before
    )
    if mark and mark.group() == "," and not text[end:stop].strip() and opening:
        nxt = _CLAUSE_END.search(text, mark.end(), high)
        return before, _words(text[mark.end() : nxt.start() if nxt else high], mark.end())
    return before, _words(text[end:stop], end)


def _event_date(match: re.Match[str], published: dt.date, tense: str) -> dt.date:
    """The day a day word means, read as its writer meant it on ``published``: a bare
    weekday is the latest one on or before that day (news tells what happened), or with
    a verb looking ahead ("future") the first one on or after it ("work will start on
    Monday"), or with a plan told in the past ("planned": "was scheduled to be hanged
    on Thursday") the nearer of the two; "last Monday" is the one before that day,
    "next Monday" the one after it and "this Monday" the one of its week that the
    verb's tense points to."""
    if match.group("weekday") is None:
        word = (match.group("word") or match.group("near") or match.group("two")).lower()
        if word.startswith("the day"):
            return published + dt.timedelta(days=2 if word.endswith("tomorrow") else -2)
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return published + dt.timedelta(days=shift)
    target = WEEKDAYS.index(match.group("weekday"))
    ahead = (target - published.weekday()) % 7
    back = (published.weekday() - target) % 7
    modifier = (match.group("mod") or "").lower()
    if modifier == "last":
        return published - dt.timedelta(days=back or 7)
    if modifier == "next":
        return published + dt.timedelta(days=ahead or 7)
    if tense == "planned" and ahead < back:
        return published + dt.timedelta(days=ahead)
    return (
        published + dt.timedelta(days=ahead)
        if tense == "future"
        else published - dt.timedelta(days=back)
    )


def _looks_ahead(match: re.Match[str], tense: str) -> bool:
    """The words themselves look ahead: "tomorrow", "next Monday", and "this Sunday"
    unless a verb in the past says otherwise."""
    word = (match.group("word") or match.group("two") or match.group("mod") or "").lower()
    return (
        word in ("tomorrow", "next")
        or word.endswith("tomorrow")
        or (word == "this" and tense != "past")
    )


def _verb_in_past(
    words: list[tuple[str, int, int]],
    i: int,
    kind: str,
    subject: list[str],
    common: Callable[[str], bool] = lambda word: False,
) -> tuple[tuple[int, int], str | None]:
    """The span of the finite verb ``words[i]`` with what it becomes when its day has
    passed ("will" -> "were due to", "is" -> "was", "has been" -> "had been"), or
    None for what when the subject's number (its words: ``subject``) is unsure."""
    word, start, end = words[i]
    low = word.lower().replace("’", "'")
    if kind == "be":
        return (start, end), {"has": "had", "have": "had"}.get(low) or _BE_NOW[low]
    if low.endswith("'ll"):
        cut = end - 3
        be = _be_for([*subject, word[:-3]], common)
        return (cut, end), None if be is None else f" {be} due to"
    be = _be_for(subject, common)
    if be is None:
        return (start, end), None
    if low == "won't":
        return (start, end), f"{be} not due to"
    if i + 1 < len(words) and words[i + 1][0] in _ADVERBS:
        return (start, words[i + 1][2]), f"{be} {words[i + 1][0]} due to"
    return (start, end), f"{be} due to"


#: A capitalised subject is a common noun when the text writes it in lower case this
#: near the day word (a bounded window: each day word costs the same).
_COMMON_WINDOW = 3000


def _read_day(text: str, match: re.Match[str], published: dt.date, around: str = "") -> _Day | None:
    """A day word read with its clause, or None when it is some other day or a name
    ("every Monday", "Bloody Sunday", "the Today programme", "Monday, March 9")."""
    start, end = match.span()
    previous = _previous_word(text, start)
    weekday, word = match.group("weekday"), match.group("word")
    bare = weekday is not None and not match.group("on") and not match.group("mod")
    if previous.lower() in _NOT_THE_DAY and not match.group("on"):
        return None
    if match.group("on") and previous in ("Mail", "Independent"):
        return None  # "The Mail on Sunday", "the Independent on Sunday": newspapers
    if weekday is not None:
        if _DATE_AFTER.match(text, end, min(len(text), end + 20)) or _NAMED_PART.match(text, end):
            return None
        if bare and previous[:1].isupper() and previous.lower() not in _BEFORE_A_DAY:
            return None
        two = text[end : end + 2]
        if bare and not match.group("own") and two[:1] == " " and two[1:].isupper():
            return None
    if (
        word
        and word[0].isupper()
        and (text.startswith(" Show", end) or not _opens_sentence(text, start))
    ):
        return None  # "the Today programme", "Tomorrow's World", "Tonight Show host ..."
    if word is not None and match.group("own"):
        following = _words(text[end : end + 16], end)
        if following and following[0][0].lower() in _GENERIC_AFTER_TODAY:
            return None  # "today's world", "yesterday's news": now and then, not a day
    before, after = _clause(text, start, end)
    # No verb that tells: past, as news tells what happened ("" keeps "this Sunday" ahead).
    tense, kind, subject, verb = "", "", [w for w, _, _ in before], None
    owned = bool(match.group("own") or match.group("partown"))
    for words, order in ((before, range(len(before) - 1, -1, -1)), (after, range(len(after)))):
        reading = _first_tense(words, order)
        if reading is not None:
            tense, kind, at = reading
            # ("On Monday, the council will ...": its subject follows the day.)
            subject = [w for w, _, _ in words[:at]]
            verb = (words, at) if at >= 0 else None
            owned = owned and words is after
            break
    else:  # none in its clause: the nearest finite verb before it in its sentence
        wide = _words(_sentence_before(text, start), 0)
        reading = _first_tense(wide, range(len(wide) - 1, -1, -1), finite=True)
        tense = reading[0] if reading else tense
    if tense == "present" and (word or "").lower() == "today" and not match.group("own"):
        return None  # "most people think today", "Today, the system is in crisis": now
    future = tense == "future" or _looks_ahead(match, tense)
    kind = kind if tense == "future" else ""
    span, past_verb = None, None
    if verb is not None and kind in ("will", "be") and not owned:
        # (In the subject, "Thursday's show will raise ..." is the show's day, not the verb's.)
        near = text[max(0, start - _COMMON_WINDOW) : end + _COMMON_WINDOW] + " " + around
        span, past_verb = _verb_in_past(
            verb[0],
            verb[1],
            kind,
            subject,
            lambda low: re.search(rf"\b{re.escape(low)}\b", near) is not None,
        )
    event = _event_date(match, published, "future" if future else tense)
    return _Day(match, event, future, kind, span, past_verb)


def _previous_word(text: str, start: int) -> str:
    """The word just before ``start``, one space before it ("" for none)."""
    window = text[max(0, start - 24) : start]
    if not window.endswith(" "):
        return ""
    words = _words(window[:-1], 0)
    return words[-1][0] if words and words[-1][2] == len(window) - 1 else ""


def _opens_sentence(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 8) : start]))


def _sentence_before(text: str, start: int) -> str:
    """The text of the sentence before ``start``, at most twice ``_CLAUSE_WINDOW`` long."""
    low = max(0, start - 2 * _CLAUSE_WINDOW)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, min(len(text), start + 2))]
    return text[max([low, *(e for e in ends if e <= start)]) : start]


def _date_words(event: dt.date, today: dt.date) -> str:
    words = f"{_MONTH_NAMES[event.month - 1]} {event.day}"
    return words + (f", {event.year}" if event.year != today.year else "")


#: Words that look ahead: a sentence with one says no "yesterday" ('Stofan said
#: Tuesday: "I think we're going to have ..."' keeps its weekday), lest a listener hear
#: a future told as done.
_AHEAD_IN_SENTENCE = re.compile(
    r"(?i)\b(?:will|won['’]t|shall|going\s+to|gonna|is\s+to|are\s+to|due\s+to|set\s+to|"
    r"expected\s+to|plans?\s+to|about\s+to)\b|['’]ll\b"
)


def _sentence_looks_ahead(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` has a word that looks ahead (a
    bounded window either side)."""
    after = text[end : end + 2 * _CLAUSE_WINDOW]
    stop = _SENTENCE_END.search(after)
    return bool(
        _AHEAD_IN_SENTENCE.search(_sentence_before(text, start))
        or _AHEAD_IN_SENTENCE.search(after[: stop.end() if stop else None])
    )


def _say_day(
    day: _Day, today: dt.date, *, on: bool, on_date: bool, dated: bool, ahead: bool = False
) -> str:
    """How the episode says ``day``: "today", "tonight", "yesterday", "tomorrow", a
    weekday within a week either way, else the date. A day that a verb looking ahead
    has passed is never "yesterday" (it was not reported to have happened): its weekday,
    with its date when ``dated`` (the verb could not be said in the past); nor is a day
    in a sentence that looks ahead anywhere (``ahead``): its weekday."""
    match = day.match
    part, own, own_after = match.group("part") or "", match.group("own") or "", ""
    near = (match.group("near") or match.group("word") or "").lower()
    if near in ("tonight", "last night") or near.startswith("this "):
        part, own, own_after = part or near.split()[-1].replace("tonight", "night"), "", own
    own_after = own_after or match.group("partown") or ""
    tail = own + (f" {part}" if part else "") + own_after
    delta = (today - day.event).days
    if delta == 0:
        if part == "night":
            return "tonight" + own + own_after
        return f"this {part}{own}{own_after}" if part else "today" + tail
    if delta == 1 and not day.future and not ahead:
        return "last night" + own + own_after if part == "night" else "yesterday" + tail
    if delta == -1:
        return "tomorrow" + tail
    if -6 <= delta <= 6:
        said = ("on " if on else "") + WEEKDAYS[day.event.weekday()] + tail
        return said + (f", {_date_words(day.event, today)}" if dated and not tail else "")
    date = _date_words(day.event, today)
    if own or own_after:
        return f"the {date}"  # "Monday's vote" -> "the November 16 vote"
    return ("on " if on_date else "") + (f"the {part} of {date}" if part else date)


class DayWords(NamedTuple):
    """A language's words for days near the episode's (English's are the rules of
    ``relative_days``; another language's are ``days_as_of``'s)."""

    today: str
    yesterday: str
    on_weekday: str
    """A weekday with its preposition: "am {day}", "el {day}"."""
    on_date: str
    """A date with its preposition: "am {day}. {month}", "el {day} de {month}"."""
    weekdays: tuple[str, ...]
    """Monday first."""
    months: tuple[str, ...]
    """January first."""


def days_as_of(text: str, published: dt.date | None, today: dt.date, days: DayWords) -> str:
    """Days in an article's text said as true on the episode's day, in another language
    than English: written on Monday, "am Sonntag" is "gestern" in Monday's episode, "am
    Sonntag" on Wednesday and "am 22. November" a week later; "heute" in an older
    article is "gestern" or its weekday, "gestern" two days later its weekday. A weekday
    is the last one on or before the article's date (a day ahead stays as written, as
    do the days of an article whose date is unknown)."""
    if published is None or published > today:
        return text
    weekdays = "|".join(days.weekdays)
    on = re.escape(days.on_weekday).replace(r"\{day\}", rf"(?P<weekday>{weekdays})")
    pattern = re.compile(
        rf"(?<!\w)(?:{on}|(?P<word>{days.today}|{days.yesterday}))(?!\w)", re.IGNORECASE
    )

    def said(event: dt.date) -> str:
        delta = (today - event).days
        if delta == 0:
            return days.today
        if delta == 1:
            return days.yesterday
        if delta <= 6:
            return days.on_weekday.format(day=days.weekdays[event.weekday()])
        return days.on_date.format(day=event.day, month=days.months[event.month - 1])

    def say(match: re.Match[str]) -> str:
        if match["weekday"]:
            index = [d.lower() for d in days.weekdays].index(match["weekday"].lower())
            event = published - dt.timedelta(days=(published.weekday() - index) % 7)
        else:
            back = 0 if match["word"].lower() == days.today.lower() else 1
            event = published - dt.timedelta(days=back)
        spoken = said(event)
        return spoken[0].upper() + spoken[1:] if match.group()[0].isupper() else spoken

    return pattern.sub(say, text)


def relative_days(
    text: str, published: dt.date | None, today: dt.date, *, article: str = ""
) -> str:
    """Days in an article's text said as true on the episode's day, by the article's
    date, the episode's date and the tense of the verb the day goes with (the nearest
    in its clause; past when none tells). Written on Monday, "said on Sunday" is "said
    yesterday" in Monday's episode, "said on Sunday" on Wednesday and "said on November
    22" a week later; "today" in an older article becomes its weekday; "last Tuesday",
    "next Monday" and "this Friday" are counted from the article's date. A weekday with
    a verb looking ahead ("work will start on Monday") is the next one, and a day such
    a verb has passed by the episode is not told as done: "The talks will resume
    tomorrow" two days later is "The talks were due to resume on Saturday" (or, when the
    subject's number is unsure, "... will resume on Saturday, November 22"), never
    "yesterday"; nor is any day in a sentence that looks ahead anywhere ('Stofan said
    Tuesday: "I think we're going to ..."' keeps "Tuesday"). With the article's date
    unknown the words stay as written; so does a
    capitalised "Today" inside a sentence (the Today programme), a weekday in a name
    ("Bloody Sunday", "the Sunday Times") or with its date ("Monday, March 9"), and
    "every Monday". ``article``, the text a sentence was taken from, tells a common noun
    opening it from a name ("Talks ..." where the article says "the talks"). Linear in the
    text: each day word reads a bounded window."""
    if published is None or published > today:
        return text
    around = article[: 2 * _COMMON_WINDOW]
    days = [d for m in _DAY_WORD.finditer(text) if (d := _read_day(text, m, published, around))]
    passed = [d.future and (today - d.event).days > 0 for d in days]
    by_verb: dict[tuple[int, int], list[bool]] = {}
    for day, gone in zip(days, passed, strict=True):
        if day.verb is not None:
            by_verb.setdefault(day.verb, []).append(gone)
    edits: dict[tuple[int, int], str] = {}
    for day, gone in zip(days, passed, strict=True):
        match = day.match
        rephrase = False
        if gone and day.verb is not None and day.past_verb is not None:
            rephrase = all(by_verb[day.verb])  # no day of the same verb still to come
            if rephrase:
                edits[day.verb] = day.past_verb
        dated = gone and not rephrase and day.kind not in ("would", "plain")
        previous = _previous_word(text, match.start())
        if previous.lower() in _EARLY_LATE:
            previous = _previous_word(text, match.start() - len(previous) - 1)
        own = match.group("own") or match.group("partown")
        free = not own and previous.lower().replace("’", "'") not in _NO_ON
        # A bare weekday stays bare ("said Monday"); "yesterday" said as a weekday
        # needs an "on" ("said on Sunday"), unless after "since", "until" ...
        relative = match.group("weekday") is None or bool(match.group("mod"))
        on = bool(match.group("on")) or (relative and free)
        ahead = (today - day.event).days == 1 and _sentence_looks_ahead(text, *match.span())
        spoken = _say_day(
            day, today, on=on, on_date=bool(match.group("on")) or free, dated=dated, ahead=ahead
        )
        if _opens_sentence(text, match.start()) and match.group()[0].isupper():
            spoken = spoken[0].upper() + spoken[1:]
        edits[match.span()] = spoken
    out, at = [], 0
    for (start, end), said in sorted(edits.items()):
        if start >= at:  # (edits never overlap; this keeps it so)
            out.append(text[at:start] + said)
            at = end
    return "".join(out) + text[at:]
