"""Fractions, mixed numbers and ratings: "2/3" -> "two thirds", "1 1/2" -> "1 and a half",
"1/2 ounces" -> "half an ounce", "rated it 7/10" -> "seven out of ten"."""

from __future__ import annotations

import re

from num2words import num2words

_FRACTION = re.compile(
    r"(?<![\w./,])(?:(?P<whole>\d{1,3}) )?(?P<n>\d{1,3})/(?P<d>\d{1,3})(?![\w/]|[.,]\d)"
    r"(?: (?P<word>[a-z]+)\b)?"
)


_RATING_BEFORE = re.compile(
    r"\b(?:rated?|rating|rates|scored?|scores|gave|gives|give|marks?|grade[sd]?|voted)\b"
    r"[\w ]{0,20}$",
    re.IGNORECASE,
)


_RATING_AFTER = re.compile(r" (?:rating|score|stars|marks|review)\b")


#: Betting odds: "odds of 100/1", "the 5/2 favourite", "a 33/1 shot", "won at 10/1".
_ODDS_BEFORE = re.compile(r"\b(?:odds|odds of|priced at|backed at|went off at|price of)\s$")
_ODDS_AFTER = re.compile(r" (?:favourites?|favorites?|shots?|outsiders?|odds)\b")
_AT_BEFORE = re.compile(r"\b(?:won|win|wins|started|starts|finished|came in|at) at\s$|\bat\s$")


#: What a mixed number's fraction may be divided into: "2 3/4", "5 3/8 inches", "1 5/16".
_MIXED_DENOMINATORS = frozenset((2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64))


#: Measures a fraction of one is said of ("1/2 ounces", as units() said "1/2 oz",
#: "3/4 cup", "1/4 mile"): the singular of each.
_MEASURES = {
    **{w: w for w in "cup teaspoon tablespoon pint gallon litre liter ounce pound mile".split()},
    **{w: w for w in "yard metre meter kilometre kilometer acre hectare tonne ton".split()},
    **{w: w for w in "hour minute second day week month year inch foot gram kilogram".split()},
    **{w + "s": w for w in "cup teaspoon tablespoon pint gallon litre liter ounce".split()},
    **{w + "s": w for w in "pound mile yard metre meter kilometre kilometer acre".split()},
    **{w + "s": w for w in "hectare tonne ton gram kilogram".split()},
    "inches": "inch",
    "feet": "foot",
}


_ARTICLE = re.compile(r"(?:^|(?<=\W))[Aa]n? $")


def _fraction_words(n: int, d: int) -> str:
    name = {2: "half", 4: "quarter"}.get(d) or num2words(d, to="ordinal")
    if n == 1:
        return f"one {name}"
    return f"{num2words(n)} {'halves' if d == 2 else name + 's'}"


def _one_as_a(words: str) -> str:
    """ "one quarter" -> "a quarter", "one eighth" -> "an eighth"; "two thirds" stays."""
    if not words.startswith("one "):
        return words
    return ("an " if words[4] in "aeiou" else "a ") + words[4:]


def _of_a_measure(n: int, d: int, measure: str) -> str:
    """ "1/2", "ounce" -> "half an ounce"; "3/4", "cup" -> "three quarters of a cup"."""
    article = "an" if measure[0] in "aeiou" or measure == "hour" else "a"
    if (n, d) == (1, 2):
        return f"half {article} {measure}"
    return f"{_one_as_a(_fraction_words(n, d))} of {article} {measure}"


def _mixed(whole: str, n: int, d: int) -> str:
    """ "1", 1, 2 -> "1 and a half"; "2", 3, 4 -> "2 and three quarters" (the whole
    number is said later, as every number is)."""
    return f"{whole} and {_one_as_a(_fraction_words(n, d))}"


def fractions(text: str) -> str:
    """ "1/3" -> "one third", "2/3" -> "two thirds"; a mixed number: "1 1/2" -> "1 and a
    half"; of a measure: "1/2 ounces" -> "half an ounce"; a rating or score out of a
    whole: "rated it 7/10" -> "seven out of ten"; betting odds: "the 5/2 favourite" -> "the
    5 to 2 favourite", "won at 10/1". Other slashes ("24/7", "9/11") are left."""

    def plain(m: re.Match[str]) -> str:
        word = m.group("word")
        rest = f" {word}" if word else ""
        written = f"{m.group('n')}/{m.group('d')}"
        n, d = int(m.group("n")), int(m.group("d"))
        start, end = m.start("n"), m.end("d")
        before = text[max(0, start - 14) : start]
        if 0 < d <= 12 and (
            _ODDS_BEFORE.search(before)
            or _ODDS_AFTER.match(text, end)
            or n > d
            and _AT_BEFORE.search(before)
        ):
            return f"{m.group('n')} to {m.group('d')}{rest}"  # odds: "ten to one"
        if not 0 < n <= d:
            return written + rest
        rating = _RATING_BEFORE.search(text[max(0, start - 40) : start]) or (
            _RATING_AFTER.match(text, end)
        )
        if rating and d in (5, 10, 20, 100) or d == 10 and not text.startswith(" of", end):
            return f"{m.group('n')} out of {m.group('d')}{rest}"
        if n < d <= 10:
            if word in _MEASURES and word != _MEASURES[word]:  # "1/2 ounces" (from "1/2 oz")
                return _of_a_measure(n, d, _MEASURES[word])
            if word in _MEASURES:  # before a singular measure: "a half mile", "1/2 inch"
                name = {2: "half", 4: "quarter"}.get(d) or num2words(d, to="ordinal")
                article = _ARTICLE.search(text, max(0, start - 3), start)
                count = f"{num2words(n)} " if n > 1 else "" if article else "one "
                return f"{count}{name} {word}"
            return _fraction_words(n, d) + rest
        return written + rest

    def say(m: re.Match[str]) -> str:
        whole = m.group("whole")
        n, d = int(m.group("n")), int(m.group("d"))
        if whole and 0 < n < d and d in _MIXED_DENOMINATORS:
            word = m.group("word")
            return _mixed(whole, n, d) + (f" {word}" if word else "")
        return (f"{whole} " if whole else "") + plain(m)

    return _FRACTION.sub(say, text)
