"""Feeds and pages in the common character sets, served on 127.0.0.1: read right whatever
declares the set (the HTTP header, the XML declaration, <meta charset>, a byte-order
mark) or when nothing does; declared wrongly, skipped with the reason, never read as
mojibake. The texts are the tests' own."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from briefing.config import SourceConfig
from briefing.errors import SourceError
from briefing.sources import FetchPolicy, HttpClient, collect
from briefing.sources.charsets import codec_for, decode_document, misdecoded, split_content_type
from briefing.sources.feeds import parse_feed
from briefing.sources.pages import extract_article

from .webserver import FixtureServer

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
PUBLISHED = "Wed, 25 Nov 2026 08:00:00 GMT"

#: (headline, two paragraphs) in each language, written for these tests.
TEXTS = {
    "ru": (
        "Старый мост через Луговую закроют на ремонт",
        "Городской совет утвердил в понедельник план ремонта старого моста через реку "
        "Луговую. Работы начнутся весной и продлятся два года, сообщил мэр на "
        "пресс-конференции.",
        "Ремонт обойдётся городу в сорок миллионов рублей; часть денег выделит область, "
        "а подрядчика выберут на открытом конкурсе до конца января.",
        "Пока мост закрыт, паромы будут ходить каждые полчаса, а жителям правого берега "
        "предложат бесплатный проезд на автобусе до вокзала.",
    ),
    "ja": (
        "川に架かる古い橋、春から修理へ",
        "市役所は月曜日、川に架かる古い橋の修理計画を発表した。工事は春に始まり、"
        "二年間続く予定だと市長は記者会見で述べた。",
        "修理費は約四億円で、その一部は県が負担する。業者は一月末までに公開入札で選ばれる。",
        "橋が閉鎖されている間は、渡し船が三十分ごとに運航され、駅までのバスは無料になる。",
    ),
    "ko": (
        "강 위의 오래된 다리, 봄부터 보수 공사",
        "시의회는 월요일 강을 가로지르는 오래된 다리를 보수하는 계획을 승인했다. 공사는 "
        "봄에 시작되어 이 년 동안 계속될 예정이라고 시장이 기자회견에서 말했다.",
        "공사비는 약 사십억 원이며 그중 일부는 도에서 부담한다. 시장은 주민들에게 불편을 "
        "끼쳐 죄송하다며 공사 기간 동안 매달 설명회를 열겠다고 약속했다.",
        "다리가 닫혀 있는 동안 나룻배가 삼십 분마다 운행되고 역까지 가는 버스는 무료가 된다.",
    ),
    "zh": (
        "河上旧桥春季起封闭维修",
        "市议会星期一批准了修复河上旧桥的计划。市长在新闻发布会上说，工程将于春天开始，持续两年。",
        "维修费用约为四千万元，其中一部分由省里承担。施工单位将在一月底前通过公开招标选定。",
        "大桥关闭期间，渡船每半小时开出一班，前往火车站的公共汽车免费乘坐。",
    ),
    "fr": (
        "Le vieux pont de la Marne fermé pour travaux",
        "Le conseil municipal a approuvé lundi la rénovation du vieux pont sur la Marne. "
        "Les travaux débuteront au printemps et dureront deux ans, a précisé la maire, qui "
        "en chiffre le coût à 4 millions d’euros.",
        "« C’est le cœur de notre ville », a-t-elle ajouté. Pendant la fermeture, un bac "
        "traversera toutes les demi-heures et le bus vers la gare sera gratuit, soit une "
        "économie de 2,50 € par trajet.",
        "La région prendra en charge une partie de la facture, et l’entreprise sera choisie "
        "par appel d’offres avant la fin de janvier.",
    ),
    "es": (
        "El puente viejo cerrará por obras en primavera",
        "El ayuntamiento aprobó el lunes la reforma del viejo puente sobre el río. ¿Cuándo "
        "empezarán las obras? En primavera, según explicó la alcaldesa, y durarán dos años.",
        "Mientras tanto, un transbordador cruzará cada media hora desde el muelle del señor "
        "Núñez, y el autobús a la estación será gratis.",
        "La región pagará una parte de la factura, y la empresa se elegirá por concurso "
        "público antes de que acabe enero.",
    ),
}


def body_of(language: str) -> str:
    return "\n\n".join(TEXTS[language][1:])


def rss(language: str, declaration: str = "") -> str:
    """An RSS feed of one item; ``declaration``: the encoding its XML declaration names."""
    title, *paragraphs = TEXTS[language]
    encoding = f' encoding="{declaration}"' if declaration else ""
    return (
        f'<?xml version="1.0"{encoding}?>\n<rss version="2.0"><channel><title>{title}</title>'
        f"<item><title>{title}</title><link>http://news.example/{language}</link>"
        f"<pubDate>{PUBLISHED}</pubDate>"
        f"<description><![CDATA[{''.join(f'<p>{p}</p>' for p in paragraphs)}]]></description>"
        "</item></channel></rss>"
    )


def page(language: str, meta: str = "", declaration: str = "") -> str:
    """An article page; ``meta``: the charset its <meta> names; ``declaration``: its XML
    declaration's (an XHTML page)."""
    title, *paragraphs = TEXTS[language]
    head = f'<meta charset="{meta}">' if meta else ""
    prolog = f'<?xml version="1.0" encoding="{declaration}"?>\n' if declaration else ""
    return (
        f'{prolog}<!DOCTYPE html>\n<html lang="{language}"><head>{head}<title>{title}</title>'
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"{''.join(f'<p>{p}</p>' for p in paragraphs)}"
        "</article></body></html>"
    )


#: (language, the body's encoding as its publisher names it, how Python writes it).
ENCODINGS = [
    ("ru", "koi8-r", "koi8-r"),
    ("ru", "windows-1251", "cp1251"),
    ("ja", "shift_jis", "shift_jis"),
    ("ja", "euc-jp", "euc-jp"),
    ("ko", "euc-kr", "euc-kr"),
    ("zh", "gb2312", "gb2312"),
    ("fr", "windows-1252", "cp1252"),
    ("es", "iso-8859-1", "latin-1"),
    ("fr", "utf-8", "utf-8"),
    ("ja", "utf-8", "utf-8"),
]
ENCODING_IDS = [f"{language}-{label}" for language, label, _ in ENCODINGS]


@pytest.fixture(scope="module")
def web():
    server = FixtureServer().start()
    yield server
    server.stop()


@pytest.fixture
def client(tmp_path):
    with HttpClient(tmp_path / "cache", FetchPolicy(timeout_s=2.0, retries=0)) as http:
        yield http


def fetched_feed(web, client, path: str, body: bytes, content_type: str):
    """Serve ``body`` and read it as briefing reads a feed: the header, charset and all,
    goes with the bytes."""
    url = web.add(path, body, content_type=content_type)
    response = client.get(url)
    return parse_feed(response.body, url, response.headers.get("content-type", ""))[1]


def fetched_page(web, client, path: str, body: bytes, content_type: str):
    url = web.add(path, body, content_type=content_type)
    response = client.get(url)
    return extract_article(response.body, url, response.headers.get("content-type", ""))


# -- feeds --------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["header", "declaration", "nowhere"])
@pytest.mark.parametrize(("language", "label", "codec"), ENCODINGS, ids=ENCODING_IDS)
def test_a_feed_reads_right_however_its_charset_is_told(web, client, where, language, label, codec):
    declaration = label if where == "declaration" else ""
    charset = f"; charset={label}" if where == "header" else ""
    body = rss(language, declaration).encode(codec)
    items = fetched_feed(
        web, client, f"/{where}/{label}/{language}.xml", body, f"text/xml{charset}"
    )
    assert [(i.title, i.text) for i in items] == [(TEXTS[language][0], body_of(language))]


@pytest.mark.parametrize(
    ("codec", "declaration"),
    [("utf-8-sig", ""), ("utf-16", ""), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16")],
    ids=["utf-8-bom", "utf-16-bom", "utf-16-le-no-bom", "utf-16-be-no-bom"],
)
def test_a_unicode_feed_reads_right_by_its_bytes_alone(web, client, codec, declaration):
    body = rss("ru", declaration).encode(codec)
    items = fetched_feed(web, client, f"/unicode/{codec}.xml", body, "application/rss+xml")
    assert items[0].title == TEXTS["ru"][0] and items[0].text == body_of("ru")


def test_a_byte_order_mark_outranks_the_header(web, client):
    body = rss("fr").encode("utf-8-sig")
    items = fetched_feed(web, client, "/bom.xml", body, "text/xml; charset=iso-8859-1")
    assert items[0].text == body_of("fr")


def test_a_servers_default_charset_gives_way_to_the_files_own(web, client, caplog):
    """A server adds charset=utf-8 to every file; this one is KOI8-R and says so in its XML
    declaration: the declaration the bytes bear out is the one read."""
    body = rss("ru", "koi8-r").encode("koi8-r")
    with caplog.at_level(logging.INFO, logger="briefing.sources.charsets"):
        items = fetched_feed(web, client, "/default.xml", body, "text/xml; charset=utf-8")
    assert items[0].text == body_of("ru")
    assert any("says utf-8, but its bytes are not utf-8; read as koi8-r" in r.getMessage()
               for r in caplog.records)  # fmt: skip


#: A feed (its language, the encoding of its bytes, what its XML declaration says), the
#: Content-Type it is served with, and what the refusal says.
# fmt: off
WRONGLY_DECLARED = {
    "utf-8-header-on-koi8-r": ("ru", "koi8-r", "", "text/xml; charset=utf-8", "the HTTP header says utf-8, but its bytes are not utf-8 (it looks like koi8-r)"),
    "utf-8-declaration-on-shift-jis": ("ja", "shift_jis", "utf-8", "application/rss+xml", "its XML declaration says utf-8, but its bytes are not utf-8 (it looks like cp932)"),
    "windows-1252-on-koi8-r": ("ru", "koi8-r", "", "text/xml; charset=windows-1252", "the HTTP header says windows-1252, but it reads as mojibake ('ìÕÇÏ×ÕÀ') (it looks like koi8-r)"),
    "latin-1-on-euc-kr": ("ko", "euc-kr", "", "text/xml; charset=ISO-8859-1", "the HTTP header says iso-8859-1, but it reads as mojibake ('°­') (it looks like cp949)"),
    "latin-1-on-utf-8": ("fr", "utf-8", "", "text/xml; charset=iso-8859-1", "the HTTP header says iso-8859-1, but its bytes are UTF-8; skipped"),
    "koi8-r-declaration-on-utf-8": ("ru", "utf-8", "koi8-r", "application/rss+xml", "its XML declaration says koi8-r, but its bytes are UTF-8; skipped"),
    "koi8-r-on-windows-1251": ("ru", "cp1251", "", "text/xml; charset=koi8-r", "the HTTP header says koi8-r, but it reads as mojibake ('ОПЕЯЯ-ЙНМТЕПЕМЖХХ') (it looks like cp1251)"),
    "gb2312-on-shift-jis": ("ja", "shift_jis", "", "text/xml; charset=gb2312", "the HTTP header says gb2312, but it reads as mojibake ('愳偵壦偐傞屆偄嫶丄弔偐傜廋棟傊') (it looks like cp932)"),
    "windows-1251-on-windows-1252": ("fr", "cp1252", "", "text/xml; charset=windows-1251", "the HTTP header says windows-1251, but it reads as mojibake ('fermй') (it looks like cp1252)"),
}
# fmt: on


@pytest.mark.parametrize(("language", "codec", "declaration", "content_type", "reason"),
                         WRONGLY_DECLARED.values(), ids=WRONGLY_DECLARED.keys())  # fmt: skip
def test_a_feed_declared_wrongly_is_refused_with_the_reason(
    web, client, language, codec, declaration, content_type, reason
):
    body = rss(language, declaration).encode(codec)
    path = f"/wrong/{language}-{codec}-{declaration}-{split_content_type(content_type)[1]}.xml"
    with pytest.raises(SourceError) as refused:
        fetched_feed(web, client, path, body, content_type)
    message = str(refused.value)
    assert reason in message and "\n" not in message
    assert message.endswith("skipped, as its publisher declares the wrong character set")


def test_a_feed_declared_wrongly_is_skipped_and_the_others_read(web, client):
    bad = web.add("/wrong.xml", rss("ru").encode("koi8-r"), content_type="text/xml; charset=utf-8")
    good = web.add("/good.xml", rss("fr").encode("cp1252"), content_type="text/xml; charset=cp1252")
    sources = [SourceConfig(location=bad, name="Moscow desk"), SourceConfig(location=good)]
    articles, skipped = collect(sources, now=NOW, client=client)
    assert [a.title for a in articles] == [TEXTS["fr"][0]]
    assert "C’est le cœur de notre ville" in articles[0].text
    assert [s.source for s in skipped] == ["Moscow desk"]
    assert skipped[0].reason.startswith("the HTTP header says utf-8, but its bytes are not utf-8")


def test_the_charset_reaches_the_reader_through_collect_and_the_cache(web, client):
    """Through collect, twice: the second time from the HTTP cache (a 304), whose copy
    keeps the header's charset. A right reading of Russian is refused for its alphabet
    (the voices speak English), never spoken as Latin mojibake."""
    body = rss("ru").encode("koi8-r")
    url = web.add("/cached-ru.xml", body, content_type="text/xml; charset=koi8-r", etag='"ru1"')
    for _ in range(2):
        articles, skipped = collect([SourceConfig(location=url)], now=NOW, client=client)
        assert articles == [] and "mostly Cyrillic" in skipped[0].reason
    assert web.conditional_hits["/cached-ru.xml"] == 1


def test_a_stray_byte_leaves_out_only_the_item_it_is_in(web, client):
    """A UTF-8 feed (its dashes and quotes in UTF-8) with one Windows-1252 byte in one
    item: that item is left out with the reason, the others are read. (A feed whose every
    non-ASCII byte is Windows-1252 is read as Windows-1252: see test_hostile_sources.)"""
    good = "<item><title>Ferry fares to rise</title><link>http://news.example/2</link>" \
        f"<pubDate>{PUBLISHED}</pubDate><description>Fares on the Ashby ferry will rise by " \
        "ten cents in January — the operator’s first rise in four years.</description></item>"  # fmt: skip
    bad = good.replace("Ferry fares to rise", "Caf\x00 reopens").replace("/2<", "/3<")
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{good}{bad}</channel></rss>'
    body = feed.encode("utf-8").replace(b"Caf\x00", b"Caf\xe9")
    url = web.add("/stray.xml", body, content_type="application/rss+xml; charset=utf-8")
    articles, skipped = collect([SourceConfig(location=url, name="Valley")], now=NOW, client=client)
    assert [a.title for a in articles] == ["Ferry fares to rise"]
    assert [str(s) for s in skipped] == [
        "Valley: Caf\ufffd reopens: its text has bytes that decode to no character (shown as �); "
        "left out"
    ]


def test_an_item_of_mojibake_in_a_right_feed_is_left_out(web, client):
    """Text mis-decoded before it reached the feed (UTF-8 Cyrillic read as Windows-1252
    and written again as UTF-8): left out, not spoken as Latin letters."""
    garbled = TEXTS["ru"][1].encode("utf-8").decode("cp1252", "replace").replace("\ufffd", "")
    feed = rss("fr").replace(TEXTS["fr"][1], garbled).replace(TEXTS["fr"][0], "Pont neuf")
    url = web.add("/garbled.xml", feed.encode(), content_type="application/rss+xml; charset=utf-8")
    articles, skipped = collect([SourceConfig(location=url, name="Paris")], now=NOW, client=client)
    assert articles == []
    assert skipped[0].source == "Paris: Pont neuf"
    assert skipped[0].reason.startswith("its text reads as mojibake ('")


# -- pages --------------------------------------------------------------------------------

PAGE_ENCODINGS = [e for e in ENCODINGS if e[0] in ("ru", "ko", "fr", "es")]


@pytest.mark.parametrize("where", ["header", "meta", "declaration", "nowhere"])
@pytest.mark.parametrize(("language", "label", "codec"), PAGE_ENCODINGS,
                         ids=[f"{lang}-{label}" for lang, label, _ in PAGE_ENCODINGS])  # fmt: skip
def test_a_page_reads_right_however_its_charset_is_told(web, client, where, language, label, codec):
    meta = label if where == "meta" else ""
    declaration = label if where == "declaration" else ""
    charset = f"; charset={label}" if where == "header" else ""
    body = page(language, meta, declaration).encode(codec)
    title, text = fetched_page(web, client, f"/p/{where}/{label}/{language}.html", body,
                               f"text/html{charset}")  # fmt: skip
    assert title == TEXTS[language][0]
    assert text.split("\n\n") == list(TEXTS[language])


@pytest.mark.parametrize(("language", "label", "codec"), [e for e in ENCODINGS if e[0] in ("ja", "zh")],
                         ids=[i for i in ENCODING_IDS if i[:2] in ("ja", "zh")])  # fmt: skip
@pytest.mark.parametrize("where", ["header", "meta", "nowhere"])
def test_a_page_without_spaces_between_words_decodes_right(
    web, client, where, language, label, codec
):
    """Japanese and Chinese pages (whose words no space divides, so that briefing finds
    no 40 words in them) are decoded right all the same."""
    meta = label if where == "meta" else ""
    charset = f"; charset={label}" if where == "header" else ""
    url = web.add(f"/p/{where}/{label}/{language}.html", page(language, meta).encode(codec),
                  content_type=f"text/html{charset}")  # fmt: skip
    response = client.get(url)
    _, header_charset = split_content_type(response.headers["content-type"])
    text = decode_document(response.body, url, header_charset, html=True)
    assert text == page(language, meta)


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_a_unicode_page_reads_right_by_its_bytes_alone(web, client, codec):
    body = page("fr").encode(codec)
    if codec == "utf-16-be":
        body = b"\xfe\xff" + body
    title, text = fetched_page(web, client, f"/p/unicode/{codec}.html", body, "text/html")
    assert title == TEXTS["fr"][0] and TEXTS["fr"][2] in text


def test_a_page_declared_wrongly_is_refused_with_the_reason(web, client):
    body = page("ru", meta="windows-1252").encode("koi8-r")
    with pytest.raises(SourceError, match=r"its <meta charset> says windows-1252, but it reads as "
                       r"mojibake \('.+'\) \(it looks like koi8-r\); skipped"):  # fmt: skip
        fetched_page(web, client, "/p/wrong.html", body, "text/html")


def test_a_saved_page_file_honours_its_meta_charset(tmp_path):
    from briefing.sources import read_article

    saved = tmp_path / "saved.txt"
    saved.write_bytes(page("es", meta="iso-8859-1").encode("latin-1"))
    article = read_article(saved)
    assert article.title == TEXTS["es"][0] and "señor Núñez" in article.text


# -- the rules, one by one ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "parts"),
    [
        ("text/xml; charset=KOI8-R", ("text/xml", "koi8-r")),
        ('application/rss+xml;charset="utf-8"', ("application/rss+xml", "utf-8")),
        ("text/html; boundary=x; Charset = Shift_JIS ", ("text/html", "shift_jis")),
        ("TEXT/XML", ("text/xml", "")),
        ("", ("", "")),
    ],
)
def test_split_content_type(header, parts):
    assert split_content_type(header) == parts


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("utf8", "utf-8"),
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("GB2312", "gb18030"),
        ("Shift_JIS", "cp932"),
        ("EUC-KR", "cp949"),
        ("koi8-r", "koi8-r"),
        ("no-such-charset", None),
    ],
)
def test_labels_mean_what_browsers_read_them_as(label, codec):
    assert codec_for(label) == codec


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (body_of("fr"), ""),
        (body_of("ru"), ""),
        (body_of("ja"), ""),
        ("Prices rose 5% to €3.50 — a “bold” move, said the Old Mill™ café © 2026.", ""),
        ("£1.2bn (€1.4bn; $1.5bn) — up 3.5%… Zoë Brontë met Søren in Łódź.", ""),
        ("Яндекс.Taxi and Wi‑Fi in Zürich", ""),
        ("Caf\ufffd M\ufffdller", "decode to no character"),
        ("Caf\x8e", "control character U+008E"),
        (TEXTS["ru"][1].encode("utf-8").decode("cp1252", "ignore"), "reads as mojibake ('Ð"),
        (TEXTS["fr"][1].encode("cp1252").decode("cp1251"), "reads as mojibake ('approuvй')"),
        (TEXTS["ja"][1].encode("shift_jis").decode("latin-1"), "control character U+00"),
    ],
    ids=[
        "french",
        "russian",
        "japanese",
        "symbols",
        "short-symbols",
        "mixed-brand",
        "replacement",
        "c1-control",
        "utf-8-as-windows-1252",
        "windows-1252-as-1251",
        "shift-jis-as-latin-1",
    ],
)
def test_misdecoded(text, problem):
    assert (problem in misdecoded(text)) if problem else misdecoded(text) == ""


@pytest.mark.slow
def test_the_command_line_says_which_feed_was_skipped_for_its_charset(web, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from briefing.cli import cli

    bad = web.add(
        "/cli-wrong.xml", rss("ru").encode("koi8-r"), content_type="text/xml; charset=utf-8"
    )
    good = web.add(
        "/cli-good.xml", rss("es").encode("cp1252"), content_type="text/xml; charset=cp1252"
    )
    config = tmp_path / "briefing.toml"  # a show in the good feed's language reads it
    config.write_text('[show]\nlanguage = "es"\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["script", bad, good, "--since", "5200w", "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    assert "muelle del señor Núñez" in result.stdout and "acabe enero" in result.stdout
    assert "Городской" not in result.stdout and "çÏÒÏÄ" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if bad in line]
    assert len(lines) == 1 and "says utf-8, but its bytes are not utf-8" in lines[0], result.stderr
