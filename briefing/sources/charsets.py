"""The text of a feed or page from the web: its bytes decoded in the character set it
declares, or in the one detected when it declares none; never mojibake.

Where a document says its character set, first to last (RFC 7303 for XML, the WHATWG
encoding rules for HTML): a byte-order mark, the ``charset`` of the HTTP
``Content-Type``, ``<meta charset>`` (pages), the XML declaration. The first
declaration the bytes bear out is used; when none does (a server's default
``charset=utf-8`` on a KOI8-R file that says so in its XML declaration is borne out by
the second), the document is refused with the reason, never read as garbage. A
document that declares nothing is read as UTF-8 when it is UTF-8, else in the
character set charset-normalizer detects.

Legacy labels mean on the web what browsers read them as: ``iso-8859-1`` and ``us-ascii``
are Windows-1252, ``gb2312`` is GB18030, ``shift_jis`` is Windows-31J, ``euc-kr`` is
Windows-949 (each a superset of the label's own table).
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from html import unescape

from ..errors import SourceError

log = logging.getLogger(__name__)

#: A document with more undecodable bytes than this share of its characters is not in
#: the character set it is read in; below it, the few bytes are a slip, and the items
#: or pages they fall in are left out (see ``misdecoded``).
MAX_BAD_SHARE = 0.01
#: A reading whose badness (charset-normalizer's mess ratio, plus the share of odd words)
#: is above this looks like mojibake. Right text in any script scores 0 to 0.07 over a
#: paragraph (an English one dense with £, €, ™ and dashes), though a short line may score
#: 0.4; KOI8-R read as Windows-1251, the closest of the wrong readings measured, 0.15.
#: A reading that looks like mojibake is refused only when another looks half as bad.
MAX_MESS = 0.1
#: Bytes of a page searched for its <meta charset> (the WHATWG prescan reads 1024).
META_WINDOW = 4096

#: Labels read as the superset browsers read them as (WHATWG Encoding Standard).
_WEB_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
_UNICODE = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
#: Byte-order marks, UTF-32's before UTF-16's (FF FE 00 00 starts with FF FE).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: UTF-16 and UTF-32 without a mark, told by where the zero bytes of a first character
#: in ASCII ("<" or white space) fall (XML 1.0, appendix F): 1 is a byte that is not zero.
_UNMARKED = (
    ((0, 0, 0, 1), "utf-32-be"),
    ((1, 0, 0, 0), "utf-32-le"),
    ((0, 1, 0, 1), "utf-16-be"),
    ((1, 0, 1, 0), "utf-16-le"),
)
#: Bytes read to tell what a document is (its root element): a feed's or a page's
#: declaration, comments and doctype come before it.
SNIFF_BYTES = 8192
_LABEL = rb"""["']?\s*([A-Za-z][A-Za-z0-9._:-]{0,39})"""
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml\s[^>]{0,200}?\bencoding\s*=\s*""" + _LABEL)
_META_CHARSET = re.compile(rb"<meta\b[^>]{0,400}?\bcharset\s*=\s*" + _LABEL, re.IGNORECASE)
#: Characters no right decoding yields in text: the C1 controls (Latin-1 read of a
#: Windows-1252 byte) and the replacement character (a byte that decodes to nothing).
_NEVER_IN_TEXT = re.compile("[\u0080-\u009f\ufffd]")
#: An XML declaration at the start of a document's text.
_TEXT_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\b[^>]*\?>")
#: What is not text in markup: comments, scripts and styles, and the tags.
_MARKUP = re.compile(r"(?is)<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>")


def split_content_type(header: str) -> tuple[str, str]:
    """(media type, charset) of a Content-Type header value, lower case:
    ``"text/xml; charset=KOI8-R"`` -> ``("text/xml", "koi8-r")``."""
    media, *parameters = header.split(";")
    charset = ""
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").strip().lower()
    return media.strip().lower(), charset


def codec_for(label: str) -> str | None:
    """The Python codec a charset label is read with on the web, or None when the label
    names no character set (``"utf8"`` -> ``"utf-8"``, ``"latin1"`` -> ``"cp1252"``)."""
    try:
        name = codecs.lookup(label.strip()).name
    except (LookupError, ValueError):
        return None
    return _WEB_SUPERSETS.get(name, name)


def unicode_encoding(body: bytes) -> tuple[str, int, str] | None:
    """(codec, length of its byte-order mark, what tells it) of a document in UTF-8 with a
    byte-order mark, or in UTF-16 or UTF-32 with or without one; None for any other."""
    for mark, encoding in _BOMS:
        if body.startswith(mark):
            return encoding, len(mark), "its byte-order mark"
    zeros = tuple(int(b != 0) for b in body[:4])
    for pattern, encoding in _UNMARKED:
        if zeros == pattern:
            first = body[:4].decode(encoding, "replace")[:1]
            if first == "<" or first.isspace():
                return encoding, 0, f"its first character ({first!r} in {encoding[:6].upper()})"
    return None


_LEADING_MARKUP = re.compile(
    r"\s+|<\?.*?\?>|<!--.*?-->|<!doctype\s+(?P<doctype>[^\s>\[]+)", re.IGNORECASE | re.DOTALL
)
_ROOT = re.compile(r"<(?P<name>[A-Za-z_][\w.:-]*)")


def markup_root(body: bytes) -> str:
    """The name of a document's root element, lower case ("rss", "feed", "rdf:rdf",
    "html"), read from its first SNIFF_BYTES bytes past its byte-order mark, white space,
    XML declaration, processing instructions and comments, in UTF-8, UTF-16 or UTF-32
    (with or without a mark) or any charset that writes ASCII as ASCII; a doctype
    counts as its root ("<!DOCTYPE html>": "html"). "" when it does not start with
    markup."""
    head = body[:SNIFF_BYTES]
    found = unicode_encoding(head)
    text = head[found[1] :].decode(found[0], "ignore") if found else head.decode("latin-1")
    position = len(text) - len(text.lstrip("\ufeff"))
    while match := _LEADING_MARKUP.match(text, position):  # each match anchored where it starts
        if match["doctype"]:
            return match["doctype"].lower()
        position = match.end()
    root = _ROOT.match(text, position)
    return root["name"].lower() if root else ""


#: Root elements (or doctypes) of a web page.
HTML_ROOTS = frozenset({"html", "head", "body"})


def markup_kind(body: bytes) -> str:
    """What a document is by its root element (``markup_root``), whatever it was sent
    as: "feed" for RSS 0.9x/2.0 (``rss``), RSS 1.0 (``rdf:RDF``) and Atom (``feed``),
    with or without a namespace prefix; "page" for HTML; "" for anything else."""
    root = markup_root(body)
    local = root.rpartition(":")[2]
    if local in ("rss", "feed") or (local == "rdf" and ":" in root):
        return "feed"
    return "page" if root in HTML_ROOTS else ""


def _declared(body: bytes, charset: str, html: bool) -> list[tuple[str, str]]:
    """(label, where it is said) of each declaration, in the order they count."""
    found = [(charset, "the HTTP header")]
    if html:
        meta = _META_CHARSET.search(body[:META_WINDOW])
        found.append((meta.group(1).decode("ascii") if meta else "", "its <meta charset>"))
    declaration = _XML_DECLARATION.match(body[:300])
    found.append(
        (declaration.group(1).decode("ascii") if declaration else "", "its XML declaration")
    )
    return [(label, where) for label, where in found if label]


def decode_document(body: bytes, where: str, charset: str = "", *, html: bool = False) -> str:
    """The text of a document, in the character set its declarations (``charset`` from
    the HTTP header, then what the bytes say) bear out, else the one detected.

    ``html``: a page, whose ``<meta charset>`` counts too. Raises SourceError when the
    bytes contradict every declaration, or when no character set reads them right.
    """
    if found := unicode_encoding(body):
        encoding, mark, said_in = found
        return _decoded_or_refused(body[mark:], encoding, where, said_in)
    refusals: list[str] = []
    tried: set[str] = set()
    for label, said_in in _declared(body, charset, html):
        codec = codec_for(label)
        if codec is None:
            log.info("%s: %s names %r, no character set known; ignored", where, said_in, label)
            continue
        if codec.startswith(("utf-16", "utf-32")):
            codec = "utf-8"  # said in bytes with no mark and no zero bytes: not UTF-16
        if codec in tried:
            continue
        tried.add(codec)
        # UTF-8 strictly: a few stray bytes are allowed only once nothing reads better.
        text, problem = _read(body, codec, where, lenient=codec != "utf-8")
        if problem is None:
            if refusals:
                log.info("%s: %s; read as %s, as %s says", where, refusals[0], label, said_in)
            return text
        refusals.append(f"{said_in} says {label}, but {problem}")
    if "utf-8" in tried and (read := _not_utf8_after_all(body, where)) is not None:
        return read
    if refusals:
        raise SourceError(
            f"{where}: {refusals[0]}{_guess(body, refusals[0])}; skipped, as its publisher "
            "declares the wrong character set"
        )
    return _detected(body, where)


def _not_utf8_after_all(body: bytes, where: str) -> str | None:
    """The text of a document said to be UTF-8 that is not, or None when it cannot be
    read: in Windows-1252 when its bytes are (a legacy editor's file on a server whose
    default says UTF-8, the commonest wrong label: more of its non-ASCII bytes fail as
    UTF-8 than read as it, and the Windows-1252 reading is no mojibake), else as UTF-8
    with a few stray bytes (the items or pages they fall in are left out)."""
    loose = body.decode("utf-8", "replace")
    stray = loose.count("\ufffd")
    if stray > sum(1 for c in loose if ord(c) > 127) - stray:
        text, problem = _read(body, "cp1252", where)
        if problem is None:
            log.info("%s is said to be UTF-8, but its bytes are Windows-1252: read so", where)
            return text
    text, problem = _read(body, "utf-8", where)
    return text if problem is None else None


def _decoded_or_refused(body: bytes, encoding: str, where: str, said_in: str) -> str:
    text, problem = _read(body, encoding, where)
    if problem is not None:
        raise SourceError(f"{where}: {said_in} says {encoding}, but {problem}; skipped")
    return text


def _detected(body: bytes, where: str) -> str:
    """A document that declares no character set: UTF-8 when it is, else detected."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is not None:
        text, problem = _read(body, best.encoding, where, judge=False)
        if problem is None:
            log.info("%s declares no character set; read as %s (detected)", where, best.encoding)
            return text
    text, problem = _read(body, "utf-8", where)  # UTF-8 with a few stray bytes
    if problem is None:
        return text
    raise SourceError(
        f"{where}: declares no character set, and none briefing knows reads its bytes "
        "right; skipped"
    )


def _read(
    body: bytes, encoding: str, where: str, *, judge: bool = True, lenient: bool = True
) -> tuple[str, str | None]:
    """(text, None) when ``body`` reads right in ``encoding``, else ("", why not).
    ``judge``: check that a legacy (not Unicode) reading is not mojibake. ``lenient``:
    a few bytes (MAX_BAD_SHARE) that are not in ``encoding`` are allowed."""
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        if not lenient:
            return "", f"its bytes are not {encoding}"
        text = body.decode(encoding, "replace")
        bad = text.count("\ufffd")
        if bad > MAX_BAD_SHARE * len(text):
            return "", f"its bytes are not {encoding}"
        log.info("%s: %d bytes are not %s; what they are in is left out", where, bad, encoding)
    except LookupError:
        return "", f"{encoding} cannot be read"
    if encoding in _UNICODE or not judge:
        return text, None
    if not body.isascii() and _is_utf8(body):
        return "", "its bytes are UTF-8"
    if sample := _misread(body, _visible(text)):
        return "", f"it reads as mojibake ('{sample}')"
    return text, None


def _visible(markup: str) -> str:
    return unescape(_MARKUP.sub(" ", markup))


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(body: bytes, refusal: str) -> str:
    """The set charset-normalizer reads the bytes in, as " (it looks like koi8-r)",
    or "" when it finds none or the ``refusal`` names it already."""
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    name = best.encoding.replace("_", "-") if best is not None else ""
    if not name or name.lower() in refusal.lower():
        return ""
    return f" (it looks like {name})"


def _misread(body: bytes, text: str) -> str:
    """A word showing that ``text``, the visible text of ``body`` in one reading, is
    mojibake, or "" when it is not. A reading is mojibake when it looks like it (a mess
    ratio above MAX_MESS, or many odd words) and charset-normalizer finds another that
    looks at most half as bad; short of a better reading, the declaration is trusted."""
    badness = _badness(text)
    if badness <= MAX_MESS:
        return ""
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is None or _badness(_visible(str(best))) >= badness / 2:
        return ""
    return _sample(text)


def _badness(text: str) -> float:
    """charset-normalizer's mess ratio of ``text``, plus the share of its odd words."""
    from charset_normalizer.md import mess_ratio

    if text.isascii():
        return 0.0
    foreign = _foreign_words(text)
    return mess_ratio(text, 1.0) + len(_odd(foreign)) / max(1, len(foreign))


_PUNCTUATION = "\"'()[],.:;!?«»“”‘’„…-–—"
#: Alphabets no word mixes (a Latin word with a Cyrillic letter is a misreading).
_ALPHABETS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def _foreign_words(text: str) -> list[str]:
    """The words of ``text`` that are not all ASCII, without the punctuation around them."""
    return [w.strip(_PUNCTUATION) for w in text.split() if not w.isascii()]


def _odd(words: list[str]) -> list[str]:
    """The words no right reading gives: letters of two alphabets in one word
    ("approuvй", French read as Windows-1251), or UTF-8 shown as Windows-1252
    ("Ð“Ð¾Ñ€Ð¾Ð´" for "Город")."""
    odd = []
    for word in words:
        scripts = {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()}
        if len(scripts & _ALPHABETS) > 1 or _reads_as_utf8(word):
            odd.append(word)
    return odd


def _reads_as_utf8(word: str) -> bool:
    try:
        return word.encode("cp1252").decode("utf-8") != word
    except UnicodeError:
        return False


def _sample(text: str) -> str:
    """The word of a mis-read text to show in a message."""
    words = _foreign_words(text)
    odd = _odd(words) or [w for w in words if not all(c.isalpha() for c in w)] or words
    return odd[0][:24] if odd else ""


def misdecoded(text: str) -> str:
    """Why ``text`` (an item's or a page's) is not right to speak, or "" when it is:
    bytes that decoded to nothing (U+FFFD), control characters a Latin-1 reading left,
    or words no right reading gives (see ``_odd``), two at least and a quarter of the
    words that are not ASCII. Run it on cleaned text: what ``repair_mojibake`` undoes
    ("Ã©" for "é") would count."""
    if found := _NEVER_IN_TEXT.search(text):
        if found.group(0) == "\ufffd":
            return "its text has bytes that decode to no character (shown as �)"
        return f"its text is mis-decoded (control character U+{ord(found.group(0)):04X})"
    words = _foreign_words(text)
    odd = _odd(words)
    if len(odd) >= 2 and len(odd) >= len(words) / 4:
        return f"its text reads as mojibake ('{odd[0][:24]}')"
    return ""


def as_utf8_xml(text: str) -> bytes:
    """An XML document's text as UTF-8 bytes, its declaration (if any) saying so."""
    return _TEXT_DECLARATION.sub('<?xml version="1.0" encoding="utf-8"?>', text, 1).encode()


def without_xml_declaration(text: str) -> str:
    """A document's text without its XML declaration (lxml refuses text that declares
    an encoding)."""
    return _TEXT_DECLARATION.sub("", text, 1)
