"""Benchmark: the script a listener hears, as radio copy.

    python benchmarks/script_quality.py                  # ../shared/eval/news-train.jsonl
    python benchmarks/script_quality.py --articles 50 --show 2

Builds 5-story shows from the training file's articles (the first ``--articles``
CNN/Daily Mail ones, in file order; never the dev file, whose articles are for
reporting summaries) as ``briefing generate`` would, with two named voices (so
hand-offs and hand-backs are heard), each article given a publication date one to
three days before the episode (so that day words are said for the episode's day),
and counts what radio copy must not do:

- news said twice: two consecutive spoken lines with most of one's content words in
  the other (a headline and its lead, a caption and its sentence);
- links: the same link said twice in a row, a story counted aloud ("Our ninth
  story."), "story" twice in one story's lead-in;
- hand-backs ("Thanks, Joe.") per episode (at most two);
- sentences over 35 and over 40 words (nothing said is over 40);
- day words against tense: a future verb with "yesterday", a past verb with
  "tomorrow".

It prints the counts, then ``--show`` whole scripts to read aloud. Needs nothing
but briefing itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "news-train.jsonl"
sys.path.insert(0, str(ROOT))

STORIES_A_SHOW = 5
EPISODE = dt.date(2026, 11, 25)
NAMES = {"presenter": "Maya Hart", "newsreader": "Joe Marsh"}
STOPWORDS = frozenset(
    "a an the of to in on at for and or but by with from as is are was were be been its it "
    "this that after before over into than then who which what says said has have had will "
    "would he she they his her their".split()
)
FUTURE = re.compile(r"\b(?:will|would|is due to|are due to|is set to|are set to|to be held)\b")
PAST = re.compile(r"\b(?:was|were|had|did|said|announced|reported|\w+ed)\b")


def fail(message: str) -> None:
    print(f"benchmark: {message}", file=sys.stderr)
    sys.exit(2)


def content(line: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", line.lower()) if w not in STOPWORDS}


def said_twice(before: str, after: str) -> bool:
    """Whether ``after`` says ``before`` again: 80% of the shorter line's content words
    (three or more) are in the other."""
    a, b = content(before), content(after)
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= 3 and len(small & large) >= 0.8 * len(small)


def words(line: str) -> int:
    return len(line.split())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="training JSONL")
    parser.add_argument("--articles", type=int, default=50, help="articles in all [50]")
    parser.add_argument("--show", type=int, default=2, help="scripts printed to read [2]")
    args = parser.parse_args()
    if not args.data.is_file():
        fail(
            f"data file not found: {args.data}\n  Give one with --data PATH (JSON lines with "
            "'text' and 'title'), e.g. the project's ../shared/eval/news-train.jsonl."
        )

    from briefing.models import Article
    from briefing.script import MIDDLE_TRANSITIONS, build_script
    from briefing.sources.files import headline_from
    from briefing.summarize import summarize_articles

    items = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    items = [i for i in items if i.get("source", "").startswith("cnn")][: args.articles]
    counts: Counter[str] = Counter()
    longest = 0
    scripts = []
    for start in range(0, len(items) - STORIES_A_SHOW + 1, STORIES_A_SHOW):
        show_items = items[start : start + STORIES_A_SHOW]
        articles = [
            Article(
                # The training file's CNN titles are URL slugs ("Mls 20 sunrise sunset"):
                # a headline is made from the first sentence, as for a feed item without one.
                title=headline_from(item["text"].strip().split("\n")[0]),
                paragraphs=tuple(p for p in item["text"].split("\n") if p.strip()),
                source=item["id"],
                published=dt.datetime.combine(
                    EPISODE - dt.timedelta(days=1 + n % 3), dt.time(12), dt.UTC
                ),
            )
            for n, item in enumerate(show_items)
        ]
        stories, _ = summarize_articles(articles, today=EPISODE)
        if len(stories) < 2:
            continue
        script = build_script(stories, date=EPISODE, voices=list(NAMES), names=NAMES)
        scripts.append(script)
        counts["episodes"] += 1
        heard = [line for segment in script.segments for line in segment.lines]
        for before, after in zip(heard, heard[1:], strict=False):
            if said_twice(before, after):
                counts["news said twice (consecutive lines)"] += 1
        links = [
            line
            for segment in script.stories
            for line in segment.lines[: segment.lead]
            if line in MIDDLE_TRANSITIONS or "story" in line.lower()
        ]
        counts["a link said twice in a row"] += sum(
            a == b for a, b in zip(links, links[1:], strict=False)
        )
        counts["a story counted aloud"] += sum(
            bool(re.search(r"\b(?:second|third|\w+th) story\b", line)) for line in heard
        )
        for segment in script.stories:
            lead = " ".join(segment.lines[: segment.lead]).lower()
            counts["'story' twice in one lead-in"] += lead.count("story") > 1
        counts["hand-backs"] += sum(line.startswith("Thanks, ") for line in heard)
        for line in heard:
            longest = max(longest, words(line))
            counts["sentences over 35 words"] += words(line) > 35
            counts["sentences over 40 words"] += words(line) > 40
            if "yesterday" in line.lower() and FUTURE.search(line):
                counts["'yesterday' with a future verb"] += 1
            if "tomorrow" in line.lower() and PAST.search(line) and not FUTURE.search(line):
                counts["'tomorrow' with a past verb"] += 1

    print(f"script quality: {counts['episodes']} shows of {STORIES_A_SHOW} stories from "
          f"{len(items)} training articles ({args.data.name}), two named voices")  # fmt: skip
    for name in (
        "news said twice (consecutive lines)", "a link said twice in a row",
        "a story counted aloud", "'story' twice in one lead-in",
        "sentences over 35 words", "sentences over 40 words",
        "'yesterday' with a future verb", "'tomorrow' with a past verb",
    ):  # fmt: skip
        print(f"  {name:<40}{counts[name]:>6}")
    episodes = max(counts["episodes"], 1)
    print(f"  {'hand-backs a show (at most 2)':<40}{counts['hand-backs'] / episodes:>6.1f}")
    print(f"  {'longest line (words)':<40}{longest:>6}")
    for script in scripts[: args.show]:
        print("\n" + "-" * 72)
        print(script.to_text())


if __name__ == "__main__":
    main()
