"""The episode page, ``OUT/index.html``: listen, move story by story, read along.

Plain, semantic HTML that works without JavaScript (audio, links to each
story's transcript, the transcript text, a download link); ``player.js`` adds
a remembered speed control, buttons and keyboard shortcuts for the next and
previous story and for 15 seconds back or forward (with their help folded
below the newest player), and a transcript that highlights the sentence
being spoken; controls that need it stay hidden until it runs. Nothing
comes from elsewhere: the page, its script and its style sheet are written
into the folder.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from ..files import UnfitFile, current, read_bounded, write_text_atomic
from ..languages import ENGLISH_LABELS, Labels, Language, published_language
from ..models import Chapter
from .feed import COVER_NAME, FEED_NAME, PAGE_NAME, episode_anchor, file_url
from .store import EpisodeEntry, Store
from .transcript import parse_vtt

log = logging.getLogger(__name__)

ASSETS = ("player.js", "player.css")
SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2", "2.5", "3")
#: Seconds the back and forward buttons move the player.
SKIP_SECONDS = 15
#: The on-screen controls beside each player: (action, icon's SVG path, its name in the
#: show's ``Labels``), in the order shown. Drawn icons, not emoji: the same on every
#: device, in the text's colour.
CONTROLS = (
    ("previous", "M6 5h2v14H6zM20 5v14L9 12z", "previous_story"),
    ("back", "M11 5v14L2 12zM22 5v14l-9-7z", "back"),
    ("forward", "M13 5v14l9-7zM2 5v14l9-7z", "forward"),
    ("next", "M16 5h2v14h-2zM4 5v14l11-7z", "next_story"),
)


def shortcuts(labels: Labels = ENGLISH_LABELS) -> tuple[tuple[str, str], ...]:
    """The shortcut help: (keys, what they do); ``+`` joins keys pressed together."""
    return (
        ("Alt+Shift+N", labels.next_story),
        ("Alt+Shift+P", labels.restart_story),
        (labels.space, labels.play_pause),
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _hours_minutes_seconds(ms: int) -> tuple[int, int, int]:
    minutes, seconds = divmod(ms // 1000, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds


def _clock(ms: int) -> str:
    hours, minutes, seconds = _hours_minutes_seconds(ms)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def spoken_time(ms: int, labels: Labels = ENGLISH_LABELS) -> str:
    """A time in the episode as a screen reader should say it, "1 minute 5 seconds":
    a clock's "1:05" is read as a number, a ratio or a time of day."""
    units = zip(_hours_minutes_seconds(ms), labels.units, strict=True)
    said = [f"{count} {unit[0] if count == 1 else unit[1]}" for count, unit in units if count]
    return " ".join(said) or f"0 {labels.units[-1][1]}"


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"


MAX_VTT_BYTES = 16_000_000
"""A transcript is read back up to this size (a 48-minute episode's is about 100 kB)."""


def _read_back(vtt: Path) -> str:
    """The text of a transcript briefing wrote, "" when there is none; one that is no
    longer a regular file of a sane size, or not UTF-8, is left off the page with a
    warning (never waited on)."""
    try:
        return read_bounded(vtt, MAX_VTT_BYTES, follow=False).decode("utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnfitFile, UnicodeDecodeError) as exc:
        log.warning("%s: cannot read the transcript back (%s); the page goes without it",
                    vtt, exc)  # fmt: skip
        return ""


def _transcript(entry: EpisodeEntry, out_dir: Path, key: str, labels: Labels) -> list[str]:
    """The transcript grouped under a heading per part of the show."""
    vtt = current(out_dir / entry.vtt) if entry.vtt else None  # the one being published
    cues = parse_vtt(_read_back(vtt)) if vtt is not None else []
    if not cues:
        return [f"<p>{_e(labels.no_transcript)}</p>"]
    parts: list[tuple[str, str, int]] = [(labels.introduction, f"{key}-intro", 0)]
    for number, story in enumerate(entry.stories, 1):
        parts.append((story.title, f"{key}-story-{number}", story.start_ms))
    if entry.stories:
        parts.append((labels.closing, f"{key}-outro", entry.stories[-1].end_ms))
    lines = []
    for index, (title, anchor, start) in enumerate(parts):
        end = parts[index + 1][2] if index + 1 < len(parts) else 10**12
        mine = [c for c in cues if start <= c.start_ms < end]
        if not mine:
            continue
        lines.append(f'<h4 id="{anchor}" tabindex="-1">{_e(title)}</h4>')
        spans = []
        for cue in mine:
            spans.append(
                f'<span class="cue" data-start="{cue.start_ms / 1000:.3f}" '
                f'data-end="{cue.end_ms / 1000:.3f}">{_e(cue.text)}</span>'
            )
        speaker = mine[0].speaker
        label = f'<span class="speaker">{_e(speaker)}:</span> ' if speaker else ""
        lines.append(f"<p>{label}{' '.join(spans)}</p>")
    return lines


def _controls(labels: Labels) -> str:
    """The player's buttons, hidden until player.js runs (they need it to work)."""
    buttons = "".join(
        f'<button type="button" class="control" data-action="{kind}">'
        f'<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        f'<path d="{path}"/></svg> '
        f"{_e(getattr(labels, name).format(seconds=SKIP_SECONDS))}</button>"
        for kind, path, name in CONTROLS
    )
    return (
        f'<div class="controls" role="group" aria-label="{_e(labels.controls)}" '
        f'data-skip="{SKIP_SECONDS}" hidden>{buttons}</div>'
    )


def _keys(keys: str) -> str:
    """``Alt+Shift+N`` as ``<kbd>Alt</kbd> + ...``; a trailing phrase stays plain text."""
    combo, _, rest = keys.partition(" ")
    marked = " + ".join(f"<kbd>{_e(k)}</kbd>" for k in combo.split("+"))
    return f"{marked} {_e(rest)}" if rest else marked


def _shortcuts(labels: Labels) -> str:
    """The keyboard help, folded in a <details> (opened on wide screens by player.js)."""
    rows = "".join(f"<dt>{_keys(keys)}</dt><dd>{_e(what)}</dd>" for keys, what in shortcuts(labels))
    return (
        '<details class="shortcuts" id="shortcuts" hidden>'
        f"<summary>{_e(labels.shortcuts)}</summary>"
        f"<dl>{rows}</dl>"
        f"<p>{_e(labels.shortcuts_note)}</p>"
        "</details>"
    )


def _story(story: Chapter, href: str, labels: Labels) -> str:
    """A story in the list: "0:29 Title" on screen, the title the link. A screen
    reader hears "Title, at 29 seconds": the title first (links are scanned by their
    first words), the time apart and in words (run into the title it was read as
    "0:29Title"). The link's name holds its visible text (WCAG's label in name), so
    the clock stands beside the link, not in it."""
    label = labels.at.format(title=story.title, time=spoken_time(story.start_ms, labels))
    return (
        f'<span class="time" aria-hidden="true">{_clock(story.start_ms)}</span> '
        f'<a class="chapter" href="{href}" data-start="{story.start_ms / 1000:.3f}" '
        f'data-title="{_e(story.title)}" aria-label="{_e(label)}">{_e(story.title)}</a>'
    )


#: What each talking-book edition is called on the page (its field of ``Labels``), by the
#: end of its file name.
BOOK_LINKS = ((".epub", "epub"), (".daisy.zip", "daisy"))


def _books(entry: EpisodeEntry, labels: Labels) -> list[str]:
    """Links to the episode's talking-book editions (``--edition``), if it has any."""
    return [
        f'<a href="{_e(name)}" download>'
        f"{_e(labels.download.format(what=getattr(labels, label)))}</a>"
        for suffix, label in BOOK_LINKS
        for name in entry.books
        if name.endswith(suffix)
    ]


def _episode(
    entry: EpisodeEntry, out_dir: Path, language: Language, help_below: bool = False
) -> str:
    labels = language.labels
    key = episode_anchor(entry)
    title_id = f"{key}-title"
    stories = [
        f"<li>{_story(story, f'#{key}-story-{n}', labels)}</li>"
        for n, story in enumerate(entry.stories, 1)
    ]
    speeds = "".join(
        f'<option value="{s}"{" selected" if s == "1" else ""}>{s}×</option>' for s in SPEEDS
    )
    track = (
        f'<track kind="captions" src="{_e(entry.vtt)}" srclang="{_e(language.tag)}" '
        f'label="{_e(labels.transcript)}" default>'
        if entry.vtt
        else ""
    )
    meta = (
        f"{language.written_date(entry.date)} · {_clock(entry.duration_ms)} · "
        f"{labels.count(len(entry.stories))}"
    )
    return "\n".join(
        [
            f'<article class="episode" id="{key}" aria-labelledby="{title_id}">',
            f'<h2 id="{title_id}">{_e(entry.title)}</h2>',
            f'<p class="meta">{_e(meta)}</p>',
            f'<audio controls preload="metadata" src="{_e(entry.audio)}" '
            f'aria-label="{_e(entry.title)}">{track}'
            f'<a href="{_e(entry.audio)}">{_e(labels.listen)}</a></audio>',
            _controls(labels),
            '<div class="tools">',
            f'<div class="tools-js" hidden><label for="{key}-speed">{_e(labels.speed)}</label>'
            f'<select id="{key}-speed" class="speed">{speeds}</select></div>',
            f'<div class="tools-js" hidden><input type="checkbox" id="{key}-follow" '
            f'class="follow" checked> <label for="{key}-follow">{_e(labels.follow)}</label>'
            "</div>",
            f'<a href="{_e(entry.audio)}" download>'
            f"{_e(labels.download.format(what=labels.mp3))} ({_size(entry.bytes)})</a>",
            *_books(entry, labels),
            "</div>",
            *([_shortcuts(labels)] if help_below else []),
            f'<nav class="stories" aria-labelledby="{key}-stories {title_id}">',
            f'<h3 id="{key}-stories">{_e(labels.stories)}</h3>',
            "<ol>",
            *stories,
            "</ol>",
            "</nav>",
            f'<section class="transcript" aria-labelledby="{key}-transcript {title_id}">',
            f'<h3 id="{key}-transcript">{_e(labels.transcript)}</h3>',
            *_transcript(entry, out_dir, key, labels),
            "</section>",
            "</article>",
        ]
    )


def _feed_href(base_url: str | None) -> str:
    """The feed's address: at the base URL when one was given, else beside the page
    (relative: only the browser knows the page's host and port, ``briefing serve``'s
    or any web server's)."""
    return FEED_NAME if base_url is None else file_url(base_url, FEED_NAME)


def _subscribe(base_url: str | None, labels: Labels) -> str:
    """Where to subscribe. A relative link's shown address is filled in by player.js
    (``data-resolve``) with the one the browser resolves; without the script it
    names no host rather than a wrong one."""
    href = _e(_feed_href(base_url))
    if base_url is not None:
        link, where = f'<a class="feed" href="{href}">', ""
    else:
        link = f'<a class="feed" href="{href}" data-resolve>'
        where = f'<span class="feed-where">{_e(labels.same_folder)}</span>'
    return f'<p class="subscribe">{_e(labels.subscribe)}\n{link}<code>{href}</code></a>{where}.</p>'


def build_page(store: Store, out_dir: Path) -> str:
    """The page's HTML for the episodes in the store (its feed links at the store's
    base URL, or beside the page when none was given)."""
    show = store.show
    language = published_language(show.language)
    labels = language.labels
    feed = _e(_feed_href(store.base_url))
    episodes = [
        _episode(entry, out_dir, language, help_below=index == 0)
        for index, entry in enumerate(store.episodes)
    ]
    cover = (
        f'<img class="cover" src="{COVER_NAME}" alt="" width="96" height="96">'
        if current(out_dir / COVER_NAME).is_file()
        else ""
    )  # decorative: the show's title is the heading beside it
    body = "\n".join(episodes) if episodes else f"<p>{_e(labels.no_episodes)}</p>"
    return f"""<!doctype html>
<html lang="{_e(show.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(show.title)}</title>
<meta name="description" content="{_e(show.description)}">
<link rel="stylesheet" href="player.css">
<link rel="icon" type="image/png" href="cover.png">
<link rel="alternate" type="application/rss+xml" title="{_e(show.title)}" href="{feed}">
</head>
<body data-story-of="{_e(labels.story_of)}" data-at="{_e(labels.at_time)}" \
data-at-of="{_e(labels.at_time_of)}" data-speed-is="{_e(labels.speed_is)}">
<a class="skip-link" href="#main">{_e(labels.skip)}</a>
<header>
{cover}
<h1>{_e(show.title)}</h1>
<p>{_e(show.description)}</p>
{_subscribe(store.base_url, labels)}
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer><p>{_e(labels.footer)}</p></footer>
<p id="announcer" class="visually-hidden" aria-live="polite"></p>
<script src="player.js" defer></script>
</body>
</html>
"""


def write_page(out_dir: Path, store: Store) -> Path:
    """Write index.html and its script and style sheet into the folder, atomically."""
    web = Path(__file__).with_name("web")
    for name in ASSETS:
        write_text_atomic(out_dir / name, (web / name).read_text(encoding="utf-8"))
    path = out_dir / PAGE_NAME
    write_text_atomic(path, build_page(store, out_dir))
    return path
