"""Serve the output folder to podcast apps on the local network.

GET and HEAD, byte ranges (players seek with them), conditional requests,
the right content types, and never a file outside the folder. When no base
URL was ever given, ``feed.xml`` and ``flash-briefing.json`` are built per
request with this server's address, so a phone on the same network can
subscribe to ``http://HOST:PORT/feed.xml``.

Hostile or careless clients get an answer or a closed connection, never a
traceback, and cannot lock others out. One thread accepts every connection at
once and reads the request heads without blocking; only a whole request is
handed to a worker (at most ``max_connections`` answer at once), so idle and
trickling clients never hold one. A request must arrive whole within
``request_timeout`` seconds of connecting; one address holds at most
``max_per_client`` connections (a new one closes its oldest still waiting for
its request, or is answered 503 when all of them are being answered); each
write must go out within ``timeout`` seconds and a whole answer at
``min_rate`` bytes a second, so a slow reader of a big file is let go too. A
name the system cannot open is a 404, a client that hangs up is noted at debug
level. Each answer is the file as opened: its length, date and tag come from
the open file, so a file replaced while it is being served goes out whole, in
the version that was opened.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import io
import json
import logging
import mimetypes
import os
import re
import selectors
import socket
import sys
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import unquote, urlsplit

from .publish.feed import FEED_NAME, build_feed
from .publish.flash import FLASH_NAME, flash_items
from .publish.store import load_store
from .versions import __version__

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".xml": "application/rss+xml; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".epub": "application/epub+zip",  # the talking-book editions
    ".zip": "application/zip",
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")
CHUNK = 64 * 1024
GENERATED = (FEED_NAME, FLASH_NAME)
TIMEOUT_S = 30.0
"""Each write to a client must go out within it."""
REQUEST_TIMEOUT_S = 5.0
"""A request must arrive whole within it of the connection opening."""
MAX_CONNECTIONS = 64
"""Answers being sent at once (worker threads); whole requests beyond wait for one."""
MAX_PER_CLIENT = 8
"""Connections one address may hold open."""
MAX_OPEN = 512
"""Connections open at once, whatever their address (each is a file descriptor)."""
MIN_RATE = 4096
"""Bytes a second a client must take an answer at, on average (a 64 kbit/s MP3 plays at 8000)."""
MAX_HEAD = 128 * 1024
"""A request's line and headers (http.server takes a line of 64 KiB: longer is a 414)."""
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_BUSY = (
    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: 64\r\nRetry-After: 5\r\nConnection: close\r\n\r\n"
    b"503 Service Unavailable: too many connections from your address\n"
)
# A named pipe must not make open() wait for a writer; a final symlink swapped in
# after the path was resolved must not be followed. (Neither flag changes reads
# of a regular file.)
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
)
# A client gone, or too slow: nothing to answer and nothing to fix.
CLIENT_GONE = (ConnectionError, TimeoutError)


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if path.name.endswith(".chapters.json"):
        return "application/json+chapters; charset=utf-8"
    return (
        CONTENT_TYPES.get(suffix)
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte of a single-range header; None to serve the whole file.

    Raises ValueError when the range cannot be satisfied.
    """
    match = _RANGE.match(header.strip())
    if not match:
        return None  # malformed or several ranges: ignoring Range is allowed
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            raise ValueError("empty suffix range")
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        raise ValueError("range outside the file")
    return start, end


def open_file(path: Path) -> tuple[BinaryIO, os.stat_result] | None:
    """``path`` open for reading and the status of the file opened; None when it is
    not a regular file that can be read (missing, a name too long, a folder, a pipe).
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        log.debug("cannot open %s: %s", path.name, exc.strerror)
        return None
    try:
        status = os.fstat(fd)
        if S_ISREG(status.st_mode):
            return os.fdopen(fd, "rb"), status
        log.debug("%s is not a regular file", path.name)
    except OSError as exc:
        log.debug("cannot read %s: %s", path.name, exc.strerror)
    os.close(fd)
    return None


@dataclass(eq=False)
class _Connection:
    """A client's connection, while its request arrives and while it is answered."""

    sock: socket.socket
    address: tuple[str, int]
    deadline: float
    """When the request must have arrived whole (time.monotonic)."""
    head: bytearray = field(default_factory=bytearray)
    complete: bool = False
    """The head ends in an empty line (False: it grew past MAX_HEAD first)."""

    @property
    def client(self) -> str:
        return self.address[0]


def _end_of_head(head: bytes | bytearray, start: int = 0) -> int | None:
    """Where the request's line and headers end (after their empty line), or None."""
    match = _HEAD_END.search(head, start)
    return match.end() if match else None


class _AnswerWriter(io.BufferedIOBase):
    """A connection's write side: each write within ``stall_s``, and the whole answer
    by a deadline once its length is known, so a slow reader cannot hold a worker."""

    def __init__(self, sock: socket.socket, stall_s: float) -> None:
        super().__init__()
        self.sock = sock
        self.stall_s = stall_s
        self.deadline: float | None = None

    def allow(self, length: int, min_rate: float) -> None:
        """The answer, ``length`` bytes, must be taken at ``min_rate`` bytes a second."""
        self.deadline = time.monotonic() + self.stall_s + length / min_rate

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        timeout, reason = self.stall_s, f"took nothing for {self.stall_s:g} s"
        if self.deadline is not None and self.deadline - time.monotonic() < timeout:
            timeout, reason = self.deadline - time.monotonic(), "takes the answer too slowly"
        if timeout <= 0:
            raise TimeoutError(f"the client {reason}")
        self.sock.settimeout(timeout)
        try:
            self.sock.sendall(data)
        except TimeoutError:
            raise TimeoutError(f"the client {reason}") from None
        with memoryview(data) as view:
            return view.nbytes


class BriefingRequestHandler(BaseHTTPRequestHandler):
    server_version = f"briefing/{__version__}"
    server: BriefingServer

    def setup(self) -> None:
        """Read from the request head the server has read; write with deadlines."""
        connection: _Connection = self.request
        self.connection = connection.sock
        self.rfile = io.BytesIO(bytes(connection.head))
        self.answer = _AnswerWriter(connection.sock, self.server.timeout_s)
        self.wfile = self.answer

    def handle(self) -> None:
        """One request a connection (this is an HTTP/1.0 server): the next is a new one."""
        self.close_connection = True
        if self.request.complete:
            self.handle_one_request()
        else:
            self._too_large()

    def _too_large(self) -> None:
        """A head that never ended within MAX_HEAD: its line or its headers are too long."""
        line = self.rfile.readline(65537)
        self.requestline = self.request_version = self.command = ""
        if len(line) > 65536:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
        else:
            self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    def log_error(self, format: str, *args: object) -> None:  # noqa: A002
        """Bad requests and timeouts: the client's problem, not the user's."""
        log.debug("%s %s", self.address_string(), format % args)

    # -- helpers -------------------------------------------------------------

    def _resolve(self) -> Path | None:
        """The path a request names inside the folder, or None when it names nothing
        servable. Whether a file is there is for opening it to tell.
        """
        try:
            path = unquote(urlsplit(self.path).path)
        except ValueError:  # such as "//[x": a broken host part
            return None
        if "\x00" in path or "\\" in path:
            return None
        parts = [p for p in path.split("/") if p]
        if any(p == ".." or p.startswith(".") for p in parts):
            return None  # parent folders and hidden (temporary) files
        if not parts:
            parts = ["index.html"]
        root = self.server.root
        # realpath, not Path.resolve: it raises nothing for a symlink loop.
        candidate = Path(os.path.realpath(root.joinpath(*parts)))
        if not candidate.is_relative_to(root):
            return None
        return candidate

    def _base_url(self) -> str:
        host = self.headers.get("Host", "")
        if not _HOST.match(host):
            address, port = self.server.host_port
            host = f"{address}:{port}"
        return f"http://{host}/"

    def _generated(self, path: Path) -> bytes | None:
        """feed.xml and flash-briefing.json built for this server, when no base URL is set."""
        if path.parent != self.server.root or path.name not in GENERATED:
            return None
        store = load_store(self.server.root)
        if store.base_url is not None:
            return None
        if path.name == FEED_NAME:
            return build_feed(store, self._base_url())
        return json.dumps(flash_items(store, self._base_url()), indent=2).encode() + b"\n"

    def _error(self, status: HTTPStatus, message: str, send_body: bool) -> None:
        body = f"{status.value} {status.phrase}: {message}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _respond(self, send_body: bool) -> None:
        path = self._resolve()
        if path is None:
            self._error(HTTPStatus.NOT_FOUND, "no such file here", send_body)
            return
        try:
            generated = self._generated(path)
        except Exception as exc:  # a damaged store must not kill the server
            log.warning("cannot build %s: %s", path.name, exc)
            generated = None
        if generated is not None:
            self._send_generated(path, generated, send_body)
            return
        opened = open_file(path)
        if opened is None:
            self._error(HTTPStatus.NOT_FOUND, "no such file here", send_body)
            return
        handle, status = opened
        with handle:
            self._send_file(path, handle, status, send_body)

    def _headers(self, status: HTTPStatus, path: Path, length: int, modified: float) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", email.utils.formatdate(modified, usegmt=True))
        if path.suffix in (".xml", ".json"):
            self.send_header("Cache-Control", "no-cache")

    def _send_generated(self, path: Path, body: bytes, send_body: bool) -> None:
        self._headers(HTTPStatus.OK, path, len(body), self.server.root.stat().st_mtime)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _send_file(
        self, path: Path, handle: BinaryIO, status: os.stat_result, send_body: bool
    ) -> None:
        """Answer from the open file alone: what was opened is what is described and sent."""
        size = status.st_size
        etag = f'"{status.st_mtime_ns:x}-{size:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return

        first, last = 0, size - 1
        answer = HTTPStatus.OK
        range_header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if range_header and (if_range is None or if_range == etag):
            try:
                wanted = parse_range(range_header, size)
            except ValueError:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if wanted is not None:
                first, last = wanted
                answer = HTTPStatus.PARTIAL_CONTENT

        length = last - first + 1 if size else 0
        self.answer.allow(length, self.server.min_rate)
        self._headers(answer, path, length, status.st_mtime)
        self.send_header("ETag", etag)
        if answer is HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.end_headers()
        if not send_body or not size:
            return
        handle.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:  # truncated in place (not replaced): end the answer short
                log.debug("%s shrank while being served", path.name)
                self.close_connection = True
                return
            self.wfile.write(chunk)
            remaining -= len(chunk)


class BriefingServer(HTTPServer):
    """An HTTP server for one output folder.

    ``request_timeout`` bounds, in seconds, how long a request may take to arrive
    whole; ``timeout`` each write to a client, and ``min_rate`` (bytes a second) a
    whole answer. ``max_connections`` is how many are answered at once,
    ``max_per_client`` how many connections one address may hold open and
    ``max_open`` how many may be open in all.
    """

    request_queue_size = 128  # the kernel's; connections are taken from it at once

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        timeout: float = TIMEOUT_S,
        request_timeout: float = REQUEST_TIMEOUT_S,
        max_connections: int = MAX_CONNECTIONS,
        max_per_client: int = MAX_PER_CLIENT,
        max_open: int = MAX_OPEN,
        min_rate: float = MIN_RATE,
    ) -> None:
        if min(timeout, request_timeout, min_rate) <= 0:
            raise ValueError("timeout, request_timeout and min_rate must be positive")
        if min(max_connections, max_per_client, max_open) < 1:
            raise ValueError("max_connections, max_per_client and max_open must be at least 1")
        self.root = Path(root).resolve()
        self.timeout_s = timeout
        self.request_timeout_s = request_timeout
        self.max_connections = max_connections
        self.max_per_client = max_per_client
        self.max_open = _within_open_files(max_open)
        self.min_rate = min_rate
        self._lock = threading.Lock()
        self._per_client: Counter[str] = Counter()  # connections open, by address
        self._ready: deque[_Connection] = deque()  # whole requests waiting for a worker
        self._workers = 0
        self._waiting: dict[socket.socket, _Connection] = {}  # the loop's alone; by deadline
        self._paused = False  # not accepting for a turn: no file descriptor left
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()
        if ":" in host:
            self.address_family = socket.AF_INET6
        self._wake_in, self._wake_out = socket.socketpair()  # closed by server_close
        for end in (self._wake_in, self._wake_out):
            end.setblocking(False)
        super().__init__((host, port), BriefingRequestHandler)
        self.socket.setblocking(False)

    @property
    def host_port(self) -> tuple[str, int]:
        """The host and port it listens on."""
        host, port = self.server_address[:2]
        assert isinstance(host, str)  # an IP socket's name: never bytes
        return host, port

    @property
    def url(self) -> str:
        host, port = self.host_port
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"

    @property
    def open_connections(self) -> int:
        """Connections open now: waiting for their request, or for or in an answer."""
        with self._lock:
            return sum(self._per_client.values())

    # -- the loop: accept, read request heads, hand whole requests on -------------

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Serve until :meth:`shutdown`; ``poll_interval`` bounds each wait for events."""
        self._stopped.clear()
        self._paused = False
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self.socket, selectors.EVENT_READ)
                selector.register(self._wake_in, selectors.EVENT_READ)
                try:
                    while not self._stop.is_set():
                        self._turn(selector, poll_interval)
                finally:  # stopped, or Ctrl-C: none is left half-read
                    for connection in list(self._waiting.values()):
                        self._drop(selector, connection)
        finally:
            self._stop.clear()
            self._stopped.set()

    def _turn(self, selector: selectors.BaseSelector, poll_interval: float) -> None:
        if self._paused:
            self._paused = False
            selector.register(self.socket, selectors.EVENT_READ)
        wait = poll_interval
        if self._waiting:
            first = next(iter(self._waiting.values()))
            wait = max(0.0, min(wait, first.deadline - time.monotonic()))
        for key, _ in selector.select(wait):
            if key.fileobj is self.socket:
                self._accept(selector)
            elif key.fileobj is self._wake_in:
                self._drain_wakes()
            else:
                self._read(selector, key.data)
        self._expire(selector)

    def _accept(self, selector: selectors.BaseSelector) -> None:
        """Take every connection waiting in the kernel's queue, never blocking."""
        for _ in range(self.request_queue_size):
            try:
                sock, address = self.socket.accept()
            except BlockingIOError:
                return
            except OSError as exc:
                self._cannot_accept(selector, exc)
                return
            self._admit(selector, sock, address)

    def _cannot_accept(self, selector: selectors.BaseSelector, exc: OSError) -> None:
        log.debug("cannot accept a connection: %s", exc.strerror)
        out_of_files = exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
        if out_of_files and not self._evict(selector, None):  # none to close: next turn
            selector.unregister(self.socket)
            self._paused = True

    def _admit(
        self, selector: selectors.BaseSelector, sock: socket.socket, address: tuple[str, int]
    ) -> None:
        client = address[0]
        if not self._make_room(selector, client):
            log.debug("%s: too many connections, answered 503", client)
            _refuse(sock)
            return
        sock.setblocking(False)
        connection = _Connection(sock, address, time.monotonic() + self.request_timeout_s)
        with self._lock:
            self._per_client[client] += 1
        self._waiting[sock] = connection
        selector.register(sock, selectors.EVENT_READ, connection)

    def _make_room(self, selector: selectors.BaseSelector, client: str) -> bool:
        """Room for one more connection from ``client``, closing one still without a
        request if need be (of the same address first); False when there is none."""
        with self._lock:
            crowded = self._per_client[client] >= self.max_per_client
        if crowded and not self._evict(selector, client):
            return False
        return self.open_connections < self.max_open or self._evict(selector, None)

    def _evict(self, selector: selectors.BaseSelector, client: str | None) -> bool:
        """Close the connection (of ``client``, or anyone's) that has waited longest for
        its request; False when none is waiting."""
        for connection in self._waiting.values():
            if client is None or connection.client == client:
                log.debug("%s: closed a connection still without a request", connection.client)
                self._drop(selector, connection)
                return True
        return False

    def _read(self, selector: selectors.BaseSelector, connection: _Connection) -> None:
        if self._waiting.get(connection.sock) is not connection:
            return  # closed earlier in this turn, to make room
        head = connection.head
        try:
            data = connection.sock.recv(min(CHUNK, MAX_HEAD + 1 - len(head)))
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:
            log.debug("%s went away: %s", connection.client, exc)
            data = b""
        if not data:  # hung up before asking anything
            self._drop(selector, connection)
            return
        searched = max(0, len(head) - 3)  # an empty line may straddle the pieces
        head += data
        end = _end_of_head(head, searched)
        if end is None and len(head) <= MAX_HEAD:
            return
        connection.complete = end is not None
        selector.unregister(connection.sock)
        del self._waiting[connection.sock]
        self._hand_on(connection)

    def _expire(self, selector: selectors.BaseSelector) -> None:
        """Close the connections whose request has not arrived whole in time."""
        now = time.monotonic()
        while self._waiting:
            connection = next(iter(self._waiting.values()))
            if connection.deadline > now:
                return
            log.debug("%s: no whole request within %g s", connection.client, self.request_timeout_s)
            self._drop(selector, connection)

    def _drop(self, selector: selectors.BaseSelector, connection: _Connection) -> None:
        selector.unregister(connection.sock)
        del self._waiting[connection.sock]
        self._close(connection)

    # -- the workers ------------------------------------------------------------

    def _hand_on(self, connection: _Connection) -> None:
        """A whole request to a worker: a new one while fewer than max_connections
        answer, else the next one free."""
        with self._lock:
            if self._workers >= self.max_connections:
                self._ready.append(connection)
                return
            self._workers += 1
        try:
            threading.Thread(
                target=self.process_request_thread, args=(connection,), daemon=True
            ).start()
        except Exception as exc:  # such as "can't start new thread": this request only
            with self._lock:
                self._workers -= 1
            log.error("cannot answer %s: %s", connection.client, exc)
            self._close(connection)

    def process_request_thread(self, connection: _Connection) -> None:
        """A worker: answers the request, then those waiting, until none is left."""
        next_one: _Connection | None = connection
        while next_one is not None:
            self._answer(next_one)
            with self._lock:
                next_one = self._ready.popleft() if self._ready else None
                if next_one is None:
                    self._workers -= 1

    def _answer(self, connection: _Connection) -> None:
        try:
            self.finish_request(connection, connection.address)  # type: ignore[arg-type]
        except Exception:
            self.handle_error(connection, connection.address)
        finally:
            self._close(connection)

    def _close(self, connection: _Connection) -> None:
        """Close a connection and count it gone (from the loop or a worker)."""
        self.shutdown_request(connection.sock)
        with self._lock:
            self._per_client[connection.client] -= 1
            if self._per_client[connection.client] <= 0:
                del self._per_client[connection.client]
        if self._paused:
            self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # already full of wakes, or closed with the server
            self._wake_out.send(b"\0")

    def _drain_wakes(self) -> None:
        with contextlib.suppress(OSError):
            while self._wake_in.recv(4096):
                pass

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """One line, never a traceback; a client that went away is not an error."""
        exc = sys.exc_info()[1]
        if isinstance(exc, CLIENT_GONE):
            log.debug("%s went away: %s", client_address[0], exc)
            return
        log.error("cannot answer %s: %s: %s", client_address[0], type(exc).__name__, exc)
        log.debug("the error in full", exc_info=True)

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` and wait until it has stopped."""
        self._stop.set()
        self._wake()
        self._stopped.wait()

    def server_close(self) -> None:
        super().server_close()
        self._wake_in.close()
        self._wake_out.close()


def _refuse(sock: socket.socket) -> None:
    """Answer 503 if it goes out at once, and close."""
    with contextlib.suppress(OSError):
        sock.setblocking(False)
        sock.send(_BUSY)
    sock.close()


def _within_open_files(wanted: int) -> int:
    """``wanted``, or fewer when this process may not open that many files besides its own."""
    try:
        import resource
    except ImportError:  # Windows
        return wanted
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft // 2))  # the rest: files being served, and others


def make_server(
    out_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    timeout: float = TIMEOUT_S,
    request_timeout: float = REQUEST_TIMEOUT_S,
    max_connections: int = MAX_CONNECTIONS,
    max_per_client: int = MAX_PER_CLIENT,
    max_open: int = MAX_OPEN,
    min_rate: float = MIN_RATE,
) -> BriefingServer:
    """A server for ``out_dir`` (not yet serving: call ``serve_forever()``).

    The limits as for :class:`BriefingServer`.
    """
    from .errors import OutputError

    if not out_dir.is_dir():
        raise OutputError(
            f"{out_dir}: no such folder; run `briefing generate --out {out_dir}` first"
        )
    try:
        return BriefingServer(
            out_dir, host, port, timeout=timeout, request_timeout=request_timeout,
            max_connections=max_connections, max_per_client=max_per_client,
            max_open=max_open, min_rate=min_rate,
        )  # fmt: skip
    except OSError as exc:
        raise OutputError(
            f"cannot listen on {host}:{port} ({exc.strerror}); try another --port"
        ) from None


__all__ = ["BriefingServer", "content_type", "make_server", "open_file", "parse_range"]
