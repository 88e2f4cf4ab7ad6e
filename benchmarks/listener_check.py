"""A listener's check: what in a spoken news summary a listener would trip over.

    python benchmarks/listener_check.py              # counts on ../shared/eval/news-train.jsonl
    python benchmarks/listener_check.py --show 20    # ... and print flagged summaries
    python benchmarks/listener_check.py --show 20 --kind surname_only --system summarizer

Small pure detectors, written apart from the filters the summarizer uses (this
module imports nothing from ``briefing``; only the standard library), so a
benchmark that counts with them cannot pass merely because the summarizer
already filtered by the same rules. Each detector takes a summary (a list of
sentences) and, optionally, the story's headline (read before the summary) and
the article's text, and returns the problems it found as short descriptions; an
empty list means none. A detector that needs the article does nothing without it.

- ``opener_without_referent``: the first sentence leans on something never
  said (a bare pronoun subject, "This is...", "The pair...", "The move comes...",
  "Now, ... too"), or any sentence points at a picture ("these colourful
  scenes", "(left)", "pictured here").
- ``run_in_caption``: a photo caption run into a sentence ("...on her face An
  86-year-old nun...", "...on Tuesday Kim Kardashian, 34, poses with..."), a
  caption label ("Pictured: ...", "Guilty: ..."), "Scroll down for video",
  "(pictured)", a sentence with no verb.
- ``spans_two_stories``: the sentences fall into two groups of two or more that
  share no content word or name, nor the later group the headline's (a page that
  holds two stories); or, in three sentences, a long last one that shares nothing.
- ``quote_without_speaker``: a quotation whose speaker is named neither in its
  sentence nor in the one before, or whose "he said" has no person to be ("Heavy
  rain hit London. 'It was terrible,' he said.").
- ``dangling_ending``: the summary stops mid-thought (":", ",", a dash, "...",
  no full stop, a question left hanging).
- ``names_missing``: a match report (beat, drew, lost...) that names neither the
  other side nor the score.
- ``list_residue``: a list's numbers read aloud ("2. ...", "1) ...", "...ahead
  of their mega fight 1.").
- ``surname_only``: a person called by surname ("Moore said", "Mr Moore") at
  the first mention when the article names them in full ("Roy Moore"); needs
  the article.
- ``dropped_referent``: "The magazine said..." when the summary never named it
  (the article's "Consumer Reports magazine"), "the company" with nothing named.
- ``first_person``: a writer's "I", "me", "my" (or a "we" that tells the
  writer's story) outside quotation marks, which the host would say as his own.
- ``related_link``: "READ MORE: ...", "Click here", a Title Case headline run
  onto a sentence's end.
- ``source_credit``: "(The Hollywood Reporter)", "(AP)", "(CNN)", "... contributed
  to this report", a copyright line.
- ``timestamp``: "Last updated at 20:11 GMT", "PUBLISHED: 13:26 EST, 2 May 2014".
- ``results_table``: a results table or team list read aloud ("Arsenal (4-4-2):
  Szczesny; Sagna, ...", "Subs not used: ...", "Chelsea 2 Arsenal 1").

``problems(summary, headline, article)`` gives the kinds found, each once, in the
order of ``KINDS``; ``findings(summary, headline, article)`` gives (kind,
description) pairs.

Precision comes before recall: each rule was checked on the training file
against the articles' first sentences and against human-written summaries, which
it should almost never flag (run this file to see the counts; it never reads the
dev set, on which nothing here is tuned).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

Detector = Callable[[Sequence[str], "str | None", "str | None"], list[str]]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --------------------------------------------------------------------------
# Shared word lists (kept here, apart from briefing's own lists)
# --------------------------------------------------------------------------

_FUNCTION_WORDS = _words(
    """a about above across after against all along also although am among an and another
    any are around as at away back be because been before behind being below beneath
    beside besides between beyond both but by can could did do does doing done down
    during each either else even ever every few for from further had has have having he
    her here hers herself him himself his how however i if in inside into is it its
    itself just least less like many may me might more most much must my myself near
    neither no nor not now of off on once one only onto or other others our ours out
    over own per perhaps quite rather same several shall she should since so some such
    than that the their theirs them themselves then there these they this those though
    through throughout thus till to too toward towards under unless until up upon us
    very via was we were what whatever when whenever where whereas whether which while
    who whom whose why will with within without would yet you your yours"""
)
_TIME_WORDS = _words(
    """week weekend weeks year years month months morning afternoon evening night nights
    day days summer winter spring autumn fall season term century decade time times
    past coming monday tuesday wednesday thursday friday saturday sunday christmas
    easter today tonight hour minute moment era period"""
)
#: Words with no meaning of their own for telling stories apart.
_GENERIC_WORDS = (
    _FUNCTION_WORDS
    | _TIME_WORDS
    | _words(
        """said says say saying told tell according added adding asked claimed claims
    reported reports new old first last next former latest recent recently also
    two three four five six seven eight nine ten one hundred thousand million billion
    people man woman men women mr mrs ms dr get got make made take taken took come came
    going go went way well good great big small many lot lots thing things part place
    around early late ago yesterday number per cent percent like just still really
    however although even already today"""
    )
)
_MONTHS = _words(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_DAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

#: Finite verbs and auxiliaries: a sentence with none of these, no -ed word and no
#: -s verb candidate is a noun phrase, the shape of a photo caption.
_FINITE_VERBS = _words(
    """is are was were be been being am isn't aren't wasn't weren't 's 're 'm has have
    had hasn't haven't hadn't do does did don't doesn't didn't can can't cannot could
    couldn't will won't would wouldn't shall should shouldn't may might must need needs
    ought got get gets made make makes took take takes gave give gives went go goes came
    come comes saw see sees said say says told tell tells found find finds left leave
    leaves kept keep keeps began begin begins became become becomes brought bring
    brings thought think thinks knew know knows felt feel feels lost lose loses won win
    wins paid pay pays met meet meets ran run runs sent send sends set sets put puts
    held hold holds stood stand stands led lead leads fell fall falls grew grow grows
    built build builds spent spend spends sold sell sells hit hits cut cuts shot shoot
    shoots wore wear wears drew draw draws beat beats broke break breaks rose rise rises
    spoke speak speaks chose choose chooses flew fly flies drove drive drives ate eat
    eats let lets hid hide hides sang sing sings fought fight fights caught catch
    catches taught teach teaches bought buy buys slept sleep sleeps struck strike
    strikes threw throw throws woke wake wakes wrote write writes swam swim swims
    sat sit sits lay lie lies rode ride rides hung hang hangs bit bite bites dug dig
    shows show showed seem seems looks look appear appears want wants there here"""
)

_SUBJECT_PRONOUNS = ("He", "She", "They", "It", "We", "His", "Her", "Their", "Its", "Him", "Them")
#: "Her Majesty's Inspectorate" and its like are titles, not pronouns.
_HONORIFIC_AFTER_PRONOUN = _words(
    "Majesty Majesty's Majesty’s Royal Holiness Excellency Eminence Grace Honour Honor Lordship "
    "Ladyship Worship"
)


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*)?"
    r"\((?:CNN|Reuters|AP|AFP|PA|BBC|UPI|Bloomberg)\)\s*(?:--|[-–—:])?\s*"
)
_DM_STAMP = re.compile(
    r"^(?:By \. [^.]{1,80} \. (?:PUBLISHED: \. [^|]{1,60}\| \. )?(?:UPDATED: \. [^.]{1,60}\. )?)"
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,:]*")
_QUOTE_CHARS = "\"“”‘’'"


@lru_cache(maxsize=8192)
def _clean(sentence: str) -> str:
    """A sentence without its agency dateline ("(CNN) ") or Daily Mail byline stamp."""
    sentence = " ".join(sentence.split())
    sentence = _AGENCY_DATELINE.sub("", sentence, count=1)
    return _DM_STAMP.sub("", sentence, count=1)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _first_word(sentence: str) -> str:
    match = re.match(r"[\s\"“‘'(\[]*([A-Za-z][A-Za-z'’-]*)", sentence)
    return match.group(1) if match else ""


# Quotations. A quotation mark opens when it follows a space and precedes a letter, and
# closes when it follows a letter or punctuation and precedes a space, punctuation or
# the end ("don't" and "Adebayor's" hold apostrophes, not quotation marks). A quotation
# may run over several sentences, so quotes are followed across the whole summary.
_QUOTE_MARK = re.compile(r"[\"“”‘’']")
_OPEN_BEFORE = " ([{—–-:/"
_CLOSE_AFTER = " .,;:!?)]}—–-\"'’”…"


def _quote_marks(sentence: str) -> list[tuple[int, bool, bool]]:
    """(position, opens, is_double) for each quotation mark in ``sentence``."""
    marks = []
    for match in _QUOTE_MARK.finditer(sentence):
        index, char = match.start(), match.group(0)
        before = sentence[index - 1] if index else " "
        after = sentence[index + 1] if index + 1 < len(sentence) else " "
        double = char in '"“”'
        if char in "“‘":
            opens = True
        elif char == "”":
            opens = False
        else:
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe: "don't", "Adebayor's"
            if not double and re.match(r"\d0s\b|\d\d\b", sentence[index + 1 : index + 4]):
                continue  # "the '90s", "class of '85"
            may_open = before in _OPEN_BEFORE and after not in _CLOSE_AFTER
            may_close = not before.isspace() and after in _CLOSE_AFTER
            if may_open == may_close:
                continue
            opens = may_open
        marks.append((index, opens, double))
    return marks


def _quote_spans(sentences: Sequence[str]) -> list[tuple[list[tuple[int, int]], bool]]:
    """For each sentence, its quoted spans and whether it begins inside a quotation."""
    result = []
    open_double: bool | None = None  # None: outside a quotation
    start = 0
    for number, sentence in enumerate(sentences):
        spans: list[tuple[int, int]] = []
        inside_at_start = open_double is not None
        start = 0
        for index, opens, double in _quote_marks(sentence):
            if open_double is None and opens:
                open_double, start = double, index
            elif open_double is not None and not opens and double == open_double:
                spans.append((start, index + 1))
                open_double = None
            elif open_double is None and double and not spans and number == 0:
                # The summary begins inside a quotation ('...the honour." I can't...').
                spans.append((0, index + 1))
                inside_at_start = True
        if open_double is not None:
            spans.append((start, len(sentence)))
        result.append((spans, inside_at_start))
    return result


def _outside(sentence: str, spans: list[tuple[int, int]]) -> str:
    """``sentence`` with its quoted spans blanked out."""
    parts, last = [], 0
    for start, end in spans:
        parts.append(sentence[last:start] + " ")
        last = end
    parts.append(sentence[last:])
    return "".join(parts)


@lru_cache(maxsize=8192)
def _outside_quotes(sentence: str) -> str:
    return _outside(sentence, _quote_spans([sentence])[0][0])


# --------------------------------------------------------------------------
# Opener without a referent (and pictures a listener cannot see)
# --------------------------------------------------------------------------

# "It was the interview that some within the Palace must have feared": a cleft whose
# subject follows; "It is hard to see why", "It has emerged that", "It is understood
# the club...": an "it" that points forward, not back.
_FORWARD_IT = re.compile(
    r"^It(?:['’]s| is| was| has been| had been| will be| would be| may be| might be)"
    r"(?: not| only| just| also| now| still| perhaps| probably| surely| certainly)?\s+"
    r"(?:"
    # extraposed adjective: It is hard to / It's unclear whether / It is no surprise that
    r"(?:(?:very|so|too|far|more|less|not|all|quite|hardly|pretty)\s+)*"
    r"(?:hard|easy|difficult|impossible|possible|clear|unclear|obvious|important|vital|"
    r"essential|crucial|necessary|true|untrue|rare|common|unusual|usual|surprising|"
    r"strange|odd|remarkable|amazing|incredible|astonishing|tough|tricky|fair|unfair|safe|"
    r"sad|tempting|worth|time|high time|thought|believed|understood|feared|claimed|reported|"
    r"alleged|known|estimated|expected|hoped|said|rumoured|rumored|suggested|revealed|"
    r"announced|confirmed|emerged|likely|unlikely|certain|uncertain|doubtful|a shame|"
    r"a pity|a wonder|no wonder|no surprise|no secret|no coincidence|a mystery|a miracle|"
    r"a good idea|a bad idea)"
    r"(?:\s+(?:to|that|for|whether|if|how|why|what|when|who|where|as though|as if)\b"
    r"|\s+(?=(?:the|a|an|he|she|they|his|her|their|police|officials|[A-Z][a-z]+)\s+\w+))"
    # a cleft: It was the interview that / It is Smith who
    r"|(?:the|a|an|this|that|his|her|their|its|[A-Z][\w'’-]*|\d[\w-]*)\b"
    r"(?:\s+[\w'’-]+){0,6}?\s+(?:that|who|whom|which|when|where)\s"
    # a time: It is 10 years since / It was two years ago / It's been a year since
    r"|(?:now\s+)?(?:\w+\s+){0,2}(?:years?|months?|weeks?|days?|decades?|hours?|minutes?)"
    r"\s+(?:since|ago|before|after|until)\b"
    r"|(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|midnight|noon|dawn|dusk|"
    r"raining|snowing|freezing|sunny|cloudy|windy|foggy|cold|hot|warm|dark|light)\b"
    r")"
    r"|^It(?:['’]s| is| was)\s[^:;]{3,60}:\s"  # "It's a striking image: a new baby..."
    r"|^It\s+(?:(?:always\s+|only\s+|just\s+)?(?:takes|took|will take|would take|may take|"
    r"might take|could take|can take)\b|(?:is|was)\s+(?:always\s+)?going\s+to\s+take\b|"
    r"seems|seemed|appears|appeared|emerged|has emerged|had emerged|"
    r"turns out|turned out|transpired|remains to be seen|looks as (?:if|though)|"
    r"looks like|is as if|was as if|never rains|rained|snowed|poured)\b"
)
#: "We all know...", "We are all guilty of...": an inclusive "we", not a group named earlier.
_GENERIC_WE = re.compile(
    r"^We(?:['’]ve|['’]re| have| are| had| were)?(?:\s+\w+)?\s+(?:all|each)\b"
    r"|^We\s+(?:all|each|humans|Britons|Brits|Americans|Europeans)\b"
)
_LEANING_CONNECTIVE = re.compile(
    r"^(?:But|And|Yet|Or|However|Meanwhile|Also|Instead|Nevertheless|Nonetheless|"
    r"Moreover|Furthermore|Besides|Likewise|Similarly|Otherwise|Therefore|Thus|Hence|"
    r"Consequently|Then|Again|Still,|Even so|In addition|In contrast|By contrast|"
    r"On the other hand|As a result|As well as this|Afterwards|Earlier,|Previously,|"
    r"Later,|Others|The others|The other|Now(?! that\b| is\b| you\b| you['’])|"
    r"(?:Most|Many|Some|Several|All|None|Few|Each)(?= (?:are|were|have|had|is|was|will|would|"
    r"say|said|of them|of these|of those)\b))\b"
)
_THIS_OPENER = re.compile(r"^(This|These|That|Those)\b(?:\s+([\w'’-]+))?")
_FORWARD_THOSE = _words("who with without of in from living affected whose")
#: Nouns that, after "The" at the start of a summary, refer back to someone or
#: something named before ("The pair", "The 22-year-old", "The Frenchman", "The move").
_BACK_REFERRING_HEADS = _words(
    """pair couple duo trio quartet twins men women man woman boy girl boys girls
    teenager teenagers teen teens youngster youngsters child children baby toddler
    victim victims suspect suspects accused defendant defendants star stars singer
    actor actress rapper comedian presenter player players striker forward midfielder
    defender goalkeeper keeper winger full-back centre-back playmaker batsman bowler
    hosts visitors holders pensioner grandmother grandfather grandmother-of-two
    businessman businesswoman tycoon billionaire millionaire socialite heiress
    youngster schoolboy schoolgirl student pupil mum dad mother father wife husband
    son daughter brother sister widow widower fan fans pilot driver rider jockey chef
    artist model designer writer author politician frenchman englishman welshman
    scotsman irishman dutchman spaniard swede dane finn pole briton argentine
    argentinian american australian brazilian italian german portuguese belgian russian
    nigerian ghanaian chilean colombian uruguayan croat serb swiss veteran newcomer
    latter former same move decision announcement ruling verdict comments remarks
    incident attack crash accident shooting row deal findings study survey research
    report reports claims allegations news development blaze fire animal creature
    dog cat bird"""
)
#: Roles that name one person when an organisation is given ("The Arsenal manager")
#: but lean back when bare ("The manager said").
_BARE_ROLE_HEADS = _words(
    """manager coach boss captain skipper chairman chief leader president minister
    secretary spokesman spokeswoman spokesperson officer officers judge jury club side
    team squad firm company group band officials official source sources"""
)
_DEFINING_AFTER_HEAD = _words(
    """of who whom whose that which behind accused charged convicted found named called
    known responsible in at from for with whose involved"""
)
_AGE_EPITHET = re.compile(r"^\d+-(?:year|month|week)-old$|^\w+-(?:year|month)-old$")
_THE_OPENER = re.compile(r"^The((?:\s+[^\s,;:]+){1,5})")
_DISCOVERY_IT = re.compile(
    r"^(?:Now,?\s+|So,?\s+)?(?:a|the|new|one|recent|latest)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:study|studies|research|report|survey|scientists|researchers|experts|doctors|"
    r"tests?|trials?|analysis|review|poll|data|figures)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:now\s+)?(?:found|find|finds|shown|shows?|showed|suggests?|suggested|revealed|"
    r"reveals?|proved|proves?|confirmed|confirms?)\s+(?:that\s+)?(?:it|they|this|these)\b"
)
_SENTENCE_FINAL_ALSO = re.compile(
    r"(?:,\s*too|\s+too|\s+as well|,\s*instead|\s+either)\s*[.!]?[\"”’']*\s*$", re.IGNORECASE
)
_OWN_CONTRAST = re.compile(
    r"^(?:As|While|When|Like|Just as|Not only|After|Before|If|Although|Though|Where)\b"
    r"|\bnot (?:only|just|simply|merely)\b|\b(?:as|so) (?:have|has|did|do|does|is|are|was|were)\b"
    r"|\b(?:and|but) (?:also|now)\b"
)
_MID_LEANING = re.compile(
    r",\s*(?:however|meanwhile|instead|too|though|in turn|in response|as a result)\s*,",
    re.IGNORECASE,
)

# Pictures a listener cannot see, anywhere in the summary.
_VISUAL_NOUNS = (
    r"(?:photos?|photographs?|pictures?|pics?|images?|snaps?|snapshots?|shots?|scenes?|"
    r"footage|clips?|videos?|graphs?|charts?|maps?|graphics?|infographics?|illustrations?|"
    r"mugshots?|selfies?|stills?|portraits?|sketch(?:es)?|drawings?|pictured)"
)
_VISUAL_DEMONSTRATIVE = re.compile(
    rf"\b(?:this|these)\s+((?:[\w'’-]+\s+){{0,3}}?){_VISUAL_NOUNS}\b", re.IGNORECASE
)
_PICTURE_DIRECTION = re.compile(
    r"\((?:left|right|centre|center|middle|top|bottom|above|below|inset|front|back|circled|"
    r"far left|far right|top left|top right|bottom left|bottom right|centre left|centre right|"
    r"second left|second right|second from left|second from right|left to right|from left|"
    r"from right|main picture|main image|main photo|main|both pictured|all pictured)\)"
    r"|\b(?:seen|shown|pictured|photographed|standing|sitting)\s+(?:here|above|below|"
    r"left|right|centre|center|top|bottom|far left|far right|second left|second right)\b"
    r"|,\s*(?:left to right|from left|from right|clockwise from (?:top )?left)\s*,"
    r"|\b(?:see|watch|pictured|shown|seen|video|picture|photo|image|graphic)\s+"
    r"(?:above|below)\b|\bin the (?:video|clip|footage|picture|photo|image)s?\s+"
    r"(?:above|below)\b|\b(?:watch|see) (?:the|this|our) (?:video|clip|footage|pictures)\b",
    re.IGNORECASE,
)
#: "pictured" as a caption ("Terry Martin, 48, pictured in 2012"), not a narrative
#: passive ("he was pictured on the podium").
_PICTURED = re.compile(
    r"(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbeen )(?<!\bbe )(?<!\bbeing )"
    r"(?<!\balso )(?<!\boften )(?<!\blater )(?<!\bonce )(?<!\bthen )(?<!\bfirst )"
    r"(?<!\()(?<!\bnot )\bpictured\b",
    re.IGNORECASE,
)


_PREPOSITIONS = _words(
    """by in at for of with from on over after to as into near outside inside during
    under since before without"""
)
#: "The ventriloquist, who...": a person described as if already met.
_KNOWN_PERSON = re.compile(r"^The (?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,\s+(?:who|whose)\b")
_GENERIC_PLURALS = _words("children men women boys girls fans victims players stars")
_PARTICIPLES = _words(
    """found held shot caught known seen left hit killed born sent told given taken made
    kept led brought thought said put set run beaten stabbed jailed"""
)


def _verb_like(word: str) -> bool:
    """A word that, after a noun, starts the predicate ("The pair were", "The move comes")."""
    return (
        word in _FINITE_VERBS
        or word in ("also", "then", "now", "still", "later", "already", "first", "finally")
        or (len(word) > 4 and word.endswith("ed"))
        or (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")))
    )


def _the_opener_problem(sentence: str) -> str | None:
    """'The pair...', 'The 22-year-old, from Leeds,...', 'The move comes...': a
    definite description that points back at someone the summary never named."""
    match = _THE_OPENER.match(sentence)
    if not match:
        return None
    known = _KNOWN_PERSON.match(sentence)
    if known:
        return f"opens with '{known.group(0).split(',')[0]}'"
    words = match.group(1).split()
    plain = [re.sub(r"['’]s$", "", w.strip(_QUOTE_CHARS + ".!?,;:")).lower() for w in words]
    for index, raw in enumerate(words):
        word = plain[index]
        back = word in _BACK_REFERRING_HEADS or bool(_AGE_EPITHET.match(word))
        role = word in _BARE_ROLE_HEADS and index == 0
        said = "The " + " ".join(words[: index + 1]).rstrip(",")
        if not (back or role):
            if word in _FUNCTION_WORDS and not raw[:1].isupper():
                return None  # "The idea of...", "The first of...": no back-referring head
            continue
        possessive = bool(re.search(r"['’]s$", raw)) and index == 0
        if raw.endswith(",") or (possessive and word not in _GENERIC_PLURALS):
            return f"opens with '{said}'"  # "The couple's home...", "The 22-year-old, from..."
        rest = plain[index + 1 :]
        following = words[index + 1] if index + 1 < len(words) else ""
        if not rest:
            return None
        if following[:1].isupper() or rest[0] in _DEFINING_AFTER_HEAD or rest[0].endswith("ing"):
            return None  # "The star Tom Hanks", "The man who...", "The judge leading..."
        if rest[0].endswith("ly") and len(rest) > 1:
            rest = rest[1:]  # "The woman falsely accused of..."
            if rest[0] in _DEFINING_AFTER_HEAD:
                return None
        participle = rest[0] in _PARTICIPLES or rest[0].endswith(("ed", "en"))
        if participle and len(rest) > 1 and rest[1] in _PREPOSITIONS:
            return None  # "The man jailed for...": a reduced relative clause defines him
        if _verb_like(rest[0]):
            return f"opens with '{said}'"
    return None


#: "She's been living in New York for a year, and it seems that Princess Eugenie...":
#: a pronoun whose referent the same sentence goes on to name.
_CATAPHORA = re.compile(
    r"^(?:He|She|They)(?:['’](?:s|ve|re|d|ll))?\b[^.;:]*?,\s*(?:and|but|yet|so)\s+"
    r"(?:(?:it\s+(?:seems|seemed|appears|appeared|turns out|turned out)|now|then|today)\s+"
    r"(?:that\s+)?)?"
    r"(?:[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+|the\s+[a-z][\w-]+(?:\s+[a-z][\w-]+)?\s+"
    r"(?:has|have|had|is|are|was|were)\b)"
)


def _pronoun_opener_problem(sentence: str) -> str | None:
    first = _first_word(sentence)
    base = re.sub(r"['’](?:s|ve|re|d|ll)$", "", first)
    if base not in _SUBJECT_PRONOUNS:
        return None
    rest = sentence[sentence.find(first) + len(first) :].split()
    if rest and rest[0][:1].isupper() and rest[0] != "I":
        return None  # "We Are The World", "It Girl": a title, not a pronoun
    if _CATAPHORA.match(sentence):
        return None
    if base in ("Her", "His") and rest and rest[0].strip(",") in _HONORIFIC_AFTER_PRONOUN:
        return None
    if base == "It" and _FORWARD_IT.match(re.sub(r"^[\"“‘']+", "", sentence)):
        return None
    if base == "We" and _GENERIC_WE.match(sentence):
        return None
    if sentence.lstrip()[:1] in _QUOTE_CHARS:
        return None  # a quotation's own "we" or "it": quote_without_speaker judges it
    return f"opens with the pronoun '{first}'"


def opener_without_referent(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """The first sentence leans on something never said, or a sentence points at a picture."""
    found: list[str] = []
    sentences = [_clean(s) for s in summary if s.strip()]
    if not sentences:
        return found
    first = sentences[0]
    bare = re.sub(r"^[\"“‘'(\[]+", "", first)
    announces = bool(re.match(r"^[^:]{3,80}:\s", bare))  # "The news was stunning: A young..."
    problem = _pronoun_opener_problem(first) or (not announces and _the_opener_problem(bare))
    if problem:
        found.append(problem)
    this = _THIS_OPENER.match(bare)
    if this and not announces:
        following = (this.group(2) or "").lower().strip("'’")
        forward = (this.group(1) == "Those" and following in _FORWARD_THOSE) or (
            following in _TIME_WORDS
            or following in _MONTHS
            or following in ("same", "is")
            and re.match(r"^\w+ (?:same (?:day|week|year|night)|is (?:the )?(?:first|last))", bare)
        )
        if not forward:
            found.append(f"opens with '{this.group(0)}'")
    connective = _LEANING_CONNECTIVE.match(bare)
    if connective:
        found.append(f"opens with '{connective.group(0).rstrip(',')}', which follows on")
    elif bare.startswith("Both ") and not re.search(r"\band\b", bare.split(",")[0]):
        found.append("opens with 'Both', which follows on")
    if _DISCOVERY_IT.match(bare):
        found.append("says what a study found about 'it' before saying what 'it' is")
    leaning = _SENTENCE_FINAL_ALSO.search(bare) or _MID_LEANING.search(bare)
    if leaning and not _OWN_CONTRAST.search(bare):
        found.append(f"the first sentence says '{leaning.group(0).strip(' .,')}', pointing back")
    for index, sentence in enumerate(sentences):
        picture = _picture_reference(sentence)
        if picture:
            found.append(f"sentence {index + 1} points at a picture: '{picture}'")
    return found


#: Words without which no sentence points at a picture (a cheap test before the patterns).
_PICTURE_HINTS = ("pictur", "photo", "image", "video", "clip", "footage", "scene", "shot",
                  "snap", "graph", "chart", "map", "illustrat", "mugshot", "selfie", "still",
                  "portrait", "sketch", "drawing", "left", "right", "centre", "center", "top",
                  "bottom", "above", "below", "inset", "here", "front", "back", "circled",
                  "main")  # fmt: skip


_PICTURE_HINT = re.compile("|".join(_PICTURE_HINTS))


def _picture_reference(sentence: str) -> str | None:
    """What in a sentence points at a picture a listener cannot see, if anything."""
    low = sentence.lower()
    if not _PICTURE_HINT.search(low):
        return None
    for match in _VISUAL_DEMONSTRATIVE.finditer(sentence):
        gap = match.group(1).split()
        if not any(w.lower() in _FUNCTION_WORDS or w.lower() in _TIME_WORDS for w in gap):
            return match.group(0)
    direction = _PICTURE_DIRECTION.search(sentence)
    if direction:
        return direction.group(0)
    if "pictured" in low and _PICTURED.search(sentence):
        return "pictured"
    return None


# --------------------------------------------------------------------------
# Run-in caption
# --------------------------------------------------------------------------

#: Words that begin a new clause and are never capitalised inside one.
_CLAUSE_STARTERS_ANY_BEFORE = _words("He She They We His Their")
_CLAUSE_STARTERS = _CLAUSE_STARTERS_ANY_BEFORE | _words(
    """It Her Its The An In After When While But And As If Although Despite During Since
    Some Many Most There This These Those Police Officers According However Meanwhile"""
)
#: Before one of those, a word that makes it a title or name, not a new clause
#: ("for On the Waterfront", "the Fraternal Order of Police", "the film When...").
_TITLE_CONTEXT = _FUNCTION_WORDS | _words(
    """film films movie movies drama dramas comedy thriller show shows series sitcom song
    songs single hit hits album albums track book books novel novels play plays musical
    opera programme program magazine newspaper paper column titled called named entitled
    dubbed starring star starred read reads reading wrote watch watched including include
    includes included plan grade type class vitamin group category level row block section
    wing gate page size cup exhibit envelope letter word phrase brand label slogan motto
    channel station label team project campaign initiative order"""
)
#: A plural people-noun that starts a new clause after a capitalised name run
#: ("...his Nazi Regime Germans no longer see...").
_PEOPLE_PLURALS = _words(
    """Germans Americans Britons Brits Russians Italians Australians Canadians Indians
    Brazilians Mexicans Europeans Africans Asians Muslims Christians Jews Catholics
    Protestants Democrats Republicans Israelis Palestinians Iraqis Afghans Syrians
    Iranians Egyptians Ukrainians Poles Scots Welsh Irish Spaniards Greeks Turks Kurds
    Japanese Chinese Koreans Nigerians Kenyans Pakistanis Bangladeshis Frenchmen
    Englishmen Tories Conservatives Socialists Nationalists Unionists Loyalists"""
)
_CLAUSE_ADVERBS = _words("no not never now still also often already once rarely")
_PEOPLE_MODIFIERS = _words(
    """House Senate Congressional Party Labour Tory Liberal Lib Dem Green East West North
    South Northern Southern Eastern Western Central Native Young Old
    Ordinary Many Most Some All Fellow Other Black White Asian African Arab Mexican Irish
    British American Jewish Muslim Catholic Christian Liberal Moderate Conservative
    Progressive New Working Middle Wealthy Rich Poor Elderly Older Younger Million
    Millions Thousands Hundreds Ethnic Native-born German-born Soviet Nazi"""
)
_CAPTION_LABELS = _words(
    """Pictured Picture Pictures Photo Photos Photograph Video Videos Footage Watch Left
    Right Above Below Top Bottom Inset Main Centre Center Caption Before After Guilty
    Shooter Injured Scene Wanted Fugitive Controversy Signed Vicious Glamorous Suspended
    Violent Chaos Brawl Fatal Tragic Tragedy Aftermath Poignant Investigation Victim
    Victims Couple Painful Ouch Bloody Cuffed Arrest Arrested Probe Together Portrait
    Pride Banned Struggle Horror Shock Shocking Devastated Heartbroken Missing Jailed
    Charged Accused Convicted Dead Killed Hero Heroes Rescue Rescued Damage Destruction
    Evidence Mystery Stunning Beautiful Smiling Emotional Proud Loved Celebration
    Wreckage Blaze Inferno Flooding Attack Fury Outrage Danger Disaster Legend Icon
    Dapper Chic Stylish Adorable Bizarre Incredible Amazing Spectacular Dramatic
    Terrifying Aerial Close-up Closeup Revealed Spotted Snapped Caught Confident Relaxed
    Happier Happy Grieving Distraught Defiant Sentenced Remanded Cleared Freed Released
    Loved-up Smitten Newlyweds Lookalike Lookalikes Ambitious Daring Sombre Somber"""
)
_LABEL = re.compile(
    r"(?:^|(?<=[a-z0-9)’'\"”]\s))(?P<label>[A-Z][a-z'’-]+(?:\s+[a-z][a-z'’-]*){0,3})\s*:\s+"
    r"(?=[A-Z0-9‘'\"“])"
)
_LABEL_SPEECH = re.compile(
    r"\b(?:said|says|say|added|adds|told|tells|wrote|writes|explained|explains|continued|"
    r"continues|admits|admitted|reads|read|posted|tweeted|asked|asks|went on|insisted|"
    r"claimed|revealed|warned|declared|stated|concluded|replied|answered|commented|"
    r"noted|joked|laughed|shouted|screamed|recalled|remembered|announced)\b"
)
_FURNITURE = re.compile(
    r"\bscroll down\b|\bsee more\s*:|\bwatch the video\b"
    r"|\beditor['’]s note\s*:|\bmedia playback is not supported\b"
    r"|\(pictured[^)]*\)|\(video\)|\(watch\)|\bcaption\s*:|\bfile photo\b",
    re.IGNORECASE,
)
_SEAM = re.compile(
    r"(?<=[A-Za-z0-9])\s+(?P<word>" + "|".join(sorted(_CLAUSE_STARTERS)) + r")\b(?!['’-])"
    r"(?P<after>\s+[^\s]+)?"
)
_PEOPLE_SEAM = re.compile(
    r"\b([A-Z][a-z]+)\s+(" + "|".join(sorted(_PEOPLE_PLURALS)) + r")\s+([a-z]+)"
)


def _seams(sentence: str) -> list[str]:
    """Places where a caption ends and a sentence begins with no full stop between."""
    found = []
    for match in _SEAM.finditer(sentence):
        word = match.group("word")
        after = (match.group("after") or "").strip()
        before = sentence[: match.start()].rsplit(None, 1)[-1]
        if before.lower() in _TITLE_CONTEXT or not before[-1:].isalnum():
            continue
        if before[:1].isupper() and word not in _CLAUSE_STARTERS_ANY_BEFORE:
            continue
        if word in ("Her", "His") and after.strip(",") in _HONORIFIC_AFTER_PRONOUN:
            continue
        if word not in _CLAUSE_STARTERS_ANY_BEFORE and not (
            after[:1].islower() or after[:1].isdigit()
        ):
            continue  # "for On the Waterfront", "the film When Harry Met Sally": a title
        if word == "It" and after.lower().strip(",") in ("girl", "boy", "bag", "list"):
            continue
        found.append(f"'{before} {word}'")
    # "...his Nazi Regime Germans no longer see...": a name run that a new clause's
    # people-noun ends, then a lower-case verb.
    for match in _PEOPLE_SEAM.finditer(sentence):
        modifier, people, verb = match.groups()
        if modifier in _PEOPLE_MODIFIERS or modifier in _CLAUSE_STARTERS or modifier.endswith("n"):
            continue
        finite = verb in _FINITE_VERBS or verb in _CLAUSE_ADVERBS or verb.endswith("ed")
        if match.start() == 0 or not finite:
            continue
        found.append(f"'{modifier} {people}'")
    return found


#: A Daily Mail caption: a name (and age) and a caption's present tense ("Kim Kardashian,
#: 34, poses with...", "...on Tuesday Kim Kardashian, 34, poses with...").
_CAPTION_VERB = (
    r"(?:poses|posed|smiles|waves|arrives|leaves|walks|sits|stands|looks on|celebrates|"
    r"cuddles|hugs|kisses|cradles|enjoys|relaxes|chats|laughs|flashes|flaunts|shows off|"
    r"steps out|heads out|is pictured|are pictured|pictured|is seen|are seen|seen)"
    r"(?=\s+(?:with|for|in|on|at|alongside|next|beside|during|outside|inside|as|after|"
    r"before|while|together|topless|nude|naked|happily|proudly|up|off|out|to|her|his|their|"
    r"a|an|the)\b)"
)
_NAME_CAPTION = re.compile(
    r"(?<![\w'’-])(?:(?P<before>[\w'’]++)\s+)?(?P<name>(?:[A-Z][\w'’-]++\s+){0,3}[A-Z][\w'’-]++)"
    r"(?P<age>,\s+\d{1,3},)?\s+" + _CAPTION_VERB
)
#: Nouns and verbs a name follows inside a sentence ("photographer Steve Trewhella
#: poses", "met Jane Doe"): no seam there.
_BEFORE_A_NAME = _words(
    """photographer passenger local fellow friend partner girlfriend boyfriend fiancee
    fiance colleague co-star pal mate model designer rapper actress actor star singer
    wife husband mother father son daughter sister brother aunt uncle niece nephew
    cousin grandmother grandfather mum dad boss manager coach striker player defender
    midfielder winger goalkeeper captain presenter host chef owner resident neighbour
    neighbor student teacher officer nurse doctor campaigner founder director writer
    author artist photographer reporter journalist lawyer judge minister president
    leader chairman chief spokesman spokeswoman tourist visitor customer worker victim
    suspect survivor fan fans stars"""
)


_CAPTION_HINT = re.compile(
    r"\b(?:pos|smil|wav|arriv|leav|walk|sit|stand|look|celebrat|cuddl|hug|kiss|"
    r"cradl|enjoy|relax|chat|laugh|flash|flaunt|show|step|head|seen)"
)


#: Words after which a name may start a clause of its own ("...while Kim Kardashian, 34,
#: poses..."); after any other word (a preposition too) it cannot.
_CLAUSE_LINKS = _words(
    """and or but nor while as when whenever where after before because since that which
    who whom whose if though although until unless once so than then whereas even just
    only also with without like"""
)


def _name_caption(sentence: str) -> str | None:
    """A caption of a name and what it does in a picture, alone or run into a sentence."""
    for match in _NAME_CAPTION.finditer(sentence):
        before, name, age = match.group("before"), match.group("name"), match.group("age")
        first = name.split()[0]
        seam_after_day = first.lower() in _DAYS and len(name.split()) > 1
        if match.start() == 0 or (before is None and match.start("name") == 0):
            if age:
                return f"'{match.group(0)}'"  # the whole sentence is a caption
            continue
        if before is None:
            continue
        low = before.lower()
        if seam_after_day or (
            before[:1].islower()
            and age
            and low not in _CLAUSE_LINKS
            and low not in _BEFORE_A_NAME
            and low not in _PERSON_WORDS
            and not _speaks(low)
        ):
            return f"'{before} {name}'"
    return None


def _verbless(sentence: str) -> bool:
    """A sentence of four or more words with no finite verb: a caption's noun phrase."""
    spans = _quote_spans([sentence])[0][0]
    if any(len(_tokens(sentence[start:end])) > 2 for start, end in spans):
        return False  # the verb may be inside the quotation
    outside = _outside(sentence, spans)
    if not re.match(r"(?:A|An|The|This|These)\s", outside) or outside.count(" ") < 3:
        return False  # "Villa out of the Cup": headline style, which a listener follows
    words = [w.lower() for w in _tokens(outside)]
    if len(words) < 4:
        return False
    for word in words:
        core = re.sub(r"['’]s$", "", word)
        if word in _FINITE_VERBS or core in _FINITE_VERBS:
            return False
        if re.search(r"['’](?:s|re|ve|d|ll|m)$", word):
            return False  # "he's", "they're": a verb inside
        if len(core) > 3 and (core.endswith("ed") or core.endswith("en")):
            return False
        if len(core) > 3 and core.endswith("s") and not core.endswith(("ss", "us", "is")):
            return False
    return True


_FURNITURE_HINTS = ("scroll", "see more", "watch", "editor", "media",
                    "pictured", "(video", "caption", "file photo")  # fmt: skip


_FURNITURE_HINT = re.compile("|".join(re.escape(hint) for hint in _FURNITURE_HINTS))


def _might_be_furniture(sentence: str) -> bool:
    return bool(_FURNITURE_HINT.search(sentence.lower()))


def run_in_caption(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A photo caption run into a sentence, a caption label, page furniture, a verbless line."""
    found: list[str] = []
    for index, raw in enumerate(summary):
        sentence = _clean(raw)
        where = f"sentence {index + 1}"
        for seam in _seams(_outside_quotes(sentence)):
            found.append(f"{where} runs a caption into the next clause at {seam}")
        for match in _LABEL.finditer(sentence) if ":" in sentence else ():
            label = match.group("label")
            words = label.split()
            if _LABEL_SPEECH.search(label) or any(_verb_like(w.lower()) for w in words[1:]):
                continue  # "He said:", "Kok was very clear:": a speaker, not a caption
            if match.start() > 0:
                # "...to the head In happier times: Martin, right,...": a label run in
                # after a caption; "...told the Today programme:" introduces a quote.
                before = sentence[: match.start()].rsplit(None, 1)[-1]
                if not before[:1].islower() or before in _FUNCTION_WORDS:
                    continue
                if _speaks(before) or (len(words) == 1 and words[0] not in _CAPTION_LABELS):
                    continue
            elif words[0] not in _CAPTION_LABELS:
                continue  # "Tory leader: ...", "Drexler: ...": a speaker line
            found.append(f"{where} has a caption label '{label}:'")
        furniture = _FURNITURE.search(sentence) if _might_be_furniture(sentence) else None
        if furniture:
            found.append(f"{where} has page furniture '{furniture.group(0)}'")
        if _verbless(sentence):
            found.append(f"{where} has no verb (a caption?)")
        named = (
            _name_caption(sentence)
            if "pictured" in sentence or _CAPTION_HINT.search(sentence)
            else None
        )
        if named:
            found.append(f"{where} has a picture caption at {named}")
    return found


# --------------------------------------------------------------------------
# A summary that spans two stories
# --------------------------------------------------------------------------


def _terms(text: str) -> set[str]:
    """Content words and names, cut to a five-letter stem ("govern" for "governor")."""
    terms = set()
    for token in _tokens(text):
        word = re.sub(r"['’](?:s)?$", "", token).lower()
        if len(word) < 3 or word in _GENERIC_WORDS or word[0].isdigit():
            continue
        if word in _MONTHS or word in _DAYS:
            continue
        terms.add(word[:5])
    return terms


_ANAPHORIC_OPENER = re.compile(
    r"^(?:He|She|They|It|His|Her|Their|Its|We|This|These|That|Those|Such|Both|The (?:pair|"
    r"couple|duo|trio|club|side|team|firm|company|group|move|decision|man|woman|boy|girl|"
    r"star|player|\d+-year-old|former|latter|same|victim|suspect)|"
    r"But|And|However|Meanwhile|Also|Yet|Still|Instead|Then)\b"
)


#: "The drug...", "The black pooch...": a description of something met before (but not
#: "The singer Lena Moss...", which introduces her).
_DEFINITE_OPENER = re.compile(r"^The((?:\s+[a-z][\w-]*){1,3})(\s+[A-Z])?")
#: "Footage shows the man being hauled to shore": the pictures of the story told so far.
_FOOTAGE_OPENER = re.compile(
    r"^(?:[\w'’-]+\s+){0,2}(?:footage|video|videos|pictures|images|photos|clip|clips)\s+"
    r"(?:shows?|showed|captures?|captured|reveals?|revealed|appears? to show)\b",
    re.IGNORECASE,
)
_THIRD_PERSON = _words("he she his her him they their them himself herself themselves")


def _linked(sentence: str) -> bool:
    """A sentence tied to the one before it without sharing a word: it opens by referring
    back ("He...", "The pair...", "The drug..."), goes on with a quotation, or has a "he"
    or "their" before it names anyone."""
    sentence = _clean(sentence)
    if sentence[:1] in _QUOTE_CHARS:
        return True
    if _ANAPHORIC_OPENER.match(sentence):
        return True
    definite = _DEFINITE_OPENER.match(sentence)
    if definite and not definite.group(2) and " of" not in definite.group(1)[:4]:
        return True
    if _FOOTAGE_OPENER.match(sentence):
        return True
    for index, word in enumerate(sentence.split()[:15]):
        if index and word[:1].isupper():
            return False
        if word.strip(",.;:!?\"“”‘’'").lower() in _THIRD_PERSON:
            return True
    return False


def spans_two_stories(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """The sentences fall into two groups, the later sharing no word or name with the earlier.

    A split before sentence k counts when none of the sentences from k on shares a
    content word or name (cut to five letters) with the headline and the sentences
    before k; the sentence at k does not refer back ("He...", "The pair..."); the later
    group has two sentences or more, each tied to the ones before it in the group; and
    each side has at least six content words. In a summary of three sentences, the last
    alone counts when it has LAST_ALONE_TERMS content words or more, shares none, and
    the first two hang together. Measured in ``main``: on the first three to five
    sentences of real news, and on made-up mixes of two articles.
    """
    sentences = [_clean(s) for s in summary if s.strip()]
    if len(sentences) < 3:
        return []
    terms = [_terms(s) for s in sentences]
    head = _terms(headline or "")
    in_quote = [inside for _, inside in _quote_spans(sentences)]
    for k in range(2, len(sentences) - 1):
        if in_quote[k] or _linked(sentences[k]):
            continue
        before = set(head).union(*terms[:k])
        after = set().union(*terms[k:])
        if len(before - head) < 6 or len(after) < 6 or before & after:
            continue
        if not _cohesive(terms[k:], sentences[k:]):
            continue
        return [f"sentences {k + 1}-{len(sentences)} share no word or name with what came before"]
    # Three sentences, the last alone from another story: it must say more
    # (LAST_ALONE_TERMS) and the first two must hang together, or a lead's new turn would
    # count. (Longer summaries keep the rule above: a last sentence alone after three or
    # four raised its false alarms on real leads from 1.0% to 1.5%.)
    last = len(sentences) - 1
    before = set(head).union(*terms[:last])
    if (
        last == 2
        and not in_quote[last]
        and not _linked(sentences[last])
        and len(terms[last]) >= LAST_ALONE_TERMS
        and len(before - head) >= 2 * LAST_ALONE_TERMS
        and not before & terms[last]
        and _cohesive(terms[:last], sentences[:last])
    ):
        return [f"sentence {last + 1} shares no word or name with what came before"]
    return []


#: Content words a last sentence on its own needs before spans_two_stories calls it
#: another story's (and what came before needs twice as many).
LAST_ALONE_TERMS = 10


def _cohesive(terms: list[set[str]], sentences: Sequence[str]) -> bool:
    """Each sentence after the first shares a term with those before it, or refers back."""
    return all(
        terms[i] & set().union(*terms[:i]) or _linked(sentences[i]) for i in range(1, len(terms))
    )


# --------------------------------------------------------------------------
# A quotation without its speaker
# --------------------------------------------------------------------------

# Word lists looked up in sets: much faster than one long case-blind alternation.
_SPEECH_WORDS = _words(
    """said says say saying added adds told tells telling wrote writes explained explains
    insisted insists claimed claims argued argues warned warns declared declares stated
    states announced announces admitted admits asked asks replied replies answered
    commented comments noted notes joked jokes tweeted tweets posted posts recalled recalls
    remembered continued continues concluded concludes shouted screamed yelled cried
    sobbed laughed whispered urged urges pleaded begged boasted boasts conceded concedes
    confirmed confirms revealed reveals suggested suggests described describes called
    calls branded brands labelled labeled dubbed quipped mused sang read reads believes
    believed thinks thought hopes hoped fears feared vowed vows promised promises
    predicted predicts acknowledged acknowledges recounted recounts spoke speaks quoted
    quoting realized realised realizes realises wondered wonders reflected reflects
    exclaimed exclaims sighed sighs smiled smiles grinned grins"""
)
_SPEECH_PHRASES = (
    "according to", "went on", "in a statement", "in an interview", "in a post", "in a tweet",
    "in a letter", "in a message", "the statement", "the letter", "the message", "the post",
    "the tweet", "the note", "the sign", "the caption",
)  # fmt: skip
_PERSON_WORDS = _words(
    """man men woman women boy girl father mother dad mum mom wife husband son daughter
    brother sister friend neighbour neighbor officer spokesman spokesmen spokeswoman
    spokesperson minister president chief manager coach boss player judge doctor teacher
    lawyer attorney prosecutor source official expert scientist researcher witness star
    singer actor actress owner resident victim fan captain leader chairman director
    founder author company firm group club government council party campaigner critic
    supporter protester cop team side department agency organisation organization
    charity union report study survey court jury prosecution defence defense
    administration ministry office statement student parent pupil worker employee
    customer patient nurse soldier survivor member analyst economist children people
    police family families"""
)
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*|\d+-year-old")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir|[Ww]e|[Ii]t)\b")


def _speaks(text: str) -> bool:
    """Text with a verb or phrase of saying: "said", "told", "according to"."""
    low = text.lower()
    return not _SPEECH_WORDS.isdisjoint(_LOWER_WORD.findall(low)) or any(
        phrase in low for phrase in _SPEECH_PHRASES
    )


def _names_a_person_noun(text: str) -> bool:
    for word in _LOWER_WORD.findall(text.lower()):
        if word in _PERSON_WORDS or word.endswith("-year-old"):
            return True
        if word.endswith("s") and word[:-1] in _PERSON_WORDS:
            return True
    return False


_SENTENCE_START = re.compile(r"(?:[.!?:]\s+|[\"“‘']\s*)$")


def _starts_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens a sentence (or a quotation): it is a sentence's first word."""
    window = text[max(0, start - 4) : start]
    if start <= 4 and not window.strip("\"“‘'("):
        return True  # the text's first word (not one after a quotation blanked out)
    return bool(_SENTENCE_START.search(window))


def _has_referent(text: str) -> bool:
    """Text that names someone a pronoun or a quotation could belong to: a person noun
    ("the minister"), or a capitalised name ("Ana Ruiz"; at a sentence's start only when a
    name or a verb of saying follows: "Smith said", not "Ticket prices")."""
    if _names_a_person_noun(text):
        return True
    for match in re.finditer(r"[A-Z][a-zà-ÿ'’-]+", text):
        word = re.sub(r"['’]s$", "", match.group(0))
        lower = word.lower()
        if lower in _GENERIC_WORDS or lower in _MONTHS or word in _SUBJECT_PRONOUNS:
            continue
        if _starts_sentence(text, match.start()):
            after = text[match.end() :].lstrip(" ,")
            if not (after[:1].isupper() or _speaks(" ".join(after.split()[:2]))):
                continue  # "Ticket prices...", "Speaking to reporters,...": a first word
        return True
    return False


def _attributed(outside: str, context: str) -> bool:
    """A quotation's sentence, outside the quote, names its speaker ("Smith said", "the
    minister told..."), or says "he said" of someone named in ``context`` before it: a
    person for "he" or "she" (not a place, a firm or "police"), anyone for "they"."""
    if not _speaks(outside) and not outside.rstrip().endswith(":"):
        return False
    if _has_referent(outside) or _speaker_by_role(outside):
        return True
    pronouns = {p.lower() for p in _PRONOUN.findall(outside)}
    if not pronouns:
        return False
    if pronouns <= _PERSONAL_PRONOUNS:
        return _names_person(context)
    return _has_referent(context)


_PERSONAL_PRONOUNS = _words("he she his her")
#: Person nouns that name a group or a thing, never the "he" or "she" who spoke.
_GROUP_NOUNS = _words(
    """company firm group club government council party team side department agency
    organisation organization charity union report study survey court jury prosecution
    defence defense administration ministry office statement police people children
    families family"""
)
_OBJECT_OR_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|to|near|across|into|outside|inside|around|through|throughout|towards?|"
    r"of|for|on|over|under|via|by|against|[a-z]+ed|hit|hits|beat|beats|visit|visits|left|"
    r"leaves|won|wins|lost|loses)\s+$"
)


def _names_person(text: str) -> bool:
    """Text that names someone a "he" or "she" could be: a person noun in the singular
    ("the minister", "a 22-year-old"), a title ("Mr Hale"), a name of two words or more
    ("Ana Ruiz"), or one word in a subject's place ("Obama vowed"), not a place or an
    object ("in London", "hit Leeds"), an acronym ("NBC") or a first word ("Ticket
    prices")."""
    for word in _LOWER_WORD.findall(text.lower()):
        if word.endswith("-year-old") or (word in _PERSON_WORDS and word not in _GROUP_NOUNS):
            return True
    lowered = _FUNCTION_WORDS
    for match in _NAME_RUN.finditer(text):
        words, title = _name_words_of(match.group(0), lowered)
        if title:
            return True
        if not words or words[-1] in _NOT_SURNAMES:
            continue
        if _OBJECT_OR_PLACE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if len(words) >= 2:
            return True
        word = words[0]
        if word.isupper() or word in _SUBJECT_PRONOUNS or word.lower() in _MONTHS:
            continue
        after = text[match.end() : match.end() + 30].split()
        following = after[0].strip(",.;:") if after else ""
        low = following.lower()
        if _starts_sentence(text, match.start()) and not (
            low in _FINITE_VERBS
            or low in _SPEECH_WORDS
            or (len(low) > 4 and low.endswith("ed"))
            or text[match.end() : match.end() + 1] == ","
        ):
            continue  # "Ticket prices...": a sentence's first word
        return True
    return False


_PRONOUN_WORDS = _words("he she they it we i you his her their its this that")


def _speaker_by_role(outside: str) -> bool:
    """'..., lawmaker says', 'said the captain', 'One detainee tells CNN:': a speaker named
    by a word next to the verb of saying that is not a pronoun."""
    tokens = _TOKEN.findall(outside)
    for index, token in enumerate(tokens):
        if token.lower() not in _SPEECH_WORDS:
            continue
        before = tokens[index - 1].lower() if index else ""
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if before.isalpha() and before not in _PRONOUN_WORDS and before not in _FUNCTION_WORDS:
            return True
        if after.lower() in ("the", "a", "an") or after[:1].isupper() and after != "I":
            return True
    return False


def _introduces(lead: str) -> bool:
    """Text before a quotation that names who speaks it: "Melissa Silver:", "He told her:"."""
    return lead.rstrip().endswith(":") and _has_referent(lead)


#: Words after which a quotation is a name, not someone's words.
_NAMES_WHAT_FOLLOWS = re.compile(
    r"\b(?:call it|called|dubbed|named|nicknamed|titled|entitled|known as|billed as|"
    r"the phrase|the words|the slogan|the motto|the headline)\s*,?$",
    re.IGNORECASE,
)


def _significant(sentence: str, spans: list[tuple[int, int]], inside_at_start: bool) -> bool:
    """A quotation a listener hears as someone's words: one that runs over from the
    sentence before or on to the next, or that ends in its own punctuation ('"We will
    win," he said.') and is most of its sentence or opens it. A quoted title or phrase
    ("Montage of Heck" is directed by..., what it calls "dismemberment abortion") is not."""
    total = len(_tokens(sentence)) or 1
    for start, end in spans:
        text = sentence[start:end]
        quoted = len(_tokens(text))
        if inside_at_start:
            return quoted >= 1
        if end == len(sentence) and text.rstrip()[-1:] not in _QUOTE_CHARS:
            return quoted >= 3  # runs on into the next sentence ('the book "Eat.' does not)
        speech_like = bool(re.search(r"[.,!?…]\s*[\"”’']\s*$", text))
        lead = _AGENCY_DATELINE.sub("", sentence[:start]).strip()
        if _NAMES_WHAT_FOLLOWS.search(lead[-25:]):
            continue  # 'Call it "The Most Interesting Ticket in the World."': a name
        opens = not lead or lead.endswith(":")
        if speech_like and quoted >= 3 and (opens or quoted * 2 >= total):
            return True
        if opens and quoted >= 5 and quoted * 2 >= total:
            return True
    return False


def _joined(headline: str | None, sentences: Sequence[str]) -> str:
    """The headline, read first, and the sentences before: who a "he" may be."""
    return " ".join([headline, *sentences] if headline else sentences)


def quote_without_speaker(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A quotation whose speaker is named neither in its sentences nor in the one before:
    a bare '"We will win."', or '"We will win," he said.' with no one for "he" to be."""
    found: list[str] = []
    sentences = [_clean(s) for s in summary if s.strip()]
    quotes = _quote_spans(sentences)
    outsides = [_outside(s, q[0]) for s, q in zip(sentences, quotes, strict=True)]
    index = 0
    while index < len(sentences):
        # A run: a sentence with a quotation and the ones its quotation runs on into.
        run = [index]
        while run[-1] + 1 < len(sentences) and quotes[run[-1] + 1][1]:
            run.append(run[-1] + 1)
        index = run[-1] + 1
        if not any(_significant(sentences[i], *quotes[i]) for i in run if quotes[i][0]):
            continue
        first = run[0]
        if any(_attributed(outsides[i], _joined(headline, sentences[:i])) for i in run):
            continue
        if any(quotes[i][0] and _introduces(sentences[i][: quotes[i][0][0][0]]) for i in run):
            continue  # "Melissa Silver: 'Anyone can wear plum'"
        previous = outsides[first - 1] if first else ""
        if previous and (
            _attributed(previous, _joined(headline, sentences[: first - 1]))
            or previous.rstrip().endswith(":")
        ):
            continue  # the quotation goes on from the speaker named just before
        quoted = " ".join(sentences[i][start:end] for i in run for start, end in quotes[i][0])
        if re.search(r"\bI\b|(?i:\b(?:we|my|our|me|us)\b)", quoted) and _has_referent(
            _outside(sentences[first - 1], quotes[first - 1][0]) if first else ""
        ):
            continue  # "Bosvelt is out of contract. 'I told the club...'": his words
        shown = re.sub(r"^[\s\"“”‘’']+", "", quoted)[:40].strip().rstrip(" ,.\"”’'")
        where = f"sentence {first + 1}" if len(run) == 1 else f"sentences {first + 1}-{run[-1] + 1}"
        found.append(f'{where} quote "{shown}" with no speaker')
    return found


# --------------------------------------------------------------------------
# A dangling ending
# --------------------------------------------------------------------------

#: A sentence ends: ".", "!", "?", "…", or a closing quotation mark or bracket (the
#: CNN/DM highlights drop the full stop after "...is 'cool'"; a listener hears no gap).
_TERMINAL = re.compile(r"[.!?…]\s*[\"”’')\]]*\s*$|[\w.!?,][\"”’')\]]+\s*$")


def dangling_ending(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """The summary ends mid-thought: on ':', ',', ';', a dash, '...', a question, or with
    no full stop at all."""
    sentences = [_clean(s) for s in summary if s.strip()]
    if not sentences:
        return []
    last = sentences[-1].rstrip()
    bare = last.rstrip("\"”’')] ")
    if re.search(r"(?:\.\s*\.\s*\.?|…)$", bare) or re.search(r"\.\s\.$", bare):
        return ["ends with an ellipsis"]
    if re.search(r"[:;,]$", bare) or re.search(r"(?:\s[-–—]|--)$", bare):
        return [f"ends with '{bare[-1]}'"]
    if bare.endswith("?"):
        outside = _outside_quotes(last)
        if last.rstrip()[-1:] in "?" or not _speaks(outside):
            return ["ends with a question left hanging"]
        return []
    if not _TERMINAL.search(last):
        return ["ends without a full stop"]
    return []


# --------------------------------------------------------------------------
# A match report that never names the other side or the score
# --------------------------------------------------------------------------

_SPORT_CONTEXT = re.compile(
    r"\b(?:goals?|scored|scorer|scoring|match|matches|fixture|league|cup|striker|"
    r"midfielder|defender|goalkeeper|keeper|winger|half-time|second half|first half|"
    r"penalty|penalties|kick-off|derby|semi-final|quarter-final|final whistle|"
    r"innings|wickets?|tries|try line|touchdowns?|points|premiership|premier league|"
    r"championship|la liga|serie a|bundesliga|nfl|nba|mlb|nhl|rugby|football|soccer|"
    r"cricket|hockey|basketball|baseball|netball|the visitors|the hosts|at home|away from "
    r"home|on the road|stadium|opponents?|rivals?|fans|season|manager|coach|boss)\b",
    re.IGNORECASE,
)
_SCORE = re.compile(
    r"\b\d{1,3}\s*[-–]\s*\d{1,3}\b(?!\s*(?:years?|months?|per|%))|\b\d{1,3}\s+points?\s+to\s+"
    r"\d{1,3}\b|\b(?:by|with) (?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:goals?|points?|runs?|wickets?|tries|strokes?|shots?|lengths?|seconds?)\b"
    r"|\b(?:goalless|scoreless|nil-nil|\w+-all|one-nil|two-nil|on penalties|on aggregate)\b",
    re.IGNORECASE,
)
#: After a result word, the other side: "beat Arsenal", "drew with Spain", "lost to
#: the Lakers", "victory over Wigan", "defeat by Holland", "win against City".
_NAME_NOT_DATE = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b)[A-Z]"
)
_OTHER_SIDE = re.compile(
    (
        r"\b(?:beat|beats|beaten|defeated|defeating|thrashed|hammered|edged|stunned|routed|"
        r"humbled|edging)\s+(?:[a-z][\w-]*\s+){0,3}?NAME"
        r"|\b(?:ahead of|clear of|over|past)\s+(?:the\s+)?NAME"
        r"|\b(?:against|versus|v|vs\.?|rivals|opponents|visitors|hosts)\s+"
        r"(?:[a-z][\w-]*\s+){0,2}?NAME"
        r"|\b(?:draw|drew|drawn|draws)\s+(?:\w+\s+){0,2}?(?:with|against)\s+(?:the\s+)?NAME"
        r"|\b(?:lost|lose|loses|losing)\s+(?:\w+\s+){0,2}?(?:to|against|at|in)\s+(?:the\s+)?NAME"
        r"|\b(?:victory|victories|win|wins|won|defeat|defeats|triumph|loss|draw|clash|match|"
        r"game|tie)\s+(?:\w+\s+){0,3}?(?:over|against|by|at|to|with|in|v|vs\.?)\s+"
        r"(?:the\s+)?NAME"
        r"|\b[A-Z][\w'’-]+\s+(?:v|vs\.?|versus)\s+NAME"
        r"|\b[A-Z][\w'’-]+\s+(?:and|&)\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:drew|played|met|"
        r"fought)\b"
    ).replace("NAME", _NAME_NOT_DATE)
)
_RESULT_SUBJECT = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+(?:were|was|have been|had been|are|is)\s+"
    r"(?:\w+\s+)?(?:beaten|defeated|held|thrashed|hammered|stunned|humbled|routed|edged out)"
    r"\s+(?:by|at|in)\s+(?:the\s+)?[A-Z]"
)
_TEAM_VERB = re.compile(
    r"\b(?:beat|beats|defeated|drew|thrashed|hammered|edged|stunned|routed|humbled|"
    r"victory|defeat|draw|lost to|win over|win against|won the match|won the game)\b"
)


_NOT_YET = re.compile(r"\b(?:to|can|could|will|would|might|may|must|should)\s+$")


def names_missing(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A match report (a team beat, drew with, lost to...) whose summary and headline name
    neither the other side nor the score."""
    text = " ".join(_clean(s) for s in summary)
    whole = f"{headline or ''}. {text}"
    result = _TEAM_VERB.search(text)
    if not result or len(_SPORT_CONTEXT.findall(text)) < 2:
        return []
    if _NOT_YET.search(text[: result.start()]):
        return []  # "the time is right to beat one of the major teams": no result yet
    if _SCORE.search(whole) or _OTHER_SIDE.search(whole) or _RESULT_SUBJECT.search(whole):
        return []
    return [f"reports a result ('{result.group(0)}') with no opponent or score"]


# --------------------------------------------------------------------------
# Numbered-list residue
# --------------------------------------------------------------------------

#: A credit or dateline before a list item: "(Mental Floss) -- 1."
_LEADING_CREDIT = re.compile(r"^[^()]{0,40}\([A-Za-z][^()]{0,39}\)\s*(?:--|[-–—:])?\s*")
_LIST_OPENER = re.compile(r"^[\"“‘'(\[]*\d{1,2}\s*[.)](?=\s|$)")
_TRAILING_NUMBER = re.compile(r"\s([a-z][a-z'’-]*)\s+(\d{1,2})\s*\.[\"”’']*\s*$")
_INLINE_ITEM = re.compile(r"(?:^|[\s:;,])(\d{1,2})\)\s")
#: Words a number follows in ordinary prose ("aged 5.", "at least 18.", "killing 13.").
_NUMBER_TAKERS = _words(
    """age aged ages number numbers no top size sizes least most turn turned turns
    was is were are be been being had has have reached hit scored page pages chapter
    verse round day week stage phase level grade class category tier division league
    series season episode part act scene section clause article item step rule point
    question game match race lap hole minute group pool heat court zone district ward
    block flight route highway interstate floor version model mark seat row gate
    terminal platform exit room line lane unit bay door table world war apollo formula
    figure figures total score scores tally limit count deaths dead injured wounded
    victims killed just only nearly almost about around roughly some another other
    among the latest"""
)


def _list_numbers_in(article: str, word: str, number: int) -> bool:
    """The article numbers a list at this point: "...fight 1. Floyd..." and a "2." later."""
    return bool(
        re.search(rf"\b{re.escape(word)}\s+{number}\s*[.)]\s+\S", article)
        and re.search(rf"(?:^|\s){number + 1}\s*[.)]\s+[\"“‘'A-Z]", article)
    )


def list_residue(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A list's numbers read aloud: a sentence that opens "2. ..." or "1) ...", one that is
    only a number, an inline "1) ... 2) ...", or a number left at a sentence's end
    ("...ahead of their mega fight 1.": an item's number glued to the sentence before)."""
    found: list[str] = []
    for index, raw in enumerate(summary):
        sentence = " ".join(raw.split())
        where = f"sentence {index + 1}"
        bare = _LEADING_CREDIT.sub("", sentence, count=1) if "(" in sentence[:42] else sentence
        opener = _LIST_OPENER.match(bare) or _LIST_OPENER.match(sentence)
        if opener:
            found.append(f"{where} opens with a list number '{opener.group(0).strip()}'")
            continue
        for match in _INLINE_ITEM.finditer(sentence):
            opened = sentence.count("(", 0, match.end()) - sentence.count(")", 0, match.start())
            if opened <= 0 and int(match.group(1)) <= 20:
                found.append(f"{where} reads a list item '{match.group(1)})'")
                break
        trailing = _TRAILING_NUMBER.search(sentence)
        if trailing:
            word, number = trailing.group(1), int(trailing.group(2))
            plain = word.strip("'’-")
            if (
                plain in _FUNCTION_WORDS
                or plain in _NUMBER_TAKERS
                or plain in _MONTHS
                or plain.endswith(("ing", "ed"))
                or not 1 <= number <= 20
            ):
                continue
            if number == 1 or (article and _list_numbers_in(article, word, number)):
                found.append(f"{where} ends on a list's number '{word} {number}.'")
    return found


# --------------------------------------------------------------------------
# Names: a person by surname only when the article gives the full name
# --------------------------------------------------------------------------

_NAME_WORD = r"[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:[-'’][A-Z][a-z]+)?"
_ABBREVIATED = (
    r"(?:Mr|Mrs|Ms|Dr|St|Jr|Gen|Lt|Sen|Rep|Gov|Col|Sgt|Capt|Prof|Rev|Det|Cpl|"
    r"(?:[A-Z]\.){1,3})"
)
#: A run of capitalised words, the words of one name or title ("Sir Alex Ferguson",
#: "Lt. Gen. Ricardo Sanchez", "John F. Kennedy"); it never runs over a full stop.
_NAME_RUN = re.compile(
    rf"(?<![\w'’.-])(?:(?:{_ABBREVIATED}\.?|{_NAME_WORD})\s+"
    r"(?:(?:van|von|de|der|den|da|di|du|le|la|del|dos|bin|al|el)\s+){0,2})*"
    rf"{_NAME_WORD}(?![\w-])"
)
#: Titles before a name: each says the name is a person's.
_TITLE_WORDS = _words(
    """Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Prof Professor Rev Reverend Judge Justice
    Sen Senator Rep Gov Governor President Prime Minister Chancellor Secretary King Queen
    Prince Princess Pope Father Sister General Gen Colonel Col Captain Capt Sergeant Sgt
    Lieutenant Lt Major Detective Det Inspector Constable PC Mayor Bishop Archbishop
    Cardinal Rabbi Imam Sheikh Speaker Baroness Baron Duke Duchess Earl Countess Emperor
    Empress Ayatollah Commissioner Superintendent Sheriff Corporal Cpl Admiral Commander
    Marshal"""
)
#: Words before a title or name that say nothing of who it is ("Former Judge").
_NAME_PREFIXES = _words(
    """Former Ex Late Vice Deputy Acting Chief Senior Junior Interim Then Now Retired The A
    An Another Every Each This That These Those"""
)
#: Titles with which a surname is a name in full: "President Obama", "Lord Butler".
_SUFFICIENT_TITLES = _words(
    """President Prime Minister Chancellor King Queen Prince Princess Pope Emperor Empress
    Ayatollah Duke Duchess Lord Lady Baroness Baron Dame Earl Countess"""
)
#: "the Conlon and Maguire families", "the Obama administration": a name as a modifier.
_MODIFIED_AFTER = re.compile(
    r"\s+(?:family|families|brothers|sisters|siblings|household|clan|administration|"
    r"government|era|years|camp|campaign|presidency|case|trial|estate|foundation)\b"
)
#: Last words of the names of places, teams and organisations, never a surname.
_NOT_SURNAMES = _words(
    """United City Rovers Town County Athletic Wanderers Albion Rangers Celtic Villa Hotspur
    Forest Palace Orient Argyle Wednesday Real Madrid Inc Corp Ltd Plc Co Group Bank Party
    Council Court House Street Road Avenue Square Park Hall Airport University College
    School Hospital Church Cathedral Department Ministry Agency Office Service Services
    Police Army Navy Force Forces Times News Post Mail Journal Magazine Press Reporter
    Network Channel Radio Television Studios Records Books Club Association Federation
    Union League Cup Championship Games Olympics Institute Foundation Trust Society
    Commission Committee Board Authority Centre Center Museum Gallery Theatre Theater Island
    Islands River Lake Mountain Mountains Valley Bay Beach Coast State States Kingdom
    Republic Empire Airlines Airways Motors Motor Energy Oil Gas Health Care Music Sport
    Sports Media Entertainment Pictures Studio Festival Awards Prize Show Series Day Week
    America Americans Britain British England English France French Germany German China
    Chinese Japan Japanese Russia Russian Europe European Africa African Asia Asian
    Australia Australian Canada Canadian India Indian Ireland Irish Scotland Scottish Wales
    Welsh Spain Spanish Italy Italian Brazil Brazilian Mexico Mexican Muslim Muslims
    Christian Christians Jewish Catholic Democrat Democrats Republican Republicans Labour
    Conservative Conservatives Tory Tories Liberal Democrats Facebook Twitter Google Apple
    Microsoft Instagram YouTube Internet Web Online Mobile Phone Street Jr Sr II III IV"""
)
_SPEECH_AFTER_NAME = (
    r"(?:said|says|told|tells|added|adds|explained|insisted|admitted|claimed|wrote|"
    r"tweeted|posted|revealed|warned|argued|believes|thinks|who|whose)\b"
)


_NOT_A_MENTION = re.compile(
    r"(?:\b(?:in|at|from|of|near|to|outside|across|the|a|an|another|every|each|this|that|"
    r"nee|née|born)|&)"
    r"\s+$",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _article_people(article: str) -> dict[str, str]:
    """Surname -> the full name an article gives a person ("Moore" -> "Roy Moore").

    A capitalised run of two or more words is a person's name when the article shows a
    person: a title anywhere ("Mr Moore", "Judge Roy Moore"), an age ("Roy Moore, 70,"),
    or a verb of saying or "who" after the full name ("Roy Moore said"; not after "Moore"
    alone, which a firm or a team can be). A last word that the article also writes in
    lower case ("Young", "Rice") or that ends names of places, teams and organisations
    ("United", "Street") is left out, and so are first words the article writes in lower
    case ("Will Smith" is not sure to be a name: "will" is a word).
    """
    lowered = _lower_words(article)
    full: dict[str, str] = {}
    person: set[str] = set()
    for match in _NAME_RUN.finditer(article):
        words, title = _name_words_of(match.group(0), lowered)
        if not words:
            continue
        if title:
            person.add(words[-1])  # "Mr Moore", "Judge Roy Moore"
        if len(words) < 2 or len(words) > 4:
            continue
        surname, given = words[-1], words[0]
        if (
            len(surname) < 3
            or len(given) < 2
            or surname in _NOT_SURNAMES
            or given in _NOT_SURNAMES
            or surname.lower() in lowered
            or given.lower() in _MONTHS
            or given.lower() in _DAYS
        ):
            continue
        after = article[match.end() : match.end() + 30]
        if re.match(r",\s*\d{1,3}\s*,|\s*\(\d{1,3}\)|,?\s+" + _SPEECH_AFTER_NAME, after):
            person.add(surname)  # "Roy Moore, 70,", "Roy Moore said", "Roy Moore, who"
        full.setdefault(surname, " ".join(words))
    return {surname: name for surname, name in full.items() if surname in person}


@lru_cache(maxsize=64)
def _lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case: "young" makes "Young" a common word."""
    return frozenset(_LOWER_WORD.findall(text))


def _subject_follows(text: str, end: int) -> bool:
    """After a sentence's first word, what a subject's name takes: a verb ("Moore said",
    "Moore insists"), a comma or a possessive ("Moore, 68,", "Moore's lawyer")."""
    after = text[end : end + 30]
    if after[:1] in ",'’":
        return True
    words = after.split()
    following = words[0].lower().strip(",.;:") if words else ""
    return (
        following in _FINITE_VERBS
        or following in _SPEECH_WORDS
        or (len(following) > 4 and following.endswith("ed"))
    )


_IMPERATIVES = _words("watch read see click follow meet visit listen join share check")


def _name_words_of(run: str, lowered: frozenset[str]) -> tuple[list[str], str]:
    """A run's words without the title and common words before the name ("Former Judge
    Roy Moore" -> ["Roy", "Moore"], "Judge"), and the last title."""
    words = [w.rstrip(".") for w in run.split()]
    titles = [i for i, w in enumerate(words[:-1]) if w in _TITLE_WORDS]
    if titles:
        words = words[titles[-1] :]  # "Venezuelan President Hugo Chavez" -> "President ..."
    title = ""
    while words and (
        words[0] in _TITLE_WORDS
        or words[0] in _NAME_PREFIXES
        or words[0].lower() in _GENERIC_WORDS
        or words[0].lower() in _FINITE_VERBS
        or words[0].lower() in _IMPERATIVES
        or words[0].lower() in lowered
        or words[0].endswith("ing")
        or len(words[0]) == 1
    ):
        word = words.pop(0)
        title = word if word in _TITLE_WORDS else title
    return words, title


def surname_only(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A person called by surname alone ("Moore said", "Mr Moore") at the first mention,
    when the article names them in full ("Roy Moore"). Needs ``article``."""
    if not article:
        return []
    people = _article_people(article)
    if not people:
        return []
    found: list[str] = []
    introduced: set[str] = set()
    lowered = _lower_words(article)
    texts = [headline or ""] + [_clean(s) for s in summary]
    for number, text in enumerate(texts):
        for match in _NAME_RUN.finditer(text):
            run = match.group(0)
            words, title = _name_words_of(run, lowered)
            if not words:
                continue
            last = words[-1]
            if len(words) >= 2 or title in _SUFFICIENT_TITLES:
                introduced.add(last)
                continue
            if number == 0 or last not in people or last in introduced:
                continue  # a headline's "Moore" does not say who Moore is
            introduced.add(last)
            if _starts_sentence(text, match.start()) and not _subject_follows(text, match.end()):
                continue  # "Young people are...": a word, not the name
            if (
                run.split()[0] in _NAME_PREFIXES
                or _NOT_A_MENTION.search(text[max(0, match.start() - 12) : match.start()])
                or _MODIFIED_AFTER.match(text, match.end())
            ):
                continue  # "in Moore" (a place), "the Obama administration" (a modifier)
            said = f"{title} {last}".strip()
            found.append(f"sentence {number} says '{said}' before the full name, {people[last]}")
    return found


# --------------------------------------------------------------------------
# A definite description whose referent was dropped
# --------------------------------------------------------------------------

#: Kinds of institution a summary calls "the magazine", "the company"..., and the nouns
#: that may have named one before ("a magazine", "the carmaker", "the watchdog").
_PUBLICATION_NOUNS = _words(
    "magazine newspaper paper journal publication tabloid daily weekly outlet title website site"
)
_COMPANY_NOUNS = _words(
    """company firm group business corporation giant maker carmaker retailer airline
    carrier bank chain brand conglomerate operator supplier provider manufacturer insurer
    lender developer publisher studio label network broadcaster channel station website
    site service app startup start-up store supermarket agency"""
)
_BODY_NOUNS = _words(
    """agency organisation organization charity group body watchdog regulator union
    council authority department ministry committee commission association federation
    foundation institute campaign society trust club team side band party"""
)
_RESEARCH_NOUNS = _words(
    "report study survey research poll findings analysis review inquiry investigation audit"
)
_REFERENT_CLASSES = (_PUBLICATION_NOUNS, _COMPANY_NOUNS, _BODY_NOUNS, _RESEARCH_NOUNS)
_INSTITUTION_HEADS = (
    "magazine", "newspaper", "journal", "tabloid", "publication", "broadcaster", "network",
    "company", "firm", "agency", "organisation", "organization", "charity", "airline",
    "carrier", "retailer", "bank", "studio", "club", "band", "union", "watchdog",
    "regulator", "group", "website", "report", "study", "survey",
)  # fmt: skip
_DEFINITE_INSTITUTION = re.compile(
    r"\b[Tt]he\s+(?:([A-Za-z][\w'’-]*)\s+)?(" + "|".join(_INSTITUTION_HEADS) + r")\b"
    r"((?:['’]s)?)(,?)\s*([^\s,.;:!?]*)"
)
#: After "the company", a word that says which one ("the company that makes...", "the
#: group of friends", "the band behind...").
_DEFINING_AFTER_INSTITUTION = _words(
    """of that who whom whose behind called named known responsible founded based run owned
    set in at for to from with which where whereby involved concerned"""
)
#: The kinds whose name an article gives in a form that can be found ("Consumer Reports
#: magazine", "the magazine Vogue", "Q, the music magazine").
_PUBLICATION_HEADS = ("magazine", "newspaper", "journal", "tabloid", "publication")
_HEAD_ANYWHERE = re.compile(r"\b(" + "|".join(_PUBLICATION_HEADS) + r")s?\b")
_NAME_BEFORE_HEAD = re.compile(r"((?:[A-Z][\w&'’.-]*\s+){1,4})$")
_NAME_AFTER_HEAD = re.compile(r"^\s+((?:[A-Z][\w&'’.-]*(?:\s+|$)){1,4})")
_APPOSITIVE_BEFORE_HEAD = re.compile(
    r"([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}),\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}$"
)


def _name_words(text: str) -> set[str]:
    return {
        w
        for w in re.findall(r"[A-Z][\w&'’-]*", text)
        if w.lower() not in _GENERIC_WORDS and w not in _TITLE_WORDS and len(w) > 1
    }


@lru_cache(maxsize=64)
def _article_institutions(article: str) -> dict[str, tuple[frozenset[str], str]]:
    """For each kind of publication ("magazine"), the words of the names the article
    gives one ("Consumer Reports magazine", "the magazine Vogue", "Q, the music
    magazine") and the first such name. (For companies and groups the same patterns
    find too many wrong names.)"""
    names: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    for match in _HEAD_ANYWHERE.finditer(article):
        head = match.group(1)
        before = article[max(0, match.start() - 60) : match.start()]
        after = article[match.end() : match.end() + 50]
        found: set[str] = set()
        for pattern, text in (
            (_NAME_BEFORE_HEAD, before),
            (_NAME_AFTER_HEAD, after),
            (_APPOSITIVE_BEFORE_HEAD, before),
        ):
            named = pattern.search(text)
            if named and _name_words(named.group(1)):
                found |= _name_words(named.group(1))
                shown.setdefault(head, re.sub(r"^The\s+", "", named.group(1).strip()))
        if found:
            names.setdefault(head, set()).update(found)
    return {head: (frozenset(words), shown[head]) for head, words in names.items()}


def _names_something(text: str, lowered: frozenset[str]) -> bool:
    """Text that names something a "the company" could point back to: a capitalised
    word inside a sentence, or at its start one the article never writes in lower case
    ("Microsoft is...", not "Ticket prices...") or a run of two ("Bank of America")."""
    for match in re.finditer(r"[A-Z][\w&'’-]*", text):
        word = re.sub(r"['’]s?$", "", match.group(0))
        low = word.lower()
        if low in _GENERIC_WORDS or word in _SUBJECT_PRONOUNS or word == "I":
            continue
        if low in _MONTHS or low in _DAYS:
            continue
        if (
            _starts_sentence(text, match.start())
            and low in lowered
            and not re.match(r"\s+(?:of\s+)?[A-Z]", text[match.end() : match.end() + 5])
        ):
            continue
        return True
    return False


def dropped_referent(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A definite description ("The magazine said...", "the company", "the agency") whose
    referent the summary never named: when the article names it ("Consumer Reports
    magazine"), that name must come first; without the article, some name or a noun of
    its kind ("a magazine", "the carmaker") must."""
    found: list[str] = []
    sentences = [_clean(s) for s in summary if s.strip()]
    named = _article_institutions(article) if article else {}
    lowered = _lower_words(article) if article else _FUNCTION_WORDS
    nouns = set(_LOWER_WORD.findall((headline or "").lower()))
    names = _name_words(headline or "")
    something = _names_something(headline or "", lowered)
    for index, sentence in enumerate(sentences):
        for match in _DEFINITE_INSTITUTION.finditer(sentence):
            modifier, head, _, comma, following = match.groups()
            if modifier:
                continue  # "the Sun newspaper", "the elections watchdog": named or described
            if not comma and (following[:1].isupper() or following in _DEFINING_AFTER_INSTITUTION):
                continue  # "the magazine Vogue", "the group of friends"
            if index == 0 and match.start() == 0 and _the_opener_problem(sentence):
                continue  # opener_without_referent says so already
            before = sentence[: match.start()]
            kinds = [c for c in _REFERENT_CLASSES if head in c]
            said = nouns | set(_LOWER_WORD.findall(before.lower()))
            said |= {word[:-1] for word in said if word.endswith("s")}
            if any(kind & said for kind in kinds):
                pass  # "a magazine", "the carmaker", "rival firms" came before
            elif head in named:
                words, shown = named[head]
                if not words & (names | _name_words(before)):
                    found.append(
                        f"sentence {index + 1} says 'the {head}' but never names it ({shown})"
                    )
            elif not (something or _names_something(before, lowered)):
                found.append(f"sentence {index + 1} says 'the {head}' with nothing named before")
            break
        nouns |= set(_LOWER_WORD.findall(sentence.lower()))
        names |= _name_words(sentence)
        something = something or _names_something(sentence, lowered)
    return found


# --------------------------------------------------------------------------
# A writer's first person, heard as the host's
# --------------------------------------------------------------------------

_FIRST_PERSON = re.compile(
    r"(?<![\w'’-])(?:I(?:['’](?:m|ve|d|ll))?|me|my|myself|we(?:['’](?:re|ve|d|ll))?|us|"
    r"our|ours|ourselves|We(?:['’](?:re|ve|d|ll))?|My|Our)(?![\w'’-])"
)
#: "Henry I", "World War I", "type I", "phase I": a numeral after a name or a kind.
_ROMAN_I_BEFORE = re.compile(
    r"(?:[A-Z][\w'’-]*|\b(?:type|class|phase|grade|stage|part|category|schedule|level|"
    r"chapter|article|title|act|book|volume|war)\b)\s+$"
)
#: A quotation whose opening mark was lost ('I know how," he says.'): a closing mark
#: after its punctuation (the last such in the sentence ends the quotation).
_CLOSED_QUOTE = re.compile(r"[,.!?…][\"”’'](?=\s|$)")


def first_person(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A writer's "I", "me" or "my" outside quotation marks ("he told me", "I was so taken
    aback"), read by the host, is heard as the host's own; so is a writer's "we" or "our"
    when it tells the story ("We met her a week later") or comes back ("our trail...
    we were left"). One "we" or "us" alone is a host's too ("what science tells us").
    Words after a speaker's colon ("Peter Bergen: we've seen...", "The writer says: I
    ...") are the speaker's, to the summary's end."""
    singular: list[str] = []  # what each "I", "me", "my" says
    plural: list[str] = []  # what each sentence's "we", "us", "our" says
    story = 0  # sentences that open on "We" or "Our": the writer's own story
    sentences = [_clean(s) for s in summary if s.strip()]
    for index, (sentence, (spans, _)) in enumerate(
        zip(sentences, _quote_spans(sentences), strict=True)
    ):
        outside = _outside(sentence, spans)
        closes = [match.end() for match in _CLOSED_QUOTE.finditer(outside)]
        if closes:
            outside = outside[closes[-1] :]  # the words before a lost opening mark
        speaker = _SPEAKER_COLON.match(outside)
        if speaker and (_has_referent(speaker.group(1)) or _WRITER.search(speaker.group(1))):
            break  # "Pamela Burns: We congratulate...", "The writer says: I...": theirs from here
        for match in _FIRST_PERSON.finditer(outside):
            word = match.group(0)
            start = match.start()
            at_start = start < 8 and not outside[:start].strip(" \"“‘'([-–—")
            if word[:1].isupper() and word[0] != "I" and not at_start:
                continue  # "Our Lady", "My Fair Lady", "We Are the World": a name
            if word == "I" and (
                _ROMAN_I_BEFORE.search(outside[max(0, start - 25) : start])
                or outside[match.end() : match.end() + 1] in (".", "-")
                or re.match(r"\s[A-Z]", outside[match.end() : match.end() + 2])
            ):
                continue  # "World War I", "Henry I.", "I-95", the song "I Believe in You"
            if word in ("We", "Our", "My") and re.match(
                r"\s+[A-Z]", outside[match.end() : match.end() + 2]
            ):
                continue  # a title at the start: "We Are the World", "My Fair Lady"
            if word in ("We", "we") and _GENERIC_WE.match(outside[start:].capitalize()):
                continue  # "we all know": everyone's
            said = f"sentence {index + 1} says '{word}' outside quotation marks"
            if word[:1] in "IMm":
                singular.append(said)
            elif not plural or not plural[-1].startswith(f"sentence {index + 1} "):
                plural.append(said)
            story += word[:1] in "WO" and at_start
    if singular:
        return list(dict.fromkeys(singular))[:3]
    return plural[:1] if len(plural) + story >= 2 else []


#: "Peter Bergen: The move would invite the chaos we've seen": the speaker's words.
_SPEAKER_COLON = re.compile(r"^\W*([^:\"“”]{2,60}):\s")
#: "The writer says", "the columnist writes": who speaks a column's words.
_WRITER = re.compile(
    r"\b(?:writer|columnist|author|reporter|correspondent|editor|blogger|essayist|"
    r"commentator|analyst|contributor)s?\s+(?:says|writes|said|wrote|recalls|explains|"
    r"argues|adds)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------
# Web furniture: a related link, a source credit, a timestamp
# --------------------------------------------------------------------------

_RELATED_LABEL = re.compile(
    r"(?<![\w'’-])(?:READ MORE|READ|RELATED(?: ARTICLES?| STORIES| CONTENT)?|SEE ALSO|ALSO READ|"
    r"MORE|PLUS|WATCH|Read more|Related(?: articles?| stories| content)?|See also|Also read|"
    r"More on this(?: story)?|MORE ON THIS(?: STORY)?)\s*:"
    r"|(?<![\w'’-])(?:CLICK HERE|Click here|click here)\b"
)
#: A headline in Title Case run onto a sentence's end: five words or more, at least two
#: of them small words a headline capitalises ("Of", "To", "For", "After"...).
_HEADLINE_SMALL = _words(
    "Of To For In On At After With As And Or The A An Is Are Be By From Over Into"
)
_HEADLINE_WORD = re.compile(r"[A-Z0-9][\w'’-]*,?$")


def _title_run(text: str) -> tuple[list[str], list[str]] | None:
    """The words before a run of five capitalised words or more that ends ``text``, and
    the run ("...on Tuesday night Man Jailed For Stealing From Charity")."""
    words = text.rstrip(" .!?\"”’'").split()
    start = len(words)
    while start and _HEADLINE_WORD.match(words[start - 1]):
        start -= 1
    if len(words) - start < 5:
        return None
    return words[:start], words[start:]


def related_link(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A related-link headline glued onto a sentence ("...on Monday. READ MORE: ..."), a
    "Click here", or a Title Case headline run onto a sentence's end."""
    found: list[str] = []
    for index, raw in enumerate(summary):
        sentence = " ".join(raw.split())
        where = f"sentence {index + 1}"
        label = _RELATED_LABEL.search(sentence)
        if label:
            found.append(f"{where} has a related link '{label.group(0)}'")
            continue
        run = _title_run(_outside_quotes(sentence))
        if run:
            before, words = run
            small = sum(w.strip(",") in _HEADLINE_SMALL for w in words[1:])
            glued = not before or (
                before[-1].islower()
                and before[-1] not in _FUNCTION_WORDS
                and before[-1] not in _TITLE_CONTEXT
            )  # not "the film The Jewel Of The Nile", "adaptation of The Hitchhiker's..."
            if small >= 2 and glued:
                found.append(f"{where} ends with a headline '{' '.join(words)[:50]}'")
    return found


_CREDIT_NAMES = (
    r"CNN|AP|AFP|Reuters|PA|UPI|BBC|EW|CNET|Mashable|Xinhua|ANSA|DPA|dpa|EFE|Kyodo|TASS|IANS|"
    r"ANI|Bloomberg|Variety|Billboard|Wired|Slate|Salon|Gizmodo|Engadget|TechCrunch|Mediaite|"
    r"Deadline|TMZ|Digital Spy|Mental Floss|Rolling Stone|Entertainment Weekly|WIRED|"
    r"Getty(?: Images)?|AP Photo[^()]{0,40}|Reuters/[^()]{1,40}"
)
_PUBLICATION_END = (
    r"Reporter|Times|News|Post|Journal|Magazine|Weekly|Daily|Press|Telegraph|Guardian|Herald|"
    r"Tribune|Mirror|Mail|Express|Observer|Independent|Gazette|Chronicle|Standard|Record|"
    r"Examiner|Inquirer|Register|Globe|Bulletin|Review|Monthly|Digest|Wire|Online|Money|"
    r"Insider|Report|Reports|Beast|Atlantic|Verge|Hill|Stone|Floss|Week|Economist|Spectator|"
    r"Sun|Star|Fortune|Forbes"
)
_SOURCE_CREDIT = re.compile(
    rf"\((?:{_CREDIT_NAMES}|(?:The\s+)?(?:[A-Z][\w'’.&-]*\s+){{0,3}}(?:{_PUBLICATION_END})"
    r"|(?:Photo|Photos|Picture|Image|Source|Credit|Via|via)\s*:?\s+[^()]{1,40})\)"
    r"|\bcontributed to this (?:report|story|article)\b"
    r"|^(?:Reporting|Writing|Editing|Additional reporting) by\b"
    r"|\bCopyright\s+(?:©\s*)?(?:19|20)\d\d\b|©\s*(?:19|20)\d\d\b|\ball rights reserved\b"
    # a byline left by the page: "By. Daily Mail Reporter.", "By . Rob Waugh ."
    r"|^By\s?\.(?:\s|$)|\b(?:Daily Mail|MailOnline|Mail Online|Associated Press|Press Association)"
    r"\s+[Rr]eporters?\b"
)


def source_credit(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A source credit read aloud: "(The Hollywood Reporter)", "(AP)", "(CNN)" left in a
    sentence, "... contributed to this report", a copyright line, a byline ("By. Daily
    Mail Reporter.")."""
    found: list[str] = []
    for index, raw in enumerate(summary):
        sentence = " ".join(raw.split())
        for match in _SOURCE_CREDIT.finditer(sentence):
            credit = match.group(0)
            if credit.startswith("(") and _expands(sentence[: match.start()], credit):
                continue  # "the Associated Press (AP)": an abbreviation explained
            found.append(f"sentence {index + 1} has a source credit '{credit}'")
            break
    return found


def _expands(before: str, credit: str) -> bool:
    """An abbreviation explained ("American Broadcasting Company (ABC)"): the words
    before ``credit`` spell the capitals inside it."""
    inside = credit.strip("()")
    if not inside.isupper() or not inside.isalpha():
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", before)[-len(inside) - 3 :]
    initials = "".join(w[0] for w in words if w[0].isupper())
    return initials.endswith(inside)


_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_TIMESTAMP = re.compile(
    r"\b(?:PUBLISHED|UPDATED|POSTED|LAST UPDATED|Published|Updated|Posted|Last updated|"
    r"Last modified)\s*:"
    r"|\b(?:[Ll]ast|[Ff]irst)\s+(?:updated|modified|published)\s+(?:at|on)\s+\d[\d:.]*"
    r"(?:\s*[AaPp]\.?[Mm]\.?|\s*GMT|\s*BST)?"
    r"|\b\d{1,2}[:.]\d\d\s*(?:[AaPp]\.?[Mm]\.?\s*)?(?:GMT|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|"
    rf"UTC|CET|CEST|AEST|AEDT|ET|PT)\s*,\s*(?:\w+day,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+"
    rf"{_MONTH_NAMES}\s+\d{{4}}\b"
    # a sentence that is only a date: "on 3rd August 2011.", "March 19, 2015 ."
    rf"|(?:^|[.|]\s+)(?:on\s+)?(?:\w+day,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAMES}|"
    rf"{_MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?,?)\s+\d{{4}}\s*\.?$"
)


def timestamp(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A page's timestamp read aloud: "Last updated at 20:11 GMT", "PUBLISHED: 13:26 EST,
    2 May 2014", "UPDATED: ...", or a sentence that is only a date ("March 19, 2015.")."""
    found: list[str] = []
    for index, raw in enumerate(summary):
        match = _TIMESTAMP.search(" ".join(raw.split()))
        if match:
            found.append(f"sentence {index + 1} has a timestamp '{match.group(0)}'")
    return found


# --------------------------------------------------------------------------
# A results table or team list read aloud
# --------------------------------------------------------------------------

#: One to three capitalised words of a table, each taken whole (possessive quantifiers,
#: and never from inside a word: "A.A.A..." cannot make it backtrack).
_TABLE_WORD = r"(?<![\w'’.-])[A-Z][\w'’.-]*+(?:\s+[A-Z][\w'’.-]*+){0,2}"
_RESULTS_TABLE = re.compile(
    # a formation: "Arsenal (4-4-2):"
    r"\(\d-\d-\d(?:-\d){0,2}\)"
    # a match sheet's labels: "Subs not used:", "Booked:", "Att:"
    r"|(?:^|(?<=[\s.;]))(?:Subs(?:titutes)?(?: [Nn]ot [Uu]sed)?|Booked|Bookings|Sent off|"
    r"Scorers?|Goals|Att|Attendance|Ref|Referee|Man of the [Mm]atch|Star [Mm]an|"
    r"Player ratings|Ratings|Unused subs)\s*:"
    # a team sheet: "Szczesny; Sagna, Mertesacker, Koscielny, Gibbs; ..."
    rf"|{_TABLE_WORD}(?:\s*\([^()]{{1,30}}\))?;\s*(?:{_TABLE_WORD}(?:\s*\([^()]{{1,30}}\))?,\s*){{2,}}"
    # a ranking: "1. Lewis Hamilton 2. Nico Rosberg"
    r"|(?:^|\s)1[.)]\s+[A-Z][^.;]{2,40}?\s2[.)]\s+[A-Z]"
    # a lap or race time: "1:32.456"
    r"|\b\d{1,2}:\d\d\.\d{3}\b"
)
#: Goals and their minutes: "Rooney 68, Dunne 75 og".
_GOAL_MINUTES = re.compile(
    r"(?<![\w'’-])(?P<home>[A-Z][\w'’-]++)\s+\d{1,3}(?:\s*(?:pen|og))?,\s+"
    r"(?P<away>[A-Z][\w'’-]++)\s+\d{1,3}"
    r"(?:\s*(?:pen|og))?(?:,|\s*\)|\.|$)"
)
#: "Chelsea 2 Arsenal 1": a score line, two sides and their goals.
_SCORE_LINE = re.compile(
    r"(?<![\w'’-])(?P<home>[A-Z][\w'’-]++(?:\s+[A-Z][\w'’-]++)?)\s+\d{1,2}\s+(?:[-–]\s+)?"
    r"(?P<away>[A-Z][\w'’-]++(?:\s+[A-Z][\w'’-]++)?)\s+\d{1,2}\b(?!\s*(?:[-–:.,/]\s*\d|%|per|years?|"
    r"months?|days?|million|billion|m\b|bn\b))"
)
#: A name list: six capitalised names or more in a row, with nothing else between.
_NAME_LIST = re.compile(
    rf"(?:^|:\s*)(?:{_TABLE_WORD}(?:\s*\([^()]{{1,30}}\))?,\s*){{5,}}{_TABLE_WORD}"
    r"(?:\s*\([^()]{1,30}\))?\s*[.;]?\s*$"
)
_NOT_SIDES = (
    _MONTHS
    | _DAYS
    | _words(
        """chapter verse page section article series season episode part stage round level
    channel station radio windows office xbox playstation apollo formula flight route
    highway interstate category grade class type room floor gate terminal platform"""
    )
)


def results_table(
    summary: Sequence[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """A results table or team list read aloud: "Arsenal (4-4-2): Szczesny; Sagna,
    Mertesacker...", "Subs not used: ...", "1. Lewis Hamilton 2. Nico Rosberg",
    "Chelsea 2 Arsenal 1", "Rooney 68, Dunne 75"."""
    found: list[str] = []
    for index, raw in enumerate(summary):
        sentence = " ".join(raw.split())
        where = f"sentence {index + 1}"
        table = _RESULTS_TABLE.search(sentence)
        if table:
            found.append(f"{where} reads a table: '{table.group(0).strip()[:40]}'")
            continue
        for match in (*_SCORE_LINE.finditer(sentence), *_GOAL_MINUTES.finditer(sentence)):
            home, away = match.group("home"), match.group("away")
            if {home.split()[0].lower(), away.split()[0].lower()} & _NOT_SIDES:
                continue  # "Chapter 35, Verse 8", "Windows 8"
            found.append(f"{where} reads a score line '{match.group(0).strip(' ,.')}'")
            break
        else:
            if sentence.count(",") >= 5 and _NAME_LIST.search(sentence):
                found.append(f"{where} reads a list of names")
    return found


# --------------------------------------------------------------------------
# All together
# --------------------------------------------------------------------------

DETECTORS: dict[str, Detector] = {
    "opener_without_referent": opener_without_referent,
    "run_in_caption": run_in_caption,
    "spans_two_stories": spans_two_stories,
    "quote_without_speaker": quote_without_speaker,
    "dangling_ending": dangling_ending,
    "names_missing": names_missing,
    "list_residue": list_residue,
    "surname_only": surname_only,
    "dropped_referent": dropped_referent,
    "first_person": first_person,
    "related_link": related_link,
    "source_credit": source_credit,
    "timestamp": timestamp,
    "results_table": results_table,
}
#: The problem kinds, in display order.
KINDS: tuple[str, ...] = tuple(DETECTORS)


def findings(
    summary: Iterable[str], headline: str | None = None, article: str | None = None
) -> list[tuple[str, str]]:
    """Every problem found, as (kind, description) pairs in the order of ``KINDS``.

    ``article`` is the text the summary was made from: the checks that need it (a
    surname the article gives in full) do nothing without it.
    """
    sentences = [s for s in summary if s and s.strip()]
    return [
        (kind, description)
        for kind, detector in DETECTORS.items()
        for description in detector(sentences, headline, article)
    ]


def problems(
    summary: Iterable[str], headline: str | None = None, article: str | None = None
) -> list[str]:
    """The kinds of problem a listener would trip over in ``summary``, each once."""
    kinds = {kind for kind, _ in findings(summary, headline, article)}
    return [kind for kind in KINDS if kind in kinds]


# --------------------------------------------------------------------------
# Calibration (run this file): how often each detector fires on real news
# --------------------------------------------------------------------------


def _load(path: str) -> list[dict[str, Any]]:
    import json

    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _source_of(item: dict[str, Any]) -> str:
    """The training file's two kinds of news: "CNN/DM" or "BBC"."""
    return "BBC" if str(item.get("source", "")).startswith("bbc") else "CNN/DM"


#: The raw lead: the article's first sentences, whole, until about this many words.
LEAD_WORDS = 60


def raw_lead(sentences: Sequence[str], words: int = LEAD_WORDS) -> list[str]:
    """The first sentences, whole, as they stand (datelines, bylines and all), until
    ``words`` are reached; a sentence that would pass 1.5 times ``words`` is left out
    unless it is the first."""
    lead: list[str] = []
    count = 0
    for sentence in sentences:
        size = len(sentence.split())
        if lead and (count >= words or count + size > words * 3 // 2):
            break
        lead.append(sentence)
        count += size
    return lead


def main(argv: Sequence[str] | None = None) -> None:
    """Count, on the training file, what each check flags in the human references, in the
    raw lead and in briefing's own summaries."""
    import argparse
    import random
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    eval_dir = root.parent / "shared" / "eval"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--train", default=str(eval_dir / "news-train.jsonl"), help="the training file (JSONL)"
    )
    parser.add_argument("--limit", type=int, default=0, help="check only this many articles")
    parser.add_argument("--show", type=int, default=0, help="print this many flagged summaries")
    parser.add_argument("--kind", default=None, choices=KINDS, help="show only this kind")
    parser.add_argument(
        "--system", default=None, choices=("reference", "raw lead", "summarizer"),
        help="show only this system's summaries",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not Path(args.train).is_file():
        print(f"listener_check: {args.train} not found: pass --train PATH", file=sys.stderr)
        sys.exit(2)

    sys.path.insert(0, str(root))
    from briefing.summarize import summarize
    from briefing.text import split_sentences  # only to cut the raw lead

    items = _load(args.train)
    if args.limit:
        items = random.Random(25).sample(items, min(args.limit, len(items)))
    systems: dict[str, Callable[[dict[str, Any]], list[str]]] = {
        "reference": lambda item: list(item.get("reference_sentences") or []),
        "raw lead": lambda item: raw_lead(split_sentences(item["text"])),
        "summarizer": lambda item: list(summarize(item["text"], title=item.get("title"))),
    }
    groups = sorted({_source_of(item) for item in items})
    columns = [(system, group) for system in systems for group in groups]
    sizes = {group: sum(_source_of(item) == group for item in items) for group in groups}
    counts = {column: dict.fromkeys((*KINDS, "any"), 0) for column in columns}
    checked: list[tuple[list[str], str | None, str]] = []
    shown = 0
    for item in items:
        headline, article, group = item.get("title"), item["text"], _source_of(item)
        for system, make in systems.items():
            summary = make(item)
            checked.append((summary, headline, article))
            found = findings(summary, headline, article)
            kinds = {kind for kind, _ in found}
            for kind in kinds:
                counts[(system, group)][kind] += 1
            counts[(system, group)]["any"] += bool(kinds)
            wanted = (args.kind is None or args.kind in kinds) and args.system in (None, system)
            if found and wanted and shown < args.show:
                shown += 1
                print(f"--- {system} {item.get('id')}" + (f" | {headline}" if headline else ""))
                for sentence in summary:
                    print(f"      | {sentence}")
                for kind, description in found:
                    if args.kind is None or kind == args.kind:
                        print(f"      > {kind}: {description}")

    print(
        f"\nSummaries flagged by each check, training file ({len(items)} articles: "
        + ", ".join(f"{sizes[g]} {g}" for g in groups)
        + ").\nBBC references are article sentences out of order: their quotations and names"
        " lose what came\nbefore them. The raw lead keeps its dateline and byline: CNN's"
        ' "(CNN)" is a source credit.\n'
    )
    print(f"{'':<26}" + "".join(f"{s:>{9 * len(groups)}}" for s in systems))
    print(f"{'':<26}" + "".join(f"{g:>9}" for _ in systems for g in groups))
    for kind in (*KINDS, "any"):
        print(f"{kind:<26}" + "".join(f"{counts[c][kind]:>9}" for c in columns))
    print(
        f"{'any, per 25 summaries':<26}"
        + "".join(f"{25 * counts[c]['any'] / max(sizes[c[1]], 1):>9.2f}" for c in columns)
    )

    # Two stories in one summary: the first sentences of one article, then of another;
    # and, for the false alarms, the first three to five sentences of each real article.
    split = {id(item): split_sentences(item["text"]) for item in items}
    pool = [item for item in items if len(split[id(item)]) >= 3]
    print(f"\nspans_two_stories on the first sentences of {len(pool)} real articles:", end="")
    for size in (3, 4, 5):
        alarms = sum(bool(spans_two_stories(split[id(i)][:size], i.get("title"))) for i in pool)
        print(f" {size}: {alarms} ({alarms / max(len(pool), 1):.1%})", end="")
    print()
    rng = random.Random(25)
    pairs = [rng.sample(pool, 2) for _ in range(600)] if len(pool) > 1 else []
    for left, right in ((2, 1), (3, 1), (2, 2), (3, 2)):
        caught = sum(
            bool(spans_two_stories(split[id(a)][:left] + split[id(b)][:right], a.get("title")))
            for a, b in pairs
        )
        print(
            f"  made-up mix, {left} sentences of one article + {right} of another: "
            f"flagged {caught}/{len(pairs)} ({caught / max(len(pairs), 1):.0%})"
        )

    rounds, elapsed = 0, 0.0
    while elapsed < 1.0:
        for cache in (_clean, _outside_quotes, _article_people, _article_institutions):
            cache.cache_clear()  # time first sight of each summary, not a cache hit
        start = time.process_time()
        for summary, headline, article in checked:
            problems(summary, headline, article)
        elapsed += time.process_time() - start
        rounds += 1
    print(
        f"speed: {rounds * len(checked) / elapsed:,.0f} summaries a second on one core "
        "(with their articles)"
    )


if __name__ == "__main__":
    main()
