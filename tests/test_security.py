"""Security: hostile titles and text escaped everywhere, no file named from them, no
shell, the server local by default. (Entity-expansion and external-entity feeds,
size limits and path traversal in the server are tested in test_web_sources,
test_http and test_serve.)"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from briefing import pipeline

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
