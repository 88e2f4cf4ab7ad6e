"""The episode page in a real browser: headless Chromium against `briefing serve`.

Needs Chromium (Debian's `chromium`), Playwright for Python and axe-core (npm);
`make browser-deps` installs them and CI runs it. Elsewhere these tests skip.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.publish.store import load_store

from .conftest import subprocess_env

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = (
    os.environ.get("BRIEFING_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)
AXE = Path(
    os.environ.get(
        "BRIEFING_AXE_JS", ROOT / ".cache" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
    )
)
playwright = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed"
)
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not CHROMIUM, reason="no Chromium: run `make browser-deps` (or apt-get install chromium)"
    ),
    pytest.mark.skipif(not AXE.is_file(), reason=f"no axe-core at {AXE}: run `make browser-deps`"),
]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Two episodes made with the silent engine, served by `briefing serve` on 127.0.0.1."""
    from briefing import tts

    from .fakes import SilentEngine

    out = tmp_path_factory.mktemp("site")
    voices = tmp_path_factory.mktemp("voices")
    for name, rate in (("anchor", 170), ("correspondent", 160)):
        (voices / f"{name}.toml").write_text(
            f'name = "{name}"\nengine = "silent"\nvoice = "quiet"\nrate = {rate}\n'
        )
    saved = {"BRIEFING_VOICES": os.environ.get("BRIEFING_VOICES")}
    os.environ.update(BRIEFING_VOICES=str(voices))
    tts.register_engine("silent", SilentEngine)
    try:
        for day in (24, 25):
            pipeline.generate(
                [],
                out_dir=out,
                voices=["anchor", "correspondent"],
                date=dt.date(2026, 11, day),
                now=dt.datetime(2026, 11, day, 6, tzinfo=dt.UTC),
            )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        tts._REGISTRY.pop("silent", None)
        tts._INSTANCES.pop("silent", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", "--out", str(out), "--port", "0"],
        stderr=subprocess.PIPE, text=True, env=subprocess_env(),
    )  # fmt: skip
    line = server.stderr.readline()
    url = re.search(r" at (http://\S+?/) ", line).group(1)
    yield url, load_store(out)
    server.terminate()
    server.wait(timeout=10)
    server.stderr.close()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site[0])
    page.wait_for_function("document.querySelector('audio').readyState >= 1", timeout=15000)
    page.requests, page.errors = requests, errors
    yield page
    context.close()


def _current_time(page) -> float:
    return page.evaluate("document.querySelector('article.episode audio').currentTime")


def _story_starts(site) -> list[float]:
    newest = site[1].episodes[0]
    return [story.start_ms / 1000 for story in newest.stories]


def test_page_lists_episodes_newest_first_from_the_folder_only(page, site):
    titles = page.locator("article.episode h2").all_inner_texts()
    assert titles == [e.title for e in site[1].episodes]
    assert "Wednesday, November 25" in titles[0]
    assert all(url.startswith(site[0]) for url in page.requests), page.requests
    assert page.errors == []
    assert page.locator("a[href='feed.xml']").count() == 1
    assert page.locator("a[download]").first.get_attribute("href") == "briefing-2026-11-25.mp3"
    assert page.locator("input.follow").first.is_visible()
    assert page.locator("select.speed").first.is_visible()


def test_keyboard_shortcuts_move_story_by_story(page, site):
    starts = _story_starts(site)
    page.locator("body").focus()
    for _ in range(3):
        page.keyboard.press("Alt+Shift+N")
    assert _current_time(page) == pytest.approx(starts[2], abs=0.05)
    page.wait_for_function(
        "document.getElementById('announcer').textContent.includes('Story 3 of')"
    )
    page.keyboard.press("Alt+Shift+P")
    assert _current_time(page) == pytest.approx(starts[1], abs=0.05)


def test_tab_to_the_third_story_and_press_enter(page, site):
    starts = _story_starts(site)
    target = page.locator("article.episode").first.locator("a.chapter").nth(2)
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("link => document.activeElement === link"):
            break
    else:
        pytest.fail("the third story link is not reachable with Tab")
    page.keyboard.press("Enter")
    assert _current_time(page) == pytest.approx(starts[2], abs=0.05)
    current = page.locator("article.episode").first.locator(".cue.current")
    assert current.count() == 1
    start, end = (
        float(current.get_attribute("data-start")),
        float(current.get_attribute("data-end")),
    )
    assert start <= _current_time(page) < end
    assert current.get_attribute("aria-current") == "true"


def test_speed_control_by_keyboard_and_remembered(page):
    select = page.locator("article.episode select.speed").first
    select.focus()
    for _ in range(4):  # 1x -> 1.25 -> 1.5 -> 1.75 -> 2
        page.keyboard.press("ArrowDown")
    assert select.input_value() == "2"
    rates = page.evaluate("[...document.querySelectorAll('audio')].map(a => a.playbackRate)")
    assert rates == [2, 2]
    page.reload()
    page.wait_for_function("document.querySelector('audio').readyState >= 1")
    assert page.locator("select.speed").first.input_value() == "2"
    assert page.evaluate("document.querySelector('audio').playbackRate") == 2
    options = page.locator("select.speed").first.locator("option").all_inner_texts()
    assert options[0] == "0.75×" and options[-1] == "3×"


def test_focus_is_visible(page):
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


@pytest.mark.parametrize(("scheme", "motion"), [("light", "no-preference"), ("dark", "reduce")])
def test_axe_finds_no_violations(browser, site, scheme, motion):
    context = browser.new_context(color_scheme=scheme, reduced_motion=motion)
    page = context.new_page()
    page.goto(site[0])
    page.wait_for_function("document.querySelector('audio').readyState >= 1")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' ')))"
    )
    context.close()
    assert violations == []


def test_basics_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site[0])
    audio = page.locator("article.episode audio").first
    assert audio.get_attribute("src") == "briefing-2026-11-25.mp3"
    assert audio.get_attribute("controls") is not None
    anchor = page.locator("a.chapter").nth(2).get_attribute("href")
    assert page.locator(anchor).count() == 1  # each story link leads to its transcript
    assert page.locator(".cue").count() > 10  # the transcript text is in the page
    assert page.locator("#shortcuts").is_hidden()  # documented only where they work
    assert page.locator(".tools-js").first.is_hidden()
    context.close()
