"""Issue 31 end to end: `briefing generate --config` with a German and a Spanish show,
real espeak-ng.

The episode is audible, its chapters and cues line up with the audio, its feed, page
and ID3 tags say its language, the script says no English show phrase, and an English
article in the show is skipped with its reason."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from .helpers import decode_mp3, episode_file, rms, subprocess_env, window_rms

pytestmark = pytest.mark.integration

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parents[1] / "briefing" / "samples" / "sample-03-coffee-prices.txt"
DATE = "2026-11-25"
ENGLISH_SHOW_PHRASES = ("Hello", "welcome to", "Coming up", "That's the briefing", "Thank you")
#: tag: (article, show title, its name in the skip line, the greeting, a word of the
#: article, ID3 language, the episode's title, its intro's and outro's chapter titles)
SHOWS = {
    "de": ("de-strassenbahn.txt", "Der Morgen", "German",
           "Guten Tag, hier ist Der Morgen am Mittwoch", "Straßenbahn", "deu",
           "Der Morgen: Mittwoch, 25. November 2026", "Einleitung", "Schluss"),
    "es": ("es-coro.txt", "El Boletín", "Spanish",
           "Buenos días, esto es El Boletín. Hoy es miércoles", "Kestrava", "spa",
           "El Boletín: miércoles, 25 de noviembre de 2026", "Introducción", "Cierre"),
}  # fmt: skip


@pytest.fixture(scope="module", params=sorted(SHOWS))
def run(request, tmp_path_factory):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed: `make system-deps` (apt-get install espeak-ng)")
    tag = request.param
    article, title = SHOWS[tag][:2]
    home = tmp_path_factory.mktemp(tag)
    articles = home / "articles"
    articles.mkdir()
    shutil.copy(DATA / article, articles)
    shutil.copy(SAMPLE, articles / "english.txt")
    config = home / "briefing.toml"
    config.write_text(
        f'[show]\ntitle = "{title}"\nlanguage = "{tag}"\n\n'
        f'[[sources]]\nname = "Lokales"\npath = "{articles}"\n',
        encoding="utf-8",
    )
    out = home / "out"
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "generate", "--config", str(config),
         "--out", str(out), "--date", DATE, "--base-url", "https://example.org/b/",
         "--edition", "epub", "--edition", "daisy"],
        capture_output=True, text=True, timeout=300,
        env=subprocess_env(BRIEFING_CACHE_DIR=str(home / "cache")),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return tag, out, result


def test_the_english_article_is_skipped_with_its_reason(run):
    tag, _, result = run
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1
    assert warned[0].endswith(f"english.txt: in English, not the show's {SHOWS[tag][2]}")


def test_the_script_is_in_the_show_s_language(run):
    tag, out, _ = run
    script = episode_file(out, DATE, "script").read_text(encoding="utf-8")
    for phrase in ENGLISH_SHOW_PHRASES:
        assert phrase not in script
    assert SHOWS[tag][3] in script
    assert SHOWS[tag][4] in script and "coffee" not in script.lower()


def test_the_episode_is_audible_and_its_chapters_and_cues_line_up(run):
    tag, out, _ = run
    mp3 = episode_file(out, DATE)
    samples = decode_mp3(mp3)
    seconds = len(samples) / 22050
    assert seconds > 10
    assert rms(samples) > 300  # speech, not silence
    chapters = json.loads(episode_file(out, DATE, "chapters").read_text(encoding="utf-8"))
    starts = [c["startTime"] for c in chapters["chapters"]]
    assert starts == sorted(starts) and starts[0] == 0 and starts[-1] < seconds
    assert len(starts) == 3  # intro, the one story, outro
    for start in starts[1:]:
        assert window_rms(samples, 22050, start + 0.02, 0.4) > 300  # speech where it starts
    vtt = episode_file(out, DATE, "vtt").read_text(encoding="utf-8")
    assert SHOWS[tag][4] in vtt and " Komma " not in vtt  # the written form
    ends = [line.split(" --> ")[1] for line in vtt.splitlines() if " --> " in line]
    last = ends[-1].split(":")
    assert float(last[-1]) + 60 * int(last[-2]) <= seconds + 0.1


def test_feed_page_and_tags_say_the_show_s_language(run):
    tag, out, _ = run
    feed = ET.parse(out / "feed.xml")
    assert feed.findtext("channel/language") == tag
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{tag}">' in page
    tags = ID3(str(episode_file(out, DATE)))
    assert str(tags["TLAN"]) == SHOWS[tag][5]
    assert MP3(str(episode_file(out, DATE))).info.sample_rate == 22050


def test_the_title_date_and_labels_a_listener_sees_are_in_the_show_s_language(run):
    import zipfile

    from lxml import etree, html

    tag, out, _ = run
    title, intro = SHOWS[tag][6:8]
    tags = ID3(str(episode_file(out, DATE)))
    assert str(tags["TIT2"]) == title
    comment = str(tags.getall("COMM")[0])
    assert comment.startswith(("Meldungen: ", "Noticias: ")) and "Stories" not in comment
    assert [str(c.sub_frames["TIT2"]) for c in tags.getall("CHAP")][0] == intro
    item = ET.parse(out / "feed.xml").find("channel/item")
    assert item.findtext("title") == title
    assert item.findtext("description").startswith(f"{title}.")
    chapters = json.loads(episode_file(out, DATE, "chapters").read_text(encoding="utf-8"))
    assert [c["title"] for c in chapters["chapters"]][::2] == [intro, SHOWS[tag][8]]
    page = html.parse(str(out / "index.html")).getroot()
    assert page.findtext(".//h2") == title
    headings = [h.text_content() for h in page.iter("h3", "h4")]
    assert not {"Stories", "Transcript", "Introduction", "Closing"} & set(headings)
    assert "Download the" not in page.text_content()
    (epub,) = out.glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
    texts = [t for t in nav.itertext() if t.strip()]
    assert texts[0] == title and SHOWS[tag][8] in texts and "Outro" not in texts
    (daisy,) = out.glob("*.daisy.zip")
    with zipfile.ZipFile(daisy) as book:
        (ncc,) = [n for n in book.namelist() if n.endswith("ncc.html")]
        headings = [h.text_content() for h in html.fromstring(book.read(ncc)).iter("h1")]
    assert headings[0] == title and headings[-1] == SHOWS[tag][8]
