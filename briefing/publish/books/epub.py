"""An episode as an EPUB 3.2 with Media Overlays (``write_epub``).

One XHTML document per part of the show (intro, each story, outro), one element per
spoken phrase; one SMIL file per document pairs each phrase with its clip of the
episode's MP3, carried whole in the package (``clipBegin``/``clipEnd`` into it). A
reading system that reads aloud highlights the phrase being heard (the
``-epub-media-overlay-active`` class) and skips by story (the navigation document) or by
sentence. Written with the standard library against the EPUB 3.2 and Media Overlays 3.2
specifications; ``epubcheck`` finds nothing to say of it (tests/test_books.py).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ...languages import published_language
from . import Book, Phrase, Section, clock, section_title

ACTIVE_CLASS = "-epub-media-overlay-active"
AUDIO = "audio/episode.mp3"

_STYLE = f"""body {{ font-family: sans-serif; line-height: 1.5; margin: 1em; }}
h1 {{ font-size: 1.4em; }}
p.lead {{ font-style: italic; }}
.{ACTIVE_CLASS} {{ background-color: #ffef7a; color: #000; }}
"""

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def _name(index: int) -> str:
    return f"s{index + 1:03d}"


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}s"


def _xhtml(title: str, language: str, body: str) -> str:
    lang = quoteattr(language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang={lang} xml:lang={lang}>\n<head>\n<meta charset="UTF-8"/>\n'
        f"<title>{escape(title)}</title>\n"
        '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
        f"<body>\n{body}</body>\n</html>\n"
    )


def _spans(name: str, tag: str, phrases: tuple[Phrase, ...], attrs: str = "") -> str:
    spans = " ".join(
        f'<span id="{name}-{tag}{number}">{escape(p.text)}</span>'
        for number, p in enumerate(phrases, 1)
    )
    return f"<p{attrs}>{spans}</p>\n" if phrases else ""


def _document(book: Book, index: int) -> str:
    section, name = book.sections[index], _name(index)
    title = section_title(book, index)
    body = (
        f'<section id="{name}-s" epub:type="chapter" aria-labelledby="{name}-h">\n'
        f'<h1 id="{name}-h">{escape(title)}</h1>\n'
        + _spans(name, "l", section.lead, ' class="lead"')
        + _spans(name, "p", section.phrases)
        + "</section>\n"
    )
    return _xhtml(title, book.language, body)


def _pars(name: str, tag: str, phrases: tuple[Phrase, ...]) -> list[str]:
    return [
        f'<par id="{name}-par-{tag}{number}"><text src="{name}.xhtml#{name}-{tag}{number}"/>'
        f'<audio src="{AUDIO}" clipBegin="{_seconds(p.start_ms)}" '
        f'clipEnd="{_seconds(p.end_ms)}"/></par>'
        for number, p in enumerate(phrases, 1)
    ]


def _overlay(section: Section, index: int) -> str:
    name = _name(index)
    pars = _pars(name, "l", section.lead) + _pars(name, "p", section.phrases)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" '
        'version="3.0">\n<body>\n'
        f'<seq id="{name}-seq" epub:textref="{name}.xhtml#{name}-s" epub:type="chapter">\n'
        + "\n".join(pars)
        + "\n</seq>\n</body>\n</smil>\n"
    )


def overlay_ms(section: Section) -> int:
    """How long a section's overlay plays: the sum of its clips."""
    return sum(p.end_ms - p.start_ms for p in (*section.lead, *section.phrases))


def _nav(book: Book) -> str:
    items = "\n".join(
        f'<li><a href="{_name(i)}.xhtml">{escape(section_title(book, i))}</a></li>'
        for i in range(len(book.sections))
    )
    body = (
        f'<nav epub:type="toc" id="toc">\n<h1>{escape(book.title)}</h1>\n'
        f"<ol>\n{items}\n</ol>\n</nav>\n"
    )
    return _xhtml(book.title, book.language, body)


def _cover_type(cover: bytes) -> tuple[str, str]:
    if cover[:8] == b"\x89PNG\r\n\x1a\n":
        return "cover.png", "image/png"
    return "cover.jpg", "image/jpeg"


def _package(book: Book, modified: dt.datetime) -> str:
    show = book.show
    sections = range(len(book.sections))
    durations = [overlay_ms(s) for s in book.sections]
    summary = published_language(book.language).labels.book_summary
    meta = [
        f'<dc:identifier id="uid">{escape(book.identifier)}</dc:identifier>',
        f"<dc:title>{escape(book.title)}</dc:title>",
        f"<dc:language>{escape(book.language)}</dc:language>",
        f"<dc:creator>{escape(show.author)}</dc:creator>",
        f"<dc:publisher>{escape(show.title)}</dc:publisher>",
        f"<dc:date>{book.date.isoformat()}</dc:date>",
        f"<dc:description>{escape(show.description)}</dc:description>",
        *([f"<dc:rights>{escape(show.copyright)}</dc:rights>"] if show.copyright else []),
        '<meta property="dcterms:modified">'
        f"{modified.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%SZ}</meta>",
        f'<meta property="media:duration">{clock(sum(durations))}</meta>',
        *(
            f'<meta property="media:duration" refines="#{_name(i)}-overlay">'
            f"{clock(durations[i])}</meta>"
            for i in sections
        ),
        f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>',
        '<meta property="schema:accessMode">auditory</meta>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">auditory</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        '<meta property="schema:accessibilityFeature">synchronizedAudioText</meta>',
        '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
        '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
        '<meta property="schema:accessibilityFeature">readingOrder</meta>',
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{escape(summary)}</meta>',
    ]
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="style" href="style.css" media-type="text/css"/>',
        f'<item id="audio" href="{AUDIO}" media-type="audio/mpeg"/>',
    ]
    if book.cover is not None:
        file_name, media_type = _cover_type(book.cover)
        items.append(
            f'<item id="cover" href="{file_name}" media-type="{media_type}" '
            'properties="cover-image"/>'
        )
    for i in sections:
        name = _name(i)
        items.append(
            f'<item id="{name}" href="{name}.xhtml" media-type="application/xhtml+xml" '
            f'media-overlay="{name}-overlay"/>'
        )
        items.append(
            f'<item id="{name}-overlay" href="{name}.smil" media-type="application/smil+xml"/>'
        )
    spine = [f'<itemref idref="{_name(i)}"/>' for i in sections]
    lang = quoteattr(book.language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
        f'unique-identifier="uid" xml:lang={lang}>\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(meta)
        + "\n</metadata>\n<manifest>\n"
        + "\n".join(items)
        + "\n</manifest>\n<spine>\n"
        + "\n".join(spine)
        + "\n</spine>\n</package>\n"
    )


def write_epub(book: Book, mp3: Path, dest: Path, modified: dt.datetime) -> None:
    """Write ``book`` as an EPUB 3 to ``dest``, carrying the episode's ``mp3`` whole."""
    stamp = modified.astimezone(dt.UTC).timetuple()[:6]

    def entry(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = compress
        return info

    with zipfile.ZipFile(dest, "w") as package:
        # The mimetype first and stored, so the file says what it is at byte 30.
        package.writestr(entry("mimetype", zipfile.ZIP_STORED), "application/epub+zip")
        package.writestr(entry("META-INF/container.xml"), _CONTAINER)
        package.writestr(entry("EPUB/package.opf"), _package(book, modified))
        package.writestr(entry("EPUB/nav.xhtml"), _nav(book))
        package.writestr(entry("EPUB/style.css"), _STYLE)
        if book.cover is not None:
            package.writestr(entry(f"EPUB/{_cover_type(book.cover)[0]}"), book.cover)
        for index, section in enumerate(book.sections):
            name = _name(index)
            package.writestr(entry(f"EPUB/{name}.xhtml"), _document(book, index))
            package.writestr(entry(f"EPUB/{name}.smil"), _overlay(section, index))
        carried = entry(f"EPUB/{AUDIO}", zipfile.ZIP_STORED)
        with package.open(carried, "w") as out, mp3.open("rb") as audio:
            while chunk := audio.read(1 << 20):
                out.write(chunk)
