"""Serve the output folder to podcast apps on the local network.

GET and HEAD, byte ranges (players seek with them), conditional requests,
the right content types, and never a file outside the folder. When no base
URL was ever given, ``feed.xml`` and ``flash-briefing.json`` are built per
request with this server's address, so a phone on the same network can
subscribe to ``http://HOST:PORT/feed.xml``.

Hostile or careless clients get an answer or a closed connection, never a
traceback: a name the system cannot open is a 404, a client that hangs up is
noted at debug level, a request must arrive within ``timeout`` seconds, each
write must go out within as long, and at most ``max_connections`` are served
at once (the rest wait to be accepted). Each answer is the file as opened:
its length, date and tag come from the open file, so a file replaced while
it is being served goes out whole, in the version that was opened.
"""

from __future__ import annotations

import email.utils
import io
import json
import logging
import mimetypes
import os
import re
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import unquote, urlsplit

from .publish.feed import FEED_NAME, build_feed
from .publish.flash import FLASH_NAME, flash_items
from .publish.store import load_store
from .versions import __version__

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_Request = socket.socket | tuple[bytes, socket.socket]
"""What socketserver hands a server (a TCP server: the socket)."""

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
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")
CHUNK = 64 * 1024
GENERATED = (FEED_NAME, FLASH_NAME)
TIMEOUT_S = 30.0
MAX_CONNECTIONS = 64
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


class _RequestDeadline(io.RawIOBase):
    """A connection's read side, with one deadline for each whole request, so that
    a client trickling a byte at a time is dropped as surely as a silent one."""

    def __init__(self, connection: socket.socket, timeout_s: float) -> None:
        super().__init__()
        self.connection = connection
        self.timeout_s = timeout_s
        self.restart()

    def restart(self) -> None:
        self.deadline = time.monotonic() + self.timeout_s

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no whole request within {self.timeout_s:g} s")
        self.connection.settimeout(left)
        try:
            return self.connection.recv_into(buffer)
        finally:
            self.connection.settimeout(self.timeout_s)  # for the writes


class BriefingRequestHandler(BaseHTTPRequestHandler):
    server_version = f"briefing/{__version__}"
    server: BriefingServer

    def setup(self) -> None:
        # Each write's; StreamRequestHandler applies it. typeshed calls it a ClassVar, but
        # servers with other timeouts share this class: it is set on the instance.
        self.timeout = self.server.timeout_s  # type: ignore[misc]
        super().setup()
        self.rfile.close()
        self.deadline = _RequestDeadline(self.connection, self.timeout)
        self.rfile = io.BufferedReader(self.deadline)

    def handle_one_request(self) -> None:
        self.deadline.restart()
        super().handle_one_request()

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

        self._headers(answer, path, last - first + 1 if size else 0, status.st_mtime)
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


class BriefingServer(ThreadingHTTPServer):
    """An HTTP server for one output folder.

    ``timeout`` bounds, in seconds, how long a request may take to arrive and each
    write to a client; ``max_connections`` how many clients are served at once.
    """

    daemon_threads = True
    request_queue_size = 128  # connections beyond max_connections wait here

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        timeout: float = TIMEOUT_S,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        if timeout <= 0 or max_connections < 1:
            raise ValueError("timeout must be positive and max_connections at least 1")
        self.root = Path(root).resolve()
        self.timeout_s = timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        self._closing = False
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), BriefingRequestHandler)

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

    def process_request(self, request: _Request, client_address: Any) -> None:
        """Serve a connection in its own thread once a slot is free; until then it waits."""
        while not self._slots.acquire(timeout=0.1):
            if self._closing:
                self.shutdown_request(request)
                return
        try:
            super().process_request(request, client_address)
        except Exception:  # no thread to give the slot back (Ctrl-C while one starts: it will)
            self._slots.release()
            raise

    def process_request_thread(self, request: _Request, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: _Request, client_address: Any) -> None:
        """One line, never a traceback; a client that went away is not an error."""
        exc = sys.exc_info()[1]
        if isinstance(exc, CLIENT_GONE):
            log.debug("%s went away: %s", client_address[0], exc)
            return
        log.error("cannot answer %s: %s: %s", client_address[0], type(exc).__name__, exc)
        log.debug("the error in full", exc_info=True)

    def shutdown(self) -> None:
        self._closing = True  # a connection waiting for a slot must not hold this up
        super().shutdown()
        self._closing = False


def make_server(
    out_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    timeout: float = TIMEOUT_S,
    max_connections: int = MAX_CONNECTIONS,
) -> BriefingServer:
    """A server for ``out_dir`` (not yet serving: call ``serve_forever()``).

    ``timeout`` (seconds) and ``max_connections`` as for :class:`BriefingServer`.
    """
    from .errors import OutputError

    if not out_dir.is_dir():
        raise OutputError(
            f"{out_dir}: no such folder; run `briefing generate --out {out_dir}` first"
        )
    try:
        return BriefingServer(out_dir, host, port, timeout=timeout, max_connections=max_connections)
    except OSError as exc:
        raise OutputError(
            f"cannot listen on {host}:{port} ({exc.strerror}); try another --port"
        ) from None


__all__ = ["BriefingServer", "content_type", "make_server", "open_file", "parse_range"]
