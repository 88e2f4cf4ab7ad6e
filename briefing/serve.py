"""Serve the output folder to podcast apps on the local network.

GET and HEAD, byte ranges (players seek with them), conditional requests,
the right content types, and never a file outside the folder. When no base
URL was ever given, ``feed.xml`` and ``flash-briefing.json`` are built per
request with this server's address, so a phone on the same network can
subscribe to ``http://HOST:PORT/feed.xml``.
"""

from __future__ import annotations

import email.utils
import json
import logging
import mimetypes
import re
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import __version__
from .publish.feed import FEED_NAME, build_feed
from .publish.flash import FLASH_NAME, flash_items
from .publish.store import load_store

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


class BriefingRequestHandler(BaseHTTPRequestHandler):
    server_version = f"briefing/{__version__}"
    server: BriefingServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    # -- helpers -------------------------------------------------------------

    def _resolve(self) -> Path | None:
        """The file a request names, or None when it names nothing servable.

        feed.xml and flash-briefing.json resolve even before they exist on disk:
        they can be built for this server from the store.
        """
        raw = urlsplit(self.path).path
        path = unquote(raw)
        if "\x00" in path or "\\" in path:
            return None
        parts = [p for p in path.split("/") if p]
        if any(p == ".." or p.startswith(".") for p in parts):
            return None  # parent folders and hidden (temporary) files
        if not parts:
            parts = ["index.html"]
        root = self.server.root
        candidate = root.joinpath(*parts).resolve()
        if not candidate.is_relative_to(root):
            return None
        if candidate.is_file() or (candidate.parent == root and candidate.name in GENERATED):
            return candidate
        return None

    def _base_url(self) -> str:
        host = self.headers.get("Host", "")
        if not _HOST.match(host):
            address, port = self.server.server_address[:2]
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
        if generated is None and not path.is_file():
            self._error(HTTPStatus.NOT_FOUND, "no such file here", send_body)
            return
        stat = (path if generated is None else self.server.root).stat()
        size = len(generated) if generated is not None else stat.st_size
        etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
        last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if generated is None and self.headers.get("If-None-Match") == etag:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return

        first, last = 0, size - 1
        status = HTTPStatus.OK
        range_header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if range_header and generated is None and (if_range is None or if_range == etag):
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
                status = HTTPStatus.PARTIAL_CONTENT

        self.send_response(status)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(last - first + 1 if size else 0))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", last_modified)
        if generated is None:
            self.send_header("ETag", etag)
        if status is HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        if path.suffix in (".xml", ".json"):
            self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not send_body or not size:
            return
        if generated is not None:
            self.wfile.write(generated)
            return
        with path.open("rb") as handle:
            handle.seek(first)
            remaining = last - first + 1
            try:
                while remaining > 0:
                    chunk = handle.read(min(CHUNK, remaining))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    remaining -= len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                log.debug("client went away during %s", path.name)


class BriefingServer(ThreadingHTTPServer):
    """An HTTP server for one output folder."""

    daemon_threads = True

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.root = Path(root).resolve()
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), BriefingRequestHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"


def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> BriefingServer:
    """A server for ``out_dir`` (not yet serving: call ``serve_forever()``)."""
    from .errors import OutputError

    if not out_dir.is_dir():
        raise OutputError(
            f"{out_dir}: no such folder; run `briefing generate --out {out_dir}` first"
        )
    try:
        return BriefingServer(out_dir, host, port)
    except OSError as exc:
        raise OutputError(
            f"cannot listen on {host}:{port} ({exc.strerror}); try another --port"
        ) from None


__all__ = ["BriefingServer", "content_type", "make_server", "parse_range"]
