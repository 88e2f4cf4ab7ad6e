"""Article files: turn files, folders and standard input into clean Articles.

The input format is the users' own: the first line is the headline (a
repeated headline line is dropped), then the body, paragraphs separated by
blank lines. Everything that must never be spoken (datelines, credit lines,
bylines, URLs, web furniture) is removed here, once.
"""

from __future__ import annotations

import collections
import errno
import logging
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..errors import SourceError
from ..models import Article, Skipped
from ..text import clean_headline, clean_paragraph, list_items_apart

log = logging.getLogger(__name__)

#: Largest article file read, in bytes: anything bigger is not an article.
MAX_ARTICLE_BYTES = 2_000_000
#: Characters of an article's text read at most (the longest news features run to
#: some 60,000; a summary is taken from the top): the rest is left out, so no text
#: stage ever sees more, whatever a file, feed or page holds.
MAX_ARTICLE_CHARS = 100_000
#: File name endings read from a folder.
ARTICLE_SUFFIXES = (".txt", ".text")
STDIN = "-"

#: Encodings tried, in order, for files that are not UTF-8.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
#: A first line longer than this is not a headline: the file starts with its body.
MAX_HEADLINE_CHARS = 200
#: A headline made from a body's first sentence is cut to this length.
HEADLINE_CHARS = 150


def decode_text(data: bytes, source: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM. In a
    file that is not all UTF-8 (Latin-1, Windows-1252, or both mixed, as pasted
    text often is), each line is read as UTF-8 if it is valid, else as Windows-1252.

    Raises SourceError for data that is not text at all.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{source}: not valid UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise SourceError(f"{source}: not a text file (binary data); give a plain-text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    log.info("%s is not all UTF-8; read its other lines as Windows-1252", source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return "\n".join(_line(line) for line in data.split(b"\n"))


def _line(raw: bytes) -> str:
    """One line of a file that is not all UTF-8: UTF-8 if it is valid (pasted text
    mixes them, a line at a time), else Windows-1252, with Latin-1 for the five
    bytes Windows-1252 leaves undefined."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode(FALLBACK_ENCODINGS[0])
    except UnicodeDecodeError:
        return "".join(
            raw[i : i + 1].decode(FALLBACK_ENCODINGS[0], "ignore")
            or raw[i : i + 1].decode("latin-1")
            for i in range(len(raw))
        )


def _looks_binary(sample: bytes) -> bool:
    """True when a sample has many control bytes (text has tabs and newlines only)."""
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def _same_line(a: str, b: str) -> bool:
    """The same words, whatever the punctuation, case and Unicode form (macOS
    writes "é" as two characters)."""

    def fold(s: str) -> str:
        return re.sub(r"\W+", " ", unicodedata.normalize("NFC", s)).strip().casefold()

    return fold(a) == fold(b)


# What UTF-8 text read as Windows-1252 (or Latin-1) looks like: a lead byte ("Â", "Ã",
# "â", "ï") then its continuation bytes (0x80-0xBF), each shown as its Windows-1252
# character: "Â£" for "£", "Ã©" for "é", "â€™" for "’", "ï»¿" for a byte-order mark.
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(rf"Â[\u00a0-\u00bf]|Ã[{_CONTINUATION}]|â[{_CONTINUATION}]{{2}}|ï»¿")
#: What is left of mojibake that no repair could undo.
_MOJIBAKE_LEFT = re.compile(rf"Â[\u00a0-\u00bf]|Ã[{_CONTINUATION}]|â€|ï»¿")


def _as_bytes(run: str) -> bytes:
    """The bytes a mis-decoded run was read from: Windows-1252, else Latin-1 (for the
    five bytes Windows-1252 leaves undefined, which ``_line`` reads as Latin-1)."""
    return b"".join(
        c.encode("cp1252") if c.encode("cp1252", "ignore") else c.encode("latin-1") for c in run
    )


def _undo(m: re.Match[str]) -> str:
    try:
        return _as_bytes(m.group(0)).decode("utf-8").replace("\ufeff", "")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)


def repair_mojibake(text: str, source: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 ("Â£5" -> "£5", "itâ€™s" ->
    "it’s"), twice over at most (text mis-decoded twice). A voice would read the stray
    letters aloud ("Â"), so a text still mis-decoded after that is refused.

    Raises SourceError when mojibake is left.
    """
    for _ in range(3):
        repaired = _MOJIBAKE.sub(_undo, text)
        if repaired == text:
            break
        log.info("%s: repaired text that was mis-decoded (mojibake)", source)
        text = repaired
    left = _MOJIBAKE_LEFT.search(text)
    if left:
        raise SourceError(
            f"{source}: text is mis-decoded (mojibake such as '{left.group(0)}'); "
            "re-save it as UTF-8"
        )
    return text


def parse_article(text: str, source: str) -> Article:
    """Parse an article in the users' format and clean it for speech.

    Raises SourceError when there is no headline or no body left, or when the text is
    mis-decoded beyond repair (mojibake).
    """
    text = bounded(text.replace("\r\n", "\n").replace("\r", "\n"), source)
    text = repair_mojibake(text, source)
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise SourceError(f"{source}: the file is empty; an article needs a headline and a body")
    _check_script(text, source)
    first = lines[0]
    if len(first) > MAX_HEADLINE_CHARS:
        # Too long for a headline: the file starts with its body. The headline is
        # made from the first sentence, and the line stays in the body.
        title = headline_from(first)
        log.info("%s: the first line is no headline; made one from its first sentence", source)
    else:
        title = clean_headline(lines.pop(0))
    if not title:
        raise SourceError(f"{source}: the first line (the headline) has no words")
    # The users' files repeat the headline on the next non-empty line.
    for index, line in enumerate(lines):
        if line.strip():
            if _same_line(line, title):
                del lines[index]
            break
    raw_paragraphs = re.split(r"\n\s*\n", list_items_apart("\n".join(lines)))
    paragraphs = tuple(p for p in (clean_paragraph(p) for p in raw_paragraphs) if p)
    if not paragraphs:
        raise SourceError(f"{source}: no article text after the headline '{title}'")
    return Article(title=title, paragraphs=paragraphs, source=source)


def bounded(text: str, source: str, limit: int = MAX_ARTICLE_CHARS) -> str:
    """The text, or its first ``limit`` characters cut at a paragraph break (else at
    a space) when it is longer."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rfind("\n\n")
    if cut < limit // 2:
        cut = max(head.rfind(" "), head.rfind("\n"))
    if cut < limit // 2:
        cut = limit
    log.info(
        "%s: %s characters, more than an article's %s; read the first %s",
        source, f"{len(text):,}", f"{limit:,}", f"{cut:,}",
    )  # fmt: skip
    return text[:cut]


def headline_from(paragraph: str) -> str:
    """A headline from a paragraph (a body's first, or a feed item's): its first
    sentence, cut at a word to at most HEADLINE_CHARS characters."""
    from ..text import cut_at_word, split_sentences

    sentences = split_sentences(clean_paragraph(paragraph))
    return cut_at_word(clean_headline(sentences[0] if sentences else paragraph), HEADLINE_CHARS)


def _check_script(text: str, source: str) -> None:
    """Refuse a text whose letters are mostly not Latin: the voices speak English
    (an Arabic or Chinese article would be read out letter by letter, or not at all)."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if len(letters) < 20:
        return
    latin = sum(1 for c in letters if c.isascii() or unicodedata.name(c, "").startswith("LATIN"))
    if latin / len(letters) >= 0.5:
        return
    scripts = collections.Counter(unicodedata.name(c, "OTHER ?").split()[0] for c in letters)
    script = scripts.most_common(1)[0][0].title()
    raise SourceError(
        f"{source}: the text is not in the Latin alphabet (mostly {script}); "
        "briefing's voices speak English"
    )


def read_article(path: Path) -> Article:
    """Read one article file (an HTML page saved as a file is read as a page)."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
                raise SourceError(f"{path}: {kind}; give an article file")
            refused = not_an_article_file(path, info)
            if refused:
                raise SourceError(f"{path}: {refused}")
            if info.st_size > MAX_ARTICLE_BYTES:
                raise SourceError(
                    f"{path}: {info.st_size:,} bytes is too large for an article "
                    f"(limit {MAX_ARTICLE_BYTES:,}); give one article per file"
                )
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        if path.is_symlink():
            raise SourceError(
                f"{path}: a broken symbolic link (to {os.readlink(path)}); fix or remove it"
            ) from None
        raise SourceError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(f"{path}: its symbolic links loop; fix or remove the link") from None
        raise SourceError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(f"{path}: more than {MAX_ARTICLE_BYTES:,} bytes; give one article")
    return parse_data(data, str(path))


#: Folders of the system, never of articles: what is there is configuration, secrets
#: (/etc/shadow) or the kernel's view of processes (/proc/self/environ).
SYSTEM_FOLDERS = ("/etc", "/proc", "/sys", "/dev", "/boot", "/run", "/var/lib", "/var/run")


def not_an_article_file(path: Path, info: os.stat_result) -> str:
    """Why a regular file is not one a user could mean as an article ("" when it may be):
    a file in a system folder, or, when briefing runs as root, a file that other
    users may not read (a key, a password file), which root could read but no
    article is."""
    real = os.path.realpath(path)
    for folder in SYSTEM_FOLDERS:
        if real == folder or real.startswith(folder + os.sep):
            return (
                f"a system file (in {folder}), not an article; refused "
                "(copy the text into an article file if it really is one)"
            )
    if hasattr(os, "geteuid") and os.geteuid() == 0 and not info.st_mode & stat.S_IROTH:
        return (
            "a private file (other users may not read it), and briefing runs as root; "
            "refused (make it readable, chmod o+r, if it really is an article)"
        )
    return ""


def parse_data(data: bytes, source: str) -> Article:
    """An article from a file's bytes: the users' text format, or an HTML page."""
    from .pages import looks_like_html

    if looks_like_html(data, ""):
        from .pages import extract_article

        title, text = extract_article(data, source)
        log.info("%s is an HTML page; read the article in it", source)
        return parse_article(f"{title or Path(source).stem}\n\n{text}", source)
    return parse_article(decode_text(data, source), source)


def read_stream(stream: BinaryIO, source: str = "<stdin>") -> Article:
    """Read one article from a binary stream, such as standard input."""
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(f"{source}: more than {MAX_ARTICLE_BYTES:,} bytes; give one article")
    return parse_data(data, source)


def _folder_files(folder: Path) -> list[Path]:
    """The article files of a folder, by name; also the entries named like one that
    are not regular files (links that loop or lead nowhere, pipes), so that they
    are reported rather than silently passed over. Sub-folders are not read."""
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in ARTICLE_SUFFIXES
        and not p.name.startswith(".")
        and (p.is_symlink() or not p.is_dir())
    )
    if not files:
        raise SourceError(
            f"{folder}: no article files ({', '.join(ARTICLE_SUFFIXES)}) in the folder"
        )
    return files


def hidden_part(path: Path, base: Path) -> str:
    """The first hidden name (".bashrc", ".ssh") on the way to ``path`` from ``base``
    (the folder of the show file that names it), as written or with its links
    resolved; every name counts when ``path`` is not inside ``base``. "" when none."""
    for resolve in (os.path.normpath, os.path.realpath):
        where, root = Path(resolve(path)), Path(resolve(base))
        parts = where.relative_to(root).parts if where.is_relative_to(root) else where.parts
        hidden = next((p for p in parts if p.startswith(".") and p not in (".", "..")), "")
        if hidden:
            return hidden
    return ""


def _hidden_refused(path: Path, hidden: str) -> Skipped:
    what = "is" if path.name == hidden else "leads to"
    return Skipped(
        str(path),
        f"{what} a hidden file or folder ({hidden}), which a show file may not name; "
        "refused (name it on the command line if it is meant)",
    )


def show_file_paths(location: str, show_file: Path) -> tuple[list[str], list[Skipped]]:
    """The article files that a source named in ``show_file`` may read: its path, or
    its folder's files, less any hidden one (``hidden_part``), which is Skipped. The
    author of a show file may not be the operator: a home's hidden files (~/.bashrc,
    ~/.ssh) are nobody's articles."""
    path, base = Path(location), show_file.parent
    if hidden := hidden_part(path, base):
        return [], [_hidden_refused(path, hidden)]
    if not path.is_dir():
        return [location], []
    try:
        files = _folder_files(path)
    except SourceError:
        return [location], []  # iter_articles says why
    kept: list[str] = []
    refused: list[Skipped] = []
    for file in files:
        if hidden := hidden_part(file, base):
            refused.append(_hidden_refused(file, hidden))
        else:
            kept.append(str(file))
    return kept, refused


def iter_articles(
    sources: Iterable[str | Path], *, stdin: BinaryIO | None = None
) -> Iterator[Article | Skipped]:
    """Yield an Article, or a Skipped record, for each article the sources name.

    A source is a file, a folder of ``.txt`` files (read in name order) or
    ``-`` for standard input. One bad source never stops the others.
    """
    for source in sources:
        if str(source) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield _attempt(partial(read_stream, stream), "<stdin>")
            continue
        path = Path(source)
        if path.is_dir():
            try:
                files = _folder_files(path)
            except SourceError as exc:
                yield Skipped(str(path), strip_source_prefix(str(exc), str(path)))
                continue
            for file in files:
                yield _attempt(partial(read_article, file), str(file))
        else:
            yield _attempt(partial(read_article, path), str(path))


def _attempt(read: Callable[[], Article], source: str) -> Article | Skipped:
    try:
        return read()
    except SourceError as exc:
        return Skipped(source, strip_source_prefix(str(exc), source))


def strip_source_prefix(message: str, source: str) -> str:
    """A message without its leading "source: " (a Skipped carries the source)."""
    prefix = f"{source}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def load_articles(
    sources: Iterable[str | Path], *, stdin: BinaryIO | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Read every source; return the articles and what was skipped (each logged)."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_articles(sources, stdin=stdin):
        if isinstance(item, Skipped):
            log.warning("skipping %s", item)
            skipped.append(item)
        else:
            articles.append(item)
    return articles, skipped


def sample_sources() -> list[Path]:
    """The bundled sample articles (written for this project, fictional)."""
    folder = Path(__file__).resolve().parent.parent / "samples"
    return sorted(folder.glob("sample-*.txt"))
