"""Telephone numbers and codes: digit by digit ("1-800-555-0199"), codes ("Q3", "MH370", "5G")."""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import say_digits, say_number, say_year
from .letters import spell

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
