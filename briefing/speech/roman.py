"""Roman numerals, read by their context."""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import say_ordinal

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


def roman_numerals(text: str) -> str:
    """ "World War II" -> "World War two"; "Elizabeth II" -> "Elizabeth the second"."""

    def roman(m: re.Match[str]) -> str:
        numeral = m.group("numeral")
        if not numeral or (numeral in ("I", "X", "L") and m.group("name") not in _COUNTED):
            return m.group(0)  # a lone "I" is most likely the pronoun, "L" an initial
        value = roman_value(numeral)
        if m.group("name") in _COUNTED:
            return f"{m.group('name')} {num2words(value)}"
        return f"{m.group('name')} the {say_ordinal(value)}"

    return _ROMAN.sub(roman, text)
