"""briefing's own HTTP client: polite, bounded, and cached.

- a timeout on every request (connecting, and the whole download);
- a size limit, checked while reading (a huge or endless body is cut off);
- a User-Agent that names briefing;
- at most ``max_redirects`` redirects, and loops detected;
- conditional GET (ETag / Last-Modified) with a small on-disk cache, so an
  unchanged feed costs one 304;
- retries only for 5xx, 429 and connection failures, a bounded number of
  times with doubling back-off; ``Retry-After`` is honoured, and a server that
  asks for a long pause is not contacted again until then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import SourceError
from ..files import write_text_atomic

log = logging.getLogger(__name__)

USER_AGENT = f"briefing/{__version__} (+https://github.com/briefing-audio/briefing)"
ENV_CACHE = "BRIEFING_CACHE_DIR"


class FetchError(SourceError):
    """A URL could not be fetched; the message says why."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch."""

    timeout_s: float = 15.0
    """Longest wait for a connection, and for the whole download."""
    max_bytes: int = 5_000_000
    """Largest body accepted."""
    max_redirects: int = 5
    retries: int = 2
    """Extra attempts after a 5xx, 429 or connection failure."""
    backoff_s: float = 1.0
    """Wait before the first retry; doubled for each further one."""
    max_retry_after_s: float = 30.0
    """A longer Retry-After is not waited for: the source is skipped this run."""
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    url: str
    """The final URL, after redirects."""
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    """Lower-case header names."""
    body: bytes = b""
    from_cache: bool = False
    """True when the server said 304 Not Modified and the cached copy was used."""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def default_cache_dir() -> Path:
    explicit = os.environ.get(ENV_CACHE)
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))


class HttpCache:
    """Validators and bodies of earlier responses, one pair of files per URL."""

    MAX_ENTRIES = 500

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "http"

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def load(self, url: str) -> tuple[dict, bytes | None]:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("url") != url:
                return {}, None
        except (OSError, ValueError):
            return {}, None
        try:
            body = body_path.read_bytes()
        except OSError:
            body = None
        if body is not None and hashlib.sha256(body).hexdigest() != meta.get("sha256"):
            log.debug("cached body of %s is damaged; ignoring it", url)
            return {k: v for k, v in meta.items() if k == "retry_not_before"}, None
        return meta, body

    def store(self, url: str, meta: dict, body: bytes | None) -> None:
        meta_path, body_path = self._paths(url)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if body is not None:
                tmp = body_path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(body)
                os.replace(tmp, body_path)
                meta = {**meta, "sha256": hashlib.sha256(body).hexdigest()}
            write_text_atomic(meta_path, json.dumps({**meta, "url": url}))
            self._prune()
        except OSError as exc:
            log.warning("cannot write the HTTP cache in %s: %s", self.folder, exc.strerror)

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[: max(0, len(entries) - self.MAX_ENTRIES)]:
            with contextlib.suppress(OSError):
                old.unlink()
                old.with_suffix(".body").unlink(missing_ok=True)


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait, from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0.0, moment.timestamp() - now)


class HttpClient:
    """Fetches URLs by the rules of a FetchPolicy, with a cache (or none)."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        policy: FetchPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        import requests

        self.policy = policy or FetchPolicy()
        self.cache = HttpCache(cache_dir) if cache_dir is not None else None
        self._sleep = sleep
        self._clock = clock
        self._session = requests.Session()
        self._session.headers["User-Agent"] = self.policy.user_agent
        self._session.headers["Accept-Encoding"] = "gzip, deflate"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, accept: str = "*/*") -> Response:
        """Fetch a URL (following redirects); raise FetchError with the reason."""
        meta, cached = self.cache.load(url) if self.cache else ({}, None)
        not_before = meta.get("retry_not_before", 0)
        if not_before > self._clock():
            when = dt.datetime.fromtimestamp(not_before, dt.UTC).strftime("%H:%M UTC")
            if cached is not None:
                log.info("%s asked for a pause until %s; using the cached copy", url, when)
                headers = {"content-type": meta.get("content_type", "")}
                return Response(url, 200, headers, cached, True)
            raise FetchError(f"{url}: the server asked not to be contacted again until {when}")
        headers = {"Accept": accept}
        if cached is not None:
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]

        response = self._with_retries(url, headers)
        if response.status == 304 and cached is not None:
            log.info("%s not modified; using the cached copy", url)
            headers = {**response.headers, "content-type": meta.get("content_type", "")}
            return Response(response.url, 200, headers, cached, True)
        if response.status != 200:
            raise FetchError(f"{url}: HTTP {response.status} {_reason(response.status)}")
        if self.cache is not None:
            self.cache.store(
                url,
                {
                    "etag": response.headers.get("etag"),
                    "last_modified": response.headers.get("last-modified"),
                    "content_type": response.headers.get("content-type", ""),
                    "fetched_at": self._clock(),
                },
                response.body,
            )
        return response

    def _with_retries(self, url: str, headers: dict[str, str]) -> Response:
        policy = self.policy
        delay = policy.backoff_s
        for attempt in range(policy.retries + 1):
            last_attempt = attempt == policy.retries
            try:
                response = self._follow(url, headers)
            except FetchError as exc:
                if not getattr(exc, "retryable", False) or last_attempt:
                    raise
                log.info("%s; retrying in %.1f s", exc, delay)
                self._sleep(delay)
                delay *= 2
                continue
            if response.status in (429, 503):
                wait = _retry_after(response.headers.get("retry-after"), self._clock())
                if wait is not None and wait > policy.max_retry_after_s:
                    self._remember_pause(url, wait)
                    raise FetchError(
                        f"{url}: HTTP {response.status}; the server asked to come back in "
                        f"{wait:.0f} s, so it is skipped this time"
                    )
                if last_attempt:
                    return response
                pause = delay if wait is None else wait
                log.info("%s: HTTP %d; retrying in %.1f s", url, response.status, pause)
                self._sleep(pause)
                delay *= 2
                continue
            if 500 <= response.status < 600 and not last_attempt:
                log.info("%s: HTTP %d; retrying in %.1f s", url, response.status, delay)
                self._sleep(delay)
                delay *= 2
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _remember_pause(self, url: str, seconds: float) -> None:
        if self.cache is None:
            return
        meta, body = self.cache.load(url)
        self.cache.store(url, {**meta, "retry_not_before": self._clock() + seconds}, body)

    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        seen = [url]
        current = url
        for _ in range(self.policy.max_redirects + 1):
            response = self._once(current, headers)
            if response.status not in (301, 302, 303, 307, 308):
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"{url}: HTTP {response.status} redirect without a Location")
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(f"{url}: redirected to a non-web address {current}")
            if current in seen:
                raise FetchError(f"{url}: redirect loop ({' -> '.join([*seen, current])})")
            seen.append(current)
        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects")

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        import requests

        policy = self.policy
        deadline = time.monotonic() + policy.timeout_s
        try:
            with self._session.get(
                url, headers=headers, stream=True, allow_redirects=False,
                timeout=(policy.timeout_s, policy.timeout_s),
            ) as raw:  # fmt: skip
                response_headers = {k.lower(): v for k, v in raw.headers.items()}
                declared = response_headers.get("content-length", "")
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise FetchError(
                        f"{url}: {int(declared):,} bytes, more than the limit of "
                        f"{policy.max_bytes:,} bytes"
                    )
                chunks, size = [], 0
                if raw.status_code == 200:
                    for chunk in raw.iter_content(chunk_size=65536):
                        size += len(chunk)
                        if size > policy.max_bytes:
                            raise FetchError(
                                f"{url}: more than the limit of {policy.max_bytes:,} bytes"
                            )
                        if time.monotonic() > deadline:
                            raise FetchError(
                                f"{url}: too slow (no complete answer in {policy.timeout_s:g} s)"
                            )
                        chunks.append(chunk)
                return Response(raw.url or url, raw.status_code, response_headers, b"".join(chunks))
        except requests.exceptions.Timeout:
            # Not retried: a server this slow is slow again a second later.
            raise FetchError(f"{url}: timed out after {policy.timeout_s:g} s") from None
        except requests.exceptions.ConnectionError as exc:
            raise _retryable(f"{url}: cannot connect ({_short(exc)})") from None
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"{url}: {_short(exc)}") from None


def _retryable(message: str) -> FetchError:
    error = FetchError(message)
    error.retryable = True  # type: ignore[attr-defined]
    return error


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
