"""Letters: an acronym spelled ("FBI" -> "F B I") or said as a word ("NATO"), and a run
of capitals that is ordinary words ("THE OLD SOUL") read as words.

Whether a run of capitals is letters or a word is decided by, in turn: the lists below
(acronyms said as words, acronyms spelled although they look like words); whether it is
an English word (``words.txt``, from SCOWL) in a heading of several capitalised words;
and whether its letters make syllables as English writes them ("NASA", "OPEC", not
"IARC", "BOINC", "NCUA").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_LETTER_NAMES = {c: c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def spell(letters: str) -> str:
    """ "FBI" -> "F B I"."""
    return " ".join(_LETTER_NAMES.get(c.upper(), c) for c in letters if c.isalnum())


#: Acronyms said as words although their letters would not tell (or the other way round).
SAID_AS_WORDS = frozenset(
    """NATO NASA UNESCO UNICEF OPEC FIFA UEFA NAFTA AIDS COVID ISIS ISIL ASEAN OFSTED OFCOM
    OFGEM OFWAT SWAT LASER RADAR SONAR LIDAR SCUBA TASER GIF JPEG PIN COP ICE PAC ISA AXA
    DAX CAC NASDAQ NOAA HIPAA THAAD ATACMS UNRWA ICANN CRISPR BRICS NVIDIA SARS MERS
    NIMBY YIMBY AWOL FEMA DARPA CERN APEC ECOWAS UNAIDS UNIFIL WADA ACAS UCAS IKEA
    DOS MAC""".split()
)


#: Acronyms spelled although they look like words or syllables ("NYSE" is no "nice"), or
#: share their letters with an English word that a heading would otherwise say ("SEC",
#: "MOD": the Ministry of Defence, "COO").
SPELLED = frozenset(
    """EU UK US UN BBC CNN FBI CIA NHS MP MPs GDP CEO IMF WTO USA ESPN ID WHO IT ACLU UCLA
    OSCE UNEP EMEA ESA ETA ICU IRA UFO EPA NYSE USAF SEC MOD COO""".split()
)


#: Spelled acronyms of things counted, whose plural a heading writes in capitals: "MPS",
#: "NGOS", "EVS" ("GPS" is left: the satellites' as often as the doctors').
_COUNTED = frozenset("""MP MEP MSP MLA CEO NGO IPO ETF EV SUV PC TV DJ UFO ATM VPN QC KC""".split())


#: Roman numerals that are names in the news, read as the name in a heading the numerals'
#: rule leaves them in ("XI JINPING MEETS BIDEN").
NUMERAL_NAMES = {"XI": "Xi", "LI": "Li"}

#: Acronyms said otherwise than as their letters or as the word they spell.
SAID_AS = {
    "FTSE": "Footsie",
    "NCAA": "N C double A",
    "IEEE": "I triple E",
    "AAA": "triple A",
}


@cache
def english_words() -> frozenset[str]:
    """The English words a run of capitals is read as (lower case; ``words.txt``)."""
    text = resources.files(__package__).joinpath("words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


def is_word(letters: str) -> bool:
    """Whether ``letters`` (any case) is an English word: "ARRIVAL", "DON'T"; not "FBI"."""
    word = letters.lower().replace("’", "'")
    if "'" in word:
        head, _, tail = word.partition("'")
        return tail in ("t", "s", "ll", "re", "ve", "d", "m") and (
            head in english_words() or (tail == "t" and head[:-1] in english_words())
        )
    return word in english_words()


# English syllables: the consonants a word may start with, end with, and hold between two
# vowels; the vowel letters that make one sound together. "QU" is read as "KW".
_ONSETS = frozenset(
    """B C D F G H J K L M N P R S T V W Y Z BL BR CH CHR CL CR DR DW FL FR GL GR KL KR KW PH PL
    PR SC SCH SCR SH SHR SK SKW SL SM SN SP SPL SPR ST STR SW TH THR TR TW WH WR""".split()
)
#: Starts of names from other languages, allowed in a heading ("SCHULZ", "TSVANGIRAI").
_NAME_ONSETS = _ONSETS | frozenset(
    "GN KN PS PN TS ZH KH DJ SV VL VR SCHL SCHN SCHW ZW NG MB".split()
)
_CODAS = frozenset(
    """B C D F G H K L M N P R S T V W X Z CH CK CT FT LD LF LK LL LM LP LS LT MB MP MS ND
    NG NK NS NT PS PT RB RC RD RF RG RK RL RM RN RP RS RT SH SK SP SS ST TH TS DS GS KS
    NDS NTS RDS RTS RST""".split()
)
_MEDIAL_CODAS = frozenset(
    """B C D F G K L M N P R S T V X Z LD LT MP ND NG NK NS NT RB RC RD RG RK RL RM RN RP RS
    RT SK ST""".split()
) | {""}
_VOWEL_GROUPS = frozenset(
    "A E I O U Y AI AU AW AY EA EE EI EU EW EY IE OA OI OO OU OW OY UI".split()
)


#: The vowels a word in a heading may open with: one, or two that make one sound.
_OPENING_VOWELS = frozenset("A E I O U AU EA EU OA OI OU IO".split())


def _runs(word: str) -> list[tuple[bool, str]]:
    """``word`` as alternating runs of (is vowel, letters): "Y" is a vowel after a consonant
    or before one, "W" a vowel after a vowel unless one follows it."""
    word = word.replace("QU", "KW")
    runs: list[tuple[bool, str]] = []
    for index, char in enumerate(word):
        following = word[index + 1] if index + 1 < len(word) else ""
        if char in "AEIOU":
            vowel = True
        elif char == "Y":  # "NIMBY", "LYON" ("ly-on"); not "YOLO", "KAYAK"
            vowel = index > 0 and (following not in "AEIOU" or not runs[-1][0])
        elif char == "W":
            vowel = bool(runs) and runs[-1][0] and following not in "AEIOU"
        else:
            vowel = False
        if runs and runs[-1][0] == vowel:
            runs[-1] = (vowel, runs[-1][1] + char)
        else:
            runs.append((vowel, char))
    return runs


def syllabic(word: str, *, names: bool = False) -> bool:
    """Whether the capitals ``word`` make English syllables ("NASA", "UNESCO"; not "IARC",
    "NCUA", "BOINC"). ``names=True`` is the looser test of a word in a heading, which
    may be a name from any language ("MUTAWAKKILI", "WILHELMINA")."""
    runs = _runs(word)
    if not any(vowel for vowel, _ in runs):
        return False
    onsets = _NAME_ONSETS if names else _ONSETS
    for index, (vowel, letters) in enumerate(runs):
        if vowel:
            if names:
                # a name may open with one vowel sound: "EUROPE", "AUSTRALIA", "IOWA";
                # not "IAEA", "OECD"
                if len(letters) > 4 or (index == 0 and letters not in _OPENING_VOWELS):
                    return False
            elif letters not in _VOWEL_GROUPS:
                return False
        elif index == 0:
            if letters not in onsets:
                return False
        elif index == len(runs) - 1:
            if (len(letters) > 3) if names else (letters not in _CODAS):
                return False
        elif not any(
            (len(letters[:cut]) <= 3 if names else letters[:cut] in _MEDIAL_CODAS)
            and (letters[cut:] in onsets or not letters[cut:])
            for cut in range(len(letters) + 1)
        ):
            return False
    return True


def pronounceable(acronym: str) -> bool:
    """Whether an acronym is said as a word: NATO, UNESCO; not FBI or NHS."""
    if acronym in SAID_AS_WORDS:
        return True
    if acronym in SPELLED or len(acronym) < 4:
        return False
    if is_word(acronym):
        return True
    # "USDA", "UNHCR", "EUFOR": a country's or union's letters before a consonant
    return _COUNTRY_PREFIX.match(acronym) is None and syllabic(acronym)


_COUNTRY_PREFIX = re.compile(r"(?:US|UK|UN)[^AEIOU]")  # "EUROPOL", "EUFOR" are words


# A Roman numeral: left to the numerals' rule (roman.py), which runs before this one.
_NUMERAL = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


#: Words that are never an acronym: said as words even alone ("Connect YOU").
_CLOSED = frozenset(
    """THE AND BUT NOT YOU YOUR YOURS WAS WERE ARE THIS THAT THESE THOSE THEY THEM THEIR HIS
    HER HERS SHE HIM WE OUR ITS FOR FROM WITH INTO UPON THAN THEN WHAT WHEN WHERE WHY HOW
    WHICH ALL EVERY NEVER VERY MUST SHALL WILL WOULD SHOULD COULD HAVE HAS HAD BEEN BEING
    IN ON OF TO AT AN SO NO YES NOR YET OUT UP OFF OVER UNDER IF HE MY DO DID DOES""".split()
)


#: Short words of names, read as words in a heading ("DE OCAMPO", "VON TRAPP").
_NAME_PARTICLES = frozenset(
    "DE DA DI DU DEL DER DEN DOS DAS LE VON VAN BIN IBN ABU AL EL MAC".split()
)


#: Before "US" in a heading, the pronoun: "TOLD US", "WITH US"; not "THE US ECONOMY".
_BEFORE_US = frozenset(
    """TO FOR WITH LET TELL TOLD GIVE GAVE SHOW HELP HELPS JOIN AMONG BEHIND AGAINST LIKE
    ABOUT BEFORE AFTER BETWEEN OF FROM ALL SAVE LEAVE LEFT""".split()
)
#: After "IT", the trade: "IT WORKERS", "IT sector"; otherwise the pronoun in a heading.
_AFTER_IT = frozenset(
    """sector system systems department workers worker staff services service firm firms
    company companies security support outage failure industry skills manager managers
    experts expert specialist specialists giant giants chief project projects""".split()
)
#: After "WHO" the pronoun ("WHO IS", "THOSE WHO"); after "THE" or alone, the agency.
_AFTER_WHO = frozenset(
    "IS ARE WAS WERE WILL WOULD CAN COULD DID DOES DO HAS HAVE KNEW KNOWS CARES".split()
)
#: After "WHO", the agency whatever comes before: "TEDROS: WHO CHIEF ...".
_AFTER_AGENCY = frozenset(
    """CHIEF BOSS HEAD DIRECTOR OFFICIAL OFFICIALS EXPERT EXPERTS REPORT ADVICE GUIDANCE
    WARNING WARNS URGES DECLARES SAYS""".split()
)


# A run of capitals, with a plural "s", a possessive, or a "+" ("OPEC+") after it.
_CAPS = re.compile(
    r"(?<![\w'’])(?P<caps>[A-Z](?:[A-Z]|['’](?=[A-Z]))*)"
    r"(?P<suffix>s|['’]s)?(?P<plus>\+(?![\w+]))?(?!\w)"
)


# What may stand between two capitalised words of one heading.
_HEADING_GAP = re.compile(r"[ \"'“”‘’(),.:;!?*\-–—]{1,6}")


def _heading_runs(tokens: list[re.Match[str]], text: str) -> list[int]:
    """For each run of capitals, the heading it belongs to (its first run's index), or
    -1: a heading is two or more capitalised words joined by spaces or punctuation, at
    least one an English word that no acronym shares ("THE OLD SOUL", "ARRIVAL FROM
    NORFOLK", "THE FBI"; not "FBI, CIA")."""
    headings = [-1] * len(tokens)
    start = 0
    for index in range(1, len(tokens) + 1):
        if index < len(tokens):
            gap = text[tokens[index - 1].end() : tokens[index].start()]
            if _HEADING_GAP.fullmatch(gap) and any(c in gap for c in " -–—"):
                continue
        run = [m.group("caps") for m in tokens[start:index]]
        if len(run) > 1 and any(
            len(caps) > 1
            and caps not in SPELLED
            and caps not in SAID_AS_WORDS
            and is_word(_base(caps)[0])
            for caps in run
        ):
            headings[start:index] = [start] * len(run)
        start = index
    return headings


def _base(caps: str) -> tuple[str, str]:
    """ "NASA'S" -> ("NASA", "'s")."""
    if len(caps) > 3 and caps[-2] in "'’" and caps[-1] == "S":
        return caps[:-2], "'s"
    return caps, ""


def _as_word(caps: str) -> str:
    """ "ARRIVAL" -> "Arrival", "DON'T" -> "Don't", "O'BRIEN" -> "O'Brien"."""
    parts = re.split(r"(['’])", caps)
    said = parts[0].capitalize()
    for index in range(2, len(parts), 2):
        part = parts[index]
        said += parts[index - 1] + (part.lower() if len(part) <= 2 else part.capitalize())
    return said


def _heading_word(caps: str, before: str, after: str, following: str) -> bool | None:
    """Whether ``caps`` in a heading is a word (True), letters (False), or neither list
    nor pronoun rule knows (None). ``before``/``after`` are the capitalised words beside
    it in the heading, ``following`` the word after it whatever its case."""
    if caps == "US":
        verb = before[:-1] if before.endswith("S") and not before.endswith("SS") else before
        return (before in _BEFORE_US or verb in _BEFORE_US) and (not after or after in _CLOSED)
    if caps == "IT":
        return following.lower() not in _AFTER_IT
    if caps == "WHO":
        if after in _AFTER_AGENCY:
            return False  # "WHO CHIEF WARNS", "CHINA BACKS WHO REPORT"
        return (bool(before) and before not in ("THE", "BY", "FROM", "AND", "SAYS")) or (
            after in _AFTER_WHO
        )
    return None


_FOLLOWING = re.compile(r"[\s\"'“”‘’(),:;\-]*([\w'’]+)")


# Capitals joined by "&" are letters: "AT&T", "S&P", "R&D" (symbols() says the "&").
_AMPERSAND = re.compile(r"\b([A-Z]{1,3})&([A-Z]{1,3})\b")


def _plural(suffix: str) -> str:
    return "'s" if suffix else ""


def acronyms(text: str) -> str:
    """ "FBI" -> "F B I"; "NATO" -> "Nato"; "THE OLD SOUL" -> "The Old Soul"; "THE FBI"
    -> "The F B I"; "OPEC+" -> "Opec plus"; "HIV/AIDS" -> "H I V Aids"; "mRNA" -> "m R N A"."""
    text = _AMPERSAND.sub(lambda m: f"{spell(m.group(1))} & {spell(m.group(2))}", text)
    text = _JOINED.sub(" ", text)
    text = _MIXED.sub(lambda m: f"{m.group(1)} {spell(m.group(2))}" + _plural(m.group(3)), text)
    text = _CAMEL.sub(lambda m: spell(m.group(1)) + _plural(m.group(2)), text)
    tokens = list(_CAPS.finditer(text))
    if not tokens:
        return text
    headings = _heading_runs(tokens, text)
    lead = len(text) - len(text.lstrip(" \"'“‘("))
    out: list[str] = []
    last = 0
    for index, m in enumerate(tokens):
        heading = headings[index]
        same = [
            tokens[i].group("caps")
            if 0 <= i < len(tokens) and heading >= 0 and headings[i] == heading
            else ""
            for i in (index - 1, index + 1)
        ]
        following = _FOLLOWING.match(text, m.end())
        said = _say(
            m,
            heading=heading >= 0,
            before=same[0],
            after=same[1],
            following=following.group(1) if following else "",
            first=m.start() == lead,
        )
        out.append(text[last : m.start()])
        out.append(said)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _say(
    m: re.Match[str], *, heading: bool, before: str, after: str, following: str, first: bool
) -> str:
    """What a voice says for one run of capitals (see ``acronyms``)."""
    caps, plus = m.group("caps"), " plus" if m.group("plus") else ""
    if len(caps) == 1:
        if m.group("suffix"):
            return m.group(0)  # "As", "Is": a word, not a letter and a plural
        return caps + plus
    base, possessive = _base(caps)
    suffix = ("'s" if m.group("suffix") else "") or possessive
    spelled = spell(base) + suffix + plus
    word = _as_word(base) + (m.group("suffix") or possessive) + plus
    if base in SAID_AS:
        return SAID_AS[base] + suffix + plus
    if base in SAID_AS_WORDS:
        return word
    if base[-1] == "S" and base[:-1] in _COUNTED and not suffix:
        return spell(base[:-1]) + "'s" + plus  # "MPS BACK BILL": "MPs" in a heading
    if heading:
        known = _heading_word(base, before, after, following)
        if known is not None:
            return word if known else spelled
    if base in SPELLED:
        return spelled
    if base in NUMERAL_NAMES and heading:
        return NUMERAL_NAMES[base] + suffix + plus  # "XI MEETS BIDEN": the name Xi
    if _NUMERAL.fullmatch(base) and not is_word(base):
        return spelled if len(base) <= 6 else m.group(0)  # the numerals' rule's to say
    if base in _CLOSED and (heading or not m.group("suffix")):
        return word if first or heading else word.lower()
    if "'" in base or "’" in base:
        return word  # "O'BRIEN", "DON'T": a name or a word, never letters
    if heading:
        if is_word(base) or base in _NAME_PARTICLES:
            return word
        if len(base) >= 4 and syllabic(base, names=True):
            return word
        return spelled
    if len(base) >= 4 and pronounceable(base):
        return word
    if len(base) >= 7:
        return word if syllabic(base, names=True) else m.group(0)
    return spelled


# Two acronyms joined by a slash are said one after the other: "HIV/AIDS", "TCP/IP".
_JOINED = re.compile(r"(?<=[A-Z][A-Z])/(?=[A-Z][A-Z])")
# Small letters before capitals: "mRNA", "cDNA", "fMRI", "iOS" (not "iPhone", "eBay").
_MIXED = re.compile(r"\b([a-z]{1,2})([A-Z]{2,5}|(?<=\bp)H)(s?)\b")
# One small letter between capitals: "AfD", "PhD", "DoJ", "TfL".
_CAMEL = re.compile(r"\b([A-Z][a-z][A-Z]{1,2})(s?)\b")


#: Letters, a 2 and letters: "B2B" is "B to B".
_TO_CODES = frozenset("B2B B2C C2C P2P D2C M2M G2B G2C B2G F2F E2E".split())


_WORD_CODE = re.compile(r"\b(?P<letters>[A-Z]{2,6})(?P<digits>\d{1,4})\b")
_TO_CODE = re.compile(r"\b[A-Z]2[A-Z]\b")


def acronym_codes(text: str) -> str:
    """Letters and digits where the letters are said as a word or the digit as a word:
    "COP28" -> "Cop 28", "FIFA23" -> "Fifa 23", "B2B" -> "B to B". Other codes
    ("MH370", "G7") are the telephone module's."""
    text = _TO_CODE.sub(
        lambda m: f"{m.group(0)[0]} to {m.group(0)[2]}" if m.group(0) in _TO_CODES else m.group(0),
        text,
    )

    def say(m: re.Match[str]) -> str:
        letters = m.group("letters")
        if letters in SAID_AS_WORDS:
            return f"{letters.capitalize()} {m.group('digits')}"
        return m.group(0)

    return _WORD_CODE.sub(say, text)
