"""An offline, deterministic, extractive summarizer for news.

``summarize`` picks whole sentences from the article, in the article's own
wording and order. A learned scorer (``briefing.sentence_model``, trained by
``benchmarks/train_scorer.py`` on the project's training set) rates each
sentence by its position, length, overlap with the headline and the article,
names, numbers, quotes, and what it adds beyond the sentences already chosen;
the best are taken one at a time from the first ``WINDOW`` speakable sentences.

The rules below guard what the model cannot learn from ROUGE, because a
listener hears it and a score does not: captions, questions, fragments,
pictures and dangling endings are never spoken (``speakable``), a sentence that
leans on the one before it ("He said ...", "But ...", "The victim ...") is
taken only with that sentence (``leans_back``), and near-repeats are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .models import Article, Progress, Skipped, Story
from .select import story_budgets
from .sentence_model import Candidate, Scorer, candidates, choice_features, default_scorer
from .text import (
    clean_paragraph,
    content_terms,
    looks_like_caption,
    relative_days,
    split_sentences,
    stem,
    words,
)

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
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|added|told|explained|asked|wrote|noted|according to|insisted|argued|"
    r"warned|stated|declared|announced)\b",
    re.IGNORECASE,
)


def word_count(sentence: str) -> int:
    """Spoken words in a sentence (numbers count as one word)."""
    return len(words(sentence))


#: Titles that open with a possessive pronoun but name someone: "Her Majesty's Inspectorate".
_TITLE_OPENER = re.compile(
    r"^(?:Her|His|Their|Your)\s+(?:Majesty|Royal|Holiness|Excellency|Grace|Honour|Honor|Worship|Lordship|Ladyship)",
    re.IGNORECASE,
)
#: A cleft or extraposed "it" whose subject follows: "It was the interview that the
#: Palace feared", "It is likely that rates will rise" (not "It was the first time.").
_CATAPHORIC_IT = re.compile(
    r"^It(?:\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be)|['’]s)\s+(?:"
    r"(?:the|a|an)\s+[^.;:!?]{0,80}?\s(?:that|who)\s+\w"
    r"|(?:not\s+)?(?:likely|unlikely|possible|impossible|clear|unclear|true|understood|thought|"
    r"believed|expected|hoped|feared|reported|said|claimed|known|estimated|important|"
    r"necessary|hard|easy|difficult|rare|common|illegal|legal)\s+(?:that|to|whether|if)\s+\w)",
    re.IGNORECASE,
)
#: Openers that lean on an earlier sentence of the article: "Now, a study has found it
#: may make your brain larger, too.", "But the council ...", "Meanwhile, ...", "Both
#: blasts went off ...", "Most are being moved ...".
_LEANING_OPENER = re.compile(
    r"^(?:(?:But|And|Yet|So|However|Meanwhile|Instead|Still|Also|Nevertheless|Nonetheless|Now|"
    r"Then,|Even so|As well|Likewise|Similarly|Besides|Moreover|Furthermore|Otherwise|Both|"
    r"Neither|Either)\b"
    r"|(?:Most|Many|Some|Others|Several|All|Few|None)\s+(?:are|were|have|had|will|would|say|"
    r"said|of\s+(?:them|those|these))\b)"
)
#: "This bundle of joy was ...": a demonstrative pointing back (not "This week, ...").
_DEMONSTRATIVE_SUBJECT = re.compile(
    r"^(?:This|These|That|Those|Such)\s+(?!(?:week|weekend|year|month|morning|afternoon|evening|"
    r"night|summer|winter|spring|autumn|fall|season|time|term|decade|century|is|was|are|were)\b)"
    r"[a-z]"
)
#: A definite description that names no one: "The victim was killed ...", "The 21-year-old
#: joined ...", "The Frenchman will ...". Resolved only by a headline holding its noun.
_DEFINITE_ROLE = re.compile(
    r"^The\s+(?:[\w'’-]+\s+){0,3}?(?P<head>\d+-year-old|[A-Z][a-z]+(?:man|woman|men|women)|"
    r"victims?|woman|man|boy|girl|pair|couple|hosts|visitors|company|firm|jury|player|club|"
    r"side|star|singer|actor|actress|ventriloquist|entertainer|suspect|teenager|youngster|"
    r"mother|father|child|baby|family|move|decision|deal|incident|attack|blasts?|explosions?|"
    r"study|bins|buses|animal|creature|pensioner|driver|passenger|patient|boss|manager|"
    r"striker|forward|midfielder|defender|goalkeeper|winger|veteran|duo|trio|former)\b",
)
_LEANING_TAIL = re.compile(
    r"(?:,\s*(?:too|as well)|\s+too|\s+as well|\s+again)\s*[.!]?[\"”’']*$", re.IGNORECASE
)
#: What points at a picture the listener cannot see ("these colourful scenes", "seen here").
_POINTS_AT_PICTURE = re.compile(
    r"\b(?:this|these)\s+(?:[\w-]+\s+){0,2}?(?:photos?|photographs?|pictures?|images?|snaps?|"
    r"shots|scenes|footage|video|clip|graphs?|charts?|maps?|graphics?|illustrations?|"
    r"infographics?)\b(?!\s+(?:agency|agencies|editor|library|industry|app|company|firm|games?))|"
    r"\b(?:the|this|these)\s+(?:[\w-]+\s+)?(?:plots?|graphs?|charts?|maps?|pictures?|photos?|"
    r"images?|videos?|footage|graphics?|tables?|clips?)\s+(?:above|below)\b|"
    r"\b(?:seen|shown|pictured)\s+(?:here|above|below)\b|"
    r"\bscroll\s+down\b",
    re.IGNORECASE,
)


def opens_with_unresolved_pronoun(sentence: str) -> bool:
    """True when a sentence cannot open a story: its subject is a bare pronoun
    ("He said ...", "It was the first time.", "This is ..."), or it is a quotation
    whose speaker is a pronoun or missing ('"We will win," he said.'). A cleft "it"
    whose subject follows ("It was the interview that the Palace feared ...") and a
    title ("Her Majesty's Inspectorate ...") are not pronouns."""
    text = sentence.strip()
    if _OPENING_QUOTE.match(text):
        if _PRONOUN_SPEAKER.search(text):
            return True
        # A quotation must name its speaker after the closing quote.
        closing = max(text.rfind('"'), text.rfind("”"))
        after = text[closing + 1 :] if closing > 0 else ""
        return not _SPEECH_VERB.search(after)
    if _TITLE_OPENER.match(text) or _CATAPHORIC_IT.match(text):
        return False
    first = [w.lower() for w in words(text)[:2]]
    if not first:
        return True
    if first[0] in OPENING_PRONOUNS:
        return True
    return first[0] in _DEMONSTRATIVES and len(first) > 1 and first[1] in _AUX_VERBS


def leans_back(sentence: str, title: str | None = None) -> bool:
    """True for a sentence a listener cannot follow unless the sentence before it was
    said: an unresolved pronoun for its subject (see opens_with_unresolved_pronoun),
    an opener or ending that continues an earlier thought ("But ...", "Meanwhile,
    ...", "Now, a study has found it may make your brain larger, too."), a
    demonstrative subject ("This bundle of joy was ..."), or a definite description
    ("The victim was killed ...") whose noun the headline (``title``) does not hold."""
    text = sentence.strip()
    if (
        opens_with_unresolved_pronoun(text)
        or _LEANING_OPENER.match(text)
        or _LEANING_TAIL.search(text)
        or _DEMONSTRATIVE_SUBJECT.match(text)
    ):
        return True
    role = _DEFINITE_ROLE.match(text)
    if not role:
        return False
    head = stem(role.group("head").split("-")[-1])
    return not (title and head in {stem(w) for w in words(title)})


def points_at_picture(sentence: str) -> bool:
    """True for a sentence about a picture the listener cannot see ("these colourful
    scenes", "pictured here", "in the video above")."""
    return bool(_POINTS_AT_PICTURE.search(sentence))


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

#: The summary is chosen from the first this many speakable sentences (more when a
#: long summary is asked for): news puts what matters first, and a model trained on
#: CNN's looser leads, free to roam the whole article, did worse than Lead-3 on the
#: Daily Mail half of the dev set (+0.32 ROUGE-1 against +0.77 within six).
WINDOW = 6

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


def paragraphs_and_sentences(text: str) -> tuple[list[str], frozenset[int]]:
    """The article's sentences, cleaned of web furniture and with run-in captions cut
    off, and the indices of those that open a paragraph."""
    sentences: list[str] = []
    starts: set[int] = set()
    for paragraph in re.split(r"\n\s*\n", text):
        cleaned = clean_paragraph(paragraph)
        starts.add(len(sentences))
        for sentence in split_sentences(cleaned):
            parts = (part.strip() for part in _RUN_ON.split(sentence))
            sentences.extend(restore_lost_stops(part) for part in parts if part)
    return sentences, frozenset(starts)


def candidate_sentences(text: str) -> list[str]:
    """The article's sentences, cleaned of web furniture and with run-in captions cut off."""
    return paragraphs_and_sentences(text)[0]


def sayable(sentence: str) -> bool:
    """Whether a sentence can be said at all (see MAX_SENTENCE_WORDS, MAX_WORD_CHARS)."""
    tokens = sentence.split()
    return len(tokens) <= MAX_SENTENCE_WORDS and all(len(t) <= MAX_WORD_CHARS for t in tokens)


def speakable(sentence: str) -> bool:
    """Whether a sentence may be spoken in a summary at all: not a caption, not a
    quotation without its speaker, not a question, not a fragment."""
    if looks_like_caption(sentence) or is_bare_quote(sentence) or points_at_picture(sentence):
        return False
    if sentence.rstrip().endswith((":", ",", ";", "-", "–", "—", "...", "…")):
        return False  # it hands over to what the summary would not say
    return not (
        sentence.rstrip("\"”’' ").endswith("?") or word_count(sentence) < MIN_SENTENCE_WORDS
    )


def _restates(sentence: str, title: str) -> bool:
    """A lead that only restates the headline adds nothing after the headline is read."""
    mine, theirs = set(content_terms(sentence)), set(content_terms(title))
    return bool(mine and theirs) and len(mine & theirs) / len(mine | theirs) > 0.8


def speakable_candidates(
    text: str, title: str | None = None, limit: int | None = None
) -> list[Candidate]:
    """The sentences a summary of ``text`` may use (the first ``limit``), with their
    features: those that are ``speakable`` (a lead that only restates ``title`` left
    out) or, when none is, those that are not captions (or the first sentence).

    Remembered for the last articles analysed: a batch of shows that tells one story
    at several lengths analyses its article once, and only chooses again."""
    return list(_analysed(text, title, limit))


@functools.lru_cache(maxsize=1024)
def _analysed(text: str, title: str | None, limit: int | None) -> tuple[Candidate, ...]:
    return tuple(_speakable_candidates(text, title, limit))


def _speakable_candidates(text: str, title: str | None, limit: int | None) -> list[Candidate]:
    sentences, starts = paragraphs_and_sentences(text)
    sayable_ones = [(i, s) for i, s in enumerate(sentences) if sayable(s)]
    kept = [(i, s) for i, s in sayable_ones if speakable(s)]
    if not kept:
        kept = [(i, s) for i, s in sayable_ones if not looks_like_caption(s)] or sayable_ones[:1]
    if title and len(kept) > 1 and _restates(kept[0][1], title):
        kept = kept[1:]
    if not kept:
        return []
    pool = candidates(
        [s for _, s in kept],
        title,
        frozenset(n for n, (i, _) in enumerate(kept) if i in starts),
        limit,
    )
    pool = [replace(c, leans_back=leans_back(c.text, title)) for c in pool]
    if all(c.leans_back for c in pool):
        pool = [replace(pool[0], leans_back=False)] + pool[1:]
    return pool


def _limits(
    max_sentences: int | None, max_words: int | None
) -> tuple[int | None, int | None, int | None]:
    """(sentences, cap, target) for the given limits; see ``summarize``."""
    if max_sentences is None and max_words is None:
        return None, DEFAULT_MAX_WORDS, DEFAULT_TARGET_WORDS
    if max_words is None:
        return max_sentences, None, None
    return max_sentences, max_words, max_words


def choose(
    pool: Sequence[Candidate],
    scorer: Scorer,
    *,
    sentences: int | None,
    cap: int | None,
    target: int | None,
) -> list[Candidate]:
    """Pick sentences one at a time, each time the one the scorer rates highest given
    what is already chosen, until ``sentences`` are chosen or the next would take the
    summary further from ``target`` words or past ``cap``. A sentence whose subject is
    an unresolved pronoun is taken only right after the sentence it leans on."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    said_terms: frozenset[str] = frozenset()
    said_trigrams: frozenset[tuple[str, ...]] = frozenset()
    total = 0
    while sentences is None or len(chosen) < sentences:
        best, best_score = None, -math.inf
        for candidate in pool:
            if candidate.index in taken:
                continue
            if cap is not None and chosen and total + candidate.words > cap:
                continue
            if candidate.leans_back and candidate.index - 1 not in taken:
                continue
            features = choice_features(candidate, said_terms, said_trigrams)
            if chosen and features[1] > REPEATED_SHARE:
                continue
            score = scorer.score(candidate.static + features)
            if score > best_score:
                best, best_score = candidate, score
        if best is None:
            break
        if (
            target is not None
            and chosen
            and abs(total + best.words - target) >= abs(total - target)
        ):
            break
        chosen.append(best)
        taken.add(best.index)
        total += best.words
        said_terms |= best.terms
        said_trigrams |= best.trigrams
    return sorted(chosen, key=lambda c: c.index)


def summarize(
    text: str,
    *,
    title: str | None = None,
    max_sentences: int | None = None,
    max_words: int | None = None,
    scorer: Scorer | None = None,
) -> list[str]:
    """Choose the sentences that tell the story, in article order and wording.

    Each sentence is rated by the learned scorer (``briefing.sentence_model``:
    position, length, overlap with the headline and the article, names, numbers,
    quotes, and what it adds beyond the sentences already chosen), and the best
    are taken one at a time. Never spoken: captions, questions, fragments and
    quotations without their speaker (see ``speakable``), a sentence whose subject
    is an unresolved pronoun unless the sentence before it is taken, a lead that
    only restates ``title``, near-repeats. With neither limit given the summary is
    about 60 words (the default spoken budget, at most 90); ``max_sentences``
    alone takes that many; ``max_words`` as many as bring it closest to that
    length. A summary never cuts a sentence: when even the first is longer than
    ``max_words``, it is returned alone. Deterministic.
    """
    if max_sentences is not None and max_sentences < 1:
        raise ValueError("max_sentences must be at least 1")
    if max_words is not None and max_words < 1:
        raise ValueError("max_words must be at least 1")
    count, cap, target = _limits(max_sentences, max_words)
    window = max(WINDOW, (count or 0) + WINDOW // 2, (cap or 0) // 15)
    pool = speakable_candidates(text, title, window)
    if not pool:
        return []
    chosen = choose(pool, scorer or default_scorer(), sentences=count, cap=cap, target=target)
    return [c.text for c in chosen]


def summarize_article(article: Article, *, max_words: int | None = None) -> Story:
    """Condense an Article into a Story with the default spoken budget."""
    sentences = summarize(article.text, title=article.title, max_words=max_words)
    return Story(
        title=article.title,
        sentences=tuple(sentences),
        source=article.source,
        origin=article.origin,
    )


# -- summarising a show's articles -------------------------------------------------


def summarize_articles(
    articles: Sequence[Article],
    *,
    max_words: int | None = None,
    summarizer: Callable[..., Story] = summarize_article,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> tuple[list[Story], list[Skipped]]:
    """Summarise each ranked article, the top story at ``max_words`` (else about 80
    words) and the last at half that (``select.story_budgets``); one that gives no
    summary is skipped (and returned as such). With ``today`` (the episode's date),
    days are said as true that day (``text.relative_days``), for articles whose date
    is known. ``progress(done, total, headline)`` is called as each article's summary
    starts, and once all are done."""
    stories: list[Story] = []
    skipped: list[Skipped] = []
    budgets = story_budgets(len(articles), max_words)
    for done, (article, budget) in enumerate(zip(articles, budgets, strict=True)):
        if progress is not None:
            progress(done, len(articles), article.title)
        story = summarizer(article, max_words=budget)
        if not story.sentences:
            skipped.append(Skipped(article.source, "nothing left to summarise"))
            continue
        if today is not None and article.published is not None:
            written = article.published.astimezone().date()
            story = replace(
                story,
                title=relative_days(story.title, written, today),
                sentences=tuple(relative_days(s, written, today) for s in story.sentences),
            )
        stories.append(story)
    if progress is not None and articles:
        progress(len(articles), len(articles), "")
    return stories, skipped
