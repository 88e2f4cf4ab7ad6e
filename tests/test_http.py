"""briefing's HTTP client against a server on 127.0.0.1: limits, redirects, cache, retries."""

from __future__ import annotations

import pytest

from briefing.sources.http import USER_AGENT, FetchError, FetchPolicy, HttpClient, _retry_after

from .webserver import FixtureServer

FAST = FetchPolicy(timeout_s=0.5, max_bytes=1_000_000, retries=2, backoff_s=0.01)


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
    _, body_path = client.cache._paths(server.url("/feed"))
    body_path.write_bytes(b"garbage")
    response = client.get(server.url("/feed"))
    assert response.body == b"<rss>fresh</rss>" and not response.from_cache
    assert server.conditional_hits["/feed"] == 0


@pytest.mark.parametrize("declared", [True, False])
def test_size_limit(server, client, declared):
    server.add("/huge", b"x" * 2_000_000, send_length=declared)
    with pytest.raises(FetchError, match="more than the limit of 1,000,000 bytes"):
        client.get(server.url("/huge"))


def test_timeout(server, client):
    server.add("/slow", "<rss/>", delay_s=2)
    with pytest.raises(FetchError, match="timed out after 0.5 s"):
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
