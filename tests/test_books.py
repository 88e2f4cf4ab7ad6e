"""The talking-book editions (issue 30): EPUB 3 with Media Overlays, checked by
epubcheck, and DAISY 2.02, read back with lxml against the DAISY 2.02 specification,
both made from real episodes (espeak-ng's anchor, hibari's presenter) and from the
tone engine for the awkward cases (one story, a story that could not be spoken)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from briefing import pipeline
from briefing.audio.mp3 import count_frames, encode, mpeg_frames
from briefing.models import Episode
from briefing.publish.books import BookFormat, clock, hms, lead_count
from briefing.publish.books.daisy import cuts

from .helpers import decode_mp3, quiet_then_speech, window_rms, write_articles

DATE = dt.date(2026, 12, 7)
RATE = 22050
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
XHTML = "{http://www.w3.org/1999/xhtml}"
SMIL3 = "{http://www.w3.org/ns/SMIL}"
OPF = "{http://www.idpf.org/2007/opf}"
#: A headline and a sentence that are not ASCII, to travel through every file.
ZURICH = (
    "Zürich café „Übersee“ reopens — naïve plans, 20 € coffee",
    "The café on the Limmat reopened on Monday after a year of repairs, its owner said.",
)


def _articles(folder: Path, count: int, extra: tuple[str, str] | None = None) -> list[Path]:
    paths = write_articles(folder)[:count]
    if extra is not None:
        title, lead = extra
        path = folder / "story-extra.txt"
        path.write_text(f"{title}\n\n{lead} Visitors queued at the door.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _episode(out: Path, voice: str, articles: list[Path]) -> Episode:
    return pipeline.generate(
        articles, out_dir=out, date=DATE, voices=[voice], since=None,
        editions=("epub", "daisy"),
    )  # fmt: skip


@pytest.fixture(scope="module")
def anchor(tmp_path_factory) -> Episode:
    """espeak-ng's anchor reads two stories, one with a non-ASCII headline."""
    folder = tmp_path_factory.mktemp("anchor")
    return _episode(folder / "out", "anchor", _articles(folder / "articles", 1, ZURICH))


@pytest.fixture(scope="module")
def presenter(tmp_path_factory) -> Episode:
    """hibari's presenter reads two stories."""
    folder = tmp_path_factory.mktemp("presenter")
    return _episode(folder / "out", "presenter", _articles(folder / "articles", 2))


def _book(episode: Episode, kind: BookFormat) -> Path:
    (path,) = (p for p in episode.books if p.name.endswith(kind.suffix))
    return path


# -- the EPUB ---------------------------------------------------------------------------


#: A short run: the JIT's first tier and the serial collector start in half the time.
JAVA_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


@pytest.fixture(scope="module")
def epubcheck_reports(anchor, presenter) -> dict[str, str]:
    """epubcheck's report on each real episode's EPUB (both checked at once)."""
    java = shutil.which("java")
    if java is None or not EPUBCHECK_JAR.exists():
        pytest.skip(
            "epubcheck is not installed: sudo apt-get install epubcheck "
            "(make epubcheck-deps installs it)"
        )
    running = {
        name: subprocess.Popen(
            [java, *JAVA_FLAGS, "-jar", str(EPUBCHECK_JAR), str(_book(episode, BookFormat.EPUB))],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for name, episode in (("anchor", anchor), ("presenter", presenter))
    }
    return {name: process.communicate(timeout=600)[0] for name, process in running.items()}


@pytest.mark.integration
@pytest.mark.parametrize("which", ["anchor", "presenter"])
def test_epubcheck_finds_no_error_and_no_warning(which, epubcheck_reports):
    report = epubcheck_reports[which]
    assert "No errors or warnings detected." in report, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in report, report


@dataclass(frozen=True)
class Clip:
    text: str
    audio: str
    begin_s: float
    end_s: float


def _seconds(value: str) -> float:
    value = value.removeprefix("npt=").removesuffix("s")
    parts = [float(p) for p in value.split(":")]
    return sum(p * 60**i for i, p in enumerate(reversed(parts)))


def _epub_overlays(path: Path) -> tuple[list[str], list[list[Clip]], dict[str, str]]:
    """The navigation's titles, each document's clips (with its text), and the OPF's
    media:duration metadata, read back from the package with lxml."""
    with zipfile.ZipFile(path) as package:
        first = package.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert package.read("mimetype") == b"application/epub+zip"
        opf = etree.fromstring(package.read("EPUB/package.opf"))
        items = {i.get("id"): i for i in opf.iter(f"{OPF}item")}
        spine = [items[r.get("idref")] for r in opf.iter(f"{OPF}itemref")]
        nav = etree.fromstring(package.read("EPUB/nav.xhtml"))
        titles = ["".join(a.itertext()) for a in nav.iter(f"{XHTML}a")]
        documents = []
        for item in spine:
            text = etree.fromstring(package.read(f"EPUB/{item.get('href')}"))
            by_id = {e.get("id"): "".join(e.itertext()) for e in text.iter() if e.get("id")}
            overlay = items[item.get("media-overlay")]
            smil = etree.fromstring(package.read(f"EPUB/{overlay.get('href')}"))
            clips = []
            for par in smil.iter(f"{SMIL3}par"):
                target = par.find(f"{SMIL3}text").get("src").split("#")[1]
                audio = par.find(f"{SMIL3}audio")
                clips.append(
                    Clip(by_id[target], audio.get("src"), _seconds(audio.get("clipBegin")),
                         _seconds(audio.get("clipEnd")))
                )  # fmt: skip
            documents.append(clips)
        durations = {
            m.get("refines", "whole"): m.text
            for m in opf.iter(f"{OPF}meta")
            if m.get("property") == "media:duration"
        }
    return titles, documents, durations


def _cue_starting(cues, text: str, at_ms: float):
    """The transcript cue a sentence starts with: the first of its pieces."""
    (cue,) = (c for c in cues if text.startswith(c.text) and abs(c.start_ms - at_ms) <= 10)
    return cue


def _cue_ending(cues, text: str, at_ms: float):
    """The transcript cue a sentence ends with: the last of its pieces."""
    (cue,) = (c for c in cues if text.endswith(c.text) and abs(c.end_ms - at_ms) <= 10)
    return cue


def test_epub_carries_the_episode_mp3_and_a_clip_per_sentence(anchor):
    path = _book(anchor, BookFormat.EPUB)
    titles, documents, durations = _epub_overlays(path)
    assert titles == [anchor.title, *(c.title for c in anchor.chapters[1:])]
    assert ZURICH[0] in titles
    clips = [clip for document in documents for clip in document]
    # every word of the transcript, a long sentence's pieces joined in one clip
    assert " ".join(c.text for c in clips) == " ".join(c.text for c in anchor.cues)
    assert len(clips) < len(anchor.cues)
    for clip in clips:
        assert clip.audio == "audio/episode.mp3"
        assert _cue_starting(anchor.cues, clip.text, clip.begin_s * 1000)
    with zipfile.ZipFile(path) as package:
        assert package.read("EPUB/audio/episode.mp3") == anchor.mp3_path.read_bytes()
    total = sum(c.end_s - c.begin_s for c in clips)
    assert abs(_seconds(durations.pop("whole")) - total) < 0.01
    assert len(durations) == len(documents)


def _onset_s(samples, at_s: float) -> float:
    """Where speech starts near ``at_s``: from 0.3 s before it, past the end of any
    speech before, the first loud 20 ms window."""

    def loud(t: float) -> bool:
        return window_rms(samples, RATE, t, 0.02) > 800

    t = max(0.0, at_s - 0.3)
    while loud(t) and t < at_s:
        t += 0.005
    while not loud(t) and t < at_s + 1.0:
        t += 0.005
    return t


ONSETS: dict[str, float] = {}
"""The largest distance between a clip's start and its speech's, by edition (the
report prints them with -s)."""


def test_epub_sentences_start_where_they_are_heard(anchor, tmp_path):
    _, documents, _ = _epub_overlays(_book(anchor, BookFormat.EPUB))
    with zipfile.ZipFile(_book(anchor, BookFormat.EPUB)) as package:
        mp3 = tmp_path / "episode.mp3"
        mp3.write_bytes(package.read("EPUB/audio/episode.mp3"))
    samples = decode_mp3(mp3)
    checked = 0
    for clip in (c for document in documents for c in document):
        if clip.text[:1].isupper():
            assert quiet_then_speech(samples, clip.begin_s), clip.text
            offset = abs(_onset_s(samples, clip.begin_s) - clip.begin_s)
            assert offset < 0.3, clip.text
            ONSETS["epub"] = max(ONSETS.get("epub", 0.0), offset)
            checked += 1
    print(f"EPUB: {checked} sentences, onset within {ONSETS['epub'] * 1000:.0f} ms")
    assert checked >= 6


# -- the DAISY book -----------------------------------------------------------------------


@dataclass(frozen=True)
class Daisy:
    meta: dict[str, str]
    headings: list[str]
    """The NCC's headings, in order."""
    sections: list[list[Clip]]
    """Each heading's SMIL: its clips, the heading's first."""
    files: dict[str, bytes]


def _read_daisy(path: Path) -> Daisy:
    """A DAISY 2.02 book read back as the specification has it: ncc.html's metadata
    and h1 headings, each heading's link into a SMIL file, each par's text into the
    content document and its audio clip."""
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        (folder,) = {name.split("/")[0] for name in names}
        files = {name.split("/", 1)[1]: package.read(name) for name in names}
    ncc = etree.fromstring(files["ncc.html"], parser)
    meta = {m.get("name"): m.get("content") for m in ncc.iter(f"{XHTML}meta") if m.get("name")}
    headings, sections = [], []
    texts: dict[str, dict[str, str]] = {}
    for number, h1 in enumerate(ncc.iter(f"{XHTML}h1")):
        assert (h1.get("class") == "title") == (number == 0)
        link = h1.find(f"{XHTML}a")
        headings.append("".join(link.itertext()))
        smil_name, target = link.get("href").split("#")
        smil = etree.fromstring(files[smil_name], parser)
        assert smil.find("head/meta[@name='dc:format']").get("content") == "Daisy 2.02"
        pars = smil.findall("body/seq/par")
        assert pars[0].find("text").get("id") == target  # the heading is the first par
        clips = []
        for par in pars:
            document, anchor = par.find("text").get("src").split("#")
            if document not in texts:
                content = etree.fromstring(files[document], parser)
                texts[document] = {
                    e.get("id"): "".join(e.itertext()) for e in content.iter() if e.get("id")
                }
            (audio,) = par.findall("seq/audio")  # one clip a par
            clips.append(
                Clip(texts[document][anchor], audio.get("src"),
                     _seconds(audio.get("clip-begin")), _seconds(audio.get("clip-end")))
            )  # fmt: skip
        sections.append(clips)
    assert folder == f"briefing-{DATE.isoformat()}"
    assert int(meta["ncc:files"]) == len(files)
    return Daisy(meta, headings, sections, files)


def _decoded(data: bytes, tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(data)
    return decode_mp3(path)


def test_daisy_book_read_back_matches_the_episode(anchor, tmp_path):
    book = _read_daisy(_book(anchor, BookFormat.DAISY))
    assert book.meta["dc:format"] == "Daisy 2.02"
    assert book.meta["ncc:multimediaType"] == "audioFullText"
    assert book.meta["dc:title"] == anchor.title
    # every story a heading, in order, the intro's the book's title
    assert book.headings == [anchor.title, *(c.title for c in anchor.chapters[1:])]
    assert ZURICH[0] in book.headings
    lengths, offset_s = [], 0.0
    for chapter, clips in zip(anchor.chapters, book.sections, strict=True):
        (audio,) = {c.audio for c in clips}  # one MP3 a section
        samples = _decoded(book.files[audio], tmp_path, audio)
        length_s = len(samples) / RATE
        # the file starts where its part's first block does (with the chime that leads
        # into a story), at most a second or two before its first words
        lead_s = chapter.start_ms / 1000 - offset_s
        assert 0 <= lead_s < 2.0
        assert clips[0].begin_s == 0 and abs(clips[-1].end_s - length_s) < 0.001
        for before, after in zip(clips, clips[1:], strict=False):
            assert before.end_s == after.begin_s  # no gap, no overlap
        # a heading's clip is the spoken lead-in (or first sentence), not a blip
        assert clips[0].end_s - clips[0].begin_s > 0.5
        for clip in clips[1:]:  # within 10 ms of the transcript's times
            assert _cue_starting(anchor.cues, clip.text, (offset_s + clip.begin_s) * 1000)
            if clip is not clips[-1]:
                assert _cue_ending(anchor.cues, clip.text, (offset_s + clip.end_s) * 1000)
        lengths.append(length_s)
        offset_s += length_s
    # the parts add up to the whole episode, sample for sample
    assert len(decode_mp3(anchor.mp3_path)) == round(offset_s * RATE)
    assert book.meta["ncc:totalTime"] == hms(anchor.duration_ms)
    assert abs(offset_s * 1000 - anchor.duration_ms) <= 1


def test_daisy_sentences_start_where_they_are_heard(anchor, tmp_path):
    book = _read_daisy(_book(anchor, BookFormat.DAISY))
    checked, worst = 0, 0.0
    for clips in book.sections:
        samples = _decoded(book.files[clips[0].audio], tmp_path, clips[0].audio)
        for clip in clips[1:]:
            if clip.text[:1].isupper():
                assert quiet_then_speech(samples, clip.begin_s), clip.text
                worst = max(worst, abs(_onset_s(samples, clip.begin_s) - clip.begin_s))
                checked += 1
    print(f"DAISY: {checked} sentences, onset within {worst * 1000:.0f} ms")
    assert checked >= 5 and worst < 0.3


@pytest.mark.integration
def test_presenter_daisy_book_is_whole(presenter):
    book = _read_daisy(_book(presenter, BookFormat.DAISY))
    assert book.headings == [presenter.title, *(c.title for c in presenter.chapters[1:])]
    sentences = [c.text for section in book.sections for c in section[1:]]
    said = " ".join(c.text for c in presenter.cues)
    assert all(sentence in said for sentence in sentences) and len(sentences) > 5


# -- awkward episodes, with the tone engine -------------------------------------------------


def test_one_story_episode_makes_both_books(tone_show_voices, tmp_path):
    episode = _episode(tmp_path / "out", "anchor", _articles(tmp_path / "articles", 1))
    assert len(episode.stories) == 1
    titles, documents, _ = _epub_overlays(_book(episode, BookFormat.EPUB))
    assert len(titles) == len(documents) == 3  # intro, the story, outro
    book = _read_daisy(_book(episode, BookFormat.DAISY))
    assert book.headings == titles


def test_a_story_that_could_not_be_spoken_is_left_out_of_the_books(tone_show_voices, tmp_path):
    articles = _articles(tmp_path / "articles", 3)
    # the tone engine's worker dies on "kaboom", twice: the story is left out
    articles[1].write_text("Tram depot closes\n\nThe tram depot closed with a kaboom.\n")
    episode = _episode(tmp_path / "out", "anchor", articles)
    assert len(episode.stories) == 2
    titles, _, _ = _epub_overlays(_book(episode, BookFormat.EPUB))
    book = _read_daisy(_book(episode, BookFormat.DAISY))
    assert book.headings == titles == [episode.title, *(c.title for c in episode.chapters[1:])]
    assert "Tram depot closes" not in titles


def test_non_ascii_titles_travel_into_every_file(tone_show_voices, tmp_path):
    episode = _episode(tmp_path / "out", "anchor", _articles(tmp_path / "articles", 0, ZURICH))
    titles, documents, _ = _epub_overlays(_book(episode, BookFormat.EPUB))
    assert titles[1] == ZURICH[0]
    assert _read_daisy(_book(episode, BookFormat.DAISY)).headings[1] == ZURICH[0]


# -- the pieces ------------------------------------------------------------------------


def test_a_stream_starts_with_a_frame_that_decodes_on_its_own():
    pcm = b"".join(
        int(1000 * (k % 50 - 25)).to_bytes(2, "little", signed=True) for k in range(44100)
    )
    data = encode(pcm, sample_rate=RATE, bitrate_kbps=64)
    frames = list(mpeg_frames(data))
    assert len(frames) == count_frames(data) > 70
    assert frames[0].reservoir == 0 and any(f.reservoir for f in frames)
    assert sum(f.length for f in frames) == len(data)


def test_cuts_fall_on_frames_that_decode_on_their_own():
    data = b"".join(
        encode(bytes(2 * RATE // n), sample_rate=RATE, bitrate_kbps=64) for n in (1, 2, 1)
    )
    frames = list(mpeg_frames(data))
    parts = cuts(frames, [0, 1100, 1700])
    assert [p.first for p in parts] == [0, *(p.first for p in parts[1:])]
    assert all(frames[p.first].reservoir == 0 for p in parts)
    assert parts[-1].last == len(frames)
    assert all(p.offset_ms <= start for p, start in zip(parts, [0, 1100, 1700], strict=True))


@pytest.mark.parametrize(
    ("ms", "full", "rounded"),
    [(0, "0:00:00.000", "00:00:00"), (61_234, "0:01:01.234", "00:01:01"),
     (3_600_500, "1:00:00.500", "01:00:01")],
)  # fmt: skip
def test_clock_values(ms, full, rounded):
    assert clock(ms) == full
    assert hms(ms) == rounded


@pytest.mark.parametrize(
    ("lead", "cues", "expected"),
    [((), ["The news."], 0), (("Next.",), ["Next.", "The news."], 1),
     (("Next.", "From Reuters."), ["Next.", "From Reuters.", "The news."], 2),
     (("Thanks, Sam. A very long hand-over line,", "then more."),
      ["Thanks, Sam. A very long", "hand-over line,", "then more.", "News."], 3)],
)  # fmt: skip
def test_lead_count(lead, cues, expected):
    from briefing.models import Cue, Segment, SegmentKind

    segment = Segment(SegmentKind.STORY, "T", (*lead, "The news."), "anchor", lead=len(lead))
    timed = [Cue(i, i + 1, text, "anchor") for i, text in enumerate(cues)]
    assert lead_count(segment, timed) == expected


def test_book_files_are_zips_that_say_what_they_are(tone_show_voices, tmp_path):
    episode = _episode(tmp_path / "out", "anchor", _articles(tmp_path / "articles", 1))
    epub = _book(episode, BookFormat.EPUB).read_bytes()
    assert epub[30:58] == b"mimetypeapplication/epub+zip"
    assert zipfile.is_zipfile(io.BytesIO(_book(episode, BookFormat.DAISY).read_bytes()))


# -- where the editions plug in: page, feed, server, store, config, command line ---------


def test_page_links_the_books_the_feed_does_not_and_keep_removes_them(tone_show_voices, tmp_path):
    import podcastparser
    from lxml import html

    from briefing.publish import rebuild
    from briefing.publish.store import load_store

    out = tmp_path / "out"
    older = pipeline.generate(
        _articles(tmp_path / "a", 1), out_dir=out, date=DATE - dt.timedelta(days=1),
        voices=["anchor"], since=None, editions=("daisy", "epub", "epub"),
    )  # fmt: skip
    newer = _episode(out, "anchor", _articles(tmp_path / "b", 2))
    names = [p.name for p in newer.books]
    assert names == [
        p.name for p in (_book(newer, BookFormat.EPUB), _book(newer, BookFormat.DAISY))
    ]
    assert load_store(out).episodes[0].books == tuple(names)
    page = html.fromstring((out / "index.html").read_bytes())
    links = [a.get("href") for a in page.iter("a")]
    assert all(name in links for name in names + [p.name for p in older.books])
    with (out / "feed.xml").open("rb") as feed:
        parsed = podcastparser.parse(str(out / "feed.xml"), feed)
    urls = [e["url"] for episode in parsed["episodes"] for e in episode["enclosures"]]
    assert len(urls) == 2 and all(url.endswith(".mp3") for url in urls)
    # --keep 1: the older episode goes, its books with it
    rebuild(out, keep=1)
    assert not any(p.exists() for p in older.books)
    assert all(p.exists() for p in newer.books)
    # made again without editions: the day's earlier books go once the feed moves on
    again = pipeline.generate(
        _articles(tmp_path / "b", 2), out_dir=out, date=DATE, voices=["anchor"], since=None
    )
    assert again.books == () and not any(p.exists() for p in newer.books)


def test_serve_names_the_books_types():
    from briefing.serve import content_type

    assert content_type(Path("briefing-2026-12-07-0123456789ab.epub")) == "application/epub+zip"
    assert content_type(Path("briefing-2026-12-07-0123456789ab.daisy.zip")) == "application/zip"


def test_config_and_command_line_name_the_editions(tmp_path):
    from click.testing import CliRunner

    from briefing.cli import cli
    from briefing.config import ConfigError, parse_config
    from briefing.options import run_options

    config = parse_config({"output": {"editions": ["daisy", "epub"]}})
    assert config.editions == (BookFormat.EPUB, BookFormat.DAISY)
    assert run_options(config).editions == config.editions
    assert run_options(config, editions=("daisy",)).editions == (BookFormat.DAISY,)
    with pytest.raises(ConfigError) as info:
        parse_config({"output": {"editions": ["pdf"]}})
    assert "output.editions" in str(info.value) and "epub, daisy" in str(info.value)
    assert "\n" not in str(info.value)
    result = CliRunner().invoke(cli, ["generate", "--edition", "pdf", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "'epub', 'daisy'" in result.output
    assert "--edition" in CliRunner().invoke(cli, ["generate", "--help"]).output


@pytest.mark.parametrize(
    ("pieces", "sentences"),
    [(["One.", "Two."], ["One.", "Two."]),
     (["A long sentence, cut", "in two."], ["A long sentence, cut in two."]),
     (["He said “yes.”", "Then left!"], ["He said “yes.”", "Then left!"]),
     (["Three", "pieces,", "joined?"], ["Three pieces, joined?"]),
     (["No end"], ["No end"])],
)  # fmt: skip
def test_a_long_sentences_cues_make_one_phrase(pieces, sentences):
    from briefing.models import Cue
    from briefing.publish.books import join_sentences

    cues = [Cue(i * 10, i * 10 + 10, text, "anchor") for i, text in enumerate(pieces)]
    phrases = join_sentences(cues)
    assert [p.text for p in phrases] == sentences
    assert phrases[0].start_ms == 0 and phrases[-1].end_ms == 10 * len(pieces)
