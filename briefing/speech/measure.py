"""Measures: units ("4.2 km"), percentages, feet and inches."""

from __future__ import annotations

import re

from .cardinal import NUMBER
from .common import attributive

_FEET_INCHES = re.compile(r"(?<![\w.])(?P<ft>\d{1,2})['’′] ?(?P<inch>\d{1,2})(?:\"|”|″|''|’’)")


_INCHES = re.compile(rf"(?P<num>{NUMBER})(?P<space> ?)ins?(?=[\s.,;:!?)]|$)")


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


_PERCENT = re.compile(rf"(?P<num>{NUMBER})\s?%")


def percentages(text: str) -> str:
    """ "40%" -> "40 percent" (the number is said later)."""
    return _PERCENT.sub(lambda m: f"{m.group('num')} percent", text)


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
    rf"(?P<num>-?(?:{NUMBER}))\s?(?P<unit>"
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
