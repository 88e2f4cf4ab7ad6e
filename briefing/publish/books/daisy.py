"""An episode as a DAISY 2.02 talking book, zipped (``write_daisy``).

The book is a folder (``briefing-DATE/`` in the zip, to copy to a player's card):
``ncc.html``, the navigation control centre, with one heading per part of the show
(level 1; the first, the intro's, is the book's title); ``content.html``, the full
text, one element per spoken phrase; one SMIL file and one MP3 per part. The MP3s
are the episode's own frames, cut where a part starts without re-encoding: each cut
is at a frame that needs none of the frames before it (its bit reservoir is empty:
every block of the episode starts with one, and every part starts with a block), so
each file decodes on its own to exactly the samples it had in the episode, and the
clip times are the transcript's, moved to the file's start. Written with the
standard library against the DAISY 2.02 specification (multimediaType audioFullText).
"""

from __future__ import annotations

import datetime as dt
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ...audio.mp3 import Frame, audio_start, frame_samples, mpeg_frames
from ...errors import AudioError
from . import Book, Phrase, Section, hms, section_title

log = logging.getLogger(__name__)

GENERATOR = "briefing"
TITLE_CLASS = ' class="title"'
"""The NCC's first heading is the book's title."""


@dataclass(frozen=True)
class Cut:
    """A part's audio: the episode's frames from ``first`` to ``last`` (excluded)."""

    first: int
    last: int
    offset_ms: float
    """Where it starts in the episode."""
    duration_ms: float


def cuts(frames: list[Frame], starts_ms: list[int]) -> list[Cut]:
    """Where to cut the episode's frames so that part ``i`` starts at or just before
    ``starts_ms[i]``, at a frame that decodes on its own."""
    if not frames:
        raise AudioError("the episode's MP3 has no audio frames")
    samples = frame_samples(frames[0].sample_rate)
    rate = frames[0].sample_rate

    def at_ms(index: int) -> float:
        return index * samples * 1000 / rate

    firsts = [0]
    for start in starts_ms[1:]:
        index = min(int(start * rate / 1000 / samples), len(frames) - 1)
        clean = index
        while clean > firsts[-1] and frames[clean].reservoir:
            clean -= 1
        if clean <= firsts[-1]:  # no clean frame in the part before: cut where it starts
            log.debug("no frame to cut at cleanly before %d ms", start)
            clean = max(index, firsts[-1] + 1)
        firsts.append(clean)
    lasts = [*firsts[1:], len(frames)]
    return [
        Cut(first, last, at_ms(first), at_ms(last) - at_ms(first))
        for first, last in zip(firsts, lasts, strict=True)
    ]


def _name(index: int) -> str:
    return f"s{index + 1:03d}"


def _npt(ms: float) -> str:
    return f"npt={ms / 1000:.3f}s"


def _pars(section: Section, index: int, cut: Cut) -> list[tuple[str, float, float]]:
    """(text id, begin, end) of each par of part ``index``, in its file's time: the
    heading's (the lead-in, else the first sentence), then each phrase's after it. The
    first starts at the file's start and the last ends at its end: no gap between parts."""
    name = _name(index)
    begin, end = section.heading_clip
    rest: tuple[Phrase, ...] = section.phrases if section.lead else section.phrases[1:]
    pars = [(f"{name}-h", begin - cut.offset_ms, end - cut.offset_ms)]
    pars += [
        (f"{name}-p{number}", p.start_ms - cut.offset_ms, p.end_ms - cut.offset_ms)
        for number, p in enumerate(rest, 2 if not section.lead else 1)
    ]
    first, *middle = pars
    pars = [(first[0], 0.0, first[2]), *middle]
    last = pars[-1]
    pars[-1] = (last[0], last[1], cut.duration_ms)
    return [(tid, max(0.0, b), min(e, cut.duration_ms)) for tid, b, e in pars]


_XHTML_DOCTYPE = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
)


def _html(book: Book, title: str, head: str, body: str) -> str:
    lang = quoteattr(book.language)
    return (
        _XHTML_DOCTYPE
        + f'<html xmlns="http://www.w3.org/1999/xhtml" lang={lang} xml:lang={lang}>\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>\n'
        f"<title>{escape(title)}</title>\n{head}</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _meta(name: str, content: str) -> str:
    return f"<meta name={quoteattr(name)} content={quoteattr(content)}/>\n"


def _ncc(book: Book, files: int, total_ms: float, modified: dt.datetime) -> str:
    show = book.show
    head = "".join(
        _meta(n, c)
        for n, c in (
            ("dc:title", book.title),
            ("dc:creator", show.author),
            ("dc:publisher", show.title),
            ("dc:date", book.date.isoformat()),
            ("dc:format", "Daisy 2.02"),
            ("dc:identifier", book.identifier),
            ("dc:language", book.language),
            ("ncc:charset", "utf-8"),
            ("ncc:generator", GENERATOR),
            ("ncc:multimediaType", "audioFullText"),
            ("ncc:narrator", show.author),
            ("ncc:producedDate", modified.date().isoformat()),
            ("ncc:setInfo", "1 of 1"),
            ("ncc:totalTime", hms(total_ms)),
            ("ncc:tocItems", str(len(book.sections))),
            ("ncc:depth", "1"),
            ("ncc:files", str(files)),
            ("ncc:pageFront", "0"),
            ("ncc:pageNormal", "0"),
            ("ncc:pageSpecial", "0"),
            ("ncc:maxPageNormal", "0"),
            ("ncc:footnotes", "0"),
            ("ncc:sidebars", "0"),
            ("ncc:prodNotes", "0"),
        )
    )
    body = "".join(
        f'<h1{TITLE_CLASS if i == 0 else ""} id="{_name(i)}-n">'
        f'<a href="{_name(i)}.smil#{_name(i)}-h-t">{escape(section_title(book, i))}</a></h1>\n'
        for i in range(len(book.sections))
    )
    return _html(book, book.title, head, body)


def _content(book: Book) -> str:
    parts = []
    for index, section in enumerate(book.sections):
        name = _name(index)
        parts.append(
            f'<h1 id="{name}-h"><a href="{name}.smil#{name}-h-t">'
            f"{escape(section_title(book, index))}</a></h1>\n"
        )
        if section.lead:
            lead = " ".join(escape(p.text) for p in section.lead)
            parts.append(f'<p class="lead">{lead}</p>\n')
        spans = " ".join(
            f'<span id="{name}-p{number}">{escape(p.text)}</span>'
            for number, p in enumerate(section.phrases, 1)
        )
        if spans:
            parts.append(f"<p>{spans}</p>\n")
    return _html(book, book.title, "", "".join(parts))


def _smil(book: Book, index: int, cut: Cut, elapsed_ms: float) -> str:
    name = _name(index)
    # The audio in a seq of its own, as most DAISY 2.02 books have it (and readers expect).
    pars = "".join(
        f'<par endsync="last" id="{tid}-par"><text src="content.html#{tid}" id="{tid}-t"/>'
        f'<seq id="{tid}-seq"><audio src="{name}.mp3" clip-begin="{_npt(begin)}" '
        f'clip-end="{_npt(end)}" id="{tid}-a"/></seq></par>\n'
        for tid, begin, end in _pars(book.sections[index], index, cut)
    )
    head = "".join(
        _meta(n, c)
        for n, c in (
            ("dc:format", "Daisy 2.02"),
            ("dc:title", book.title),
            ("dc:identifier", book.identifier),
            ("ncc:generator", GENERATOR),
            ("ncc:totalElapsedTime", hms(elapsed_ms)),
            ("ncc:timeInThisSmil", hms(cut.duration_ms)),
        )
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" '
        '"http://www.w3.org/TR/REC-smil/SMIL10.dtd">\n'
        f'<smil>\n<head>\n{head}<layout><region id="txtView"/></layout>\n</head>\n'
        f'<body>\n<seq dur="{cut.duration_ms / 1000:.3f}s">\n{pars}</seq>\n</body>\n</smil>\n'
    )


def write_daisy(book: Book, mp3: Path, dest: Path, modified: dt.datetime) -> None:
    """Write ``book`` as a zipped DAISY 2.02 folder to ``dest``, its audio cut from the
    episode's ``mp3`` at the parts' starts."""
    data = mp3.read_bytes()
    start = audio_start(data)
    frames = list(mpeg_frames(data[start:]))
    parts = cuts(frames, [s.start_ms for s in book.sections])
    total_ms = parts[-1].offset_ms + parts[-1].duration_ms
    folder = f"briefing-{book.date.isoformat()}"
    stamp = modified.astimezone(dt.UTC).timetuple()[:6]

    def entry(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
        info.compress_type = compress
        return info

    count = 2 + 2 * len(parts)  # ncc.html, content.html, a SMIL and an MP3 a part
    with zipfile.ZipFile(dest, "w") as package:
        package.writestr(entry("ncc.html"), _ncc(book, count, total_ms, modified))
        package.writestr(entry("content.html"), _content(book))
        for index, cut in enumerate(parts):
            name = _name(index)
            package.writestr(entry(f"{name}.smil"), _smil(book, index, cut, cut.offset_ms))
            first, last = frames[cut.first], frames[cut.last - 1]
            audio = data[start + first.offset : start + last.offset + last.length]
            package.writestr(entry(f"{name}.mp3", zipfile.ZIP_STORED), audio)
