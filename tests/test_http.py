"""briefing's HTTP client against a server on 127.0.0.1: limits, redirects, cache, retries,
the addresses a feed's links may reach, and one deadline however the bytes arrive."""

from __future__ import annotations

import errno
import logging
import pathlib
import socketserver
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from briefing.sources.http import (
    USER_AGENT,
    AddressRefused,
    FetchError,
    FetchPolicy,
    HttpClient,
    _retry_after,
    address_refusal,
    parse_networks,
)

from .webserver import FixtureServer

#: Seconds enough for any answer of the test server on a busy machine (tests that want
#: a time-out make the server wait far longer than the deadline).
FAST = FetchPolicy(timeout_s=3.0, max_bytes=1_000_000, retries=2, backoff_s=0.01)


@pytest.fixture
def server():
    web = FixtureServer().start()
    yield web
    web.stop()


@pytest.fixture
def client(tmp_path):
    sleeps: list[float] = []
    http = HttpClient(tmp_path / "cache", FAST, sleep=sleeps.append)
    http.sleeps = sleeps
    yield http
    http.close()


def test_get_and_user_agent(server, client):
    seen = {}

    server.add("/feed", "<rss/>")
    original = server.httpd.RequestHandlerClass.do_GET

    def spy(handler):
        seen["ua"] = handler.headers.get("User-Agent")
        original(handler)

    server.httpd.RequestHandlerClass.do_GET = spy
    response = client.get(server.url("/feed"))
    assert response.status == 200 and response.body == b"<rss/>"
    assert response.content_type == "application/rss+xml"
    assert seen["ua"] == USER_AGENT
    assert not response.from_cache


def test_conditional_get_uses_the_cache(server, client):
    server.add("/feed", "<rss>one</rss>", etag='"v1"')
    first = client.get(server.url("/feed"))
    second = client.get(server.url("/feed"))
    assert server.hits["/feed"] == 2
    assert server.conditional_hits["/feed"] == 1  # the second request was answered 304
    assert second.from_cache and second.body == first.body == b"<rss>one</rss>"
    assert second.content_type == "application/rss+xml"
    # A changed feed is fetched again and cached anew.
    server.add("/feed", "<rss>two</rss>", etag='"v2"')
    assert client.get(server.url("/feed")).body == b"<rss>two</rss>"


def test_last_modified_is_sent_back(server, client):
    stamp = "Wed, 25 Nov 2026 06:00:00 GMT"
    server.add("/feed", "<rss/>", headers={"Last-Modified": stamp})
    client.get(server.url("/feed"))
    meta, body = client.cache.load(server.url("/feed"))
    assert meta["last_modified"] == stamp and body == b"<rss/>"


def test_a_damaged_cache_entry_is_ignored(server, client):
    server.add("/feed", "<rss>fresh</rss>", etag='"v1"')
    client.get(server.url("/feed"))
    _, body_path = client.cache.entry_paths(server.url("/feed"))
    body_path.write_bytes(b"garbage")
    response = client.get(server.url("/feed"))
    assert response.body == b"<rss>fresh</rss>" and not response.from_cache
    assert server.conditional_hits["/feed"] == 0


@pytest.mark.parametrize("part", [0, 1])
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_cache_entry_that_is_a_pipe_or_a_device_is_a_miss(server, client, part, kind):
    """Issue 28: the HTTP cache reads its entries through the one reader; a named pipe
    hung the run, a link to /dev/zero read until memory ran out."""
    import os

    server.add("/feed", "<rss>fresh</rss>", etag='"v1"')
    client.get(server.url("/feed"))
    path = client.cache.entry_paths(server.url("/feed"))[part]
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    started = time.monotonic()
    response = client.get(server.url("/feed"))
    assert time.monotonic() - started < 60  # a bound against hanging only
    assert response.body == b"<rss>fresh</rss>" and not response.from_cache


@pytest.mark.parametrize("declared", [True, False])
def test_size_limit(server, client, declared):
    server.add("/huge", b"x" * 2_000_000, send_length=declared)
    with pytest.raises(FetchError, match="more than the limit of 1,000,000 bytes"):
        client.get(server.url("/huge"))


def test_timeout(server, tmp_path):
    server.add("/slow", "<rss/>", delay_s=60)
    quick = replace(FAST, timeout_s=0.5)
    with HttpClient(tmp_path, quick) as client, pytest.raises(FetchError, match="after 0.5 s"):
        client.get(server.url("/slow"))
    assert server.hits["/slow"] == 1  # a slow server is not asked again


def test_redirects_are_followed_and_bounded(server, client):
    server.add("/old", status=301, headers={"Location": "/new"})
    server.add("/new", "<rss/>")
    response = client.get(server.url("/old"))
    assert response.body == b"<rss/>" and response.url.endswith("/new")
    for i in range(8):
        server.add(f"/hop{i}", status=302, headers={"Location": f"/hop{i + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        client.get(server.url("/hop0"))
    server.add("/loop-a", status=302, headers={"Location": "/loop-b"})
    server.add("/loop-b", status=302, headers={"Location": "/loop-a"})
    with pytest.raises(FetchError, match="redirect loop"):
        client.get(server.url("/loop-a"))


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "Not Found"), (410, "Gone"), (403, "Forbidden")]
)
def test_client_errors_are_not_retried(server, client, status, reason):
    server.add("/x", status=status)
    with pytest.raises(FetchError, match=f"HTTP {status} {reason}"):
        client.get(server.url("/x"))
    assert server.hits["/x"] == 1


def test_server_errors_are_retried_a_bounded_number_of_times(server, client):
    server.add("/flaky", status=500)
    with pytest.raises(FetchError, match="HTTP 500"):
        client.get(server.url("/flaky"))
    assert server.hits["/flaky"] == 3  # one try and two retries, no storm
    assert client.sleeps == [0.01, 0.02]  # doubling back-off


def test_retry_after_is_honoured(server, client):
    server.add("/busy", status=503, headers={"Retry-After": "2"})
    with pytest.raises(FetchError, match="HTTP 503"):
        client.get(server.url("/busy"))
    assert client.sleeps == [2.0, 2.0]


def test_a_long_retry_after_skips_and_is_remembered(server, client):
    server.add("/limited", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="come back in 3600 s"):
        client.get(server.url("/limited"))
    assert server.hits["/limited"] == 1 and client.sleeps == []
    with pytest.raises(FetchError, match="asked not to be contacted again until"):
        client.get(server.url("/limited"))
    assert server.hits["/limited"] == 1  # not contacted again


def test_connection_refused(client):
    with pytest.raises(FetchError, match="cannot connect"):
        client.get("http://127.0.0.1:9/feed")
    assert len(client.sleeps) == 2


def test_no_cache(server, tmp_path):
    server.add("/feed", "<rss/>", etag='"v1"')
    with HttpClient(None, FAST) as http:
        http.get(server.url("/feed"))
        http.get(server.url("/feed"))
    assert server.conditional_hits["/feed"] == 0


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120.0), (None, None), ("soon", None), ("Wed, 25 Nov 2026 06:01:00 GMT", 60.0)],
)
def test_retry_after_values(value, seconds):
    import email.utils

    now = email.utils.parsedate_to_datetime("Wed, 25 Nov 2026 06:00:00 GMT").timestamp()
    assert _retry_after(value, now) == seconds


# -- the addresses a link found in a feed may reach ------------------------------------

SECRET = "The internal admin page: root password hunter2."


@pytest.fixture
def secret(server):
    server.add("/secret", SECRET, content_type="text/html")
    return server


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        ("127.0.0.1", "a loopback address (this machine)"),
        ("127.8.9.10", "a loopback address (this machine)"),
        ("::1", "a loopback address (this machine)"),
        ("::ffff:127.0.0.1", "a loopback address (this machine)"),  # IPv4 written as IPv6
        ("2002:7f00:1::", "a loopback address (this machine)"),  # 6to4 of 127.0.0.1
        ("0.0.0.0", "an unspecified address (this machine)"),
        ("::", "an unspecified address (this machine)"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata
        ("fe80::1", "a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("10.1.2.3", "a private address"),
        ("192.168.1.20", "a private address"),
        ("172.16.0.1", "a private address"),
        ("fd00::5", "a private address"),
        ("240.0.0.1", "a private address"),
        ("100.64.0.1", "not a public address"),  # carrier-grade NAT
        ("93.184.215.14", None),
        ("2606:4700::6810:84e5", None),
    ],
)
def test_address_refusal(address, refusal):
    assert address_refusal(address) == refusal


@pytest.mark.parametrize(
    ("address", "allowed", "refused"),
    [
        ("10.1.2.3", ["10.0.0.0/8"], False),
        ("10.1.2.3", ["10.9.0.0/16"], True),
        ("192.168.1.20", ["192.168.1.20"], False),  # one address
        ("::ffff:192.168.1.20", ["192.168.1.0/24"], False),
        ("127.0.0.1", ["fd00::/8"], True),  # another family never matches
        ("fd00::5", [" fd00::/8 "], False),
    ],
)
def test_allow_networks(address, allowed, refused):
    assert (address_refusal(address, parse_networks(allowed)) is not None) is refused


@pytest.mark.parametrize("value", ["10.0.0/33", "localhost", "", "192.168.1.0/24/8", "fd00::/129"])
def test_a_bad_network_is_refused_with_its_value(value):
    with pytest.raises(ValueError, match=r"is not a network such as 10\.0\.0\.0/8"):
        FetchPolicy(allow_networks=("10.0.0.0/8", value))


def test_a_named_source_may_be_local_but_a_link_in_a_feed_may_not(secret, client):
    url = secret.url("/secret")
    assert client.get(url).body.decode() == SECRET  # the user named it
    with pytest.raises(AddressRefused) as refused:
        client.get(url + "?again", untrusted=True)  # a feed named it, on a kept connection
    assert str(refused.value).startswith(
        f"{url}?again: 127.0.0.1 is a loopback address (this machine), "
        "and links found in feeds may only lead to public addresses"
    )
    assert "allow_networks" in str(refused.value)
    assert secret.hits["/secret"] == 1  # the refused request was never sent


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1:{port}",
        "localhost:{port}",
        "2130706433:{port}",  # 127.0.0.1 as one number
        "127.1:{port}",
        "0x7f.0.0.1:{port}",
        "0.0.0.0:{port}",  # reaches this machine on Linux
        "[::1]:{port}",
        "[::ffff:127.0.0.1]:{port}",
        "169.254.169.254",  # cloud metadata: refused before any packet is sent
        "10.255.255.1",
    ],
)
def test_every_spelling_of_this_machine_is_refused(secret, tmp_path, address):
    port = secret.httpd.server_address[1]
    url = f"http://{address.format(port=port)}/secret"
    refused = pytest.raises(AddressRefused, match="links found in feeds may only lead to public")
    with HttpClient(tmp_path, FAST, sleep=lambda s: None) as http, refused:
        http.get(url, untrusted=True)
    assert secret.hits["/secret"] == 0


def test_allow_networks_lets_a_link_through(secret, tmp_path):
    policy = FetchPolicy(timeout_s=2, allow_networks=("127.0.0.0/8",))
    with HttpClient(tmp_path, policy) as http:
        assert http.get(secret.url("/secret"), untrusted=True).body.decode() == SECRET


@pytest.mark.parametrize(
    "target", ["http://127.0.0.2:{port}/secret", "http://169.254.169.254/latest/meta-data/"]
)
def test_a_redirect_from_an_allowed_page_into_a_private_address_is_refused(
    secret, tmp_path, target
):
    port = secret.httpd.server_address[1]
    location = target.format(port=port)
    secret.add("/moved", status=302, headers={"Location": location})
    policy = FetchPolicy(timeout_s=2, retries=0, allow_networks=("127.0.0.1/32",))
    with HttpClient(tmp_path, policy) as http, pytest.raises(AddressRefused) as refused:
        http.get(secret.url("/moved"), untrusted=True)
    assert str(refused.value).startswith(f"{secret.url('/moved')}: redirected to {location}: ")
    assert secret.hits["/moved"] == 1 and secret.hits["/secret"] == 0


def test_through_a_proxy_the_link_is_judged_by_its_own_address(secret, tmp_path, monkeypatch):
    """The address connected to is the proxy's (local, and fine); the link's is judged."""
    proxy = FixtureServer().start()  # answers 404 to whatever it is asked for
    try:
        for name in ("no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("http_proxy", proxy.base)
        with HttpClient(tmp_path, FAST, sleep=lambda s: None) as http:
            with pytest.raises(AddressRefused):
                http.get(secret.url("/secret"), untrusted=True)
            assert sum(proxy.hits.values()) == 0
            with pytest.raises(FetchError, match="HTTP 404"):
                http.get(secret.url("/secret"))  # a named source goes through the proxy
        assert proxy.hits[secret.url("/secret")] == 1
        assert secret.hits["/secret"] == 0
    finally:
        proxy.stop()


# -- one deadline for the whole request ---------------------------------------------------


class Trickle:
    """A server on 127.0.0.1 that sends one byte every ``gap`` seconds, in its headers
    or in its body: each read gets a byte in time, the whole answer takes 30 s."""

    BYTES = 600

    def __init__(self, where: str, gap: float = 0.05) -> None:
        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                request = b""
                while b"\r\n\r\n" not in request:
                    request += self.request.recv(4096) or b"\r\n\r\n"
                if where == "headers":
                    head = b"HTTP/1.1 200 OK\r\nX-Slow: "
                    slow, tail = b"a" * Trickle.BYTES, b"\r\nContent-Length: 6\r\n\r\n<rss/>"
                else:
                    head = b"HTTP/1.1 200 OK\r\nContent-Length: 600\r\n\r\n"
                    slow, tail = b"x" * Trickle.BYTES, b""
                try:
                    self.request.sendall(head)
                    for byte in slow:
                        time.sleep(gap)
                        self.request.sendall(bytes([byte]))
                    self.request.sendall(tail)
                except OSError:
                    pass  # the client hung up: as it should

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.slow
@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_trickling_server_is_cut_off_at_the_deadline(tmp_path, where):
    trickle = Trickle(where)
    try:
        policy = FetchPolicy(timeout_s=1.0, retries=2, backoff_s=0.01)
        with HttpClient(tmp_path, policy, sleep=lambda s: None) as http:
            started = time.monotonic()
            with pytest.raises(FetchError, match=r"timed out after 1 s \(no complete answer"):
                http.get(trickle.url)
            elapsed = time.monotonic() - started
    finally:
        trickle.stop()
    assert elapsed < 20  # the trickle would take 30 s; the deadline is 1 s (a hang bound)


# -- the time spent waiting for servers that ask to be retried -----------------------------


def test_waiting_for_busy_servers_is_bounded_for_the_whole_run(server, tmp_path, caplog):
    """Eight pages answering 503 with Retry-After: 2, four fetched at a time: the client
    waits 4 s in all (its budget is 5 s), says so once, and the rest fail at once."""
    sleeps: list[float] = []
    policy = FetchPolicy(timeout_s=2, retries=2, backoff_s=0.01, retry_budget_s=5)
    urls = [server.add(f"/busy{i}", status=503, headers={"Retry-After": "2"}) for i in range(8)]
    with HttpClient(tmp_path, policy, sleep=sleeps.append) as http, ThreadPoolExecutor(4) as pool:

        def fetch(url: str) -> str:
            with pytest.raises(FetchError) as failed:
                http.get(url)
            return str(failed.value)

        with caplog.at_level(logging.INFO, "briefing"):
            reasons = list(pool.map(fetch, urls))
    assert sleeps == [2.0, 2.0]
    spent = [r for r in reasons if "not retried: this run has already waited 5 s" in r]
    assert len(spent) >= 6 and all("HTTP 503 Service Unavailable" in r for r in spent)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2, warnings
    assert "asked to retry after 2 s; waiting (this run waits 5 s at most in all)" in warnings[0]
    assert warnings[1].startswith("retry budget spent")


def test_short_back_offs_count_against_the_budget_too(server, tmp_path):
    sleeps: list[float] = []
    policy = FetchPolicy(timeout_s=2, retries=3, backoff_s=1.0, retry_budget_s=2.5)
    server.add("/flaky", status=500)
    spent = pytest.raises(FetchError, match="HTTP 500 Internal Server Error; not retried")
    with HttpClient(tmp_path, policy, sleep=sleeps.append) as http, spent:
        http.get(server.url("/flaky"))
    assert sleeps == [1.0]  # then 2 s more would pass the 2.5 s budget
    assert server.hits["/flaky"] == 2


# -- a cache that cannot be written ------------------------------------------------------


def test_a_cache_that_cannot_be_written_is_said_once(server, tmp_path, caplog):
    (tmp_path / "http").write_text("not a folder")  # as good as read-only, even for root
    urls = [server.add(f"/feed{i}", "<rss/>", etag=f'"v{i}"') for i in range(6)]
    with caplog.at_level(logging.WARNING, "briefing"):
        for _ in range(2):
            with HttpClient(tmp_path, FAST) as http:
                for url in urls:
                    assert http.get(url).body == b"<rss/>"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"cannot write the HTTP cache in {tmp_path / 'http'}")


def test_a_full_cache_leaves_no_temporary_file(server, tmp_path, caplog, monkeypatch):
    real_write = pathlib.Path.write_bytes

    def half_then_full(path, data):
        real_write(path, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pathlib.Path, "write_bytes", half_then_full)
    urls = [server.add(f"/feed{i}", f"<rss>{i}</rss>") for i in range(3)]
    with caplog.at_level(logging.WARNING, "briefing"), HttpClient(tmp_path, FAST) as http:
        for url in urls:
            http.get(url)
    assert [p.name for p in (tmp_path / "http").iterdir() if "tmp" in p.name] == []
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "No space left on device" in warnings[0]
