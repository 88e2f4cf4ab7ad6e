"""Issue 31: one language seam; German and Spanish scripts, sentences and spoken forms."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace
from pathlib import Path

import pytest
from num2words import num2words

from briefing.errors import LanguageError
from briefing.languages import KNOWN, get_language
from briefing.models import SegmentKind, Story
from briefing.script import build_script
from briefing.speech import to_spoken
from briefing.text import days_as_of, split_sentences

DATE = dt.date(2026, 11, 25)  # a Wednesday


def test_a_language_is_found_by_its_tag_and_an_unknown_one_is_one_clear_error():
    assert get_language("de-AT").tag == "de"
    assert get_language(None).tag == "en"
    with pytest.raises(LanguageError, match=r"'fr'.*one of de, en, es"):
        get_language("fr")
    assert KNOWN == ("de", "en", "es")


def n(value: int, lang: str, **kwargs: str) -> str:
    return str(num2words(value, lang=lang, **kwargs))


@pytest.mark.parametrize(
    ("language", "written", "spoken"),
    [
        ("de", "3,8 Kilometer", f"{n(3, 'de')} Komma {n(8, 'de')} Kilometer"),
        ("de", "18.500 Besucher", f"{n(18500, 'de')} Besucher"),
        ("de", "um 4,5 %", f"um {n(4, 'de')} Komma {n(5, 'de')} Prozent"),
        ("de", "kostet 12,50 €", f"kostet {n(12, 'de')} Euro und {n(50, 'de')} Cent"),
        ("de", "2,3 Millionen €", f"{n(2, 'de')} Komma {n(3, 'de')} Millionen Euro"),
        ("de", "am 25. November", f"am {n(25, 'de', to='ordinal')}n November"),
        ("de", "im Jahr 1990", f"im Jahr {n(1990, 'de', to='year')}"),
        ("de", "im Jahr 2026", f"im Jahr {n(2026, 'de')}"),
        ("de", "um 14:30 Uhr", f"um {n(14, 'de')} Uhr {n(30, 'de')}"),
        ("de", "z. B. Bäume", "zum Beispiel Bäume"),
        ("de", "1 Million", "eine Million"),
        ("de", "-3 Grad", f"minus {n(3, 'de')} Grad"),
        ("de", "142 Millionen", "hundertzweiundvierzig Millionen"),  # no "ein" before it
        ("de", "101 Tage", "hundertein Tage"),
        ("es", "4,5 kilómetros", f"{n(4, 'es')} coma {n(5, 'es')} kilómetros"),
        ("es", "18.500 visitantes", f"{n(18500, 'es')} visitantes"),
        ("es", "un 12 %", f"un {n(12, 'es')} por ciento"),
        ("es", "12,50 €", f"{n(12, 'es')} euros con {n(50, 'es')} céntimos"),
        ("es", "el 25 de noviembre", f"el {n(25, 'es')} de noviembre"),
        ("es", "el 1 de mayo", "el primero de mayo"),
        ("es", "en 1990", f"en {n(1990, 'es')}"),
        ("es", "quedó 3.º", f"quedó {n(3, 'es', to='ordinal')}"),
        ("es", "a las 14:30", f"a las {n(14, 'es')} {n(30, 'es')}"),
        ("es", "EE. UU. y la Sra. Ruiz", "Estados Unidos y la señora Ruiz"),
        ("es", "21 países", "veintiún países"),
        ("es", "31 grupos", "treinta y un grupos"),
        ("es", "quedaron 21.", f"quedaron {n(21, 'es')}."),
    ],
)
def test_spoken_forms(language, written, spoken):
    assert to_spoken(written, language=language) == spoken


@pytest.mark.parametrize(
    ("language", "written", "spoken"),
    [
        # scores and ratios; a German time needs "Uhr", a leading zero or a word of time
        ("de", "Das Spiel endete 2:2.", "Das Spiel endete zwei zu zwei."),
        ("de", "gewann mit 21:19 in Kiel", "gewann mit einundzwanzig zu neunzehn in Kiel"),
        ("de", "nach dem 3:1-Sieg", "nach dem drei zu eins-Sieg"),
        ("de", "im Verhältnis 4:1", "im Verhältnis vier zu eins"),
        ("de", "ab 21:15 im Kino", "ab einundzwanzig Uhr fünfzehn im Kino"),
        ("de", "Der Bus fährt 6:05 ab.", "Der Bus fährt sechs Uhr fünf ab."),
        ("de", "Es ist 1:00 Uhr.", "Es ist ein Uhr."),
        ("de", "gegen 1.45 Uhr", "gegen ein Uhr fünfundvierzig"),
        ("es", "ganó 4-0 al líder", "ganó cuatro a cero al líder"),
        ("es", "empataron 1-1", "empataron uno a uno"),
        ("es", "en proporción 2:1", "en proporción dos a uno"),
        # ranges
        ("de", "von 2015-2019 stieg", f"von {n(2015, 'de')} bis {n(2019, 'de')} stieg"),
        ("de", "12–18 Grad", "zwölf bis achtzehn Grad"),
        ("de", "zwischen 1970-1975", f"zwischen {n(1970, 'de', to='year')} bis "
         f"{n(1975, 'de', to='year')}"),
        ("de", "2-4 %", "zwei bis vier Prozent"),
        ("de", "Ruf 0228-4711 an", "Ruf null zwei zwei acht, vier sieben eins eins an"),
        ("de", "unter 030 2970", "unter null drei null, zwei neun sieben null"),
        ("de", "am 2026-12-08", f"am achten Dezember {n(2026, 'de')}"),
        ("es", "el 2026-12-08", f"el ocho de diciembre de {n(2026, 'es')}"),
        ("es", "de 8-12 grados", "de ocho a doce grados"),
        # Spanish times as its radio says them
        ("es", "a las 9:15", "a las nueve y cuarto"),
        ("es", "a las 4:30 de la mañana", "a las cuatro y media de la mañana"),
        ("es", "a la 1:00", "a la una"),
        ("es", "a las 21:00 horas", "a las veintiuna horas"),
        ("es", "a las 20.45 horas", "a las veinte cuarenta y cinco horas"),
        ("es", "a las 10:10", "a las diez y diez"),
        # German ordinals after an article or a preposition with one; Spanish 1.er, 3.er
        ("de", "Der 4. Platz ging an Bonn.", "Der vierte Platz ging an Bonn."),
        ("de", "im 3. Quartal", "im dritten Quartal"),
        ("de", "zum 10. Mal", "zum zehnten Mal"),
        ("de", "seinen 70. Geburtstag", "seinen siebzigsten Geburtstag"),
        ("de", "Er kam auf 3. Stelle", "Er kam auf drei. Stelle"),  # no article: as a number
        ("es", "el 1.er premio", "el primer premio"),
        ("es", "su 3.er disco", "su tercer disco"),
        # dates in digits
        ("de", "am 4.10.2027", f"am vierten Oktober {n(2027, 'de')}"),
        ("de", "bis zum 07.01. geöffnet", "bis zum siebten Januar geöffnet"),
        ("es", "el 9/10/2027", f"el nueve de octubre de {n(2027, 'es')}"),
        ("es", "el 1/5/2026", f"el primero de mayo de {n(2026, 'es')}"),
        # units after a number, agreeing with it
        ("de", "1.200 m hoch", "tausendzweihundert Meter hoch"),
        ("de", "bei -7 °C", "bei minus sieben Grad Celsius"),
        ("de", "1 t Sand", "eine Tonne Sand"),
        ("de", "40 t Sand", "vierzig Tonnen Sand"),
        ("de", "85 m² groß", "fünfundachtzig Quadratmeter groß"),
        ("de", "1,5 l Wasser", "eins Komma fünf Liter Wasser"),
        ("es", "a 3 °C", "a tres grados"),
        ("es", "21 t de basura", "veintiuna toneladas de basura"),
        ("es", "1 m de altura", "un metro de altura"),
        ("es", "60 m² útiles", "sesenta metros cuadrados útiles"),
        # German decades and numbers joined to a word
        ("de", "in den 80er-Jahren", "in den achtziger Jahren"),
        ("de", "die 1960er Jahre", f"die {n(1960, 'de', to='year')}er Jahre"),
        ("de", "eine 17-jährige Schülerin", "eine siebzehnjährige Schülerin"),
        ("de", "ein 1-jähriges Kind", "ein einjähriges Kind"),
        ("de", "der 5-fache Preis", "der fünffache Preis"),
        # Spanish Roman numerals: a century's a cardinal, a monarch's an ordinal to ten
        ("es", "en el siglo XIX", "en el siglo diecinueve"),
        ("es", "el rey Carlos IV abdicó", "el rey Carlos cuarto abdicó"),
        ("es", "la reina Isabel I", "la reina Isabel primera"),
        ("es", "Pío XII habló", "Pío doce habló"),
        ("es", "Gregorio XIII reformó", "Gregorio trece reformó"),
        ("es", "Fase V del plan", "Fase V del plan"),  # a sentence's first word: no king
        # German ones, an article and an ordinal by case; a counted part a cardinal
        ("de", "Ludwig XIV. starb früh.", "Ludwig der Vierzehnte starb früh."),
        ("de", "Unter Karl V. wuchs das Reich.", "Unter Karl dem Fünften wuchs das Reich."),
        ("de", "Für Leo XIV. war es gut.", "Für Leo den Vierzehnten war es gut."),
        ("de", "Die Zeit Ludwigs XIV. war lang.", "Die Zeit Ludwigs des Vierzehnten war lang."),
        ("de", "Es beginnt Teil III.", "Es beginnt Teil drei."),
        ("de", "Teil V beginnt.", "Teil V beginnt."),
        # money written with its name, a rate's decimals, a price per unit
        ("de", "auf 13,90 Euro", "auf dreizehn Euro und neunzig Cent"),
        ("de", "für 0,30 €/kWh", "für dreißig Cent pro Kilowattstunde"),
        ("de", "kostete 1,0512 US-Dollar", "kostete eins Komma null fünf eins zwei US-Dollar"),
        ("de", "12,80 €/m²", "zwölf Euro und achtzig Cent pro Quadratmeter"),
        ("es", "cuesta 3,50 euros", "cuesta tres euros con cincuenta céntimos"),
        ("es", "a 1,0512 dólares", "a uno coma cero cinco uno dos dólares"),
        ("es", "5 €/h", "cinco euros por hora"),
        # time units, a sentence's stop kept after an abbreviated one
        ("de", "mit 45 Min. Verspätung", "mit fünfundvierzig Minuten Verspätung"),
        ("de", "Er kam nach 45 Min.", "Er kam nach fünfundvierzig Minuten."),
        ("de", "in 9,58 s", "in neun Komma fünf acht Sekunden"),
        ("es", "con 45 min de retraso", "con cuarenta y cinco minutos de retraso"),
        ("es", "a las 20:30 h", "a las veinte treinta horas"),
        # abbreviations of law and scale
        ("de", "§ 218 und Abs. 2", "Paragraf zweihundertachtzehn und Absatz zwei"),
        ("de", "4,2 Bio. Euro", "vier Komma zwei Billionen Euro"),
        ("es", "el art. 155", "el artículo ciento cincuenta y cinco"),
        # a dative "der" before an ordinal; a noun's gender by its ending
        ("de", "in der 2. Liga", "in der zweiten Liga"),
        ("de", "für die 2. Runde", "für die zweite Runde"),
        ("de", "Es gab 1 Meldung.", "Es gab eine Meldung."),
        ("de", "1 Mannschaft und 1 Verein", "eine Mannschaft und ein Verein"),
        ("es", "1.001 entradas", "mil una entradas"),
        ("es", "21 periodistas", "veintiún periodistas"),
        ("es", "21 días", "veintiún días"),
        ("es", "31 canciones", "treinta y una canciones"),
        # a Spanish day and month without a year after an article; a fraction stays
        ("es", "Del 24/12 al 6/1.", "Del veinticuatro de diciembre al seis de enero."),
        # proper fractions up to tenths; "24/7" and "50/50" are none
        ("de", "2/3 der Befragten", "zwei Drittel der Befragten"),
        ("de", "1/10 des Preises", "ein Zehntel des Preises"),
        ("de", "1/2 Stunde", "eine halbe Stunde"),
        ("de", "1 ½ Stunden", "eineinhalb Stunden"),
        ("de", "2½ Jahre", "zweieinhalb Jahre"),
        ("de", "3 ¾ Liter", "drei und drei Viertel Liter"),
        ("de", "24/7 geöffnet", "vierundzwanzig/sieben geöffnet"),
        ("es", "las 3/4 partes", "las tres cuartas partes"),
        ("es", "2/3 de los votos", "dos tercios de los votos"),
        ("es", "1/2 kilo", "medio kilo"),
        ("es", "2 ½ horas", "dos horas y media"),
        ("es", "un 50/50", "un cincuenta/cincuenta"),
        # a run of digits no newsreader says is left as written, never an error
        ("de", "Code " + "7" * 40, "Code " + "7" * 40),
        ("es", "código " + "7" * 40, "código " + "7" * 40),
    ],
)  # fmt: skip
def test_spoken_classes(language, written, spoken):
    assert to_spoken(written, language=language) == spoken


@pytest.mark.parametrize(
    "path",
    sorted(
        p for p in (Path(__file__).parent / "data").glob("*.txt") if p.name[:3] in ("de-", "es-")
    ),
    ids=lambda path: path.name,
)
def test_every_number_of_an_article_is_said_in_words(path):
    """Each of the German and Spanish articles written for the tests (scores, times,
    ranges, units, ordinals, telephone numbers, money), split and said in its language,
    keeps no number in digits ("L3", a name, may keep its digit), nor a colon, slash or
    hyphen between the words of two numbers ("neunundzwanzig:fünfundzwanzig")."""
    tag = path.name[:2]
    for sentence in split_sentences(path.read_text(encoding="utf-8"), get_language(tag).sentences):
        spoken = to_spoken(sentence, language=tag)
        assert not re.search(r"(?<!\w)\d|\w[:/]\w", spoken), (sentence, spoken)
        for left, right in re.findall(r"(\w+)-(\w+)", spoken):
            assert not (_is_number_word(left, tag) and _is_number_word(right, tag)), spoken


@functools.cache
def _numbers_said(tag: str) -> frozenset[str]:
    return frozenset(n(i, tag).split()[-1] for i in range(0, 3000))


def _is_number_word(word: str, tag: str) -> bool:
    return word.lower() in _numbers_said(tag)


def test_english_is_the_default_and_unchanged():
    assert to_spoken("It grew 4.5% to $3.2bn.") == to_spoken(
        "It grew 4.5% to $3.2bn.", language="en"
    )


@pytest.mark.parametrize(
    ("language", "text", "sentences"),
    [
        ("de", "Das gilt z. B. für Bäume. Die Stadt plant mehr.", 2),
        ("de", "Am 25. November stimmte der Rat ab. Dr. Weber war dafür.", 2),
        ("de", "Sie wohnt in Haus Nr. 4 in Bonn. Er nicht.", 2),
        ("es", "EE. UU. anunció el plan. La Sra. Ruiz lo criticó.", 2),
        ("es", "Llegó a EE. UU. El viaje duró dos días.", 2),
    ],
)
def test_sentences_split_by_the_language_s_abbreviations(language, text, sentences):
    assert len(split_sentences(text, get_language(language).sentences)) == sentences


STORIES = [
    Story(title=f"Meldung {i}", sentences=(f"Satz {i} der Meldung.",), source=f"s{i}")
    for i in range(1, 6)
]
ENGLISH_PHRASES = ("Hello", "welcome", "Coming up", "Thanks", "That's the briefing", "story")


@pytest.mark.parametrize("tag", ["de", "es"])
def test_a_script_in_another_language_has_no_english_show_phrase(tag):
    names = {"a": "Anna Berg", "b": "Lucía Ortega"}
    script = build_script(STORIES, date=DATE, voices=("a", "b"), names=names, language=tag)
    text = script.to_text()
    assert script.language == tag
    for phrase in ENGLISH_PHRASES:
        assert phrase not in text
    said = get_language(tag).spoken_date(DATE)
    assert said in text
    assert ("Mittwoch" if tag == "de" else "miércoles") in said


@pytest.mark.parametrize(
    ("tag", "text", "spoken"),
    [
        ("de", "Der Rat stimmte am Dienstag ab.", "Der Rat stimmte gestern ab."),
        ("de", "Heute beginnt die Messe.", "Gestern beginnt die Messe."),
        ("de", "Am Sonntag sprach sie.", "Am Sonntag sprach sie."),
        ("es", "El martes votó el consejo.", "Ayer votó el consejo."),
        ("es", "Hoy abre la feria.", "Ayer abre la feria."),
    ],
)
def test_day_words_in_the_language(tag, text, spoken):
    days = get_language(tag).days
    assert days is not None
    written = dt.date(2026, 11, 24)  # a Tuesday: the episode is the day after
    assert days_as_of(text, written, DATE, days) == spoken


DATA = Path(__file__).parent / "data"
NOW = dt.datetime(2026, 11, 25, 6, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("tag", "article", "absent"),
    [("de", "de-strassenbahn.txt", "Hello"), ("es", "es-coro.txt", "Hello")],
)
def test_a_show_in_another_language_reads_its_own_and_skips_an_english_article(
    tag, article, absent
):
    from briefing.models import Show
    from briefing.pipeline import compose_script
    from briefing.sources import gather_articles

    sample = Path(__file__).parents[1] / "briefing/samples/sample-01-tram-extension.txt"
    articles, skipped = gather_articles([DATA / article, sample], now=NOW)
    prepared = compose_script(
        articles, skipped, date=DATE, now=NOW, show=Show(title="Der Morgen", language=tag)
    )
    text = prepared.script.to_text()
    assert absent not in text and "story" not in text
    assert len(prepared.stories) == 1
    english = get_language("en").name
    assert [s.reason for s in prepared.skipped] == [
        f"in {english}, not the show's {get_language(tag).name}"
    ]
    assert prepared.script.segments[0].voice == get_language(tag).default_voice


def test_a_german_sentence_is_counted_by_its_words_not_cut_at_its_umlauts():
    from briefing.script import longest_sentence, story_body

    sentence = " ".join(["Für"] * 18 + ["Bürger"] * 18) + "."  # 36 words, 72 by ASCII letters
    assert longest_sentence(sentence, get_language("de")) == 36
    story = Story(title="Über", sentences=(sentence,), source="s")
    assert story_body(story, get_language("de")) == (sentence,)


@pytest.mark.parametrize(
    ("tag", "date", "title"),
    [
        ("en", DATE, "Der Morgen: Wednesday, November 25, 2026"),
        ("de", DATE, "Der Morgen: Mittwoch, 25. November 2026"),
        ("de", dt.date(2027, 3, 1), "Der Morgen: Montag, 1. März 2027"),
        ("es", DATE, "Der Morgen: miércoles, 25 de noviembre de 2026"),
        ("es", dt.date(2027, 3, 1), "Der Morgen: lunes, 1 de marzo de 2027"),
    ],
)
def test_the_episode_title_has_the_date_written_in_the_show_s_language(tag, date, title):
    from briefing.publish.episode import episode_title

    assert episode_title("Der Morgen", date, get_language(tag)) == title


#: Words a listener sees around an English episode that a German or Spanish one says
#: in its own language (page, feed, tags, books).
ENGLISH_LABELS = ("Transcript", "Stories", "Intro", "Outro", "Download the", "Listen to",
                  "Introduction", "Closing", "Subscribe", "Skip to", "Speed", "seconds",
                  "talking book", "Next story", "Keyboard shortcuts", "No transcript")  # fmt: skip


@pytest.mark.parametrize("tag", ["de", "es"])
def test_the_page_and_feed_of_another_language_show_no_english_label(tag, tmp_path):
    import html.parser
    import xml.etree.ElementTree as ET

    from briefing.models import Chapter, Cue, Show
    from briefing.publish.feed import build_feed
    from briefing.publish.page import build_page
    from briefing.publish.store import Store
    from briefing.publish.transcript import to_vtt

    from .helpers import entry

    story = Chapter("Straßenbahn", SegmentKind.STORY, 5000, 20_000)
    item = replace(entry(25), stories=(story,), duration_ms=30_000,
                   books=("b.epub", "b.daisy.zip"))  # fmt: skip
    (tmp_path / item.vtt).write_text(
        to_vtt(
            [
                Cue(0, 4000, "Guten Tag.", "a"),
                Cue(5000, 20_000, "Die Bahn.", "a"),
                Cue(20_000, 30_000, "Ende.", "a"),
            ]
        )  # fmt: skip
    )
    store = Store(show=Show(title="Der Morgen", language=tag), episodes=(item,))
    page = build_page(store, tmp_path)

    class Text(html.parser.HTMLParser):
        seen: list[str] = []

        def handle_data(self, data):
            self.seen.append(data)

        def handle_starttag(self, tag, attrs):
            self.seen.extend(v or "" for k, v in attrs if k in ("aria-label", "label", "title"))

    parser = Text()
    parser.feed(page)
    shown = " ".join(parser.seen)
    for label in ENGLISH_LABELS:
        assert not re.search(rf"\b{label}\b", shown), label
    assert f'srclang="{tag}"' in page
    feed = ET.fromstring(build_feed(store, "https://example.org/b/"))
    psc = "{http://podlove.org/simple-chapters}chapter"
    titles = [c.get("title") for c in feed.iter(psc)]
    assert titles[1] == "Straßenbahn" and "Intro" not in titles and "Outro" not in titles
    assert titles[0] == get_language(tag).labels.intro


def test_an_english_page_keeps_its_words(tmp_path):
    from briefing.languages import Labels

    english = get_language("en")
    assert english.labels == Labels()
    assert english.labels.intro == "Intro" and english.labels.transcript == "Transcript"


ENGLISH_SAMPLE = Path(__file__).parents[1] / "briefing/samples/sample-01-tram-extension.txt"


def _article(path: Path, language: str = ""):
    from briefing.sources.files import read_article

    return replace(read_article(path), language=language)


@pytest.mark.parametrize(
    ("show", "article", "declared", "reason"),
    [
        ("en", DATA / "de-strassenbahn.txt", "", "in German, not the show's English"),
        ("en", DATA / "es-coro.txt", "", "in Spanish, not the show's English"),
        ("en", ENGLISH_SAMPLE, "", None),
        ("de", DATA / "de-strassenbahn.txt", "", None),
        ("es", ENGLISH_SAMPLE, "", "in English, not the show's Spanish"),
        # A declared language decides without the detector, whatever the text.
        ("en", ENGLISH_SAMPLE, "de-DE", "declared in German, not the show's English"),
        ("de", ENGLISH_SAMPLE, "fr", "declared in language 'fr', not the show's German"),
        # ... but declared as the show's own, the text is still read for its language.
        ("de", ENGLISH_SAMPLE, "de", "in English, not the show's German"),
        ("en", ENGLISH_SAMPLE, "en-GB", None),
    ],
)
def test_every_show_skips_an_article_not_in_its_language(show, article, declared, reason):
    from briefing.sources.language import keep_language

    kept, skipped = keep_language([_article(article, declared)], show)
    assert [s.reason for s in skipped] == ([reason] if reason else [])
    assert len(kept) == (0 if reason else 1)


def test_a_short_text_is_kept_in_any_show():
    from briefing.models import Article
    from briefing.sources.language import keep_language

    short = Article("Kurz", ("Die Straßenbahn fährt wieder.",), "a.txt")
    assert keep_language([short], "en") == ([short], [])


def test_a_feed_s_and_a_page_s_declared_language_reach_the_article():
    from briefing.sources.feeds import parse_feed
    from briefing.sources.pages import extract_page

    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        "<language>de-AT</language><item><title>Die Bahn</title><description>Sie fährt."
        "</description></item></channel></rss>"
    ).encode()
    assert [i.language for i in parse_feed(feed, "http://x/f.xml")[1]] == ["de-AT"]
    body = " ".join(["El tranvía vuelve a circular por el centro de la ciudad."] * 12)
    page = f'<html lang="es"><head><title>Tranvía</title></head><body><article><p>{body}</p>'
    assert extract_page(f"{page}</article></body></html>".encode(), "http://x/p").language == "es"


FRENCH = (
    "Le conseil municipal a approuvé lundi le projet de réparer le vieux pont sur la "
    "rivière. Les travaux commenceront au printemps et dureront deux ans, a déclaré la "
    "maire lors d'une conférence de presse."
)
PORTUGUESE = (
    "A câmara municipal aprovou na segunda-feira o plano para reparar a velha ponte sobre "
    "o rio. As obras vão começar na primavera e durar dois anos, disse o presidente da "
    "câmara numa conferência de imprensa."
)


@pytest.mark.parametrize(
    ("show", "text", "found"),
    [("es", FRENCH, "fr"), ("es", PORTUGUESE, "pt"), ("en", FRENCH, "fr")],
)
def test_a_language_close_to_the_show_s_is_still_read_by_the_detector(show, text, found):
    from briefing.models import Article
    from briefing.sources.language import keep_language

    kept, skipped = keep_language([Article("Le pont", (text,), "a.txt")], show)
    name = get_language(show).name
    assert not kept and [s.reason for s in skipped] == [
        f"in language '{found}', not the show's {name}"
    ]


def test_an_article_plainly_in_the_show_s_language_needs_no_detector(monkeypatch):
    from briefing.sources import language

    def no_model():
        raise AssertionError("the detector was loaded")

    monkeypatch.setattr(language, "_identifier", no_model)
    for tag, path in (("en", ENGLISH_SAMPLE), ("de", DATA / "de-strassenbahn.txt"),
                      ("es", DATA / "es-coro.txt")):  # fmt: skip
        assert len(language.keep_language([_article(path)], tag)[0]) == 1


def test_a_detector_that_cannot_load_keeps_the_articles_with_one_warning(monkeypatch, caplog):
    from briefing.sources import language

    def full_disk():
        raise OSError(27, "File too large")

    monkeypatch.setattr(language, "_identifier", full_disk)
    kept, skipped = language.keep_language([_article(DATA / "de-strassenbahn.txt")], "en")
    assert len(kept) == 1 and not skipped
    assert "language" in caplog.text and "File too large" in caplog.text


@pytest.mark.parametrize(
    ("language", "written", "spoken"),
    [
        # German: "eine" before a feminine noun, "ein" before any other.
        ("de", "1 Stunde", "eine Stunde"),
        ("de", "1 Person", "eine Person"),
        ("de", "1 Million", "eine Million"),
        ("de", "1 Jahr", "ein Jahr"),  # neuter
        ("de", "1 Tag", "ein Tag"),  # masculine
        ("de", "21 Stimmen", "einundzwanzig Stimmen"),
        ("de", "101 Tage", "hundertein Tage"),
        ("de", "2,1 Stunden", "zwei Komma eins Stunden"),  # a decimal agrees with nothing
        ("de", "zwischen 1 und 3", "zwischen eins und drei"),  # no noun: German's are capitals
        ("de", "1 €", "ein Euro"),
        ("de", "1,01 €", "ein Euro und ein Cent"),
        # Spanish: "una", "veintiuna", "doscientas" before a feminine noun.
        ("es", "1 persona", "una persona"),
        ("es", "21 personas", "veintiuna personas"),
        ("es", "31 horas", "treinta y una horas"),
        ("es", "200 personas", "doscientas personas"),
        ("es", "101 personas", "ciento una personas"),
        ("es", "500 toneladas", "quinientas toneladas"),
        ("es", "200.000 personas", "doscientas mil personas"),
        ("es", "2.300.000 personas", "dos millones trescientas mil personas"),
        ("es", "1.000.000 de personas", "un millón de personas"),  # "millón" is masculine
        ("es", "21.000 personas", "veintiún mil personas"),
        ("es", "1 año", "un año"),
        ("es", "21 años", "veintiún años"),
        ("es", "200 años", "doscientos años"),
        ("es", "21.000 euros", "veintiún mil euros"),
        ("es", "2,1 horas", "dos coma uno horas"),
        ("es", "quedaron 21.", "quedaron veintiuno."),
        ("es", "1 de cada 3", "uno de cada tres"),  # no noun after it
        ("es", "1 €", "un euro"),
        ("es", "21 €", "veintiún euros"),
        ("es", "1 £", "una libra"),
        ("es", "200 £", "doscientas libras"),
        ("es", "1,21 €", "un euro con veintiún céntimos"),
    ],
)
def test_a_number_agrees_with_the_gender_of_its_noun(language, written, spoken):
    assert to_spoken(written, language=language) == spoken


@pytest.mark.parametrize(
    ("language", "text", "sentences"),
    [
        ("de", "Das Büro liegt in der Hauptstr. 4 in Bern. Es ist neu.",
         ["Das Büro liegt in der Hauptstr. 4 in Bern.", "Es ist neu."]),
        ("de", "Er wohnt in der Goethestr. 12. Dort ist es ruhig.",
         ["Er wohnt in der Goethestr. 12.", "Dort ist es ruhig."]),
        ("de", "Sie wohnt in der Hauptstr. Dort ist es laut.",
         ["Sie wohnt in der Hauptstr.", "Dort ist es laut."]),
        ("de", "Rufen Sie unter Tel. 0228 123 an. Danke.",
         ["Rufen Sie unter Tel. 0228 123 an.", "Danke."]),
        ("de", "Äpfel, Birnen usw. waren im Angebot. Gut.",
         ["Äpfel, Birnen usw. waren im Angebot.", "Gut."]),
        ("de", "Äpfel, Birnen usw. Das war alles.", ["Äpfel, Birnen usw.", "Das war alles."]),
        ("de", "Die Stadt bzw. der Kreis zahlt. Gut.", ["Die Stadt bzw. der Kreis zahlt.", "Gut."]),
        ("de", "Es kamen ca. 300 Leute. Über 50 blieben.",
         ["Es kamen ca. 300 Leute.", "Über 50 blieben."]),
        ("de", "Das kostet inkl. MwSt. 20 Euro. Teuer.", ["Das kostet inkl. MwSt. 20 Euro.", "Teuer."]),
        ("de", "Bäume, Sträucher etc. wachsen dort. Schön.",
         ["Bäume, Sträucher etc. wachsen dort.", "Schön."]),
        ("es", "Véase la pág. 12 del informe. Es claro.", ["Véase la pág. 12 del informe.", "Es claro."]),
        ("es", "El núm. 5 ganó. Fue justo.", ["El núm. 5 ganó.", "Fue justo."]),
        ("es", "Llame al tel. 91 123 45 67 hoy. Gracias.",
         ["Llame al tel. 91 123 45 67 hoy.", "Gracias."]),
        ("es", "Llegaron aprox. 300 personas. Él no vino.",
         ["Llegaron aprox. 300 personas.", "Él no vino."]),
        ("es", "Frutas, verduras, etc. Además subió el pan.",
         ["Frutas, verduras, etc.", "Además subió el pan."]),
        ("es", "Frutas, verduras, etc. estaban caras. Mucho.",
         ["Frutas, verduras, etc. estaban caras.", "Mucho."]),
        ("es", "La Avda. de la Paz está cortada. Hay atascos.",
         ["La Avda. de la Paz está cortada.", "Hay atascos."]),
        ("es", "Vive en la Pza. Mayor. Según él, es bonita.",
         ["Vive en la Pza. Mayor.", "Según él, es bonita."]),
    ],
)  # fmt: skip
def test_an_abbreviation_ends_a_word_not_a_sentence(language, text, sentences):
    assert split_sentences(text, get_language(language).sentences) == sentences


@pytest.mark.parametrize(
    ("language", "text", "sentences"),
    [
        ("de", "Er spielt um den Titel. „Wir verlieren nichts“, sagte er.",
         ["Er spielt um den Titel.", "„Wir verlieren nichts“, sagte er."]),
        ("de", "„Wir kommen.“ Dann ging er.", ["„Wir kommen.“", "Dann ging er."]),
        ("de", "Sie nickte. »Gut.« Dann ‚Ja‘ – so war es.",
         ["Sie nickte.", "»Gut.«", "Dann ‚Ja‘ – so war es."]),
        ("de", "Der Rat tagt. ‚Neu‘ ist nur der Ort.", ["Der Rat tagt.", "‚Neu‘ ist nur der Ort."]),
        ("de", "„Ja“, sagte er. „warum nicht“", ["„Ja“, sagte er.", "„warum nicht“"]),
        ("es", "Ganó el equipo. «No tiene techo», dijo.",
         ["Ganó el equipo.", "«No tiene techo», dijo."]),
        ("es", "¿Qué pasará? ¡Nadie lo sabe! Todo sigue.",
         ["¿Qué pasará?", "¡Nadie lo sabe!", "Todo sigue."]),
        ("es", "Subió el pan. ¿por qué? nadie lo sabe.", ["Subió el pan.", "¿por qué? nadie lo sabe."]),
        ("es", "«Vamos.» Y se fue.", ["«Vamos.»", "Y se fue."]),
        ("de", "Der 3. Platz ging an Rom. Gut.", ["Der 3. Platz ging an Rom.", "Gut."]),
        ("de", "Sie feiert ihren 80. Geburtstag. Alle kommen.",
         ["Sie feiert ihren 80. Geburtstag.", "Alle kommen."]),
        ("de", "Zum 5. Mal gewann sie. Es kamen 300. Dann ging er.",
         ["Zum 5. Mal gewann sie.", "Es kamen 300.", "Dann ging er."]),
    ],
)  # fmt: skip
def test_a_sentence_may_open_with_the_language_s_quotation_or_question_mark(
    language, text, sentences
):
    assert split_sentences(text, get_language(language).sentences) == sentences


@pytest.mark.parametrize(
    ("language", "sentences", "attributed"),
    [
        ("de", ["„Die Bahn kommt pünktlich“, sagte Anna Berg."],
         ["Anna Berg sagte: „Die Bahn kommt pünktlich.“"]),
        ("de", ["„Wir sind froh!“, sagte sie."], ["Sie sagte: „Wir sind froh!“"]),
        ("de", ['"Das ist teuer", erklärte der Bürgermeister.'],
         ["Der Bürgermeister erklärte: „Das ist teuer.“"]),
        ("de", ["„Die Bahn kommt.", "Sie ist neu“, sagte Berg."],
         ["Berg sagte: „Die Bahn kommt.", "Sie ist neu.“"]),
        ("de", ["„Gut“, sagte Berg.", "„Sehr.“"], ["Berg sagte: „Gut.“", "Berg fügte hinzu: „Sehr.“"]),
        ("de", ["„B.“"], ["Zitat: „B.“ Zitat Ende."]),
        ("de", ["Sie sagte, „die Bahn“ sei pünktlich."],
         ["Sie sagte, „die Bahn“ sei pünktlich."]),  # a quoted word: as written
        ("es", ["«El coro ganó», dijo Lucía Ortega."], ["Lucía Ortega dijo: «El coro ganó.»"]),
        ("es", ['"Estamos felices", afirmó la directora.'],
         ["La directora afirmó: «Estamos felices.»"]),
        ("es", ["“¿Quién lo diría?”, preguntó ella."], ["Ella preguntó: «¿Quién lo diría?»"]),
        ("es", ["«Bien», dijo Ortega.", "«Muy.»"], ["Ortega dijo: «Bien.»", "Ortega añadió: «Muy.»"]),
        ("es", ["«B.»"], ["Cita: «B.» Fin de la cita."]),
        # a phrase of when or where after the speaker's name follows the verb
        ("es", ["«No tiene techo», dijo el entrenador, Raúl Medina, tras el partido."],
         ["El entrenador, Raúl Medina, dijo tras el partido: «No tiene techo.»"]),
        ("es", ["«Vamos bien», afirmó la alcaldesa en rueda de prensa."],
         ["La alcaldesa afirmó en rueda de prensa: «Vamos bien.»"]),
        ("es", ["«Bien», dijo la portavoz de la empresa."],
         ["La portavoz de la empresa dijo: «Bien.»"]),  # "de": part of who she is
        ("de", ["„Wir sind froh“, sagte Gaugisch nach dem Spiel."],
         ["Gaugisch sagte nach dem Spiel: „Wir sind froh.“"]),
        ("de", ["„Gut“, sagte die Trainerin, Eva Roth, am Montag in Wien."],
         ["Die Trainerin, Eva Roth, sagte am Montag in Wien: „Gut.“"]),
        ("de", ["„Gut“, sagte der Sprecher der Stadt."], ["Der Sprecher der Stadt sagte: „Gut.“"]),
    ],
)  # fmt: skip
def test_a_quotation_s_speaker_is_said_before_it(language, sentences, attributed):
    from briefing.script import attribute_quotes

    assert attribute_quotes(sentences, get_language(language)) == tuple(attributed)


@pytest.mark.parametrize(
    ("tag", "title", "description"),
    [
        ("en", "The Daily Briefing", "A daily news briefing, story by story, read aloud."),
        ("de", "Der Nachrichtenüberblick", "Die Nachrichten des Tages, Meldung für Meldung."),
        ("es", "El Boletín del Día", "Las noticias del día, una a una, en voz alta."),
    ],
)
def test_a_show_without_a_title_is_named_in_its_language(tag, title, description):
    from briefing.config import parse_config

    show = parse_config({"show": {"language": tag}}).show
    assert (show.title, show.description) == (title, description)
    named = parse_config({"show": {"language": tag, "title": "X", "description": "Y"}}).show
    assert (named.title, named.description) == ("X", "Y")


@pytest.mark.parametrize(
    ("tag", "story_of"),
    [("en", "Story {n} of {total}: {title}"), ("de", "Meldung {n} von {total}: {title}"),
     ("es", "Noticia {n} de {total}: {title}")],
)  # fmt: skip
def test_the_player_announces_in_the_page_s_language(tag, story_of, tmp_path):
    """player.js reads its announcements from the page's <body> (the browser tests
    hear them in English)."""
    from lxml import html

    from briefing.models import Show
    from briefing.publish.page import build_page
    from briefing.publish.store import Store

    page = build_page(Store(show=Show(language=tag)), tmp_path)
    body = html.fromstring(page).find("body")
    assert body.get("data-story-of") == story_of
    assert body.get("data-at-of") == get_language(tag).labels.at_time_of
    assert {"data-at", "data-speed-is"} <= set(body.keys())
