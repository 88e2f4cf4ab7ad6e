"""Dates and times: "Nov. 25" -> "November twenty-fifth", "2008-09-30" -> "the thirtieth of
September, two thousand and eight", "5.30pm" -> "five thirty p m", "1500 GMT" -> "fifteen
hundred G M T".
"""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import say_ordinal, say_year
from .letters import spell

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


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


_MONTH_WORDS = [
    "Jan(?:uary)?",
    "Feb(?:ruary)?",
    "Mar(?:ch)?",
    "Apr(?:il)?",
    "May",
    "June?",
    "July?",
    "Aug(?:ust)?",
    "Sep(?:t(?:ember)?)?",
    "Oct(?:ober)?",
    "Nov(?:ember)?",
    "Dec(?:ember)?",
]


# Title case or all capitals ("APRIL 20." heads a diary entry); never small letters: "may"
# and "march" are words.
_MONTH_NAME = "(?:" + "|".join(_MONTH_WORDS + [w.upper() for w in _MONTH_WORDS]) + ")"

_MONTH = rf"(?P<month>{_MONTH_NAME})\.?"


# "23d" and "2d" are old ordinals ("August 23d, 1801").
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|d)?"

_DAY2 = r"(?:\s?[-–]\s?(?P<day2>\d{1,2})(?:st|nd|rd|th|d)?)?"


_MONTH_DAY = re.compile(
    rf"\b{_MONTH} {_DAY}{_DAY2}\b(?![.,]\d|:\d)(?:,? (?P<year>\d{{4}})\b(?![.,]\d))?"
)


_DAY_MONTH = re.compile(
    rf"(?<![\w.,])(?P<the>[Tt]he )?{_DAY}{_DAY2} {_MONTH}\b(?:,? (?P<year>\d{{4}})\b(?![.,]\d))?"
)


#: The first day of a pair before a month: "between 1 and 3 May", "from 1 to 5 December"
#: (the second is said with its month).
_FIRST_DAY = re.compile(
    r"(?<![\w.,])(?P<day>\d{1,2})(?:st|nd|rd|th)? (?P<conj>and|to|or|until|till|through) "
    rf"(?=\d{{1,2}}(?:st|nd|rd|th)? {_MONTH_NAME}\b)"
)


#: The second day of a pair after a month and its (said) first: "March 3 and 4" ->
#: "March third and fourth".
_SECOND_DAY = re.compile(
    rf"\b(?P<head>{_MONTH_NAME} (?:[a-z]+-)?[a-z]+(?:st|nd|rd|th)) (?P<conj>and|or|to|through) "
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![.,]\d|:\d)"
)


#: An abbreviated month before a year: "Mar. 1973", "Sept 2019".
_MONTH_YEAR = re.compile(
    r"\b(?P<month>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? (?=\d{4}\b(?![.,]\d))"
)


_WEEKDAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "tues": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "thur": "Thursday",
    "thurs": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


#: An abbreviated weekday, said in full only before a date ("Sun" alone is a newspaper).
_WEEKDAY = re.compile(
    r"\b(?P<day>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?(?P<comma>,?) "
    rf"(?=\d{{1,2}}(?:st|nd|rd|th)? {_MONTH_NAME}\b|{_MONTH_NAME}\.? \d)"
)


# ISO dates ("2008-09-30", "2008/09/30"), with an ISO time's "T" after them.
_ISO_DATE = re.compile(
    r"(?<![\w.,/-])(?P<year>1\d{3}|20\d\d)(?P<sep>[-/])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<day>0?[1-9]|[12]\d|3[01])(?:T(?=\d)|(?![\w/-]|[.,]\d))"
)


# Numeric dates with a four-digit year: "30/09/2008", "9/30/2008", "30.09.2008",
# "15-01-2020"; with two digits between slashes only ("11/17/05": "3.10.12" may be a
# version, "10-12-14" ranges).
_NUMERIC_DATE = re.compile(
    r"(?<![\w.,/-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)"
    r"(?P<year>1\d{3}|20\d\d|(?<=/)\d\d)(?![\w/-]|[.,]\d)"
)


#: A quarter or a half of a (fiscal) year as a company writes it: "2Q22", "1Q2024", "3Q",
#: "1H23" (a half needs its year: "1H" alone may be a code).
_QUARTER = re.compile(
    r"(?<![\w.,])(?:(?P<q>[1-4])Q|(?P<h>[12])H(?=\d))(?P<year>\d\d|(?:19|20)\d\d)?\b"
)


def _two_digit_year(year: str) -> int:
    """ "22" -> 2022, "98" -> 1998, "2022" -> 2022."""
    number = int(year)
    if len(year) == 4:
        return number
    return number + (1900 if number >= 50 else 2000)


def quarters(text: str) -> str:
    """ "2Q22" -> "the second quarter of twenty twenty-two", "1H23" -> "the first half of
    twenty twenty-three", "3Q" -> "the third quarter" (never "twoQtwenty-two")."""

    def say(m: re.Match[str]) -> str:
        part = f"{say_ordinal(int(m.group('q')))} quarter" if m.group("q") else ""
        part = part or f"{say_ordinal(int(m.group('h')))} half"
        year = m.group("year")
        return f"the {part}" + (f" of {say_year(_two_digit_year(year))}" if year else "")

    return _QUARTER.sub(say, text)


def _month(name: str) -> str:
    return _MONTHS[name[:3].lower()]


def _day_of(day: int, month: str, year: int | None, *, the: bool = True) -> str:
    """ "the thirtieth of September, two thousand and eight" (a British date)."""
    spoken = f"{'the ' if the else ''}{say_ordinal(day)} of {month}"
    return spoken + (f", {say_year(year)}" if year else "")


def _month_day(day: int, month: str, year: int | None) -> str:
    """ "September thirtieth, two thousand and eight" (an American date)."""
    return f"{month} {say_ordinal(day)}" + (f", {say_year(year)}" if year else "")


def _short_year(year: str) -> str:
    """A date's two-digit year as written: "05" -> "oh five", "98" -> "ninety-eight",
    "00" -> "two thousand" (its century is not guessed)."""
    if year == "00":
        return "two thousand"
    return f"oh {num2words(int(year))}" if year.startswith("0") else num2words(int(year))


def numeric_dates(text: str) -> str:
    """ "2008-09-30" -> "the thirtieth of September, two thousand and eight";
    "30/09/2008" -> the same; "9/30/2008" -> "September thirtieth, two thousand and
    eight"; "15-01-2020"; "11/17/05" -> "November seventeenth, oh five". A date that
    reads both ways ("03/04/2020") is taken day first, as written outside the United
    States. Without a year ("24/7", "9/11", "3/4") it is no date: the fractions and
    symbols rules read it."""

    def iso(m: re.Match[str]) -> str:
        month = _MONTH_NAMES[int(m.group("month")) - 1]
        spoken = _day_of(int(m.group("day")), month, int(m.group("year")))
        return spoken + (" " if m.group(0).endswith("T") else "")

    def numeric(m: re.Match[str]) -> str:
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        if len(m.group("year")) == 2:
            said = _short_year(m.group("year"))
            if 1 <= a <= 31 and 1 <= b <= 12:
                return f"the {say_ordinal(a)} of {_MONTH_NAMES[b - 1]}, {said}"
            if 1 <= a <= 12 and 13 <= b <= 31:
                return f"{_MONTH_NAMES[a - 1]} {say_ordinal(b)}, {said}"
            return m.group(0)
        if 1 <= a <= 31 and 1 <= b <= 12:
            return _day_of(a, _MONTH_NAMES[b - 1], year)
        if 1 <= a <= 12 and 13 <= b <= 31 and m.group("sep") == "/":
            return _month_day(b, _MONTH_NAMES[a - 1], year)
        return m.group(0)

    return _NUMERIC_DATE.sub(numeric, _ISO_DATE.sub(iso, text))


def dates(text: str) -> str:
    """ "Nov. 25" -> "November twenty-fifth"; "3 March 2017" -> "the third of March,
    twenty seventeen"; "the 15 May issue" -> "the fifteenth of May issue"; "March 3-5" ->
    "March third to fifth"; "Sat 28 July" -> "Saturday the twenty-eighth of July";
    "Mar. 1973" -> "March 1973"; "APRIL 20." -> "April twentieth."; "from 1 to 5 May" ->
    "from the first to the fifth of May"; "March 3 and 4" -> "March third and fourth"."""

    text = numeric_dates(quarters(text))
    text = _WEEKDAY.sub(lambda m: _WEEKDAYS[m.group("day").lower()] + m.group("comma") + " ", text)

    def year_of(m: re.Match[str]) -> int | None:
        return int(m.group("year")) if m.group("year") else None

    def month_day(m: re.Match[str]) -> str:
        day, day2 = int(m.group("day")), int(m.group("day2") or 1)
        if not (1 <= day <= 31 and 1 <= day2 <= 31):
            return m.group(0)
        month = _month(m.group("month"))
        if m.group("day2"):
            spoken = f"{month} {say_ordinal(day)} to {say_ordinal(day2)}"
            return spoken + (f", {say_year(year)}" if (year := year_of(m)) else "")
        return _month_day(day, month, year_of(m))

    def day_month(m: re.Match[str]) -> str:
        day, day2 = int(m.group("day")), int(m.group("day2") or 1)
        if not (1 <= day <= 31 and 1 <= day2 <= 31):
            return m.group(0)
        month, the = _month(m.group("month")), m.group("the") or "the "
        if m.group("day2"):
            spoken = f"{the}{say_ordinal(day)} to {say_ordinal(day2)} of {month}"
            return spoken + (f", {say_year(year)}" if (year := year_of(m)) else "")
        return the + _day_of(day, month, year_of(m), the=False)

    def first_day(m: re.Match[str]) -> str:
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            return m.group(0)
        return f"the {say_ordinal(day)} {m.group('conj')} "

    def second_day(m: re.Match[str]) -> str:
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            return m.group(0)
        return f"{m.group('head')} {m.group('conj')} {say_ordinal(day)}"

    text = _MONTH_DAY.sub(month_day, text)
    text = _SECOND_DAY.sub(second_day, text)
    text = _FIRST_DAY.sub(first_day, text)
    text = _DAY_MONTH.sub(day_month, text)
    return _MONTH_YEAR.sub(lambda m: _month(m.group("month")) + " ", text)


#: Time zones said after a time: "8 p.m. ET", "10 a.m. EST (1500 GMT)".
_ZONES = (
    "ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|HST|GMT|BST|UTC|CET|CEST|EET|EEST|WET|"
    "WEST|IST|JST|KST|AEST|AEDT|ACST|AWST|NZST|NZDT|HKT|SGT|MSK|SAST|WAT|EAT|PKT"
)


#: A zone in small letters with full stops, as some copy writes it: "e.s.t", "p.s.t.".
_DOTTED_ZONES = r"[ecmp]\.[sd]\.t\.?|g\.m\.t\.?|u\.t\.c\.?"


def _zone(name: str) -> str:
    return rf"(?P<{name}>\s(?:(?:{_ZONES})\b|(?:{_DOTTED_ZONES})(?!\w)))?"


# "5.30pm", "7.45 p.m.", "10am", "1030 am", "7:00 P. M.", and a range before one
# ("9am-5pm", "10-11am", "9.30-11.45am").
_TIME = re.compile(
    r"(?<![\w.,:£$€])(?:(?P<h1>[01]?\d|2[0-3])(?:[:.](?P<m1>[0-5]\d))?(?:\s?(?P<half1>[apAP])"
    r"(?:\.\s?)?[mM]\b\.?)?\s?[-–]\s?)?"
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.]?(?P<minute>[0-5]\d))?\s?(?P<half>[apAP])(?:\.\s?)?[mM]\b\.?"
    rf"(?=\W|$){_zone('zone')}"
    # 24-hour clock: "23:40", "18:00:00".
    r"|(?<![\w.,:])(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    rf"(?P<utc>Z\b)?(?![\d:]|,\d){_zone('zone24')}"
    # "17.30", "09.30" after "at", "from", "until" or before a time zone.
    r"|(?<![\w.,:£$€])(?P<hourdot>[01]?\d|2[0-3])\.(?P<minutedot>[0-5]\d)(?![\w%]|[.,]\d)"
    rf"{_zone('zonedot')}"
    # "1500 GMT", "0900 local time", "1700hrs", "at 0900".
    r"|(?<![\w.,:£$€])(?P<mil>[01]\d|2[0-3])(?P<milmin>[0-5]\d)"
    rf"(?:(?P<hrs>\s?hrs\b)|(?![\w%]|[.,]\d)){_zone('zonemil')}"
)


#: Words before "17.30" or "0900" that make it a time, or a time before it in a range.
_TIME_BEFORE = re.compile(
    r"\b(?:at|from|until|till|til|by|before|after|since|around|about|between|starts?|"
    r"opens?|closes?|kick-?off|deadline)\s$|\d[.:][0-5]\d\s?(?:to|until|till|[-–])\s?$",
    re.IGNORECASE,
)


#: What after "5.30" makes it a time of day even though the hour is not past twelve.
_TIME_AFTER = re.compile(
    r"\s(?:on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|tomorrow|tonight|"
    r"(?:this|that|in the|on \w+) (?:morning|afternoon|evening|night)|local time|o'clock)\b"
    r"|\s?(?:to|until|till|[-–])\s?(?:[01]\d|1[3-9]|2[0-3])[.:][0-5]\d"
)


#: Verbs of a timetable before "at 6.15" that make it a time of day though the hour is
#: not past twelve ("leaves at 6.15", "landed at 8.05"); "closed at 6.15", "ended at" and
#: "opened at" may be a share price.
_SCHEDULED_AT = re.compile(
    r"\b(?:leaves?|left|leaving|departs?|departed|departing|arrives?|arrived|arriving|due|"
    r"lands?|landed|landing|(?:took|takes?|taking) off|starts?|started|starting|begins?|"
    r"began|beginning|ends?|opens?|meets?|met|"
    r"resumes?|resumed|sounded|happened|occurred|struck|woke|wakes?|gathered|kicks? off|"
    r"kicked off|called|reported)(?: \w+){0,2}? (?:at|from|until|till|by|before|after|"
    r"around|about|since) $",
    re.IGNORECASE,
)


#: "the 6.15 train", "the 10.30 from Paddington", "the 2.45 at Cheltenham": a service or
#: a race named by the time it leaves or starts.
_SERVICE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y) $")
_SERVICE_AFTER = re.compile(
    r" (?:(?:\w+ )?(?:train|trains|bus|coach|ferry|flight|service|departure|arrival|sailing|"
    r"tram|shuttle|race|kick-?off|start|show|showing|performance|screening|bulletin|news|"
    r"meeting|appointment|slot|deadline)\b|(?:from|to|at) [A-Z])"
)


#: What after "17.30" makes it a number, not a time.
_NOT_A_TIME_AFTER = re.compile(
    r"\s?(?:%|per\b|percent|percentage|points?|pts|pence|p|km|kg|mm|cm|m|mph|miles|metres|meters|"
    r"seconds|secs|s|million|billion|bn|degrees|°)(?!\w)"
)


_LEADING_ZERO_HOURS = frozenset(f"0{h}" for h in range(10))


#: After "p.m.": the end of the text or a new sentence, so its full stop is kept.
_SENTENCE_ENDS = re.compile(r"\s*$|\s+[A-Z]")


def _say_minutes(minute: int) -> str:
    if minute == 0:
        return ""
    return f" oh {num2words(minute)}" if minute < 10 else f" {num2words(minute)}"


def _say_clock(hour: int, minute: int) -> str:
    """ "17.30" -> "seventeen thirty", "09.05" -> "nine oh five", "17.00" -> "seventeen
    hundred"."""
    if minute == 0:
        if hour == 0:
            return "midnight"
        return f"{num2words(hour)} o'clock" if hour <= 12 else f"{num2words(hour)} hundred"
    return f"{num2words(hour) if hour else 'zero'}{_say_minutes(minute)}"


def _said_zone(m: re.Match[str], group: str) -> str:
    """A time zone after a time, spelled: " GMT" -> " G M T"."""
    zone = m.group(group)
    return f" {spell(zone.strip().replace('.', '').upper())}" if zone else ""


def _unit(number: int, one: str) -> str:
    return f"{num2words(number)} {one}{'' if number == 1 else 's'}"


def times(text: str) -> str:
    """ "5:30 p.m." -> "five thirty p m"; "5.30pm" -> "five thirty p m"; "10am" -> "ten a
    m"; "9am-5pm" -> "nine a m to five p m"; "23:40" -> "twenty-three forty"; "at 17.30"
    -> "at seventeen thirty"; "1500 GMT" -> "fifteen hundred G M T"; "0900 GMT" -> "oh
    nine hundred G M T"; "2:03:45" -> "two hours three minutes and forty-five seconds".
    A dotted number is a time only after "at", "from", "until" and the like or before a
    time zone ("rose to 17.30" and "1.25" stay numbers)."""

    def say(m: re.Match[str]) -> str:
        if m.group("half"):
            return half_day(m)
        if m.group("hour24"):
            hour, minute = int(m.group("hour24")), int(m.group("minute24"))
            zone = _said_zone(m, "zone24")
            if m.group("second"):
                second = int(m.group("second"))
                spoken = f"{_unit(hour, 'hour')} {_unit(minute, 'minute')} and "
                spoken += _unit(second, "second")
                return spoken + (" Z" if m.group("utc") else "") + zone
            return _say_clock(hour, minute) + (" Z" if m.group("utc") else "") + zone
        before = text[max(0, m.start() - 20) : m.start()]
        if m.group("hourdot"):
            hour, minute = int(m.group("hourdot")), int(m.group("minutedot"))
            # "09.30" is a clock's hour; "0.25" a decimal ("cut by 0.25 points")
            late = hour >= 13 or m.group("hourdot") in _LEADING_ZERO_HOURS
            clock = m.group("zonedot") or (
                not _NOT_A_TIME_AFTER.match(text, m.end())
                and (
                    _TIME_BEFORE.search(before)
                    and (late or _TIME_AFTER.match(text, m.end()))
                    or _SCHEDULED_AT.search(text[max(0, m.start() - 40) : m.start()])
                    or _SERVICE_BEFORE.search(before)
                    and _SERVICE_AFTER.match(text, m.end())
                )
            )
            if not clock:
                return m.group(0)
            return _say_clock(hour, minute) + _said_zone(m, "zonedot")
        written, zone = m.group("mil") + m.group("milmin"), m.group("zonemil")
        lead = written.startswith("0")
        local = text.startswith(" local time", m.end())
        if not (m.group("hrs") or zone or local or lead and _TIME_BEFORE.search(before)):
            return m.group(0)
        hour, minute = int(m.group("mil")), int(m.group("milmin"))
        spoken = ("oh " if lead else "") + num2words(hour)
        spoken += _say_minutes(minute) if minute else " hundred"
        return spoken + (" hours" if m.group("hrs") else "") + _said_zone(m, "zonemil")

    def half_day(m: re.Match[str]) -> str:
        hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
        spoken = f"{num2words(hour)}{_say_minutes(minute)} {m.group('half').lower()} m"
        if m.group("h1"):
            start = f"{num2words(int(m.group('h1')))}{_say_minutes(int(m.group('m1') or 0))}"
            if m.group("half1"):
                start += f" {m.group('half1').lower()} m"
            spoken = f"{start} to {spoken}"
        # "p.m." at the end of a sentence also ended the sentence; before a time zone
        # ("8 p.m. ET") it did not.
        zone = m.group("zone")
        written = m.group(0)[: m.end() - m.start() - len(zone or "")]
        if written.endswith(".") and _SENTENCE_ENDS.match(text, m.end()) and not zone:
            spoken += "."
        return spoken + _said_zone(m, "zone")

    return _TIME.sub(say, text)
