"""Security: hostile titles and text escaped everywhere, no file named from them, no
shell, the server local by default, a feed's links kept off this machine. (Entity
declarations, hidden HTML, size limits, deadlines, the addresses links may reach and
path traversal in the server are tested in test_web_sources, test_http and test_serve.)"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.config import SourceConfig
from briefing.sources import FetchPolicy, HttpClient

from .webserver import FixtureServer

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
    show = pipeline.Show(title="<script>alert('show')</script> & ../../escape")
    pipeline.generate([articles], out_dir=out, date=dt.date(2026, 11, 25), show=show)
    # Nothing is written outside the folder, and every name is one briefing chose.
    made = set(tmp_path.rglob("*")) - before
    assert {p for p in made if out not in p.parents and p != out} == set()
    assert {p.name for p in out.iterdir()} <= {
        ".briefing.lock", "briefing-2026-11-25.mp3", "briefing-2026-11-25.txt",
        "briefing-2026-11-25.vtt", "briefing-2026-11-25.srt", "briefing-2026-11-25.chapters.json",
        "cover.png", "episodes.json", "feed.xml", "flash-briefing.json", "index.html",
        "player.js", "player.css",
    }  # fmt: skip
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.title.startswith("<script>alert('show')</script>")  # text, not markup
    vtt = (out / "briefing-2026-11-25.vtt").read_text(encoding="utf-8")
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
        outside.add(
            "/feed.xml",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Lure</title><item>'
            f"<title>Router news</title><link>{secret}</link><pubDate>"
            "Wed, 25 Nov 2026 06:00:00 GMT</pubDate><description>A short story about the "
            "routers in the office, and what they do all day…</description>"
            "</item></channel></rss>",
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
