"""An optional LLM summarizer: any OpenAI-compatible chat-completions endpoint.

Works with a local Ollama (``http://localhost:11434/v1``), llama.cpp's server,
or a hosted API. Every failure (no server, a timeout, an HTTP error, an answer
that is empty, too long or not plain prose) falls back to the extractive
summarizer for that article, with a warning; results are cached by a hash of
the article, the model and the prompt, so a re-run asks nothing twice.

Settings come from the config's ``[summarizer]`` table or the environment:
``BRIEFING_LLM_BASE_URL``, ``BRIEFING_LLM_MODEL``, ``BRIEFING_LLM_API_KEY``
(else ``OPENAI_API_KEY``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingError
from .files import write_text_atomic
from .models import Article, Story
from .summarize import DEFAULT_MAX_WORDS, summarize_article, word_count
from .text import normalize_whitespace, split_sentences

log = logging.getLogger(__name__)

PROMPT_VERSION = "1"
SYSTEM_PROMPT = (
    "You write the spoken summaries of a news briefing read aloud by a text-to-speech voice. "
    "Summarise the article in {sentences} plain sentences and at most {words} words. "
    "Say who did what, where and when; keep names, numbers and attributions exact and add "
    "nothing that is not in the article. Start with the news itself, never with a pronoun. "
    "Plain prose only: no title, no lists, no markdown, no quotation of more than a few words, "
    "no opinions. Do not mention the article or yourself."
)
MAX_ANSWER_BYTES = 64_000


class LlmError(BriefingError):
    """The LLM endpoint failed or answered unusably."""


@dataclass(frozen=True)
class LlmSettings:
    """Where the model is and how long to wait for it."""

    base_url: str
    """The API root, such as http://localhost:11434/v1 (chat/completions is added)."""
    model: str
    api_key: str = ""
    timeout_s: float = 60.0
    temperature: float = 0.2

    @classmethod
    def from_env(cls, **overrides: object) -> LlmSettings:
        values = {
            "base_url": os.environ.get("BRIEFING_LLM_BASE_URL", ""),
            "model": os.environ.get("BRIEFING_LLM_MODEL", ""),
            "api_key": os.environ.get("BRIEFING_LLM_API_KEY", os.environ.get("OPENAI_API_KEY", "")),
        }
        values.update({k: v for k, v in overrides.items() if v not in (None, "")})
        if not values["base_url"] or not values["model"]:
            raise LlmError(
                "the llm summarizer needs a base URL and a model: set [summarizer] base_url and "
                "model in briefing.toml, or BRIEFING_LLM_BASE_URL and BRIEFING_LLM_MODEL"
            )
        return cls(**values)  # type: ignore[arg-type]


def _endpoint(base_url: str) -> str:
    base = base_url.rstrip("/")
    return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


def clean_answer(answer: str, max_words: int) -> list[str]:
    """The model's answer as spoken sentences; raises LlmError when unusable."""
    text = normalize_whitespace(re.sub(r"[*_#`>]+", " ", answer))
    text = re.sub(r"^(?:here is|here's|summary)[^:]*:\s*", "", text, flags=re.IGNORECASE)
    if not text:
        raise LlmError("the model gave an empty answer")
    if re.search(r"(^|\s)(?:-|\d+\.)\s", answer.strip()[:3]):
        raise LlmError("the model answered with a list, not sentences")
    sentences = split_sentences(text)
    words = sum(word_count(s) for s in sentences)
    if words > max_words * 1.25:
        raise LlmError(f"the model's summary has {words} words, more than {max_words}")
    return sentences


class LlmSummarizer:
    """Summarises with a chat model, falling back to the extractive summarizer."""

    def __init__(self, settings: LlmSettings, cache_dir: Path | None = None) -> None:
        self.settings = settings
        self.cache_dir = cache_dir / "llm" if cache_dir else None

    def _key(self, article: Article, max_words: int) -> str:
        material = json.dumps(
            [PROMPT_VERSION, self.settings.model, max_words, article.title, article.text]
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _cached(self, key: str) -> list[str] | None:
        if self.cache_dir is None:
            return None
        try:
            return json.loads((self.cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _store(self, key: str, sentences: list[str]) -> None:
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.cache_dir / f"{key}.json", json.dumps(sentences))
        except OSError as exc:
            log.warning("cannot write the LLM cache: %s", exc.strerror)

    def ask(self, article: Article, max_words: int) -> list[str]:
        """The model's summary; raises LlmError on any failure."""
        import requests

        sentences_wanted = "two or three" if max_words >= 45 else "one or two"
        body = {
            "model": self.settings.model,
            "temperature": self.settings.temperature,
            "messages": [
                {"role": "system",
                 "content": SYSTEM_PROMPT.format(sentences=sentences_wanted, words=max_words)},
                {"role": "user", "content": f"Headline: {article.title}\n\n{article.text}"},
            ],
        }  # fmt: skip
        headers = {"Content-Type": "application/json"}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        url = _endpoint(self.settings.base_url)
        try:
            response = requests.post(
                url, json=body, headers=headers, timeout=self.settings.timeout_s, stream=True
            )
            raw = response.raw.read(MAX_ANSWER_BYTES + 1, decode_content=True)
        except requests.exceptions.Timeout:
            raise LlmError(f"{url}: no answer within {self.settings.timeout_s:g} s") from None
        except requests.exceptions.RequestException as exc:
            raise LlmError(f"{url}: {str(exc).splitlines()[0][:150]}") from None
        if response.status_code != 200:
            raise LlmError(f"{url}: HTTP {response.status_code}")
        if len(raw) > MAX_ANSWER_BYTES:
            raise LlmError(f"{url}: the answer is larger than {MAX_ANSWER_BYTES:,} bytes")
        try:
            answer = json.loads(raw)["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LlmError(f"{url}: not a chat-completions answer") from None
        if not isinstance(answer, str):
            raise LlmError(f"{url}: not a chat-completions answer")
        return clean_answer(answer, max_words)

    def __call__(self, article: Article, *, max_words: int | None = None) -> Story:
        budget = max_words or DEFAULT_MAX_WORDS
        key = self._key(article, budget)
        sentences = self._cached(key)
        if sentences is None:
            try:
                sentences = self.ask(article, budget)
            except LlmError as exc:
                log.warning("LLM summary of %s failed (%s); using the extractive summary",
                            article.source, exc)  # fmt: skip
                return summarize_article(article, max_words=max_words)
            self._store(key, sentences)
        return Story(title=article.title, sentences=tuple(sentences), source=article.source)
