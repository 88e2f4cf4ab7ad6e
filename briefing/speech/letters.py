"""Letters: an acronym spelled ("FBI" -> "F B I") or said as a word ("NATO")."""

from __future__ import annotations

import re

_LETTER_NAMES = {c: c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def spell(letters: str) -> str:
    """ "FBI" -> "F B I"."""
    return " ".join(_LETTER_NAMES.get(c.upper(), c) for c in letters if c.isalnum())


#: Acronyms said as words although a vowel pattern would not tell (or the other way round).
SAID_AS_WORDS = frozenset(
    """NATO NASA UNESCO UNICEF OPEC FIFA UEFA NAFTA AIDS COVID ISIS ASEAN OFSTED SWAT
    LASER RADAR SCUBA GIF JPEG PIN""".split()
)


SPELLED = frozenset(
    """EU UK US UN BBC CNN FBI CIA NHS MP MPs GDP CEO IMF WTO USA ESPN ID WHO IT""".split()
)


_ACRONYM = re.compile(r"\b([A-Z]{2,6})(s?)\b")


def pronounceable(acronym: str) -> bool:
    """Whether an acronym is said as a word: NATO, UNESCO; not FBI or NHS."""
    if acronym in SAID_AS_WORDS:
        return True
    if acronym in SPELLED or len(acronym) < 4:
        return False
    vowels = sum(c in "AEIOU" for c in acronym)
    return vowels >= 2 and not re.search(r"[^AEIOUY]{3}", acronym)


def acronyms(text: str) -> str:
    """ "FBI" -> "F B I"; "NATO" -> "Nato"."""

    def say(m: re.Match[str]) -> str:
        letters, plural = m.group(1), m.group(2)
        if pronounceable(letters):
            return letters.capitalize() + plural
        return spell(letters) + ("'s" if plural else "")

    return _ACRONYM.sub(say, text)
