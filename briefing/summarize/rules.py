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

import functools
import re
from collections.abc import Sequence

from ..text import (
    clean_paragraph,
    looks_like_caption,
    split_sentences,
    stem,
    words,
)

#: Words that, opening a sentence, leave its subject unresolved.
OPENING_PRONOUNS = frozenset(
    """he she they it its his her their them him we us our i it's they're he's she's
    that's""".split()
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
    r"Neither|Either|Or|Nor)\b"
    r"|(?:Most|Many|Some|Others|Several|All|Few|None)\s+(?:are|were|have|had|will|would|say|"
    r"said|of\s+(?:them|those|these))\b)"
)
#: "This bundle of joy was ...": a demonstrative pointing back (not "This week, ...").
_DEMONSTRATIVE_SUBJECT = re.compile(
    r"^(?:This|These|That|Those|Such)\s+(?!(?:weeks?|weekends?|years?|months?|mornings?|"
    r"afternoons?|evenings?|nights?|days|summer|winter|spring|autumn|fall|season|times?|"
    r"terms?|decades?|century|is|was|are|were)\b)"
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
    r"striker|forward|midfielder|defender|goalkeeper|winger|veteran|duo|trio|former|"
    # Bodies and works the listener has not heard named: "The magazine said ..."
    r"magazine|newspaper|paper|agency|group|organi[sz]ation|department|ministry|survey|"
    r"website|site|network|channel|station|broadcaster|publication|journal|band|museum|"
    r"charity|airline|bank|brand|retailer|carmaker|insurer|regulator|watchdog|union|"
    r"film|movie|book|show|programme|program|series|app|drug|vaccine|device|product|"
    r"brothers|sisters|siblings|twins|girls|boys|men|women|children|officers?|"
    r"researchers|scientists|authors|experts|officials|investigators|activists)\b",
)
#: An article's opening sentence whose "It", "They", "He" or "She" points ahead, at what
#: it names after a comma: "It was two years late and over budget, but this week the
#: Singapore Airlines A380 completed its first flight.", "He may be suffering from a
#: dislocated shoulder -- but golf legend Arnold Palmer has vowed ..."
_NAMED_LATER = re.compile(
    r"^(?:It|They|He|She)\b[^.;:!?]{0,200}?(?:,|\s--|\s[—–])\s*(?:but|and|yet)?\b[^.;:!?]{0,300}?"
    r"\s(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]"
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
    r"\bscroll\s+down\b|"
    # Where someone stands in a picture: "Sarkozy, left, shakes hands", "in the foreground".
    r",\s+(?:(?:far|second|third|top|bottom|front|back)\s+)?(?:left|right|centre|center)"
    r"(?:\s+to\s+right)?,|"
    r"\b(?:in|to)\s+the\s+(?:fore|back)ground\b|"
    r"\b(?:an?|this|the)\s+(?:[\w'’-]+\s+){0,2}?(?:view|photo|photograph|picture|image|"
    r"video|footage|snapshot|still)\s+(?:[\w'’,-]+\s+){0,8}?(?:shows|reveals|captures)\b",
    re.IGNORECASE,
)
#: Verbs a caption describes a picture with, in the present tense ("Andy Murray looks
#: delighted", "A police car sits burnt outside ...", "Bush signs a bill").
_DEPICTING_VERBS = (
    r"stands?|sits?|poses?|holds?|smiles?|waves?|looks|walks?|arrives?|leaves|gestures?|"
    r"celebrates?|shakes|signs|tends?|smashes|reacts?|attends?|watches|hugs?|kisses|wears|"
    r"dons|lies|lie|rests?|greets?|chats?|cuddles?|embraces?|kneels?|points?|laughs?|cries|"
    r"hold|pose|smile|wave|look|walk|arrive|leave|gather|gathers|march|marches|stroll|strolls|"
    r"clutches|clutch|carries|carry|enjoys|enjoy|speaks|inspects?|prepares|lays?|peers?|"
    r"salutes?|plays|dances?|cheers?|jumps?|flies|rides?|shops?|heads|crosses|is\s+seen|"
    r"are\s+seen|is\s+pictured|are\s+pictured|appears|appear|sobs|listens|addresses|stops|"
    r"breaks\s+down|protests|shouts|chants|mourns|prays|waits|comforts|examines|grabs|"
    r"clings|wades|climbs|hugs|runs|flees|drags|pushes|pulls|lifts|helps|feeds"
)
#: What a caption says beside its present tense: a past time ("in April 2007",
#: "yesterday"), a place beside someone ("next to", "outside"), what else happens in the
#: picture ("as he enjoys", "while her husband", "with his wife").
_CAPTION_SIGNAL = re.compile(
    r"\b(?:yesterday|last\s+(?:week|month|year|night|summer|winter|spring|autumn)|"
    r"in\s+(?:(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+)?(?:19|20)\d\d|(?:earlier\s+)?this\s+(?:week|month|year)|"
    r"next\s+to|outside|near|beside|behind|in\s+front\s+of|as\s+(?:he|she|they)|"
    r"while\s+(?:his|her|their)|with\s+(?:his|her|their))\b"
)
#: A caption's subject and verb: at most eight words (names, "A police patrol car",
#: "Holding baby Brianna, Mary Winkler"), then a present-tense verb of what a picture
#: shows; "Bush on Wednesday signs" (the day before the verb) is a caption's order.
_PRESENT_CAPTION = re.compile(
    rf"^(?:(?:Holding|Wearing|Carrying|Standing|Sitting|Pictured|Seen)\b[^,]{{0,60}},\s*)?"
    rf"(?P<subject>[A-Z][\w'’.-]*(?:\s+[\w'’.,-]+){{0,7}}?)"
    rf"(?P<day>\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    rf"\s+(?:{_DEPICTING_VERBS})\b(?P<next>\s+[\w'’]+)?"
)
#: A caption's subject is a name or a noun phrase: no verb, no pronoun opening it.
_NOT_IN_A_SUBJECT = frozenset(
    """it its there here here's there's this that what who which whom whose he she they we i
    is are was were be been being has have had will would can could may might must shall
    should do does did to that up than due about called""".split()
)
#: After a caption's verb comes what it does it to, not another verb ("The students'
#: march began ...").
_NOT_AFTER_A_VERB = frozenset(
    """is are was were has have had will would began begins begun started starts""".split()
)


def _present_caption(text: str) -> re.Match[str] | None:
    """A caption's subject and present-tense verb opening ``text`` (see _PRESENT_CAPTION)."""
    caption = _PRESENT_CAPTION.match(text)
    if caption is None:
        return None
    subject = caption["subject"].replace(",", " ").split()
    if any(
        w.lower() in _NOT_IN_A_SUBJECT
        or (w.islower() and len(w) > 4 and w.endswith(("ing", "ed")))  # a verb, not "Red"
        for w in subject
    ):
        return None
    following = (caption["next"] or "").strip().lower()
    return None if following in _NOT_AFTER_A_VERB else caption


#: A caption's label of a few words opening with a verb's -ing form: "Making history:
#: the first double bed on a commercial jet."
_GERUND_LABEL = re.compile(r"^[A-Z][a-z]+ing(?:\s+[\w'’-]+){0,3}:\s+(?![\"“‘'])")
#: A caption's label: up to six words before a colon, none of them a verb of saying or
#: being, then a capital: "Privacy and civil liberties campaigner: Former Shadow Home
#: Secretary David Davis." (not "The statement read: ...", "He added: ...").
_LONG_CAPTION_LABEL = re.compile(
    r"^(?!(?:[\w'’-]+\s+){0,5}?(?:said|says|told|tells|added|adds|asked|warned|wrote|writes|"
    r"read|reads|stated|states|explained|explains|continued|tweeted|posted|announced|"
    r"concluded|declared|is|are|was|were|has|have|had|will|would|include|includes|included)"
    r"\b)[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,5}:\s+(?=[A-Z])"
)


def opens_with_a_title(sentence: str) -> bool:
    """True for a sentence opening with a quoted title, not a quotation: '"Captain
    America" actor Chris Evans met ...' (the marks close on a word, and the sentence goes
    on; '"We won," he said' closes on a comma)."""
    text = sentence.strip()
    if not _OPENING_QUOTE.match(text):
        return False
    first_close = _CLOSING_MARK.search(text, 1)
    return (
        first_close is not None
        and text[first_close.start() - 1].isalnum()
        and re.match(r"\s+[A-Za-z]", text[first_close.end() :]) is not None
    )


def opens_with_unresolved_pronoun(sentence: str) -> bool:
    """True when a sentence cannot open a story: its subject is a bare pronoun
    ("He said ...", "It was the first time.", "This is ..."), or it is a quotation
    whose speaker is a pronoun or missing ('"We will win," he said.'). A cleft "it"
    whose subject follows ("It was the interview that the Palace feared ...") and a
    title ("Her Majesty's Inspectorate ...") are not pronouns."""
    text = sentence.strip()
    if _OPENING_QUOTE.match(text) and not opens_with_a_title(text):
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


def leans_back(sentence: str, title: str | None = None, *, opening: bool = False) -> bool:
    """True for a sentence a listener cannot follow unless the sentence before it was
    said: an unresolved pronoun for its subject (see opens_with_unresolved_pronoun),
    an opener or ending that continues an earlier thought ("But ...", "Meanwhile,
    ...", "Now, a study has found it may make your brain larger, too."), a
    demonstrative subject ("This bundle of joy was ..."), or a definite description
    ("The victim was killed ...") whose noun the headline (``title``) does not hold,
    unless the sentence ``opening`` the article introduces it there ("The heartbroken
    former fiancée of tycoon Scot Young attended his funeral")."""
    text = sentence.strip()
    if opening and _NAMED_LATER.match(text):
        return False  # "It was two years late, but this week the A380 completed ..."
    if (
        opens_with_unresolved_pronoun(text)
        or _LEANING_OPENER.match(text)
        or _LEANING_TAIL.search(text)
        or _DEMONSTRATIVE_SUBJECT.match(text)
    ):
        return True
    role = None if opening else _DEFINITE_ROLE.match(text)
    if not role:
        return False
    head = stem(role.group("head").split("-")[-1])
    return not (title and head in {stem(w) for w in words(title)})


def points_at_picture(sentence: str) -> bool:
    """True for a sentence about a picture the listener cannot see ("these colourful
    scenes", "pictured here", "in the video above")."""
    return bool(_POINTS_AT_PICTURE.search(sentence))


def depicts_a_picture(sentence: str) -> bool:
    """True for a photo caption written as a sentence: a present-tense verb of what a
    picture shows, beside a past time or a place beside someone ("Andy Murray looks
    delighted as he enjoys ...", "Holding baby Brianna, Mary Winkler stands next to
    Matthew.", "President Bush on Wednesday signs a bill ...", "A police patrol car sits
    burnt outside ..."), or a label and colon before a name ("Privacy campaigner: Former
    Shadow Home Secretary David Davis.")."""
    text = sentence.strip()
    if _LONG_CAPTION_LABEL.match(text) or _GERUND_LABEL.match(text):
        return True
    caption = _present_caption(text)
    return caption is not None and bool(caption["day"] or _CAPTION_SIGNAL.search(text))


def describes_as_present(sentence: str) -> bool:
    """True for a sentence told in a caption's present tense ("Police look at the
    aftermath of ..."): a caption when it also says the story again (see the lead)."""
    return _present_caption(sentence.strip()) is not None


#: Someone's handle on a social network: the sentence is a post read out ("Oh
#: @Lupita_Nyongo cln't talk abt ..."), which no listener can follow.
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,}")


#: A sentence that points at what the page shows next, no news in itself: "Here are six
#: of CNN's best videos of the week.", "Here's a look at ...", "Check out ...".
_POINTS_AT_CONTENT = re.compile(
    r"^(?:Here(?:'s|’s|\s+are|\s+is)\s+(?:a\s+(?:look|list|selection|round-?up|gallery|guide)|"
    r"some|our|the\s+(?:best|top|latest|full)|how\b|what\b|why\b|\w+\s+of\b)|"
    r"Below(?:\s+are|\s+is)?\b|Check\s+out\b|Take\s+a\s+look\b|Scroll\s+(?:down|through)\b|"
    r"Click\s+through\b)",
    re.IGNORECASE,
)


def points_at_content(sentence: str) -> bool:
    """True for a sentence that points at a list or gallery the page shows ("Here are six
    of CNN's best videos of the week."), which a listener cannot follow."""
    return bool(_POINTS_AT_CONTENT.match(sentence.strip()))


def quotes_a_post(sentence: str) -> bool:
    """True for a sentence holding a social network handle ("@CNNPhotos")."""
    return bool(_HANDLE.search(sentence))


#: The writer's own voice: first-person words, outside quotation marks.
_FIRST_PERSON = re.compile(
    r"\b(?:I(?:['’](?:m|ve|d|ll))?|me|my|mine|myself|we(?:['’](?:re|ve|d|ll))?|us|our|ours|"
    r"ourselves|We(?:['’](?:re|ve|d|ll))?|Our|Us|My|Me)\b"
)
#: "World War I", "Charles I": a capital I after these is a numeral.
_NUMERAL_I = re.compile(
    r"(?:War|Phase|Type|Class|Chapter|Part|Act|Title|Article|Division|League|Henry|Charles|"
    r"Elizabeth|James|George|Edward|William|Mary|Richard|John|Louis|Peter|Nicholas|Alexander|"
    r"Napoleon|Ptolemy|Pius|Leo|Paul)\s$"
)
#: Quotation marks, by how they stand: an opening one after a space or the start, a
#: closing one before a space, punctuation or the end (an apostrophe stands between
#: letters, "don't", and is neither).
_OPENING_MARK = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[\"“‘']")
_CLOSING_MARK = re.compile(r"(?<=\S)[\"”’'](?=[\s,.;:!?)\]—–-]|$)")


def outside_quotes(sentence: str) -> str:
    """The sentence with what stands inside quotation marks blanked out (an opening
    mark with no closing one quotes to the end)."""
    out, position, depth_start = [], 0, None
    for mark in sorted(
        [(m.start(), "open") for m in _OPENING_MARK.finditer(sentence)]
        + [(m.start(), "close") for m in _CLOSING_MARK.finditer(sentence)]
    ):
        at, kind = mark
        if kind == "open" and depth_start is None:
            out.append(sentence[position:at])
            depth_start = at
        elif kind == "close" and depth_start is not None and at > depth_start:
            out.append(" " * (at + 1 - depth_start))
            position, depth_start = at + 1, None
    if depth_start is None:
        out.append(sentence[position:])
    return "".join(out)


def speaks_for_the_writer(sentence: str) -> bool:
    """True for a sentence in the writer's own first person outside quotation marks
    ("He told me he was leaving.", "I was so taken aback."): read by the host it would
    be the host's own; a quotation of someone's first person is theirs ('"I won," he said.')."""
    return writer_voice(sentence) > 0


def writer_voice(sentence: str) -> int:
    """How surely a sentence is in its writer's voice: 2 for the singular first person
    ("I", "me", "my") or a sentence opening with "We", "Our", "Us" outside quotation
    marks; 1 for a "we", "us" or "our" inside it ("... we may be close to finding
    life", which may mean everyone); 0 for none."""
    text = outside_quotes(sentence)
    voice = 0
    for match in _FIRST_PERSON.finditer(text):
        word = match.group()
        before = text[max(0, match.start() - 12) : match.start()]
        if word == "I" and _NUMERAL_I.search(before):
            continue
        plural = word.lower().startswith(("we", "us", "our"))
        voice = max(voice, 1 if plural and text[: match.start()].strip() else 2)
    return voice


#: A team sheet or a results table: a formation, "Subs", semicolons between names,
#: numbered places, or two scores between names ("Chelsea 2 Arsenal 1").
_TABLE = re.compile(
    r"\(\d-\d(?:-\d){1,3}\)|\bSubs(?:titutes)?(?:\s+not\s+used)?\s*:|"
    r"(?:;\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?\s*){3}|"
    r"\b1\.\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*[^.]{0,40}?\b2\.\s+[A-Z]|"
    r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+\d{1,2}\s*[,-]?\s+"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+\d{1,2}\b"
)


def reads_as_table(sentence: str) -> bool:
    """True for a results table or a team list, which no listener can take in
    ("Arsenal (4-4-2): Szczesny; Sagna, Mertesacker ...", "Chelsea 2 Arsenal 1")."""
    return bool(_TABLE.search(sentence))


def is_bare_quote(sentence: str) -> bool:
    """A quotation with no speaker named outside the quote marks. A quoted title opening
    a sentence ('"Captain America" actor Chris Evans met ...') is no quotation: its
    marks close on a word, not before a comma or the end."""
    text = sentence.strip()
    if not _OPENING_QUOTE.match(text) or opens_with_a_title(text):
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
#: A shorter sentence is spoken when it has a subject and a verb of its own ("Marvel
#: is going back to war."), from this many words.
MIN_CLAUSE_WORDS = 4
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|must|should|may|"
    r"might)\b"
)
#: Never spoken, even when nothing else is left: a "sentence" this long is a list or
#: a text without punctuation, and a "word" this long is code, a hash or garbage.
MAX_SENTENCE_WORDS = 100
MAX_WORD_CHARS = 45

# A caption run into the next sentence with no full stop: "... on her face An 86-year-old nun".
_RUN_ON = re.compile(r"(?<=[a-z0-9,)’'%]) (?=(?:A|An|The) [a-z0-9])")
_WORD_BEFORE_SEAM = re.compile(r"(\S+)$")
#: Words a letter A names a kind of: "hepatitis A virus", "vitamin A", "type A".
_NAMED_BY_A_LETTER = frozenset(
    """hepatitis vitamin type grade plan group class category division section league level
    step option part block wing gate terminal row zone route flu influenza""".split()
)


def split_run_in_captions(sentence: str) -> list[str]:
    """A sentence with a caption run into it cut in two at the seam: "... on her face An
    86-year-old nun ..." (a lower-case word, then "A", "An" or "The"); a name before
    the seam is no seam ("the next Serie A season")."""
    parts, start = [], 0
    for seam in _RUN_ON.finditer(sentence):
        # The word just before the seam, from a bounded window (not the whole sentence
        # before it, which took time in the square of a long sentence's length).
        before = _WORD_BEFORE_SEAM.search(sentence[max(0, seam.start() - 64) : seam.start()])
        word = before[1] if before is not None else ""
        if word[:1].isupper() or (
            sentence.startswith("A ", seam.end()) and word.lower() in _NAMED_BY_A_LETTER
        ):
            continue
        parts.append(sentence[start : seam.start()])
        start = seam.end()
    parts.append(sentence[start:])
    return [part.strip() for part in parts if part.strip()]


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


def leaves_quote_open(sentence: str) -> bool:
    """True when a sentence opens a quotation it does not close ('"Toy Time!', "'I was
    shocked.")."""
    opening = [m.start() for m in _OPENING_MARK.finditer(sentence)]
    closing = [m.start() for m in _CLOSING_MARK.finditer(sentence)]
    depth_from = None
    for at, kind in sorted([(a, 1) for a in opening] + [(a, 0) for a in closing]):
        if kind and depth_from is None:
            depth_from = at
        elif not kind and depth_from is not None and at > depth_from:
            depth_from = None
    return depth_from is not None


#: At most this many sentences are read as one quotation split by the splitter.
MAX_QUOTED_SENTENCES = 4


def rejoin_quotations(sentences: list[str]) -> list[str]:
    """Sentences with one quotation split between them made one again, so that a
    quotation is heard whole with its speaker: ['"I was shocked.', 'I could not believe
    it," she said.'] -> ['"I was shocked. I could not believe it," she said.'] (a
    quotation left open that no later sentence closes stays as it was)."""
    out: list[str] = []
    index = 0
    while index < len(sentences):
        joined = sentences[index]
        taken = 1
        if leaves_quote_open(joined):
            for more in range(1, MAX_QUOTED_SENTENCES):
                if index + more >= len(sentences):
                    break
                candidate = f"{joined} {' '.join(sentences[index + 1 : index + more + 1])}"
                if not leaves_quote_open(candidate):
                    joined, taken = candidate, more + 1
                    break
        out.append(joined)
        index += taken
    return out


#: A list item's number left at the end of the sentence before the item: "... ahead
#: of their mega fight 1." (the list lost its line breaks).
_TRAILING_NUMBER = re.compile(r"(?<=[A-Za-z,)’'\"”]) (\d{1,2})\.$")
#: Words after which a number is the sentence's own: "He was 45.", "on March 4.",
#: "Terminal 1.", "Category 4.", "aged 3.".
_NUMBER_OWNERS = frozenset(
    """was is were are be been aged age ages of to at by from than under over about around
    number no top channel terminal category interstate route game level stage chapter part
    round week day phase section article and or between turned turning turn won lost beat
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
#: A list's next number comes within this many sentences of the one before.
LIST_ITEM_SENTENCES = 3


def strip_list_numbers(sentences: list[str]) -> list[str]:
    """Sentences without the numbers of a list run into them: when sentences end with
    " 1.", " 2." ... in order (a numbered list whose line breaks were lost), those
    numbers go; a single number ("He was 45.") stays."""
    ends = []
    for index, sentence in enumerate(sentences):
        match = _TRAILING_NUMBER.search(sentence)
        owner = sentence[: match.start()].split()[-1:] if match else []
        if match and owner and owner[0].lower().strip(",)’'\"”") not in _NUMBER_OWNERS:
            ends.append((index, int(match[1])))
    numbered: set[int] = set()
    run: list[int] = []
    for index, number in ends:
        if run and number == len(run) + 1 and index - run[-1] <= LIST_ITEM_SENTENCES:
            run.append(index)
        elif number == 1:
            run = [index]
        else:
            run = []
        if len(run) >= 2:
            numbered.update(run)
    return [_TRAILING_NUMBER.sub(".", s) if i in numbered else s for i, s in enumerate(sentences)]


def paragraphs_and_sentences(
    text: str, limit: int | None = None
) -> tuple[list[str], frozenset[int]]:
    """The article's sentences (the paragraphs that hold its first ``limit``, when
    given), cleaned of web furniture, with run-in captions cut off, quotations the
    splitter cut in pieces made whole and list numbers left out, and the indices of
    those that open a paragraph."""
    sentences: list[str] = []
    starts: set[int] = set()
    for paragraph in re.split(r"\n\s*\n", text):
        if limit is not None and len(sentences) >= limit:
            break
        cleaned = clean_paragraph(paragraph)
        starts.add(len(sentences))
        pieces: list[str] = []
        for sentence in split_sentences(cleaned):
            pieces.extend(map(restore_lost_stops, split_run_in_captions(sentence)))
        sentences.extend(rejoin_quotations(pieces))
    return strip_list_numbers(sentences), frozenset(starts)


def candidate_sentences(text: str) -> list[str]:
    """The article's sentences, cleaned of web furniture and with run-in captions cut off."""
    return paragraphs_and_sentences(text)[0]


def sayable(sentence: str) -> bool:
    """Whether a sentence can be said at all (see MAX_SENTENCE_WORDS, MAX_WORD_CHARS)."""
    tokens = sentence.split()
    return len(tokens) <= MAX_SENTENCE_WORDS and all(len(t) <= MAX_WORD_CHARS for t in tokens)


def speakable(sentence: str, *, column: bool = False) -> bool:
    """Whether a sentence may be spoken in a summary at all: not a caption (a label, a
    picture, a sentence describing one), not a quotation without its speaker, not a
    post read out, not the writer's own first person (unless the article is the
    writer's ``column``, whose voice the summary attributes), not a table, not a
    question, not a fragment."""
    if (
        looks_like_caption(sentence)
        or is_bare_quote(sentence)
        or points_at_picture(sentence)
        or depicts_a_picture(sentence)
        or quotes_a_post(sentence)
        or points_at_content(sentence)
        or (not column and speaks_for_the_writer(sentence))
        or reads_as_table(sentence)
    ):
        return False
    if sentence.rstrip().endswith((":", ",", ";", "-", "–", "—", "...", "…")):
        return False  # it hands over to what the summary would not say
    if sentence.rstrip("\"”’' ").endswith("?"):
        return False
    count = word_count(sentence)
    return count >= MIN_SENTENCE_WORDS or (
        count >= MIN_CLAUSE_WORDS and bool(_FINITE_VERB.search(sentence))
    )


# -- people named in full at first mention ---------------------------------------

#: Words before a name that say who someone is ("Chief Justice Roy Moore", "Mr Moore").
_TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr sir dame lord lady prince princess king queen pope president
    vice chief justice judge senator sen rep representative gov governor mayor general gen
    captain capt coach officer detective sergeant sgt professor prof secretary minister
    prime chancellor speaker leader director chairman chairwoman executive inspector
    constable attorney bishop archbishop rev reverend father sister saint st deputy
    commissioner superintendent lieutenant lt colonel col major maj admiral commander
    ambassador councillor councilman councilwoman congressman congresswoman state foreign
    home health defence defense finance interior premier former late""".split()
)
#: Honorifics said before a surname alone ("Mr Moore"): replaced by the first name.
_HONORIFICS = frozenset("mr mrs ms miss mx dr".split())
#: Capitalised words that open a sentence or name a time, never a person's first name.
_NOT_FIRST_NAMES = frozenset(
    """the a an in on at by for from to of and but or if as so when while after before since
    this that these those his her their its our my your he she it they we you there here
    then now yesterday today tomorrow last next new old north south east west central
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter god""".split()
)
#: A name's word: "Moore", "McIlroy", "MacDonald", "O'Sullivan", "Smith-Jones".
_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?|O['’][A-Z][a-z]+)(?:-[A-Z]?[a-z]+)?"
#: A full name: a first name, an optional middle name or initial, a surname.
_FULL_NAME = re.compile(
    rf"\b(?P<first>{_NAME_TOKEN})\s+(?:(?:[A-Z]\.|{_NAME_TOKEN})\s+)?"
    rf"(?:(?:de|van|von|der|da|di|al|bin|le|la|du)\s+)?(?P<last>{_NAME_TOKEN})\b"
)
#: What follows a surname when it names a person: a verb of saying or being, an age,
#: a possessive.
_PERSON_AFTER = re.compile(
    r"^(?:\s+(?:(?:later|also|then|now|once|again|quickly|previously|recently)\s+)?"
    r"(?:said|says|told|tells|added|adds|was|is|has|had|will|would|who|wrote|writes|"
    r"admitted|denied|insisted|claimed|explained|warned|revealed|confirmed|replied)\b"
    r"|,\s+\d{1,3},|['’]s\b|(?<=s)['’]\s)"
)
#: Or a verb in the present or past tense after the surname: "Boughton always gets
#: around to ...", "Smith joined the club" (a word in lower case, not a preposition).
_PERSON_VERB = re.compile(
    r"^\s+(?:(?:always|also|never|now|then|later|still|often|once|later|quickly)\s+)?"
    r"(?!(?:of|in|on|at|by|for|from|to|and|or|the|a|an|with|as|than|street|road|avenue|"
    r"county|city|river|park|hall|square|house|center|centre|family|case|report|era|"
    r"administration|government|campaign|law|act|rule)\b)[a-z]+(?:ed|s)\b"
)
#: Words a group of people is named by, never a surname: "National Democrats".
_GROUP_NOUNS = frozenset(
    """democrats republicans conservatives liberals tories socialists communists greens
    americans britons europeans christians muslims jews catholics protestants
    palestinians israelis iraqis afghans syrians iranians russians chinese germans
    officials police fans players members people voters""".split()
)
#: Who someone is, said after their full name in the article: ", the state's chief
#: justice," (up to ten words, opening with "the" or "a").
_ROLE_AFTER = re.compile(r"^,\s+((?:the|a|an)\s+[^,;:.()\"“”]{3,80}?),")


@functools.lru_cache(maxsize=256)
def _full_names(sentences: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Each surname the article gives one person for -> (that person's full name at
    its first mention, the role said after it there, or "")."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for sentence in sentences:
        position = 0
        while match := _FULL_NAME.search(sentence, position):
            first, last = match["first"], match["last"]
            if (
                first.lower() in _NOT_FIRST_NAMES | _TITLE_WORDS
                or last.lower() in _TITLE_WORDS | _GROUP_NOUNS
            ):
                position = match.end("first")  # "President Barack Obama": try from "Barack"
                continue
            position = match.end()
            people = found.setdefault(last, {})
            if first not in people:
                role = _ROLE_AFTER.match(sentence[match.end() :])
                said = role[1] if role and len(role[1].split()) <= 10 else ""
                people[first] = (match.group(), said)
    # A surname two people share ("Diane Winkler", "Mary Winkler") names no one alone.
    return {last: next(iter(people.values())) for last, people in found.items() if len(people) == 1}


_WORD_BEFORE_NAME = re.compile(r"([A-Za-z][\w'’.-]*)\s+$")


def name_in_full(summary: list[str], article: Sequence[str], title: str | None = None) -> list[str]:
    """The summary with each person the article names in full said in full at their
    first mention, with who they are when the article says it: "Moore said the ruling
    stands." -> "Roy Moore, the state's chief justice, said the ruling stands." ("Mr
    Moore" too). Only a surname the article gives one person for, in a place where it
    names a person (before "said", an age, a possessive, or after "Mr"), and not when
    the headline or the summary already said the full name."""
    names = _full_names(tuple(article))
    if not names:
        return summary
    said = title or ""
    out = []
    for sentence in summary:
        told = sentence
        for last, (full, role) in names.items():
            if full in said or full in told:
                continue
            for match in re.finditer(rf"\b{re.escape(last)}\b", told):
                before = _WORD_BEFORE_NAME.search(told[: match.start()])
                honorific = before is not None and before[1].rstrip(".").lower() in _HONORIFICS
                if before is not None and before[1][:1].isupper() and not honorific:
                    continue  # part of a longer name: "Mary Winkler", "President Moore"
                after = told[match.end() :]
                if not (honorific or _PERSON_AFTER.match(after) or _PERSON_VERB.match(after)):
                    continue
                start = before.start(1) if honorific and before is not None else match.start()
                appositive = bool(role) and not after.startswith((",", "'", "’"))
                spoken = f"{full}, {role}," if appositive else full
                told = told[:start] + spoken + told[match.end() :]
                break
        out.append(told)
        said += " " + told
    return out
