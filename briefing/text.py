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
    (?P<close>["'”’»)\]]*+)            # closing quotes or brackets
    (?P<space>\s++)                    # white space
    (?=(?P<next>["'“‘«(\[]?\S))       # what follows (not consumed)
    """,
    re.VERBOSE,
)
#: The word before a boundary is read from at most this many characters back.
_WORD_WINDOW = 64
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’-]*)$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:[A-Za-z]\.)+[A-Za-z]$")
#: What follows a boundary: opening quotes or brackets, then its first character and word.
_FOLLOWING = re.compile(r"[\"'“‘«(\[]*+(?=(?P<first>.?))(?P<word>[A-Za-z]*)")


def _word_before(text: str, end: int) -> str:
    """The word that ends at ``end`` ("U.S.", "Dr."), read from a bounded window."""
    match = _WORD_BEFORE.search(text[max(0, end - _WORD_WINDOW) : end])
    return match.group(1) if match else ""


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Decide whether a candidate boundary really ends a sentence.

    Only a bounded window around the candidate is read, so splitting a
    paragraph takes time in proportion to its length."""
    end, close = match.group("end"), match.group("close")
    following = _FOLLOWING.match(text, match.end())
    assert following is not None  # every group may be empty
    first = following.group("first")
    if not first:
        return True
    opens_quote = text[match.end() : match.end() + 1] in ('"', "“", "‘", "«", "(", "[")
    if not (first.isupper() or first.isdigit() or opens_quote):
        return False  # "... invitation ... are invaders", '"Why?" he asked.'
    if end != "." or close:
        return True  # "!", "?", "...", or a full stop inside closing quotes
    word = _word_before(text, match.start() + 1)
    bare = word.rstrip(".").lower()
    starts_sentence = following.group("word").lower() in SENTENCE_OPENERS
    title = bare.rsplit("-", 1)[-1]  # "Gov.", also "then-Sen.", "ex-Gov."
    if title in TITLES:
        if title in ("no", "nos") and first.isdigit():
            return False  # "No. 4"
        if title in _TITLES_THAT_MAY_END:
            return starts_sentence
        return False  # "Dr. Smith", "Gen. Jones", "Nov. 25"
    if len(bare) == 1 and word[:1].isupper():
        return starts_sentence and bare not in ("i",)  # initials: "George W. Bush"
    if _DOTTED_ACRONYM.match(word):
        return starts_sentence  # "the U.S. The ..." vs "U.S. President ..."
    if bare in ("inc", "corp", "ltd", "co", "llc", "plc", "bros", "etc", "am", "pm"):
        return starts_sentence
    return True


def split_sentences(text: str) -> list[str]:
    """Split text into sentences.

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
            if _is_boundary(paragraph, match):
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
#: "on Monday", "Monday's", "Monday night", "today", "yesterday", "tomorrow"; not
#: "last Monday", "next Monday" or "this Monday" (their week is the writer's guess).
_DAY_WORD = re.compile(
    r"(?<![\w-])(?<![Ll]ast )(?<![Nn]ext )(?<![Tt]his )"
    r"(?P<on>[Oo]n )?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"[Tt]oday|[Yy]esterday|[Tt]omorrow)(?P<own>'s|’s)?"
    rf"(?: (?P<part>{_PARTS_OF_DAY}))?(?![\w-])"
)


def _event_date(word: str, published: dt.date) -> dt.date:
    """The day a word of an article means, read as its writer meant it on ``published``:
    a weekday is the latest one on or before that day (news tells what happened)."""
    lower = word.lower()
    if lower == "today":
        return published
    if lower == "yesterday":
        return published - dt.timedelta(days=1)
    if lower == "tomorrow":
        return published + dt.timedelta(days=1)
    back = (published.weekday() - WEEKDAYS.index(word)) % 7
    return published - dt.timedelta(days=back)


def _say_day(event: dt.date, today: dt.date, part: str, own: str, on: bool) -> str | None:
    """How the episode says ``event`` ("" for no part of day or no "'s"; None: leave
    the words as they were)."""
    delta = (today - event).days
    tail = own + (f" {part}" if part else "")
    if delta == 0:
        if part == "night":
            return "tonight" + own
        return f"this {part}" if part and not own else "today" + tail
    if delta == 1:
        return "last night" + own if part == "night" else "yesterday" + tail
    if delta == -1:
        return "tomorrow" + tail
    if 2 <= delta <= 6:
        return ("on " if on else "") + WEEKDAYS[event.weekday()] + tail
    if delta >= 7 and not tail:
        words = f"{_MONTH_NAMES[event.month - 1]} {event.day}"
        if event.year != today.year:
            words += f", {event.year}"
        return ("on " if on else "") + words
    return None  # further ahead than tomorrow, or "November 16's": as written


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]?\s+)$")


def relative_days(text: str, published: dt.date | None, today: dt.date) -> str:
    """Days in an article's text said as true on the episode's day: written on Monday,
    "said on Sunday" is "said yesterday" in Monday's episode, "said on Sunday" again on
    Wednesday, and "said on November 16" a week later; "today" in an older article
    becomes its weekday. With the article's date unknown the words stay as written.
    A capitalised "Today" inside a sentence is a name (the Today programme): it stays."""
    if published is None or published > today:
        return text

    def say(match: re.Match[str]) -> str:
        word = match.group("day")
        starts = bool(_SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()]))
        first = match.group(0)[0]
        if word[0].isupper() and word.lower() in ("today", "yesterday", "tomorrow") and not starts:
            return match.group(0)
        name = word if word in WEEKDAYS else word.lower()
        own = match.group("own") or ""
        # "yesterday" said as a weekday or date needs an "on" ("said on Sunday").
        on = bool(match.group("on")) or (name not in WEEKDAYS and not own)
        spoken = _say_day(_event_date(name, published), today, match.group("part") or "", own, on)
        if spoken is None:
            return match.group(0)
        if starts and first.isupper():
            spoken = spoken[0].upper() + spoken[1:]
        return spoken

    return _DAY_WORD.sub(say, text)
