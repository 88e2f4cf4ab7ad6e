"""Cardinals, ordinals, decimals, years and decades: "1,200" -> "one thousand two hundred",
"3rd" -> "third", "1998" -> "nineteen ninety-eight", "the 1990s" -> "the nineteen
nineties".
"""

from __future__ import annotations

import re

from num2words import num2words

# A number starts only where its digits start (the look-behind): tried at every digit of
# a long run of them that no unit or sign follows, a rule took time in the run's square.
NUMBER = r"(?<!\d)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


#: Longer runs of digits (an account number, a hash) are said digit by digit: num2words
#: has no words past 10**306, and nobody says a 16-digit number as one.
MAX_NUMBER_DIGITS = 15


def say_digits(digits: str) -> str:
    """ "007" -> "zero zero seven"."""
    return " ".join(num2words(int(d)) for d in digits if d.isdigit())


def say_number(written: str) -> str:
    """ "1,200" -> "one thousand two hundred", "3.5" -> "three point five"."""
    digits = written.replace(",", "")
    if "." in digits:
        whole, fraction = digits.split(".", 1)
        head = say_number(whole or "0")
        return f"{head} point {say_digits(fraction)}"
    # a number grouped by commas is an amount up to the quintillions
    longest = MAX_NUMBER_DIGITS if "," not in written else 21
    if len(digits) > 1 and digits.startswith("0") or len(digits) > longest:
        return say_digits(digits)  # "007", or a number too long to say as one
    return num2words(int(digits)).replace(",", "")


def say_year(year: int) -> str:
    """1998 -> "nineteen ninety-eight", 2026 -> "twenty twenty-six"."""
    return num2words(year, to="year").replace(",", "")


def say_ordinal(number: int) -> str:
    return num2words(number, to="ordinal").replace(",", "")


#: An ordinal: "3rd", "1,000th", and in a headline's capitals "24TH".
_ORDINAL = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b")


_YEAR = re.compile(r"(?<![\d,.$£€])\b(1\d\d\d|20\d\d)\b(?!\d|,\d|\.\d)(?!s\b)")


#: A decade: "the 1990s", "the 1960's"; without its century "the '80s", "the 60s", "the
#: mid-80s", "in his 50s" (an age: "fifties").
_DECADE = re.compile(
    r"\b(?P<year>1\d\d0|20\d0)['’]?s\b"
    r"|(?<![\w.,$£€¥'’‘])(?:['’‘] ?)?(?P<tens>[1-9]0|00)['’]?s\b"
)


#: A range of decades: "the 1960s-80s", "1960s-1980s", "the '60s-'70s" ("to" between).
_DECADE_RANGE = re.compile(r"(?P<a>\d0['’]?s)\s?[-–]\s?(?P<b>(?:['’‘]?[1-9]0|\d{3}0)['’]?s)\b")


#: Nouns a number counts: before one of them "1780" is no year ("1780 miles", "1500
#: people") unless a word that dates it comes first ("in 2020 people stayed home").
_COUNTED = frozenset(
    """people persons men women children adults babies residents citizens voters votes
    troops soldiers officers police workers employees staff jobs members students pupils
    teachers doctors nurses patients cases deaths victims refugees migrants passengers
    fans spectators homes houses buildings cars vehicles flights rooms beds seats miles
    feet metres meters kilometres kilometers yards fathoms acres hectares tonnes tons
    pounds kilograms grams litres liters gallons calories words pages points runs goals
    times units copies shares signatures acres animals cattle sheep birds trees
    species islands villages stores shops""".split()
)


#: Words before a number that make it a year ("in 1534", "since 2008", "the 2010 census").
_DATING = frozenset(
    """in since by from until till before after during between early late mid around
    circa c ca year years spring summer autumn fall winter of the""".split()
)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,2}$")


_WORD_AFTER = re.compile(r" ([a-z]+)\b")


def _is_a_count(text: str, start: int, end: int) -> bool:
    """Whether the four digits at ``text[start:end]`` count a noun ("1780 miles")
    rather than name a year."""
    after = _WORD_AFTER.match(text, end)
    if after is None or after.group(1) not in _COUNTED:
        return False
    before = _WORD_BEFORE.search(text[max(0, start - 12) : start])
    return before is None or before.group(1).lower() not in _DATING


_NEGATIVE = re.compile(rf"(?<![\w)])[-−](?={NUMBER})")


#: A decimal without its leading zero: "a .279 batting average", "the .41 automatic".
_BARE_DECIMAL = re.compile(r"(?<![\w.,])\.(\d{1,15})\b(?![.,]\d)")


#: "No 10" without its full stop (abbreviations() says "No. 10"), "no. 4" in lower case.
_NUMBER_WORD = re.compile(r"\b(?:No(s?)\.? ?|no(s?)\. ?)(?=\d)")


#: A year without its century: "the class of '03", "in '99" ("'80s" is a decade).
_SHORT_YEAR = re.compile(r"(?<![\w'’‘])['’‘](?P<year>\d\d)\b(?!['’]?s\b|[.,]\d)")


#: A house number before its street is said as a year is: "131 Pitt Street" -> "one
#: thirty-one", "1600 Pennsylvania Avenue" -> "sixteen hundred".
_HOUSE_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>[1-9]\d{2,3})(?= (?:[A-Z][a-z]+ ){1,3}(?:Street|Road|Avenue|Lane|"
    r"Boulevard|Drive|Way|Place|Square|Court|Terrace|Crescent|Parkway|Highway)\b)"
)


def say_decade(decade: str) -> str:
    """ "1990" -> "nineteen nineties", "80" -> "eighties", "00" -> "two thousands"."""
    if len(decade) == 2:
        if decade == "00":
            return "two thousands"
        ordinal = num2words(int(decade), to="ordinal")  # "thirtieth" -> "thirties"
        return re.sub(r"th$", "s", re.sub(r"tieth$", "ties", ordinal))
    year = say_year(int(decade))
    return re.sub(r"ty$", "ties", year) if year.endswith("ty") else year + "s"


def numbers(text: str) -> str:
    """Ordinals, years, decades, decimals, thousands separators and minus signs, in words."""
    text = _ORDINAL.sub(
        lambda m: (
            say_ordinal(int(m.group(1).replace(",", "")))
            if len(m.group(1)) <= MAX_NUMBER_DIGITS
            else say_digits(m.group(1))
        ),
        text,
    )
    text = _NUMBER_WORD.sub(lambda m: "numbers " if m.group(1) or m.group(2) else "number ", text)
    text = _DECADE_RANGE.sub(r"\g<a> to \g<b>", text)
    text = _DECADE.sub(lambda m: say_decade(m.group("year") or m.group("tens")), text)
    text = _YEAR.sub(
        lambda m: (
            m.group(0) if _is_a_count(text, m.start(), m.end()) else say_year(int(m.group(1)))
        ),
        text,
    )
    text = _HOUSE_NUMBER.sub(lambda m: say_year(int(m.group("number"))), text)
    text = _SHORT_YEAR.sub(
        lambda m: (
            f"oh {num2words(int(m.group('year')[1]))}"
            if m.group("year").startswith("0")
            else num2words(int(m.group("year")))
        ),
        text,
    )
    text = _BARE_DECIMAL.sub(lambda m: f"point {say_digits(m.group(1))}", text)
    text = _NEGATIVE.sub("minus ", text)
    text = re.sub(r"(?<=\d)-(?=[A-Za-z])", " ", text)  # "14-year" -> "14 year"
    return _NUMBER_OR_PLURAL.sub(_said_apart, text)


#: A number, and a plural "s" after it ("in fours", "W2s", "hit 6s").
_NUMBER_OR_PLURAL = re.compile(rf"(?P<number>{NUMBER})(?P<plural>s(?![\w'’]))?")


def _said_apart(m: re.Match[str]) -> str:
    """A number in words, with a space on each side that touches a letter: no number
    word may fuse with the letters of a code ("t2000" -> "t two thousand", "es3" -> "es
    three", never "ttwo thousand"); a plural "s" is said with it ("4s" -> "fours", "6s"
    -> "sixes")."""
    spoken = say_number(m.group("number"))
    if m.group("plural"):
        ending = "es" if spoken.endswith("x") else "s"
        spoken = spoken[:-1] + "ies" if spoken.endswith("y") else spoken + ending
    text, start, end = m.string, m.start(), m.end()
    if start and text[start - 1].isalpha():
        spoken = " " + spoken
    if end < len(text) and text[end].isalpha():
        spoken += " "
    return spoken


#: An era after a year, or "AD" before it: "743 BC", "AD 70", "634 A.D.", "500 CE".
_ERA = re.compile(
    r"(?<![\w.,])(?P<after>\d{1,4}) ?(?=(?:B\.? ?C\.?(?: ?E\.?)?|A\.? ?D\.?|C\.?E\.?)(?!\w))"
    r"|(?<![\w.])(?P<era>AD|A\.D\.) ?(?P<before>\d{1,4})\b(?![.,]\d)"
)


def era_years(text: str) -> str:
    """A year with its era is said as a year, however short: "743 BC" -> "seven
    forty-three BC", "AD 70" -> "AD seventy" (not "seven hundred and forty-three")."""

    def say(m: re.Match[str]) -> str:
        if m.group("after"):
            return f"{say_year(int(m.group('after')))} "
        return f"{m.group('era')} {say_year(int(m.group('before')))}"

    return _ERA.sub(say, text)
