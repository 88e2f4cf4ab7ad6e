"""Script: compose the show a listener hears from the day's stories.

An intro with the show's name and the spoken date, a rundown of the
headlines, one segment per story (a short link or a beat, the summary, whose first
sentence is the news: no headline before it), and an outro. Voices alternate
between stories; given their display names, the host introduces each other voice
and reads the links. Written for the ear: the news said once, no link twice in a
row, no story counted aloud, a quotation's speaker named before the quotation, and
no sentence over 40 words (``ear``: a long one is cut where its grammar lets it be).
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from .ear import EAR_WORDS, MAX_SPOKEN_WORDS, for_the_ear, round_for_the_ear
from .languages import ENGLISH_QUOTES, Language, QuoteRules, get_language
from .languages.en import PHRASES as ENGLISH
from .languages.en import spoken_count, spoken_date
from .models import Script, Segment, SegmentKind, Show, Story
from .text import cut_at_word, split_sentences, words, words_in_any_language

DEFAULT_SHOW = Show().title

#: Links into the first story, the middle ones and the last one: neutral words that
#: claim no relation between two stories, with "story" in none but the first. A real
#: bulletin mostly moves on with a beat: every other middle story has no link at all
#: (the chime between stories is its link), and a link is never said twice in a row,
#: nor does the host count stories aloud. The choice rotates with the date, so the
#: wording varies from day to day but the same inputs always give the same script.
#: Each language's are in its phrasebook (``languages``); these are English's.
FIRST_TRANSITIONS = ENGLISH.first
MIDDLE_TRANSITIONS = ENGLISH.middle
LAST_TRANSITIONS = ENGLISH.last
#: Headlines the rundown reads, after the top story's (whose news is heard a few
#: seconds later), before it says "and N more".
RUNDOWN_LIMIT = 3
#: How the host hands a story to another voice, by its display name: the voice is
#: named before it first speaks, and each time it takes a story over.
HANDOFFS = ENGLISH.handoffs
#: The host thanks a voice that handed back at most this many times an episode
#: ("Thanks, Joe." after every report was heard five times in one episode).
MAX_HANDBACKS = 2


__all__ = ["spoken_count", "spoken_date"]  # English's, where they always were


def as_spoken_line(text: str) -> str:
    """End a line with a full stop (headlines have none) so the voice pauses."""
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


#: A name or headline is said in at most this many characters (a hostile 100 kB title
#: once crashed espeak-ng mid-intro); a longer one is cut at a word.
MAX_SPOKEN_NAME = 200


def spoken_name(text: str, limit: int = MAX_SPOKEN_NAME) -> str:
    """``text`` cut at a word to at most ``limit`` characters (with "…" when cut)."""
    return cut_at_word(" ".join(text.split()), limit)


def _rotate(options: Sequence[str], date: dt.date, offset: int = 0) -> str:
    return options[(date.toordinal() + offset) % len(options)]


def story_transition(
    position: int, total: int, date: dt.date, language: Language | None = None
) -> str:
    """The link that leads into story ``position`` (0-based) of ``total``: "" for a
    beat (no words) on every other middle story; a middle link is never the one said
    before it, and no story is counted aloud."""
    phrases = get_language(language).phrases
    if position == 0:
        return _rotate(phrases.first, date)
    if position == total - 1 and total > 2:
        return _rotate(phrases.last, date)
    middle = position - 1
    if (date.toordinal() + middle) % 2 == 0:
        return ""
    # Said on every other middle story, each the next of the list after the last said.
    return _rotate(phrases.middle, date, middle // 2)


@functools.cache
def _closing_quote(rules: QuoteRules) -> re.Pattern[str]:
    """The end of a quotation and who said it: ``I think X," said Ellen Stofan.``,
    ``Die Bahn kommt“, sagte Anna Berg.``"""
    marks = re.escape("".join(dict.fromkeys(rules.opening + rules.closing)))
    comma = "," if rules.comma_after else ""
    return re.compile(
        rf"^(?P<quote>[^{marks}]{{2,}}?)(?P<stop>[,.?!]?)[{re.escape(rules.closing)}]{comma}?\s+"
        rf"(?:(?P<verb1>{rules.verbs})\s+(?P<who1>[^{marks}]+?)"
        rf"|(?P<who2>[^{marks}]+?)\s+(?P<verb2>{rules.verbs})(?P<rest>\b[^{marks}]*?))"
        r"\s*[.]$"
    )


@functools.cache
def _when_after(rules: QuoteRules) -> re.Pattern[str]:
    """Where a phrase of when or where starts after a speaker's name (not its first
    word): ``el entrenador, Raúl Medina, tras el partido``."""
    return re.compile(rf"(?<=\S),?\s+(?P<phrase>(?:{rules.after_verb})\s.*)$", re.IGNORECASE)


_PRONOUNS = frozenset("he she they we i it".split())


def _closing(text: str, rules: QuoteRules = ENGLISH_QUOTES) -> tuple[str, str, str] | None:
    """``(quotation, speaker, "said ...")`` of the end of a quotation that names its
    speaker after it (``text`` without the opening mark), else None."""
    match = _closing_quote(rules).match(text.strip())
    if not match:
        return None
    if match["who1"]:
        who, said = match["who1"], match["verb1"]
        when = _when_after(rules).search(who) if rules.after_verb else None
        if when:  # "dijo el entrenador tras el partido" -> "El entrenador dijo tras el partido"
            name = who[: when.start()]  # an apposition keeps its closing comma
            who = name + ("," if "," in name and when.group().startswith(",") else "")
            said = f"{said} {when['phrase']}"
    else:
        who, said = match["who2"], match["verb2"] + match["rest"].rstrip()
    if len(who.split()) > 12 or ("," in who and not match["who1"]):
        return None  # not a speaker but a clause
    quote = match["quote"].strip()
    stop = match["stop"] if match["stop"] in ("?", "!") else "."
    return quote + stop, who[0].upper() + who[1:], said


def short_speaker(who: str) -> str:
    """The speaker said again: "He", or a name's last word ("Ellen Stofan of NASA"
    -> "Stofan")."""
    if who.casefold() in _PRONOUNS:
        return who[0].upper() + who[1:]
    name = re.split(r",| of | from | at ", who)[0].split()
    return name[-1] if name else who


def attribute_quote(sentence: str, rules: QuoteRules = ENGLISH_QUOTES) -> str:
    """A sentence that opens with a quotation and names its speaker after it, with
    the speaker first: ``"I think X," said Ellen Stofan of NASA.`` ->
    ``Ellen Stofan of NASA said: "I think X."`` (``rules``: the language's marks and
    verbs, English by default); any other sentence as it is."""
    text = sentence.strip()
    found = _closing(text[1:], rules) if text[:1] in rules.opening else None
    if not found:
        return sentence
    quote, who, said = found
    start, end = rules.written
    return f"{who} {said}: {start}{quote[0].upper()}{quote[1:]}{end}"


def attribute_quotes(sentences: Sequence[str], language: Language | None = None) -> tuple[str, ...]:
    """A story's sentences with every quotation's speaker named before it: one
    sentence's (``attribute_quote``), one that runs over several sentences (``"A.
    B," he said.`` -> ``He said: "A. B."``), a quotation that follows its
    speaker's ("Valtersen added: ..."), else a spoken cue ("Quote: ... End quote.")."""
    said_in = get_language(language)
    phrases, rules = said_in.phrases, said_in.quotes
    marks = rules.opening + rules.closing
    out = list(sentences)
    speaker = ""  # who spoke the sentence before
    index = 0
    while index < len(out):
        text = out[index].strip()
        said_by, speaker = speaker, ""
        if text[:1] not in rules.opening:
            index += 1
            continue
        body = text[1:]
        if found := _closing(body, rules):
            out[index] = attribute_quote(text, rules)
            speaker = found[1]
        elif not any(mark in body for mark in marks):  # it runs on
            for later in range(index + 1, min(index + 4, len(out))):
                if any(mark in out[later] for mark in marks):
                    if end := _closing(out[later], rules):
                        quote, who, said = end
                        out[index] = f"{who} {said}: {text}"
                        out[later] = f"{quote}{rules.written[1]}"
                        speaker, index = who, later
                    break
        elif body[-1:] in rules.closing and not any(mark in body[:-1] for mark in marks):
            if said_by:
                out[index] = phrases.added.format(speaker=short_speaker(said_by), text=text)
                speaker = said_by
            else:
                out[index] = phrases.quote.format(text=text)
        index += 1
    return tuple(out)


_HOST_PREFIXES = frozenset({"www", "m", "edition", "feeds", "rss", "news", "web"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})
#: A host's label is said as a site's name only when it is this short (an acronym).
MAX_ACRONYM = 4


def _is_address(host: str) -> bool:
    """True for an IP address, v4 or v6 ("127.0.0.1", "::1", "[::1]")."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def site_name(url: str) -> str:
    """A web address's site, as said, when its host is an acronym of at most MAX_ACRONYM
    letters: "https://www.bbc.co.uk/news" -> "BBC", "https://edition.cnn.com/x" -> "CNN";
    an archived page by its original. "" for any other: a longer label is no name to
    say ("latimes" is not "Latimes"), nor an IP address ("0" of 127.0.0.1) or a host of
    one label ("localhost"); a source's own name is said instead (``spoken_origin``)."""
    embedded = re.search(r"/(https?://.+)$", url)
    if embedded:
        return site_name(embedded.group(1))
    hostname = urllib.parse.urlsplit(url).hostname or ""
    if _is_address(hostname):
        return ""
    labels = hostname.split(".")[:-1]  # no top-level domain; nothing of a one-label host
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    labels = [label for label in labels if label and label not in _HOST_PREFIXES]
    site = labels[-1] if labels else ""
    return site.upper() if 2 <= len(site) <= MAX_ACRONYM and site.isalpha() else ""


def is_source_name(origin: str, source: str) -> bool:
    """Whether a source's label is a name to say ("Reuters", "BBC News"), not a path, a
    host or an address: no slash nor extension ("latimes.com", "127.0.0.1"), not an IP
    address, a capital or a space, not a folder of ``source``."""
    if not origin or re.search(r"[/\\]|\.\w{1,4}$|^<", origin) or _is_address(origin):
        return False
    return bool(re.search(r"[A-Z ]", origin)) and origin not in re.split(r"[/\\]", source)


#: A separator in a feed's title that a voice would read out: "NYT > World" is said
#: "NYT: World".
_SAID_SEPARATOR = re.compile(r"\s+[>»|]\s+")


def spoken_origin(origin: str, source: str = "") -> str:
    """Who a story comes from, as said: a source's name (its own, from the config, a
    feed's title or a page's site name), a web address by its site (``site_name``);
    "" for a file path, a host or address that is no name, or nothing known."""
    origin, source = origin.strip(), source.strip()
    if "://" in origin:
        return site_name(origin)
    if is_source_name(origin, source):
        return spoken_name(_SAID_SEPARATOR.sub(": ", origin), 60)
    return site_name(source) if "://" in source else ""


def first_name(display_name: str) -> str:
    return display_name.split()[0] if display_name.split() else ""


_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
#: A date opening a headline made from an article's first sentence: "April 8, 2014, the
#: WHO finally started ...", "March 18, 2015 . Israelis have voted ...".
_DATE_OPENER = re.compile(
    rf"^(?:On\s+(?:the\s+)?)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:the\s+)?)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS})"
    rf"(?:,?\s+\d{{4}})?\s*[,.:;–—-]+\s*"
)
#: A headline that points at what a page shows, no news to read out: "Here are six of
#: CNN's best videos of the week".
_POINTER_HEADLINE = re.compile(
    r"^(?:Here(?:'s|’s|\s+are|\s+is)|Below(?:\s+are|\s+is)?|Check\s+out|Take\s+a\s+look|"
    r"Scroll\s+(?:down|through)|Click\s+through|In\s+pictures|Watch|Gallery|Photos?|Video)\b",
    re.IGNORECASE,
)


def longest_sentence(line: str, language: Language | None = None) -> int:
    """The words in the longest sentence of ``line`` (numbers count as one word)."""
    said = get_language(language)
    count = words if said.tag == "en" else words_in_any_language
    return max((len(count(s)) for s in split_sentences(line, said.sentences)), default=0)


def _ear(language: Language | None) -> Callable[[str], list[str]]:
    """``ear.for_the_ear``: English grammar's cuts, for English; no cut in another
    language (its own cuts are still to write)."""
    return for_the_ear if get_language(language).tag == "en" else lambda text: [text]


def for_the_ear_lines(
    sentences: Sequence[str], language: Language | None = None
) -> tuple[str, ...]:
    """A story's sentences as its voice says them: a hedged number to two figures
    (``ear.round_for_the_ear``: "some 3,862" -> "some 3,900"), a long sentence cut where
    its grammar lets it be cut (``ear.for_the_ear``); a piece that still runs over
    MAX_SPOKEN_WORDS (a quotation no cut may enter) is not said. In another language
    than English, a long sentence is cut into runs of words (``within_breath``)."""
    if get_language(language).tag != "en":
        return tuple(piece for s in sentences for piece in within_breath(s, language))
    said = (piece for s in sentences for piece in for_the_ear(round_for_the_ear(s)))
    return tuple(piece for piece in said if longest_sentence(piece) <= MAX_SPOKEN_WORDS)


def within_breath(line: str, language: Language | None = None) -> tuple[str, ...]:
    """``line`` as it is when no sentence of it runs over MAX_SPOKEN_WORDS; else each
    long sentence cut where its grammar lets it be (``ear.for_the_ear``) and, failing
    that, into runs of EAR_WORDS words (only text no editor wrote as a sentence comes
    to that: a hostile headline, show or voice name)."""
    if longest_sentence(line, language) <= MAX_SPOKEN_WORDS:
        return (line,)
    out: list[str] = []
    for sentence in split_sentences(line, get_language(language).sentences):
        for piece in _ear(language)(sentence):
            if longest_sentence(piece, language) <= MAX_SPOKEN_WORDS:
                out.append(piece)
                continue
            run = piece.split()
            out.extend(
                " ".join(run[i : i + EAR_WORDS]).rstrip(" ,;:")
                + ("." if i + EAR_WORDS < len(run) else "")
                for i in range(0, len(run), EAR_WORDS)
            )
    return tuple(out)


def rundown_headline(title: str, language: Language | None = None) -> str:
    """A headline as the rundown reads it: without a date opening it ("April 8, 2014,
    the WHO ..." -> "The WHO ..."); "" for one that only points at what a page shows
    ("Here are six of CNN's best videos of the week"), or that runs over
    MAX_SPOKEN_WORDS, which the rundown leaves out."""
    text = _DATE_OPENER.sub("", title.strip(), count=1)
    if (
        not text
        or _POINTER_HEADLINE.match(text)
        or len(text.split()) < 2
        or longest_sentence(text, language) > MAX_SPOKEN_WORDS
    ):
        return ""
    return as_spoken_line(text[0].upper() + text[1:])


def rundown_lines(
    stories: Sequence[Story],
    limit: int = RUNDOWN_LIMIT,
    lead_in: str | None = None,
    language: Language | None = None,
) -> tuple[str, ...]:
    """The headlines of the stories after the first (whose news is heard a few seconds
    later), at most ``limit`` (``rundown_headline``: a headline unfit to read is left
    out), then "And N more."."""
    said = get_language(language)
    rest = stories[1:]
    headlines = [h for h in (rundown_headline(story.title, said) for story in rest) if h]
    shown = headlines[: max(limit, 0)]
    if not shown:
        return ()
    lines = [said.phrases.rundown if lead_in is None else lead_in, *shown]
    if len(rest) > len(shown):
        lines.append(said.phrases.more.format(count=said.count_more(len(rest) - len(shown))))
    return tuple(lines)


def intro_lines(
    stories: Sequence[Story],
    show: str,
    date: dt.date,
    rundown: int = RUNDOWN_LIMIT,
    host_name: str = "",
    language: Language | None = None,
) -> tuple[str, ...]:
    said = get_language(language)
    greeting = said.phrases.welcome.format(show=show, date=said.spoken_date(date))
    lines = [greeting + (said.phrases.host.format(name=host_name) if host_name else "")]
    lines.append(said.phrases.count.format(count=said.count_stories(len(stories))))
    lines.extend(rundown_lines(stories, rundown, language=said))
    return tuple(lines)


def recap_lines(
    stories: Sequence[Story], limit: int = RUNDOWN_LIMIT, language: Language | None = None
) -> tuple[str, ...]:
    """ "The headlines again:" the top ``limit`` stories, but the one just heard."""
    said = get_language(language)
    headlines = [h for h in (rundown_headline(s.title, said) for s in stories[:-1]) if h]
    shown = headlines[: max(limit, 0)]
    if not shown:
        return ()
    return (said.phrases.recap, *shown)


def outro_lines(show: str, date: dt.date, language: Language | None = None) -> tuple[str, ...]:
    said = get_language(language)
    spoken = said.spoken_date(date)
    return tuple(line.format(show=show, date=spoken) for line in said.phrases.outro)


def story_body(story: Story, language: Language | None = None) -> tuple[str, ...]:
    """What a story's own voice reads: its sentences, each quotation after the name of
    its speaker. A bulletin reads no headline before each story (the first sentence is
    the news: a headline before it said the news twice); the rundown, the chapters and
    the transcript keep it. Each sentence is said as a listener can hold it
    (``for_the_ear_lines``). A story with no sentence to say is told by its headline."""
    return for_the_ear_lines(attribute_quotes(story.sentences, language), language) or (
        within_breath(as_spoken_line(story.title), language)
    )


def cast(voices: Sequence[str], names: Mapping[str, str] | None) -> tuple[str, ...]:
    """The voices that read stories, in turn: all of them without ``names``; with
    them, the host and each voice the host can introduce by its display name."""
    if names is None:
        return tuple(voices)
    return (voices[0], *(v for v in voices[1:] if names.get(v, "").strip() and v != voices[0]))


def build_script(
    stories: Sequence[Story],
    *,
    date: dt.date,
    show: str = DEFAULT_SHOW,
    voices: Sequence[str] = ("anchor",),
    names: Mapping[str, str] | None = None,
    rundown: int = RUNDOWN_LIMIT,
    recap: bool = False,
    language: Language | str | None = None,
) -> Script:
    """Compose the show. The first voice hosts (intro and outro); stories
    alternate through the voices in order.

    ``names`` maps voices to their display names: then the host introduces every
    other voice by name before its story and takes the show back after, reading
    the links itself, and a voice without a name reads no story (the host does).
    ``rundown``: headlines read in the intro after the top story's; ``recap``:
    "the headlines again" before the outro. ``language``: the show's (a tag or a
    Language; English when not given) says every phrase and cuts every sentence."""
    said = get_language(language)
    phrases = said.phrases
    if not stories:
        raise ValueError("a script needs at least one story")
    if not voices:
        raise ValueError("a script needs at least one voice")
    show = spoken_name(show)
    stories = [replace(story, title=spoken_name(story.title)) for story in stories]
    host = voices[0]
    readers = cast(voices, names)
    introduced = names is not None
    display = (
        {v: spoken_name(" ".join(names.get(v, "").split()), 60) for v in voices} if names else {}
    )
    intro = intro_lines(stories, show, date, rundown, display.get(host, ""), said)
    segments = [Segment(SegmentKind.INTRO, said.labels.intro, intro, host)]
    previous_voice, previous_origin = host, ""
    handbacks = handoffs = 0
    for position, story in enumerate(stories):
        voice = readers[position % len(readers)]
        handing_off = introduced and voice != host
        lead: list[str] = []
        if introduced and previous_voice != host and handbacks < MAX_HANDBACKS:
            lead.append(phrases.thanks.format(name=first_name(display[previous_voice])))
            handbacks += 1
        link = story_transition(position, len(stories), date, said)
        if link and not (handing_off and link in phrases.middle):  # a hand-off links
            lead.append(link)
        origin = spoken_origin(story.origin, story.source)
        if origin and origin != previous_origin:
            lead.append(phrases.origin.format(origin=origin))
        if handing_off:
            lead.append(_rotate(phrases.handoffs, date, handoffs).format(name=display[voice]))
            handoffs += 1
        segments.append(
            Segment(
                SegmentKind.STORY, story.title, (*lead, *story_body(story, said)), voice,
                story.source, lead=len(lead),
                lead_voice=host if introduced and voice != host else "",
            )
        )  # fmt: skip
        previous_voice, previous_origin = voice, origin or previous_origin
    outro: list[str] = []
    if introduced and previous_voice != host and handbacks < MAX_HANDBACKS:
        outro.append(phrases.thanks.format(name=first_name(display[previous_voice])))
    if recap:
        outro.extend(recap_lines(stories, rundown, said))
    outro.extend(outro_lines(show, date, said))
    segments.append(Segment(SegmentKind.OUTRO, said.labels.outro, tuple(outro), host))
    held = tuple(_held(segment, said) for segment in segments)
    return Script(show=show, date=date, segments=held, language=said.tag)


def _held(segment: Segment, language: Language | None = None) -> Segment:
    """``segment`` with no sentence over MAX_SPOKEN_WORDS (``within_breath``): a
    hostile show, voice name or headline in a link or the rundown."""
    lines = segment.lines
    lead = tuple(p for line in lines[: segment.lead] for p in within_breath(line, language))
    rest = tuple(p for line in lines[segment.lead :] for p in within_breath(line, language))
    if (*lead, *rest) == segment.lines:
        return segment
    return replace(segment, lines=(*lead, *rest), lead=len(lead))
