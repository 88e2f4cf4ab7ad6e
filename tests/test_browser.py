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
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from briefing import pipeline
from briefing.publish.store import load_store

from .helpers import subprocess_env

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
        tts.unregister_engine("silent")
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
    assert page.locator("a[download]").first.get_attribute("href") == site[1].episodes[0].audio
    assert page.locator("input.follow").first.is_visible()
    assert page.locator("select.speed").first.is_visible()


def test_the_feed_address_names_the_server_s_own_host_and_port(page, site):
    """No base URL was given: the page links the feed beside it and shows the address
    the browser resolves, briefing serve's (a random port here), not localhost:8000."""
    link = page.locator("p.subscribe a.feed")
    assert link.get_attribute("href") == "feed.xml"
    address = f"{site[0]}feed.xml"
    assert f":{urlsplit(site[0]).port}/" in address
    assert link.inner_text() == address
    assert page.locator("p.subscribe").inner_text() == (
        f"Subscribe in your podcast app with the feed address {address}."
    )
    with urllib.request.urlopen(link.evaluate("a => a.href"), timeout=30) as response:
        assert b"<rss" in response.read()  # a podcast app finds the feed there


def test_without_javascript_the_feed_address_names_no_host(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site[0])
    assert page.locator("p.subscribe").inner_text() == (
        "Subscribe in your podcast app with the feed address feed.xml "
        "(in the same folder as this page)."
    )
    assert page.locator("p.subscribe a.feed").get_attribute("href") == "feed.xml"
    context.close()


def test_story_links_are_named_by_their_title_then_their_time(page, site):
    """Chromium's computed names: "Title, at 1 minute 5 seconds", not "1:05Title"."""
    from briefing.publish.page import spoken_time

    newest = page.locator("article.episode").first
    stories = site[1].episodes[0].stories
    for story in stories:
        name = f"{story.title}, at {spoken_time(story.start_ms)}"
        assert newest.get_by_role("link", name=name, exact=True).count() == 1, name
    snapshot = newest.locator("nav.stories").aria_snapshot()
    names = re.findall(r'- link "(.*?)"', snapshot)
    assert len(names) == len(stories) and not [n for n in names if n[0].isdigit()], snapshot


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


def test_announcements_follow_the_page_s_language(page, site):
    """A German page's <body data-*> templates (test_language checks the page writes
    them) are what the player says: here set on the served English page."""
    page.evaluate(
        """() => Object.assign(document.body.dataset, {storyOf: 'Meldung {n} von {total}: {title}',
        atOf: 'Bei {time} von {end}', speedIs: 'Geschwindigkeit {rate}-fach'})"""
    )
    page.locator("body").focus()
    page.keyboard.press("Alt+Shift+N")
    page.wait_for_function(
        "document.getElementById('announcer').textContent.startsWith('Meldung 1 von ')"
    )
    title = site[1].episodes[0].stories[0].title
    assert page.locator("#announcer").text_content().endswith(": " + title)


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


def _button(page, name: str, episode: int = 0):
    return page.locator("article.episode").nth(episode).get_by_role("button", name=name, exact=True)


def _seek(page, seconds: float, episode: int = 0) -> None:
    page.evaluate(
        "([i, s]) => { document.querySelectorAll('article.episode audio')[i].currentTime = s; }",
        [episode, seconds],
    )


def test_buttons_move_story_by_story_and_fifteen_seconds(page, site):
    starts = _story_starts(site)
    _button(page, "Next story").click()
    assert _current_time(page) == pytest.approx(starts[0], abs=0.05)
    _button(page, "Next story").click()
    assert _current_time(page) == pytest.approx(starts[1], abs=0.05)
    page.wait_for_function(
        "document.getElementById('announcer').textContent.includes('Story 2 of')"
    )
    _button(page, "Previous story").click()
    assert _current_time(page) == pytest.approx(starts[0], abs=0.05)
    _button(page, "Forward 15 seconds").click()
    assert _current_time(page) == pytest.approx(starts[0] + 15, abs=0.05)
    _button(page, "Back 15 seconds").click()
    assert _current_time(page) == pytest.approx(starts[0], abs=0.05)


def test_fifteen_second_buttons_stop_at_the_start_and_the_end(page):
    _seek(page, 5)
    _button(page, "Back 15 seconds").click()
    assert _current_time(page) == 0
    duration = page.evaluate("document.querySelector('article.episode audio').duration")
    _seek(page, duration - 4)
    _button(page, "Forward 15 seconds").click()
    assert _current_time(page) == pytest.approx(duration, abs=0.05)


def test_each_episode_s_buttons_move_its_own_player(page, site):
    older = [story.start_ms / 1000 for story in site[1].episodes[1].stories]
    _button(page, "Next story", episode=1).click()
    times = page.evaluate(
        "[...document.querySelectorAll('article.episode audio')].map(a => a.currentTime)"
    )
    assert times[0] == 0 and times[1] == pytest.approx(older[0], abs=0.05)


def test_buttons_are_reached_by_tab_and_pressed_with_enter_or_space(page, site):
    starts = _story_starts(site)
    target = _button(page, "Next story")
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("button => document.activeElement === button"):
            break
    else:
        pytest.fail("the Next story button is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Enter")
    assert _current_time(page) == pytest.approx(starts[0], abs=0.05)
    page.keyboard.press("Space")
    assert _current_time(page) == pytest.approx(starts[1], abs=0.05)
    page.keyboard.press("Shift+Tab")  # Forward 15 seconds sits just before it
    page.keyboard.press("Space")
    assert _current_time(page) == pytest.approx(starts[1] + 15, abs=0.05)
    page.keyboard.press("Alt+Shift+P")  # the shortcuts still work beside the buttons
    assert _current_time(page) == pytest.approx(starts[1], abs=0.05)


NAMES = ["Previous story", "Back 15 seconds", "Forward 15 seconds", "Next story"]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_buttons_are_touch_sized_and_beside_the_player(browser, site, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site[0])
    first = page.locator("article.episode").first
    player = first.locator("audio").bounding_box()
    for name in NAMES:
        button = _button(page, name)
        assert button.is_visible()
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # nothing off screen
        assert player["y"] + player["height"] <= box["y"] < player["y"] + player["height"] + 200
    context.close()


def test_on_a_phone_the_shortcut_help_is_folded_below_the_player(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(site[0])
    help_ = page.locator("details#shortcuts")
    assert help_.is_visible() and help_.get_attribute("open") is None
    assert not help_.locator("dl").is_visible()
    controls = page.locator("article.episode").first.locator(".controls").bounding_box()
    assert help_.bounding_box()["y"] >= controls["y"] + controls["height"]
    cover = page.locator("header img.cover")
    assert cover.is_visible() and cover.bounding_box()["width"] <= 64  # out of the way
    help_.locator("summary").click()
    assert help_.locator("dl").is_visible()
    context.close()


def test_on_a_wide_screen_the_shortcut_help_and_cover_are_shown(page):
    help_ = page.locator("details#shortcuts")
    assert help_.get_attribute("open") is not None and help_.locator("dl").is_visible()
    cover = page.locator("header img.cover")
    assert cover.is_visible() and cover.get_attribute("src") == "cover.png"
    assert page.evaluate("document.querySelector('header img.cover').naturalWidth") > 0


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


@pytest.mark.parametrize(
    ("scheme", "motion", "width"),
    [("light", "no-preference", 1280), ("dark", "reduce", 1280), ("light", "reduce", 390),
     ("dark", "no-preference", 390)],
)  # fmt: skip
def test_axe_finds_no_violations(browser, site, scheme, motion, width):
    context = browser.new_context(
        color_scheme=scheme, reduced_motion=motion, viewport={"width": width, "height": 844}
    )
    page = context.new_page()
    page.goto(site[0])
    page.wait_for_function("document.querySelector('audio').readyState >= 1")
    assert _button(page, "Next story").is_visible()  # checked with the player's buttons
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
    assert audio.get_attribute("src") == site[1].episodes[0].audio
    assert audio.get_attribute("controls") is not None
    anchor = page.locator("a.chapter").nth(2).get_attribute("href")
    assert page.locator(anchor).count() == 1  # each story link leads to its transcript
    assert page.locator(".cue").count() > 10  # the transcript text is in the page
    assert page.locator("#shortcuts").is_hidden()  # documented only where they work
    assert page.locator(".tools-js").first.is_hidden()
    assert page.get_by_role("button").count() == 0  # no dead buttons
    assert page.locator(".controls").first.is_hidden()
    assert page.locator("header img.cover").is_visible()
    context.close()
