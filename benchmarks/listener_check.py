"""A listener's check: what in a spoken news summary a listener would trip over.

    python benchmarks/listener_check.py                 # calibrate on ../shared/eval
    python benchmarks/listener_check.py --show 20       # ... and print flagged summaries

Small pure detectors, written apart from the filters the summarizer uses (this
module imports nothing from ``briefing``; only the standard library), so a
benchmark that counts with them cannot pass merely because the summarizer
already filtered by the same rules. Each detector takes a summary (a list of
sentences) and, optionally, the story's headline, and returns the problems it
found as short descriptions; an empty list means none.

- ``opener_without_referent``: the first sentence leans on something never
  said (a bare pronoun subject, "This is...", "The pair...", "The move comes...",
  "Now, ... too"), or any sentence points at a picture ("these colourful
  scenes", "(left)", "pictured here").
- ``run_in_caption``: a photo caption run into a sentence ("...on her face An
  86-year-old nun..."), a caption label ("Pictured: ...", "Guilty: ..."),
  "Scroll down for video", "(pictured)", a sentence with no verb.
- ``spans_two_stories``: the sentences fall into two groups of two or more that
  share no content word or name, nor the later group the headline's (a page that
  holds two stories); needs four sentences or more.
- ``quote_without_speaker``: a quotation whose speaker is named neither in its
  sentence nor in the one before.
- ``dangling_ending``: the summary stops mid-thought (":", ",", a dash, "...",
  no full stop, a question left hanging).
- ``names_missing``: a match report (beat, drew, lost...) that names neither the
  other side nor the score.

``problems(summary, headline)`` gives the kinds found, each once, in the order
of ``KINDS``; ``findings(summary, headline)`` gives (kind, description) pairs.

Precision comes before recall: each rule was checked against the first
sentences of real news and against human-written summaries, which it should
almost never flag (run this file to see the counts).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

Detector = Callable[[Sequence[str], "str | None"], list[str]]


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


def opener_without_referent(summary: Sequence[str], headline: str | None = None) -> list[str]:
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
    r"\bscroll down\b|\bclick here\b|\bread more\s*:|\bsee more\s*:|\bwatch the video\b"
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


_FURNITURE_HINTS = ("scroll", "click", "read more", "see more", "watch", "editor", "media",
                    "pictured", "(video", "caption", "file photo")  # fmt: skip


_FURNITURE_HINT = re.compile("|".join(re.escape(hint) for hint in _FURNITURE_HINTS))


def _might_be_furniture(sentence: str) -> bool:
    return bool(_FURNITURE_HINT.search(sentence.lower()))


def run_in_caption(summary: Sequence[str], headline: str | None = None) -> list[str]:
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


def spans_two_stories(summary: Sequence[str], headline: str | None = None) -> list[str]:
    """The sentences fall into two groups, the later sharing no word or name with the earlier.

    A split before sentence k counts when none of the sentences from k on shares a
    content word or name (cut to five letters) with the headline and the sentences
    before k; the sentence at k does not refer back ("He...", "The pair..."); the later
    group has two sentences or more, each tied to the ones before it in the group; and
    each side has at least six content words. Measured in ``main``: on the first three
    or five sentences of real news, and on made-up mixes of two articles.
    """
    sentences = [_clean(s) for s in summary if s.strip()]
    if len(sentences) < 4:
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
    return []


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
    quoting"""
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


_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|[\"“‘']\s*)$")


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
        if _SENTENCE_START.search(text[: match.start()]):
            after = text[match.end() :].lstrip(" ,")
            if not (after[:1].isupper() or _speaks(" ".join(after.split()[:2]))):
                continue  # "Ticket prices...", "Speaking to reporters,...": a first word
        return True
    return False


def _attributed(outside: str, context: str) -> bool:
    """A quotation's sentence, outside the quote, names its speaker ("Smith said", "the
    minister told..."), or says "he said" of someone named in ``context`` before it."""
    if not _speaks(outside) and not outside.rstrip().endswith(":"):
        return False
    if _has_referent(outside) or _speaker_by_role(outside):
        return True
    return bool(_PRONOUN.search(outside) and _has_referent(context))


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
        opens = not lead or lead.endswith(":")
        if speech_like and quoted >= 3 and (opens or quoted * 2 >= total):
            return True
        if opens and quoted >= 5 and quoted * 2 >= total:
            return True
    return False


def quote_without_speaker(summary: Sequence[str], headline: str | None = None) -> list[str]:
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
        if any(_attributed(outsides[i], " ".join(sentences[:i])) for i in run):
            continue
        if any(quotes[i][0] and _introduces(sentences[i][: quotes[i][0][0][0]]) for i in run):
            continue  # "Melissa Silver: 'Anyone can wear plum'"
        previous = outsides[first - 1] if first else ""
        if previous and (
            _attributed(previous, " ".join(sentences[: first - 1]))
            or previous.rstrip().endswith(":")
        ):
            continue  # the quotation goes on from the speaker named just before
        quoted = " ".join(sentences[i][start:end] for i in run for start, end in quotes[i][0])
        if re.search(r"\bI\b|(?i:\b(?:we|my|our|me|us)\b)", quoted) and _has_referent(
            _outside(sentences[first - 1], quotes[first - 1][0]) if first else ""
        ):
            continue  # "Bosvelt is out of contract. 'I told the club...'": his words
        shown = re.sub(r"^[\s\"“”‘’']+", "", quoted)[:40].strip()
        where = f"sentence {first + 1}" if len(run) == 1 else f"sentences {first + 1}-{run[-1] + 1}"
        found.append(f'{where} quote "{shown}" with no speaker')
    return found


# --------------------------------------------------------------------------
# A dangling ending
# --------------------------------------------------------------------------

#: A sentence ends: ".", "!", "?", "…", or a closing quotation mark or bracket (the
#: CNN/DM highlights drop the full stop after "...is 'cool'"; a listener hears no gap).
_TERMINAL = re.compile(r"[.!?…]\s*[\"”’')\]]*\s*$|[\w.!?,][\"”’')\]]+\s*$")


def dangling_ending(summary: Sequence[str], headline: str | None = None) -> list[str]:
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


def names_missing(summary: Sequence[str], headline: str | None = None) -> list[str]:
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
# All together
# --------------------------------------------------------------------------

DETECTORS: dict[str, Detector] = {
    "opener_without_referent": opener_without_referent,
    "run_in_caption": run_in_caption,
    "spans_two_stories": spans_two_stories,
    "quote_without_speaker": quote_without_speaker,
    "dangling_ending": dangling_ending,
    "names_missing": names_missing,
}
#: The problem kinds, in display order.
KINDS: tuple[str, ...] = tuple(DETECTORS)


def findings(summary: Iterable[str], headline: str | None = None) -> list[tuple[str, str]]:
    """Every problem found, as (kind, description) pairs in the order of ``KINDS``."""
    sentences = [s for s in summary if s and s.strip()]
    return [
        (kind, description)
        for kind, detector in DETECTORS.items()
        for description in detector(sentences, headline)
    ]


def problems(summary: list[str], headline: str | None = None) -> list[str]:
    """The kinds of problem a listener would trip over in ``summary``, each once."""
    kinds = {kind for kind, _ in findings(summary, headline)}
    return [kind for kind in KINDS if kind in kinds]


# --------------------------------------------------------------------------
# Calibration (run this file): how often each detector fires on real news
# --------------------------------------------------------------------------


def _load(path: str) -> list[dict]:
    import json

    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _source_of(item: dict) -> str:
    if "dailymail" in str(item.get("id", "")):
        return "dailymail"
    return str(item.get("source", "?")).split("/")[0].replace("cnn_dailymail", "cnn")


def main(argv: Sequence[str] | None = None) -> None:
    """Count, per 25 summaries, what each detector flags in Lead-3 and in human references."""
    import argparse
    import random
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    eval_dir = root.parent / "shared" / "eval"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", default=str(eval_dir / "news-dev.jsonl"))
    parser.add_argument("--train", default=str(eval_dir / "news-train.jsonl"))
    parser.add_argument("--train-sample", type=int, default=500, help="articles from --train")
    parser.add_argument("--show", type=int, default=0, help="print this many flagged summaries")
    parser.add_argument("--kind", default=None, choices=KINDS, help="show only this kind")
    parser.add_argument(
        "--summarizer", action="store_true", help="also check briefing's own summaries"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(root))
    from briefing.text import split_sentences  # only to cut Lead-3, as the benchmark does

    sets: list[tuple[str, list[dict]]] = []
    for name, path in (("dev", args.dev), ("train", args.train)):
        if not Path(path).is_file():
            print(f"listener_check: {path} not found: pass --{name} PATH", file=sys.stderr)
            sys.exit(2)
        items = _load(path)
        if name == "train":
            items = random.Random(16).sample(items, min(args.train_sample, len(items)))
        sets.append((name, items))

    systems: dict[str, Callable[[dict], list[str]]] = {
        "lead-3": lambda item: split_sentences(item["text"])[:3],
        "reference": lambda item: list(item.get("reference_sentences") or []),
    }
    if args.summarizer:
        from briefing.summarize import summarize

        systems["summarize-3"] = lambda item: list(summarize(item["text"], max_sentences=3))
        systems["summarize"] = lambda item: list(summarize(item["text"]))

    short = ("opener", "caption", "2 stories", "quote", "dangling", "names")
    print(
        "Per 25 summaries, how many each detector flags ("
        + ", ".join(f"{s} = {k}" for s, k in zip(short, KINDS, strict=True))
        + "):"
    )
    print(f"{'':<40}" + "".join(f"{s:>10}" for s in short) + f"{'any':>7}")
    shown = 0
    all_summaries: list[tuple[list[str], str | None]] = []
    totals: dict[str, list[int]] = {}

    def row(label: str, counts: list[int], n: int) -> None:
        print(
            f"{label:<40}"
            + "".join(f"{25 * c / n:>10.2f}" for c in counts[:-1])
            + f"{25 * counts[-1] / n:>7.2f}"
        )

    for name, items in sets:
        by_source: dict[str, list[dict]] = {}
        for item in items:
            by_source.setdefault(_source_of(item), []).append(item)
        for source, group in sorted(by_source.items()):
            for system, make in systems.items():
                counts = [0] * (len(KINDS) + 1)
                for item in group:
                    headline = item.get("title")
                    summary = make(item)
                    all_summaries.append((summary, headline))
                    found = findings(summary, headline)
                    kinds = {kind for kind, _ in found}
                    for position, kind in enumerate(KINDS):
                        counts[position] += kind in kinds
                    counts[-1] += bool(kinds)
                    if found and shown < args.show and (args.kind is None or args.kind in kinds):
                        shown += 1
                        print(f"--- {name}/{source}/{system} {item.get('id')}")
                        for sentence in summary:
                            print(f"      | {sentence}")
                        for kind, description in found:
                            if args.kind is None or kind == args.kind:
                                print(f"      > {kind}: {description}")
                row(f"{name} {source} {system} (n={len(group)})", counts, len(group))
                # Totals: real leads and written summaries (BBC News Summary's
                # references are article sentences out of order, XSum's leads lack
                # the article's first sentence: both counted apart).
                odd = (source == "bbc_news_summary" and system == "reference") or (
                    source == "xsum" and system != "reference"
                )
                key = f"all {system}" + (" (odd sources)" if odd else "")
                total = totals.setdefault(key, [0] * (len(KINDS) + 2))
                for position, count in enumerate(counts):
                    total[position] += count
                total[-1] += len(group)
    print()
    for key, total in sorted(totals.items()):
        row(f"{key} (n={total[-1]})", total[:-1], total[-1])

    # Two stories in one summary: the first sentences of one article, then of another;
    # and, for the false alarms, the first five sentences of each real article.
    pool = [item for _, items in sets for item in items if _source_of(item) != "xsum"]
    split = {id(item): split_sentences(item["text"]) for item in pool}
    lead5 = sum(bool(spans_two_stories(split[id(i)][:5], i.get("title"))) for i in pool)
    print(
        f"\nspans_two_stories on the first 5 sentences of {len(pool)} real articles: "
        f"{25 * lead5 / len(pool):.2f} per 25"
    )
    rng = random.Random(25)
    pairs = [rng.sample(pool, 2) for _ in range(600)]
    pairs = [(a, b) for a, b in pairs if len(split[id(a)]) >= 3 and len(split[id(b)]) >= 3]
    for left, right in ((2, 2), (3, 2), (2, 3), (2, 1)):
        caught = sum(
            bool(spans_two_stories(split[id(a)][:left] + split[id(b)][:right], a.get("title")))
            for a, b in pairs
        )
        print(
            f"  made-up mix, {left} sentences of one article + {right} of another: "
            f"flagged {caught}/{len(pairs)} ({caught / len(pairs):.0%})"
        )

    rounds, elapsed = 0, 0.0
    while elapsed < 1.0:
        for cache in (_clean, _outside_quotes):
            cache.cache_clear()  # time first sight of each summary, not a cache hit
        start = time.process_time()
        for summary, headline in all_summaries:
            problems(summary, headline)
        elapsed += time.process_time() - start
        rounds += 1
    print(f"speed: {rounds * len(all_summaries) / elapsed:,.0f} summaries a second on one core")


if __name__ == "__main__":
    main()
