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
import re
from dataclasses import dataclass

from .models import Article, Story
from .text import clean_paragraph, content_terms, looks_like_caption, split_sentences, words

log = logging.getLogger(__name__)

#: Default spoken budget of one story's summary, in words.
DEFAULT_MAX_WORDS = 90

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
_QUOTE_MARK = re.compile(r"[\"“”]")
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


def is_bare_quote(sentence: str) -> bool:
    """A quotation with no speaker named outside the quote marks."""
    text = sentence.strip()
    if not _OPENING_QUOTE.match(text):
        return False
    closing = max(text.rfind('"'), text.rfind("”"), text.rfind("’"))
    after = text[closing + 1 :] if closing > 0 else ""
    return not _SPEECH_VERB.search(after)


def introduces_quote(sentence: str) -> bool:
    """A sentence that hands over to a quotation: 'Assad said:'."""
    return sentence.rstrip().endswith(":")


def quote_without_speaker(sentence: str, index: int, summary: list[str]) -> bool:
    """True when a summary's quotation has lost its speaker: a bare quotation
    not right after the sentence that introduces or names the speaker."""
    if not is_bare_quote(sentence):
        return False
    if index == 0:
        return True
    before = summary[index - 1]
    return not (introduces_quote(before) or _SPEECH_VERB.search(before) or is_bare_quote(before))


#: Spoken budget of a story with no limits given: about this many words, never more than the cap.
DEFAULT_TARGET_WORDS = 60
#: With ``max_sentences`` alone, aim at this many words per sentence allowed. Long
#: summaries lose listeners (and precision): measured on the CNN/DM dev set, aiming
#: at 28 words a sentence beat taking three sentences of whatever length.
WORDS_PER_SENTENCE = 28
#: A sentence with more than this share of its three-word runs already said is a repeat.
#: (Blocking on any shared run, as some summarizers do, cost 0.7 ROUGE-1 on the dev set:
#: news sentences share runs such as "said on Tuesday".)
REPEATED_SHARE = 0.5
#: Sentences shorter than this are fragments (leftover labels, "Read more"...).
MIN_SENTENCE_WORDS = 8
#: Never spoken, even when nothing else is left: a "sentence" this long is a list or
#: a text without punctuation, and a "word" this long is code, a hash or garbage.
MAX_SENTENCE_WORDS = 100
MAX_WORD_CHARS = 45

# A caption run into the next sentence with no full stop: "... on her face An 86-year-old nun".
_RUN_ON = re.compile(r"(?<=[a-z0-9,)’'%]) (?=(?:A|An|The) [a-z0-9])")
# Two sentences with the full stop lost between them: "... 1.5 million Armenians And it's
# also ...". A capitalised function word after a lower-case word opens a sentence.
_LOST_STOP = re.compile(
    r"(?<=[a-z0-9%)]) (?=(?:And|But|In|After|When|While|However|Meanwhile|Earlier|If|There|"
    r"This|These|Those|It|Its|He|She|We|They|His|Her|Their) [a-z0-9])"
)


def restore_lost_stops(sentence: str) -> str:
    """Put back the full stop between two sentences run together, so the listener hears
    the pause: "... Armenians And it's also ..." -> "... Armenians. And it's also ..."."""
    return _LOST_STOP.sub(". ", sentence)


@dataclass(frozen=True)
class _Sentence:
    index: int
    text: str
    words: int

    @property
    def trigrams(self) -> frozenset[tuple[str, ...]]:
        lowered = [w.lower() for w in words(self.text)]
        return frozenset(tuple(lowered[i : i + 3]) for i in range(len(lowered) - 2))


def candidate_sentences(text: str) -> list[str]:
    """The article's sentences, cleaned of web furniture and with run-in captions cut off."""
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        cleaned = clean_paragraph(paragraph)
        for sentence in split_sentences(cleaned):
            parts = (part.strip() for part in _RUN_ON.split(sentence))
            sentences.extend(restore_lost_stops(part) for part in parts if part)
    return sentences


def sayable(sentence: str) -> bool:
    """Whether a sentence can be said at all (see MAX_SENTENCE_WORDS, MAX_WORD_CHARS)."""
    tokens = sentence.split()
    return len(tokens) <= MAX_SENTENCE_WORDS and all(len(t) <= MAX_WORD_CHARS for t in tokens)


def speakable(sentence: str, position: int) -> bool:
    """Whether a sentence may be spoken at ``position`` in a summary: not a caption,
    not a question, not a fragment, and after the summary's first sentence no
    quotation, which would be heard without the sentences that frame it. (The first
    may be a quotation that names its speaker: see opens_with_unresolved_pronoun.)"""
    if looks_like_caption(sentence) or is_bare_quote(sentence):
        return False
    if sentence.rstrip("\"”’' ").endswith("?") or word_count(sentence) < MIN_SENTENCE_WORDS:
        return False
    return position == 0 or not _QUOTE_MARK.search(sentence)


def _restates(sentence: str, title: str) -> bool:
    """A lead that only restates the headline adds nothing after the headline is read."""
    mine, theirs = set(content_terms(sentence)), set(content_terms(title))
    return bool(mine and theirs) and len(mine & theirs) / len(mine | theirs) > 0.8


def summarize(
    text: str,
    *,
    title: str | None = None,
    max_sentences: int | None = None,
    max_words: int | None = None,
) -> list[str]:
    """Choose the sentences that tell the story, in article order and wording.

    News puts what matters first, so the summary is the lead of the story:
    its first speakable sentences (no captions, questions, fragments or
    quotations cut off from their speaker; see ``speakable``), as many as
    bring it closest to a length. With neither limit given that is about 60
    words (the default spoken budget, at most 90); ``max_sentences`` alone aims
    at 28 words a sentence allowed; ``max_words`` takes as many sentences as
    fit in it. A summary never cuts a sentence: when even the first is longer
    than ``max_words``, it is returned alone. The first sentence never opens
    on an unresolved pronoun, and a lead that restates ``title`` is skipped.
    Deterministic.
    """
    if max_sentences is not None and max_sentences < 1:
        raise ValueError("max_sentences must be at least 1")
    if max_words is not None and max_words < 1:
        raise ValueError("max_words must be at least 1")
    sentences = candidate_sentences(text)
    if not sentences:
        return []
    every = [_Sentence(i, s, word_count(s)) for i, s in enumerate(sentences) if sayable(s)]
    if not every:
        return []
    pool = [s for s in every if speakable(s.text, 0)]  # all that could open the summary
    fallback = not pool
    if fallback:  # nothing passes: fall back to the sentences that are not captions
        pool = [s for s in every if not looks_like_caption(s.text)] or every[:1]
    if title and len(pool) > 1 and _restates(pool[0].text, title):
        pool = pool[1:]
    opener = next((n for n, s in enumerate(pool) if not opens_with_unresolved_pronoun(s.text)), 0)
    pool = pool[opener:]
    if not fallback:  # after the opener, only what may follow it
        pool = pool[:1] + [s for s in pool[1:] if speakable(s.text, 1)]
    # Redundancy: a sentence whose three-word runs mostly appeared already is left out.
    kept: list[_Sentence] = []
    seen: set[tuple[str, ...]] = set()
    for sentence in pool:
        trigrams = sentence.trigrams
        if trigrams and len(trigrams & seen) > REPEATED_SHARE * len(trigrams):
            continue
        kept.append(sentence)
        seen |= trigrams

    if max_sentences is None and max_words is None:
        limit, cap, target = len(kept), DEFAULT_MAX_WORDS, DEFAULT_TARGET_WORDS
    elif max_words is None:
        limit, cap, target = max_sentences, None, WORDS_PER_SENTENCE * max_sentences
    else:
        limit, cap, target = max_sentences or len(kept), max_words, max_words
    best, best_gap, total = 1, None, 0
    for count, sentence in enumerate(kept[:limit], start=1):
        total += sentence.words
        if cap is not None and total > cap and count > 1:
            break
        gap = abs(total - target)
        if best_gap is None or gap < best_gap:
            best, best_gap = count, gap
    return [s.text for s in kept[:best]]


def summarize_article(article: Article, *, max_words: int | None = None) -> Story:
    """Condense an Article into a Story with the default spoken budget."""
    sentences = summarize(article.text, title=article.title, max_words=max_words)
    return Story(
        title=article.title,
        sentences=tuple(sentences),
        source=article.source,
        origin=article.origin,
    )
