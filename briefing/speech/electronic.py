"""Electronic: web addresses, e-mail addresses, hashtags and @handles, said as a reader
spells them out.

An address is said as a newsreader reads it on air: without "https://", with "www" when
it is written ("w w w dot"). A host is said label by label with "dot" between: a label
that is an English word or a run of them is said as words ("thefreedictionary" -> "the
free dictionary"), a short one that is no word is spelled ("bbc" -> "b b c", "uk" -> "u
k") unless it is said as a word ("ucas"), and the generic endings ("com", "org", "net",
"gov") are said as they are. A path is said segment by segment with "slash"; "-" is
"dash", "_" "underscore", digits one by one.
"""

from __future__ import annotations

import functools
import re

from .letters import english_words, pronounceable, spell

#: Generic top-level domains: any host ending in one is an address ("example.org").
_GENERIC = (
    "com org net gov edu mil int info biz io ai app dev news blog online site tech xyz club"
).split()

#: Country codes: an address only where they are no English word ("bbc.co.uk", "lemonde.fr";
#: not "end.to", "go.me", "in.it", which a missing space can make).
_COUNTRY = (
    "uk us ca au nz ie de fr es pt nl be ch at se dk fi pl cz sk hu ro bg gr tr ru ua il ae sa"
    " eg za ng ke in pk bd lk cn jp kr tw hk sg my th vn ph id br ar mx cl co pe ve eu"
).split()

#: Labels said as they are written, not spelled: the generic endings and "co" ("co.uk").
_SAID_AS_WRITTEN = frozenset(["com", "org", "net", "gov", "co", "info", "news", "blog", "app"])

_SCHEME = r"(?:(?P<scheme>https?|ftp) ?: ?//)?"
_HOST = (
    r"(?P<www>www\.)?(?P<host>(?:[A-Za-z0-9][\w-]{0,62}\.){1,6}"
    r"(?:(?:com|co|org|net|gov|ac|edu)\.[a-z]{2}|"
    + "|".join(sorted(_GENERIC + _COUNTRY, key=len, reverse=True))
    + r"))"
)

# An address starts only where a run of name characters starts (the look-behind): tried at
# every letter of "a.a.a..." a pattern without it took time in the square of the run's
# length. Its path ends on a name character or a slash, never on a sentence's full stop.
_URL = re.compile(
    r"(?<![\w.@/-])" + _SCHEME + _HOST + r"(?![\w-])(?P<path>/(?:[\w\-.~%+=&?#:/]*[\w\-/%=])?)?"
)
_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<user>[\w.+-]{1,64})@(?P<host>[\w-]{1,63}(?:\.[\w-]{1,63}){1,6})\b"
)
_HASHTAG = re.compile(r"(?<![\w&#])#(?P<tag>[A-Za-z][A-Za-z0-9_]{0,60})\b")
_HANDLE = re.compile(r"(?<![\w.@])@(?P<name>[A-Za-z_][A-Za-z0-9_]{0,30})\b")

# Where the words of a joined name meet: "MeToo", "BBCNews", "Covid19".
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)

#: The longest label a reader is asked to split into words.
_MAX_SPLIT = 40


@functools.lru_cache(maxsize=2048)
def split_words(joined: str) -> tuple[str, ...] | None:
    """ "thefreedictionary" -> ("the", "free", "dictionary"), in the fewest English words
    (two letters or more, or "a"); ``None`` when no such split exists."""
    if len(joined) > _MAX_SPLIT:
        return None
    words = english_words()
    text = joined.lower()
    # best[i]: the fewest words that make text[:i], and the word that ends it
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - 20), end):
            previous = best[start]
            piece = text[start:end]
            if previous is None or not (piece in words and (len(piece) > 1 or piece == "a")):
                continue
            if best[end] is None or previous[0] + 1 < best[end][0]:  # type: ignore[index]
                best[end] = (previous[0] + 1, start)
    if best[-1] is None:
        return None
    pieces: list[str] = []
    end = len(text)
    while end:
        start = best[end][1]  # type: ignore[index]
        pieces.append(joined[start:end])
        end = start
    return tuple(reversed(pieces))


def _digits(digits: str) -> str:
    """ "2014" -> "two o one four": an address's digits one by one, as read out."""
    names = "o one two three four five six seven eight nine".split()
    return " ".join(names[int(d)] for d in digits)


def say_label(label: str) -> str:
    """One name of an address: "bbc" -> "b b c", "nytimes" -> "ny times", "MeToo" -> "Me
    Too", "404" -> "four o four", "com" -> "com"."""
    if not label:
        return ""
    if label.isdigit():
        return _digits(label)
    pieces = _CAMEL.split(label)
    if len(pieces) > 1:
        return " ".join(say_label(piece) for piece in pieces if piece)
    lower = label.lower()
    if lower in _SAID_AS_WRITTEN or lower in english_words():
        return label
    if len(label) <= 4 or not re.search(r"[aeiouy]", lower):
        if pronounceable(label.upper()):
            return label  # "ucas", "nato": said as a word
        return spell(label).lower() if label.islower() else spell(label)
    words = split_words(label)
    if words is None:
        # "nytimes": consonants that are no word, then words ("ny times"); else as written
        for cut in (1, 2, 3):
            if re.search(r"[aeiou]", lower[:cut]):
                break
            rest = split_words(label[cut:])
            if rest is not None and len(label) - cut >= 3:
                return " ".join([say_label(label[:cut]), *rest])
        return label
    return " ".join(words)


def _say_part(part: str) -> str:
    """A host label or a path segment, its dashes, underscores and dots said."""
    said = []
    for piece in re.split(r"([-_.~+=&?#%:])", part):
        if piece in ("-", "_", ".", "~", "+", "=", "&", "?", "#", "%", ":"):
            said.append(_PUNCTUATION[piece])
        elif piece:
            said.append(say_label(piece))
    return " ".join(said)


_PUNCTUATION = {
    "-": "dash",
    "_": "underscore",
    ".": "dot",
    "~": "tilde",
    "+": "plus",
    "=": "equals",
    "&": "and",
    "?": "question mark",
    "#": "hash",
    "%": "percent",
    ":": "colon",
}


def say_address(host: str, path: str = "", *, scheme: str = "", www: bool = False) -> str:
    """ "bbc.co.uk", "/news" -> "b b c dot co dot u k slash news"."""
    said = []
    if scheme == "ftp":  # "http://" and "https://" go unsaid, as a newsreader leaves them
        said.append("f t p colon slash slash")
    if www:
        said.append("w w w dot")
    labels = host.split(".")
    said.append(" dot ".join(_say_part(label) for label in labels[:-1]))
    ending = labels[-1]
    # a country's code is always its letters ("dot i t", not the word "it")
    said.append("dot " + (spell(ending).lower() if len(ending) == 2 else _say_part(ending)))
    path = path.strip("/")
    if path:
        said.append("slash " + " slash ".join(_say_part(p) for p in path.split("/") if p))
    return " ".join(said)


def _url(m: re.Match[str]) -> str:
    host = m.group("host")
    ending = host.rsplit(".", 1)[1]
    if (
        ending in _COUNTRY
        and ending in english_words()
        and not (m.group("scheme") or m.group("www"))
    ):
        return m.group(0)  # "went.to", "cut.in": a missing space, not an address
    return say_address(
        host, m.group("path") or "", scheme=m.group("scheme") or "", www=bool(m.group("www"))
    )


def _email(m: re.Match[str]) -> str:
    return f"{_say_part(m.group('user'))} at {say_address(m.group('host'))}"


def hashtag(tag: str) -> str:
    """ "MeToo" -> "Me Too", "blacklivesmatter" -> "black lives matter", "COP28" ->
    "COP28" (the acronyms' rule says it)."""
    pieces = [p for p in _CAMEL.split(tag.replace("_", " ")) if p]
    if len(pieces) == 1 and tag.islower():
        words = split_words(tag)
        return " ".join(words) if words else tag
    if any(p.isupper() and len(p) > 1 for p in pieces):
        # keep an acronym with its digits ("COP28"): the letters' rules say them
        return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", tag).replace("_", " ")
    return " ".join(pieces)


def urls_and_emails(text: str) -> str:
    """ "news@example.org" -> "news at example dot org"; "bbc.co.uk/news" -> "b b c dot co
    dot u k slash news"; "#MeToo" -> "hashtag Me Too"; "@BBCNews" -> "at BBC News"."""
    if "@" in text:
        text = _EMAIL.sub(_email, text)
    if "." in text:
        text = _URL.sub(_url, text)
    if "#" in text:
        text = _HASHTAG.sub(lambda m: "hashtag " + hashtag(m.group("tag")), text)
    if "@" in text:
        text = _HANDLE.sub(lambda m: "at " + hashtag(m.group("name")), text)
    return text
