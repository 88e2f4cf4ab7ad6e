"""Text normalisation for speech: what the voice should say for what is written.

``to_spoken(text)`` turns "$4.5bn", "Nov. 25", "40%", "FBI" or "km/h" into
words a speech engine reads well. It is a chain of small pure functions, each
tested with a table; the pipeline applies it to every spoken line, while the
transcripts keep the written form. Numbers are said with num2words. A
pronunciation lexicon (``voices/lexicon.toml``, merged with a user lexicon
named by ``$BRIEFING_LEXICON``) respells names the voices get wrong.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from num2words import num2words

from .tomlfile import read_toml
from .voices import ENV_LEXICON

# -- numbers ----------------------------------------------------------------------------

# A number starts only where its digits start (the look-behind): tried at every digit of
# a long run of them that no unit or sign follows, a rule took time in the run's square.
_NUMBER = r"(?<!\d)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


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
    if len(digits) > 1 and digits.startswith("0") or len(digits) > MAX_NUMBER_DIGITS:
        return say_digits(digits)  # "007", or a number too long to say as one
    return num2words(int(digits)).replace(",", "")


def say_year(year: int) -> str:
    """1998 -> "nineteen ninety-eight", 2026 -> "twenty twenty-six"."""
    return num2words(year, to="year").replace(",", "")


def say_ordinal(number: int) -> str:
    return num2words(number, to="ordinal").replace(",", "")


# -- the rules, in the order they run ---------------------------------------------------

_LETTER_NAMES = {c: c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def spell(letters: str) -> str:
    """ "FBI" -> "F B I"."""
    return " ".join(_LETTER_NAMES.get(c.upper(), c) for c in letters if c.isalnum())


# Both start only where a run of name characters starts (the look-behinds): tried at
# every letter of "a.a.a..." they took time in the square of the run's length.
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_URL = re.compile(
    r"(?<![\w.-])\b(?:https?://)?(?:www\.)?((?:[\w-]+\.)+(?:com|org|net|gov|edu|io|uk|int|info|co))((?:/[\w\-./%]*[\w\-/%])?)"
)


def _say_address(host: str, path: str = "") -> str:
    spoken = host.replace(".", " dot ")
    path = path.strip("/")
    if path:
        spoken += " slash " + " slash ".join(
            p.replace(".", " dot ").replace("-", " ") for p in path.split("/")
        )
    return spoken


def urls_and_emails(text: str) -> str:
    """ "news@example.org" -> "news at example dot org";
    "example.org/report" -> "example dot org slash report"."""
    text = _EMAIL.sub(
        lambda m: f"{m.group(1).replace('.', ' dot ')} at {_say_address(m.group(2))}", text
    )
    return _URL.sub(lambda m: _say_address(m.group(1), m.group(2)), text)


_CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
}
_SCALES = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "million": "million",
    "bn": "billion",
    "b": "billion",
    "billion": "billion",
    "tn": "trillion",
    "trillion": "trillion",
}
_MONEY = re.compile(
    rf"(?P<cur>US\$|[$£€¥])\s?(?P<num>{_NUMBER})(?:\s?(?P<scale>thousand|million|billion|trillion|"
    r"bn|mn|tn|[kmb])\b)?"
)


#: Words after "a $5" or "a 10 km" that are no noun the amount describes.
_NOT_A_NOUN = frozenset(
    """of and or to in on at for from by with than per each a an the more less is was are
    were be has had have will would could can may might that which who as but if so""".split()
)
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\W))(?:a|an|A|An) $")
_WORD_AFTER = re.compile(r" ([a-z][a-z-]*)")


def attributive(text: str, start: int, end: int) -> bool:
    """Whether the amount at ``text[start:end]`` describes the noun after it ("a $20
    billion plant", "a 10 km walk"): a newsreader then says the unit once, as an
    adjective ("a twenty billion dollar plant", "a ten kilometre walk")."""
    if not _ARTICLE_BEFORE.search(text[max(0, start - 3) : start]):
        return False
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group(1) not in _NOT_A_NOUN


def money(text: str) -> str:
    """ "$4.5bn" -> "four point five billion dollars", "£1.50" -> "one pound fifty";
    "a $20 billion plant" -> "a twenty billion dollar plant"."""

    def say(m: re.Match[str]) -> str:
        one, many, sub_one, sub_many = _CURRENCIES[m.group("cur")]
        number, scale = m.group("num"), m.group("scale")
        if attributive(text, m.start(), m.end()):
            many = one
        if scale:
            return f"{say_number(number)} {_SCALES[scale.lower()]} {many}"
        whole, _, fraction = number.replace(",", "").partition(".")
        unit = one if whole == "1" else many
        spoken = f"{say_number(whole)} {unit}"
        if fraction and len(fraction) == 2 and int(fraction) and sub_many:
            spoken += f" {num2words(int(fraction))}"
        elif fraction and int(fraction):
            spoken = f"{say_number(number)} {many}"
        return spoken

    return _MONEY.sub(say, text)


_PLAIN_SCALE = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUMBER})(?:(?P<scale>bn|mn|tn|m|k)|\s(?P<spaced>bn|mn|tn))\b"
)
#: Words after "100m" that say it is a length ("the 100m final", "10m tall").
_METRE_CONTEXT = frozenset(
    """race sprint hurdles freestyle backstroke breaststroke butterfly medley relay dash final
    finals heat heats record tall high long deep wide away above below under up down in from
    of into off short high-rise""".split()
)


def scales(text: str) -> str:
    """ "1.5m people" -> "1.5 million people", "451m euros" -> "451 million euros",
    "5bn" -> "5 billion", "20k fans" -> "20 thousand fans"; a length stays a length
    ("a 100m race", "10m tall", "a 5k run": the units rule says those)."""

    def say(m: re.Match[str]) -> str:
        scale = m.group("scale") or m.group("spaced")
        number = m.group("num")
        after = _WORD_AFTER.match(text, m.end())
        if scale == "m":
            if attributive(text, m.start(), m.end()) or after is None:
                return m.group(0)
            if after.group(1) in _METRE_CONTEXT:
                return m.group(0)
        if scale == "k" and after is not None and after.group(1) in ("run", "race", "walk"):
            return f"{number} K"
        return f"{number} {_SCALES[scale]}"

    return _PLAIN_SCALE.sub(say, text)


# A phone number: three to five groups of digits joined by hyphens or dots, ending in
# four ("1-800-555-0199"), or after "+44" / "(020)" joined by spaces too.
_PHONE = re.compile(
    r"(?<![\w.,/+-])(?P<dashed>\+?\d{1,4}(?:[-.]\d{1,4}){2,4})(?![\w-]|[.,]\d)"
    r"|(?<![\w+(])(?P<spaced>(?:\+\d{1,3}|\(\d{2,5}\))(?:[ .-]\d{2,5}){2,4})(?![\w-]|[.,]\d)"
)


def phone_numbers(text: str) -> str:
    """ "1-800-555-0199" -> "one, eight zero zero, five five five, zero one nine nine"
    (digit by digit, a pause between the groups), not a sum."""

    def say(m: re.Match[str]) -> str:
        written = m.group(0)
        groups = re.findall(r"\+?\d+", written)
        digits = sum(len(g.lstrip("+")) for g in groups)
        if m.group("dashed") and (len(groups[-1]) != 4 or not 10 <= digits <= 15):
            return written  # "2024-03-15" or "10-12-14": a date or ranges
        if m.group("spaced") and not 9 <= digits <= 15:
            return written
        return ", ".join(("plus " if g.startswith("+") else "") + say_digits(g) for g in groups)

    return _PHONE.sub(say, text)


# Letters then digits: a quarter, a fiscal year, a flight, a road, a jet ("Q3",
# "FY2023", "MH370", "M25", "F-35").
_CODE = re.compile(
    r"\b(?P<letters>[A-Z]{1,3})-?(?P<digits>\d{1,4}(?:\.\d{1,2})?)"
    r"(?:(?P<letters2>[A-Z]{1,3})(?P<digits2>\d{1,4}))?\b(?![.,]\d)"
)
# Digits then capitals: "5G", "3D", "4K" (run after units: "40F" is a temperature).
_DIGIT_CODE = re.compile(r"(?<![\w.,])(?P<digits>\d{1,2})(?P<letters>[A-Z]{1,2})\b")


def _say_code_digits(digits: str) -> str:
    """As a code's number is said: "370" -> "three seventy", "2023" -> "twenty twenty-three"."""
    if "." in digits:
        return say_number(digits)  # "PM2.5": "P M two point five"
    if len(digits) > 1 and digits.startswith("0"):
        return say_digits(digits)
    if len(digits) <= 2:
        return num2words(int(digits))
    if len(digits) == 3:
        head, tail = num2words(int(digits[0])), int(digits[1:])
        if tail == 0:
            return f"{head} hundred"
        return f"{head} oh {num2words(tail)}" if tail < 10 else f"{head} {num2words(tail)}"
    return say_year(int(digits))


def codes(text: str) -> str:
    """ "Q3" -> "Q three", "FY2023" -> "F Y twenty twenty-three", "MH370" -> "M H three
    seventy", "M25" -> "M twenty-five", "H1N1" -> "H one N one"."""

    def say(m: re.Match[str]) -> str:
        spoken = f"{spell(m.group('letters'))} {_say_code_digits(m.group('digits'))}"
        if m.group("letters2"):
            spoken += f" {spell(m.group('letters2'))} {_say_code_digits(m.group('digits2'))}"
        return spoken

    return _CODE.sub(say, text)


def digit_codes(text: str) -> str:
    """ "5G" -> "5 G", "3D" -> "3 D" (the number is said later)."""
    return _DIGIT_CODE.sub(lambda m: f"{m.group('digits')} {spell(m.group('letters'))}", text)


_FRACTION = re.compile(r"(?<![\w./,])(?P<n>\d{1,3})/(?P<d>\d{1,3})(?![\w/]|[.,]\d)")
_RATING_BEFORE = re.compile(
    r"\b(?:rated?|rating|rates|scored?|scores|gave|gives|give|marks?|grade[sd]?|voted)\b"
    r"[\w ]{0,20}$",
    re.IGNORECASE,
)
_RATING_AFTER = re.compile(r" (?:rating|score|stars|marks|review)\b")


def _fraction_words(n: int, d: int) -> str:
    name = {2: "half", 4: "quarter"}.get(d) or num2words(d, to="ordinal")
    if n == 1:
        return f"one {name}"
    return f"{num2words(n)} {'halves' if d == 2 else name + 's'}"


def fractions(text: str) -> str:
    """ "1/3" -> "one third", "2/3" -> "two thirds"; a rating or score out of a whole:
    "rated it 7/10" -> "seven out of ten". Other slashes ("24/7", "9/11") are left."""

    def say(m: re.Match[str]) -> str:
        n, d = int(m.group("n")), int(m.group("d"))
        if not 0 < n <= d:
            return m.group(0)
        rating = _RATING_BEFORE.search(text[max(0, m.start() - 40) : m.start()]) or (
            _RATING_AFTER.match(text, m.end())
        )
        if rating and d in (5, 10, 20, 100) or d == 10 and not text.startswith(" of", m.end()):
            return f"{m.group('n')} out of {m.group('d')}"
        if n < d <= 10:
            return _fraction_words(n, d)
        return m.group(0)

    return _FRACTION.sub(say, text)


_FEET_INCHES = re.compile(r"(?<![\w.])(?P<ft>\d{1,2})['’′] ?(?P<inch>\d{1,2})(?:\"|”|″|''|’’)")
_INCHES = re.compile(rf"(?P<num>{_NUMBER})(?P<space> ?)ins?(?=[\s.,;:!?)]|$)")


def feet_and_inches(text: str) -> str:
    """ "5'11\"" -> "5 feet 11 inches"; "6ft 2in" -> "6ft 2 inches" (the units rule
    says the feet). A spaced "2 in" is inches only after feet ("scored 2 in a row")."""
    text = _FEET_INCHES.sub(lambda m: f"{m.group('ft')} feet {m.group('inch')} inches", text)

    def say(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 6) : m.start()]
        if m.group("space") and not re.search(r"(?:ft|feet|foot) $", before):
            return m.group(0)
        return f"{m.group('num')} {'inch' if m.group('num') == '1' else 'inches'}"

    return _INCHES.sub(say, text)


_PERCENT = re.compile(rf"(?P<num>{_NUMBER})\s?%")


def percentages(text: str) -> str:
    """ "40%" -> "40 percent" (the number is said later)."""
    return _PERCENT.sub(lambda m: f"{m.group('num')} percent", text)


_MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year>\d{{4}})\b)?"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}\b(?:,? (?P<year>\d{{4}})\b)?"
)


def _month(name: str) -> str:
    return _MONTHS[name[:3].lower()]


def dates(text: str) -> str:
    """ "Nov. 25" -> "November twenty-fifth";
    "3 March 2017" -> "the third of March, twenty seventeen"."""

    def month_day(m: re.Match[str]) -> str:
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            return m.group(0)
        spoken = f"{_month(m.group('month'))} {say_ordinal(day)}"
        return spoken + (f", {say_year(int(m.group('year')))}" if m.group("year") else "")

    def day_month(m: re.Match[str]) -> str:
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            return m.group(0)
        spoken = f"the {say_ordinal(day)} of {_month(m.group('month'))}"
        return spoken + (f", {say_year(int(m.group('year')))}" if m.group("year") else "")

    return _DAY_MONTH.sub(day_month, _MONTH_DAY.sub(month_day, text))


_TIME = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s?(?P<half>[ap])\.?m\b\.?(?=\W|$)"
    r"|\b(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b",
    re.IGNORECASE,
)


#: A time zone after a time: "8 p.m. ET", "10 a.m. EST (1500 GMT)".
_TIME_ZONE = re.compile(
    r"\s+(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|HST|GMT|BST|UTC|CET|CEST|EET|"
    r"EEST|WET|IST|JST|KST|AEST|AEDT|AWST|NZST|NZDT|HKT|SGT)\b"
)


def _say_minutes(minute: int) -> str:
    if minute == 0:
        return ""
    return f" oh {num2words(minute)}" if minute < 10 else f" {num2words(minute)}"


def times(text: str) -> str:
    """ "5:30 p.m." -> "five thirty p m"; "10am" -> "ten a m"; "23:40" -> "twenty-three forty"."""

    def say(m: re.Match[str]) -> str:
        if m.group("half"):
            hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
            spoken = f"{num2words(hour)}{_say_minutes(minute)} {m.group('half').lower()} m"
            # "p.m." at the end of a sentence also ended the sentence; before a time zone
            # ("8 p.m. ET") it did not.
            rest = text[m.end() :]
            ends = not rest.strip() or re.match(r"\s+[A-Z]", rest)
            if m.group(0).endswith(".") and ends and not _TIME_ZONE.match(rest):
                spoken += "."
            return spoken
        hour, minute = int(m.group("hour24")), int(m.group("minute24"))
        if minute == 0:
            if hour == 0:
                return "midnight"
            return f"{num2words(hour)} o'clock" if hour <= 12 else f"{num2words(hour)} hundred"
        return f"{num2words(hour) if hour else 'zero'}{_say_minutes(minute)}"

    return _TIME.sub(say, text)


_UNITS = {
    "km/h": ("kilometre per hour", "kilometres per hour"),
    "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "km": ("kilometre", "kilometres"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
    "m": ("metre", "metres"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "ft": ("foot", "feet"),
    "mi": ("mile", "miles"),
    "ha": ("hectare", "hectares"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "ºC": ("degree Celsius", "degrees Celsius"),
    "ºF": ("degree Fahrenheit", "degrees Fahrenheit"),
    "° C": ("degree Celsius", "degrees Celsius"),
    "° F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "degrees C": ("degree Celsius", "degrees Celsius"),
    "degrees F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "C": ("degree Celsius", "degrees Celsius"),
    "F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "GB": ("gigabyte", "gigabytes"),
    "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"),
    "ml": ("millilitre", "millilitres"),
    "l": ("litre", "litres"),
    "sq km": ("square kilometre", "square kilometres"),
}
_UNIT = re.compile(
    rf"(?P<num>-?(?:{_NUMBER}))\s?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + r")(?=[\s.,;:!?)]|$)"
)


def units(text: str) -> str:
    """ "4.2 km" -> "4.2 kilometres"; "30°C" -> "30 degrees Celsius";
    "70mph" -> "70 miles per hour"; "-5C" -> "-5 degrees Celsius"; "a 100m race" ->
    "a 100 metre race"."""

    def say(m: re.Match[str]) -> str:
        one, many = _UNITS[m.group("unit")]
        if m.group("unit") in ("C", "F") and not m.group(0)[len(m.group("num")) :].isalpha():
            return m.group(0)  # "Grade 5 C": a bare letter is a temperature only joined on
        single = m.group("num") in ("1", "-1") or attributive(text, m.start(), m.end())
        if m.group("unit") == "ft" and single and m.group("num") not in ("1", "-1"):
            one = "foot"  # "a 6ft wall": "a six foot wall"
        return f"{m.group('num')} {one if single else many}"

    return _UNIT.sub(say, text)


_SCORE_WORDS = (
    r"(?:won|win|beat|beats|beating|lost|lose|defeat|defeated|drew|draw|victory|lead|led|trail|"
    r"scored|score|score of)"
)
_RANGE = re.compile(rf"(?<![\w.,])(?P<a>{_NUMBER})\s?[-–]\s?(?P<b>{_NUMBER})(?![\w.,]*\d)(?!-)")


def ranges(text: str) -> str:
    """ "2019-2021" -> "2019 to 2021"; "10-12 people" -> "10 to 12 people";
    after "won": "2-1" -> "2 1"."""

    def say(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 40) : m.start()]
        a, b = m.group("a"), m.group("b")
        if re.search(rf"\b{_SCORE_WORDS}\s+(?:\w+\s+){{0,3}}$", before, re.IGNORECASE):
            return f"{a} {b}"
        if a.isdigit() and len(a) == 4 and len(b) == 2 and 1100 <= int(a) <= 2099:
            b = a[:2] + b  # "2019-21" -> 2021
        return f"{a} to {b}"

    return _RANGE.sub(say, text)


_TITLES = {
    "Dr": "Doctor",
    "Prof": "Professor",
    "Gen": "General",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gov": "Governor",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Capt": "Captain",
    "Sgt": "Sergeant",
    "Maj": "Major",
    "Adm": "Admiral",
    "Cmdr": "Commander",
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Rev": "Reverend",
    "Fr": "Father",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
    "Pres": "President",
    "Hon": "Honourable",
    "Mt": "Mount",
    "Ft": "Fort",
}
_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "approximately",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "Inc.": "Inc",
    "Ltd.": "Limited",
    "Corp.": "Corporation",
    "Co.": "Company",
    "Ave.": "Avenue",
    "Blvd.": "Boulevard",
    "Rd.": "Road",
    "Dept.": "Department",
    "Univ.": "University",
}
_TITLE = re.compile(r"\b(" + "|".join(_TITLES) + r")\.?(?= [A-Z])")
_ABBREVIATION = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)
_SAINT = re.compile(r"\bSt\.? (?=[A-Z])")
_STREET = re.compile(r"(?<=\w )St\b\.?")  # what is left after "St. Louis": "Baker St."
_NUMBER_ABBR = re.compile(r"\bNo(s?)\.\s?(?=\d)")
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})(?=(\s+[A-Z]\w*)|\s*$|[\s,;:!?)])")
_CIRCA = re.compile(r"\b(?:c|ca|circa)\.? ?(?=\d{3,4}s?\b)")
_INITIAL = re.compile(r"(?<=[a-z] )([A-Z])\.(?= ([A-Z][a-z]+))")
#: Words that start a sentence far more often than they continue a name: after "the
#: U.S." they mean the full stop ended the sentence ("in the U.S. The end.").
_SENTENCE_STARTS = frozenset(
    """The A An It Its He His She Her They Their We Our I You Your This That These Those
    There Then So But And Or Yet In On At As If When While After Before Now Still Also
    However Meanwhile Some Many Most No Not One Two Officials Police""".split()
)


def abbreviations(text: str) -> str:
    """ "Dr. Smith" -> "Doctor Smith"; "U.S." -> "U S"; "No. 4" -> "number 4";
    "St. Louis" -> "Saint Louis"."""
    text = _NUMBER_ABBR.sub(lambda m: "numbers " if m.group(1) else "number ", text)
    text = _SAINT.sub("Saint ", text)
    text = _STREET.sub("Street", text)
    text = _TITLE.sub(lambda m: _TITLES[m.group(1)], text)
    text = _CIRCA.sub("circa ", text)
    # "John F. Kennedy": an initial's full stop would end the sentence in the voice.
    text = _INITIAL.sub(
        lambda m: m.group(0) if m.group(2) in _SENTENCE_STARTS else m.group(1), text
    )

    def dotted(m: re.Match[str]) -> str:
        # A full stop is said as the end of a sentence: kept only when a sentence
        # starts after it ("the U.S. The end."), not inside a name ("U.S. President").
        letters = spell(m.group(1))
        following = m.group(2)
        return letters + ("." if following and following.strip() in _SENTENCE_STARTS else "")

    text = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1)], text)
    return _DOTTED.sub(dotted, text)


#: Acronyms said as words although a vowel pattern would not tell (or the other way round).
SAID_AS_WORDS = frozenset(
    """NATO NASA UNESCO UNICEF OPEC FIFA UEFA NAFTA AIDS COVID ISIS ASEAN OFSTED SWAT
    LASER RADAR SCUBA GIF JPEG PIN""".split()
)
SPELLED = frozenset(
    """EU UK US UN BBC CNN FBI CIA NHS MP MPs GDP CEO IMF WTO USA ESPN ID WHO IT""".split()
)
_ACRONYM = re.compile(r"\b([A-Z]{2,6})(s?)\b")
_ROMAN = re.compile(r"\b(?P<name>[A-Z][a-z]+) (?P<numeral>(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\b")


def roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for index, char in enumerate(numeral):
        value = values[char]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


_COUNTED = frozenset(
    (
        "War Part Chapter Volume Phase Type Class Grade Stage Round Apollo Gemini Bowl Act Book "
        "WrestleMania Olympiad Games Congress Council Festival"
    ).split()
)


def pronounceable(acronym: str) -> bool:
    """Whether an acronym is said as a word: NATO, UNESCO; not FBI or NHS."""
    if acronym in SAID_AS_WORDS:
        return True
    if acronym in SPELLED or len(acronym) < 4:
        return False
    vowels = sum(c in "AEIOU" for c in acronym)
    return vowels >= 2 and not re.search(r"[^AEIOUY]{3}", acronym)


def acronyms(text: str) -> str:
    """ "FBI" -> "F B I"; "NATO" -> "Nato"; "World War II" -> "World War two";
    "Elizabeth II" -> "Elizabeth the second"."""

    def roman(m: re.Match[str]) -> str:
        numeral = m.group("numeral")
        if not numeral or (numeral in ("I", "X", "L") and m.group("name") not in _COUNTED):
            return m.group(0)  # a lone "I" is most likely the pronoun, "L" an initial
        value = roman_value(numeral)
        if m.group("name") in _COUNTED:
            return f"{m.group('name')} {num2words(value)}"
        return f"{m.group('name')} the {say_ordinal(value)}"

    text = _ROMAN.sub(roman, text)

    def say(m: re.Match[str]) -> str:
        letters, plural = m.group(1), m.group(2)
        if pronounceable(letters):
            return letters.capitalize() + plural
        return spell(letters) + ("'s" if plural else "")

    return _ACRONYM.sub(say, text)


_FRACTIONS = {
    "½": "a half",
    "¼": "a quarter",
    "¾": "three quarters",
    "⅓": "a third",
    "⅔": "two thirds",
}
_STANDALONE_FRACTIONS = {
    "½": "one half",
    "¼": "one quarter",
    "¾": "three quarters",
    "⅓": "one third",
    "⅔": "two thirds",
}


def one_space(text: str) -> str:
    """Every run of white space as one space. The rules below match ``\\s+`` or ``\\s*``
    before something else: tried at each space of a long run that is not followed by
    it, they took time in the square of the run's length (80,000 spaces: 50 s)."""
    return re.sub(r"\s+", " ", text)


def symbols(text: str) -> str:
    """ "&" -> "and", "#1" -> "number 1", "24/7" -> "24 7", "and/or" -> "and or",
    "8½" -> "8 and a half"."""
    text = one_space(text)
    for sign, words in _FRACTIONS.items():
        text = re.sub(rf"(\d){sign}", rf"\1 and {words}", text)
        text = re.sub(rf"\b[Aa] {sign}", _STANDALONE_FRACTIONS[sign], text)
        text = text.replace(sign, _STANDALONE_FRACTIONS[sign])
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"#(?=\d)", "number ", text)
    text = re.sub(r"#(\w+)", r"hashtag \1", text)
    text = re.sub(r"(?<=\d)\s*\+\s*(?=\d)", " plus ", text)
    text = re.sub(r"(?<=\d)\+", " plus", text)
    text = re.sub(r"\s=\s", " equals ", text)
    text = re.sub(r"~\s?(?=\d)", "about ", text)
    text = re.sub(r"\band/or\b", "and or", text)
    text = re.sub(r"(?<=[A-Za-z])/(?=[A-Za-z])", " or ", text)
    text = re.sub(r"(?<=\d)/(?=\d)", " ", text)
    text = re.sub(r"@(\w+)", r"at \1", text)
    return text


_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
_YEAR = re.compile(r"(?<![\d,.$£€])\b(1\d\d\d|20\d\d)\b(?!\d|,\d|\.\d)(?!s\b)")
_DECADE = re.compile(r"\b(1\d\d0|20\d0)s\b|'(\d0)s\b")
_NEGATIVE = re.compile(rf"(?<![\w)])[-−](?={_NUMBER})")
_ANY_NUMBER = re.compile(_NUMBER)


def numbers(text: str) -> str:
    """Ordinals, years, decades, decimals, thousands separators and minus signs, in words."""
    text = _ORDINAL.sub(
        lambda m: (
            say_ordinal(int(m.group(1)))
            if len(m.group(1)) <= MAX_NUMBER_DIGITS
            else say_digits(m.group(1))
        ),
        text,
    )

    def decade(m: re.Match[str]) -> str:
        if m.group(2):
            return (
                num2words(int(m.group(2)), to="ordinal").replace("tieth", "ties").replace("th", "s")
            )
        year = say_year(int(m.group(1)))
        return re.sub(r"ty$", "ties", year) if year.endswith("ty") else year + "s"

    text = _DECADE.sub(decade, text)
    text = _YEAR.sub(lambda m: say_year(int(m.group(1))), text)
    text = _NEGATIVE.sub("minus ", text)
    text = re.sub(r"(?<=\d)-(?=[A-Za-z])", " ", text)  # "14-year" -> "14 year"
    return _ANY_NUMBER.sub(lambda m: say_number(m.group(0)), text)


def punctuation(text: str) -> str:
    """Dashes and brackets become pauses (commas); quotation marks go, their words stay."""
    text = one_space(text)
    text = re.sub(r"\s+(?:--|—|–|-)\s+|—|--", ", ", text)
    text = re.sub(r"\s*\(([^()]{1,200})\)\s*", r", \1, ", text)
    text = re.sub(r"\s*\[([^\[\]]{1,200})\]\s*", r", \1, ", text)
    text = re.sub(r"(?<=\w)[’'](?=\w)", "'", text)  # keep apostrophes in words
    text = re.sub(r"[\"“”«»„]|(?<!\w)[‘’']|[‘’'](?!\w)", "", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*(?=[,.;:!?])", "", text)  # ", ." -> "."
    text = re.sub(r"^\s*,\s*", "", text)
    return text.strip()


# -- the lexicon ---------------------------------------------------------------------------


def load_lexicon(path: Path) -> dict[str, str]:
    """A lexicon file: a [words] table of written = "said" pairs."""
    from .errors import VoiceError

    data = read_toml(path, "lexicon", VoiceError)
    words = data.get("words", {})
    if not isinstance(words, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in words.items()
    ):
        raise VoiceError(f"{path}: [words] must map written words to how they are said, as strings")
    return dict(words)


@functools.cache
def default_lexicon() -> Mapping[str, str]:
    """The bundled lexicon (voices/lexicon.toml), then the user's ($BRIEFING_LEXICON) over it."""
    from .voices import bundled_voices_dir

    lexicon: dict[str, str] = {}
    bundled = bundled_voices_dir() / "lexicon.toml"
    if bundled.is_file():
        lexicon.update(load_lexicon(bundled))
    user = os.environ.get(ENV_LEXICON)
    if user:
        lexicon.update(load_lexicon(Path(user)))
    return lexicon


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace whole words and phrases by their respelling, longest first."""
    if not lexicon:
        return text
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(w) for w in sorted(lexicon, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return pattern.sub(lambda m: lexicon[m.group(1)], text)


# -- the chain -----------------------------------------------------------------------------

#: The rules in order: each sees what the ones before it made.
RULES: tuple[Callable[[str], str], ...] = (
    urls_and_emails,
    phone_numbers,  # before money, numbers and ranges read its digits as amounts
    money,  # before scales and units: "£451m" is money, not metres
    scales,  # before units: "451m euros" is millions, not metres
    percentages,
    dates,
    times,
    codes,
    feet_and_inches,
    units,
    digit_codes,  # after units: "40F" is a temperature, "5G" a code
    fractions,  # before symbols reads "1/3" as "1 3"
    ranges,
    abbreviations,
    acronyms,
    symbols,
    numbers,
    punctuation,
)


def to_spoken(text: str, *, lexicon: Mapping[str, str] | None = None) -> str:
    """What a voice should say for ``text`` (the written form stays in the transcript)."""
    text = apply_lexicon(one_space(text), default_lexicon() if lexicon is None else lexicon)
    for rule in RULES:
        text = rule(text)
    return text
