"""Roman numerals, read by their context.

One written form has several readings, and the words around a numeral decide which (the
rules are tried in this order; the first that applies wins):

1. An ordinal ending makes an ordinal: "the XIXth century" -> "the nineteenth century".
2. After a word that numbers what follows (``COUNTED``: "Chapter", "Part", "Book", "Act",
   "Title", "Episode", "Phase", "Type", "Class", "World War", "Super Bowl", ...) a
   cardinal: "CHAPTER XIV." -> "CHAPTER fourteen.", "Title IX" -> "Title nine", "Star
   Wars: Episode IV" -> "Episode four". A lone "I" only after a capitalised word and
   with no verb of the pronoun after it ("Part I" -> "Part one"; "in part I think" stays).
3. "the" with a numeral and a capitalised word (or "century"): an ordinal, "the XVIII
   Airborne Corps" -> "the eighteenth Airborne Corps".
4. After a monarch's or a pope's name (``REGNAL``), a name after a title ("King",
   "Pope", "Emperor", ...), or a person's full name (a given name, then initials or a
   surname: a generation), "the" and an ordinal: "Henry VIII" -> "Henry the eighth",
   "Pope Benedict XVI" -> "Pope Benedict the sixteenth", "Joseph P. Kennedy III" ->
   "Joseph P. Kennedy the third". A lone "X" only after a name that reached ten
   ("Charles X"; not "Malcolm X" or "Richard X").
5. A heading: a numeral opening the text or a sentence, on its own, before a full stop,
   a dash or a colon, or (two letters or more) before words in capitals: "XIV." ->
   "fourteen.", "VI. THE RETURN" -> "six. THE RETURN", "III DIFFICULTIES SOLVED".
6. After any other capitalised word, a numeral of two letters or more is a number in a
   title: a sequel, a game, a council, a programme ("Rocky II", "Final Fantasy VII",
   "Vatican II", "STUDY VIII"); a lone "V" or "X" after two capitalised words too ("Grand
   Theft Auto V", "Final Fantasy X").
7. After a small word, numerals of the letters I, V and X ("battle II") are cardinals.

Left alone, whatever the context: the pronoun "I" (the rules above ask for a counting
word, a monarch or a heading before a lone "I"), initials ("John D. Rockefeller",
"Malcolm X", "C. S. Lewis", "I. M. Pei": a lone letter before an initial or a capitalised
word after a full stop), capitalised words that are numerals too ("MIX", "DC", "MD",
"CV", "LIV Golf", "an IV drip", "XL", "XXX": C, D and M are read only after a counting
word, and only as part of a longer numeral), and letters in codes ("X-ray", "I-95",
"Titan IIIC", "AC/DC").
"""

from __future__ import annotations

import functools
import re

from num2words import num2words

from .cardinal import say_ordinal

#: A well-formed numeral up to 3999 (the look-alikes "IIII", "VX" or "IC" are no numbers).
_WELL_FORMED = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

#: A run of numeral letters standing as a word, with an ordinal ending or a possessive,
#: and a full stop after it that ends no sentence ("Louis XIV. was", "Charles V., it",
#: "Clement VII.'s"). Not inside a word, a code or an address ("X-ray", "I-95", "AC/DC");
#: a run longer than any numeral is matched whole and then left alone.
_CANDIDATE = re.compile(
    r"(?<![\w'’/])(?<![^-]-)(?P<numeral>[IVXLCDM]+)(?P<suffix>th|st|nd|rd)?(?![\w/])(?!-[A-Z\d])"
    r"(?P<stop>\.(?=[,;:?!)]|['’]s\b| [a-z]))?"
)

#: Words that number what follows them, a lone "I" too ("Part I", "World War I").
COUNTED_ONE = frozenset(
    """chapter chap part pt book bk volume vol act scene canto letter lecture song study
    appendix story section sect sec article title episode phase type class grade stage
    level tier category division round war bowl schedule psalm corollary proposition
    theorem lemma figure fig plate olympiad""".split()
)

#: Words that number what follows them (compared in lower case, a final full stop off);
#: "Mark I" or "Rocky I" is more often a name and the pronoun.
COUNTED = COUNTED_ONE | frozenset(
    """ep sonnet ode hymn fable tale lesson essay sermon epistle axiom definition note
    table step rule problem exercise unit mark mk vatican apollo gemini saturn titan
    trident minuteman wrestlemania rocky movement number case period dynasty""".split()
)

#: Counting words written short, with a full stop ("Chap. XIV.", "Vol. II").
_SHORT = frozenset("chap pt bk vol sect sec ep fig mk".split())

#: Names that monarchs, popes and pharaohs were numbered by (lower case).
REGNAL = frozenset(
    """henry henri enrique heinrich edward edmund edgar ethelred aethelred george william
    wilhelm willem james jacques jaime charles carl carlos karl richard john stephen
    elizabeth victoria mary anne matilda louis ludwig luis philip philippe felipe filippo
    francis francois françois franz francesco ferdinand frederick frederik friedrich
    federico christian gustav gustaf gustavus harald haakon hakon olav olaf magnus eric erik
    valdemar waldemar christina margrethe sigismund casimir stanislaus wladyslaw boleslaw
    ladislaus bela matthias otto rudolf leopold maximilian joseph albert baudouin rainier
    alexander nicholas peter paul ivan vasily basil catherine michael alexios alexius
    constantine justinian justin theodosius valentinian leo romanos andronikos manuel
    heraclius tiberius anastasius ptolemy cleopatra antiochus seleucus amenhotep thutmose
    tuthmosis ramesses rameses ramses seti senusret sesostris darius xerxes artaxerxes cyrus
    nebuchadnezzar sargon shalmaneser ashurnasirpal pileser esarhaddon herod mehmed mehmet
    murad selim suleiman bayezid osman mahmud abdulhamid hamid mustafa ahmed mohammed
    muhammad mohamed hassan abdullah hussein faisal fuad farouk idris zog umberto emmanuel
    amadeo alfonso sancho pedro afonso sebastian juan isabella isabel rama mswati letsie
    tupou kamehameha napoleon wenceslas wenceslaus vladislav ottokar conrad lothair pepin
    robert david duncan kenneth llywelyn harold cnut canute pius benedict gregory innocent
    clement urban boniface sixtus julius adrian hadrian celestine eugene eugenius martin
    callixtus calixtus honorius lucius gelasius sergius marinus felix sylvester silvester
    victor damasus agapetus pelagius paschal anacletus marcellus""".split()
)

#: Names that a king or a pope numbered ten or more bore: only these take a lone "X".
_REGNAL_TEN = frozenset(
    """charles carl louis christian frederik frederick leo pius clement innocent gregory
    alfonso rama ramesses rameses ramses stephen benedict""".split()
)

#: Given names that begin a person's full name before a generation ("Robert Griffin III").
_GIVEN = REGNAL | frozenset(
    """thomas daniel mark matthew andrew anthony christopher samuel jonathan benjamin
    nathaniel thurston walter harry howard arthur ernest frank lewis theodore""".split()
)

#: Titles before a monarch's or a pope's name ("King Mswati III", "Emperor Haile Selassie I").
_TITLES = frozenset(
    """king queen pope emperor empress tsar czar tsarina czarina kaiser sultan shah pharaoh
    prince princess duke duchess archduke count countess earl baron saint st emir caliph
    khan negus patriarch antipope lord sir""".split()
)

#: Capitalised words that are no name or title: a numeral after them is no regnal number.
_FUNCTION_WORDS = frozenset(
    """the a an and or but nor in on at of for to from by with as if when while then so
    that this these those it its he his she her we our they their you your my me us them
    is was are were be been not no yes all some many each every which what who whom where
    why how after before during since until under over about between among into than
    also only even just here there now""".split()
)

#: Words after a lone "I" that make it the pronoun ("Charles I think", "Part I was").
_PRONOUN_VERBS = frozenset(
    """am 'm ’m 've ’ve 'd ’d 'll ’ll have had will would shall should can could may might
    must do did don't didn't can't cannot won't wouldn't couldn't shouldn't haven't hadn't
    wasn't think thought believe know knew want wanted feel felt hope guess mean meant say
    said told tell see saw hear heard just really also never always still only even love
    like need agree suppose expect wish remember recall understand went got get came come
    found find made make took take gave give asked ask called call looked look am""".split()
)

#: Words a lone "X" after two capitalised words does not count ("Xbox Series X", "Tesla
#: Model X", "Generation X").
_NOT_TEN_AFTER = frozenset(
    """series model malcolm generation gen project planet brand agent mr ms mrs dr subject
    professor brother sister space""".split()
)

#: Numerals that are also names in the news (Xi Jinping, Li Qiang): in a heading in capitals,
#: with no counting word, monarch or title before them, the name.
NAMES = frozenset(["XI", "LI"])

#: What follows a name in a heading: a word in capitals, not a full stop or a colon.
_NAME_IN_CAPITALS = re.compile(r"['’]?S? [A-Z]{2,}\b|['’]S\b|\s*$")

#: Numerals that are more often something else when no counting word or name is near:
#: a size ("XL"), a film ("XXX"), initials ("LV", "LI"), a golf tour ("LIV").
_LOOK_ALIKES = frozenset("XL LI LV LX LIV XXX".split())


def roman_value(numeral: str) -> int:
    """ "XIV" -> 14."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for index, char in enumerate(numeral):
        value = values[char]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def is_numeral(letters: str) -> bool:
    """Whether ``letters`` is a well-formed Roman numeral ("XIV"; not "IIII" or "MIXX")."""
    return 0 < len(letters) <= 15 and _WELL_FORMED.fullmatch(letters) is not None


def _plain(numeral: str) -> bool:
    """A numeral of the letters I, V and X, or one with L of three letters or more: the
    ones that are numbers wherever a capitalised word precedes them."""
    if numeral in _LOOK_ALIKES or any(c in "CDM" for c in numeral):
        return False
    return "L" not in numeral or len(numeral) >= 3


def _counted(numeral: str) -> bool:
    """A numeral said after a counting word: no lone "L", "C", "D" or "M" ("Class C",
    "Medicare Part D", "Type C") and no "D" or "M" at all."""
    return not any(c in "DM" for c in numeral) and numeral not in ("L", "C")


def _word(token: str) -> str:
    """A token without the punctuation around it, in lower case."""
    return token.strip("\"'“”‘’()[]").rstrip(".").lower()


_CAPITALISED = re.compile(r"[A-Z][A-Za-z'’-]*")


def _capitalised(token: str) -> bool:
    return _CAPITALISED.fullmatch(token) is not None


def _initial(token: str) -> bool:
    return len(token) == 2 and token[0].isupper() and token[1] == "."


@functools.lru_cache(maxsize=512)
def _cardinal(value: int) -> str:
    return num2words(value)


def _person(before: list[str]) -> bool:
    """Whether the tokens before a numeral end in a person's full name: a given name,
    then initials or capitalised names ("Joseph P. Kennedy", "Robert Griffin")."""
    names = 0
    for token in reversed(before[-4:]):
        if _initial(token):
            names += 1
            continue
        if not _capitalised(token) or _word(token) in _FUNCTION_WORDS:
            return False
        names += 1
        if names >= 2 and _word(token) in _GIVEN:
            return True
    return False


def _titled(before: list[str]) -> bool:
    """Whether a title ("King", "Pope", "Emperor") comes before the name that ends
    ``before``: "King Mswati", "Emperor Haile Selassie"."""
    for token in reversed(before[-4:-1]):
        if _word(token) in _TITLES:
            return True
        if not _capitalised(token):
            return False
    return False


def _regnal(numeral: str, before: list[str]) -> bool:
    """Whether the numeral numbers a monarch, a pope or a generation of one family."""
    name = before[-1]
    if not _capitalised(name) or _word(name) in _FUNCTION_WORDS:
        return False
    if _word(name) in _TITLES:  # "Martin Luther King III"; not "King II"
        return len(numeral) >= 2 and _plain(numeral) and _person(before)
    if numeral == "X":
        return _word(name) in _REGNAL_TEN or _titled(before)
    if numeral in ("I", "V"):
        return _word(name) in REGNAL or _titled(before)
    if not _plain(numeral) and numeral not in ("XL", "LI", "LV", "LX"):
        return False
    return _word(name) in REGNAL or _titled(before) or _person(before)


#: Abbreviated titles: a full stop after them ends no sentence ("Mr. X").
_NOT_AN_END = frozenset("mr mrs ms dr st mt ft gen col capt lt sgt prof rev sen rep gov no".split())


def _opens(before: list[str]) -> bool:
    """Whether the numeral opens the text or a sentence: nothing before it, or a
    sentence's end ("... in 1861. II. THE WAR")."""
    if not before:
        return True
    last = before[-1]
    return last[-1] in ".!?:;" and not _initial(last) and _word(last) not in _NOT_AN_END


def _heading(numeral: str, after: str) -> bool:
    """Whether a numeral that opens a sentence is a heading's number, by what follows."""
    if re.match(r"\.?[\"”’')\]]*\s*$|\.?\s*(?:--|—|:|[\])])", after):
        return numeral not in ("L", "C", "D", "M") and _counted(numeral)
    if re.match(r"\. [A-Z]{2,}\b(?!\.)", after):  # "X. DON DIEGO"; not "V. S. Naipaul"
        return _counted(numeral) and numeral not in ("L", "C")
    if len(numeral) >= 2 and _plain(numeral):
        return re.match(r"\.? [\"“]?[A-Z]{2,}\b|\. [A-Z]", after) is not None  # "II. EFFECT"
    return False


#: Words that open a sentence far more often than they follow a middle initial: after
#: "Henry V." they mean the full stop ended a sentence.
_SENTENCE_STARTS = frozenset(
    """The A An It Its He His She Her They Their We Our I You Your This That These Those
    There Then So But And Or Yet In On At As If When While After Before Now Still Also
    However Meanwhile Some Many Most No Not One Two""".split()
)


def _middle_initial(after: str) -> bool:
    """Whether a lone letter is a middle initial by what follows: a full stop and a
    surname ("Edward I. Koch"), not the start of a sentence ("Henry V. He was")."""
    following = re.match(r"\. ([A-Z][a-z]+)\b", after)
    return following is not None and following.group(1) not in _SENTENCE_STARTS


_NEXT_WORD = re.compile(r"(?:\s+|(?=['’]))([A-Za-z'’]+)")

_INITIAL_OR_CODE = re.compile(r"\.\s*[A-Z]\.|-(?!-)")


#: What follows "the" and a numeral that is an ordinal: a name, a century, a dynasty.
_NAMED_AFTER = re.compile(r"\.?\s+(?:[A-Z]|centur|dynast)")


def _pronoun(after: str) -> bool:
    """Whether a lone "I" is the pronoun by the word after it ("I think", "I'm")."""
    following = _NEXT_WORD.match(after)
    return following is not None and following.group(1).lower() in _PRONOUN_VERBS


def read_numeral(numeral: str, before: list[str], after: str) -> str | None:
    """How ``numeral`` is said between the tokens ``before`` it and the text ``after`` it:
    a cardinal ("fourteen"), "the" and an ordinal ("the eighth"), or ``None`` when it is
    no numeral there (the pronoun "I", an initial, an acronym)."""
    if numeral == "I" and (
        before and before[-1].isalpha() and before[-1].islower() or _pronoun(after)
    ):
        return None  # "and I", "I think": the pronoun
    if len(numeral) == 1 and _INITIAL_OR_CODE.match(after):
        return None  # an initial before another ("V. S. Naipaul"), a code ("X-ray")
    value = roman_value(numeral)
    cardinal = _cardinal(value)
    previous = _word(before[-1]) if before else ""
    last = before[-1] if before else ""
    # Nothing but a space between the word before and the numeral ("Henry VIII", not
    # "Henry, VIII"); a short counting word keeps its full stop ("Chap. XIV.").
    joined = last[-1:].isalnum() or (last.endswith(".") and previous in _SHORT)
    if joined and previous in COUNTED and _counted(numeral):
        if numeral != "I" or (previous in COUNTED_ONE and last[:1].isupper()):
            return cardinal
        return None
    if last[:1].isdigit() and last[-1] == "." and last[:-1].isdigit() and _counted(numeral):
        return cardinal  # "Chapter 2.XXVI."
    if len(numeral) == 1 and before and _middle_initial(after) and not _titled(before):
        return None  # "Edward I. Koch", "Charles V. Bagli"
    if previous == "the" and len(numeral) >= 2 and _plain(numeral) and _NAMED_AFTER.match(after):
        return say_ordinal(value)  # "the XVIII Airborne Corps", "the XIX century"
    if joined and _regnal(numeral, before):
        return f"the {say_ordinal(value)}"
    if numeral in NAMES and _NAME_IN_CAPITALS.match(after) and (not before or last.isupper()):
        return None  # "XI JINPING", "XI MEETS BIDEN", "PRESIDENT XI SAYS": the name Xi
    if _opens(before):
        return cardinal if _heading(numeral, after) else None
    if not joined:
        return None
    if _capitalised(last) and previous not in _FUNCTION_WORDS:
        if previous.endswith(("'s", "’s")):
            return None  # "Musk's X", "Apple's XL"
        if len(numeral) >= 2 and _plain(numeral):
            return cardinal  # "Rocky II", "Final Fantasy VII", "STUDY VIII"
        if numeral in ("V", "X") and len(before) >= 2 and previous not in _NOT_TEN_AFTER:
            earlier = before[-2]
            if _capitalised(earlier) and _word(earlier) not in _FUNCTION_WORDS:
                return None if re.match(r"\.\s*[A-Z]", after) else cardinal
        return None
    if last.islower() and len(numeral) >= 2 and set(numeral) <= set("IVX"):
        return None if numeral in ("IV", "XX", "XXX") else cardinal  # "battle II"
    return None


#: How much text before a numeral is read for its context.
_WINDOW = 80

#: What may stand right before a numeral: an opening quotation mark or bracket.
_OPENING = "\"'“‘(["


def _before(text: str, start: int) -> list[str] | None:
    """The whole tokens before ``text[start]`` (up to ``_WINDOW`` characters), with a
    number and its full stop written against the numeral split off ("Chapter 2.XXVI."),
    or ``None`` when the numeral is written against something else."""
    window = text[max(0, start - _WINDOW) : start]
    before = window.split()
    if start > _WINDOW and before and not window[:1].isspace():
        before = before[1:]  # the first token may be cut
    if not before or window[-1:].isspace():
        return before
    last = before.pop()
    if last.endswith(("--", "—")):
        return []  # "FRIED PERCH--III", "--II.": after a dash as after a heading's start
    if re.fullmatch(r"[^\w\s]*\d+\.", last):
        return [*before, last.lstrip(_OPENING)]
    if last.strip(_OPENING):
        return None
    return before if _opens(before) else None  # '"XIV."'; not 'said "II'


def roman_numerals(text: str) -> str:
    """ "World War II" -> "World War two"; "Elizabeth II" -> "Elizabeth the second";
    "CHAPTER XIV." -> "CHAPTER fourteen."; "the XIXth century" -> "the nineteenth
    century"; "WWII" -> "World War two"; "I think" and "Malcolm X" stay."""

    def say(m: re.Match[str]) -> str:
        numeral, suffix = m.group("numeral"), m.group("suffix")
        if not is_numeral(numeral):
            return m.group(0)
        if suffix:  # "XIXth", "IVth", "IIIrd"
            return say_ordinal(roman_value(numeral)) + (m.group("stop") or "")
        before = _before(text, m.start())
        if before is None:
            return m.group(0)
        end = m.end("numeral")
        spoken = read_numeral(numeral, before, text[end : end + 40])
        return m.group(0) if spoken is None else spoken

    text = _WORLD_WAR.sub(lambda m: f"World War {num2words(len(m.group(1)))}", text)
    return _CANDIDATE.sub(say, text)


#: "WWII" and "WWI", said as they stand for.
_WORLD_WAR = re.compile(r"\bWW(II?)\b")
