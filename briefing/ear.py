"""Sentences for the ear.

A reader sees a long sentence whole and can look back; a listener has to hold it.
Radio copy keeps sentences short and leaves the ear nothing to guess: no brackets,
no aside between dashes it has to keep open. These rules cut a long spoken sentence
only where its grammar lets it be cut, never inside a quotation or away from whoever
said it, and say brackets as a voice can (``for_the_ear``, ``parentheses_for_the_ear``).
"""

from __future__ import annotations

import bisect
import itertools
import re

from .text import words

#: A spoken sentence over this many words is cut where it safely can be.
EAR_WORDS = 35
#: No sentence the show says is longer than this many words: one that cannot be cut
#: to this length is not said (``holdable``).
MAX_SPOKEN_WORDS = 40
#: No piece a cut leaves is shorter than this many words.
MIN_PIECE_WORDS = 4
#: Longer text is no spoken sentence (a table, a list, a page the splitter could not
#: cut): it is left as it is, so the work stays in proportion to the text.
MAX_EAR_CHARS = 2000
#: An aside between two dashes is left out only when it is at most this many words.
MAX_ASIDE_WORDS = 20


def _word_count(text: str) -> int:
    return len(words(text))


def holdable(sentence: str, limit: int = MAX_SPOKEN_WORDS) -> bool:
    """Whether ``for_the_ear`` says ``sentence`` in pieces of at most ``limit`` words."""
    return all(_word_count(piece) <= limit for piece in for_the_ear(sentence))


# A number after a word that says it is not exact ("some 3,862 people") is said as a
# listener hears it, to two figures ("some 3,900 people"): the exact figure is for the
# eye. The hedge decides which way it rounds, so that what is said stays true: "more
# than 3,862" is also more than 3,800; "nearly 3,862" is nearly 3,900.
_DOWN = ("more than", "over", "at least", "upwards of", "in excess of")
_UP = ("nearly", "almost", "fewer than", "less than", "under", "just under", "up to")
_NEAREST = ("some", "about", "around", "roughly", "approximately", "an estimated", "close to")
_HEDGED = re.compile(
    r"\b(?P<hedge>"
    + "|".join(
        sorted((h.replace(" ", r"\s+") for h in _DOWN + _UP + _NEAREST), key=len, reverse=True)
    )
    + r")\s+(?P<unit>[$£€]\s?)?(?P<number>[1-9]\d{0,2}(?:,\d{3})+)(?![\d.,]\d)",
    re.IGNORECASE,
)
#: A hedged number is rounded when it has more significant figures than this.
HEDGED_FIGURES = 3


def _rounded(number: int, hedge: str) -> int:
    step = 10 ** (len(str(number)) - 2)  # two significant figures
    down = number // step * step
    if hedge in _DOWN:
        return down
    up = down + step if number % step else down
    if hedge in _UP:
        return up
    return up if number - down >= up - number else down


def round_for_the_ear(sentence: str) -> str:
    """A sentence with each number it hedges ("some", "about", "more than", "nearly" ...
        before a figure written with thousands separators) said to two figures when it has
        more than HEDGED_FIGURES ("some 3,862 people" -> "some 3,900 people"; millions as
    "1.2 million", billions so), rounding down
        after "more than" or "over", up after "nearly" or "fewer than", else to the nearest.
        Quotations, and numbers nobody hedged, are left as written."""
    if len(sentence) > MAX_EAR_CHARS:
        return sentence
    quotes = _Marks(sentence, brackets=False)

    def say(match: re.Match[str]) -> str:
        digits = match["number"].replace(",", "")
        if quotes.inside(match.start()) or len(digits.rstrip("0")) <= HEDGED_FIGURES:
            return match[0]
        hedge = " ".join(match["hedge"].lower().split())
        rounded = _rounded(int(digits), hedge)
        number = f"{rounded:,}"
        for size, name in ((10**9, "billion"), (10**6, "million")):
            if rounded >= size:
                number = f"{rounded / size:g} {name}"
                break
        return match[0][: match.start("number") - match.start()] + number

    return _HEDGED.sub(say, sentence)


class _Marks:
    """Where a sentence may not be cut: inside quotation marks ("...", “...”, ‘...’,
    and '...' opening before a word and closing after one) and, with ``brackets``,
    inside brackets. A mark that never closes holds to the end of the text, and so does
    a quotation whose closing mark opens a word: quotations a page ran together ('...
    grounds. "And no fans ...') are never cut after their first mark. One pass."""

    def __init__(self, text: str, *, brackets: bool = True) -> None:
        spans: list[tuple[int, int]] = []
        n = len(text)
        straight_to_end = text.count('"') % 2 == 1
        opened: dict[str, int] = {}
        depth, paren = 0, 0
        for i, ch in enumerate(text):
            if ch == "(" and brackets:
                paren = i if depth == 0 else paren
                depth += 1
            elif ch == ")" and depth:
                depth -= 1
                if depth == 0:
                    spans.append((paren, i + 1))
            elif ch == '"':
                if straight_to_end:
                    spans.append((i, n))
                    break
                if '"' not in opened:
                    opened['"'] = i
                elif text[i - 1].isspace() and text[i + 1 : i + 2].isalnum():
                    spans.append((opened.pop('"'), n))
                    break
                else:
                    spans.append((opened.pop('"'), i + 1))
            elif ch in "“«":
                opened.setdefault(ch, i)
            elif ch in "”»":
                start = opened.pop("“" if ch == "”" else "«", None)
                if start is not None:
                    spans.append((start, i + 1))
            elif ch in "‘'’":
                before = text[i - 1] if i else " "
                after = text[i + 1] if i + 1 < n else " "
                if ch != "’" and not before.isalnum() and after.isalpha():
                    opened.setdefault("'", i)
                elif ch != "‘" and "'" in opened and not after.isalnum() and not before.isspace():
                    spans.append((opened.pop("'"), i + 1))
        if depth:
            spans.append((paren, n))
        # An unclosed single mark is an apostrophe ("'90s", "rock 'n roll"); others hold on.
        spans.extend((start, n) for mark, start in opened.items() if mark != "'")
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._spans = merged
        self._starts = [start for start, _ in merged]

    def inside(self, at: int) -> bool:
        """Whether the character at ``at`` is inside a quotation (or brackets)."""
        i = bisect.bisect_right(self._starts, at) - 1
        return i >= 0 and at < self._spans[i][1]

    def blanked(self, text: str) -> str:
        """``text`` (which these marks were read from) with what they hold blanked out."""
        out, last = [], 0
        for start, end in self._spans:
            out.append(text[last:start] + " " * (end - start))
            last = end
        out.append(text[last:])
        return "".join(out)


# --- Brackets --------------------------------------------------------------------------

_BRACKETS = re.compile(r"\(([^()]{1,200})\)")
#: Brackets that point at a picture the listener cannot see: "(left)", "(pictured)",
#: "(library image of an Orca in Scotland)".
_PICTURE_POINTER = re.compile(
    r"(?i)(?:left|right|centre|center|above|below|top|bottom|inset|(?:second|far|top|"
    r"bottom|centre|center) (?:left|right)|(?:\S+ ){0,4}(?:pictured|photo|photograph|"
    r"image|picture|file)\b.*)"
)
_SCALE = r"(?:bn|m|k|tn|million|billion|trillion|thousand)"
_CURRENCY = (
    r"(?:euros?|dollars?|pounds?|pence|yen|yuan|rupees?|roubles?|rubles?|pesos?|francs?|"
    r"kron[aeor]r?|won|rand|reais|lira|dinars?|riyals?|dirhams?|ringgit|baht|shekels?|"
    r"zloty|[A-Z]{3}\b)"
)
_UNIT = (
    r"(?:miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|m|feet|foot|ft|inch(?:es)?|in|"
    r"centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|yards?|acres?|hectares?|"
    r"(?:square|sq|cubic) (?:miles|kilomet(?:er|re)s|km|met(?:er|re)s|feet|ft)|km2|"
    r"pounds|lbs?|kilo(?:gram)?s?|kg|grams?|g|ounces?|oz|stones?|st|tons?|tonnes?|"
    r"lit(?:er|re)s?|l|gallons?|pints?|mph|km/h|kph|knots?|degrees?(?: [CF]\w*)?|°\s?[CF]|[CF])"
)
_AMOUNT = (
    rf"(?:(?:about|around|some|nearly|almost|roughly|more than|over|up to) )?"
    rf"(?:(?:US|A|C|NZ|HK)?[$£€¥₹] ?\d[\d.,]*(?: ?{_SCALE}\b)?"
    rf"|\d[\d.,]* ?(?:{_SCALE} ?)?{_CURRENCY}|\d[\d.,]* ?{_UNIT}\b\.?)"
)
#: A conversion of the amount before it: "(£117m)", "($10.2bn; £5.5bn)", "(3.4 meters)".
_CONVERSION = re.compile(rf"{_AMOUNT}(?: ?[;:,/] ?{_AMOUNT})*")
#: A year ("The Crucible (1996)") or a tie-break ("7-6 (7-4)", "6-7 (6/8)").
_YEAR_OR_TIEBREAK = re.compile(r"1[5-9]\d\d|20\d\d|\d{1,2}[-–/]\d{1,2}")
#: One word in brackets that may abbreviate the name before it: "(RTL)", "(Icann)".
_ABBREVIATION = re.compile(r"[A-Z][A-Za-z0-9&]{1,11}")
_NAME_WORD = re.compile(r"[\w'’&-]+")


def _abbreviates(abbreviation: str, before: str) -> bool:
    """Whether ``abbreviation`` is made of the words just ``before`` it: its first letter
    opens one of the last twelve, and its letters come in order in the words from
    there ("Radio Television Luxembourg (RTL)", "Bay Area Laboratory Cooperative
    (Balco)", "multimedia message (MMS)"; not "Josh Gad (Olaf)" or "PC (USA)")."""
    letters = re.sub(r"[^a-z]", "", abbreviation.lower())
    capitals = sum(ch.isupper() for ch in abbreviation)
    if len(letters) < 2 or (capitals < 2 and len(letters) > 8):
        return False
    names = _NAME_WORD.findall(before)[-12:]
    for i, word in enumerate(names):
        if word[0].lower() != letters[0] or (capitals < 2 and not word[0].isupper()):
            continue
        pool = iter("".join(names[i:]).lower())
        if all(letter in pool for letter in letters):
            return True
    return False


def _said_brackets(text: str, match: re.Match[str], quotes: _Marks) -> str | None:
    """What brackets are said as: None for as written, "" to leave them out, or the
    words they hold."""
    inner = match.group(1).strip()
    start, end = match.span()
    if (start and not text[start - 1].isspace()) or text[end : end + 1].isalnum():
        return None  # "friend(s)", "PC(USA)", "(the Heartland Project)When"
    if quotes.inside(start):
        # In a quotation, brackets hold the writer's words put in: "against (him)".
        return inner if inner[:1].islower() else None
    before = text[max(0, start - 120) : start]
    if (
        _PICTURE_POINTER.fullmatch(inner)
        or (_ABBREVIATION.fullmatch(inner) and _abbreviates(inner, before))
        or (re.search(r"\d", before[-30:]) and _CONVERSION.fullmatch(inner))
        or _YEAR_OR_TIEBREAK.fullmatch(inner)
    ):
        return ""
    if start == 0:
        return inner if end >= len(text.rstrip(".!?")) else None  # a sentence in brackets
    if re.search(r"[,;?!]", inner):
        return None  # "a large (and it would have to be, wouldn't it?) piece": commas blur it
    return inner


def parentheses_for_the_ear(sentence: str) -> str:
    """A sentence with its brackets said as a voice can say them: an aside between
    commas ("decide (with her staff) which" -> "decide, with her staff, which"), or
    left out when it adds nothing a listener needs: an abbreviation after the name it
    abbreviates ("the Institute for Supply Management (ISM)"), a conversion of the
    amount before it ("$220m (£117m)", "11 feet (3.4 meters)"), a year ("The Crucible
    (1996)"), a tie-break, a pointer at a picture ("(left)", "(pictured)"). In a
    quotation, words put in brackets ("against (him)") are said without them.
    Brackets with a comma or a question in them, glued to a word ("friend(s)"),
    opening a sentence, holding a capitalised word in a quotation or in other brackets
    stay as written."""
    if "(" not in sentence:
        return sentence
    quotes = _Marks(sentence, brackets=False)
    outermost: set[int] = set()
    depth = 0
    for match in re.finditer(r"[()]", sentence):
        if match.group() == "(":
            if depth == 0:
                outermost.add(match.start())
            depth += 1
        else:
            depth = max(0, depth - 1)
    out: list[str] = []
    last = 0
    for match in _BRACKETS.finditer(sentence):
        said = _said_brackets(sentence, match, quotes) if match.start() in outermost else None
        if said is None:
            continue
        start, end = match.span()
        head, after = sentence[last:start].rstrip(), sentence[end : end + 2]
        if said and not quotes.inside(start) and head:
            comma = "," if head[-1] not in ",;:—–-" else ""
            said = f"{comma} {said}" + ("," if re.match(r"\s\w", after) else "")
        elif said:
            said = f" {said}"
        out.append(head + said)
        last = end
    if not out:
        return sentence
    return ("".join(out) + sentence[last:]).strip()


# --- Clauses ---------------------------------------------------------------------------

_EAR_TOKEN = re.compile(r"[A-Za-z0-9][\w'’&.-]*|--|[^\w\s]")
#: Words that are verbs with a subject before them whatever follows.
_FINITE = frozenset(
    """is are was were has have had will would can could may might must should shall does
    do did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't cannot
    couldn't mustn't shouldn't doesn't don't didn't went took came gave got saw began became
    fell rose ran wrote knew drove flew grew threw drew broke chose spoke stole woke wore
    sang sank shook froze withdrew overtook arose forgave says plans wants needs expects
    believes thinks remains continues seems appears faces hopes looks makes takes gives
    goes comes gets knows means shows tells calls leads holds stands lives works claims
    argues insists admits denies warns adds reports wins loses keeps sees feels becomes
    lies sits tries helps uses includes provides allows requires involves offers features
    draws plays suggests marks starts ends stays""".split()
)
_AUXILIARIES = frozenset(
    """is are was were has have had will would can could may might must should shall does
    do did""".split()
)
#: Past forms that are participles too ("the man held by police"), as is every "-ed".
_PAST_OR_PARTICIPLE = frozenset(
    """said told made found held kept built sent spent paid led brought bought caught sold
    heard meant left lost won felt fought taught sought sat slept swept dealt hung struck
    stood met shot fled""".split()
)
#: A participle's next word ("accused of", "known as", "said to"): no verb of a clause.
_AFTER_PARTICIPLE = frozenset(
    "by of as to in at on for from with into during under after over near".split()
)
#: Words in "-ed" that are no verbs.
_NOT_PAST = frozenset(
    """need needed speed seed feed breed bred bed red shed hundred sacred naked wicked
    beloved aged kindred hatred rugged ragged jagged learned alleged so-called""".split()
)
#: Plain forms, verbs after a plural subject ("officials say").
_PLAIN_VERBS = frozenset(
    """say want need expect believe think remain continue seem appear face hope know mean
    show tell call hold live work claim argue insist admit deny warn plan fear feel see
    agree disagree accuse blame""".split()
)
#: Words that open a subject ("the", "its", "two").
_DETERMINERS = frozenset(
    """the a an this that these those his her its their our my your some many most all no
    each every both several other another such one two three four five six seven eight
    nine ten dozens hundreds thousands millions few more""".split()
)
_PRONOUNS = frozenset("i you he she it we they there".split())
_PLURAL_PRONOUNS = frozenset("i you we they".split())
_CONTRACTED_SUBJECT = re.compile(
    r"(?i)(?:i|you|he|she|it|we|they|there|that)['’](?:s|re|m|ve|ll|d)"
)
#: Words that end a subject before its verb: a clause in it, a preposition (but "of"),
#: a pronoun that cannot be part of one.
_NOT_IN_SUBJECT = frozenset(
    """that which who whom whose what how why whether where when while because if although
    though than to not as but or nor so i you he she we they him them us me said in on at
    for from with by about into after before during over under since""".split()
)
#: Words a subject cannot open with.
_NOT_OPENING_SUBJECT = _NOT_IN_SUBJECT | frozenset("of also only just even".split())
#: Words that may come before a clause's subject ("and then the council voted").
_CLAUSE_ADVERBS = frozenset(
    """then now so yet also still instead meanwhile eventually later earlier today yesterday
    tomorrow finally thus hence never""".split()
)
#: Words opening a phrase set before a clause's subject with a comma ("in 2010, Kim was").
_FRONTING = frozenset(
    """in on at to after before when while as since during with for by from under despite
    although though if once until last this earlier later meanwhile instead however""".split()
)
#: Words after which an "-ed" word describes a noun: "a purported shooting", "of
#: celebrated roles".
_BEFORE_ADJECTIVE = _DETERMINERS | _AFTER_PARTICIPLE
#: Words after a verb in "-s" that show it is one ("threatens to", "faces a").
_AFTER_VERB = frozenset("to the a an his her its their our".split())
#: Words in "-s" that are no verbs.
_NOT_VERB_S = frozenset(
    """always perhaps sometimes towards afterwards besides nevertheless whereas unless
    thus plus across news series species""".split()
)
#: A subject is found within this many words.
_SUBJECT_WORDS = 9


def _bare(token: str) -> str:
    return token.lower().rstrip(".")


def _is_verb(token: str, following: str, before: str) -> bool:
    """Whether ``token`` (between ``before`` and ``following``) is a verb with its
    subject before it: "voted" in "the council voted", not in "a purported shooting",
    "a man accused of"."""
    word = _bare(token)
    if not token[:1].islower():
        return False
    if word in _FINITE:
        return True
    if word in _PAST_OR_PARTICIPLE or (
        len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST
    ):
        return _bare(following) not in _AFTER_PARTICIPLE and _bare(before) not in _BEFORE_ADJECTIVE
    if word in _PLAIN_VERBS:
        return _bare(before) in _PLURAL_PRONOUNS or (
            before[:1].islower() and before.endswith("s") and not before.endswith("ss")
        )
    # "their involvement threatens to", not "the council offices" or "the city's parks".
    return (
        len(word) > 4
        and word.endswith("s")
        and word not in _NOT_VERB_S
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
        and before[:1].islower()
        and not before.endswith(("s", "'s", "’s"))
        and _bare(before) not in _DETERMINERS
        and _bare(following) in _AFTER_VERB
    )


def _subject_and_verb(tokens: list[str]) -> bool:
    """Whether ``tokens`` open with a subject and its verb ("the council voted", "experts
    warned", "it was", "there are", "Thicke and Williams were")."""
    if not tokens:
        return False
    first, low = tokens[0], _bare(tokens[0])
    if _CONTRACTED_SUBJECT.fullmatch(first):
        return True
    if low in _PRONOUNS:
        rest = tokens[1:]
        if rest and _bare(rest[0]) in _CLAUSE_ADVERBS:
            rest = rest[1:]
        return bool(rest) and _is_verb(rest[0], rest[1] if len(rest) > 1 else "", first)
    if (
        low in _NOT_OPENING_SUBJECT
        or low.endswith(("ly", "ing"))
        or not first[:1].isalnum()
        or _is_verb(first, tokens[1] if len(tokens) > 1 else "", "")
    ):
        return False
    # A subject that opens with a bare word ("experts warned", "local police said") is
    # short: a longer run is more likely a verb's object ("set the stage for what will").
    bare = first[:1].islower() and low not in _DETERMINERS
    for i in range(1, min(len(tokens), 3 if bare else _SUBJECT_WORDS + 1)):
        token, word = tokens[i], _bare(tokens[i])
        if token in ('"', "“", "”", "‘", "’", "'"):
            continue
        if not token[:1].isalnum():
            return False  # a comma, a dash: an apposition or a list, not a subject
        if _is_verb(token, tokens[i + 1] if i + 1 < len(tokens) else "", tokens[i - 1]):
            return True
        if word in _NOT_IN_SUBJECT:
            return False
        if word in _DETERMINERS and _bare(tokens[i - 1]) not in ("of", "and", "&"):
            return False  # a clause inside the subject: "an issue many hoped ... was"
    return False


def _tokens(text: str, count: int = 24) -> list[str]:
    return [match.group(0) for match in itertools.islice(_EAR_TOKEN.finditer(text), count)]


def starts_clause(text: str) -> bool:
    """Whether ``text`` opens with a clause of its own: a subject and its verb, maybe
    after words that may come first ("then", "in 2010,", "when he arrived,"). "the
    council voted ..." does; "decided to ..." (its subject is the sentence's before it),
    "a film accused of ..." (no verb), "who lost ..." and "an issue many hoped was ..."
    do not."""
    tokens = _tokens(text)
    while tokens and (tokens[0] == "," or _bare(tokens[0]) in _CLAUSE_ADVERBS):
        tokens = tokens[1:]
    if _subject_and_verb(tokens):
        return True
    if tokens and _bare(tokens[0]) in _FRONTING and "," in tokens[1:9]:
        return _subject_and_verb(tokens[tokens.index(",", 1) + 1 :])
    return False


def _has_verb(text: str) -> bool:
    """Whether ``text`` has the verb of a clause somewhere."""
    tokens = _tokens(text, MAX_EAR_CHARS)
    return any(
        _is_verb(token, tokens[i + 1] if i + 1 < len(tokens) else "", tokens[i - 1] if i else "")
        for i, token in enumerate(tokens)
    )


_SUBORDINATE = re.compile(
    r"(?i)^\W*(?:(?:and|but|so)\s+)?(?:when|while|as|if|although|though|because|since|after|"
    r"before|unless|until|once|whereas|now that|even if|even though)\b"
)


def _holds_clause(text: str) -> bool:
    """Whether ``text`` can stand as a sentence: it has a verb and is not only a
    subordinate clause ("And now that Reid is planning to retire")."""
    if _SUBORDINATE.match(text) and "," not in text:
        return False
    return _has_verb(text)


# --- Cutting ---------------------------------------------------------------------------

#: Verbs of saying: what follows them may be what someone said ("Police said ...").
_SAYING = re.compile(
    r"(?i)\b(?:said|says|say|told|tells|according to|reported|reports|reportedly|claimed|"
    r"claims|alleged|alleges|(?<!been )(?<!be )(?<!is )(?<!was )(?<!are )(?<!were )added|"
    r"adds|announced|warned|insisted|explained|wrote|writes|tweeted|confirmed|argued|"
    r"argues|stated|believes|believed)\b"
)
#: A closing phrase with a verb of saying that is no attribution (", or say.").
_NOT_ATTRIBUTION = re.compile(
    r"(?i),\s*(?:and|or|but|so|yet|nor|which|who|whom|that|where|when|while|as|if|because)\b"
)
#: A quotation's mark just before a verb of saying, or just after it: the verb says
#: whose the quotation is ('"...," he said', 'he said: "..."').
_QUOTE_BEFORE = re.compile(r"(?:[\"”]|[.,!?]['’])[^\"“”]{0,30}$")
_QUOTE_AFTER = re.compile(r"^[^\"“”‘]{0,15}[\"“‘]")


class _Sentence:
    """A sentence to cut: its text, its quotations and brackets, and its reporting
    frames."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks = _Marks(text)
        visible = self.marks.blanked(text)
        self._saying = [match.start() for match in _SAYING.finditer(visible)]
        self._attribution = self._attribution_start(visible)

    def _attribution_start(self, visible: str) -> int:
        """Where a closing attribution starts (", police said.", ", according to Jane
        Doe, a spokeswoman."): all before it is that source's, so no cut goes before it.
        0 when there is none."""
        commas = [match.start() for match in re.finditer(",", visible)][-4:]
        for i in reversed(range(len(commas))):
            tail = visible[commas[i] :]
            if _word_count(tail) > 20 or tail != self.text[commas[i] :]:
                break  # a long tail, or a quotation in it ("..., but Wenger said: "..."")
            phrase = visible[commas[i] : commas[i + 1] if i + 1 < len(commas) else None]
            if (
                _word_count(phrase) <= 8
                and _SAYING.search(phrase)
                and not _NOT_ATTRIBUTION.match(phrase)
            ):
                return commas[i]
        return 0

    def _reported_before(self, at: int) -> bool:
        """Whether a verb of saying before ``at`` may frame what comes after it ("Police
        said the man fled, and ..."); one right after a quotation or right before one
        only says whose it is."""
        for said in self._saying:
            if said >= at:
                break
            if not (
                _QUOTE_BEFORE.search(self.text[max(0, said - 40) : said])
                or _QUOTE_AFTER.search(self.text[said : said + 30])
            ):
                return True
        return False

    def may_cut(self, at: int, resume: int | None = None) -> bool:
        """Whether the sentence may be cut at ``at`` (to go on at ``resume``): outside
        quotations and brackets, and no piece loses whose words it says: not before a
        closing attribution, not after "X said", unless what follows names its own
        source ("... reported that ..., but Seoul police said ...")."""
        if self.marks.inside(at) or at < self._attribution:
            return False
        if resume is not None and _SAYING.search(" ".join(_tokens(self.text[resume:], 8))):
            return True
        return not self._reported_before(at)


def _capitalised(text: str) -> str:
    """``text`` opening with a capital ("and the council" -> "And the council"; "eBay"
    stays)."""
    text = text.strip()
    match = re.match(r"[\"“‘'(]*([a-z]+)\b", text)
    if match is None:
        return text
    return text[: match.start(1)] + text[match.start(1)].upper() + text[match.start(1) + 1 :]


def _ended(text: str) -> str:
    """``text`` ending as a sentence does: a full stop where it has no end mark."""
    text = text.strip().rstrip(",;:—–-").rstrip()
    return text if re.search(r"[.!?…][\"”’')]*$", text) else text + "."


#: A way to say a sentence: its rank (the plainest first) and its pieces.
_Way = tuple[int, list[str]]

#: Where two clauses meet: a semicolon, a comma before "and", "but", "so" or "yet", a dash.
#: (A run of white space is tried from its start only.)
_JOINT = re.compile(r";\s+|,\s+(?=(?:and|but|so|yet)\s)|(?<!\s)\s*+—\s*+|(?<!\s)\s++(?:--|–|-)\s++")
_EAR_DASH = re.compile(r"(?<!\s)\s*+—\s*+|(?<!\s)\s++(?:--|–|-)\s++")
_CONJUNCTION = re.compile(r"^(?:and|but|so|yet)\s+")
_WHICH = re.compile(r",\s+which\s+")


def _clause_ways(sentence: _Sentence) -> list[_Way]:
    """Cuts between two clauses: at a semicolon (not in a list: "Smith, 15; Jones, 16;
    and ..."), before ", and", ", but", ", so", ", yet", or at a dash, when a clause with
    its own subject follows ("..., and the council voted" -> "... . And the council
    voted"), and what goes before can stand alone."""
    text = sentence.text
    semicolons = [m.end() for m in re.finditer(";", text) if not sentence.marks.inside(m.start())]
    listing = any(
        re.match(r"\s*(?:and|or)\s", text[at:])
        and not starts_clause(re.sub(r"^\s*(?:and|or)\s+", "", text[at:]))
        for at in semicolons
    )
    dashes = [m for m in _EAR_DASH.finditer(text) if not sentence.marks.inside(m.start())]
    ways: list[_Way] = []
    for match in _JOINT.finditer(text):
        start, end = match.span()
        if not sentence.may_cut(start, end):
            continue
        left, right = text[:start], text[end:]
        joint = match.group(0).strip()
        clause = _CONJUNCTION.sub("", right)
        if joint == ";":
            if (
                listing
                or re.match(r"(?i)(?:while|whereas|although|though|because)\b", right)
                or not _has_verb(re.split(r"[;:]", left)[-1])
                or not _has_verb(right.split(";")[0])
            ):
                continue
            rank = 0
        elif not starts_clause(clause):
            continue
        elif joint == ",":
            # "Smith, Jones, and Brown voted" lists names: it joins no clauses.
            last = left.rsplit(",", 1)
            if len(last) == 2 and _word_count(last[1]) <= 3 and not _has_verb(last[1]):
                continue
            rank = 1
        else:
            rank = 1
            before = [m for m in dashes if m.start() < start and m.group(0).strip() == joint]
            if len(before) % 2 == 0 and any(
                m.start() > start and m.group(0).strip() == joint for m in dashes
            ):
                continue  # a dash opening an aside: the pair is cut as one (_aside_ways)
            if len(before) % 2:
                # A dash closing an aside goes on the sentence ("two men -- A and B --
                # it said ..."), but "and" may follow an aside after a whole clause
                # ("were spotted off Padstow - just 15 miles from Newquay - and experts
                # warned ...").
                opening = before[-1].start()
                if clause == right or not _holds_clause(re.split(r"[;:]", left[:opening])[-1]):
                    continue
        if _holds_clause(left):
            ways.append((rank, [_ended(left), _capitalised(right)]))
    return ways


_WHICH_ADVERBS = frozenset(
    """also still now already often never later then likely reportedly recently previously
    currently usually""".split()
)


def _which_verb(clause: str) -> tuple[str, str] | None:
    """For the words after "which", when its verb follows it ("which is", "which
    opened"): the pronoun that stands for what it is about ("" when the verb does not
    tell: "which opened") and the verb; None for "which searchers found" (which is the
    verb's object)."""
    tokens = _tokens(clause, 2)
    if tokens and _bare(tokens[0]) in _WHICH_ADVERBS:
        tokens = tokens[1:]
    if not tokens or not tokens[0][:1].islower():
        return None
    verb = _bare(tokens[0])
    if verb in ("is", "was", "has", "does", "isn't", "wasn't", "hasn't", "doesn't") or (
        verb in _FINITE and verb.endswith("s") and verb not in _AUXILIARIES
    ):
        return "It", verb
    if verb in ("are", "were", "have", "do", "aren't", "weren't", "haven't", "don't"):
        return "They", verb
    if _is_verb(verb, "", ""):
        return "", verb
    return None


def _pronoun_for(word: str) -> str:
    """ "It", or "They" for a plural noun ("incidents")."""
    bare = word.strip("\"”’'),")
    plural = bare[:1].islower() and bare.endswith("s") and not bare.endswith(("ss", "us", "is"))
    return "They" if plural else "It"


def _same_form(verb: str, other: str) -> bool:
    """Whether two verbs are in one form, as one clause's verbs in a row are ("prompted
    ..., prompted ...", "draws ..., holds ..."); an auxiliary is none."""
    verb, other = _bare(verb), _bare(other)
    if verb in _AUXILIARIES or other in _AUXILIARIES:
        return False
    return (verb.endswith("ed") and other.endswith("ed")) or (
        verb.endswith("s") and other.endswith("s")
    )


def _which_ways(sentence: _Sentence) -> list[_Way]:
    """A ", which" clause whose verb follows "which", said as a sentence of its own: at
    the end ("..., which opened in 1932." -> "... . It opened in 1932."), or between the
    subject opening the sentence and its verb ("The bridge, which opened in 1932, will
    close." -> "The bridge will close. It opened in 1932.")."""
    text = sentence.text
    ways: list[_Way] = []
    for match in _WHICH.finditer(text):
        start, end = match.span()
        found = _which_verb(text[end:])
        if found is None or not sentence.may_cut(start):
            continue
        pronoun, verb = found
        left, rest = text[:start], text[end:]
        pronoun = pronoun or _pronoun_for(left.rsplit(None, 1)[-1])
        subject = left.strip()
        opens = (
            "," not in subject
            and _word_count(subject) <= 10
            and not _has_verb(subject)
            and not _EAR_DASH.search(subject)
        )
        # The clause ends at a comma before the verb its subject waits for; else at the
        # sentence's end, when its commas set off only names, dates and places ("on
        # Saturday, April 18") or its own verbs ("..., prompted the airline to ..."). A
        # comma before any other word ends it where it cannot be told ("in Alexandria,
        # which is near Jena, as they awaited buses ...").
        to_the_end = True
        for comma in re.finditer(r",[\"”’']?\s+", rest):
            if sentence.marks.inside(end + comma.end() - 1):
                continue
            after = rest[comma.end() :]
            following = _tokens(after, 2)
            if following and _is_verb(following[0], (following + [""])[1], ""):
                if opens:
                    said = rest[: comma.start()] + comma.group(0).strip(" ,")
                    ways.append((2, [f"{subject} {after.strip()}", _ended(f"{pronoun} {said}")]))
                elif _same_form(verb, following[0]):
                    continue
            elif following and (following[0][:1].isupper() or following[0][:1].isdigit()):
                continue
            to_the_end = False
            break
        ending = to_the_end and not opens and not _EAR_DASH.search(rest) and ";" not in rest
        if ending and _holds_clause(left):
            ways.append((2, [_ended(left), _capitalised(f"{pronoun} {rest}")]))
    return ways


#: Words that point back at something named before them ("in both those nations"): an
#: aside they may point into stays.
_POINTS_BACK = re.compile(r"(?i)\b(?:those|these|both|either|neither|former|latter|such)\b")
#: A phrase or clause set before a sentence's subject ("Even without Neymar", "If you
#: turn to the Bible").
_FRONTED = re.compile(
    r"(?i)^\W*(?:(?:and|but)\s+)?(?:even\s+)?(?:in|on|at|after|before|when|while|as|since|"
    r"during|with|without|for|by|from|under|despite|although|though|if|once|until|unless|"
    r"because|whereas|now that)\b"
)
#: An apposition saying what the words before it were: "a move which led to ...".
_APPOSITION = re.compile(r"(?i)^(?:a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:which|that|who)\b")


def _without_aside(head: str, tail: str) -> str:
    """The sentence without the aside between ``head`` and ``tail``. Where the second
    dash also ended a phrase set before the subject, or opened an apposition, a comma
    stays in its place ("Even without Neymar -- the third prong -- Enrique was able"
    -> "Even without Neymar, Enrique was able")."""
    head, tail = head.rstrip(), tail.lstrip()
    fronted = _FRONTED.match(head) and "," not in head and starts_clause(tail)
    return f"{head}, {tail}" if fronted or _APPOSITION.match(tail) else f"{head} {tail}"


def _aside_ways(sentence: _Sentence, limit: int) -> list[_Way]:
    """An aside between two dashes ("The Swede -- who lost by one stroke -- was ticked
    off"): said after the sentence when it is a clause of its own or a "which" clause
    (as ", which" clauses are), else left out, when it is short, opens with no "and",
    nothing after it points back into it, and the sentence is then short enough."""
    text = sentence.text
    dashes = [m for m in _EAR_DASH.finditer(text) if not sentence.marks.inside(m.start())]
    kinds = [m.group(0).strip() for m in dashes]
    # Dashes before capitals, three or more of a kind: a list run together ("... to spare.
    # - Increase in the stamp duty threshold - A freeze on petrol duty - ...").
    capitals = [m.group(0).strip() for m in dashes if text[m.end() : m.end() + 1].isupper()]
    listed = {kind for kind in kinds if kinds.count(kind) > 2 <= capitals.count(kind) + 1}
    ways: list[_Way] = []
    for first, second in zip(dashes, dashes[1:], strict=False):
        kind = first.group(0).strip()
        if kind != second.group(0).strip() or kind in listed:
            continue
        head, tail = text[: first.start()], text[second.end() :]
        aside = text[first.end() : second.start()]
        size = _word_count(aside)
        if (
            not head.strip()
            or _word_count(tail) < 2
            or size > MAX_ASIDE_WORDS
            or 2 * size > _word_count(text)
        ):
            continue
        whole = _without_aside(head, tail)
        found = _which_verb(aside[6:]) if aside.startswith("which ") else None
        own = sentence.may_cut(first.start()) and sentence.may_cut(second.start())
        if found is not None and own:
            pronoun = found[0] or _pronoun_for(head.rsplit(None, 1)[-1])
            ways.append((3, [whole, _ended(f"{pronoun} {aside[6:]}")]))
        elif starts_clause(aside) and not re.match(r"(?i)(?:and|but|or)\b", aside):
            if own:
                ways.append((3, [whole, _ended(_capitalised(aside))]))
        elif (
            not re.match(r"(?i)(?:and|but|or|nor)\b", aside)
            and not _POINTS_BACK.search(tail)
            and _word_count(whole) <= limit
        ):
            ways.append((4, [whole]))
    return ways


def _best(ways: list[_Way], limit: int) -> list[str] | None:
    """The plainest way that leaves every piece within ``limit`` (the most even of
    those), else the one that leaves the longest piece shortest; no way leaves a piece
    shorter than MIN_PIECE_WORDS."""
    best: tuple[tuple[bool, int, int], list[str]] | None = None
    for rank, pieces in ways:
        counts = [_word_count(piece) for piece in pieces]
        if min(counts) < MIN_PIECE_WORDS:
            continue
        longest = max(counts)
        key = (longest > limit, rank if longest <= limit else longest, longest)
        if best is None or key < best[0]:
            best = (key, pieces)
    return None if best is None else best[1]


def _cut(text: str, limit: int) -> list[str]:
    if _word_count(text) <= limit:
        return [text]
    sentence = _Sentence(text)
    ways = _clause_ways(sentence) + _which_ways(sentence) + _aside_ways(sentence, limit)
    pieces = _best(ways, limit)
    if pieces is None:
        return [text]
    return [part for piece in pieces for part in _cut(piece, limit)]


def for_the_ear(sentence: str, limit: int = EAR_WORDS) -> list[str]:
    """A spoken sentence as sentences a listener can hold, each at most ``limit`` words
    where the sentence lets itself be cut.

    Brackets are said as ``parentheses_for_the_ear`` says them, in every sentence. One
    still over ``limit`` words is cut where its grammar lets it be cut: at a semicolon
    between two clauses; before ", and", ", but", ", so" or ", yet", or at a dash, when
    a clause with its own subject follows ("..., and the council voted" -> "... . And
    the council voted"); at a ", which" clause whose verb follows "which", said as a
    sentence of its own ("The bridge, which opened in 1932, will close." -> "The bridge
    will close. It opened in 1932."); at an aside between two dashes, said after the
    sentence when it is a clause, else left out. A quotation is never cut, and no piece
    loses whose words it says: no cut before a closing attribution ("..., police said.")
    or after "X said" that may frame what follows. The plainest cut that leaves every
    piece within ``limit`` is taken, the most even of those, and a piece still over it
    is cut again.

    A sentence with no such place is returned as it is, however long: the caller
    decides what to do with one that stays over ``limit`` (or over 40 words); so is
    text over MAX_EAR_CHARS, which is no sentence. Each piece the cuts make opens with
    a capital and ends with sentence punctuation. Joined, the pieces say the sentence's
    words in its order, but for brackets and asides left out, a "which" clause or an
    aside said after the rest, and "It" or "They" for "which"."""
    text = parentheses_for_the_ear(sentence)
    if len(text) > MAX_EAR_CHARS:
        return [text]
    return _cut(text, limit)


# --- Trimming --------------------------------------------------------------------------
# A sentence that no cut brings within MAX_SPOKEN_WORDS ("'I think we're going to ...,'
# NASA chief scientist Ellen Stofan said Tuesday during a panel discussion on water in
# the universe.") is said without a modifier the news can do without, rather than not
# at all: dropping one leaves what the sentence says true, only less detailed.

#: Words opening a phrase set before the subject that may go: none that makes the rest
#: conditional ("If ...", "Unless ...", "Until ...", "Without ...", "Only ...").
_LOOSE_OPENER = re.compile(
    r"(?i)^(?:(?:just|even|shortly|soon|long|only)\s+)?(?:with|in|after|as|during|despite|amid|"
    r"amidst|following|before|since|while|although|though|on|at|for|by|under|throughout|"
    r"having|like|unlike|along\s+with|never|famed|known|"
    r"(?:\w+\s+){1,2}(?:after|before|since|later|earlier|ago))\b"
)
#: A participle opening the sentence ("Blended into the background, ...").
_OPENING_PARTICIPLE = re.compile(r"^[A-Z][a-z]{2,}(?:ed|en|ing)\b")
#: Words ending in -ing that are no participle.
_NOT_PARTICIPLE = frozenset(
    "something anything nothing everything morning evening building thing king ring "
    "spring string wedding ceiling bring sibling darling offspring swing sting".split()
)
#: Words opening a modifier that closes a sentence (", including ...", ", as he ...").
_LOOSE_CLOSER = re.compile(
    r"(?i),\s+(?:including|with|as|while|after|amid|despite|following|during|where|"
    r"when|before|just|[a-z]{3,}ing)\b"
)
#: A relative clause set off by commas ("Almagro, who is battling back after surgery,
#: reached ..."), or an apposition after a name ("Sen. Tom Cotton, a smart
#: constitutional lawyer, drafted ..."): either may go.
_LOOSE_INSERT = re.compile(
    r",\s+(?P<kind>who|whose|a|an|the)\s[^,;:\"“”()]{2,160}?,\s+"
    r"(?!(?:and|or|but|nor|who|whose|which|a|an|the)\b)"
)
#: What follows a verb of saying that may go ("... Ellen Stofan said Tuesday during a
#: panel discussion on water in the universe.").
_AFTER_SAYING = re.compile(
    r"(?i)\b(?:said|says|told\s+[\w'’.]+(?:\s+[\w'’.]+)?|wrote|added|announced|reported)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"yesterday|earlier|later))?(?P<drop>\s+(?:during|at|in|while|after|before|ahead\s+of|"
    r"following|on)\s+[^\"“”]{3,200}?)(?=[.!?]?$)"
)
#: A trim is tried only when the sentence is at most this much longer than the limit,
#: and at most this many of each (a hostile sentence of 70 words, each pair a closing
#: modifier, costs what a real one does).
MAX_TRIMMED_WORDS = 30
MAX_TRIMS = 12


def _ends_like(text: str, model: str) -> str:
    """``text`` ended as a sentence, with the mark ``model`` ended with (a full stop if
    none)."""
    end = next((ch for ch in reversed(model.rstrip()[-3:]) if ch in ".!?"), ".")
    text = text.rstrip(" ,;:-—–")
    return text if text[-1:] in ".!?" else text + end


#: Number words: a closing modifier with one carries news ("..., killing three miners").
_NUMBER_WORD = re.compile(
    r"(?i)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|scores|hundreds?|thousands?|millions?|billions?|all|no)\b"
)


#: Words a sentence cannot end with.
_DANGLING = frozenset(
    "and or but nor so yet the a an of to in on at by for from with as than that which who "
    "whose whom".split()
)
#: Pronouns that may point back at someone named in a phrase before the subject.
_PERSONAL = re.compile(r"(?i)\b(?:he|him|his|she|her|hers|they|them|their)\b")


_NAMED_PLACE = re.compile(r"\s+in\s+(?:the\s+)?[A-Z]")


def _loses_referent(opener: str, rest: str) -> bool:
    """Whether ``rest`` points with "he", "her", "their" ... at someone only ``opener``
    names ("As the trial of Aaron Hernandez ..., witnesses described him ...")."""
    pronoun = _PERSONAL.search(rest)
    if pronoun is None or not re.search(r"\s[A-Z][a-z]", opener):
        return False
    return not re.search(r"\s[A-Z][a-z]", rest[: pronoun.start()])


def _clause_after_comma(text: str) -> bool:
    """Whether ``text`` goes on, after a comma, with a clause of its own ("after Ramos
    made it 1-1, he restored the lead"): then it is no modifier."""
    return any(starts_clause(part) for part in text.split(",")[1:] if part.strip())


def _trims(sentence: str) -> list[str]:
    """``sentence`` without each modifier the news can do without, one at a time: a
    phrase before the subject (not a condition), a modifier closing the sentence (not
    its attribution), a relative clause or apposition between commas, the
    circumstances of a verb of saying that closes it; never inside a quotation or
    brackets."""
    found = _Sentence(sentence)
    marks, out = found.marks, list[str]()
    if sentence.rstrip(" \"'”’").endswith("?"):
        return out  # "... three questions: What is smog, where does it come from ...?"
    if (_LOOSE_OPENER.match(sentence) or _OPENING_PARTICIPLE.match(sentence)) and not (
        _SAYING.match(sentence)
    ):
        comma = marks.blanked(sentence).find(",")
        opener, rest = sentence[:comma], sentence[comma + 1 :].lstrip()
        if (
            comma > 0
            and not _SAYING.search(opener)
            and starts_clause(rest)
            and not _loses_referent(opener, rest)
        ):
            out.append(_capitalised(rest))
    end = found._attribution or len(sentence)
    for match in _LOOSE_CLOSER.finditer(sentence, 0, end):
        word = match.group(0).split()[-1].lower()
        if marks.inside(match.start()) or word in _NOT_PARTICIPLE or _SAYING.search(word):
            continue
        head, closer = sentence[: match.start()], sentence[match.start() : end]
        if word.endswith("ing") and _NUMBER_WORD.search(closer):
            continue
        if (
            _has_verb(head)
            and not _SAYING.search(closer)
            and _bare(head.rsplit(None, 1)[-1]) not in _DANGLING
            and not _clause_after_comma(closer)
        ):
            out.append(_ends_like(head + sentence[end:], sentence))
    for match in _LOOSE_INSERT.finditer(sentence):
        before = sentence[max(0, match.start() - 40) : match.start()].split()
        after_name = bool(before) and before[-1][:1].isupper()
        opened = marks.blanked(sentence)[: match.start()].split(",", 1)
        if (
            (match["kind"] in ("who", "whose") or after_name)
            and len(opened) == 1  # a comma before it may pair with its own
            and starts_clause("it " + sentence[match.end() : match.end() + 80])
            and not marks.inside(match.start())
            and not marks.inside(match.end() - 1)
        ):
            out.append(sentence[: match.start()] + " " + sentence[match.end() :])
    for match in _AFTER_SAYING.finditer(sentence):
        # "in a statement" may go; "in The New York Times" names where it was said.
        if (
            not marks.inside(match.start("drop"))
            and not _NAMED_PLACE.match(match["drop"])
            and not _has_verb(match["drop"])  # "said on Thursday there were no plans"
        ):
            out.append(_ends_like(sentence[: match.start("drop")], sentence))
    return [text for text in out if _word_count(text) >= MIN_PIECE_WORDS]


def held(sentence: str, limit: int = MAX_SPOKEN_WORDS) -> str | None:
    """``sentence`` as a listener can hold it: itself when ``for_the_ear`` says it in
    pieces of at most ``limit`` words; else without the fewest words of one or two
    modifiers the news can do without (a phrase before the subject that is no condition,
    a modifier closing it, a relative clause or apposition between commas, what follows
    the verb of a closing attribution) that make it so; else None: it is not said."""
    if holdable(sentence, limit):
        return sentence
    if len(sentence) > MAX_EAR_CHARS or _word_count(sentence) > limit + MAX_TRIMMED_WORDS:
        return None
    once = _trims(sentence)[:MAX_TRIMS]
    tried = once + [twice for text in once for twice in _trims(text)[:MAX_TRIMS]]
    for text in sorted(tried, key=_word_count, reverse=True):
        if holdable(text, limit):
            return text
    return None
