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

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..errors import BriefingError
from ..files import UnfitFile, read_bounded, sha256_hex, write_entry
from ..languages import Language, get_language
from ..models import Article, Story
from ..text import normalize_whitespace, split_sentences
from . import summarize_article
from .lead import DEFAULT_MAX_WORDS
from .rules import word_count

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
        values: dict[str, object] = {
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
        # The overrides are the [summarizer] table's, checked when the config was read.
        return cls(**values)  # type: ignore[arg-type]


def _endpoint(base_url: str) -> str:
    base = base_url.rstrip("/")
    return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


def clean_answer(answer: str, max_words: int, language: Language | None = None) -> list[str]:
    """The model's answer as spoken sentences (split by ``language``'s rules, English's
    when not given); raises LlmError when unusable."""
    text = normalize_whitespace(re.sub(r"[*_#`>]+", " ", answer))
    text = re.sub(r"^(?:here is|here's|summary)[^:]*:\s*", "", text, flags=re.IGNORECASE)
    if not text:
        raise LlmError("the model gave an empty answer")
    if re.search(r"(^|\s)(?:-|\d+\.)\s", answer.strip()[:3]):
        raise LlmError("the model answered with a list, not sentences")
    sentences = split_sentences(text, get_language(language).sentences)
    words = sum(word_count(s) for s in sentences)
    if words > max_words * 1.25:
        raise LlmError(f"the model's summary has {words} words, more than {max_words}")
    return sentences


def _post_within(
    url: str, body: dict[str, Any], headers: dict[str, str], timeout_s: float
) -> tuple[int, bytes]:
    """(status, body bytes) of a POST that must be answered whole within ``timeout_s``,
    however slowly the server sends (requests' own timeout is per read, so a server
    sending a byte a second held the run for as long as it kept sending). The exchange
    runs in a daemon thread; a late one is abandoned. Raises LlmError."""
    import queue
    import threading

    import requests

    outcome: queue.Queue[tuple[int, bytes] | Exception] = queue.Queue(1)

    def exchange() -> None:
        try:
            with requests.post(
                url, json=body, headers=headers, timeout=timeout_s, stream=True
            ) as response:
                raw = response.raw.read(MAX_ANSWER_BYTES + 1, decode_content=True)
                outcome.put((response.status_code, raw))
        except Exception as exc:  # handed to the caller
            outcome.put(exc)

    threading.Thread(target=exchange, name="briefing-llm", daemon=True).start()
    try:
        result = outcome.get(timeout=timeout_s)
    except queue.Empty:
        raise LlmError(f"{url}: no answer within {timeout_s:g} s") from None
    if isinstance(result, requests.exceptions.Timeout):
        raise LlmError(f"{url}: no answer within {timeout_s:g} s")
    if isinstance(result, requests.exceptions.RequestException):
        raise LlmError(f"{url}: {str(result).splitlines()[0][:150]}")
    if isinstance(result, Exception):
        raise LlmError(f"{url}: {type(result).__name__}: {str(result)[:150]}")
    return result


class LlmSummarizer:
    """Summarises with a chat model, falling back to the extractive summarizer; in a
    show's language (``summarize_articles`` gives it)."""

    speaks_languages: ClassVar[bool] = True
    """Told the show's language by ``summarize_articles``."""

    def __init__(self, settings: LlmSettings, cache_dir: Path | None = None) -> None:
        self.settings = settings
        self.cache_dir = cache_dir / "llm" if cache_dir else None
        self._unwritable = False

    def fingerprint(self) -> object:
        """What the run's inputs must know of this summarizer: the prompt's version,
        the endpoint and the model (never the API key)."""
        return ["llm", PROMPT_VERSION, self.settings.base_url, self.settings.model]

    def _key(self, article: Article, max_words: int, language: Language) -> str:
        material = [PROMPT_VERSION, self.settings.model, max_words, article.title, article.text]
        if language.tag != "en":  # English's key as it always was: its cache stays good
            material.append(language.tag)
        return sha256_hex(json.dumps(material))

    def _cached(self, key: str) -> list[str] | None:
        if self.cache_dir is None:
            return None
        path = self.cache_dir / f"{key}.json"
        try:  # a few sentences: 1 MB is far more (a pipe or a link to a device: a miss)
            cached = json.loads(read_bounded(path, 1_000_000, follow=False))
        except UnfitFile as exc:
            log.warning("summary cache entry %s is %s; asking again", path.name, exc)
            return None
        except (OSError, ValueError, RecursionError):
            return None
        if isinstance(cached, list) and cached and all(isinstance(s, str) for s in cached):
            return cached
        return None  # not what _store writes: asked again

    def _store(self, key: str, sentences: list[str]) -> None:
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            write_entry([(self.cache_dir / f"{key}.json", json.dumps(sentences).encode("utf-8"))])
        except OSError as exc:
            # Said once a run: a full or read-only cache would say it for every story.
            level = logging.DEBUG if self._unwritable else logging.WARNING
            self._unwritable = True
            log.log(level, "cannot write the LLM cache in %s: %s", self.cache_dir, exc.strerror)

    def ask(self, article: Article, max_words: int, language: Language | None = None) -> list[str]:
        """The model's summary, in ``language`` (English when not given); raises LlmError
        on any failure."""
        said = get_language(language)
        sentences_wanted = "two or three" if max_words >= 45 else "one or two"
        system = SYSTEM_PROMPT.format(sentences=sentences_wanted, words=max_words)
        if said.tag != "en":
            system += f" Write the summary in {said.name}, the language of the listeners."
        body = {
            "model": self.settings.model,
            "temperature": self.settings.temperature,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": f"Headline: {article.title}\n\n{article.text}"},
            ],
        }  # fmt: skip
        headers = {"Content-Type": "application/json"}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        url = _endpoint(self.settings.base_url)
        status, raw = _post_within(url, body, headers, self.settings.timeout_s)
        if status != 200:
            raise LlmError(f"{url}: HTTP {status}")
        if len(raw) > MAX_ANSWER_BYTES:
            raise LlmError(f"{url}: the answer is larger than {MAX_ANSWER_BYTES:,} bytes")
        try:
            answer = json.loads(raw)["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            raise LlmError(f"{url}: not a chat-completions answer") from None
        if not isinstance(answer, str):
            raise LlmError(f"{url}: not a chat-completions answer")
        return clean_answer(answer, max_words, said)

    def __call__(
        self, article: Article, *, max_words: int | None = None, language: str | None = None
    ) -> Story:
        said = get_language(language)
        budget = max_words or DEFAULT_MAX_WORDS
        key = self._key(article, budget, said)
        sentences = self._cached(key)
        if sentences is None:
            try:
                sentences = self.ask(article, budget, said)
            except LlmError as exc:
                log.warning("LLM summary of %s failed (%s); using the extractive summary",
                            article.source, exc)  # fmt: skip
                return summarize_article(article, max_words=max_words, language=said)
            self._store(key, sentences)
        return Story(
            title=article.title,
            sentences=tuple(sentences),
            source=article.source,
            origin=article.origin,
        )
