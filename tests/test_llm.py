"""The optional LLM summarizer against a small chat-completions server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.models import Article
from briefing.summarize import summarize_article
from briefing.summarize.llm import LlmError, LlmSettings, LlmSummarizer, clean_answer

from .helpers import SEED

ARTICLE = Article(
    "Harbour bridge reopens after repairs",
    (
        "The harbour bridge reopened to traffic on Monday after eight months of repairs that "
        "cost the city 12 million euros. Engineers replaced the deck and two of the main "
        "cables, the transport office said.",
        "Traffic is expected to return to normal within a week, officials said.",
    ),
    "bridge.txt",
)
ANSWER = (
    "The city's harbour bridge reopened on Monday after eight months of repairs costing 12 "
    "million euros. Engineers replaced its deck and two main cables."
)


class ChatServer:
    """Speaks just enough of the chat-completions protocol."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.reply: object = {"choices": [{"message": {"role": "assistant", "content": ANSWER}}]}
        self.status = 200
        self.delay_s = 0.0
        self.trickle_s = 0.0
        self.stopping = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                outer.requests.append(json.loads(self.rfile.read(length)))
                outer.headers.append(dict(self.headers))
                if outer.delay_s and outer.stopping.wait(outer.delay_s):
                    return  # stopped while it made the client wait: no thread outlives it
                body = (
                    outer.reply
                    if isinstance(outer.reply, bytes)
                    else json.dumps(outer.reply).encode()
                )
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if outer.trickle_s:  # a byte at a time: each read is quick, the whole is not
                    with contextlib.suppress(OSError):
                        for index in range(len(body)):
                            self.wfile.write(body[index : index + 1])
                            self.wfile.flush()
                            if outer.stopping.wait(outer.trickle_s):
                                return
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def chat():
    server = ChatServer()
    yield server
    server.stop()


def _summarizer(chat, tmp_path, timeout_s=5.0, **kwargs):
    """Five seconds are enough for any answer of the test server on a busy machine; the
    tests of a slow server give one second against a wait of half a minute."""
    settings = LlmSettings(
        base_url=chat.base_url, model="tiny-news", api_key="secret", timeout_s=timeout_s, **kwargs
    )
    return LlmSummarizer(settings, tmp_path / "cache")


def test_asks_the_model_and_uses_its_answer(chat, tmp_path):
    story = _summarizer(chat, tmp_path)(ARTICLE, max_words=60)
    assert story.sentences == (
        "The city's harbour bridge reopened on Monday after eight months of repairs costing 12 million euros.",
        "Engineers replaced its deck and two main cables.",
    )
    assert story.title == ARTICLE.title
    request = chat.requests[0]
    assert request["model"] == "tiny-news"
    assert request["messages"][0]["role"] == "system"
    assert "at most 60 words" in request["messages"][0]["content"]
    assert "Headline: Harbour bridge reopens after repairs" in request["messages"][1]["content"]
    assert "12 million euros" in request["messages"][1]["content"]
    assert chat.headers[0]["Authorization"] == "Bearer secret"


def test_results_are_cached_by_article(chat, tmp_path):
    summarizer = _summarizer(chat, tmp_path)
    first = summarizer(ARTICLE, max_words=60)
    again = _summarizer(chat, tmp_path)(ARTICLE, max_words=60)  # a new run, same cache
    assert again == first and len(chat.requests) == 1
    summarizer(ARTICLE, max_words=40)  # another budget is another question
    assert len(chat.requests) == 2


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda c: setattr(c, "status", 500), "HTTP 500"),
        (lambda c: setattr(c, "delay_s", 30.0), "no answer within 1 s"),
        (lambda c: setattr(c, "reply", b"not json"), "not a chat-completions answer"),
        (
            lambda c: setattr(c, "reply", b"[" * 20_000 + b"]" * 20_000),
            "not a chat-completions answer",
        ),  # fmt: skip
        (lambda c: setattr(c, "trickle_s", 0.05), "no answer within 1 s"),
        (lambda c: setattr(c, "reply", {"choices": []}), "not a chat-completions answer"),
        (
            lambda c: setattr(c, "reply", {"choices": [{"message": {"content": ""}}]}),
            "empty answer",
        ),
        (
            lambda c: setattr(c, "reply", {"choices": [{"message": {"content": "word " * 200}}]}),
            "more than 60",
        ),
        (
            lambda c: setattr(c, "reply", {"choices": [{"message": {"content": "- one\n- two"}}]}),
            "a list",
        ),
    ],
)
def test_any_failure_falls_back_to_the_extractive_summary(chat, tmp_path, caplog, setup, reason):
    setup(chat)
    story = _summarizer(chat, tmp_path, timeout_s=1)(ARTICLE, max_words=60)
    assert story == summarize_article(ARTICLE, max_words=60)
    assert "LLM summary of bridge.txt failed" in caplog.text
    assert reason in caplog.text
    # A failure is not cached: the next run asks again.
    chat.status, chat.delay_s, chat.trickle_s = 200, 0.0, 0.0
    chat.reply = {"choices": [{"message": {"content": ANSWER}}]}
    assert _summarizer(chat, tmp_path)(ARTICLE, max_words=60).sentences[0].startswith("The city's")


def test_no_server_falls_back(tmp_path, caplog):
    settings = LlmSettings(base_url="http://127.0.0.1:9/v1", model="m", timeout_s=1)
    story = LlmSummarizer(settings, None)(ARTICLE)
    assert story == summarize_article(ARTICLE)
    assert "failed" in caplog.text


@pytest.mark.parametrize(
    ("answer", "sentences"),
    [
        ("**The bridge reopened.** Traffic resumes.", ["The bridge reopened.", "Traffic resumes."]),
        ("Here is a summary: The bridge reopened on Monday.", ["The bridge reopened on Monday."]),
        ("  The bridge\nreopened.  ", ["The bridge reopened."]),
    ],
)
def test_clean_answer(answer, sentences):
    assert clean_answer(answer, 60) == sentences


def test_settings_from_config_or_environment(monkeypatch):
    monkeypatch.setenv("BRIEFING_LLM_BASE_URL", "http://localhost:11434/v1")
    monkeypatch.setenv("BRIEFING_LLM_MODEL", "llama3.2")
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    settings = LlmSettings.from_env(model="other", timeout_s=None)
    assert (settings.base_url, settings.model, settings.api_key) == (
        "http://localhost:11434/v1",
        "other",
        "k",
    )
    monkeypatch.delenv("BRIEFING_LLM_MODEL")
    with pytest.raises(LlmError, match="needs a base URL and a model"):
        LlmSettings.from_env()


def test_cli_uses_the_llm_when_asked(chat, monkeypatch):
    monkeypatch.setenv("BRIEFING_LLM_BASE_URL", chat.base_url)
    monkeypatch.setenv("BRIEFING_LLM_MODEL", "tiny-news")
    result = CliRunner().invoke(cli, ["script", str(SEED), "--summarizer", "llm"])
    assert result.exit_code == 0, result.output
    assert ANSWER.split(".")[0] in result.stdout
    plain = CliRunner().invoke(cli, ["script", str(SEED)])
    assert ANSWER.split(".")[0] not in plain.stdout  # extractive stays the default
    assert len(chat.requests) == 1


def test_cli_llm_without_settings_is_one_line(monkeypatch):
    monkeypatch.delenv("BRIEFING_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("BRIEFING_LLM_MODEL", raising=False)
    result = CliRunner().invoke(cli, ["script", str(SEED), "--summarizer", "llm"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the llm summarizer needs a base URL and a model")


def test_a_cache_that_cannot_be_written_is_said_once(chat, tmp_path, caplog):
    """A read-only or full cache once gave a warning for every story."""
    import dataclasses
    import logging

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    summarizer = LlmSummarizer(_summarizer(chat, tmp_path).settings, blocked)
    with caplog.at_level(logging.WARNING):
        for number in range(4):
            story = summarizer(dataclasses.replace(ARTICLE, source=f"{number}.txt"))
            assert story.sentences[0].startswith("The city's")
    said = [r for r in caplog.records if "cannot write the LLM cache" in r.getMessage()]
    assert len(said) == 1, caplog.text


@pytest.mark.parametrize("content", ['{"a": 1}', "[1, 2]", "[]", "[" * 50_000 + "]" * 50_000])
def test_a_damaged_cache_entry_is_asked_again(chat, tmp_path, content):
    summarizer = _summarizer(chat, tmp_path)
    summarizer(ARTICLE, max_words=60)
    (entry,) = (tmp_path / "cache" / "llm").glob("*.json")
    entry.write_text(content)
    story = _summarizer(chat, tmp_path)(ARTICLE, max_words=60)
    assert story.sentences[0].startswith("The city's") and len(chat.requests) == 2


GERMAN = Article(
    "Brücke wieder offen",
    (
        "Die Hafenbrücke ist seit Montag wieder für den Verkehr frei. Die Reparatur dauerte "
        "acht Monate und kostete die Stadt z. B. für den Belag 12 Mio. Euro.",
        "Der Verkehr soll sich am 3. Dezember normalisieren, sagte die Stadt.",
    ),
    "bruecke.txt",
)
GERMAN_ANSWER = "Die Hafenbrücke ist seit Montag wieder offen. Die Reparatur kostete z. B. viel."


def test_a_german_show_asks_for_german_and_splits_by_german_rules(chat, tmp_path):
    """summarize_articles tells the LLM the show's language: the prompt asks for it,
    the answer is split by its rules ("z. B." ends no sentence), the cache keeps it
    apart from English's, and a failure falls back to that language's summary."""
    from briefing.summarize import summarize_articles

    chat.reply = {"choices": [{"message": {"content": GERMAN_ANSWER}}]}
    summarizer = _summarizer(chat, tmp_path)
    (story,), _ = summarize_articles([GERMAN], summarizer=summarizer, language="de")
    assert "Write the summary in German" in chat.requests[0]["messages"][0]["content"]
    assert story.sentences == (
        "Die Hafenbrücke ist seit Montag wieder offen.",
        "Die Reparatur kostete z. B. viel.",
    )
    summarize_articles([GERMAN], summarizer=summarizer)  # an English show: its own question
    assert len(chat.requests) == 2
    assert "Write the summary in" not in chat.requests[1]["messages"][0]["content"]
    chat.status = 500
    failed = _summarizer(chat, tmp_path / "other")
    (fallback,), _ = summarize_articles([GERMAN], summarizer=failed, language="de")
    assert fallback == summarize_article(GERMAN, max_words=fallback_budget(), language="de")


def fallback_budget() -> int:
    from briefing.select import story_budgets

    return story_budgets(1, None)[0]
