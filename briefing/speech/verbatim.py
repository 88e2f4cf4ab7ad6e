"""Ranges, symbols and punctuation: "2019-2021" -> "2019 to 2021", "&" -> "and", dashes and
brackets as pauses.
"""

from __future__ import annotations

import re

from .cardinal import NUMBER
from .common import one_space

_SCORE_WORDS = (
    r"(?:won|win|beat|beats|beating|lost|lose|defeat|defeated|drew|draw|victory|lead|led|trail|"
    r"scored|score|score of)"
)


_RANGE = re.compile(rf"(?<![\w.,])(?P<a>{NUMBER})\s?[-–]\s?(?P<b>{NUMBER})(?![\w.,]*\d)(?!-)")


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
