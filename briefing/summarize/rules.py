"""What a listener can follow: the rules that decide which of an article's sentences
may be spoken in a summary, and how they are tidied first.

Each rule is a small pure function of a sentence (and, where it needs one, the
headline or the sentences already said), tested with a table of cases. A listener
cannot hear what a reader sees: a caption, a picture, a quotation whose speaker is
never named, a sentence that leans on one left out ("He said ...", "But ...", "The
victim ..."), a question or a fragment. These are never spoken (``speakable``,
``leans_back``).
"""

from __future__ import annotations

import re

from ..text import (
    clean_paragraph,
    content_terms,
    looks_like_caption,
    split_sentences,
    stem,
    words,
)

#: Words that, opening a sentence, leave its subject unresolved.
OPENING_PRONOUNS = frozenset(
    """he she they it its his her their them him we us our i it's they're he's she's""".split()
)
#: Demonstratives are only pronouns when a verb follows ("This is ..." but not "This week ...").
_DEMONSTRATIVES = frozenset(["this", "that", "these", "those", "such"])
_AUX_VERBS = frozenset(
    """is was are were has have had will would could can may might must should did does do
    means meant comes came includes included marks marked follows followed""".split()
)
_PRONOUN_SPEAKER = re.compile(
    r"[\"”’']\s*,?\s*(?:he|she|they|it|we|i)\s+(?:said|says|added|told|explained|continued|"
    r"asked|wrote|noted|insisted|argued|warned)\b",
    re.IGNORECASE,
)
_OPENING_QUOTE = re.compile(r"^[\"“‘']")
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|added|told|explained|asked|wrote|noted|according to|insisted|argued|"
    r"warned|stated|declared|announced)\b",
    re.IGNORECASE,
)


def word_count(sentence: str) -> int:
    """Spoken words in a sentence (numbers count as one word)."""
    return len(words(sentence))


#: Titles that open with a possessive pronoun but name someone: "Her Majesty's Inspectorate".
_TITLE_OPENER = re.compile(
    r"^(?:Her|His|Their|Your)\s+(?:Majesty|Royal|Holiness|Excellency|Grace|Honour|Honor|Worship|Lordship|Ladyship)",
    re.IGNORECASE,
)
#: A cleft or extraposed "it" whose subject follows: "It was the interview that the
#: Palace feared", "It is likely that rates will rise" (not "It was the first time.").
_CATAPHORIC_IT = re.compile(
    r"^It(?:\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be)|['’]s)\s+(?:"
    r"(?:the|a|an)\s+[^.;:!?]{0,80}?\s(?:that|who)\s+\w"
    r"|(?:not\s+)?(?:likely|unlikely|possible|impossible|clear|unclear|true|understood|thought|"
    r"believed|expected|hoped|feared|reported|said|claimed|known|estimated|important|"
    r"necessary|hard|easy|difficult|rare|common|illegal|legal)\s+(?:that|to|whether|if)\s+\w)",
    re.IGNORECASE,
)
#: Openers that lean on an earlier sentence of the article: "Now, a study has found it
#: may make your brain larger, too.", "But the council ...", "Meanwhile, ...", "Both
#: blasts went off ...", "Most are being moved ...".
_LEANING_OPENER = re.compile(
    r"^(?:(?:But|And|Yet|So|However|Meanwhile|Instead|Still|Also|Nevertheless|Nonetheless|Now|"
    r"Then,|Even so|As well|Likewise|Similarly|Besides|Moreover|Furthermore|Otherwise|Both|"
    r"Neither|Either)\b"
    r"|(?:Most|Many|Some|Others|Several|All|Few|None)\s+(?:are|were|have|had|will|would|say|"
    r"said|of\s+(?:them|those|these))\b)"
)
#: "This bundle of joy was ...": a demonstrative pointing back (not "This week, ...").
_DEMONSTRATIVE_SUBJECT = re.compile(
    r"^(?:This|These|That|Those|Such)\s+(?!(?:week|weekend|year|month|morning|afternoon|evening|"
    r"night|summer|winter|spring|autumn|fall|season|time|term|decade|century|is|was|are|were)\b)"
    r"[a-z]"
)
#: A definite description that names no one: "The victim was killed ...", "The 21-year-old
#: joined ...", "The Frenchman will ...". Resolved only by a headline holding its noun.
_DEFINITE_ROLE = re.compile(
    r"^The\s+(?:[\w'’-]+\s+){0,3}?(?P<head>\d+-year-old|[A-Z][a-z]+(?:man|woman|men|women)|"
    r"victims?|woman|man|boy|girl|pair|couple|hosts|visitors|company|firm|jury|player|club|"
    r"side|star|singer|actor|actress|ventriloquist|entertainer|suspect|teenager|youngster|"
    r"mother|father|child|baby|family|move|decision|deal|incident|attack|blasts?|explosions?|"
    r"study|bins|buses|animal|creature|pensioner|driver|passenger|patient|boss|manager|"
    r"striker|forward|midfielder|defender|goalkeeper|winger|veteran|duo|trio|former)\b",
)
_LEANING_TAIL = re.compile(
    r"(?:,\s*(?:too|as well)|\s+too|\s+as well|\s+again)\s*[.!]?[\"”’']*$", re.IGNORECASE
)
#: What points at a picture the listener cannot see ("these colourful scenes", "seen here").
_POINTS_AT_PICTURE = re.compile(
    r"\b(?:this|these)\s+(?:[\w-]+\s+){0,2}?(?:photos?|photographs?|pictures?|images?|snaps?|"
    r"shots|scenes|footage|video|clip|graphs?|charts?|maps?|graphics?|illustrations?|"
    r"infographics?)\b(?!\s+(?:agency|agencies|editor|library|industry|app|company|firm|games?))|"
    r"\b(?:the|this|these)\s+(?:[\w-]+\s+)?(?:plots?|graphs?|charts?|maps?|pictures?|photos?|"
    r"images?|videos?|footage|graphics?|tables?|clips?)\s+(?:above|below)\b|"
    r"\b(?:seen|shown|pictured)\s+(?:here|above|below)\b|"
    r"\bscroll\s+down\b",
    re.IGNORECASE,
)


def opens_with_unresolved_pronoun(sentence: str) -> bool:
    """True when a sentence cannot open a story: its subject is a bare pronoun
    ("He said ...", "It was the first time.", "This is ..."), or it is a quotation
    whose speaker is a pronoun or missing ('"We will win," he said.'). A cleft "it"
    whose subject follows ("It was the interview that the Palace feared ...") and a
    title ("Her Majesty's Inspectorate ...") are not pronouns."""
    text = sentence.strip()
    if _OPENING_QUOTE.match(text):
        if _PRONOUN_SPEAKER.search(text):
            return True
        # A quotation must name its speaker after the closing quote.
        closing = max(text.rfind('"'), text.rfind("”"))
        after = text[closing + 1 :] if closing > 0 else ""
        return not _SPEECH_VERB.search(after)
    if _TITLE_OPENER.match(text) or _CATAPHORIC_IT.match(text):
        return False
    first = [w.lower() for w in words(text)[:2]]
    if not first:
        return True
    if first[0] in OPENING_PRONOUNS:
        return True
    return first[0] in _DEMONSTRATIVES and len(first) > 1 and first[1] in _AUX_VERBS


def leans_back(sentence: str, title: str | None = None) -> bool:
    """True for a sentence a listener cannot follow unless the sentence before it was
    said: an unresolved pronoun for its subject (see opens_with_unresolved_pronoun),
    an opener or ending that continues an earlier thought ("But ...", "Meanwhile,
    ...", "Now, a study has found it may make your brain larger, too."), a
    demonstrative subject ("This bundle of joy was ..."), or a definite description
    ("The victim was killed ...") whose noun the headline (``title``) does not hold."""
    text = sentence.strip()
    if (
        opens_with_unresolved_pronoun(text)
        or _LEANING_OPENER.match(text)
        or _LEANING_TAIL.search(text)
        or _DEMONSTRATIVE_SUBJECT.match(text)
    ):
        return True
    role = _DEFINITE_ROLE.match(text)
    if not role:
        return False
    head = stem(role.group("head").split("-")[-1])
    return not (title and head in {stem(w) for w in words(title)})


def points_at_picture(sentence: str) -> bool:
    """True for a sentence about a picture the listener cannot see ("these colourful
    scenes", "pictured here", "in the video above")."""
    return bool(_POINTS_AT_PICTURE.search(sentence))


def is_bare_quote(sentence: str) -> bool:
    """A quotation with no speaker named outside the quote marks."""
    text = sentence.strip()
    if not _OPENING_QUOTE.match(text):
        return False
    closing = max(text.rfind('"'), text.rfind("”"), text.rfind("’"))
    after = text[closing + 1 :] if closing > 0 else ""
    return not _SPEECH_VERB.search(after)


def introduces_quote(sentence: str) -> bool:
    """A sentence that hands over to a quotation: 'Assad said:'."""
    return sentence.rstrip().endswith(":")


def quote_without_speaker(sentence: str, index: int, summary: list[str]) -> bool:
    """True when a summary's quotation has lost its speaker: a bare quotation
    not right after the sentence that introduces or names the speaker."""
    if not is_bare_quote(sentence):
        return False
    if index == 0:
        return True
    before = summary[index - 1]
    return not (introduces_quote(before) or _SPEECH_VERB.search(before) or is_bare_quote(before))


#: Sentences shorter than this are fragments (leftover labels, "Read more"...).
MIN_SENTENCE_WORDS = 8
#: Never spoken, even when nothing else is left: a "sentence" this long is a list or
#: a text without punctuation, and a "word" this long is code, a hash or garbage.
MAX_SENTENCE_WORDS = 100
MAX_WORD_CHARS = 45

# A caption run into the next sentence with no full stop: "... on her face An 86-year-old nun".
_RUN_ON = re.compile(r"(?<=[a-z0-9,)’'%]) (?=(?:A|An|The) [a-z0-9])")
# Two sentences with the full stop lost between them: "... 1.5 million Armenians And it's
# also ...". A capitalised function word after a lower-case word opens a sentence.
_LOST_STOP = re.compile(
    r"(?<=[a-z0-9%)]) (?=(?:And|But|In|After|When|While|However|Meanwhile|Earlier|If|There|"
    r"This|These|Those|It|Its|He|She|We|They|His|Her|Their) [a-z0-9])"
)


def restore_lost_stops(sentence: str) -> str:
    """Put back the full stop between two sentences run together, so the listener hears
    the pause: "... Armenians And it's also ..." -> "... Armenians. And it's also ..."."""
    return _LOST_STOP.sub(". ", sentence)


def paragraphs_and_sentences(text: str) -> tuple[list[str], frozenset[int]]:
    """The article's sentences, cleaned of web furniture and with run-in captions cut
    off, and the indices of those that open a paragraph."""
    sentences: list[str] = []
    starts: set[int] = set()
    for paragraph in re.split(r"\n\s*\n", text):
        cleaned = clean_paragraph(paragraph)
        starts.add(len(sentences))
        for sentence in split_sentences(cleaned):
            parts = (part.strip() for part in _RUN_ON.split(sentence))
            sentences.extend(restore_lost_stops(part) for part in parts if part)
    return sentences, frozenset(starts)


def candidate_sentences(text: str) -> list[str]:
    """The article's sentences, cleaned of web furniture and with run-in captions cut off."""
    return paragraphs_and_sentences(text)[0]


def sayable(sentence: str) -> bool:
    """Whether a sentence can be said at all (see MAX_SENTENCE_WORDS, MAX_WORD_CHARS)."""
    tokens = sentence.split()
    return len(tokens) <= MAX_SENTENCE_WORDS and all(len(t) <= MAX_WORD_CHARS for t in tokens)


def speakable(sentence: str) -> bool:
    """Whether a sentence may be spoken in a summary at all: not a caption, not a
    quotation without its speaker, not a question, not a fragment."""
    if looks_like_caption(sentence) or is_bare_quote(sentence) or points_at_picture(sentence):
        return False
    if sentence.rstrip().endswith((":", ",", ";", "-", "–", "—", "...", "…")):
        return False  # it hands over to what the summary would not say
    return not (
        sentence.rstrip("\"”’' ").endswith("?") or word_count(sentence) < MIN_SENTENCE_WORDS
    )


def restates(sentence: str, title: str) -> bool:
    """A lead that only restates the headline adds nothing after the headline is read."""
    mine, theirs = set(content_terms(sentence)), set(content_terms(title))
    return bool(mine and theirs) and len(mine & theirs) / len(mine | theirs) > 0.8
