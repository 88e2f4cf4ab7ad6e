"""An offline, deterministic, extractive summarizer for news.

``summarize`` picks whole sentences from the article, in the article's own
wording and order. Sentences are scored by their position (news puts the
essentials first), their centrality (how much of the article's vocabulary
they share) and their overlap with the headline; near-duplicates are left
out, and a story never opens on a sentence whose subject is an unresolved
pronoun ("He said ...").
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

from .models import Article, Story
from .text import content_terms, split_sentences, words

log = logging.getLogger(__name__)

#: Default spoken budget of one story's summary, in words.
DEFAULT_MAX_WORDS = 90
#: With the default budget, stop adding sentences once the summary has this many words.
DEFAULT_ENOUGH_WORDS = 40

#: Words that, opening a sentence, leave its subject unresolved.
OPENING_PRONOUNS = frozenset(
    """he she they it its his her their them him we us our i it's they're he's she's""".split()
)
#: Demonstratives are only pronouns when a verb follows ("This is ..." but not "This week ...").
_DEMONSTRATIVES = frozenset(["this", "that", "these", "those", "such"])
_AUX_VERBS = frozenset(
    """is was are were has have had will would could can may might must should did does do
    means meant comes came includes included marks marked follows followed""".split()
)
_PRONOUN_SPEAKER = re.compile(
    r"[\"”’']\s*,?\s*(?:he|she|they|it|we|i)\s+(?:said|says|added|told|explained|continued|"
    r"asked|wrote|noted|insisted|argued|warned)\b",
    re.IGNORECASE,
)
_OPENING_QUOTE = re.compile(r"^[\"“‘']")
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|added|told|explained|asked|wrote|noted|according to|insisted|argued|"
    r"warned|stated|declared|announced)\b",
    re.IGNORECASE,
)


def word_count(sentence: str) -> int:
    """Spoken words in a sentence (numbers count as one word)."""
    return len(words(sentence))


def opens_with_unresolved_pronoun(sentence: str) -> bool:
    """True when a sentence cannot open a story: its subject is a bare pronoun
    ("He said ...", "It was ...", "This is ..."), or it is a quotation whose
    speaker is a pronoun or missing ('"We will win," he said.')."""
    text = sentence.strip()
    if _OPENING_QUOTE.match(text):
        if _PRONOUN_SPEAKER.search(text):
            return True
        # A quotation must name its speaker after the closing quote.
        closing = max(text.rfind('"'), text.rfind("”"))
        after = text[closing + 1 :] if closing > 0 else ""
        return not _SPEECH_VERB.search(after)
    first = [w.lower() for w in words(text)[:2]]
    if not first:
        return True
    if first[0] in OPENING_PRONOUNS:
        return True
    return first[0] in _DEMONSTRATIVES and len(first) > 1 and first[1] in _AUX_VERBS


@dataclass(frozen=True)
class _Candidate:
    index: int
    text: str
    words: int
    terms: frozenset[str]
    score: float


def _score_sentences(sentences: list[str], title: str | None) -> list[_Candidate]:
    term_lists = [content_terms(s) for s in sentences]
    doc_freq = Counter(t for terms in term_lists for t in set(terms))
    title_terms = set(content_terms(title)) if title else set()
    n = len(sentences)
    candidates = []
    for index, (sentence, terms) in enumerate(zip(sentences, term_lists, strict=True)):
        length = word_count(sentence)
        unique = set(terms)
        # Centrality: how much of the article's recurring vocabulary the sentence carries.
        centrality = sum(math.log1p(doc_freq[t] - 1) for t in unique) / math.sqrt(len(unique) + 1)
        position = 1.0 / math.sqrt(1 + index) + (0.5 if index == 0 else 0.0)
        headline = len(unique & title_terms) / (len(title_terms) or 1)
        score = 1.6 * position + 0.35 * centrality + 1.0 * headline
        if length < 6:
            score -= 1.0  # fragments, captions, "Read more" leftovers
        elif length > 45:
            score -= 0.5 * (length - 45) / 10  # long sentences are hard to follow by ear
        if sentence.rstrip("\"”’' ").endswith("?"):
            score -= 0.4
        if n > 1 and index == n - 1:
            score -= 0.2
        candidates.append(_Candidate(index, sentence, length, frozenset(unique), score))
    return candidates


def _redundant(candidate: _Candidate, chosen: list[_Candidate], title_terms: set[str]) -> bool:
    for other in chosen:
        union = candidate.terms | other.terms
        if union and len(candidate.terms & other.terms) / len(union) > 0.5:
            return True
    if title_terms and candidate.terms:
        # A lead that only restates the headline adds nothing after the headline is read.
        overlap = len(candidate.terms & title_terms) / len(candidate.terms | title_terms)
        if overlap > 0.8:
            return True
    return False


def summarize(
    text: str,
    *,
    title: str | None = None,
    max_sentences: int | None = None,
    max_words: int | None = None,
) -> list[str]:
    """Choose the sentences that tell the story, in article order and wording.

    With neither limit given, the summary aims at about 40-90 spoken words.
    ``max_sentences`` alone takes that many of the best sentences whatever
    their length; ``max_words`` caps the words (a summary never cuts a
    sentence, so when even the best sentence is longer than ``max_words``
    that one sentence is returned alone). The first sentence never opens on
    an unresolved pronoun. Deterministic: the same input gives the same output.
    """
    if max_sentences is not None and max_sentences < 1:
        raise ValueError("max_sentences must be at least 1")
    if max_words is not None and max_words < 1:
        raise ValueError("max_words must be at least 1")
    sentences = split_sentences(text)
    if not sentences:
        return []
    if max_sentences is None and max_words is None:
        word_cap, enough = DEFAULT_MAX_WORDS, DEFAULT_ENOUGH_WORDS
    elif max_words is not None:
        word_cap, enough = max_words, (max_words if max_sentences else max(1, max_words // 2))
    else:
        word_cap, enough = None, None
    sentence_cap = max_sentences

    candidates = _score_sentences(sentences, title)
    ranked = sorted(candidates, key=lambda c: (-c.score, c.index))
    openers = [c for c in ranked if not opens_with_unresolved_pronoun(c.text)]
    if not openers:
        log.debug("every sentence opens with a pronoun; using the lead sentence")
        openers = [candidates[0]]
    title_terms = set(content_terms(title)) if title else set()

    # The opener: the best self-contained sentence that fits the budget.
    fitting = [c for c in openers if word_cap is None or c.words <= word_cap]
    usable = [c for c in fitting if not _redundant(c, [], title_terms)] or fitting
    opener = usable[0] if usable else min(openers[:3], key=lambda c: (c.words, c.index))
    chosen = [opener]
    total = opener.words

    for candidate in ranked:
        if sentence_cap is not None and len(chosen) >= sentence_cap:
            break
        if enough is not None and total >= enough:
            break
        if candidate is opener or candidate.index < opener.index:
            continue  # nothing may come before the opener
        if word_cap is not None and total + candidate.words > word_cap:
            continue
        if _redundant(candidate, chosen, title_terms):
            continue
        chosen.append(candidate)
        total += candidate.words
    return [c.text for c in sorted(chosen, key=lambda c: c.index)]


def summarize_article(article: Article, *, max_words: int | None = None) -> Story:
    """Condense an Article into a Story with the default spoken budget."""
    sentences = summarize(article.text, title=article.title, max_words=max_words)
    return Story(title=article.title, sentences=tuple(sentences), source=article.source)
