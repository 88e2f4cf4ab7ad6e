"""The bad-input corpus: every case gives a one-line error naming the input and what
to do, or its story is left out with a warning and the briefing goes on. Never a
traceback, never a partial or silent MP3.

Each case is a recipe (the files are made in a temporary folder: a 20 MB text
has no place in the repository) run through the command line. Article cases
run twice: beside a good article (the bad one is skipped, or read, and the
briefing is made) and alone (when nothing usable is left, one error line).
Cases that need real processes (missing espeak-ng or ffmpeg, a full disk,
Ctrl-C, kill -9) are in test_integration, test_tts, test_robust and here below.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.mp3 import MP3

from briefing.cli import cli

from .helpers import SEED, episode_file, mp3_names, subprocess_env

GOOD = (
    "Harbour bridge reopens after repairs\n\n"
    "The harbour bridge reopened to traffic on Monday after eight months of repairs that "
    "cost the city 12 million euros. Engineers replaced the deck and two of the main cables, "
    "the transport office said.\n\nTraffic is expected to return to normal within a week.\n"
)
BODY = (
    "The council approved the new budget on Tuesday after a long debate. "
    "It includes more money for schools and for the repair of roads in the north."
)

# -- the article recipes: (file name, bytes) or a function making the path ----------------


def _text(title: str, body: str = BODY) -> bytes:
    return f"{title}\n\n{body}\n".encode()


def _big(tmp: Path) -> Path:
    path = tmp / "twenty-megabytes.txt"
    with path.open("wb") as handle:
        handle.write(b"A very long file\n\n")
        line = (BODY + "\n").encode()
        while handle.tell() < 20_000_000:
            handle.write(line * 1000)
    return path


def _loop(tmp: Path) -> Path:
    (tmp / "loop-a.txt").symlink_to(tmp / "loop-b.txt")
    (tmp / "loop-b.txt").symlink_to(tmp / "loop-a.txt")
    return tmp / "loop-a.txt"


def _dangling(tmp: Path) -> Path:
    (tmp / "dangling.txt").symlink_to(tmp / "nowhere.txt")
    return tmp / "dangling.txt"


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.txt")  # reading it would wait forever
    return tmp / "pipe.txt"


def _one_paragraph(tmp: Path) -> Path:
    """A megabyte in one paragraph: once a quadratic sentence splitter never finished."""
    path = tmp / "one-megabyte-paragraph.txt"
    sentence = "The council met on Monday. Mr. Lee of the U.S. team said it was fine! "
    path.write_text("One long paragraph\n\n" + sentence * (1_000_000 // len(sentence)))
    return path


def _full_stops(tmp: Path) -> Path:
    path = tmp / "full-stops.txt"
    path.write_text("Full stops\n\n" + BODY + " " + "." * 1_000_000 + " a.a" * 200_000)
    return path


def _folder_named_txt(tmp: Path) -> Path:
    (tmp / "folder.txt").mkdir()
    return tmp / "folder.txt"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path] | tuple[str, bytes]
    expect: str
    """"skip": left out with a warning (alone: the one error line);
    "read": read as an article (its story is in the briefing)."""
    reason: str = ""
    """In the warning (and in the error when alone)."""
    said: str = ""
    """For "read": words that must be in the script."""

    def path(self, tmp: Path) -> Path:
        if callable(self.make):
            return self.make(tmp)
        name, data = self.make
        path = tmp / name
        path.write_bytes(data)
        return path


CONTROL = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")
ARTICLES = [
    Case("empty", ("empty.txt", b""), "skip", "the file is empty"),
    Case("whitespace only", ("blank.txt", b" \n\t\n  \r\n\n"), "skip", "the file is empty"),
    Case("BOM only", ("bom.txt", b"\xef\xbb\xbf"), "skip", "the file is empty"),
    Case(
        "binary (PNG)",
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20),
        "skip",
        "not a text file",
    ),  # fmt: skip
    Case(
        "NUL bytes in text",
        ("nul.txt", _text("Nul") + b"\x00" * 10 + b" more"),
        "skip",
        "not a text file",
    ),  # fmt: skip
    Case("20 MB of text", _big, "skip", "too large for an article"),
    Case(
        "UTF-16 with BOM",
        ("utf16.txt", "Café reopens\n\n".encode("utf-16") + BODY.encode("utf-16")[2:]),
        "read",
        said="Café reopens",
    ),  # fmt: skip
    Case(
        "UTF-16 big-endian with BOM",
        ("utf16be.txt", b"\xfe\xff" + f"Café reopens\n\n{BODY}".encode("utf-16-be")),
        "read",
        said="Café reopens",
    ),  # fmt: skip
    Case(
        "UTF-8 with BOM",
        ("utf8bom.txt", b"\xef\xbb\xbf" + _text("Café reopens")),
        "read",
        said="Café reopens",
    ),  # fmt: skip
    Case(
        "Latin-1",
        (
            "latin1.txt",
            f"Café reopens in Zürich\n\nSeñor García said the café would reopen soon. "
            f"{BODY}".encode("latin-1"),
        ),
        "read",
        said="Señor García said",
    ),  # fmt: skip
    Case(
        "Windows-1252 quotes",
        ("cp1252.txt", "Prices \u2018soar\u2019 again\n\n".encode("cp1252") + BODY.encode()),
        "read",
        said="Prices \u2018soar\u2019",
    ),  # fmt: skip
    Case(
        "mixed encodings",
        (
            "mixed.txt",
            "Café reopens\n\n".encode()
            + "Señor García said the café would reopen soon. ".encode("latin-1")
            + BODY.encode(),
        ),
        "read",
        said="Café reopens.\nSeñor García said",
    ),  # fmt: skip
    Case(
        "HTML saved as .txt",
        (
            "page.txt",
            (
                "<!DOCTYPE html><html><head><title>Bridge reopens | Daily</title></head><body>"
                "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge reopens"
                "</h1>"
                + "".join(f"<p>{BODY} Paragraph {i} of the story.</p>" for i in range(4))
                + "</article><footer>Copyright 2026</footer></body></html>"
            ).encode(),
        ),
        "read",
        said="council approved",
    ),  # fmt: skip
    Case(
        "a headline alone",
        ("headline.txt", b"Just a headline\n"),
        "skip",
        "no article text after the headline",
    ),  # fmt: skip
    Case(
        "headline then credits only",
        ("credits.txt", b"Headline here\n\n(Reporting by A; Editing by B)\n"),
        "skip",
        "no article text after the headline",
    ),  # fmt: skip
    Case(
        "5,000 one-word lines",
        ("words.txt", b"Many lines\n\n" + b"word\n" * 5000),
        "skip",
        "nothing left to summarise",
    ),  # fmt: skip
    Case(
        "a 2,000-character headline",
        (
            "long-headline.txt",
            ("The council " + "and the mayor " * 150 + "met.\n\n" + BODY).encode(),
        ),
        "read",
        said="The council and the mayor",
    ),  # fmt: skip
    Case(
        "no headline line at all",
        ("one-line.txt", " ".join([BODY] * 3).encode()),
        "read",
        said="The council approved the new budget",
    ),  # fmt: skip
    Case(
        "control characters",
        (
            "control.txt",
            f"Bridge\x07 reopens\x1b[0m\n\n\x1b[1m{BODY[:40]}\x0b{BODY[40:]}\x08 {BODY}".encode(),
        ),
        "read",
        said="council approved",
    ),  # fmt: skip
    Case(
        "mostly control characters",
        ("controls.txt", f"Bridge\n\n{CONTROL * 20}".encode()),
        "skip",
        "not a text file",
    ),  # fmt: skip
    Case(
        "right-to-left marks in English",
        (
            "bidi.txt",
            "Talks in \u200fالقاهرة\u200f "
            "resume\n\n\u202bThe talks\u202c resumed in Cairo on Monday, officials said. "
            "Both sides called them useful and agreed to meet again next week.\n".encode(),
        ),
        "read",
        said="resumed in Cairo",
    ),  # fmt: skip
    Case(
        "an article in Arabic",
        (
            "arabic.txt",
            (
                "استئناف المحادثات في القاهرة\n\n"
                + "استؤنفت المحادثات في القاهرة يوم الاثنين وقال المسؤولون إنها كانت مفيدة. " * 5
            ).encode(),
        ),
        "skip",
        "not in the Latin alphabet",
    ),  # fmt: skip
    Case(
        "emoji",
        (
            "emoji.txt",
            "Fans cheer 🎉 as team wins 🏆\n\nFans cheered 🎉🎉 in the "
            "square on Sunday as the team won the cup 🏆 for the first time in 40 years. The "
            "mayor 👏 promised a parade.\n".encode(),
        ),
        "read",
        said="Fans cheered",
    ),  # fmt: skip
    Case(
        "CRLF line ends",
        ("crlf.txt", _text("Windows file").replace(b"\n", b"\r\n")),
        "read",
        said="Windows file",
    ),  # fmt: skip
    Case(
        "old Mac line ends",
        ("cr.txt", _text("Old Mac file").replace(b"\n", b"\r")),
        "read",
        said="Old Mac file",
    ),  # fmt: skip
    Case(
        "one 100,000-character word",
        ("word.txt", b"Long word\n\n" + b"x" * 100_000 + b"."),
        "skip",
        "nothing left to summarise",
    ),  # fmt: skip
    Case(
        "a URL alone",
        ("url.txt", b"Link\n\nhttps://example.org/a/story\n"),
        "skip",
        "no article text after the headline",
    ),  # fmt: skip
    Case("a megabyte in one paragraph", _one_paragraph, "read", said="Mr. Lee of the U.S. team"),
    Case("a million full stops", _full_stops, "read", said="council approved"),
    Case("a system file", lambda tmp: Path("/etc/passwd"), "skip", "a system file (in /etc)"),
    Case("the kernel's view", lambda tmp: Path("/proc/self/environ"), "skip", "a system file"),
    Case("a missing file", lambda tmp: tmp / "missing.txt", "skip", "no such file"),
    Case("a symlink loop", _loop, "skip", "symbolic links loop"),
    Case("a dangling symlink", _dangling, "skip", "a broken symbolic link"),
    Case("a named pipe", _fifo, "skip", "not a regular file"),
    Case("a folder named .txt", _folder_named_txt, "skip", "no article files"),
]


def _generate(*args: str):
    return CliRunner().invoke(cli, ["generate", *args], catch_exceptions=False)


def _script(out: Path) -> str:
    return episode_file(out, "2026-11-25", "script").read_text(encoding="utf-8")


def _said_or_titled(out: Path) -> str:
    """The spoken script and the chapters' titles (a story's headline titles its
    chapter; the rundown reads it unless the story is the top one)."""
    chapters = json.loads(episode_file(out, "2026-11-25", "chapters").read_text("utf-8"))
    return _script(out) + "\n" + "\n".join(c["title"] for c in chapters["chapters"])


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.name)
def test_bad_article_beside_a_good_one(case, tmp_path, silent_voices):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = case.path(tmp_path)
    out = tmp_path / "out"
    result = _generate(str(good), str(bad), "--out", str(out), "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    stories = len(MP3(str(episode_file(out, "2026-11-25"))).tags.getall("CHAP")) - 2
    if case.expect == "skip":
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        assert any(bad.name in w and case.reason in w for w in warnings), result.stderr
        assert stories == 1
    else:
        assert "warning: skipping" not in result.stderr, result.stderr
        assert stories == 2
        heard = _said_or_titled(out)
        assert all(part in heard for part in case.said.split("\n")), heard


@pytest.mark.parametrize("case", [c for c in ARTICLES if c.expect == "skip"], ids=lambda c: c.name)
def test_bad_article_alone_is_one_error_line(case, tmp_path, silent_voices):
    bad = case.path(tmp_path)
    out = tmp_path / "out"
    result = _generate(str(bad), "--out", str(out), "--date", "2026-11-25")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: no usable articles")
    assert bad.name in lines[0] and case.reason in lines[0]
    assert mp3_names(out) == []


def test_a_folder_with_unreadable_and_odd_files_gives_the_good_ones(tmp_path, silent_voices):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b-second.txt").write_bytes(_text("Second story"))
    (folder / "c-secret.txt").write_bytes(_text("Secret"))
    (folder / "c-secret.txt").chmod(0)
    _loop(folder)
    _fifo(folder)
    (folder / "notes.md").write_text("not an article")
    out = tmp_path / "out"
    real_open = os.open

    def os_open(path, flags, *args, **kwargs):  # root reads anything: make it unreadable
        if Path(path).name == "c-secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", os_open)
        result = _generate(str(folder), "--out", str(out), "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert any("c-secret.txt" in w and "permission denied" in w for w in warnings), warnings
    assert any("loop-a.txt" in w and "symbolic links loop" in w for w in warnings), warnings
    assert any("pipe.txt" in w and "not a regular file" in w for w in warnings), warnings
    assert "notes.md" not in result.stderr
    assert "Second story" in _said_or_titled(out) and "Harbour bridge" in _said_or_titled(out)


# -- standard input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "the file is empty"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not a text file")],
    ids=["empty", "binary"],
)
def test_bad_standard_input(data, reason, tmp_path, silent_voices):
    result = CliRunner().invoke(cli, ["generate", "-", "--out", str(tmp_path / "o")], input=data)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "<stdin>" in lines[0] and reason in lines[0], result.stderr


# -- configuration ------------------------------------------------------------------------

CONFIGS = {
    "malformed TOML": ("[show\ntitle = 'x'\n", "line 1", "not valid TOML"),
    "a missing voice": (
        "[briefing]\nvoices = ['anchor', 'nobody']\n",
        "nobody",
        "unknown voice",
    ),  # fmt: skip
    "a wrong type": (
        "[[sources]]\npath = 'x.txt'\nweight = 'heavy'\n",
        "sources[0].weight",
        "must be a number",
    ),  # fmt: skip
    "an unknown key": ("[show]\ntitel = 'x'\n", "show.titel", "is not a known setting"),
    "a source with neither url nor path": (
        "[[sources]]\nname = 'x'\n",
        "sources[0]",
        "one of 'url' or 'path'",
    ),  # fmt: skip
    "not UTF-8": (b"[show]\ntitle = '\xff\xfe'\n", "briefing.toml", "save the config as UTF-8"),
    "a 100,000-deep array": (
        "a = " + "[" * 100_000 + "]" * 100_000 + "\n",
        "briefing.toml",
        "nested too deeply",
    ),  # fmt: skip
    "a duration past any calendar": (
        "[briefing]\nsince = '99999999999999999999999m'\n",
        "briefing.since",
        "is too long",
    ),  # fmt: skip
    "a script link": ("[show]\nlink = 'javascript:alert(1)'\n", "show.link", "http(s) URL"),
    "a 100 kB title": ("[show]\ntitle = '" + "T" * 100_000 + "'\n", "show.title", "at most 200"),
    "a 100 kB author": ("[show]\nauthor = '" + "A" * 100_000 + "'\n", "show.author", "at most"),
    "a cover that is a folder": ("[show]\ncover = '.'\n", "show.cover", "not a folder"),
    "a huge value of the wrong type": (
        "[briefing]\nminutes = [" + "1, " * 50_000 + "]\n",
        "briefing.minutes",
        "must be a number",
    ),  # fmt: skip
}


@pytest.mark.parametrize("case", CONFIGS, ids=list(CONFIGS))
def test_bad_config_is_one_error_line(case, tmp_path, silent_voices):
    text, where, what = CONFIGS[case]
    config = tmp_path / "briefing.toml"
    if isinstance(text, bytes):
        config.write_bytes(text)
    else:
        config.write_text(text, encoding="utf-8")
    result = _generate(str(SEED), "--config", str(config), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert where in lines[0] and what in lines[0], lines[0]
    assert len(lines[0]) < 600, "a value quoted back whole"
    assert not (tmp_path / "o").exists()


def test_a_config_source_that_is_missing_is_skipped(tmp_path, silent_voices):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    config = tmp_path / "briefing.toml"
    config.write_text(f"[[sources]]\npath = '{good}'\n\n[[sources]]\npath = 'gone/'\n")
    result = _generate("--config", str(config), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert "warning: skipping" in result.stderr and "gone" in result.stderr


# -- the output folder ---------------------------------------------------------------------


@pytest.mark.parametrize("where", ["a file", "inside a file"])
def test_an_output_folder_that_cannot_be_made_is_one_error_line(where, tmp_path, silent_voices):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    out = blocker if where == "a file" else blocker / "out"
    result = _generate(str(SEED), "--out", str(out), "--date", "2026-11-25")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {out}: cannot create the output folder"), lines[0]
    assert blocker.read_text() == "a file, not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_output_folder_is_one_error_line(tmp_path, silent_voices):  # pragma: no cover
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = _generate(str(SEED), "--out", str(out), "--date", "2026-11-25")
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(out) in result.stderr and "output folder" in result.stderr


@pytest.mark.integration
def test_a_full_disk_is_one_error_line_and_the_previous_episode_stays(tmp_path):
    """The disk fills up while the episode is written (a file-size limit on the run:
    writes past it fail as on a full disk)."""
    import resource

    out = tmp_path / "out"
    env = subprocess_env()
    base = [sys.executable, "-m", "briefing", "generate", "--out", str(out), "--date",
            "2026-11-25", "--voice", "anchor", "--no-cache", "--bitrate", "96"]  # fmt: skip
    subprocess.run([*base, str(SEED), "-q"], env=env, check=True, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    from . import killer

    articles = killer.write_articles(tmp_path / "articles", 9)

    def limit_file_size() -> None:
        # 1.8 MB: the speech of any one block fits (under 1.5 MB), the episode (about
        # 3 minutes, 2.3 MB at 96 kbit/s since no story reads its headline) does not.
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_800_000, 1_800_000))

    result = subprocess.run([*base, *map(str, articles)], env=env, capture_output=True, text=True,
                            preexec_fn=limit_file_size, timeout=300)  # fmt: skip
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(out) in errors[0] and "File too large" in errors[0], errors[0]
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert after == before


# -- numbers on the command line --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["--since", "99999999999999999999999m"], "is too long"),
        (["--since", "1e400w"], "not a duration"),
        (["--since", "9" * 5000 + "h"], "not a duration"),
        (["--wait", "nan"], "not a finite number"),
        (["--wait", "inf"], "not in the range"),
        (["--minutes", "nan"], "not a finite number"),
    ],
    ids=["since overflow", "since 1e400", "since 5000 digits", "wait nan", "wait inf", "min nan"],
)
def test_numbers_past_any_use_are_one_usage_error(args, what, tmp_path, silent_voices):
    """Once an OverflowError inside click's callback (a traceback), or a wait forever."""
    result = _generate(str(SEED), *args, "--out", str(tmp_path / "o"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and what in errors[0], result.stderr
    assert not (tmp_path / "o").exists()


def test_a_cover_that_is_a_named_pipe_is_refused_without_waiting(tmp_path, silent_voices):
    """Opening a FIFO waits for a writer forever: neither the config nor the cover
    reader may open one."""
    import threading

    from briefing.errors import OutputError
    from briefing.publish.cover import check_cover

    fifo = tmp_path / "cover.png"
    os.mkfifo(fifo)
    config = tmp_path / "briefing.toml"
    config.write_text(f"[show]\ncover = '{fifo}'\n", encoding="utf-8")
    result = _generate(str(SEED), "--config", str(config), "--out", str(tmp_path / "o"))
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.stderr
    assert "show.cover" in lines[0] and "special file" in lines[0]

    outcome: list[BaseException] = []

    def check() -> None:
        try:
            check_cover(fifo)
        except OutputError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=check, daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "check_cover waited on a named pipe"
    assert outcome and "not a special file" in str(outcome[0])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("voices/deep.toml", "a = " + "[" * 100_000 + "]" * 100_000),
        ("lexicon.toml", "[words]\nx = " + "[" * 100_000 + "]" * 100_000),
    ],
    ids=["voice profile", "lexicon"],
)
def test_deeply_nested_toml_elsewhere_is_one_error(name, content, tmp_path):
    from briefing.errors import VoiceError
    from briefing.speech import load_lexicon
    from briefing.voices import load_profile

    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(content, encoding="utf-8")
    load = load_profile if name.startswith("voices") else load_lexicon
    with pytest.raises(VoiceError, match="nested too deeply"):
        load(path)


def test_a_huge_show_title_from_a_library_caller_is_cut_where_it_is_spoken_and_drawn():
    """The config refuses a 100 kB title; a library caller's still never reaches the
    voice (espeak-ng crashed on it) or the cover's type setting whole."""
    import datetime as dt

    from briefing.models import Story
    from briefing.publish.cover import MAX_COVER_TITLE, render_cover
    from briefing.script import MAX_SPOKEN_NAME, build_script

    title = "Title " * 20_000
    story = Story("Headline " * 20_000, ("The council met on Monday.",), "a.txt")
    script = build_script([story], date=dt.date(2026, 11, 25), show=title)
    longest = max(len(line) for segment in script.segments for line in segment.lines)
    assert longest <= MAX_SPOKEN_NAME + 60  # "Hello, and welcome to ... for ..."
    assert render_cover(title).size == (1400, 1400)
    assert MAX_COVER_TITLE <= 200
