"""The language of an article: one in another language than the show's is left out,
with one line naming both (detected offline by py3langid, whose model ships in its
wheel)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from typing import Any

from ..errors import LanguageError
from ..languages import get_language, primary_tag
from ..models import Article, Skipped

log = logging.getLogger(__name__)

#: An article is judged only when it has this many words, and left out only when the
#: detector is this sure of another language: a short or mixed text is kept.
MIN_WORDS = 20
MIN_PROBABILITY = 0.95


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The text's language tag ("de"), or "" when too short or unsure to tell."""
    sample = " ".join(text.split()[:400])
    if len(sample.split()) < MIN_WORDS:
        return ""
    tag, probability = _identifier().classify(sample)
    return str(tag) if probability >= MIN_PROBABILITY else ""


def keep_language(
    articles: Sequence[Article], language: str
) -> tuple[list[Article], list[Skipped]]:
    """The articles in the show's ``language``, and those skipped as written in
    another ("in English, not the show's German"). An English show keeps them all, as
    it always has."""
    show = get_language(language)
    if show.tag == "en":
        return list(articles), []  # as before: an English show reads what it is given
    kept: list[Article] = []
    skipped: list[Skipped] = []
    for article in articles:
        found = detect_language(f"{article.title}. {article.text}")
        if found and primary_tag(found) != show.tag:
            name = _name(found)
            skipped.append(Skipped(article.source, f"in {name}, not the show's {show.name}"))
            continue
        kept.append(article)
    return kept, skipped


def _name(tag: str) -> str:
    try:
        return get_language(tag).name
    except LanguageError:  # a language briefing does not speak: said by its tag
        return f"language '{tag}'"
