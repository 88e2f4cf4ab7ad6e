"""The local server, over real HTTP on 127.0.0.1: ranges, HEAD, types, traversal."""

from __future__ import annotations

import http.client
import io
import os
import subprocess
import sys
import threading
import time

import podcastparser
import pytest

from briefing.errors import OutputError
from briefing.publish.store import Store, save_store
from briefing.serve import content_type, make_server, parse_range

from .conftest import subprocess_env
from .test_store import entry


@pytest.fixture
def served(tmp_path):
    """An output folder with one episode's files, served on a free port."""
    root = tmp_path / "out"
    root.mkdir()
    episode = entry(25)
    (root / episode.audio).write_bytes(bytes(range(256)) * 40)  # 10240 bytes
    (root / episode.vtt).write_text("WEBVTT\n")
    (root / episode.chapters).write_text('{"version": "1.2.0", "chapters": []}')
    (root / ".briefing-2026-11-25.mp3.123.tmp").write_bytes(b"partial")
    (tmp_path / "secret.txt").write_text("outside the folder")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    episode = episode.__class__(**{**episode.__dict__, "bytes": 10240})
    save_store(root, Store(episodes=(episode,)))
    server = make_server(root, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server, root
    server.shutdown()
    server.server_close()


def _request(server, method, path, headers=None):
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_binds_to_localhost_by_default(served):
    server, _ = served
    assert server.server_address[0] == "127.0.0.1"
    assert server.url.startswith("http://127.0.0.1:")


def test_feed_points_at_the_server_when_no_base_url(served):
    server, _ = served
    port = server.server_address[1]
    response, body = _request(server, "GET", "/feed.xml", {"Host": f"127.0.0.1:{port}"})
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("application/rss+xml")
    parsed = podcastparser.parse(server.url + "feed.xml", io.BytesIO(body))
    url = parsed["episodes"][0]["enclosures"][0]["url"]
    assert url == f"http://127.0.0.1:{port}/briefing-2026-11-25.mp3"
    # ... and that URL works.
    response, audio = _request(server, "GET", "/briefing-2026-11-25.mp3")
    assert response.status == 200 and len(audio) == 10240


def test_a_phone_on_the_network_gets_its_own_host_in_the_urls(served):
    server, _ = served
    _, body = _request(server, "GET", "/feed.xml", {"Host": "192.168.1.20:8000"})
    assert b"http://192.168.1.20:8000/briefing-2026-11-25.mp3" in body
    _, body = _request(server, "GET", "/feed.xml", {"Host": "evil.example/<script>"})
    assert b"<script>" not in body


def test_head(served):
    server, _ = served
    response, body = _request(server, "HEAD", "/briefing-2026-11-25.mp3")
    assert response.status == 200
    assert body == b""
    assert response.getheader("Content-Length") == "10240"
    assert response.getheader("Content-Type") == "audio/mpeg"
    assert response.getheader("Accept-Ranges") == "bytes"
    assert response.getheader("ETag")


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, 10239),
        ("bytes=-10", 10230, 10239),
        ("bytes=10000-99999", 10000, 10239),
    ],
)
def test_range_requests(served, header, first, last):
    server, root = served
    response, body = _request(server, "GET", "/briefing-2026-11-25.mp3", {"Range": header})
    assert response.status == 206
    data = (root / "briefing-2026-11-25.mp3").read_bytes()
    assert body == data[first : last + 1]
    assert response.getheader("Content-Range") == f"bytes {first}-{last}/10240"
    assert response.getheader("Content-Length") == str(last - first + 1)


def test_unsatisfiable_range(served):
    server, _ = served
    response, _ = _request(server, "GET", "/briefing-2026-11-25.mp3", {"Range": "bytes=20000-"})
    assert response.status == 416
    assert response.getheader("Content-Range") == "bytes */10240"


def test_conditional_get(served):
    server, _ = served
    first, _ = _request(server, "GET", "/briefing-2026-11-25.vtt")
    response, body = _request(
        server, "GET", "/briefing-2026-11-25.vtt", {"If-None-Match": first.getheader("ETag")}
    )
    assert response.status == 304 and body == b""


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/briefing-2026-11-25.vtt", "text/vtt; charset=utf-8"),
        ("/briefing-2026-11-25.chapters.json", "application/json+chapters; charset=utf-8"),
        ("/episodes.json", "application/json; charset=utf-8"),
    ],
)
def test_content_types(served, path, content_type):
    server, _ = served
    response, _ = _request(server, "GET", path)
    assert response.status == 200
    assert response.getheader("Content-Type") == content_type


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/link.txt",  # a symlink that leads outside
        "/.briefing-2026-11-25.mp3.123.tmp",  # a temporary file being written
        "/nothing-here.mp3",
        "/%00",
        "/..\\secret.txt",
        "//etc/passwd",
        "/",
    ],
)
def test_nothing_outside_the_folder(served, path):
    server, _ = served
    response, body = _request(server, "GET", path)
    assert response.status == 404
    assert b"outside the folder" not in body


def test_post_is_not_allowed(served):
    server, _ = served
    response, _ = _request(server, "POST", "/feed.xml")
    assert response.status == 501


def test_missing_folder_and_busy_port(tmp_path, served):
    with pytest.raises(OutputError, match="no such folder"):
        make_server(tmp_path / "missing")
    server, root = served
    with pytest.raises(OutputError, match="cannot listen"):
        make_server(root, "127.0.0.1", server.server_address[1])


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-0", (0, 0)),
        ("bytes=5-", (5, 99)),
        ("bytes=-200", (0, 99)),
        ("bytes=0-1,5-6", None),
        ("items=0-5", None),
        ("bytes=-", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, 100) == expected


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=50-10", "bytes=-0"])
def test_parse_range_unsatisfiable(header):
    with pytest.raises(ValueError):
        parse_range(header, 100)


def test_content_type_fallback(tmp_path):
    assert content_type(tmp_path / "x.unknownext") == "application/octet-stream"


def test_serve_command(tmp_path):
    """`briefing serve` as a user runs it: listens on 127.0.0.1, serves, stops on Ctrl-C."""
    (tmp_path / "feed.xml").write_text("<rss/>")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", "--out", str(tmp_path), "--port", "0"],
        stderr=subprocess.PIPE, text=True, env=subprocess_env(),
    )  # fmt: skip
    try:
        line = process.stderr.readline()
        assert line.startswith(f"Serving {tmp_path} at http://127.0.0.1:")
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/feed.xml")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(2)  # Ctrl-C
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    rest = process.stderr.read()
    process.stderr.close()
    assert "Traceback" not in rest
    assert os.path.exists(tmp_path / "feed.xml")
