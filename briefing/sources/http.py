"""briefing's own HTTP client: polite, bounded, and cached.

- one wall-clock deadline for each request, however the bytes arrive
  (connecting, the headers and the whole body, redirects included): a watchdog
  shuts the connection down when it passes;
- a size limit, checked while reading (a huge or endless body is cut off);
- a User-Agent that names briefing;
- at most ``max_redirects`` redirects, and loops detected;
- links found inside feeds and sources named in a batch's show files
  (``untrusted=True``) may only reach public addresses, checked on the address
  actually connected to (after DNS, on every redirect and on a reused
  connection), unless ``allow_networks`` names it; from any source, a redirect
  may lead to this machine, a link-local or a cloud metadata address only when
  the source itself is one of that kind;
- conditional GET (ETag / Last-Modified) with a small on-disk cache, so an
  unchanged feed costs one 304;
- retries only for 5xx, 429 and connection failures, a bounded number of
  times with doubling back-off; ``Retry-After`` is honoured, and a server that
  asks for a long pause is not contacted again until then; the waiting of all
  of a client's fetches together is bounded by ``retry_budget_s``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import functools
import ipaddress
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from ..errors import SourceError
from ..files import UnfitFile, checked, read_bounded, sha256_hex, write_entry
from ..versions import __version__

if TYPE_CHECKING:
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection as _ConnectionBase
else:
    _ConnectionBase = object  # urllib3 is imported when the first client is made

log = logging.getLogger(__name__)

USER_AGENT = f"briefing/{__version__} (+https://github.com/briefing-audio/briefing)"


class FetchError(SourceError):
    """A URL could not be fetched; the message says why."""


class AddressRefused(FetchError):
    """A link found in a feed (or a redirect) leads to this machine or a private
    network: not fetched. ``refusal`` says the address and what it is
    ("127.0.0.1 is a loopback address (this machine)")."""

    def __init__(self, message: str, refusal: str = "", redirect: str = "") -> None:
        super().__init__(message)
        self.refusal = refusal or message
        self.redirect = redirect
        """The URL a redirect led to, when it was refused (not the source's own)."""


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Networks from their CIDR forms ("10.0.0.0/8", "192.168.1.20", "fd00::/8").

    Raises ValueError naming the first value that is not a network.
    """
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"{value!r} is not a network such as 10.0.0.0/8, 192.168.1.20 or fd00::/8"
            ) from None
    return tuple(networks)


#: What an address is, in the order it is said: the first that applies names it.
_KINDS = (
    ("is_unspecified", "an unspecified address (this machine)"),
    ("is_loopback", "a loopback address (this machine)"),
    ("is_link_local", "a link-local address"),
    ("is_multicast", "a multicast address"),
    ("is_private", "a private address"),
    ("is_reserved", "a reserved address"),
)


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """An IP address; an IPv4 address written as IPv6 (``::ffff:127.0.0.1``, 6to4) is
    the IPv4 address it stands for. Raises ValueError for what is no IP address."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and (inner := ip.ipv4_mapped or ip.sixtofour) is not None:
        return inner
    return ip


def address_refusal(address: str, allowed: Iterable[Network] = ()) -> str | None:
    """Why a link found in a feed may not reach ``address`` ("a loopback address
    (this machine)"), or None when it may: a public address, or one inside an
    ``allowed`` network. An IPv4 address written as IPv6 (``::ffff:127.0.0.1``,
    6to4) is judged as the IPv4 address it stands for. Raises ValueError when
    ``address`` is not an IP address.
    """
    ip = _ip(address)
    if any(ip in network for network in allowed):
        return None
    for test, kind in _KINDS:
        if getattr(ip, test):
            return kind
    return None if ip.is_global else "not a public address"


#: Cloud instance metadata services, which hand out credentials to whoever asks from
#: the instance: 169.254.169.254 (AWS, GCP, Azure, OpenStack...), AWS ECS's task
#: endpoint, AWS's over IPv6, Alibaba Cloud's.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)


def inside_kind(address: str, allowed: Iterable[Network] = ()) -> tuple[str, str] | None:
    """(kind, what it is) of an address a redirect may not lead to from elsewhere:
    ("metadata", "a cloud metadata address"), ("machine", "a loopback address (this
    machine)"), ("link-local", "a link-local address"); None for any other address,
    and for one inside an ``allowed`` network. Raises ValueError for no IP address."""
    ip = _ip(address)
    if any(ip in network for network in allowed):
        return None
    if ip in METADATA_ADDRESSES:
        return "metadata", "a cloud metadata address"
    if ip.is_unspecified or ip.is_loopback:
        return "machine", str(address_refusal(str(ip)))
    if ip.is_link_local:
        return "link-local", "a link-local address"
    return None


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch."""

    timeout_s: float = 15.0
    """Longest time for a whole request, connecting, headers, body and redirects included."""
    max_bytes: int = 5_000_000
    """Largest body accepted."""
    max_redirects: int = 5
    retries: int = 2
    """Extra attempts after a 5xx, 429 or connection failure."""
    backoff_s: float = 1.0
    """Wait before the first retry; doubled for each further one."""
    max_retry_after_s: float = 30.0
    """A longer Retry-After is not waited for: the source is skipped this run."""
    retry_budget_s: float = 30.0
    """Longest total wait before retries, over all of a client's fetches (threads share
    it); once it is spent, a fetch that would wait fails at once."""
    allow_networks: tuple[str, ...] = ()
    """Networks (CIDR) that links found inside feeds (and untrusted sources) may reach
    besides public addresses, such as ("10.0.0.0/8",). Sources named explicitly may be
    anywhere, but a redirect from one may lead inside only as ``inside_kind`` says."""
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        parse_networks(self.allow_networks)  # a bad network fails here, with its value


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


class HttpCache:
    """Validators and bodies of earlier responses, one pair of files per URL."""

    MAX_ENTRIES = 500

    #: The most of an entry read back: validators are small, and a body is never kept
    #: over what a response may hold (``max_bytes``, 5 MB unless set higher): a larger
    #: file there is no entry of ours.
    MAX_META_BYTES = 1_000_000
    MAX_BODY_BYTES = 64_000_000

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "http"

    def entry_paths(self, url: str) -> tuple[Path, Path]:
        """The files that keep ``url``'s entry: its validators (JSON) and its body."""
        key = sha256_hex(url)[:32]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def load(self, url: str) -> tuple[dict[str, Any], bytes | None]:
        meta_path, body_path = self.entry_paths(url)
        # Through the one reader, links not followed: an entry that is a named pipe or a
        # link to /dev/zero is no entry (a miss), never a wait or a read without end.
        try:
            meta = json.loads(read_bounded(meta_path, self.MAX_META_BYTES, follow=False))
            if meta.get("url") != url:
                return {}, None
        except (OSError, ValueError, AttributeError, RecursionError):  # UnfitFile too
            return {}, None
        try:
            body: bytes | None = read_bounded(body_path, self.MAX_BODY_BYTES, follow=False)
        except (OSError, UnfitFile):
            body = None
        if body is not None and not checked(body, meta.get("sha256")):
            log.debug("cached body of %s is damaged; ignoring it", url)
            return {k: v for k, v in meta.items() if k == "retry_not_before"}, None
        return meta, body

    def store(self, url: str, meta: dict[str, Any], body: bytes | None) -> None:
        """Keep a response; a cache that cannot be written (read-only, full) is said once."""
        meta_path, body_path = self.entry_paths(url)
        try:
            parts = []
            if body is not None:
                parts.append((body_path, body))
                meta = {**meta, "sha256": sha256_hex(body)}
            parts.append((meta_path, json.dumps({**meta, "url": url}).encode("utf-8")))
            write_entry(parts)  # the body first, its validators last
            self._prune()
        except OSError as exc:
            _warn_once(
                ("cache", str(self.folder)),
                "cannot write the HTTP cache in %s (%s); feeds are fetched in full until it "
                "can be written",
                self.folder, exc.strerror or exc,
            )  # fmt: skip

    def _prune(self) -> None:
        """Forget the oldest entries beyond MAX_ENTRIES (best effort: another thread
        or run may be pruning too)."""
        with contextlib.suppress(OSError):
            entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
            for old in entries[: max(0, len(entries) - self.MAX_ENTRIES)]:
                old.unlink(missing_ok=True)
                old.with_suffix(".body").unlink(missing_ok=True)


_said: set[tuple[str, str]] = set()
_said_lock = threading.Lock()


def _warn_once(key: tuple[str, str], message: str, *args: object) -> None:
    """Log a warning the first time this process meets ``key``, and never again."""
    with _said_lock:
        if key in _said:
            return
        _said.add(key)
    log.warning(message, *args)


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


# -- connections: one deadline for the whole request, and the addresses it may reach --


class _Refused(Exception):
    """Raised inside urllib3 when a connection would reach a refused address. Not an
    OSError, so that neither urllib3 nor requests takes it for a network failure."""


_current = threading.local()
"""The _Watch of the request this thread is making, if any."""


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Reach:
    """The addresses one request, its redirects included, may connect to.

    Untrusted (a link found in a feed, a source named in a show file): public
    addresses and the ``allowed`` networks only. Trusted (a source the user named):
    any address, but a redirect may lead to this machine, a link-local or a cloud
    metadata address (``inside_kind``) only when the source itself was of that kind.
    """

    def __init__(self, allowed: tuple[Network, ...], untrusted: bool) -> None:
        self.allowed = allowed
        self.untrusted = untrusted
        self.redirected = False
        """True once the request follows a redirect."""
        self._origin: set[str] = set()
        """The kinds (``inside_kind``, "" for any other) of the source's own addresses."""

    def refusal(self, host: str, address: str) -> str | None:
        """Why the request may not connect to ``address`` (``host``'s), or None."""
        if self.untrusted:
            return _refusal_of(host, address, self.allowed)
        inside = inside_kind(address, self.allowed)
        if not self.redirected:
            self._origin.add(inside[0] if inside else "")
            return None
        if inside is None or inside[0] in self._origin:
            return None
        return (
            f"{address} is {inside[1]}" if host == address else f"{host} is {address}, {inside[1]}"
        )


class _Watch:
    """One request's wall-clock deadline and address rule, seen by the connections it uses.

    When the deadline passes, a watchdog shuts down the sockets the request
    uses: a read blocked on a server that trickles bytes returns at once.
    """

    def __init__(self, seconds: float, reach: _Reach) -> None:
        self.reach = reach
        self.expired = False
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._done = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        _current.watch = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        _current.watch = None
        self._timer.cancel()
        with self._lock:
            self._done = True
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def remaining(self) -> float:
        return self._ends - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down at the deadline. The watchdog holds a duplicate of it,
        closed when the request ends, so its number never names another socket."""
        twin = socket.fromfd(sock.fileno(), sock.family, sock.type)
        with self._lock:
            if not self._done:
                self._sockets.append(twin)
                if self.expired:
                    _shut(twin)
                return
        twin.close()

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _refusal_of(host: str, address: str, allowed: tuple[Network, ...]) -> str | None:
    refusal = address_refusal(address, allowed)
    if refusal is None:
        return None
    return f"{address} is {refusal}" if host == address else f"{host} is {address}, {refusal}"


def _connect(
    host: str,
    port: int,
    watch: _Watch,
    source_address: tuple[str, int] | None,
    options: Sequence[tuple[int, int, int | bytes]] | None,
) -> socket.socket:
    """A socket connected to ``host`` on an address the request may reach: urllib3's
    create_connection, with each address judged before it is dialled."""
    from urllib3.util.connection import allowed_gai_family

    host = host.strip("[]")
    with contextlib.suppress(ValueError):  # an address, not a name: judged as it is
        if refusal := watch.reach.refusal(host, host):
            raise _Refused(refusal)
    refusals: list[str] = []
    error: OSError | None = None
    for family, kind, proto, _, address in socket.getaddrinfo(
        host, port, allowed_gai_family(), socket.SOCK_STREAM
    ):
        if refusal := watch.reach.refusal(host, str(address[0])):
            refusals.append(refusal)
            continue
        sock = socket.socket(family, kind, proto)
        try:
            for option in options or ():
                sock.setsockopt(*option)
            sock.settimeout(max(0.001, watch.remaining()))
            if source_address:
                sock.bind(source_address)
            sock.connect(address)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    if error is not None:
        raise error
    if refusals:
        raise _Refused(refusals[0])
    raise OSError(f"no address found for {host}")


class _Guarded(_ConnectionBase):
    """A urllib3 connection that keeps to the _Watch of the request using it (mixed
    into urllib3's connection classes; to the type checker, one of them)."""

    def _new_conn(self) -> socket.socket:
        watch = getattr(_current, "watch", None)
        if watch is None or self.proxy is not None:
            sock = super()._new_conn()
        else:
            sock = self._new_judged_conn(watch)
        if watch is not None:
            watch.watch(sock)
            self._watched_by = watch
        return sock

    def _new_judged_conn(self, watch: _Watch) -> socket.socket:
        from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

        try:
            return _connect(
                self._dns_host, self.port, watch, self.source_address, self.socket_options
            )
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch = getattr(_current, "watch", None)
        if watch is not None and self.sock is not None and self._watched_by is not watch:
            # A connection kept open from an earlier request: judged again, and watched.
            if self.proxy is None:
                peer = self.sock.getpeername()[0]
                if refusal := watch.reach.refusal(self.host.strip("[]"), peer):
                    raise _Refused(refusal)
            watch.watch(self.sock)
            self._watched_by = watch
        super().request(*args, **kwargs)

    _watched_by: _Watch | None = None


@functools.cache
def _adapter_class() -> type[HTTPAdapter]:
    """A requests adapter whose connections (proxied ones too) are _Guarded."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Connection(_Guarded, HTTPConnection):
        pass

    class TlsConnection(_Guarded, HTTPSConnection):
        pass

    class Pool(HTTPConnectionPool):
        ConnectionCls = Connection

    class TlsPool(HTTPSConnectionPool):
        ConnectionCls = TlsConnection

    pools = {"http": Pool, "https": TlsPool}

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools

        def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
            manager = super().proxy_manager_for(proxy, **kwargs)
            if not proxy.lower().startswith("socks"):
                manager.pool_classes_by_scheme = pools
            return manager

    return Adapter


# -- the client --------------------------------------------------------------------------


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
        self._allowed = parse_networks(self.policy.allow_networks)
        self._waited = 0.0
        """Seconds waited before retries so far, by every thread (see retry_budget_s)."""
        self._lock = threading.Lock()
        self._said: set[str] = set()
        self._session = requests.Session()
        self._session.headers["User-Agent"] = self.policy.user_agent
        self._session.headers["Accept-Encoding"] = "gzip, deflate"
        adapter = _adapter_class()()
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, accept: str = "*/*", untrusted: bool = False) -> Response:
        """Fetch a URL (following redirects); raise FetchError with the reason.

        ``untrusted``: the URL was found inside a feed (a teaser's link) or named by
        a show file of a batch, not by the user. It, and every redirect from it, may
        then only reach public addresses and the policy's ``allow_networks``;
        AddressRefused otherwise. Trusted or not, a redirect to this machine, a
        link-local or a cloud metadata address is refused unless the URL's own
        address is of that kind.
        """
        meta, cached = self.cache.load(url) if self.cache else ({}, None)
        not_before = meta.get("retry_not_before", 0)
        if not_before > self._clock():
            when = dt.datetime.fromtimestamp(not_before, dt.UTC).strftime("%H:%M UTC")
            if cached is not None and not untrusted:  # an untrusted URL's copy is given
                # only after its address is judged, by a request (a 304 at best)
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

        response = self._with_retries(url, headers, untrusted)
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

    def _with_retries(self, url: str, headers: dict[str, str], untrusted: bool) -> Response:
        policy = self.policy
        delay = policy.backoff_s
        for attempt in range(policy.retries + 1):
            last_attempt = attempt == policy.retries
            try:
                response = self._follow(url, headers, untrusted)
            except FetchError as exc:
                if not getattr(exc, "retryable", False) or last_attempt:
                    raise
                if not self._pause(delay, str(exc)):
                    raise FetchError(f"{exc}; {self._spent()}") from None
                delay *= 2
                continue
            status = response.status
            if status in (429, 503):
                wait = _retry_after(response.headers.get("retry-after"), self._clock())
                if wait is not None and wait > policy.max_retry_after_s:
                    self._remember_pause(url, wait)
                    raise FetchError(
                        f"{url}: HTTP {status}; the server asked to come back in "
                        f"{wait:.0f} s, so it is skipped this time"
                    )
                if last_attempt:
                    return response
                if wait is None:
                    waited = self._pause(delay, f"{url}: HTTP {status}")
                else:
                    waited = self._pause(
                        wait, f"{url} asked to retry after {wait:.0f} s", asked=True
                    )
                if not waited:
                    raise FetchError(f"{url}: HTTP {status} {_reason(status)}; {self._spent()}")
                delay *= 2
                continue
            if 500 <= status < 600 and not last_attempt:
                if not self._pause(delay, f"{url}: HTTP {status}"):
                    raise FetchError(f"{url}: HTTP {status} {_reason(status)}; {self._spent()}")
                delay *= 2
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _pause(self, seconds: float, why: str, *, asked: bool = False) -> bool:
        """Wait ``seconds`` before a retry, if the retry budget still allows it; say
        (once) that the run waits for a server that asked it to. False: no wait."""
        budget = self.policy.retry_budget_s
        with self._lock:
            if self._waited + seconds > budget:
                self._say_once(
                    "spent", "retry budget spent: this run has waited %g s for servers to be "
                    "ready again and waits no more; fetches that would wait fail", budget,
                )  # fmt: skip
                return False
            self._waited += seconds
            said = asked and self._say_once(
                "asked", "%s; waiting (this run waits %g s at most in all)", why, budget
            )
        if not said:
            log.info("%s; retrying in %.1f s", why, seconds)
        self._sleep(seconds)
        return True

    def _say_once(self, key: str, message: str, *args: object) -> bool:
        """Warn the first time this client meets ``key``; True if it warned now."""
        if key in self._said:
            return False
        self._said.add(key)
        log.warning(message, *args)
        return True

    def _spent(self) -> str:
        return (
            f"not retried: this run has already waited {self.policy.retry_budget_s:g} s "
            "for servers to be ready again"
        )

    def _remember_pause(self, url: str, seconds: float) -> None:
        if self.cache is None:
            return
        meta, body = self.cache.load(url)
        self.cache.store(url, {**meta, "retry_not_before": self._clock() + seconds}, body)

    def _follow(self, url: str, headers: dict[str, str], untrusted: bool) -> Response:
        seen = [url]
        current = url
        with _Watch(self.policy.timeout_s, _Reach(self._allowed, untrusted)) as watch:
            for _ in range(self.policy.max_redirects + 1):
                watch.reach.redirected = current != url
                try:
                    response = self._once(current, headers, watch)
                except AddressRefused as exc:
                    if current == url:
                        raise
                    raise AddressRefused(
                        f"{url}: redirected to {exc}", exc.refusal, current
                    ) from None
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

    def _once(self, url: str, headers: dict[str, str], watch: _Watch) -> Response:
        import requests

        policy = self.policy

        def timed_out() -> FetchError:
            # Not retried: a server this slow is slow again a second later.
            return FetchError(
                f"{url}: timed out after {policy.timeout_s:g} s (no complete answer by then)"
            )

        try:
            self._judge_proxied(url, watch.reach)
            left = watch.remaining()
            if left <= 0:
                raise timed_out()
            with self._session.get(
                url, headers=headers, stream=True, allow_redirects=False, timeout=(left, left),
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
                        chunks.append(chunk)
                if watch.expired:  # the body may have been cut short
                    raise timed_out()
                return Response(raw.url or url, raw.status_code, response_headers, b"".join(chunks))
        except _Refused as exc:
            if watch.reach.untrusted:
                raise AddressRefused(
                    f"{url}: {exc}, and links found in feeds may only lead to public addresses "
                    "(allow_networks under [fetch] lets them reach others)",
                    str(exc),
                ) from None
            raise AddressRefused(
                f"{url}: {exc}; a redirect may lead there only from a source on such an "
                "address (name it yourself if it is meant)",
                str(exc),
            ) from None
        except requests.exceptions.RequestException as exc:
            if watch.expired or isinstance(exc, requests.exceptions.Timeout):
                raise timed_out() from None
            if isinstance(exc, requests.exceptions.ConnectionError):
                raise _retryable(f"{url}: cannot connect ({_short(exc)})") from None
            raise FetchError(f"{url}: {_short(exc)}") from None

    def _judge_proxied(self, url: str, reach: _Reach) -> None:
        """Through a proxy, the address connected to is the proxy's: judge instead the
        addresses the link's host has here (the proxy may resolve it otherwise, and a
        name only the proxy knows passes: the best that can be done)."""
        from requests.utils import select_proxy

        settings = self._session.merge_environment_settings(url, {}, None, None, None)
        if not select_proxy(url, settings["proxies"]):
            return
        parts = urlsplit(url)
        host = (parts.hostname or "").strip("[]")
        try:
            found = socket.getaddrinfo(host, parts.port or 80, 0, socket.SOCK_STREAM)
        except (OSError, ValueError):
            return
        for *_, address in found:
            if refusal := reach.refusal(host, str(address[0])):
                raise _Refused(refusal)


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
