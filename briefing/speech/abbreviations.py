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
    "Cpl": "Corporal",
    "Pvt": "Private",
    "Pte": "Private",
    "Pfc": "Private First Class",
    "Spc": "Specialist",
    "Brig": "Brigadier",
    "Cdr": "Commander",
    "Ens": "Ensign",
    "Const": "Constable",
    "Cllr": "Councillor",
    "Atty": "Attorney",
    "Msgr": "Monsignor",
    "Amb": "Ambassador",
    "Insp": "Inspector",
    "Det": "Detective",
    "Pres": "President",
    "Hon": "Honorable",  # the references' spelling: it sounds the same
    "MR": "Mister",
    "MRS": "Missus",
    "Mt": "Mount",
    "Ft": "Fort",
    "Mme": "Madame",
    "Mlle": "Mademoiselle",
    "Messrs": "Messers",  # how "Messrs" is said
    "Rt": "Right",  # "the Rt Hon", "the Rt Rev"
}


_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "ETC.": "et cetera",
    "Ph.D.": "P H D",
    "Ph.D": "P H D",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "approximately",
    "E.g.": "For example",
    "I.e.": "That is",
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


def _title(m: re.Match[str]) -> str:
    """A title before a name, but not "Gen" before a generation ("Gen Z", "Gen Alpha")."""
    if m.group(0) == "Gen" and _GENERATION.match(m.string, m.end()):
        return m.group(0)
    return _TITLES[m.group(1)]


_GENERATION = re.compile(r" (?:X|Y|Z|Alpha|AI)\b")


#: Ranks and titles said in full at the end of a sentence too ("rose to the rank of Lt.",
#: "the Hon."), where no name follows them.
_RANKS = (
    "Lt Col Capt Sgt Maj Adm Cmdr Cdr Cpl Pvt Pte Spc Brig Supt Insp Ens Hon Gen Rev MR MRS"
).split()
_RANK_AT_END = re.compile(r"\b(" + "|".join(_RANKS) + r")\.(?=\s*$|,)")


#: US states as the AP writes them after a city ("Sacramento, Calif.").
_AP_STATES = {
    "Ala": "Alabama",
    "Ariz": "Arizona",
    "Ark": "Arkansas",
    "Calif": "California",
    "Cal": "California",
    "Colo": "Colorado",
    "Conn": "Connecticut",
    "Del": "Delaware",
    "Fla": "Florida",
    "Ga": "Georgia",
    "Ill": "Illinois",
    "Ind": "Indiana",
    "Kan": "Kansas",
    "Kans": "Kansas",
    "Ky": "Kentucky",
    "La": "Louisiana",
    "Md": "Maryland",
    "Mass": "Massachusetts",
    "Mich": "Michigan",
    "Minn": "Minnesota",
    "Miss": "Mississippi",
    "Mo": "Missouri",
    "Mont": "Montana",
    "Neb": "Nebraska",
    "Nebr": "Nebraska",
    "Nev": "Nevada",
    "N.H": "New Hampshire",
    "N.J": "New Jersey",
    "N.M": "New Mexico",
    "N.Y": "New York",
    "N.C": "North Carolina",
    "N.D": "North Dakota",
    "Okla": "Oklahoma",
    "Ore": "Oregon",
    "Pa": "Pennsylvania",
    "Penn": "Pennsylvania",
    "R.I": "Rhode Island",
    "S.C": "South Carolina",
    "S.D": "South Dakota",
    "Tenn": "Tennessee",
    "Tex": "Texas",
    "Vt": "Vermont",
    "Va": "Virginia",
    "Wash": "Washington",
    "W.Va": "West Virginia",
    "Wis": "Wisconsin",
    "Wisc": "Wisconsin",
    "Wyo": "Wyoming",
}

#: US states by their postal codes ("Austin, TX"). "DC" is no state: "D C" is said.
_POSTAL_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

#: Codes that are also English words: a state only at the end of a clause ("Portland,
#: OR."), never before a word ("..., OR the").
_WORDLIKE_CODES = frozenset("HI IN ME OH OK OR PA MA DE".split())

#: Words before a comma that are no city ("Yes, Pa.", "Thanks, Ma.").
_NOT_CITIES = frozenset(
    "Yes No Oh Well Thanks Hello Please Now So Ah Okay OK Sir Madam Mother Father Mama Papa "
    "Dear Goodbye Sorry Right".split()
)

_AP_STATE = re.compile(
    r"\b(?P<city>[A-Z][a-z]+|[A-Z]{2,}) ?, (?P<state>"
    + "|".join(
        sorted(
            {re.escape(a) for a in _AP_STATES} | {re.escape(a.upper()) for a in _AP_STATES},
            key=len,
            reverse=True,
        )
    )
    + r")\.(?:(?P<end>\s*$)|(?P<sentence> (?=[A-Z\"“]))|(?=[\s,;:)\"'”]))"
)
_POSTAL_STATE = re.compile(
    r"\b(?P<city>[A-Z][a-z]+) ?, (?P<state>"
    + "|".join(_POSTAL_STATES)
    + r")\b(?=\.?\s*$|[,:.)\"”]| \d{5}\b| [a-z])(?!\.\w)"
)


def us_states(text: str) -> str:
    """A US state's abbreviation after a city is said in full: "Sacramento, Calif." ->
    "Sacramento, California", "St. Louis, Mo., police" -> "St. Louis, Missouri,
    police", "Austin, TX" -> "Austin, Texas"; "FORT WAYNE, IND." too. Not "Washington,
    D.C.", "Smith, AL; Jones" (an author's initials) or "Yes, Pa."."""

    def ap(m: re.Match[str]) -> str:
        if m.group("city") in _NOT_CITIES:
            return m.group(0)
        state = next(v for k, v in _AP_STATES.items() if k.upper() == m.group("state").upper())
        # The abbreviation's full stop ends a sentence only where one ends.
        if m.group("end") is not None:
            end = "." + m.group("end")
        else:
            end = ". " if m.group("sentence") else ""
        return m.group(0)[: m.start("state") - m.start()] + state + end

    def postal(m: re.Match[str]) -> str:
        code = m.group("state")
        following = m.string[m.end() : m.end() + 2]
        if m.group("city") in _NOT_CITIES or (
            code in _WORDLIKE_CODES and following[:1] == " " and following[1:].islower()
        ):
            return m.group(0)
        return m.group(0)[: m.start("state") - m.start()] + _POSTAL_STATES[code]

    text = _AP_STATE.sub(ap, text)
    return _POSTAL_STATE.sub(postal, text)


#: "vol 2", "Vol. IV", "vols 3-4": volumes; "pp 45-67", "pp. 12": pages; "p. 12": a page.
_VOLUME = re.compile(r"(?<![\w-])([Vv])ol(s?)(?:\. (?=\w)|\.? ?(?=\d|[IVXLC]+\b))")
_VOLUME_ALONE = re.compile(r"(?<=[,(] )([Vv])ol(s?)\b\.?(?=\s*$|[,;:)])")
_PAGES = re.compile(
    r"(?<![\w.-])([Pp])p\.? ?(?=\d)|(?<=, )([Pp])p\.(?=\s*$|[,;:)])|(?<=\d )pp\.(?!\w)"
)
_PAGE = re.compile(r"(?<![\w.-])(?:p|pg)\. ?(?=\d)")
# "pp" after a decimal is percentage points even before a full stop: no book has 2.5 pages.
_POINTS = re.compile(r"(?<=\d) ?pp\b(?!\.)|(?<=\.\d) ?pp\b|(?<=\.\d\d) ?pp\b")


def references(text: str) -> str:
    """The abbreviations of a reference to a book: "vol 2" -> "volume 2", "vols" ->
    "volumes", "pp 45-67" -> "pages 45-67", "p. 12" -> "page 12"; after a number "pp"
    is percentage points ("up 2.5pp" -> "up 2.5 percentage points")."""
    text = _POINTS.sub(" percentage points", text)
    text = _VOLUME.sub(
        lambda m: ("Volume" if m.group(1) == "V" else "volume") + m.group(2) + " ", text
    )
    text = _VOLUME_ALONE.sub(
        lambda m: (
            ("Volume" if m.group(1) == "V" else "volume")
            + m.group(2)
            + (full_stop(m.string, m.end()) if m.group(0).endswith(".") else "")
        ),
        text,
    )

    def pages(m: re.Match[str]) -> str:
        said = "Pages" if "P" in (m.group(1), m.group(2)) else "pages"
        if m.group(1):
            return said + " "
        return said + (full_stop(m.string, m.end()) if m.group(0).endswith(".") else "")

    text = _PAGES.sub(pages, text)
    return _PAGE.sub("page ", text)


# "No 10", "No. 10", "No1", "Nos 3 and 4": a number sign; not "No one", "No, 10 ...", "No
# 10-year-old" (or "No 10 year-old", as the ranges' rule leaves it), "No 2 pencils" (a
# count before a plural noun), but "No 10 sources" (Downing Street's).
_NUMBER_SIGN = re.compile(
    r"\b(?:No|no)(?P<plural>s?)(?P<dot>\.?) ?"
    r"(?=(?P<digits>\d+)(?P<after>-\w| [a-z]+s\b| [a-z]+-)?)"
)


def number_signs(text: str) -> str:
    """ "No 10 said" -> "number 10 said", "the world No 1" -> "the world number 1", "No. 4"
    -> "number 4", "Nos 3 and 4" -> "numbers 3 and 4"; "No 10-year-old ..." and "No 3
    buses ..." are left alone."""

    def say(m: re.Match[str]) -> str:
        after = m.group("after")
        compound = bool(after) and (after.endswith("-") or after[0] == "-")
        if not m.group("dot") and after and (compound or m.group("digits") != "10"):
            # The word "no": written small, as it is said, so that the numbers' rule
            # takes no "No 3 buses" for a number sign either.
            return "n" + m.group(0)[1:]
        if m.group(0)[0] == "n" and not m.group("dot"):
            return m.group(0)  # "no 10" in small letters: "there were no 10 ..."
        return "numbers " if m.group("plural") else "number "

    return _NUMBER_SIGN.sub(say, text)


# Suffixes of names and companies written without their full stop: "Martin Luther King
# Jr", "Warner Bros", "Acme Ltd", "Tesco plc".
_NAME_SUFFIX = re.compile(
    r"\b(?P<name>[A-Z]\w*),? (?P<suffix>Jr|Sr|Jnr|Snr|jr|sr|Ltd|ltd|Bros|bros|plc)\b\.?"
)
_NAME_SUFFIXES = {
    "jr": "Junior",
    "jnr": "Junior",
    "sr": "Senior",
    "snr": "Senior",
    "ltd": "Limited",
    "bros": "Brothers",
    "plc": "P L C",
}


def name_suffixes(text: str) -> str:
    """ "King Jr" -> "King Junior", "Warner Bros" -> "Warner Brothers", "Acme Ltd" ->
    "Acme Limited", "Tesco plc" -> "Tesco P L C" (not "Sr Mary", a sister)."""

    def say(m: re.Match[str]) -> str:
        written = m.group(0)
        if m.group("suffix") in ("Sr", "sr") and re.match(r" [A-Z][a-z]", m.string[m.end() :]):
            return written  # "... Sr Mary": a sister's title, before her name
        keep = written[: m.start("suffix") - m.start()]
        said = _NAME_SUFFIXES[m.group("suffix").lower()]
        return keep + said + (full_stop(m.string, m.end()) if written.endswith(".") else "")

    return _NAME_SUFFIX.sub(say, text)


_ABBREVIATION = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)


_SAINT = re.compile(r"\bSt\.? (?=[A-Z])")


_STREET = re.compile(r"(?<=\w )St\b(\.?)")  # what is left after "St. Louis": "Baker St."


_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})(?=(\s+[A-Z]\w*)|\s*$|[\s,;:!?)\-'’/\"”])")


_CIRCA = re.compile(r"\b(?:c|ca|circa)\.? ?(?=\d{3,4}s?\b)")


_INITIAL = re.compile(r"(?<=[a-z] )([A-Z])\.(?= ([A-Z][a-z]+))")


#: Words that start a sentence far more often than they continue a name: after "the
#: U.S." they mean the full stop ended the sentence ("in the U.S. The end.").
_SENTENCE_STARTS = frozenset(
    """The A An It Its He His She Her They Their We Our I You Your This That These Those
    There Then So But And Or Yet In On At As If When While After Before Now Still Also
    However Meanwhile Some Many Most No Not One Two Officials Police""".split()
)


_AFTER_STOP = re.compile(r"[\s\"'”’)]*$| (\w+)")


def full_stop(text: str, end: int) -> str:
    """The full stop of an abbreviation that ends at ``end`` in ``text``, kept where it
    also ends the sentence ("on Baker St." at the end, "etc. Then ..."): "." or ""."""
    m = _AFTER_STOP.match(text, end)
    return "." if m and (m.group(1) is None or m.group(1) in _SENTENCE_STARTS) else ""


#: Abbreviations whose full stop may also end the sentence ("... Apple Inc."); not "e.g."
#: or "vs.", which always have more to come.
_MAY_END = frozenset("etc. ETC. Ph.D. Jr. Sr. Inc. Ltd. Corp. Co. Ave. Blvd. Rd.".split())


def _saint(m: re.Match[str]) -> str:
    """ "St. Louis" -> "Saint Louis"; but "on Baker St. The shop ..." is a street whose
    full stop ends the sentence."""
    start = m.start()
    after_word = start >= 2 and m.string[start - 1] == " " and m.string[start - 2].isalnum()
    if after_word and "." in m.group(0) and full_stop(m.string, m.end() - 1):
        return "Street. "
    return "Saint "


#: Streets and roads after their name: "Mulholland Dr", "Abbey Rd", "Fifth Ave.".
_ROADS = {"Dr": "Drive", "Rd": "Road", "Ave": "Avenue", "Blvd": "Boulevard"}
_ROAD = re.compile(r"(?<=[a-z] )(?P<abbr>Dr|Rd|Ave|Blvd)\b(?P<dot>\.?)")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ $")
_NAME_AFTER = re.compile(r" ([A-Z][a-z]*)")


def roads(text: str) -> str:
    """ "on Mulholland Dr" -> "on Mulholland Drive", "Abbey Rd" -> "Abbey Road"; "Ask Dr
    Ruth" is a title (a name follows it), and "Mulholland Dr. The house ..." a road whose
    full stop ends the sentence."""

    def say(m: re.Match[str]) -> str:
        if not _NAME_BEFORE.search(m.string[max(0, m.start() - 30) : m.start()]):
            return m.group(0)
        after = _NAME_AFTER.match(m.string, m.end())
        if m.group("abbr") == "Dr" and after and after.group(1) not in _SENTENCE_STARTS:
            return m.group(0)  # "Ask Dr Ruth": the title's, before a name
        return _ROADS[m.group("abbr")] + (full_stop(m.string, m.end()) if m.group("dot") else "")

    return _ROAD.sub(say, text)


#: "Co" before an Irish or English county: "in Co Antrim", "from Co. Durham" (not "Acme
#: & Co. said": the company's).
_COUNTY = re.compile(r"(?:(?<=\bin )|(?<=\bof )|(?<=\bfrom )|(?<=\bnear ))Co\.? (?=[A-Z][a-z])")


#: A US lawmaker's party and state: "(D-Calif.)", "R-Texas", "I-Vt.".
_PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}
_STATE_NAMES = {name: name for name in set(_POSTAL_STATES.values())}
_PARTY_STATE = re.compile(
    r"(?<![\w-])(?P<party>[DRI])-(?P<state>"
    + "|".join(
        sorted(
            {re.escape(a) for a in _AP_STATES}
            | set(_POSTAL_STATES)
            | {re.escape(n) for n in _STATE_NAMES},
            key=len,
            reverse=True,
        )
    )
    + r")\b(?P<dot>\.?)(?![\w-])"
)


def party_states(text: str) -> str:
    """ "Sen. Ann Lee (D-Calif.)" -> "... (Democrat of California)", "R-Texas" ->
    "Republican of Texas", "I-Vt." -> "Independent of Vermont"; not "D-Day", "I-95"."""

    def say(m: re.Match[str]) -> str:
        state = m.group("state")
        name = _AP_STATES.get(state) or _POSTAL_STATES.get(state) or state
        dot = full_stop(m.string, m.end()) if m.group("dot") else ""
        return f"{_PARTIES[m.group('party')]} of {name}{dot}"

    return _PARTY_STATE.sub(say, text)


def abbreviations(text: str) -> str:
    """ "Dr. Smith" -> "Doctor Smith"; "U.S." -> "U S"; "No. 4" -> "number 4";
    "St. Louis" -> "Saint Louis"; "Austin, TX" -> "Austin, Texas"; "vol 2" -> "volume 2"."""
    text = party_states(text)  # before the states: "(D-N.Y.)" has no city
    text = us_states(text)  # before the dotted letters: "Newark, N.J." is New Jersey
    text = roads(text)  # before the titles: "Mulholland Dr. The ..." is no doctor
    text = _COUNTY.sub("County ", text)  # before "Co." is said "Company"
    text = number_signs(text)
    text = references(text)
    text = name_suffixes(text)
    text = _SAINT.sub(_saint, text)
    text = _STREET.sub(
        lambda m: "Street" + (full_stop(m.string, m.end()) if m.group(1) else ""), text
    )
    text = _TITLE.sub(_title, text)
    text = _RANK_AT_END.sub(lambda m: _TITLES[m.group(1)] + full_stop(m.string, m.end()), text)
    text = _CIRCA.sub("circa ", text)
    # "John F. Kennedy": an initial's full stop would end the sentence in the voice.
    text = _INITIAL.sub(
        lambda m: m.group(0) if m.group(2) in _SENTENCE_STARTS else m.group(1), text
    )

    def dotted(m: re.Match[str]) -> str:
        # A full stop is said as the end of a sentence: kept only when a sentence
        # starts after it ("the U.S. The end."), not inside a name ("U.S. President").
        return spell(m.group(1)) + full_stop(m.string, m.end())

    def abbreviation(m: re.Match[str]) -> str:
        written = m.group(1)
        return _ABBREVIATIONS[written] + (
            full_stop(m.string, m.end()) if written in _MAY_END else ""
        )

    text = _ABBREVIATION.sub(abbreviation, text)
    return _DOTTED.sub(dotted, text)
