"""Abbreviations: titles and ranks ("Dr. Smith" -> "Doctor Smith"), "No. 4", "St. Louis",
dotted initials ("U.S." -> "U S").
"""

from __future__ import annotations

import re

from .letters import spell

_TITLES = {
    "Dr": "Doctor",
    "Prof": "Professor",
    "Gen": "General",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gov": "Governor",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Capt": "Captain",
    "Sgt": "Sergeant",
    "Maj": "Major",
    "Adm": "Admiral",
    "Cmdr": "Commander",
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Rev": "Reverend",
    "Fr": "Father",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
    "Pres": "President",
    "Hon": "Honourable",
    "Mt": "Mount",
    "Ft": "Fort",
}


_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "approximately",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "Inc.": "Inc",
    "Ltd.": "Limited",
    "Corp.": "Corporation",
    "Co.": "Company",
    "Ave.": "Avenue",
    "Blvd.": "Boulevard",
    "Rd.": "Road",
    "Dept.": "Department",
    "Univ.": "University",
}


_TITLE = re.compile(r"\b(" + "|".join(_TITLES) + r")\.?(?= [A-Z])")


_ABBREVIATION = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)


_SAINT = re.compile(r"\bSt\.? (?=[A-Z])")


_STREET = re.compile(r"(?<=\w )St\b\.?")  # what is left after "St. Louis": "Baker St."


_NUMBER_ABBR = re.compile(r"\bNo(s?)\.\s?(?=\d)")


_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})(?=(\s+[A-Z]\w*)|\s*$|[\s,;:!?)])")


_CIRCA = re.compile(r"\b(?:c|ca|circa)\.? ?(?=\d{3,4}s?\b)")


_INITIAL = re.compile(r"(?<=[a-z] )([A-Z])\.(?= ([A-Z][a-z]+))")


#: Words that start a sentence far more often than they continue a name: after "the
#: U.S." they mean the full stop ended the sentence ("in the U.S. The end.").
_SENTENCE_STARTS = frozenset(
    """The A An It Its He His She Her They Their We Our I You Your This That These Those
    There Then So But And Or Yet In On At As If When While After Before Now Still Also
    However Meanwhile Some Many Most No Not One Two Officials Police""".split()
)


def abbreviations(text: str) -> str:
    """ "Dr. Smith" -> "Doctor Smith"; "U.S." -> "U S"; "No. 4" -> "number 4";
    "St. Louis" -> "Saint Louis"."""
    text = _NUMBER_ABBR.sub(lambda m: "numbers " if m.group(1) else "number ", text)
    text = _SAINT.sub("Saint ", text)
    text = _STREET.sub("Street", text)
    text = _TITLE.sub(lambda m: _TITLES[m.group(1)], text)
    text = _CIRCA.sub("circa ", text)
    # "John F. Kennedy": an initial's full stop would end the sentence in the voice.
    text = _INITIAL.sub(
        lambda m: m.group(0) if m.group(2) in _SENTENCE_STARTS else m.group(1), text
    )

    def dotted(m: re.Match[str]) -> str:
        # A full stop is said as the end of a sentence: kept only when a sentence
        # starts after it ("the U.S. The end."), not inside a name ("U.S. President").
        letters = spell(m.group(1))
        following = m.group(2)
        return letters + ("." if following and following.strip() in _SENTENCE_STARTS else "")

    text = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1)], text)
    return _DOTTED.sub(dotted, text)
