"""Security: hostile titles and text escaped everywhere, no file named from them, no
shell, the server local by default, a feed's links kept off this machine. (Entity
declarations, hidden HTML, size limits, deadlines, the addresses links may reach and
path traversal in the server are tested in test_web_sources, test_http and test_serve.)"""

from __future__ import annotations

import ast
import datetime as dt
import os
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.config import SourceConfig
from briefing.models import Show
from briefing.sources import FetchPolicy, HttpClient

from .helpers import episode_file, episode_names
from .webserver import FixtureServer, teaser_feed

GOOD_ARTICLE = (
    "Harbour bridge reopens after repairs\n\nThe harbour bridge reopened to traffic on Monday "
    "after eight months of repairs, the transport office said. Engineers replaced the deck.\n"
)
PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
HOSTILE_TITLES = [
    "</title><script>alert('x')</script> & <b>bold</b>",
    "../../../../tmp/briefing-escape",
    'a/b\\c:d*e?f"g<h>i|j',
    "]]><!-- --><![CDATA[",
    "\u202eevil\u202c \U0001f600 and more",
]


def test_hostile_titles_are_escaped_and_name_no_file(tmp_path, silent_voices):
    import feedparser

    articles = tmp_path / "articles"
    articles.mkdir()
    for index, title in enumerate(HOSTILE_TITLES):
        (articles / f"{index}.txt").write_text(
            f"{title}\n\nThe council met on Tuesday {index} and agreed the plan after a long "
            f"debate about <script>alert({index})</script> the new roads & the schools.\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    before = set(tmp_path.rglob("*"))
    show = Show(title="<script>alert('show')</script> & ../../escape")
    pipeline.generate([articles], out_dir=out, date=dt.date(2026, 11, 25), show=show)
    # Nothing is written outside the folder, and every name is one briefing chose.
    made = set(tmp_path.rglob("*")) - before
    assert {p for p in made if out not in p.parents and p != out} == set()
    assert {p.name for p in out.iterdir()} <= {
        ".briefing.lock", *episode_names(out, "2026-11-25"),
        "cover.png", "episodes.json", "feed.xml", "flash-briefing.json", "index.html",
        "player.js", "player.css",
    }  # fmt: skip
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.title.startswith("<script>alert('show')</script>")  # text, not markup
    vtt = episode_file(out, "2026-11-25", "vtt").read_text(encoding="utf-8")
    assert "<script>" not in vtt and "&lt;script&gt;" in vtt


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return f"{_name(func.value)}.{func.attr}"
    return func.id if isinstance(func, ast.Name) else ""


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_shell_and_no_eval_anywhere(path):
    """No command line is ever built for a shell: subprocesses get argument lists."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call in _calls(tree):
        name = _name(call.func)
        assert name not in {"os.system", "os.popen", "eval", "exec", "subprocess.getoutput",
                            "subprocess.getstatusoutput"}, (path.name, call.lineno, name)  # fmt: skip
        for keyword in call.keywords:
            if keyword.arg == "shell":
                assert isinstance(keyword.value, ast.Constant) and keyword.value.value is False, (
                    path.name,
                    call.lineno,
                )
        if name.startswith("subprocess.") and call.args:
            assert not isinstance(call.args[0], ast.Constant | ast.JoinedStr), (
                path.name,
                call.lineno,
                "a command as one string",
            )


def test_the_server_listens_on_this_machine_only_by_default():
    from briefing.cli import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


INTERNAL = (
    "<html><head><title>Router admin</title></head><body><article><h1>Router admin</h1>"
    "<p>Wireless network Office-5G, passphrase tangerine-walrus-42, administrator account "
    "admin with the same passphrase, remote management enabled on port 8443.</p>"
    "<p>Connected devices: the accounts laptop, the front desk printer, the door controller "
    "and the camera in the stock room, each with its own address and its own key.</p>"
    "</article></body></html>"
)


def test_a_feed_cannot_put_a_page_of_this_machine_into_the_briefing(tmp_path, silent_voices):
    """A hostile feed's teaser links to an internal page (another port on 127.0.0.1): the
    page is never fetched, so it is in no script, transcript or page of the episode."""
    inside, outside = FixtureServer().start(), FixtureServer().start()
    try:
        secret = inside.add("/admin", INTERNAL, content_type="text/html")
        teaser = "A short story about the routers in the office, and what they do all day…"
        outside.add(
            "/feed.xml",
            teaser_feed("Router news", secret, teaser, "Wed, 25 Nov 2026 06:00:00 GMT"),
        )
        feed = SourceConfig(location=outside.url("/feed.xml"), name="lure")
        out = tmp_path / "out"
        with HttpClient(None, FetchPolicy(timeout_s=2, retries=0)) as http:
            pipeline.generate(
                [feed], out_dir=out, date=dt.date(2026, 11, 25), client=http,
                now=dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC),
            )  # fmt: skip
        assert inside.hits["/admin"] == 0
        written = [
            p
            for p in out.rglob("*")
            if p.suffix in {".txt", ".vtt", ".srt", ".html", ".json", ".xml"}
        ]
        assert any(p.suffix == ".txt" for p in written)
        for path in written:
            text = path.read_text(encoding="utf-8")
            assert "tangerine" not in text and "passphrase" not in text, path.name
    finally:
        inside.stop()
        outside.stop()


# -- files no user means as an article ---------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="the private-file rule is for runs as root")
def test_as_root_a_file_others_may_not_read_is_not_read(tmp_path, silent_voices):
    """Root reads any file: /etc/shadow once became a spoken story."""
    from click.testing import CliRunner

    from briefing.cli import cli

    secret = tmp_path / "id_key.txt"
    secret.write_text("Key\n\nThe password of the database is hunter2 and nobody knows.\n")
    secret.chmod(0o600)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_ARTICLE, encoding="utf-8")
    good.chmod(0o644)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", str(good), str(secret), "--out", str(out)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "id_key.txt" in warnings[0] and "private file" in warnings[0]
    assert not any("hunter2" in p.read_text(errors="replace") for p in out.glob("*.txt"))


@pytest.mark.parametrize("path", ["/etc/passwd", "/etc/hostname", "/proc/self/environ"])
def test_system_files_are_refused_by_name_whatever_the_link(path, tmp_path):
    from briefing.errors import SourceError
    from briefing.sources.files import read_article

    if not Path(path).exists():
        pytest.skip(f"{path} is not on this machine")
    link = tmp_path / "innocent.txt"
    link.symlink_to(path)
    for candidate in (Path(path), link):
        with pytest.raises(SourceError, match=r"a system file \(in /(etc|proc)\)"):
            read_article(candidate)


# -- links and text that reach a feed reader or a terminal --------------------------------


@pytest.mark.parametrize(
    ("link", "written"),
    [
        ("javascript:alert(1)", "https://example.org/show/"),
        ("file:///etc/passwd", "https://example.org/show/"),
        ("  JAVASCRIPT:alert(1)", "https://example.org/show/"),
        ("https://example.org/about", "https://example.org/about"),
    ],
)
def test_the_feed_links_only_to_web_pages(link, written):
    """A store written before the config refused such links still never puts one in a feed."""
    import xml.etree.ElementTree as ET

    from briefing.models import Show
    from briefing.publish.feed import build_feed, show_link
    from briefing.publish.store import Store

    store = Store(show=Show(link=link))
    channel = ET.fromstring(build_feed(store, "https://example.org/show/")).find("channel")
    assert channel is not None and channel.findtext("link") == written
    assert show_link(link, "https://example.org/show/") == written  # the Alexa briefing's too


def test_control_characters_never_reach_the_terminal(tmp_path, silent_voices):
    """A raw ESC ] 0 ; ... BEL from a feed's title retitled the terminal from a warning."""
    from click.testing import CliRunner

    from briefing.cli import cli, printable

    hostile = tmp_path / "\x1b]0;owned\x07\x1b[2J\u202etxt.evil.txt"
    good = tmp_path / "good.txt"
    good.write_text(GOOD_ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["generate", str(good), str(hostile), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "warning: skipping" in result.stderr
    for text in (result.stderr, result.stdout):
        assert not any(ch in text for ch in "\x1b\x07\u202e"), repr(text)
    assert printable("a\nb\x9bc", lines=False) == "a b\ufffdc"
    assert printable("line one\nline two\tend") == "line one\nline two end"
