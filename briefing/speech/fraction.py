"""Fractions and ratings: "2/3" -> "two thirds", "rated it 7/10" -> "seven out of ten"."""

from __future__ import annotations

import re

from num2words import num2words

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
