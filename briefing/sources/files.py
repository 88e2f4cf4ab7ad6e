"""Article files: turn files, folders and standard input into clean Articles.

The input format is the users' own: the first line is the headline (a
repeated headline line is dropped), then the body, paragraphs separated by
blank lines. Everything that must never be spoken (datelines, credit lines,
bylines, URLs, web furniture) is removed here, once.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import SourceError
from ..models import Article
from ..text import clean_headline, clean_paragraph

log = logging.getLogger(__name__)

#: Largest article file read, in bytes: anything bigger is not an article.
MAX_ARTICLE_BYTES = 2_000_000
#: File name endings read from a folder.
ARTICLE_SUFFIXES = (".txt", ".text")
STDIN = "-"

#: Encodings tried, in order, for files that are not UTF-8.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True)
class Skipped:
    """A source that gave no article, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def decode_text(data: bytes, source: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else a legacy encoding.

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
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        log.info("%s is not UTF-8; read it as %s", source, encoding)
        return text
    raise SourceError(f"{source}: cannot decode the text; save it as UTF-8")  # pragma: no cover


def _looks_binary(sample: bytes) -> bool:
    """True when a sample has many control bytes (text has tabs and newlines only)."""
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def _same_line(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"\W+", " ", s).strip().casefold()  # noqa: E731
    return fold(a) == fold(b)


def parse_article(text: str, source: str) -> Article:
    """Parse an article in the users' format and clean it for speech.

    Raises SourceError when there is no headline or no body left.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise SourceError(f"{source}: the file is empty; an article needs a headline and a body")
    title = clean_headline(lines.pop(0))
    if not title:
        raise SourceError(f"{source}: the first line (the headline) has no words")
    # The users' files repeat the headline on the next non-empty line.
    for index, line in enumerate(lines):
        if line.strip():
            if _same_line(line, title):
                del lines[index]
            break
    raw_paragraphs = re.split(r"\n\s*\n", "\n".join(lines))
    paragraphs = tuple(p for p in (clean_paragraph(p) for p in raw_paragraphs) if p)
    if not paragraphs:
        raise SourceError(f"{source}: no article text after the headline '{title}'")
    return Article(title=title, paragraphs=paragraphs, source=source)


def read_article(path: Path) -> Article:
    """Read one article file."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise SourceError(
                f"{path}: {size:,} bytes is too large for an article "
                f"(limit {MAX_ARTICLE_BYTES:,}); give one article per file"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    return parse_article(decode_text(data, str(path)), str(path))


def read_stream(stream: BinaryIO, source: str = "<stdin>") -> Article:
    """Read one article from a binary stream, such as standard input."""
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(f"{source}: more than {MAX_ARTICLE_BYTES:,} bytes; give one article")
    return parse_article(decode_text(data, source), source)


def _folder_files(folder: Path) -> list[Path]:
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
    )
    if not files:
        raise SourceError(
            f"{folder}: no article files ({', '.join(ARTICLE_SUFFIXES)}) in the folder"
        )
    return files


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
            yield _attempt(lambda s=stream: read_stream(s), "<stdin>")
            continue
        path = Path(source)
        if path.is_dir():
            try:
                files = _folder_files(path)
            except SourceError as exc:
                yield Skipped(str(path), strip_source_prefix(str(exc), str(path)))
                continue
            for file in files:
                yield _attempt(lambda f=file: read_article(f), str(file))
        else:
            yield _attempt(lambda p=path: read_article(p), str(path))


def _attempt(read, source: str) -> Article | Skipped:
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
