"""Money: "$4.5bn" -> "four point five billion dollars", and the scales after a number
("451m euros").
"""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import NUMBER, say_number
from .common import WORD_AFTER, attributive

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
    rf"(?P<cur>US\$|[$£€¥])\s?(?P<num>{NUMBER})(?:\s?(?P<scale>thousand|million|billion|trillion|"
    r"bn|mn|tn|[kmb])\b)?"
)


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
    rf"(?<![\w.,])(?P<num>{NUMBER})(?:(?P<scale>bn|mn|tn|m|k)|\s(?P<spaced>bn|mn|tn))\b"
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
        after = WORD_AFTER.match(text, m.end())
        if scale == "m":
            if attributive(text, m.start(), m.end()) or after is None:
                return m.group(0)
            if after.group(1) in _METRE_CONTEXT:
                return m.group(0)
        if scale == "k" and after is not None and after.group(1) in ("run", "race", "walk"):
            return f"{number} K"
        return f"{number} {_SCALES[scale]}"

    return _PLAIN_SCALE.sub(say, text)
