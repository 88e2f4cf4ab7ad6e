"""Transcripts: timed cues from the rendered audio, written as WebVTT and SRT.

A cue is one sentence, or a part of a long one, shown in at most two lines of
at most ``LINE_WIDTH`` characters. Its time comes from the engine's word
marks (espeak-ng reports when each word starts in the audio); an engine
without marks gets times estimated from the length of the text.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from ..models import Cue, Segment, WordMark

LINE_WIDTH = 65
"""Longest transcript line, in characters."""
MAX_LINES = 2
"""Lines in one cue at most."""


def estimate_marks(text: str, duration_ms: int) -> tuple[WordMark, ...]:
    """Word marks spread over the audio in proportion to the characters before each word."""
    if not text:
        return ()
    return tuple(
        WordMark(m.start(), round(duration_ms * m.start() / len(text)))
        for m in re.finditer(r"\S+", text)
    )


def time_at(marks: Sequence[WordMark], offset: int) -> int | None:
    """When the first word at or after ``offset`` starts (None if none does)."""
    for mark in marks:
        if mark.offset >= offset:
            return mark.start_ms
    return None


def fits(text: str) -> bool:
    """True when the text wraps into at most MAX_LINES lines of LINE_WIDTH."""
    return len(textwrap.wrap(text, LINE_WIDTH, break_long_words=False)) <= MAX_LINES


def split_for_cues(sentence: str) -> list[tuple[int, str]]:
    """Cut a sentence into pieces that each fit a cue: (offset, text) pairs.

    Prefers to cut after a comma, semicolon, colon or dash near the middle,
    else at the space nearest the middle; never inside a word.
    """
    if fits(sentence) or " " not in sentence.strip():
        return [(0, sentence)]
    middle = len(sentence) // 2
    breaks = [m.end() for m in re.finditer(r"[,;:—–]\s+|\s+-\s+", sentence)]
    breaks = [b for b in breaks if len(sentence) * 0.25 <= b <= len(sentence) * 0.75]
    if not breaks:
        breaks = [m.end() for m in re.finditer(r"\s+", sentence)]
    cut = min(breaks, key=lambda b: abs(b - middle))
    head, tail = sentence[:cut].rstrip(), sentence[cut:]
    return split_for_cues(head) + [(cut + o, t) for o, t in split_for_cues(tail)]


def segment_cues(
    segment: Segment,
    speech_start_ms: int,
    duration_ms: int,
    marks: Sequence[WordMark],
    spoken_lines: Sequence[str] | None = None,
) -> list[Cue]:
    """The cues of one segment, in the final track's time.

    ``speech_start_ms`` is where the segment's audio starts in the track,
    ``duration_ms`` its length, ``marks`` its word marks. The cues show the
    written lines; the marks count in what was spoken, ``spoken_lines`` (the
    written lines when None), joined by spaces. A piece of a long line is
    placed at the same share of its spoken line.
    """
    spoken = list(spoken_lines) if spoken_lines is not None else list(segment.lines)
    spoken_text = " ".join(spoken)
    marks = list(marks) or list(estimate_marks(spoken_text, duration_ms))
    spoken_offsets, position = [], 0
    for line in spoken:
        spoken_offsets.append(position)
        position += len(line) + 1
    pieces: list[tuple[int, str, str]] = []
    lines = zip(segment.lines, spoken, spoken_offsets, strict=True)
    for number, (line, said, said_offset) in enumerate(lines):
        voice = (segment.lead_voice or segment.voice) if number < segment.lead else segment.voice
        for offset, text in split_for_cues(line):
            share = offset / len(line) if line else 0.0
            pieces.append((said_offset + round(share * len(said)), text.strip(), voice))
    starts: list[int] = []
    for offset, _, _ in pieces:
        at = time_at(marks, offset)
        at = duration_ms if at is None else min(at, duration_ms)
        starts.append(max(at, starts[-1] if starts else 0))
    cues = []
    for index, ((_, text, voice), start) in enumerate(zip(pieces, starts, strict=True)):
        end = starts[index + 1] if index + 1 < len(starts) else duration_ms
        if end <= start:
            continue  # an empty slot: espeak gave two pieces the same time
        cues.append(Cue(speech_start_ms + start, speech_start_ms + end, text, voice))
    return cues


def build_cues(
    segments: Sequence[Segment],
    speech_starts: Sequence[int],
    durations: Sequence[int],
    marks: Sequence[Sequence[WordMark]],
    spoken: Sequence[Sequence[str]] | None = None,
) -> tuple[Cue, ...]:
    """All cues of a show, in order (``spoken``: each segment's spoken lines)."""
    cues: list[Cue] = []
    lines: Sequence[Sequence[str] | None] = [None] * len(segments) if spoken is None else spoken
    for segment, start, duration, segment_marks, said in zip(
        segments, speech_starts, durations, marks, lines, strict=True
    ):
        cues.extend(segment_cues(segment, start, duration, segment_marks, said))
    return tuple(cues)


# -- writers -------------------------------------------------------------------


def _timestamp(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _lines(text: str) -> list[str]:
    return textwrap.wrap(text, LINE_WIDTH, break_long_words=False) or [text]


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def speaker_label(voice: str) -> str:
    """A voice profile's name as a speaker label: "correspondent" -> "Correspondent"."""
    label = re.sub(r"[^\w .'-]+", " ", voice).strip()
    return label[:1].upper() + label[1:] if label else "Speaker"


def to_vtt(cues: Sequence[Cue], *, voice_tags: bool | None = None) -> str:
    """WebVTT text. Voice tags (``<v Anchor>``) are used when the show has several
    voices, unless ``voice_tags`` says otherwise."""
    if voice_tags is None:
        voice_tags = len({c.speaker for c in cues}) > 1
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, 1):
        lines = [_vtt_escape(line) for line in _lines(cue.text)]
        if voice_tags:
            lines[0] = f"<v {speaker_label(cue.speaker)}>{lines[0]}"
        timing = f"{_timestamp(cue.start_ms, '.')} --> {_timestamp(cue.end_ms, '.')}"
        blocks.append("\n".join([str(number), timing, *lines]))
    return "\n\n".join(blocks) + "\n"


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip text."""
    blocks = []
    for number, cue in enumerate(cues, 1):
        timing = f"{_timestamp(cue.start_ms, ',')} --> {_timestamp(cue.end_ms, ',')}"
        blocks.append("\n".join([str(number), timing, *_lines(cue.text)]))
    return "\n\n".join(blocks) + "\n"


_TIMING = re.compile(r"(\d+):(\d\d):(\d\d)[.,](\d{3})\s+-->\s+(\d+):(\d\d):(\d\d)[.,](\d{3})")
_VOICE = re.compile(r"^<v ([^>]*)>")


def _ms(hours: str, minutes: str, seconds: str, millis: str) -> int:
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def parse_vtt(text: str) -> list[Cue]:
    """Cues of a WebVTT file as this module writes them (SRT timings are read too)."""
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        for index, line in enumerate(lines):
            timing = _TIMING.search(line)
            if not timing:
                continue
            body = " ".join(lines[index + 1 :])
            voice = _VOICE.match(body)
            speaker = voice.group(1) if voice else ""
            body = re.sub(r"<[^>]+>", "", body)
            body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            groups = timing.groups()
            cues.append(Cue(_ms(*groups[:4]), _ms(*groups[4:]), body.strip(), speaker))
            break
    return cues
