"""The language of an article: one in another language than the show's is left out,
with one line naming both (detected offline by py3langid, whose model ships in its
wheel)."""

from __future__ import annotations

import functools
import logging
import re
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
#: An article at least this share of whose words are its show's stopwords is plainly in
#: the show's language: kept without the detector, whose model costs a process about
#: 0.4 s and 100 MB to load. Measured on the tests' and samples' news: 0.34-0.51 in
#: each one's own language (English, German, Spanish); French 0.28 of Spanish's at most,
#: Portuguese and Catalan 0.24, any other language 0.10 or less of each's.
PLAINLY_OURS = 0.32
_WORD = re.compile(r"[^\W\d_]+")


def declared_language(value: object) -> str:
    """A language tag as a feed or page declares it ("de-AT"), "" when it declares none
    or something that is not a tag."""
    tag = str(value or "").strip()
    return tag if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", tag) else ""


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def stopword_share(text: str, stopwords: frozenset[str]) -> float:
    """The share of the text's first 400 words that are ``stopwords``."""
    words = _WORD.findall(text.lower())[:400]
    return sum(word in stopwords for word in words) / len(words) if words else 0.0


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
    another ("in English, not the show's German"), English shows too. An article whose
    source declares another language (``Article.language``) is skipped on its word;
    any other not plainly in the show's language (``PLAINLY_OURS``) is read by the
    detector, and skipped only when it is sure. A detector that cannot be loaded (a
    full disk: it unpacks its model into a temporary file) keeps them all, with one
    warning."""
    show = get_language(language)
    kept: list[Article] = []
    skipped: list[Skipped] = []
    blind = False
    for article in articles:
        declared = primary_tag(article.language) if article.language else ""
        if declared and declared != show.tag:
            reason = f"declared in {_name(declared)}, not the show's {show.name}"
            skipped.append(Skipped(article.source, reason))
            continue
        text = f"{article.title}. {article.text}"
        found = ""
        if not blind and stopword_share(text, show.stopwords) < PLAINLY_OURS:
            try:
                found = detect_language(text)
            except OSError as exc:
                log.warning("the language detector could not be loaded (%s): articles are "
                            "kept whatever their language", exc)  # fmt: skip
                blind = True
        if found and primary_tag(found) != show.tag:
            reason = f"in {_name(found)}, not the show's {show.name}"
            skipped.append(Skipped(article.source, reason))
            continue
        kept.append(article)
    return kept, skipped


def _name(tag: str) -> str:
    try:
        return get_language(tag).name
    except LanguageError:  # a language briefing does not speak: said by its tag
        return f"language '{tag}'"
