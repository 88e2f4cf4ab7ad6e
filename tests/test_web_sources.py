"""News from feeds and pages, served by a local HTTP server: the good, the hostile, the same."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from briefing import pipeline
from briefing.cli import cli
from briefing.config import SourceConfig
from briefing.errors import NoStoriesError, SourceError
from briefing.sources import FetchPolicy, HttpClient, collect
from briefing.sources.feeds import html_to_text, looks_like_feed, parse_feed
from briefing.sources.pages import extract_article, style_hides
from briefing.text import content_terms

from .webserver import WEB_FIXTURES, FixtureServer, teaser_feed

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
DATE = NOW.date()
#: The fixtures' teasers link to the test server on 127.0.0.1, which feed links may not
#: reach by default (see test_a_feed_link_to_this_machine_is_refused).
#: Three seconds: enough for any answer of the test server on a busy machine, and what
#: the slow feed (which answers after a minute) is given.
POLICY = FetchPolicy(
    timeout_s=3.0, max_bytes=5_000_000, retries=1, backoff_s=0.0, allow_networks=("127.0.0.1/32",)
)


@pytest.fixture
def web():
    server = FixtureServer().start()
    server.add_fixture("/rss20.xml", "rss20.xml", etag='"rss20-v1"')
    server.add_fixture("/atom.xml", "atom.xml", content_type="application/atom+xml")
    server.add_fixture("/rss10.xml", "rss10.xml", content_type="application/rdf+xml")
    server.add_fixture("/teasers.xml", "teasers.xml")
    for page in ("harbour-seals", "ferry-timetable"):
        server.add_fixture(
            f"/pages/{page}.html", f"pages/{page}.html", content_type="text/html; charset=utf-8"
        )
    server.add_fixture("/legacy.xml", "legacy.xml", content_type="application/rss+xml")
    # A good feed served with a generic type still counts as a feed.
    server.add_fixture("/plain.xml", "rss10.xml", content_type="text/plain")
    # Hostile answers.
    server.add_fixture("/malformed.xml", "malformed.xml")
    server.add("/photo.xml", b"\xff\xd8\xff\xe0" + bytes(2000), content_type="image/jpeg")
    server.add("/huge.xml", b"<rss>" + b" " * 10_000_000, content_type="application/rss+xml")
    server.add_fixture("/slow.xml", "rss20.xml", delay_s=60)
    server.add("/laughs.xml", BILLION_LAUGHS, content_type="application/rss+xml")
    server.add("/xxe.xml", XXE_FEED, content_type="application/rss+xml")
    server.add("/pages/xxe.html", XXE_PAGE, content_type="application/xhtml+xml")
    server.add("/gone.xml", status=404)
    server.add("/broken.xml", status=500)
    server.add("/loop.xml", status=302, headers={"Location": "/loop.xml?again"})
    server.routes["/loop.xml"].headers["Location"] = "/loop2.xml"
    server.add("/loop2.xml", status=302, headers={"Location": "/loop.xml"})
    server.add(
        "/empty.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>',
    )
    yield server
    server.stop()


@pytest.fixture
def client(tmp_path):
    http = HttpClient(tmp_path / "cache", POLICY, sleep=lambda s: None)
    yield http
    http.close()


def source(web, path, name=None, **kwargs):
    return SourceConfig(location=web.url(path), name=name or path.strip("/"), **kwargs)


GOOD = ["/rss20.xml", "/atom.xml", "/rss10.xml", "/teasers.xml", "/legacy.xml"]
#: "Billion laughs": ten levels of ten entities, a billion "lol"s once expanded.
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
    + ']>\n<rss version="2.0"><channel><title>Laughs</title><item><title>Item &lol9;</title>'
    "<description>Body &lol9; of a story long enough to be read as one.</description>"
    "<link>http://example.org/1</link></item></channel></rss>"
)
#: An external entity naming a local file (XXE): its content must never be read out.
XXE_FEED = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<rss version="2.0"><channel><title>XXE</title><item><title>Item &xxe;</title>'
    "<description>Body &xxe; of a story long enough to be read as one.</description>"
    "<link>http://example.org/1</link></item></channel></rss>"
)
XXE_PAGE = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    "<html><head><title>Page &xxe;</title></head><body><article><h1>Harbour news &xxe;</h1>"
    + "<p>The harbour master said on Monday that the new pier would open in the spring, "
    "after two years of work, and that ferries would use it from May &xxe;.</p>"
    * 5
    + "</article></body></html>"
)

HOSTILE = {
    "/laughs.xml": "declares XML entities (<!ENTITY>)",
    "/xxe.xml": "declares XML entities (<!ENTITY>)",
    "/malformed.xml": "not a readable feed (malformed",
    "/photo.xml": "neither a feed nor a web page (the server sent image/jpeg)",
    "/huge.xml": "more than the limit of 5,000,000 bytes",
    "/slow.xml": "timed out after 3 s",
    "/gone.xml": "HTTP 404 Not Found",
    "/broken.xml": "HTTP 500 Internal Server Error",
    "/loop.xml": "redirect loop",
    "/empty.xml": "the feed has no items",
}


def test_rss2_atom_rss1_teasers_and_a_legacy_encoding(web, client):
    articles, skipped = collect([source(web, p) for p in GOOD], now=NOW, client=client)
    assert skipped == []
    by_origin = {}
    for article in articles:
        by_origin.setdefault(article.origin, []).append(article)
    # rss20: the item from five days ago is outside the 24-hour window.
    assert len(by_origin["rss20.xml"]) == 3
    assert not any("Bakery Festival" in a.title for a in articles)
    assert len(by_origin["atom.xml"]) == 3
    assert len(by_origin["rss10.xml"]) == 2
    assert len(by_origin["legacy.xml"]) == 1
    legacy = by_origin["legacy.xml"][0]
    assert "Zürich" in legacy.title and "crème brûlée" in legacy.text
    library = next(a for a in articles if "library" in a.title)
    assert "Arts & Heritage Trust" in library.text and "’" in library.text
    assert library.published == dt.datetime(2026, 11, 25, 7, 0, tzinfo=dt.UTC)
    assert library.source.startswith("https://northfield.example/")
    # Teasers were completed from their pages, without the pages' furniture.
    for article in by_origin["teasers.xml"]:
        assert article.word_count > 150, article.title
        for furniture in ("Most read", "cookie", "newsletter", "Subscribe", "©"):
            assert furniture.lower() not in article.text.lower(), furniture
    assert web.hits["/pages/harbour-seals.html"] == 1


def test_since_window_and_max_items(web, client):
    articles, _ = collect([source(web, "/rss20.xml", max_items=2)], now=NOW, client=client)
    assert [a.published.hour for a in articles] == [7, 5]  # the newest two
    week, _ = collect(
        [source(web, "/rss20.xml")], since=dt.timedelta(days=7), now=NOW, client=client
    )
    assert len(week) == 4
    articles, skipped = collect(
        [source(web, "/rss20.xml")], since=dt.timedelta(hours=1), now=NOW, client=client
    )
    assert articles == [] and "no items within the last 1 hours" in skipped[0].reason


def test_teaser_falls_back_to_the_summary_when_the_page_is_gone(web, client):
    del web.routes["/pages/ferry-timetable.html"]
    articles, skipped = collect([source(web, "/teasers.xml")], now=NOW, client=client)
    assert skipped == []
    ferry = next(a for a in articles if "erry" in a.title)
    assert ferry.word_count < 40  # the teaser, spoken as it is


def test_a_page_url_is_a_source_on_its_own(web, client):
    articles, skipped = collect([source(web, "/pages/harbour-seals.html")], now=NOW, client=client)
    assert skipped == []
    assert articles[0].title.startswith("Harbour seal pups")
    assert "Coastline Post" not in articles[0].title
    assert articles[0].word_count > 150


def test_a_feed_with_a_generic_content_type_is_read(web, client):
    articles, skipped = collect([source(web, "/plain.xml")], now=NOW, client=client)
    assert skipped == [] and len(articles) == 2


@pytest.mark.parametrize(
    ("path", "reason"),
    [pytest.param(*item, marks=pytest.mark.slow if "timed out" in item[1] else ())
     for item in HOSTILE.items()],
)  # fmt: skip
def test_each_hostile_source_is_skipped_with_its_reason(web, client, path, reason):
    articles, skipped = collect(
        [source(web, "/rss10.xml", "good"), source(web, path, "hostile")], now=NOW, client=client
    )
    assert len(articles) == 2  # the good source still gives its stories
    assert [s.source for s in skipped] == ["hostile"]
    assert reason in skipped[0].reason
    assert re.search(rf"^hostile: .*{re.escape(reason)}", str(skipped[0]))


def test_conditional_get_second_run_is_a_304(web, client):
    first, _ = collect([source(web, "/rss20.xml")], now=NOW, client=client)
    second, _ = collect([source(web, "/rss20.xml")], now=NOW, client=client)
    assert web.hits["/rss20.xml"] == 2
    assert web.conditional_hits["/rss20.xml"] == 1
    assert [a.title for a in second] == [a.title for a in first]


def test_same_story_in_two_feeds_is_told_once(web, client, tmp_path, silent_voices):
    episode = pipeline.generate(
        [source(web, "/rss20.xml"), source(web, "/atom.xml")],
        out_dir=tmp_path, date=DATE, now=NOW, client=client,
    )  # fmt: skip
    titles = [c.title for c in episode.stories]
    trains = [t for t in titles if "trains" in t.lower()]
    assert trains == [
        "Westmarch Rail to add late-night trains between Northfield and Ashby"
    ]  # the fuller
    assert len(titles) == 5
    assert len(episode.duplicates) == 1 and "valleycourier" in episode.duplicates[0]
    script = episode.script_path.read_text()
    assert "Late trains to run between Ashby and Northfield" not in script


@pytest.mark.slow
def test_hostile_sources_never_sink_the_briefing(web, client, tmp_path, silent_voices):
    sources = [source(web, p) for p in ["/rss10.xml", *HOSTILE]]
    episode = pipeline.generate(sources, out_dir=tmp_path, date=DATE, now=NOW, client=client)
    assert len(episode.stories) == 2
    assert len(episode.skipped) == len(HOSTILE)
    for path, reason in HOSTILE.items():
        assert any(
            line.startswith(path.strip("/")) and reason in line for line in episode.skipped
        ), path


def test_no_usable_source_is_an_error_and_no_episode(web, client, tmp_path, silent_voices):
    with pytest.raises(NoStoriesError, match="no usable articles"):
        pipeline.generate(
            [source(web, "/gone.xml"), source(web, "/malformed.xml")],
            out_dir=tmp_path / "out", date=DATE, now=NOW, client=client,
        )  # fmt: skip
    assert not (tmp_path / "out").exists()


def test_ranking_puts_weighty_and_recent_stories_first(web, client, tmp_path, silent_voices):
    prepared = pipeline.prepare_script(
        [source(web, "/rss10.xml", weight=1.0), source(web, "/atom.xml", weight=3.0)],
        date=DATE, now=NOW, client=client,
    )  # fmt: skip
    titles = [s.title for s in prepared.script.stories]
    assert titles[0].startswith("Late trains")  # weight 3, the newest of its feed
    assert titles[-1].startswith("Hillside Academy")  # weight 1, the oldest


def test_cli_with_urls_and_files_prints_the_skipped_summary(
    web, tmp_path, silent_voices, monkeypatch
):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    # The command line measures --since from the real clock: a window wide enough that the
    # fixtures' November 2026 items stay inside it for a century.
    article = tmp_path / "saved.txt"
    article.write_text("Saved story\n\nA story saved by hand on a Tuesday, read with the feeds.\n")
    result = CliRunner().invoke(
        cli,
        ["generate", web.url("/rss10.xml"), str(article), web.url("/gone.xml"),
         "--out", str(tmp_path / "out"), "--date", "2026-11-25", "--since", "5200w"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert re.search(r"/briefing-2026-11-25-[0-9a-f]{12}\.mp3$", result.stdout.strip())
    assert "3 stories" in result.stderr
    assert "Skipped 1:" in result.stderr
    assert f"{web.url('/gone.xml')}: HTTP 404 Not Found" in result.stderr


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
        ("Plain text\n\nsecond paragraph", "Plain text\n\nsecond paragraph"),
        ("<div>Line<br>break</div><script>x()</script>", "Line break"),
        (
            "<p>Text <figure><img src=x><figcaption>Photo: Bob</figcaption></figure>more</p>",
            "Text more",
        ),
        ("", ""),
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


def test_fixtures_are_here():
    assert (WEB_FIXTURES / "rss20.xml").is_file()


@pytest.mark.integration
def test_minutes_fits_a_briefing_from_too_many_stories(web, client, tmp_path):
    """Real espeak-ng: eleven stories' worth of feeds, --minutes 3, a 2 to 3.5 minute briefing."""
    from mutagen.mp3 import MP3

    episode = pipeline.generate(
        [source(web, p) for p in GOOD], out_dir=tmp_path, date=DATE, now=NOW, client=client,
        minutes=3,
    )  # fmt: skip
    seconds = MP3(str(episode.mp3_path)).info.length
    assert 120 <= seconds <= 210, seconds
    assert episode.dropped  # stories were left out whole...
    kept = {c.title for c in episode.stories}
    assert not kept & set(episode.dropped)
    script = episode.script_path.read_text()
    said = set(content_terms(script))
    for title in kept:  # ...and every story that stayed is told: its news, in its own
        terms = set(content_terms(title))  # first sentence (no headline is read before it)
        assert len(terms & said) >= 0.5 * len(terms), title


def test_an_external_entity_in_a_page_is_never_read(web, client):
    """A page naming a local file in an entity: skipped, or read without the file."""
    articles, skipped = collect([source(web, "/pages/xxe.html", "page")], now=NOW, client=client)
    for article in articles:
        assert "root:" not in article.text and "/bin/" not in article.text
    assert articles or skipped


# -- a feed's links may not reach this machine ------------------------------------------

SECRET_PAGE = (
    "<html><head><title>Internal admin</title></head><body><article><h1>Internal admin</h1>"
    "<p>The private ledger of the internal admin console lists every account the office "
    "keeps, with the name of the person who opened it and the day it was last used.</p>"
    "<p>Every password and every key is kept beside it, in plain text, because the console "
    "was only ever meant to be seen from this machine and never from outside it.</p>"
    "</article></body></html>"
)


def test_a_feed_link_to_this_machine_is_refused(web, tmp_path, caplog):
    """The feed is on 127.0.0.1 (named by the user, so fine); its teaser links to another
    server on 127.0.0.1: not fetched, said once, and the teaser spoken as it is."""
    import logging

    inside = FixtureServer().start()
    try:
        secret = inside.add("/admin.html", SECRET_PAGE, content_type="text/html")
        web.add(
            "/lure.xml", teaser_feed("Harbour news", secret, "The harbour master spoke on Monday…")
        )
        strict = FetchPolicy(timeout_s=3.0, retries=1, backoff_s=0.0)
        with HttpClient(tmp_path / "cache", strict) as http, caplog.at_level(logging.WARNING):
            articles, skipped = collect([source(web, "/lure.xml")], now=NOW, client=http)
        assert skipped == [] and len(articles) == 1
        assert "ledger" not in articles[0].text and "harbour master spoke" in articles[0].text
        assert inside.hits["/admin.html"] == 0
        named = [r.getMessage() for r in caplog.records if secret in r.getMessage()]
        assert len(named) == 1 and named[0].startswith(f"{secret}: not fetched: 127.0.0.1 is")
        # allow_networks lets it through.
        trusting = FetchPolicy(timeout_s=3.0, retries=1, allow_networks=("127.0.0.0/8",))
        with HttpClient(tmp_path / "cache2", trusting) as http:
            articles, _ = collect([source(web, "/lure.xml")], now=NOW, client=http)
        assert "ledger" in articles[0].text
    finally:
        inside.stop()


# -- entities: refused when declared, never spoken when only referred to --------------------

_DTD = '<!DOCTYPE rss [<!ENTITY lol0 "lol"><!ENTITY lol1 "&lol0;&lol0;&lol0;">]>\n'
_ITEM = (
    "<item><title>Item &lol1;</title><link>http://example.org/1</link>"
    "<description>Body &lol1; of a story long enough to be read as one.</description></item>"
)
_RSS = '<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
QUOTING = _RSS.format(
    items="<item><title>How billion laughs work</title><link>http://example.org/2</link>"
    '<description><![CDATA[<p>A feed that starts <code><!DOCTYPE rss [<!ENTITY lol "lol">]>'
    "</code> can make a parser expand a billion words.</p>]]></description></item>"
    "<item><title>Escaped, too</title><link>http://example.org/3</link><description>"
    'Researchers quoted &lt;!DOCTYPE x [&lt;!ENTITY xxe SYSTEM "file:///etc/passwd"&gt;]&gt; '
    "in their report.</description></item>"
)


@pytest.mark.parametrize(
    "body",
    [
        ('<?xml version="1.0" encoding="UTF-16"?>\n' + _DTD + _RSS.format(items=_ITEM)).encode(
            "utf-16"
        ),
        ('<?xml version="1.0" encoding="UTF-16"?>\n' + _DTD + _RSS.format(items=_ITEM)).encode(
            "utf-16-be"
        ),
        (
            '<?xml version="1.0"?>\n<!--' + "x" * 70_000 + "-->\n" + _DTD + _RSS.format(items=_ITEM)
        ).encode(),
        ('<?xml version="1.0"?>\n' + _DTD + _RSS.format(items=_ITEM + "<item><broken>")).encode(),
        (
            "<?xml version='1.0'?>\n<!DOCTYPE rss [\n<!ENTITY % pe SYSTEM 'file:///etc/passwd'>\n]>"
            + _RSS.format(items=_ITEM.replace("&lol1;", ""))
        ).encode(),  # fmt: skip
    ],
    ids=["utf-16", "utf-16-be-no-bom", "after-a-70-KB-comment", "malformed", "parameter-entity"],
)
def test_a_feed_declaring_entities_is_refused_however_it_is_written(body):
    with pytest.raises(SourceError, match=r"declares XML entities \(<!ENTITY>\).*; refused"):
        parse_feed(body, "http://feeds.example/x.xml", "application/rss+xml")


def test_a_feed_quoting_an_entity_declaration_is_read():
    _, items = parse_feed(QUOTING.encode(), "http://feeds.example/sec.xml")
    assert [i.title for i in items] == ["How billion laughs work", "Escaped, too"]
    assert "expand a billion words" in items[0].text
    assert "<!ENTITY xxe" in items[1].text  # text about the attack, read as text


@pytest.mark.parametrize(
    ("body", "title", "text"),
    [
        # Not well-formed (no DTD defines lol9): feedparser reads it, lol9 is never spoken.
        (
            _RSS.format(items=_ITEM.replace("lol1", "lol9")),
            "Item",
            "Body of a story long enough to be read as one.",
        ),
        # An external DTD that is never loaded: HTML's names still mean their characters.
        (
            '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
            + _RSS.format(
                items="<item><title>Caf&eacute; &lol9; news</title><link>http://e.org/1</link>"
                "<description>Tom &amp;amp; Jerry &lol9;&nbsp;at the caf&eacute;.</description>"
                "</item>"
            ),
            "Café news",
            "Tom & Jerry at the café.",
        ),
    ],
    ids=["undefined", "external-dtd"],
)
def test_references_to_undefined_entities_are_never_spoken(body, title, text):
    _, items = parse_feed(body.encode(), "http://feeds.example/x.xml")
    assert (items[0].title, items[0].text) == (title, text)


# -- what a page hides is never spoken --------------------------------------------------

HIDING = [
    "<p hidden>{secret}</p>",
    '<div hidden="hidden"><p>{secret}</p></div>',
    '<div style="display:none">{secret}</div>',
    '<div style="color: red; DISPLAY : None !important">{secret}</div>',
    '<span style="visibility: hidden">{secret}</span>',
    '<div aria-hidden="true">{secret}</div>',
    '<div aria-hidden=" TRUE ">{secret}</div>',
    "<noscript><p>{secret}</p></noscript>",
    "<template><p>{secret}</p></template>",
    "<script>var lead = '{secret}';</script>",
]
SHOWN = [
    '<p style="display: block">{secret}</p>',
    '<p aria-hidden="false">{secret}</p>',
    '<p data-hidden="1">{secret}</p>',
]
HIDDEN_LEAD = "Breaking: the mayor has resigned over the secret tunnel scandal."
VISIBLE = (
    "The harbour master said on Monday that the new pier would open in the spring, after two "
    "years of work, and that ferries would use it from May, weather permitting. "
)


@pytest.mark.parametrize(
    ("fragment", "spoken"), [(f, False) for f in HIDING] + [(f, True) for f in SHOWN]
)
def test_hidden_html_is_never_spoken(fragment, spoken):
    hidden = fragment.format(secret=HIDDEN_LEAD)
    # In a feed's HTML...
    text = html_to_text(f"<div>{hidden}<p>{VISIBLE}</p></div>")
    assert (HIDDEN_LEAD in text) is spoken and VISIBLE.strip() in text
    # ...and on a teaser's page (its text unique to the case: trafilatura leaves out
    # paragraphs it has seen before in this process).
    case = f"This was case {(HIDING + SHOWN).index(fragment)} of the test."
    page = (
        "<html><head><title>Pier to open</title></head><body><article><h1>Pier to open</h1>"
        f"{hidden}<p>{VISIBLE * 2}{case}</p><p>{case} {VISIBLE}</p></article></body></html>"
    )
    _, article = extract_article(page.encode(), "http://news.example/pier")
    assert ("secret tunnel" in article) is spoken and "new pier" in article


@pytest.mark.parametrize(
    ("style", "hides"),
    [
        ("display:none", True),
        ("display: none !important", True),
        ("display:none!important", True),
        ("DISPLAY : NONE", True),
        ("color: red;visibility:hidden;", True),
        ("visibility: collapse", True),
        ("display: nonesuch", False),
        ("display: block", False),
        ("visibility: visible", False),
        ("--display: none", False),
        ("display", False),
        ("", False),
        (";;:;", False),
    ],
)
def test_style_hides(style, hides):
    assert style_hides(style) is hides


def test_the_command_line_keeps_feed_links_off_this_machine_unless_the_config_allows(
    web, tmp_path, silent_voices
):
    """Through `briefing script`: refused by default with one warning, let through by
    [fetch] allow_networks; and the feed itself comes from the HTTP cache the second
    time (a conditional GET answered 304)."""
    inside = FixtureServer().start()
    try:
        secret = inside.add("/admin.html", SECRET_PAGE, content_type="text/html")
        teaser = (
            "The harbour master spoke on Monday about the new quay and the ferries that will "
            "use it from next spring…"
        )
        web.add("/lure.xml", teaser_feed("Harbour news", secret, teaser), etag='"v1"')
        args = ["script", web.url("/lure.xml"), "--since", "5200w"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "ledger" not in result.stdout and "harbour master spoke" in result.stdout
        refused = [line for line in result.stderr.splitlines() if secret in line]
        assert len(refused) == 1 and refused[0].startswith("warning:"), result.stderr
        assert inside.hits["/admin.html"] == 0

        config = tmp_path / "briefing.toml"
        config.write_text("[fetch]\nallow_networks = ['127.0.0.0/8']\n", encoding="utf-8")
        result = CliRunner().invoke(cli, [*args, "--config", str(config)])
        assert result.exit_code == 0, result.output
        assert "ledger" in result.stdout
        assert web.conditional_hits["/lure.xml"] == 1  # the second run asked "changed?"
    finally:
        inside.stop()


# -- items without a title ---------------------------------------------------------------


def untitled_feed(*items: str) -> str:
    """An RSS feed of items given as their inner XML (no <title>)."""
    entries = "".join(f"<item>{item}<pubDate>Wed, 25 Nov 2026 06:00:00 GMT</pubDate></item>"
                      for item in items)  # fmt: skip
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Untitled</title>{entries}</channel></rss>'


LONG_UNTITLED = (
    "The ferry between Port Selwyn and Gull Island will run twice an hour from Monday, "
    "the operator said, after a second boat returned from repairs at the Ashby yard. "
    + "Passengers had waited up to ninety minutes during the autumn, when one boat carried "
    "every crossing and the timetable was cut to the bone. " * 6
)


def test_an_untitled_teaser_takes_the_title_of_its_page(web, client):
    link = web.url("/pages/harbour-seals.html")
    web.add("/untitled-teaser.xml", untitled_feed(
        f"<link>{link}</link><description>Volunteers counted the pups on the sandbanks…</description>"
    ))  # fmt: skip
    articles, skipped = collect([source(web, "/untitled-teaser.xml")], now=NOW, client=client)
    assert skipped == []
    assert articles[0].title == "Harbour seal pups counted in record numbers at Port Selwyn"
    assert articles[0].word_count > 150  # and the page's text


@pytest.mark.parametrize(
    ("item", "headline"),
    [
        # A full item: no page is fetched; the first sentence, cut at a word.
        (
            f"<link>http://news.example/ferry</link><description>{LONG_UNTITLED}</description>",
            "The ferry between Port Selwyn and Gull Island will run twice an hour from Monday, "
            "the operator said, after a second boat returned from repairs at…",
        ),
        # A teaser whose page is gone: the first sentence of the summary.
        (
            "<link>{gone}</link><description>Gull Island gets a second ferry. More soon…</description>",
            "Gull Island gets a second ferry",
        ),
        # One sentence and no link: it is headline and story both.
        (
            "<description>The coast path reopens on Friday.</description>",
            "The coast path reopens on Friday",
        ),
        # A title of no words (a bare address) counts as none.
        (
            "<title>https://news.example/x</title><description>The lighthouse opens its doors "
            "to visitors on Saturday for the first time in ten years.</description>",
            "The lighthouse opens its doors to visitors on Saturday for the first time in ten years",
        ),
    ],
    ids=["full-item", "teaser-page-gone", "one-sentence", "url-title"],
)
def test_an_untitled_item_is_headed_by_its_first_sentence(web, client, item, headline):
    web.add("/untitled.xml", untitled_feed(item.format(gone=web.url("/pages/gone.html"))))
    articles, skipped = collect([source(web, "/untitled.xml")], now=NOW, client=client)
    assert skipped == [] and [a.title for a in articles] == [headline]
    first = articles[0].paragraphs[0]
    assert first.startswith(headline.rstrip("…")), first  # the story keeps its first sentence


def test_a_feed_whose_items_are_all_empty_says_so(web, client):
    web.add("/hollow.xml", untitled_feed(*["<link>http://news.example/a</link>"] * 3))
    articles, skipped = collect([source(web, "/hollow.xml")], now=NOW, client=client)
    assert articles == []
    assert [s.reason for s in skipped] == ["its 3 items have no title and no text"]


def test_an_untitled_item_that_cannot_be_read_names_the_feed_once(web, client):
    """No title, no link, and a body of no words: the feed's address is said once."""
    url = web.add("/wordless.xml", untitled_feed("<description>— * —</description>"))
    articles, skipped = collect([SourceConfig(location=url)], now=NOW, client=client)
    assert articles == [] and len(skipped) == 1
    assert str(skipped[0]).count(url) == 1, str(skipped[0])


# -- pages: whole sentences, without the furniture ----------------------------------------

#: Each page's body as it must be read: every sentence whole, link text and all.
WHOLE = {
    "bridge-toll-poll": (
        "Poll: Ashby split over the Northfield bridge toll",
        [
            "A survey by the Valley Institute has found that 48 percent of voters in Ashby back the planned toll on the Northfield bridge, while 44 percent oppose it and the rest have not made up their minds.",
            "Opposition is strongest among drivers who cross the river every day. But support is especially high among people who live near the old ford, where councillor Marta Lind has campaigned for a new crossing for a decade.",
            "The toll, set at two euros a crossing, would pay for repairs to the Northfield bridge and for a cycle lane along the River Ash, the council said in its draft budget, published on Tuesday.",
            "Opponents, led by the Ashby Drivers' Club, say the charge would fall hardest on shift workers who have no other way to reach the hospital in Northfield at night.",
            "The club's chairman, Piet Varga, said the toll would cost a nurse working five nights a week more than four hundred euros a year.",
            "The council will vote on the plan on 3 December, after a final public meeting at the town hall. Lind said she expected a narrow result and urged residents on both banks to attend.",
        ],
    ),
    "harbour-election": (
        "Harbour board election: fishers' candidate wins by 61 votes",
        [
            "Fishing skipper Hanna Olsen has won the vacant seat on the Port Selwyn harbour board by 61 votes, ending a race that turned on the future of the old fish market.",
            "Olsen took 1,204 votes to 1,143 for the property developer Ray Castell, who had promised to turn the market into flats. Turnout was 38 percent, the highest for a board election since 2004.",
            '"The harbour belongs to the people who work on it," Olsen told supporters outside the harbour office, where the count ran past midnight.',
            "Castell said he would not ask for a recount. He congratulated Olsen and said he hoped the board would still find money to repair the slipway before the winter storms.",
            "The board meets next on 9 December, when Olsen is expected to propose a two-year freeze on market rents.",
        ],
    ),
    "library-reopens": (
        "Northfield library reopens after flood repairs",
        [
            "Northfield's central library has reopened, eighteen months after a burst water main flooded its ground floor and ruined some four thousand books.",
            "The repairs, paid for by the Arts and Heritage Trust and the town council, cost 1.8 million euros, about a third more than first planned.",
            "Head librarian Samir Okafor said the new floor had been raised by half a metre, and that the local history room had moved upstairs, out of reach of any future flood.",
            "Among the books saved was a register of the town's first lending library, dried page by page by volunteers at the Ashby paper mill over two winters.",
            '"People kept asking when they could come back," Okafor said. "Now they can, and the children\'s corner is twice the size it was."',
            "The library is open from nine until seven on weekdays and until four on Saturdays. A reopening fair, with readings by local writers, is planned for the first weekend of December.",
        ],
    ),
}
#: What the pages hold around their articles, which must never be read out.
FURNITURE = [
    "Home", "Menu", "Subscribe", "Skip to content", "Sign in", "Sign up", "newsletter", "inbox",
    "MORE:", "How the bridge toll was first proposed", "READ MORE", "Cycle lane plan wins",
    "Watch:", "Scenes from the count", "Related", "Burst main floods", "Share", "Facebook",
    "Ferry fares to rise", "Lifeboat crew", "More on this story", "Flood appeal raises",
    "Ad Feedback", "About us", "Privacy", "Terms", "©", "Copyright", "Cookies", "Libraries",
    "Harbour Lights", "Don't miss",
]  # fmt: skip


@pytest.mark.parametrize("name", WHOLE)
def test_a_page_is_read_in_whole_sentences_without_its_furniture(web, client, name):
    path = f"/pages/{name}.html"
    web.add_fixture(path, f"pages/{name}.html", content_type="text/html; charset=utf-8")
    articles, skipped = collect([source(web, path)], now=NOW, client=client)
    assert skipped == []
    title, paragraphs = WHOLE[name]
    assert (articles[0].title, list(articles[0].paragraphs)) == (title, paragraphs)
    said = articles[0].text
    assert [f for f in FURNITURE if f in said] == []
    assert not re.search(r"\s[.,;:]|\bthe (?:before|over|where)\b", said)  # no holes


@pytest.mark.parametrize(
    ("html", "link_line"),
    [
        ('<p>MORE: <a href="/x">How the toll was first proposed</a></p>', True),
        ('<p><strong>READ MORE:</strong> <a href="/x">Cycle lane plan wins backing</a></p>', True),
        (
            '<p>Related: <a href="/x">Burst main floods town centre</a> | <a href="/y">Appeal</a></p>',
            True,
        ),
        ('<p><a href="/x">Lifeboat crew rescues two kayakers off Gull Point</a></p>', True),
        ('<p>But support is high for <a href="/x">Joe Biden</a>.</p>', False),
        ('<p>Said <a href="/x">the mayor</a>:</p>', False),
        ('<p>The full report: <a href="/x">here</a>, with the figures by ward.</p>', False),
        ('<p><a href="/x">Valley Institute</a> figures show a narrow lead.</p>', False),
        ("<p>No link at all: a plain sentence.</p>", False),
        ('<p><a href="/x"><img src="a.png"></a></p>', False),
    ],
)
def test_is_link_line(html, link_line):
    from lxml import html as lxml_html

    from briefing.sources.pages import is_link_line

    assert is_link_line(lxml_html.fragment_fromstring(html)) is link_line


def test_a_span_in_a_sentence_is_unwrapped_and_a_whole_paragraph_one_stays():
    from lxml import html as lxml_html

    from briefing.sources.pages import keep_sentences_whole

    root = lxml_html.fromstring(
        '<div><p>High for <span class="link"><a href="/x">Joe Biden</a></span>.</p>'
        '<p><span class="byline">By Ines Harrow</span></p></div>'
    )
    keep_sentences_whole(root)
    assert [p.text_content() for p in root] == ["High for Joe Biden.", "By Ines Harrow"]
    assert root.find(".//p/a") is not None and len(root.findall(".//span")) == 1


# -- what a body is: told by its bytes, not only by its Content-Type ---------------------

RSS_HEAD = (
    '<rss version="2.0"><channel><title>T</title><item><title>A</title></item></channel></rss>'
)
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
#: A page about feeds: its text mentions "<rss" (unescaped, as careless pages write it).
PAGE_ABOUT_FEEDS = (
    "<!DOCTYPE html><html><head><title>Writing a feed</title></head><body><p>A feed starts "
    'with <rss version="2.0"> and holds one channel.</p></body></html>'
)
XHTML_PAGE = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
    'Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html '
    'xmlns="http://www.w3.org/1999/xhtml"><body><p>An old page.</p></body></html>'
)
# (body, content type, "feed" | "page" | "neither")
SNIFFED = [
    ((XML_DECLARATION + RSS_HEAD).encode(), "text/html", "feed"),
    (f"\n\n  {XML_DECLARATION}\n<!-- made by hand -->\n{RSS_HEAD}".encode(), "text/html", "feed"),
    (f'{XML_DECLARATION}<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>{RSS_HEAD}'.encode(),
     "text/html", "feed"),
    (b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
     b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' + RSS_HEAD.encode(), "", "feed"),
    (b"\xef\xbb\xbf" + (XML_DECLARATION + RSS_HEAD).encode(), "", "feed"),
    ((XML_DECLARATION + RSS_HEAD).encode("utf-16"), "", "feed"),  # with its byte-order mark
    (("\n " + XML_DECLARATION + RSS_HEAD).encode("utf-16-le"), "", "feed"),  # without one
    ((XML_DECLARATION + RSS_HEAD).encode("utf-16-be"), "", "feed"),
    ((XML_DECLARATION + RSS_HEAD).encode("utf-32"), "", "feed"),
    (("\n" + XML_DECLARATION + RSS_HEAD).encode("utf-32-be"), "", "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel/></rdf:RDF>',
     "text/html", "feed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title></feed>", "text/plain", "feed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "", "feed"),
    (b"<?xml version='1.0'?><rss/>", "text/plain", "feed"),
    (b"<rss/>", "application/rss+xml", "feed"),
    (b"<channel><title>T</title></channel>", "application/rss+xml", "feed"),  # feedparser judges
    (PAGE_ABOUT_FEEDS.encode(), "", "page"),
    (PAGE_ABOUT_FEEDS.encode(), "application/xml", "page"),
    (XHTML_PAGE.encode(), "application/xml", "page"),
    (PAGE_ABOUT_FEEDS.encode("utf-16"), "", "page"),
    (b"<!doctype html><html></html>", "text/html", "page"),
    (b"<div>A fragment of a page</div>", "text/html", "page"),
    (b"\xff\xd8\xff\xe0" + bytes(200), "image/jpeg", "neither"),
    (b"Plain words, no markup at all.", "text/plain", "neither"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "content_type", "kind"), SNIFFED)
def test_what_a_body_is_is_told_by_its_bytes(body, content_type, kind):
    from briefing.sources.pages import looks_like_html

    assert looks_like_feed(body, content_type) is (kind == "feed")
    assert looks_like_html(body, content_type) is (kind == "page")


def _feed_read(web, client, path):
    articles, skipped = collect([source(web, path, "feed")], now=NOW, client=client)
    assert skipped == []
    return [(a.title, a.paragraphs) for a in articles]


@pytest.mark.parametrize(
    ("codec", "content_type"),
    [
        ("utf-8", "text/html; charset=utf-8"),  # a feed served as a page
        ("utf-16", ""),  # UTF-16 with its byte-order mark, and no Content-Type
        ("utf-16-le", ""),  # ...without the mark
        ("utf-32", "text/html"),
    ],
)
def test_a_feed_sent_as_a_page_or_in_utf16_without_a_type_is_read_as_a_feed(
    web, client, codec, content_type
):
    expected = _feed_read(web, client, "/rss20.xml")
    body = (WEB_FIXTURES / "rss20.xml").read_text(encoding="utf-8")
    web.add(f"/odd/{codec}.xml", body.encode(codec), content_type=content_type)
    assert _feed_read(web, client, f"/odd/{codec}.xml") == expected
    assert len(expected) == 3


def test_a_page_that_mentions_a_feed_is_read_as_a_page(web, client):
    body = (WEB_FIXTURES / "pages" / "harbour-seals.html").read_bytes()
    mention = b'<p>Our feed starts <rss version="2.0">, for the curious. We use cookies'
    body = body.replace(b"<p>We use cookies", mention)
    assert body.index(b"<rss") < 1000
    web.add("/pages/mentions-rss.html", body, content_type="")
    articles, skipped = collect([source(web, "/pages/mentions-rss.html")], now=NOW, client=client)
    assert skipped == [] and articles[0].title.startswith("Harbour seal pups")


# -- who a story is from: what the source calls itself ------------------------------------

NAMELESS_PAGE = (
    "<html><head><title>Pier to open in spring</title></head><body><article>"
    "<h1>Pier to open in spring</h1><p>" + VISIBLE * 3 + "</p><p>" + VISIBLE * 2 + "</p>"
    "</article></body></html>"
)
TITLELESS_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><link>http://127.0.0.1/</link><item>'
    "<title>Pier to open in spring</title><pubDate>Wed, 25 Nov 2026 06:00:00 GMT</pubDate>"
    f"<description>{VISIBLE * 6}</description></item></channel></rss>"
)


@pytest.mark.parametrize(
    ("path", "name", "spoken"),
    [
        ("/rss20.xml", "", "Northfield Gazette"),  # the feed's <title>, not "0" of 127.0.0.1
        ("/rss20.xml", "Morning Desk", "Morning Desk"),  # the config's name first
        ("/pages/harbour-seals.html", "", "Coastline Post"),  # og:site_name
        ("/pages/flood-wall.html", "", "Ashby Echo"),  # <meta name="application-name">
        ("/titleless.xml", "", ""),  # nothing known: no "From" line rather than a wrong one
        ("/untitled.xml", "", ""),  # a feed titled "Untitled" names no one
        ("/pages/nameless.html", "", ""),
    ],
)
def test_a_story_is_introduced_by_the_name_its_source_gives_itself(web, client, path, name, spoken):
    web.add_fixture("/pages/flood-wall.html", "pages/flood-wall.html", content_type="text/html")
    web.add("/titleless.xml", TITLELESS_FEED)
    web.add(
        "/untitled.xml",
        untitled_feed(f"<title>Pier</title><description>{VISIBLE * 6}</description>"),
    )
    web.add("/pages/nameless.html", NAMELESS_PAGE, content_type="text/html")
    config = SourceConfig(location=web.url(path), name=name)
    prepared = pipeline.prepare_script([config], date=DATE, now=NOW, client=client)
    said = [line for seg in prepared.script.stories for line in seg.lines[: seg.lead]]
    introduced = [line for line in said if line.startswith("From ")]
    assert introduced == ([f"From {spoken}."] if spoken else []), said


# -- pages whose article a stricter reading would lose ------------------------------------

TIDE_MILL = [
    "After forty years of silence, the tide mill at the mouth of the Selwyn river ground its first sack of flour on Saturday, watched by more than three hundred people crowded along the harbour wall.",
    "The mill, built in 1792, stopped working in 1986 when its wooden wheel rotted through. Volunteers from the Selwyn Harbour Trust spent six years raising the money to rebuild it, most of it in small donations from people in the town.",
    "The new wheel was made from oak felled in the Ashby woods and shaped by a boatbuilder in Gull Island, who used drawings found in the county archive. It turns only when the tide goes out, for about four hours twice a day.",
    "Miller Tom Reyes, who learnt the trade from the last man to work the mill, said the first flour was coarse but good. He expects to grind two tonnes a year, which will be sold at the harbour market and used by the bakery on Quay Street.",
    "The mill will be open to visitors on Saturdays from the spring. School groups can book weekday visits through the trust.",
]  # fmt: skip


def test_a_blogger_post_held_in_noscript_is_read_once_without_what_else_noscript_holds(web, client):
    """Blogger (and Google's own blogs) put a post in a script template for JavaScript to
    render, and in <noscript> for everyone else: the <noscript> is the article."""
    web.add_fixture("/2026/11/tide-mill.html", "pages/blogger-post.html", content_type="text/html")
    config = SourceConfig(location=web.url("/2026/11/tide-mill.html"))
    articles, skipped = collect([config], now=NOW, client=client)
    assert skipped == []
    article = articles[0]
    assert (article.title, list(article.paragraphs)) == ("The old tide mill turns again", TIDE_MILL)
    assert article.origin == "Selwyn Harbour Trust Blog"
    for unsaid in ("enable JavaScript", "comments", "pixel", "Posted by", "Newer Post", "Blogger"):
        assert unsaid not in article.text, unsaid


@pytest.mark.parametrize(
    ("html", "unwrapped"),
    [
        # Blogger: a script renders the post; <noscript> holds it for the rest.
        (f"<div><script type='text/template'>{VISIBLE * 3}</script><noscript><p>{VISIBLE * 3}</p></noscript></div>", True),
        # Short: a tracking pixel, an advert's frame, "Please enable JavaScript".
        ("<div><noscript><img src='https://pixel.example/t.gif' width='1' height='1'></noscript></div>", False),
        ("<div><noscript><iframe src='https://ads.example/ns.html'></iframe></noscript></div>", False),
        ("<div><noscript><p>Please enable JavaScript to read and write comments.</p></noscript></div>", False),
        # The article is on the page already: its copy in <noscript> would be said twice.
        (f"<div><p>{VISIBLE * 3}</p><noscript><p>{VISIBLE * 3}</p></noscript></div>", False),
    ],
)  # fmt: skip
def test_show_noscript_articles(html, unwrapped):
    from lxml import html as lxml_html

    from briefing.sources.pages import show_noscript_articles

    root = show_noscript_articles(lxml_html.fragment_fromstring(html, create_parent="body"))
    assert (root.find(".//noscript") is None) is unwrapped


def test_a_page_that_favouring_precision_reads_as_too_short_is_read_in_full(web, client):
    """trafilatura favouring precision drops a block whose class has "expand" in it, and
    with it the body of this story (its "Read more" fold); its default reading keeps it."""
    import trafilatura

    from briefing.sources.pages import MIN_ARTICLE_WORDS

    page = (WEB_FIXTURES / "pages" / "flood-wall.html").read_text(encoding="utf-8")
    precise = trafilatura.extract(page, favor_precision=True, deduplicate=False) or ""
    assert len(precise.split()) < MIN_ARTICLE_WORDS  # the fixture still shows the defect
    web.add_fixture("/pages/flood-wall.html", "pages/flood-wall.html", content_type="text/html")
    articles, skipped = collect([source(web, "/pages/flood-wall.html")], now=NOW, client=client)
    assert skipped == []
    assert articles[0].title == "Ashby council approves riverside flood wall"  # no " - Ashby Echo"
    assert articles[0].word_count > 150
    assert "Councillor Marta Lind" in articles[0].text and "Read more" not in articles[0].text
    for furniture in ("Subscribe", "About us", "Market Square", "What's on"):
        assert furniture not in articles[0].text


# -- headlines without the site's name, list items without their bullets ------------------

LIST_PAGE = (
    "<html><head><title>Council votes on the pool | Foxy Folksy</title>"
    '<meta property="og:title" content="Council votes on the pool | Foxy Folksy"></head>'
    "<body><article><h1>Council votes on the pool</h1><p>" + VISIBLE * 2 + "</p>"
    "<p>The council decided the following on Tuesday night, after a long debate:</p>"
    "<ul><li>The council voted to close the old pool in May.</li>"
    "<li>Parking fees rise by ten percent from January.</li></ul>"
    "<p>" + VISIBLE + "</p></article></body></html>"
)
BULLET_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Coastline Post</title>'
    "<item><title>Harbour seal pups counted in record numbers - Coastline Post</title>"
    "<pubDate>Wed, 25 Nov 2026 06:00:00 GMT</pubDate><description>"
    + VISIBLE
    * 4
    + "\nThe trust found:\n- 214 pups on the sandbanks\n- ten young seals tagged\n"
    "</description></item>"
    "<item><title>Biden - Xi talks resume</title><pubDate>Wed, 25 Nov 2026 05:00:00 GMT"
    "</pubDate><description><![CDATA[<p>" + VISIBLE * 4 + "</p><p>• The talks resume "
    "in Geneva.<br>• Both sides sent their trade ministers.</p>]]></description></item>"
    "</channel></rss>"
)


def test_a_pages_headline_loses_the_sites_name_and_its_list_its_bullets(web, client):
    web.add("/pages/pool.html", LIST_PAGE, content_type="text/html")
    articles, skipped = collect([source(web, "/pages/pool.html")], now=NOW, client=client)
    assert skipped == []
    assert articles[0].title == "Council votes on the pool"
    assert "The council voted to close the old pool in May." in articles[0].paragraphs
    assert not [p for p in articles[0].paragraphs if p.startswith(("-", "*", "•"))]


def test_a_feed_items_headline_loses_the_feeds_name_and_its_text_its_bullets(web, client):
    web.add("/bullets.xml", BULLET_FEED)
    articles, skipped = collect([SourceConfig(location=web.url("/bullets.xml"))], now=NOW,
                                client=client)  # fmt: skip
    assert skipped == []
    seals, talks = articles
    assert seals.title == "Harbour seal pups counted in record numbers"
    assert talks.title == "Biden - Xi talks resume"  # a headline's own dash stays
    assert seals.paragraphs[-2:] == ("214 pups on the sandbanks", "ten young seals tagged")
    assert talks.paragraphs[-2:] == (
        "The talks resume in Geneva.", "Both sides sent their trade ministers."
    )  # fmt: skip
    assert seals.origin == talks.origin == "Coastline Post"


def test_an_article_files_list_items_are_read_without_their_bullets(tmp_path):
    from briefing.sources import read_article

    path = tmp_path / "pool.txt"
    path.write_text(
        "Council votes on the pool\n\nThe council decided on Tuesday night:\n"
        "- to close the old pool in May;\n- to raise parking fees by ten percent.\n",
        encoding="utf-8",
    )
    assert read_article(path).paragraphs == (
        "The council decided on Tuesday night:",
        "to close the old pool in May;",
        "to raise parking fees by ten percent.",
    )
