"""The lead of an article in another language than English: its first sentences, in
order, up to a spoken budget, by the language's sentence splitter, with its bylines and
captions left out and a sentence that repeats one before it passed over.

English has the full rules of ``lead`` and ``rules`` (pronouns, quotations, captions
written the English way); another language has these, from its ``Language``.
"""

from __future__ import annotations

import re

from ..languages import Language
from ..models import Article, Story
from ..text import clean_paragraph, split_sentences, stem, words_in_any_language
from .lead import DEFAULT_MAX_WORDS

#: A sentence that shares this much of its meaning with one before it repeats it.
REPEATS = 0.7
#: A byline paragraph is this short: "Von Anna Berger", "Por Lucía Ortega, Sevilla".
MAX_BYLINE_WORDS = 8


def terms(sentence: str, language: Language) -> frozenset[str]:
    """The sentence's words that carry meaning (no stopwords, no numbers)."""
    return frozenset(
        stem(w)
        for w in words_in_any_language(sentence)
        if w.lower() not in language.stopwords and w.isalpha()
    )


def is_byline(paragraph: str, language: Language) -> bool:
    """ "Von Anna Berger", "Por Lucía Ortega": a short paragraph opened by a byline word."""
    first, _, rest = paragraph.strip().partition(" ")
    return first in language.byline_words and 0 < len(rest.split()) <= MAX_BYLINE_WORDS


def without_captions(sentence: str, language: Language) -> str:
    """``sentence`` without a bracketed credit ("(Foto: dpa)"); "" for a caption or
    credit line ("Foto: ...", "Imagen: ...")."""
    if not language.caption_words:
        return sentence
    labels = "|".join(map(re.escape, language.caption_words))
    if re.match(rf"(?:{labels})\s*:", sentence.strip()):
        return ""
    return re.sub(rf"\s*\((?:{labels})\s*:[^()]*\)", "", sentence).strip()


def sentences_of(text: str, language: Language) -> list[str]:
    """The article's sentences a listener may hear, in order."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        cleaned = clean_paragraph(paragraph)
        if not cleaned or is_byline(cleaned, language):
            continue
        for sentence in split_sentences(cleaned, language.sentences):
            sentence = without_captions(sentence, language)
            if sentence and sentence[-1:] in '.!"”“»' and len(sentence.split()) > 2:
                out.append(sentence)
    return out


def lead(text: str, language: Language, max_words: int | None = None) -> list[str]:
    """The first sentences, whole, up to about ``max_words`` (the first always); one
    that repeats a sentence taken is passed over."""
    budget = max_words or DEFAULT_MAX_WORDS
    taken: list[str] = []
    seen: list[frozenset[str]] = []
    count = 0
    for sentence in sentences_of(text, language):
        mine = terms(sentence, language)
        if mine and any(len(mine & before) >= REPEATS * len(mine) for before in seen):
            continue
        size = len(sentence.split())
        if taken and count + size > budget:
            break
        taken.append(sentence)
        seen.append(mine)
        count += size
    return taken


def summarize_in(article: Article, *, max_words: int | None = None, language: Language) -> Story:
    """An Article in ``language`` condensed to a Story (its lead)."""
    return Story(
        title=article.title,
        sentences=tuple(lead(article.text, language, max_words)),
        source=article.source,
        origin=article.origin,
    )
