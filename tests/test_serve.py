"""The local server, over real HTTP on 127.0.0.1: ranges, HEAD, types, traversal."""

from __future__ import annotations

import contextlib
import http.client
import io
import logging
import os
import select
import socket
import struct
import subprocess
import sys
import threading
import time

import podcastparser
import pytest

from briefing.errors import OutputError
from briefing.publish.store import Store, save_store
from briefing.serve import content_type, make_server, parse_range

from .helpers import entry, subprocess_env


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
        try:  # a bound against hanging, far above what a busy machine takes
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0
    rest = process.stderr.read()
    process.stderr.close()
    assert "Traceback" not in rest
    assert os.path.exists(tmp_path / "feed.xml")


# -- hostile input, honestly survived ---------------------------------------------


@pytest.fixture
def server_for(tmp_path):
    """Start a server on a free port for a folder, with any make_server options."""
    servers = []

    def start(root, **options):
        server = make_server(root, "127.0.0.1", 0, **options)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def records():
    """Every log record from briefing, whatever the CLI set up before."""
    seen = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = seen.append
    logger = logging.getLogger("briefing")
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.DEBUG
    yield seen
    logger.removeHandler(handler)
    logger.setLevel(level)


def _wait_for_handlers(deadline_s=10.0):
    """Wait until no connection thread is left (their tracebacks print as they end)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if not any("process_request" in t.name for t in threading.enumerate()):
            return
        time.sleep(0.02)


def _no_tracebacks(capfd, records):
    _wait_for_handlers()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err
    assert not [r for r in records if r.exc_info and r.levelno > logging.DEBUG]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/a" + "a" * 300, 404),  # a file name longer than the system allows
        ("/" + "/".join(["b" * 200] * 30), 404),  # a path longer than the system allows
        ("/loop.txt", 404),  # a symlink to itself
        ("/fifo.mp3", 404),  # a named pipe: opening it must not wait for a writer
        ("/folder", 404),  # a directory
        ("//[oops/feed.xml", 404),  # a broken host part in the request target
        ("/" + "c" * 70000, 414),  # a request line longer than http.server reads
    ],
)
def test_hostile_paths_get_an_answer_and_the_server_goes_on(served, capfd, records, path, status):
    server, root = served
    (root / "loop.txt").symlink_to(root / "loop.txt")
    os.mkfifo(root / "fifo.mp3")
    (root / "folder").mkdir()
    response, _ = _request(server, "GET", path)
    assert response.status == status
    response, body = _request(server, "GET", "/briefing-2026-11-25.vtt")
    assert response.status == 200 and body == b"WEBVTT\n"
    _no_tracebacks(capfd, records)


def _hang_up(address, request, read):
    """Send a request, read a few bytes of the answer (or none), and reset the connection."""
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.settimeout(10)
    client.connect(address)
    client.sendall(request)
    if read:
        client.recv(read)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()


@pytest.mark.parametrize(
    "request_line",
    [
        b"GET /big.mp3 HTTP/1.1",
        b"GET /big.mp3 HTTP/1.0",
        b"GET /feed.xml HTTP/1.1",
        b"GET /nothing-here HTTP/1.1",
        b"HEAD /big.mp3 HTTP/1.1",
        b"GET /big.mp3 HTTP/1.1\r\nRange: bytes=100-",
    ],
)
def test_clients_hanging_up_leave_no_traceback(tmp_path, server_for, capfd, records, request_line):
    root = tmp_path / "out"
    root.mkdir()
    (root / "big.mp3").write_bytes(os.urandom(4 << 20))
    server = server_for(root)
    request = request_line + b"\r\nHost: 127.0.0.1\r\n\r\n"
    clients = [
        threading.Thread(target=_hang_up, args=(server.server_address, request, read))
        for read in (0, 1, 100) * 20
    ]  # fmt: skip
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    response, body = _request(server, "GET", "/big.mp3", {"Range": "bytes=0-9"})
    assert response.status == 206 and len(body) == 10
    _no_tracebacks(capfd, records)


def _closed_by_server(client, trickle, give_up_s):
    """True when the server closes ``client`` before ``give_up_s``; sends a byte at a
    time of a request that never ends when ``trickle``."""
    deadline = time.monotonic() + give_up_s
    while time.monotonic() < deadline:
        try:
            if trickle:
                client.sendall(b"X")
            readable, _, _ = select.select([client], [], [], 0.05)
            if readable and client.recv(1024) == b"":
                return True
        except (BrokenPipeError, ConnectionResetError):
            return True
    return False


@pytest.mark.parametrize("trickle", [False, True])
def test_idle_and_trickling_connections_are_dropped(served, server_for, trickle):
    _, root = served
    server = server_for(root, request_timeout=0.3)
    client = socket.create_connection(server.server_address, timeout=5)
    if trickle:
        client.sendall(b"GET /feed.xml HTTP/1.1\r\n")
    try:
        # Dropped after 0.3 s; a trickle of one byte per 50 ms would go on for all of
        # the 60 s (a bound against hanging, not a timing).
        assert _closed_by_server(client, trickle, give_up_s=60)
    finally:
        client.close()
    response, _ = _request(server, "GET", "/feed.xml")
    assert response.status == 200


def _connection_threads():
    return sum("process_request" in t.name for t in threading.enumerate())


def test_connections_without_a_request_take_no_worker(served, server_for):
    _, root = served
    server = server_for(root, max_connections=2)
    before = _connection_threads()
    idle = [socket.create_connection(server.server_address, timeout=5) for _ in range(6)]
    try:
        time.sleep(0.1)
        assert _connection_threads() - before <= 2  # not one thread per socket
        # Served at once: the silent ones wait for their request, not for a worker.
        response, _ = _request(server, "GET", "/feed.xml")
        assert response.status == 200
    finally:
        for client in idle:
            client.close()


@pytest.mark.parametrize("failure", [KeyboardInterrupt, RuntimeError])
def test_a_worker_that_starts_badly_keeps_the_count_of_workers(served, monkeypatch, failure):
    """Ctrl-C while a worker starts must stop the server (the worker, started, counts
    itself out); a worker that cannot start costs its one connection, and the server
    goes on with its one worker still there."""
    _, root = served
    server = make_server(root, "127.0.0.1", 0, max_connections=1)
    start = threading.Thread.start
    failed = []

    def starting_badly(thread):
        if "process_request" not in thread.name or failed:
            return start(thread)
        failed.append(thread)
        if failure is KeyboardInterrupt:
            start(thread)
        raise failure("while the thread starts")

    monkeypatch.setattr(threading.Thread, "start", starting_badly)
    client = socket.create_connection(server.server_address, timeout=10)
    client.sendall(b"GET /feed.xml HTTP/1.0\r\n\r\n")  # waits in the kernel's queue
    try:
        if failure is KeyboardInterrupt:
            with pytest.raises(KeyboardInterrupt):
                server.serve_forever(0.05)  # in this thread, as the CLI does
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        if failure is RuntimeError:
            assert client.recv(1024) == b""  # closed, unanswered
        for _ in range(2):  # one worker, still there, and used twice
            assert _request(server, "GET", "/feed.xml")[0].status == 200
    finally:
        client.close()
        server.shutdown()
        server.server_close()
    assert failed


def _fetch(server, path):
    """(Content-Length, body) of one GET; the body is None when the answer was cut short."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        try:
            body = response.read()
        except http.client.IncompleteRead:
            body = None
        return int(response.getheader("Content-Length")), body
    finally:
        connection.close()


def test_a_file_replaced_while_served_comes_whole_in_one_version(served, server_for):
    """Publishing replaces files atomically while players download them: each answer
    must be one version, whole, with that version's length."""
    _, root = served
    server = server_for(root)
    versions = (b"A" * 300_000, b"B" * 100_000)
    target = root / "race.mp3"
    target.write_bytes(versions[0])
    stop = threading.Event()

    def publish():
        count = 0
        while not stop.is_set():
            count += 1
            temporary = root / f".race.{count}.tmp"
            temporary.write_bytes(versions[count % 2])
            os.replace(temporary, target)

    writer = threading.Thread(target=publish)
    writer.start()
    answers = []
    try:  # a count of answers, not a span of time: a busy machine gives fewer a second
        while len(answers) < 100:
            answers.append(_fetch(server, "/race.mp3"))
    finally:
        stop.set()
        writer.join()
    bad = [(length, body and body[:1]) for length, body in answers if body not in versions
           or length != len(body)]  # fmt: skip
    assert not bad, f"{len(bad)} of {len(answers)} answers mixed"


def test_the_answer_comes_from_the_file_opened(served, server_for, monkeypatch):
    """The same, made certain: the file is replaced while the headers are written."""
    import briefing.serve as serve_module

    _, root = served
    server = server_for(root)
    old, new = b"old" * 10_000, b"new" * 20_000
    target = root / "swap.mp3"
    target.write_bytes(old)
    (root / ".swap.tmp").write_bytes(new)
    real = serve_module.content_type

    def replacing(path):
        if (root / ".swap.tmp").exists():
            os.replace(root / ".swap.tmp", target)
        return real(path)

    monkeypatch.setattr(serve_module, "content_type", replacing)
    assert _fetch(server, "/swap.mp3") == (len(old), old)
    assert _fetch(server, "/swap.mp3") == (len(new), new)


# -- clients that would starve it (issue 28): idle and trickling connections, one address
# opening many, slow readers of a big file. Every bound is against hanging, far above
# what the fix takes.

BIG = 32 << 20  # more than the kernel's buffers on both sides of a loopback connection
BOUND_S = 60.0


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    (root / "feed.xml").write_text("<rss/>")
    with open(root / "big.mp3", "wb") as big:
        big.truncate(BIG)
    return root


@pytest.fixture
def sockets():
    """Client sockets, all closed at the end."""
    opened = []

    def connect(address, source="127.0.0.1"):
        client = socket.create_connection(address, timeout=BOUND_S, source_address=(source, 0))
        opened.append(client)
        return client

    yield connect
    for client in opened:
        client.close()


def _until(condition, bound_s=BOUND_S):
    """Wait for ``condition()`` (a bound against hanging, not a timing)."""
    deadline = time.monotonic() + bound_s
    while not condition():
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.01)


def _timed_get(server, path="/feed.xml", source="127.0.0.1"):
    """(status, seconds) of one GET from ``source``."""
    host, port = server.server_address[:2]
    began = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=BOUND_S, source_address=(source, 0))
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - began
    finally:
        connection.close()


def _read(client, size):
    data = bytearray()
    while len(data) < size:
        chunk = client.recv(size - len(data))
        assert chunk, "closed"
        data += chunk
    return bytes(data)


def _read_until_closed(client):
    """Read until the server closes ``client``; the bytes read."""
    received = bytearray()
    while True:
        try:
            data = client.recv(65536)
        except ConnectionResetError:
            return bytes(received)
        if not data:
            return bytes(received)
        received += data


# -- starvation: a real listener among idle and trickling connections ------------------


@pytest.mark.slow
@pytest.mark.parametrize("trickle", [False, True])
def test_a_listener_is_answered_among_200_connections_from_its_own_address(
    folder, server_for, sockets, trickle
):
    """With the defaults: a household behind one address, one of whose machines opens
    200 connections and sends nothing (or a byte now and then), can still listen. The
    oldest connection still without a request makes room for the new one."""
    server = server_for(folder)
    idle = [sockets(server.server_address) for _ in range(200)]
    if trickle:
        for client in idle:
            client.send(b"GET /feed.xml HTTP/1.1\r\nX-")
    status, seconds = _timed_get(server)
    assert status == 200
    assert seconds < 10, seconds  # the issue asks for 2 s; it takes milliseconds
    _until(lambda: server.open_connections <= 8)


@pytest.mark.slow
def test_a_listener_is_answered_while_200_idle_connections_are_held_open(
    folder, server_for, sockets
):
    """Idle connections never hold a worker: with 200 of them open (no cap on one
    address, no deadline within the test), a request is answered at once."""
    server = server_for(folder, max_per_client=1000, request_timeout=300, max_connections=2)
    idle = [sockets(server.server_address) for _ in range(200)]
    for client in idle[:100]:
        client.send(b"GET /feed.xml HTTP/1.1\r\n")  # half a request
    _until(lambda: server.open_connections == 200)
    times = [_timed_get(server) for _ in range(5)]
    assert [status for status, _ in times] == [200] * 5
    assert max(seconds for _, seconds in times) < 10, times  # the 2 s: milliseconds
    assert server.open_connections >= 200  # all still open while the others were answered


@pytest.mark.slow
def test_a_trickling_client_is_cut_at_the_request_deadline(folder, server_for, sockets):
    """A request must arrive whole in time: a client sending a byte at a time, forever,
    is disconnected at the deadline, however busy it keeps the connection."""
    server = server_for(folder, request_timeout=1, max_per_client=100)
    clients = [sockets(server.server_address) for _ in range(20)]
    stop = threading.Event()

    def trickle():
        while not stop.wait(0.05):
            for client in clients:
                with contextlib.suppress(OSError):  # cut: what is wanted
                    client.send(b"X")

    trickler = threading.Thread(target=trickle)
    trickler.start()
    try:
        for client in clients:
            assert _read_until_closed(client) == b""  # closed unanswered
    finally:
        stop.set()
        trickler.join()
    assert _timed_get(server)[0] == 200


@pytest.mark.parametrize(
    ("head", "status"),
    [
        (b"GET /feed.xml HTTP/1.0\r\nX-Big: " + b"a" * 200_000, b"431"),  # headers never end
        (b"GET /" + b"a" * 200_000, b"414"),  # nor the request line
        (b"GET /feed.xml HTTP/1.0\r\n" + b"X: y\r\n" * 20_000 + b"\r\n", b"431"),  # 140 kB
    ],
)
def test_a_request_too_big_is_refused(folder, server_for, sockets, head, status):
    server = server_for(folder)
    client = sockets(server.server_address)
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        client.sendall(head)  # the server stops reading at 128 KiB
    assert _read_until_closed(client).startswith(b"HTTP/1.0 " + status)
    assert _timed_get(server)[0] == 200


def test_a_client_that_sends_nothing_is_closed_at_the_deadline(folder, server_for, sockets):
    server = server_for(folder, request_timeout=0.2)
    client = sockets(server.server_address)
    assert _read_until_closed(client) == b""
    _until(lambda: server.open_connections == 0)


# -- one address, many connections ---------------------------------------------------


def _slow_readers(server, sockets, count):
    """``count`` clients each holding a worker: asked for the big file, never reading."""
    readers = []
    for _ in range(count):
        client = sockets(server.server_address)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.sendall(b"GET /big.mp3 HTTP/1.0\r\n\r\n")
        assert _read(client, 12) == b"HTTP/1.0 200"  # being answered, by a worker
        readers.append(client)
    return readers


def test_an_address_holding_its_share_is_answered_503_at_once(folder, server_for, sockets):
    server = server_for(folder, max_per_client=3, max_connections=8)
    _slow_readers(server, sockets, 3)
    extra = sockets(server.server_address)
    extra.sendall(b"GET /feed.xml HTTP/1.0\r\n\r\n")
    answer = _read_until_closed(extra)
    assert answer.startswith(b"HTTP/1.0 503 Service Unavailable\r\n")
    assert b"Retry-After: 5\r\n" in answer
    # Another address is served meanwhile, and the three are still being answered.
    assert _timed_get(server, source="127.0.0.2")[0] == 200
    _until(lambda: server.open_connections == 3)


def test_a_new_connection_closes_the_oldest_one_without_a_request(folder, server_for, sockets):
    server = server_for(folder, max_per_client=3, request_timeout=300)
    first, second, third = (sockets(server.server_address) for _ in range(3))
    _until(lambda: server.open_connections == 3)
    assert _timed_get(server)[0] == 200
    assert _read_until_closed(first) == b""
    for client in (second, third):  # still open: they can still ask
        client.sendall(b"GET /feed.xml HTTP/1.0\r\n\r\n")
        assert _read_until_closed(client).startswith(b"HTTP/1.0 200 OK\r\n")


# -- slow readers --------------------------------------------------------------------


@pytest.mark.slow
def test_a_slow_reader_of_a_big_file_is_let_go(folder, server_for, sockets, caplog):
    """A client taking a big answer a little at a time, steadily (each write goes out
    well in time), must not hold a worker for ever: it must take the answer at
    ``min_rate`` on average."""
    caplog.set_level(logging.DEBUG, logger="briefing.serve")
    server = server_for(folder, max_connections=1, min_rate=64 << 20, timeout=5)
    client = sockets(server.server_address)
    client.sendall(b"GET /big.mp3 HTTP/1.0\r\n\r\n")
    stop = threading.Event()
    received = []

    def read_slowly():  # 1.6 MB/s: the whole would take 20 s
        with contextlib.suppress(OSError):
            while not stop.wait(0.04) and (data := client.recv(65536)):
                received.append(len(data))

    reader = threading.Thread(target=read_slowly)
    reader.start()
    try:
        # The one worker is free again once it lets the reader go (5 s, and 32 MiB at
        # 64 MiB/s): this request waits for it.
        assert _timed_get(server)[0] == 200
    finally:
        stop.set()
        reader.join()
    assert sum(received) < BIG
    assert "takes the answer too slowly" in caplog.text


def test_a_reader_that_stops_reading_is_let_go(folder, server_for, sockets):
    server = server_for(folder, max_connections=1, timeout=0.5)
    _slow_readers(server, sockets, 1)
    assert _timed_get(server)[0] == 200  # the one worker, once the stalled reader is let go


# -- out of file descriptors ---------------------------------------------------------

_UNDER_64_FILES = """
import resource, sys, threading
from pathlib import Path
from briefing.serve import make_server
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
server = make_server(Path(sys.argv[1]), "127.0.0.1", 0, max_per_client=1000)
print(server.server_address[1], server.max_open, flush=True)
server.serve_forever(0.05)
"""


@pytest.mark.slow
def test_many_connections_under_a_low_file_limit(folder, sockets):
    """Under `ulimit -n 64` the server keeps fewer connections open than it has
    descriptors, so 100 idle ones cannot stop it accepting, or answering."""
    process = subprocess.Popen(
        [sys.executable, "-c", _UNDER_64_FILES, str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=subprocess_env(),
    )  # fmt: skip
    try:
        port, max_open = map(int, process.stdout.readline().split())
        assert max_open <= 32
        for _ in range(100):
            sockets(("127.0.0.1", port))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=BOUND_S)
        connection.request("GET", "/feed.xml")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.kill()
        _, err = process.communicate(timeout=BOUND_S)
    assert "Traceback" not in err
