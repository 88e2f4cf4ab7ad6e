"""A small HTTP server on 127.0.0.1 for the tests: fixture feeds, pages, and hostile answers."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB_FIXTURES = Path(__file__).parent / "fixtures" / "web"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay_s: float = 0.0
    """Sleep before answering (a slow server); a server stopped meanwhile never answers."""
    send_length: bool = True
    """False: no Content-Length, the body ends when the connection closes."""


def teaser_feed(title: str, link: str, description: str, published: str = "") -> str:
    """An RSS feed of one teaser item, whose link is followed for the full text."""
    date = f"<pubDate>{published}</pubDate>" if published else ""
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Lure</title><item>'
        f"<title>{title}</title><link>{link}</link>{date}"
        f"<description>{description}</description></item></channel></rss>"
    )


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional_hits: Counter[str] = Counter()
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                server.hits[path] += 1
                route = server.routes.get(path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay_s and server.stopping.wait(route.delay_s):
                    return  # stopped while it made the client wait: no thread outlives it
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    server.conditional_hits[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.content_type:  # "": no Content-Type header at all
                    self.send_header("Content-Type", route.content_type)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                else:
                    self.close_connection = True
                if route.etag:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kwargs)
        return self.url(path)

    def add_fixture(self, path: str, name: str, **kwargs) -> str:
        """Serve a file of tests/fixtures/web, with {BASE} replaced by this server's address."""
        body = (WEB_FIXTURES / name).read_bytes().replace(b"{BASE}", self.base.encode())
        return self.add(path, body, **kwargs)

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
