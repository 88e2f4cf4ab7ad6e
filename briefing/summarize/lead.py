"""Lead-first: a story told in the article's own first sentences.

News is written lead-first: the first sentences carry who, what and when, and every
later sentence leans on them. So a summary is the article's first speakable
sentences, whole and in order, as many as bring it closest to its spoken budget.
A later sentence takes a lead sentence's place only for a reason a listener hears
(each a rule of ``rules``, tested on its own):

- the lead sentence cannot be spoken at all (``rules.speakable``: a caption, a
  picture, a question, a quotation whose speaker is never named, a fragment...);
- it leans on a sentence that is not said (``rules.leans_back``: "He said ...",
  "But ...", "The magazine ..." when the magazine was never named);
- it says again what the summary has said (``REPEATED_SHARE``);
- it is too long to hold (over 40 words) even cut where its grammar lets it be cut,
  and without a modifier the news can do without (``ear.held``).

A learned sentence scorer chose from the first six sentences before: it scored
below the lead on news nobody tuned on, and most of what listeners tripped over
came from the sentences it picked beyond the lead (issue 25), so it went.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from ..ear import held
from ..text import content_terms, looks_like_caption, words
from .rules import (
    describes_as_present,
    leans_back,
    paragraphs_and_sentences,
    sayable,
    speakable,
    word_count,
    writer_voice,
)

#: Spoken budget of one story's summary, in words, when no limit is given: about
#: DEFAULT_TARGET_WORDS, never more than DEFAULT_MAX_WORDS.
DEFAULT_MAX_WORDS = 90
DEFAULT_TARGET_WORDS = 60
#: A sentence with more than this share of its three-word runs already said is a repeat.
#: (Blocking on any shared run cost 0.7 ROUGE-1 on the dev set: news sentences share
#: runs such as "said on Tuesday".)
REPEATED_SHARE = 0.5
#: A sentence with at least REPEATED_TERMS content words, this share of them already
#: said, says the story again (a caption or a highlight that restates the lead).
REPEATED_TERMS_SHARE = 0.6
REPEATED_TERMS = 4


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article that a summary may use."""

    text: str
    words: int
    leans_back: bool
    """Only the sentence before it (among those a summary may use) makes it followable."""
    writer: bool = False
    """It is part of its writer's column, said as theirs (``summarize.WRITER_SAYS``)."""

    @functools.cached_property
    def trigrams(self) -> frozenset[tuple[str, ...]]:
        """Its runs of three words, in lower case."""
        return _trigrams(self.text)

    @functools.cached_property
    def terms(self) -> frozenset[str]:
        """Its content words, stemmed."""
        return frozenset(content_terms(self.text))

    def repeats(self, trigrams: set[tuple[str, ...]], terms: set[str]) -> bool:
        """Whether it says again what ``trigrams`` and ``terms`` (those said) said."""
        if self.trigrams and len(self.trigrams & trigrams) / len(self.trigrams) > REPEATED_SHARE:
            return True
        return (
            len(self.terms) >= REPEATED_TERMS
            and len(self.terms & terms) / len(self.terms) >= REPEATED_TERMS_SHARE
        )


def _trigrams(text: str) -> frozenset[tuple[str, ...]]:
    lowered = [w.lower() for w in words(text)]
    return frozenset(tuple(lowered[i : i + 3]) for i in range(len(lowered) - 2))


#: A summary is told from the article's first this many sentences, at most: a lead,
#: and the names it uses, come early (no budget reaches that far), and a long article
#: costs no more than a short one.
READ_SENTENCES = 60


@functools.lru_cache(maxsize=1024)
def article_sentences(text: str) -> tuple[str, ...]:
    """The article's first READ_SENTENCES sentences, as the rules read them
    (``rules.paragraphs_and_sentences``), remembered for the last articles read."""
    return tuple(paragraphs_and_sentences(text, READ_SENTENCES)[0][:READ_SENTENCES])


def usable_sentences(text: str, title: str | None = None) -> tuple[Sentence, ...]:
    """The sentences of ``text`` a summary may use, in article order: the ``speakable``
    ones (the first is the news: the show reads no headline before it); when none is
    speakable, those that are not captions (or the first sentence), so that a story is never
    silent. Remembered for the last articles read: a batch of shows that tells one
    story at several lengths reads its article once."""
    return _usable(text, title)


#: A piece is its writer's column when its first this many sentences are in their
#: first person ("I was in Florida ...", "We've seen it time and time again.", or a
#: "we" in two of them; ``rules.writer_voice``): the summary says whose words it reads.
COLUMN_SENTENCES = 3
_WRITER_OPENERS = frozenset("I I'm I've I'd We We're We've Our My".split())
#: A sentence in a caption's present tense with at least this share of its content
#: words in the sentence before it describes that sentence's picture.
CAPTION_OVERLAP = 0.33


def _overlap(sentence: str, before: str) -> float:
    mine = set(content_terms(sentence))
    return len(mine & set(content_terms(before))) / len(mine) if mine else 0.0


@functools.lru_cache(maxsize=1024)
def _usable(text: str, title: str | None) -> tuple[Sentence, ...]:
    sentences = [s for s in article_sentences(text) if sayable(s)]
    # The writer's own piece: its first words are in the first person ("Americans like
    # to complain about the gridlock in our capital."); its voice is attributed.
    said = [s for s in sentences if not looks_like_caption(s)]
    opening = said[0] if said else ""
    column = sum(writer_voice(s) for s in said[:COLUMN_SENTENCES]) >= 2
    kept = [s for s in sentences if speakable(s, column=column)]
    # One the ear cannot hold, even cut where its grammar lets it be, is said without a
    # modifier the news can do without (``ear.held``), or not at all.
    kept = [h for h in map(held, kept) if h is not None] or kept
    if not kept:
        kept = [s for s in sentences if not looks_like_caption(s)] or sentences[:1]
    kept = [
        s
        for i, s in enumerate(kept)
        if not (i and describes_as_present(s) and _overlap(s, kept[i - 1]) >= CAPTION_OVERLAP)
    ]
    leaning = [
        leans_back(s, title, opening=s == opening)
        and not (column and s.split()[0] in _WRITER_OPENERS)  # "I was in Florida ..."
        for s in kept
    ]
    if leaning and all(leaning):
        leaning[0] = False  # nothing else to say: the story is told from its first
    return tuple(
        Sentence(s, word_count(s), lean, column) for s, lean in zip(kept, leaning, strict=True)
    )


def limits(
    max_sentences: int | None, max_words: int | None
) -> tuple[int | None, int | None, int | None]:
    """(sentences, cap, target) for the limits a caller gives (see ``summarize``)."""
    if max_sentences is None and max_words is None:
        return None, DEFAULT_MAX_WORDS, DEFAULT_TARGET_WORDS
    if max_words is None:
        return max_sentences, None, None
    return max_sentences, max_words, max_words


def take_lead(
    sentences: Sequence[Sentence],
    *,
    count: int | None,
    cap: int | None,
    target: int | None,
) -> list[Sentence]:
    """The first of ``sentences``, in order, until ``count`` are taken or the next would
    take the summary past ``cap`` words or further from ``target``; the first is always
    taken, however long. One that leans on the sentence before it is passed over when
    that one was not taken, and so is one that repeats what was said."""
    chosen: list[Sentence] = []
    said: set[tuple[str, ...]] = set()
    said_terms: set[str] = set()
    total = 0
    before_taken = False  # a first sentence that leans on another leans on one left out
    for sentence in sentences:
        if count is not None and len(chosen) >= count:
            break
        if (sentence.leans_back and not before_taken) or (
            chosen and sentence.repeats(said, said_terms)
        ):
            before_taken = False
            continue
        if chosen and cap is not None and total + sentence.words > cap:
            break
        if (
            chosen
            and target is not None
            and abs(total + sentence.words - target) >= abs(total - target)
        ):
            break
        chosen.append(sentence)
        said |= sentence.trigrams
        said_terms |= sentence.terms
        total += sentence.words
        before_taken = True
    return chosen
