"""Ranges, symbols and punctuation: "2019-2021" -> "2019 to 2021", "&" -> "and", dashes and
brackets as pauses.
"""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import NUMBER
from .common import one_space

_SCORE_WORDS = (
    r"(?:won|win|wins|beat|beats|beating|lost|lose|loses|losing|defeat|defeated|defeating|"
    r"drew|draw|victory|lead|leads|led|trail|trails|trailed|scored|score|score of|thrashed|"
    r"edged|routed|hammered|tied|level|levelled|leveled|leading|trailing|winning|beaten)"
)


#: Words after a score that say it is one: "a 2-2 draw", "a 3-1 win", "the 1-0 lead",
#: "1-0 at half-time", "the 2-1 winners".
_SCORE_AFTER = re.compile(
    r" (?:draw|win|victory|defeat|loss|lead|scoreline|thrashing|triumph|home win|away win|"
    r"result|aggregate|winners|victors|drubbing|hammering|rout|comeback|deficit|"
    r"at (?:half-?time|half time|full-?time|the break|the interval))\b"
)


#: A set or a game after a score: "won 6-4, 6-3", "7-6 (7-3)": each is a score too
#: ("pages 10-12, 13-15" are ranges).
_SCORE_BEFORE = re.compile(
    rf"\b{_SCORE_WORDS}\s+(?:\w+\s+){{0,3}}(?:\(?\d{{1,2}}[-–]\d{{1,2}}\)?,? ){{1,5}}\(?$",
    re.IGNORECASE,
)


#: A cricket score: "245-6 at stumps" is 245 for 6 wickets.
_INNINGS_AFTER = re.compile(
    r" (?:at (?:stumps|lunch|tea|the close(?: of play)?)|declared|dec\b|in reply|"
    r"in (?:their|the) (?:first|second) innings|after \d{1,3} overs|off \d{1,3} overs)"
)
_DECLARED = re.compile(r"\bdeclared (?:on|at) $")


_RANGE = re.compile(rf"(?<![\w.,])(?P<a>{NUMBER})\s?[-–]\s?(?P<b>{NUMBER})(?![\w.,]*\d)(?!-)")


#: "p. 5" and "pp. 10-12" before their number: "page 5", "pages 10 to 12".
_PAGES = re.compile(r"(?<![\w.])p(p?)\. ?(?=\d)")


def _short_year(a: str, b: str) -> str:
    """The end of "1916-17" or "2008-09" as it is said: "17", "oh nine"; "1998-02" and
    "1999-00" cross a century and are said whole ("2002", "2000")."""
    if int(b) <= int(a[2:]):
        return str(int(a[:2]) + 1) + b  # "1998-02" -> 2002
    return f"oh {num2words(int(b))}" if b.startswith("0") else b


#: A season or a fiscal year across two years: "the 2023/24 season", "2023/2024".
_SEASON = re.compile(
    r"(?<![\w.,/])(?P<a>(?:1[89]|20)\d\d)/(?P<b>\d\d|(?:1[89]|20)\d\d)(?![\w/]|[.,]\d)"
)


def _season(m: re.Match[str]) -> str:
    """ "2023/24" -> "2023 to 24", when the second year follows the first."""
    a, b = m.group("a"), m.group("b")
    if (int(b) - int(a)) % 100 != 1:
        return m.group(0)
    return f"{a} to {b}" if len(b) == 4 else f"{a} to {_short_year(a, b)}"


def ranges(text: str) -> str:
    """ "2019-2021" -> "2019 to 2021"; "10-12 people" -> "10 to 12 people"; "1916-17" ->
    "1916 to 17"; "the 2023/24 season" -> "the 2023 to 24 season"; a score: "won 2-1", "a
    2-2 draw" -> "2 1", "2 2" (a high one as a range:
    "won 110-102" -> "110 to 102"); "pp. 10-12" -> "pages 10 to 12"."""
    text = _PAGES.sub(lambda m: "pages " if m.group(1) else "page ", text)
    text = _SEASON.sub(_season, text)

    def say(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 40) : m.start()]
        a, b = m.group("a"), m.group("b")
        score = re.search(rf"\b{_SCORE_WORDS}\s+(?:\w+\s+){{0,3}}$", before, re.IGNORECASE)
        innings = _INNINGS_AFTER.match(text, m.end()) or _DECLARED.search(before)
        if innings and a.isdigit() and b.isdigit() and int(b) <= 10 <= int(a) <= 999:
            return f"{a} for {b}"
        if (
            score
            or _SCORE_AFTER.match(text, m.end())
            or _SCORE_BEFORE.search(text[max(0, m.start() - 80) : m.start()])
        ):
            if a.isdigit() and b.isdigit() and int(a) <= 20 and int(b) <= 20:
                return f"{a} {b}"
        elif a == b == "50":
            return "fifty-fifty"  # "a 50-50 chance"
        if a.isdigit() and len(a) == 4 and len(b) == 2 and 1100 <= int(a) <= 2099:
            b = _short_year(a, b)
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
    """ "&" -> "and", "#1" and "# 1" -> "number 1", "§ 4" -> "section 4", "50 x 75" -> "50
    by 75", "4.4x earnings" -> "4.4 times earnings", "3:1" -> "3 to 1", "24/7" -> "24 7",
    "and/or" -> "and or", "8½" -> "8 and a half"."""
    text = one_space(text)
    for sign, words in _FRACTIONS.items():
        text = re.sub(rf"(\d){sign}", rf"\1 and {words}", text)
        text = re.sub(rf"\b[Aa] {sign}", _STANDALONE_FRACTIONS[sign], text)
        text = text.replace(sign, _STANDALONE_FRACTIONS[sign])
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"# ?(?=\d)", "number ", text)
    text = re.sub(r"§§ ?(?=\d)", "sections ", text)
    text = re.sub(r"§ ?(?=\d)", "section ", text)
    text = re.sub(r"(?<=\d) ?[x×] ?(?=\d)", " by ", text)  # "50 x 75", "a 4x4"
    # a multiple: "4.4x earnings", "a 3x increase", "10x faster"
    text = re.sub(r"(?<=\d)[x×](?=[\s.,;:!?)]|$)", " times", text)
    text = re.sub(r"(?<=\d) ?:(?=\d)", " to ", text)  # "a 3:1 ratio" (times are said already)
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
