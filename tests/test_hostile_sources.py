"""Hostile sources, round two (issue 28): show files that name this machine or hidden
files, named sources that redirect inside, feed HTML that hides text from the
sanitiser, and a Windows-1252 feed that says it is UTF-8. All served on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.batch import run_batch
from briefing.models import SourceConfig
from briefing.render import Renderer
from briefing.render.cache import SegmentCache
from briefing.sources import FetchPolicy, HttpClient, collect, gather_articles
from briefing.sources.http import AddressRefused, FetchError

from .helpers import subprocess_env, write_articles, write_show
from .webserver import FixtureServer, teaser_feed

DATE = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parent.parent
#: A word only the internal page and the hidden files hold: never in anything published.
SECRET_WORD = "hunter2"
SECRET_PAGE = (
    "<html><head><title>Internal admin</title></head><body><article><h1>Internal admin</h1>"
    "<p>The private ledger of the internal admin console lists every account the office "
    "keeps, with the name of the person who opened it and the day it was last used.</p>"
    "<p>Every password, such as hunter2, and every key is kept beside it, in plain text, "
    "because the console was only ever meant to be seen from this machine.</p>"
    "</article></body></html>"
)


@pytest.fixture
def web():
    server = FixtureServer().start()
    yield server
    server.stop()


def published_text(folder: Path) -> str:
    """Everything a show published, as text (the MP3 too, as bytes read loosely)."""
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file()
    )


def batch(shows: Path, tmp_path: Path, **options):
    with Renderer(SegmentCache(tmp_path / "segments"), jobs=0) as renderer:
        return run_batch([shows], renderer, date=DATE, now=NOW, **options)


# -- 5. show files and internal addresses ---------------------------------------------------


def test_a_show_files_source_on_this_machine_is_not_fetched_in_a_batch(
    web, tone_show_voices, tmp_path, caplog
):
    """A show file naming a page on 127.0.0.1: never asked for, one warning naming the
    address, the show made from its other sources, the refusal in its Skipped list."""
    articles = write_articles(tmp_path / "articles")
    secret = web.add("/secret", SECRET_PAGE, content_type="text/html")
    shows = tmp_path / "shows"
    shows.mkdir()
    write_show(shows, "nosy", [secret, str(articles[0]), str(articles[1])])
    with caplog.at_level(logging.WARNING, "briefing"):
        (show,) = batch(shows, tmp_path).shows
    assert show.status == "made", show.error
    assert web.hits["/secret"] == 0
    assert show.episode is not None and len(show.episode.stories) == 2
    assert SECRET_WORD not in published_text(shows / "out-nosy")
    named = [r.getMessage() for r in caplog.records if secret in r.getMessage()]
    assert len(named) == 1 and "127.0.0.1 is a loopback address" in named[0], named
    (skipped,) = show.episode.skipped
    assert "127.0.0.1 is a loopback address" in skipped and "show files" in skipped


def test_only_the_batchs_own_setting_lets_show_files_reach_a_network(
    web, tone_show_voices, tmp_path, caplog
):
    """A show file's own [fetch] allow_networks lets no one in (a warning says it is
    ignored); the batch's allow_networks does."""
    articles = write_articles(tmp_path / "articles")
    secret = web.add("/secret", SECRET_PAGE, content_type="text/html")
    shows = tmp_path / "shows"
    shows.mkdir()
    opener = "[fetch]\nallow_networks = ['127.0.0.0/8']\n"
    write_show(shows, "opener", [secret, str(articles[0])], extra=opener)
    with caplog.at_level(logging.WARNING, "briefing"):
        (show,) = batch(shows, tmp_path).shows
    assert show.status == "made" and web.hits["/secret"] == 0
    assert any(
        "opener.toml" in r.getMessage() and "allow_networks" in r.getMessage()
        for r in caplog.records
    )
    (show,) = batch(shows, tmp_path, allow_networks=("127.0.0.0/8",), force=True).shows
    assert show.status == "made" and web.hits["/secret"] == 1
    assert SECRET_WORD in published_text(shows / "out-opener")


#: The tests' "public" address: 127.0.0.1 made an allowed network (as test_http does),
#: so that a redirect from it to another loopback address is one from outside.
PUBLIC_HERE = FetchPolicy(timeout_s=30, retries=0, allow_networks=("127.0.0.1/32",))


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("http://127.0.0.2:{port}/secret", "127.0.0.2 is a loopback address (this machine)"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata"),
        ("http://[::ffff:169.254.169.254]/latest/", "::ffff:169.254.169.254 is a cloud metadata"),
    ],
)
def test_a_named_source_redirected_inside_is_refused(web, tmp_path, target, said):
    """A source the user named (trusted), redirected to this machine or to cloud metadata:
    refused before any connection is made (an address that answers nothing here would
    otherwise take the whole deadline, 30 s)."""
    web.add("/secret", SECRET_PAGE, content_type="text/html")
    location = target.format(port=web.httpd.server_address[1])
    url = web.add("/moved", status=302, headers={"Location": location})
    started = time.monotonic()
    with HttpClient(tmp_path, PUBLIC_HERE) as http, pytest.raises(AddressRefused) as refused:
        http.get(url)
    assert time.monotonic() - started < 20  # a hang bound: refused at once
    message = str(refused.value)
    assert message.startswith(f"{url}: redirected to {location}: {said}"), message
    assert "\n" not in message
    assert web.hits["/moved"] == 1 and web.hits["/secret"] == 0


def test_a_source_on_this_machine_may_redirect_on_this_machine(web, tmp_path):
    """The rule is for redirects that lead inside from outside: a local source the user
    named may move within this machine."""
    web.add("/page", SECRET_PAGE, content_type="text/html")
    url = web.add("/moved", status=302, headers={"Location": web.url("/page")})
    with HttpClient(tmp_path, FetchPolicy(timeout_s=30, retries=0)) as http:
        assert SECRET_WORD in http.get(url).body.decode()


def _tone_cli(*args: str | Path) -> list[str]:
    code = (
        "import sys\nfrom briefing import tts\n"
        'tts.register_engine("tone", "tests.fakes:ToneEngine")\n'
        'sys.argv = ["briefing", *sys.argv[1:]]\nfrom briefing.entry import main\nmain()\n'
    )
    return [sys.executable, "-c", code, *map(str, args)]


@pytest.mark.slow
def test_generate_refuses_a_redirect_inside_and_says_why_in_the_skipped_list(web, tmp_path):
    """Through `briefing generate` (a subprocess): a named page that redirects to
    another loopback address, and a feed whose teaser links to this machine and has no
    text of its own. One warning each, naming the address; the episode is made from
    the article file; its Skipped list says the real reasons, not "no article text"."""
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "anchor.toml").write_text('name="anchor"\nengine="tone"\nvoice="beep"\nrate=180\n')
    (article,) = write_articles(tmp_path / "articles")[:1]
    web.add("/secret", SECRET_PAGE, content_type="text/html")
    inside = f"http://127.0.0.2:{web.httpd.server_address[1]}/secret"
    moved = web.add("/moved", status=302, headers={"Location": inside})
    lure = web.add("/lure.xml", teaser_feed("Harbour news", inside, ""))
    config = tmp_path / "briefing.toml"
    config.write_text("[fetch]\nallow_networks = ['127.0.0.1/32']\n", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        _tone_cli("generate", moved, lure, article, "--config", config, "--out", out,
                  "--jobs", "0", "--since", "5200w", "--date", "2026-11-25"),
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env=subprocess_env(PYTHONPATH=str(ROOT), BRIEFING_VOICES=str(voices),
                           BRIEFING_CACHE_DIR=str(tmp_path / "cache")),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert web.hits["/secret"] == 0
    assert SECRET_WORD not in published_text(out)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert sum("127.0.0.2 is a loopback address" in line for line in warnings) == 2, warnings
    lines = result.stderr.splitlines()
    listed = lines[lines.index("Skipped 2:") + 1 :][:2]
    assert all("127.0.0.2 is a loopback address" in line for line in listed), listed
    assert not any("no article text" in line for line in listed), listed


@pytest.mark.slow
def test_the_batchs_own_config_is_the_one_that_opens_a_network(web, tmp_path):
    """Through `briefing batch` (a subprocess): a show naming a page on this machine is
    made without it, one warning naming the address; the same batch with its own
    --config listing the network fetches it."""
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "anchor.toml").write_text('name="anchor"\nengine="tone"\nvoice="beep"\nrate=180\n')
    articles = write_articles(tmp_path / "articles")
    secret = web.add("/secret", SECRET_PAGE, content_type="text/html")
    shows = tmp_path / "shows"
    shows.mkdir()
    write_show(shows, "nosy", [secret, str(articles[0])])
    own = tmp_path / "batch.toml"
    own.write_text("[fetch]\nallow_networks = ['127.0.0.1/32']\n", encoding="utf-8")

    def run(*extra: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            _tone_cli("batch", shows, "--jobs", "0", "--date", "2026-11-25", "--force", *extra),
            capture_output=True, text=True, timeout=120, cwd=tmp_path,
            env=subprocess_env(PYTHONPATH=str(ROOT), BRIEFING_VOICES=str(voices),
                               BRIEFING_CACHE_DIR=str(tmp_path / "cache")),
        )  # fmt: skip

    refused = run()
    assert refused.returncode == 0, refused.stderr
    assert "Traceback" not in refused.stderr
    assert web.hits["/secret"] == 0
    warned = [line for line in refused.stderr.splitlines() if secret in line]
    assert len(warned) == 1 and "127.0.0.1 is a loopback address" in warned[0], warned
    assert SECRET_WORD not in published_text(shows / "out-nosy")
    opened = run("--config", own)
    assert opened.returncode == 0, opened.stderr
    assert web.hits["/secret"] == 1
    assert SECRET_WORD in published_text(shows / "out-nosy")


def test_a_skipped_teaser_says_its_page_was_refused(web, tmp_path, caplog):
    """A teaser with no text of its own whose page is on this machine: the item is
    skipped for the refusal, which its Skipped line names."""
    secret = web.add("/secret", SECRET_PAGE, content_type="text/html")
    lure = web.add("/lure.xml", teaser_feed("Harbour news", secret, ""))
    with HttpClient(tmp_path, FetchPolicy(timeout_s=30, retries=0)) as http:
        articles, skipped = collect([SourceConfig(lure)], since=None, now=NOW, client=http)
    assert articles == [] and web.hits["/secret"] == 0
    (reason,) = [s.reason for s in skipped]
    assert "127.0.0.1 is a loopback address" in reason and "no article text" not in reason


# -- 9. hidden files named by show files ----------------------------------------------------


def test_a_show_file_may_not_name_hidden_files(tone_show_voices, tmp_path, monkeypatch, caplog):
    """~/.bashrc, a dot-folder beside the show file, and a folder whose article is a link
    to a hidden file: each refused with one warning; the show is made from the rest."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    secret = f"Shell settings\n\nexport TOKEN={SECRET_WORD} is what the shell keeps here.\n"
    (home / ".bashrc").write_text(secret, encoding="utf-8")
    shows = tmp_path / "shows"
    (shows / ".private").mkdir(parents=True)
    (shows / ".private" / "story.txt").write_text(secret, encoding="utf-8")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "story.txt").symlink_to(home / ".bashrc")
    articles = write_articles(tmp_path / "articles")
    write_show(shows, "snoop", ["~/.bashrc", ".private/story.txt", str(linked), str(articles[0])])
    with caplog.at_level(logging.WARNING, "briefing"):
        (show,) = batch(shows, tmp_path).shows
    assert show.status == "made", show.error
    assert show.episode is not None and len(show.episode.stories) == 1
    assert SECRET_WORD not in published_text(shows / "out-snoop")
    assert len(show.episode.skipped) == 3
    assert all("hidden" in line for line in show.episode.skipped), show.episode.skipped
    hidden = [r for r in caplog.records if "hidden" in r.getMessage()]
    assert len(hidden) == 3, [r.getMessage() for r in hidden]
    # Named by the user, on the command line, the same file is read.
    found, _ = gather_articles([home / ".bashrc"], since=None)
    assert SECRET_WORD in found[0].text


# -- 8. text and decoding -------------------------------------------------------------------

_WORDS = (
    "The council met on Monday to agree the budget for the harbour, the ferries and the "
    "new quay, and voted by a narrow margin to go ahead with the plan this spring. "
)


def test_aria_hidden_text_in_a_feed_is_never_spoken(web, tmp_path):
    """feedparser's sanitiser drops the aria-hidden attribute: what is hidden is decided
    on the feed's own HTML."""
    body = (
        f"<p>{_WORDS * 4}</p><p aria-hidden='true'>Icon: {SECRET_WORD} star</p>"
        f'<div aria-hidden="TRUE"><p>Decorative {SECRET_WORD} banner.</p></div><p>{_WORDS}</p>'
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>'
        "<item><title>Harbour budget agreed</title><link>http://news.example/1</link>"
        f"<description><![CDATA[{body}]]></description></item>"
        "<item><title>Quay plan goes ahead</title><link>http://news.example/2</link>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>"
    )
    url = web.add("/hidden.xml", feed)
    with HttpClient(tmp_path, FetchPolicy(timeout_s=30, retries=0)) as http:
        articles, skipped = collect([SourceConfig(url)], since=None, now=NOW, client=http)
    assert skipped == [] and len(articles) == 2
    for article in articles:
        assert "narrow margin" in article.text
        assert SECRET_WORD not in article.text and "Icon" not in article.text


def test_a_windows_1252_feed_declared_utf8_reads_right(web, tmp_path):
    """Curly quotes, dashes and accents in Windows-1252, the header saying UTF-8: every
    item arrives, each character right (none left out as undecodable)."""
    items = "".join(
        f"<item><title>Caf\u00e9 \u201cLe Quai\u201d reopens {n}</title>"
        f"<link>http://news.example/{n}</link><description>The caf\u00e9\u2019s owner "
        f"said \u201cwe are back\u201d \u2013 after {n} months of repairs to the quay, "
        "paid for by the harbour board and the council together.</description></item>"
        for n in range(1, 6)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    url = web.add(
        "/cp1252.xml", feed.encode("cp1252"), content_type="application/rss+xml; charset=utf-8"
    )
    with HttpClient(tmp_path, FetchPolicy(timeout_s=30, retries=0)) as http:
        articles, skipped = collect(
            [SourceConfig(url, max_items=10)], since=None, now=NOW, client=http
        )
    assert skipped == [] and len(articles) == 5
    for article in articles:
        assert "\ufffd" not in article.title + article.text
        assert article.title.startswith("Caf\u00e9 \u201cLe Quai\u201d reopens")
        assert "caf\u00e9\u2019s owner said \u201cwe are back\u201d \u2013 after" in article.text


def test_a_cached_copy_is_no_way_round_the_address_rule(web, tmp_path):
    """A page on this machine, fetched by the user and then asking for a long pause: its
    cached copy is theirs, never given to a show file's source without a request."""
    url = web.add("/secret", SECRET_PAGE, content_type="text/html")
    policy = FetchPolicy(timeout_s=30, retries=0)
    with HttpClient(tmp_path, policy) as http:
        assert SECRET_WORD in http.get(url).body.decode()
        web.add("/secret", status=503, headers={"Retry-After": "3600"})
        with pytest.raises(FetchError, match="come back in 3600 s"):
            http.get(url)
        assert SECRET_WORD in http.get(url).body.decode()  # the user's, from the cache
        with pytest.raises(FetchError, match="asked not to be contacted") as refused:
            http.get(url, untrusted=True)
    assert SECRET_WORD not in str(refused.value)
