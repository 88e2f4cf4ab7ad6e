"""Summaries: each article condensed to what a listener hears, offline and deterministic.

``summarize(text, *, title=None, max_sentences=None, max_words=None)`` is the entry
point: the article's lead, told in its own first speakable sentences, whole and in
order (``lead.take_lead``), by the rules of what a listener can follow (``rules``).
``summarize_article`` makes a Story of an Article, ``summarize_articles`` a show's
stories at their spoken budgets. ``llm`` asks a chat model instead (optional).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..ear import holdable
from ..languages import Language, get_language
from ..models import Article, Progress, Skipped, Story
from ..select import story_budgets
from ..text import days_as_of, relative_days
from .lead import (
    DEFAULT_MAX_WORDS,
    DEFAULT_TARGET_WORDS,
    Sentence,
    article_sentences,
    limits,
    take_lead,
    usable_sentences,
)
from .plain import summarize_in
from .rules import (
    candidate_sentences,
    leans_back,
    name_in_full,
    opens_with_unresolved_pronoun,
    paragraphs_and_sentences,
    points_at_picture,
    quote_without_speaker,
    sayable,
    speakable,
    word_count,
)

__all__ = [
    "DEFAULT_MAX_WORDS",
    "DEFAULT_TARGET_WORDS",
    "candidate_sentences",
    "leans_back",
    "name_in_full",
    "opens_with_unresolved_pronoun",
    "paragraphs_and_sentences",
    "points_at_picture",
    "quote_without_speaker",
    "sayable",
    "speakable",
    "summarize",
    "summarize_article",
    "summarize_articles",
    "tell",
    "usable_sentences",
    "word_count",
]


#: How the host hands over to the writer of a column, whose first person it reads.
WRITER_SAYS = "The writer says:"


def summarize(
    text: str,
    *,
    title: str | None = None,
    max_sentences: int | None = None,
    max_words: int | None = None,
) -> list[str]:
    """The sentences that tell the story: the article's lead, in its own wording and order.

    The first sentences a listener can follow (``lead.usable_sentences``: no
    caption, picture, question, fragment or quotation without its speaker), taken in
    order; one that leans on a sentence left
    out, or repeats what was said, is passed over. A person the article names in full
    is named in full at their first mention (``rules.name_in_full``); a column, written
    in its author's first person, is said as theirs ("The writer says: ..."). With
    neither limit given the summary is about 60 words (at most 90); ``max_sentences``
    alone takes that many; ``max_words`` as many as bring it closest to that length. A
    summary never cuts a sentence: when even the first is longer than ``max_words``, it
    is returned alone.
    Deterministic.
    """
    if max_sentences is not None and max_sentences < 1:
        raise ValueError("max_sentences must be at least 1")
    if max_words is not None and max_words < 1:
        raise ValueError("max_words must be at least 1")
    count, cap, target = limits(max_sentences, max_words)
    taken = take_lead(usable_sentences(text, title), count=count, cap=cap, target=target)
    told = tell(taken, text, title)
    # Names said in full make a summary longer: it still keeps to its cap.
    while cap is not None and len(told) > 1 and sum(map(word_count, told)) > cap:
        taken = taken[:-1]
        told = tell(taken, text, title)
    return told


def tell(taken: Sequence[Sentence], text: str, title: str | None = None) -> list[str]:
    """The sentences the lead took (``lead.take_lead``) from the article ``text``, as
    the host says them: a column's words said as its writer's ("The writer says: ..."),
    each person the article names in full named in full at first mention, unless that
    makes the sentence too long to hold (``ear.holdable``)."""
    chosen = [s.text for s in taken]
    if taken and taken[0].writer:
        chosen[0] = f"{WRITER_SAYS} {chosen[0]}"
    named = name_in_full(chosen, article_sentences(text), title)
    # A name said in full that makes a sentence too long to hold is said as written.
    return [n if n == c or holdable(n) else c for c, n in zip(chosen, named, strict=True)]


def summarize_article(
    article: Article, *, max_words: int | None = None, language: Language | str | None = None
) -> Story:
    """Condense an Article into a Story with the default spoken budget; in another
    ``language`` than English, its lead by that language's rules (``plain``)."""
    said = get_language(language)
    if said.tag != "en":
        return summarize_in(article, max_words=max_words, language=said)
    sentences = summarize(article.text, title=article.title, max_words=max_words)
    return Story(
        title=article.title,
        sentences=tuple(sentences),
        source=article.source,
        origin=article.origin,
    )


def _takes_language(summarizer: Callable[..., Story]) -> bool:
    """Whether ``summarizer`` is told the show's language: the default one, the LLM's
    (``speaks_languages``), or a batch's wrapper of either (its ``inner``). Any other
    callable is called as it always was."""
    inner = getattr(summarizer, "inner", summarizer)
    return inner is summarize_article or getattr(inner, "speaks_languages", False) is True


def summarize_articles(
    articles: Sequence[Article],
    *,
    max_words: int | None = None,
    summarizer: Callable[..., Story] = summarize_article,
    today: dt.date | None = None,
    progress: Progress | None = None,
    language: Language | str | None = None,
) -> tuple[list[Story], list[Skipped]]:
    """Summarise each ranked article, the top third in full, at ``max_words`` (else
    about 80 words), the rest short, at 5/8 of that (``select.story_budgets``: two
    lengths, so a story's summary is the same at any rank in either); one that gives no
    summary is skipped (and returned as such). With ``today`` (the episode's date),
    days are said as true that day (``text.relative_days``), for articles whose date
    is known. ``progress(done, total, headline)`` is called as each article's summary
    starts, and once all are done. ``language``: the show's (English when not given):
    in another, the default summarizer takes each article's lead by its rules
    (``plain``) and days are said in its words (``text.days_as_of``)."""
    said = get_language(language)
    in_language = {"language": said.tag} if said.tag != "en" and _takes_language(summarizer) else {}
    stories: list[Story] = []
    skipped: list[Skipped] = []
    budgets = story_budgets(len(articles), max_words)
    for done, (article, budget) in enumerate(zip(articles, budgets, strict=True)):
        if progress is not None:
            progress(done, len(articles), article.title)
        story = summarizer(article, max_words=budget, **in_language)
        if not story.sentences:
            skipped.append(Skipped(article.source, "nothing left to summarise"))
            continue
        if today is not None and article.published is not None:
            written = article.published.astimezone().date()
            if said.days is not None:
                days = said.days
                story = replace(
                    story,
                    title=days_as_of(story.title, written, today, days),
                    sentences=tuple(days_as_of(s, written, today, days) for s in story.sentences),
                )
                stories.append(story)
                continue
            story = replace(
                story,
                title=relative_days(story.title, written, today, article=article.text),
                sentences=tuple(
                    relative_days(s, written, today, article=article.text) for s in story.sentences
                ),
            )
        stories.append(story)
    if progress is not None and articles:
        progress(len(articles), len(articles), "")
    return stories, skipped
