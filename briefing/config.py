"""Configuration: ``briefing.toml``, found once and checked key by key.

Looked up in order: the ``--config`` path, ``./briefing.toml``, then the user
config folder (``platformdirs``: ``~/.config/briefing/briefing.toml`` on
Linux). Command-line options override what the file says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, overload

from .errors import BriefingError
from .languages import published_language
from .models import Show, SourceConfig, is_url
from .options import DEFAULT_SINCE, KEEP_RANGE, MAX_WORDS_RANGE, MINUTES_RANGE, editions_of
from .publish.books import BookFormat
from .tomlfile import read_toml
from .voices import MAX_RATE, MIN_RATE

CONFIG_NAME = "briefing.toml"
SUMMARIZERS = ("extractive", "llm")


class ConfigError(BriefingError):
    """The configuration file is missing, unreadable or invalid."""


@dataclass(frozen=True)
class Config:
    """Everything a run can be told, with defaults."""

    show: Show = field(default_factory=Show)
    base_url: str | None = None
    """Public URL of the output folder, for the feed."""
    out_dir: Path = Path("out")
    keep: int | None = None
    """Keep only the newest N episodes."""
    editions: tuple[BookFormat, ...] = ()
    """Talking-book editions written beside the MP3 ([output] editions = ["epub", "daisy"])."""
    voices: tuple[str, ...] = ()
    """Voice profile names; empty: the default show (``voices.default_voices``)."""
    minutes: float | None = None
    """Target length of the briefing; lowest-ranked stories are dropped to fit."""
    since: dt.timedelta = DEFAULT_SINCE
    """Feed items older than this are left out."""
    max_words: int | None = None
    """Words per story summary at most."""
    wpm: int | None = None
    """Speaking rate of every voice, overriding the profiles' (120-450)."""
    summarizer: str = "extractive"
    """"extractive" (the default) or "llm"."""
    llm: dict[str, Any] = field(default_factory=dict)
    """For the llm summarizer: base_url, model, api_key, timeout_s."""
    sources: tuple[SourceConfig, ...] = ()
    allow_networks: tuple[str, ...] = ()
    """[fetch] allow_networks: private networks that links found in feeds may reach
    (by default only public addresses; a source named by the user may be anywhere)."""
    scheduler: str | None = None
    """[render] scheduler: a Dask scheduler's address (``tcp://HOST:8786``) whose
    cluster renders the blocks (None: worker processes on this machine)."""
    cache: str | None = None
    """[render] cache: the segment cache's folder or fsspec URL (``s3://bucket/prefix``)."""
    path: Path | None = None
    """The file this came from (None for defaults)."""


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


#: The longest duration accepted (a hundred years): news older than that is all news.
MAX_DURATION = dt.timedelta(days=36_525)


def parse_duration(text: str) -> dt.timedelta:
    """ "24h", "90m", "2d", "1w" -> timedelta, from zero to MAX_DURATION. Raises ValueError."""
    text = str(text)
    shown = text if len(text) <= 40 else f"{text[:40]}..."
    match = _DURATION.match(text) if len(text) <= 200 else None
    if not match:
        raise ValueError(f"{shown!r} is not a duration such as 90m, 24h, 2d or 1w")
    value, unit = float(match.group(1)), match.group(2).lower()
    if value <= 0:
        raise ValueError(f"{shown!r} must be more than zero")
    seconds = value * _UNITS[unit]
    if not seconds <= MAX_DURATION.total_seconds():  # also inf, from a huge number
        raise ValueError(f"{shown!r} is too long: at most {MAX_DURATION.days // 7:,}w")
    return dt.timedelta(seconds=seconds)


def default_config_paths() -> list[Path]:
    """Where a config is looked for when none is named."""
    from platformdirs import user_config_dir

    return [Path.cwd() / CONFIG_NAME, Path(user_config_dir("briefing")) / CONFIG_NAME]


def find_config(explicit: Path | None = None) -> Path | None:
    if explicit is not None:
        if not explicit.exists():  # a pipe or a folder: read_toml says what it is
            raise ConfigError(f"{explicit}: no such config file (`briefing init` writes one)")
        return explicit
    return next((p for p in default_config_paths() if p.is_file()), None)


def load_config(explicit: Path | None = None) -> Config:
    """The configuration to use: the named file, the one found, or the defaults."""
    path = find_config(explicit)
    if path is None:
        return Config()
    data = read_toml(path, "config", ConfigError)
    return parse_config(data, path)


# -- validation ---------------------------------------------------------------------


#: The longest text setting: a name, a path, a URL.
MAX_TEXT_CHARS = 2_000
#: What is spoken or shown as a name (the show's title, its author) is at most this long.
MAX_NAME_CHARS = 200
#: The feed's description of the show.
MAX_DESCRIPTION_CHARS = 4_000
#: The feed's copyright line.
MAX_COPYRIGHT_CHARS = 500
#: The longest email address there can be (RFC 5321's path limit, less its brackets).
MAX_EMAIL_CHARS = 254
_ADDRESS_PART = r"[^@\s<>()\[\],;:\"\\\x00-\x1f\x7f]+"
_DOMAIN_LABEL = r"[^@\s<>()\[\],;:\"\\\x00-\x1f\x7f.]+"
#: What an owner's email must look like: one @, a dot in the domain, no spaces, brackets or quotes.
EMAIL = re.compile(rf"{_ADDRESS_PART}@{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})+")


class _Checker:
    """Reads a table and names the key in every complaint."""

    def __init__(self, table: Any, where: str, path: Path | None) -> None:
        self.path = path
        self.where = where
        if not isinstance(table, dict):
            self.fail(where, "must be a table")
        self.table: dict[str, Any] = table
        self.used: set[str] = set()

    def fail(self, key: str, problem: str) -> NoReturn:
        prefix = f"{self.path}: " if self.path else ""
        if len(problem) > 300:  # a huge value quoted back would make a huge line
            problem = problem[:300] + "…"
        raise ConfigError(f"{prefix}'{key}' {problem}")

    def key(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def get(self, name: str, kinds: type | tuple[type, ...], default: Any, what: str) -> Any:
        self.used.add(name)
        if name not in self.table:
            return default
        value = self.table[name]
        if isinstance(value, bool) and bool not in (
            kinds if isinstance(kinds, tuple) else (kinds,)
        ):
            self.fail(self.key(name), f"must be {what}, not {value!r}")
        if not isinstance(value, kinds):
            self.fail(self.key(name), f"must be {what}, not {value!r}")
        return value

    @overload
    def text(self, name: str, default: str, longest: int = MAX_TEXT_CHARS) -> str: ...
    @overload
    def text(
        self, name: str, default: str | None = None, longest: int = MAX_TEXT_CHARS
    ) -> str | None: ...
    def text(
        self, name: str, default: str | None = None, longest: int = MAX_TEXT_CHARS
    ) -> str | None:
        value = self.get(name, str, default, "a string")
        if name in self.table and not value.strip():
            self.fail(self.key(name), "must not be empty")
        if value is not None and len(value) > longest:
            self.fail(self.key(name), f"is {len(value):,} characters; at most {longest:,}")
        return value

    @overload
    def number(self, name: str, default: float, low: float, high: float) -> float: ...
    @overload
    def number(self, name: str, default: None, low: float, high: float) -> float | None: ...
    def number(self, name: str, default: float | None, low: float, high: float) -> float | None:
        value = self.get(name, (int, float), default, f"a number from {low:g} to {high:g}")
        if value is not None and not low <= value <= high:
            self.fail(self.key(name), f"must be a number from {low:g} to {high:g}, not {value!r}")
        return value

    @overload
    def whole(self, name: str, default: int, low: int, high: int) -> int: ...
    @overload
    def whole(self, name: str, default: None, low: int, high: int) -> int | None: ...
    def whole(self, name: str, default: int | None, low: int, high: int) -> int | None:
        value = self.get(name, int, default, f"a whole number from {low} to {high}")
        if value is not None and not low <= value <= high:
            self.fail(self.key(name), f"must be a whole number from {low} to {high}, not {value!r}")
        return value

    def done(self) -> None:
        unknown = sorted(set(self.table) - self.used)
        if unknown:
            known = ", ".join(sorted(self.used))
            self.fail(self.key(unknown[0]), f"is not a known setting (known here: {known})")


def _parse_show(table: Any, path: Path | None) -> tuple[Show, str | None]:
    check = _Checker(table, "show", path)
    defaults = Show()
    base_url = check.text("base_url")
    if base_url is not None and not is_url(base_url):
        check.fail("show.base_url", f"must be an absolute http(s) URL, not {base_url!r}")
    cover = check.text("cover")
    cover_path = None
    if cover is not None:
        cover_path = Path(cover).expanduser()
        if not cover_path.is_absolute() and path is not None:
            cover_path = path.parent / cover_path
        problem = _not_an_image_file(cover_path)
        if problem:
            check.fail("show.cover", f"{problem}: {cover_path}")
    link = check.get("link", str, defaults.link, "a URL")
    if link and not is_url(link):
        check.fail("show.link", f"must be an http(s) URL, not {link[:80]!r}")
    email = check.text("email", defaults.email, MAX_EMAIL_CHARS).strip()
    if email and not EMAIL.fullmatch(email):
        check.fail(
            "show.email", f"must be an email address such as you@example.org, not {email[:80]!r}"
        )
    owner = check.text("owner", defaults.owner, MAX_NAME_CHARS).strip()
    if owner and not email:
        check.fail("show.owner", "needs 'show.email' too: the feed's itunes:owner gives both")
    language = check.text("language", defaults.language)
    named = published_language(language).labels  # a show without a name is named in its own
    show = Show(
        title=check.text("title", named.show_title, MAX_NAME_CHARS),
        author=check.text("author", defaults.author, MAX_NAME_CHARS),
        description=check.text("description", named.show_description, MAX_DESCRIPTION_CHARS),
        language=language,
        category=check.text("category", defaults.category),
        subcategory=check.get("subcategory", str, defaults.subcategory, "a string"),
        explicit=check.get("explicit", bool, defaults.explicit, "true or false"),
        link=link.strip(),
        cover=cover_path,
        owner=owner,
        email=email,
        copyright=check.text("copyright", defaults.copyright, MAX_COPYRIGHT_CHARS).strip(),
        locked=check.get("locked", bool, defaults.locked, "true or false"),
    )
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", show.language):
        check.fail(
            "show.language", f"must be a language tag such as en or en-GB, not {show.language!r}"
        )
    check.done()
    return show, base_url


def _not_an_image_file(path: Path) -> str:
    """Why ``path`` cannot be a cover ("" if it may be one). Checked without opening
    it: opening a named pipe would wait for a writer forever."""
    import stat

    try:
        info = path.stat()
    except OSError:
        return ""  # missing or unreadable: said where the cover is used
    if not stat.S_ISREG(info.st_mode):
        return "must be an image file (PNG or JPEG), not a folder or a special file"
    return ""


def _parse_source(table: Any, index: int, path: Path | None) -> SourceConfig:
    check = _Checker(table, f"sources[{index}]", path)
    url = check.text("url")
    file = check.text("path")
    if (url is None) == (file is None):
        check.fail(f"sources[{index}]", "needs exactly one of 'url' or 'path'")
    if url is not None and not is_url(url):
        check.fail(f"sources[{index}].url", f"must start with http:// or https://, not {url!r}")
    if url is not None:
        location = url
    else:
        assert file is not None  # one of the two, checked above
        location_path = Path(file).expanduser()
        if not location_path.is_absolute() and path is not None:
            location_path = path.parent / location_path
        location = str(location_path)
    source = SourceConfig(
        location=location,
        name=check.text("name", "") or "",
        max_items=check.whole("max_items", 5, 1, 100),
        weight=float(check.number("weight", 1.0, 0.0, 100.0)),
    )
    check.done()
    return source


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Check a parsed TOML document and build the Config (errors name the key)."""
    top = _Checker(data, "", path)
    show, base_url = _parse_show(top.get("show", dict, {}, "a table ([show])"), path)
    output = _Checker(top.get("output", dict, {}, "a table ([output])"), "output", path)
    folder = output.text("folder", "out")
    keep = output.whole("keep", None, *KEEP_RANGE)
    editions = output.get("editions", list, [], 'a list such as ["epub", "daisy"]')
    known = [kind.value for kind in BookFormat]
    if not all(isinstance(name, str) and name in known for name in editions):
        output.fail("output.editions", f"must list editions among {', '.join(known)}")
    output.done()
    run = _Checker(top.get("briefing", dict, {}, "a table ([briefing])"), "briefing", path)
    voices = run.get("voices", list, None, "a list of voice names")
    if voices is None:
        voices = []  # the default show
    elif not voices or not all(isinstance(v, str) and v.strip() for v in voices):
        run.fail("briefing.voices", "must be a non-empty list of voice profile names")
    minutes = run.number("minutes", None, *MINUTES_RANGE)
    since_text = run.get("since", str, "24h", "a duration such as 24h")
    try:
        since = parse_duration(since_text)
    except ValueError as exc:
        run.fail("briefing.since", f"must be a duration: {exc}")
    max_words = run.whole("max_words", None, *MAX_WORDS_RANGE)
    wpm = run.whole("wpm", None, MIN_RATE, MAX_RATE)
    run.done()
    summary = _Checker(
        top.get("summarizer", dict, {}, "a table ([summarizer])"), "summarizer", path
    )
    kind = summary.text("kind", "extractive")
    if kind not in SUMMARIZERS:
        summary.fail("summarizer.kind", f"must be one of {', '.join(SUMMARIZERS)}, not {kind!r}")
    llm = {
        "base_url": summary.text("base_url"),
        "model": summary.text("model"),
        "api_key": summary.get("api_key", str, None, "a string"),
        "timeout_s": summary.number("timeout_s", None, 1, 600),
    }
    if llm["base_url"] is not None and not is_url(llm["base_url"]):
        summary.fail("summarizer.base_url", f"must be an http(s) URL, not {llm['base_url']!r}")
    summary.done()
    fetch = _Checker(top.get("fetch", dict, {}, "a table ([fetch])"), "fetch", path)
    allow = fetch.get("allow_networks", list, [], "a list of networks such as '10.0.0.0/8'")
    if not all(isinstance(value, str) for value in allow):
        fetch.fail("fetch.allow_networks", "must be a list of strings such as '10.0.0.0/8'")
    from .sources.http import parse_networks

    try:
        parse_networks(allow)
    except ValueError as exc:
        fetch.fail("fetch.allow_networks", f"must list networks: {exc}")
    fetch.done()
    render = _Checker(top.get("render", dict, {}, "a table ([render])"), "render", path)
    scheduler = render.text("scheduler")
    if scheduler is not None and not re.fullmatch(r"(tcp|tls|inproc|ucx)://\S+", scheduler):
        render.fail(
            "render.scheduler",
            f"must be a scheduler address such as tcp://HOST:8786, not {scheduler!r}",
        )
    cache = render.text("cache")
    if cache is not None and "://" not in cache:
        cache = str(_relative_to(Path(cache).expanduser(), path))
    render.done()
    sources_table = top.get("sources", list, [], "a list of [[sources]] tables")
    sources = tuple(_parse_source(t, i, path) for i, t in enumerate(sources_table))
    top.done()
    out_dir = _relative_to(Path(folder).expanduser(), path)
    return Config(
        show=show,
        base_url=base_url,
        out_dir=out_dir,
        keep=keep,
        editions=editions_of(editions),
        voices=tuple(voices),
        minutes=minutes,
        since=since,
        max_words=max_words,
        wpm=wpm,
        summarizer=kind,
        llm={k: v for k, v in llm.items() if v is not None},
        sources=sources,
        allow_networks=tuple(value.strip() for value in allow),
        scheduler=scheduler,
        cache=cache,
        path=path,
    )


def _relative_to(folder: Path, config: Path | None) -> Path:
    """A relative folder named in a config file is relative to that file's folder."""
    if folder.is_absolute() or config is None:
        return folder
    return config.parent / folder


def example_config() -> str:
    """The commented starter config (the repository's ``briefing.example.toml``)."""
    return (Path(__file__).with_name("briefing.example.toml")).read_text(encoding="utf-8")


def write_starter(path: Path, *, force: bool = False) -> Path:
    """Write the starter config; refuses to overwrite unless ``force``."""
    from .files import write_text_atomic

    if path.exists() and not force:
        raise ConfigError(f"{path}: already exists; use --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, example_config())
    return path
