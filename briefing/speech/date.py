"""Dates and times: "Nov. 25" -> "November twenty-fifth", "5:30 p.m." -> "five thirty p m"."""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import say_ordinal, say_year

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
