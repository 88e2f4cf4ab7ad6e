"""What several classes share: whether an amount describes the noun after it, white space."""

from __future__ import annotations

import re

#: Words after "a $5" or "a 10 km" that are no noun the amount describes.
NOT_A_NOUN = frozenset(
    """of and or to in on at for from by with than per each a an the more less is was are
    were be has had have will would could can may might that which who as but if so""".split()
)


_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\W))(?:a|an|A|An) $")


#: An article and a hyphenated adjective before the amount, a comma between them: "a
#: two-year, $50m contract", "a three-day, 40km march". (A plain word before the comma
#: is no adjective of the noun: "in a year, $5m vanished".)
_LISTED_BEFORE = re.compile(
    r"(?:^|(?<=\W))(?:a|an|A|An) [A-Za-z0-9]{1,12}(?:-[A-Za-z0-9]{1,12}){1,3}, $"
)


WORD_AFTER = re.compile(r" ([a-z][a-z-]*)")


def attributive(text: str, start: int, end: int) -> bool:
    """Whether the amount at ``text[start:end]`` describes the noun after it ("a $20
    billion plant", "a 10 km walk", "a two-year, $50m contract"): a newsreader then says
    the unit once, as an adjective ("a twenty billion dollar plant", "a ten kilometre
    walk")."""
    if not (
        _ARTICLE_BEFORE.search(text[max(0, start - 3) : start])
        or _LISTED_BEFORE.search(text[max(0, start - 60) : start])
    ):
        return False
    after = WORD_AFTER.match(text, end)
    return after is not None and after.group(1) not in NOT_A_NOUN


def one_space(text: str) -> str:
    """Every run of white space as one space. The rules below match ``\\s+`` or ``\\s*``
    before something else: tried at each space of a long run that is not followed by
    it, they took time in the square of the run's length (80,000 spaces: 50 s)."""
    return re.sub(r"\s+", " ", text)
