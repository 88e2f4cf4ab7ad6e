"""Money: "$4.5bn" -> "four point five billion dollars", "C$20" -> "twenty Canadian dollars",
"50p" -> "fifty pence", and the scales after a number ("451m euros", "5m people" against
"the 100m final").
"""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import NUMBER, say_number
from .common import NOT_A_NOUN, WORD_AFTER
from .measure import describes as attributive

#: What a currency is called: one, many, and its hundredth when said ("cent", "cents").
_DOLLARS = ("dollar", "dollars", "cent", "cents")

_CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    "$": _DOLLARS,
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "USD": ("US dollar", "US dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CA$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "Can$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AU$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "HKD": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "NZD": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "SGD": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "NT$": ("Taiwan dollar", "Taiwan dollars", "cent", "cents"),
    "R$": ("real", "reais", "", ""),
    "BRL": ("real", "reais", "", ""),
    "Mex$": ("peso", "pesos", "", ""),
    "MXN": ("peso", "pesos", "", ""),
    "£": ("pound", "pounds", "penny", "pence"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
    "JPY": ("yen", "yen", "", ""),
    "CNY": ("yuan", "yuan", "", ""),
    "RMB": ("yuan", "yuan", "", ""),
    "₹": ("rupee", "rupees", "", ""),
    "Rs": ("rupee", "rupees", "", ""),
    "INR": ("rupee", "rupees", "", ""),
    "₩": ("won", "won", "", ""),
    "KRW": ("won", "won", "", ""),
    "₦": ("naira", "naira", "", ""),
    "₽": ("rouble", "roubles", "", ""),
    "₺": ("lira", "lira", "", ""),
    "₪": ("shekel", "shekels", "", ""),
    "₱": ("peso", "pesos", "", ""),
    "฿": ("baht", "baht", "", ""),
    "CHF": ("Swiss franc", "Swiss francs", "", ""),
    "ZAR": ("rand", "rand", "", ""),
    "SEK": ("Swedish krona", "Swedish kronor", "", ""),
    "NOK": ("Norwegian krone", "Norwegian kroner", "", ""),
    "DKK": ("Danish krone", "Danish kroner", "", ""),
}


#: The hundredth said after the whole ("three dollars and eighty-five cents"); for pounds
#: and euros the idiom is "three pounds twenty", "one euro fifty".
_AND_CENTS = frozenset({"cent"})


_SCALES = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "mln": "million",
    "million": "million",
    "bn": "billion",
    "b": "billion",
    "billion": "billion",
    "tn": "trillion",
    "t": "trillion",  # "$3T", joined in capitals only
    "trillion": "trillion",
    "crore": "crore",
    "lakh": "lakh",
}


_SCALE = r"(?:thousand|million|billion|trillion|crore|lakh|bn|mln|mn|tn|[kmb])\b"


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_SIGN = _alternation([c for c in _CURRENCIES if not c.isalpha()])
_CODE = _alternation([c for c in _CURRENCIES if c.isalpha()])


#: A scale after an amount: spaced or joined in small letters ("$5 million", "$5bn"), or
#: joined in capitals as US and Asian copy writes it ("$5M", "¥30B", "$2BN").
_MONEY_SCALE = rf"(?:\s?{_SCALE}|(?:[KMBT]|BN|MN|TN)\b)"


#: An amount after a sign: a number, or a decimal without its leading zero ("$.50").
_AMOUNT = rf"(?:{NUMBER}|(?<![\d.])\.\d{{1,15}}(?!\d|\.\d))"


# A sign or a code, an amount, a scale, and the other end of a range ("$5-10m",
# "£20-£30"). A code needs no letter before it ("CHF 20", "Rs. 500", "USD500").
_MONEY = re.compile(
    r"(?P<article>(?<![\w'’])[Aa]n? )?"
    rf"(?:(?<![\w$])(?P<sign>{_SIGN})\s?|(?<![\w$])(?P<code>{_CODE})\.?\s?)"
    rf"(?P<num>{_AMOUNT})(?P<scale>{_MONEY_SCALE})?"
    rf"(?:\s?[-–]\s?(?:{_SIGN}|{_CODE})?\s?(?P<num2>{_AMOUNT})(?P<scale2>{_MONEY_SCALE})?)?"
)


# A code after an amount: "500 USD", "2.5 billion EUR".
_MONEY_AFTER = re.compile(
    rf"(?<![\w.,$£€])(?P<num>{NUMBER})(?:\s?(?P<scale>{_SCALE}))? (?P<code>{_CODE})\b"
)


# Pence and cents: "50p", "2.5p a litre", "99¢". Not "720p", a picture's height.
_PENCE = re.compile(r"(?<![\w.,£$€])(?P<num>\d{1,3}(?:\.\d)?)(?P<unit>p|¢)(?![\w'’]|\.\w)")


def _say_amount(
    number: str, scale: str | None, names: tuple[str, str, str, str], single: bool
) -> str:
    one, many, sub_one, sub_many = names
    if single:
        many = one
    if scale:
        return f"{say_number(number)} {_SCALES[scale.lower()]} {many}"
    whole, _, fraction = number.replace(",", "").partition(".")
    if fraction and len(fraction) == 2 and sub_many:
        cents = int(fraction)
        if whole.strip("0") == "":
            return f"{num2words(cents)} {sub_one if cents == 1 else sub_many}"
        unit = one if whole == "1" else many
        if not cents:
            return f"{say_number(whole)} {unit}"
        if sub_one in _AND_CENTS:
            sub = sub_one if cents == 1 else sub_many  # "twenty dollars and one cent"
            return f"{say_number(whole)} {unit} and {num2words(cents)} {sub}"
        return f"{say_number(whole)} {unit} {num2words(cents)}"
    if fraction and int(fraction) == 0:
        number = whole
    return f"{say_number(number)} {one if number == '1' else many}"


def _first_of_range(number: str, names: tuple[str, str, str, str]) -> str:
    """The first amount of a range with its hundredths ("$5.50-$6.00"): said with its
    cents ("five dollars and fifty cents to ..."), or as a whole number when they are
    none ("$50.00-$100.00" -> "fifty to one hundred dollars"); "" when it has none."""
    whole, _, fraction = number.replace(",", "").partition(".")
    if len(fraction) != 2 or not names[3] or not whole:
        return ""
    if int(fraction) == 0:
        return say_number(whole)
    return _say_amount(number, None, names, False)


#: After an amount: a compound it makes with "a year", "an hour" ("a $1.5bn-a-year
#: business", "a $15-an-hour job"): its currency is then said once, as an adjective.
_PER_COMPOUND = re.compile(r"-(?:a|an|per)-[a-z]")


def _describes(text: str, start: int, end: int) -> bool:
    """Whether the amount at ``text[start:end]`` describes the noun after it: "a $8 fee",
    "a two-year, $50m contract" (``common.attributive``), "a $1.5bn-a-year business"."""
    return attributive(text, start, end) or _PER_COMPOUND.match(text, end) is not None


def _article(written: str | None, spoken: str) -> str:
    """The article before an amount as the amount is said: "an A$5 fine" is "a five
    Australian dollar fine", "a $8 fee" "an eight dollar fee"."""
    if not written:
        return ""
    vowel = spoken.startswith(("eight", "eleven"))
    article = "an" if vowel else "a"
    return (article.capitalize() if written[0].isupper() else article) + " "


def money(text: str) -> str:
    """ "$4.5bn" -> "four point five billion dollars", "£1.50" -> "one pound fifty",
    "$3.85" -> "three dollars and eighty-five cents", "C$20" -> "twenty Canadian
    dollars", "₹500" / "Rs 500" -> "five hundred rupees", "CHF 20" -> "twenty Swiss
    francs", "$5-10m" -> "five to ten million dollars", "500 USD" -> "five hundred US
    dollars", "50p" -> "fifty pence"; "a $20 billion plant" -> "a twenty billion dollar
    plant"."""

    def say(m: re.Match[str]) -> str:
        names = _CURRENCIES[m.group("sign") or m.group("code")]
        start = m.start("sign") if m.group("sign") else m.start("code")
        single = _describes(text, start, m.end())
        scale1 = (m.group("scale") or "").strip()
        if m.group("num2"):
            scale2 = (m.group("scale2") or "").strip()
            spoken = _first_of_range(m.group("num"), names) if not scale1 else ""
            spoken = spoken or say_number(m.group("num"))
            if scale1 and scale2:
                spoken += f" {_SCALES[scale1.lower()]}"
            spoken += " to " + _say_amount(m.group("num2"), scale2 or scale1, names, single)
        else:
            spoken = _say_amount(m.group("num"), scale1, names, single)
        return _article(m.group("article"), spoken) + spoken

    def after(m: re.Match[str]) -> str:
        names = _CURRENCIES[m.group("code")]
        return _say_amount(m.group("num"), m.group("scale"), names, False)

    def pence(m: re.Match[str]) -> str:
        number, unit = m.group("num"), m.group("unit")
        if unit == "p" and number in ("240", "360", "480", "720"):
            return m.group(0)
        single = number == "1" or attributive(text, m.start(), m.end())
        if unit == "¢":
            return f"{say_number(number)} {'cent' if single else 'cents'}"
        return f"{say_number(number)} {'penny' if number == '1' else 'pence'}"

    text = _MONEY.sub(say, text)
    text = _MONEY_AFTER.sub(after, text)
    return _PENCE.sub(pence, text)


_PLAIN_SCALE = re.compile(
    rf"(?<![\w.,])(?P<num>{NUMBER})(?:(?P<scale>bn|mn|tn|m|k)|\s(?P<spaced>bn|mn|tn))\b"
)


#: Words after "100m" that say it is a length ("the 100m final", "10m tall", "the 100m
#: champion").
_METRE_CONTEXT = frozenset(
    """race sprint hurdles freestyle backstroke breaststroke butterfly medley relay dash final
    finals heat heats record tall high long deep wide away above below under up down in from
    of into off short high-rise champion champions champ title gold silver bronze medal
    medallist medalist runner runners sprinter swimmer hurdler event events specialist
    stretch radius wall walls tower towers wave waves cliff cliffs drop fall yacht yachts
    pool platform springboard air pistol rifle hill jump leap dive plunge climb
    tsunami swell""".split()
)


#: Words in the clause before a bare "40m" that say it is money ("the budget rose to
#: 40m", "losses of 20m", "valued at 80m") or a length ("the water rose to 2m", "a wave
#: of 10m", "she cleared 2m"): the nearest one decides.
_MONEY_CUES = frozenset(
    """budget budgets loss losses lost profit profits revenue revenues sales sale debt debts
    deficit deficits bill bills fine fines fined fee fees salary salaries wage wages pay
    deal deals bid bids offer offers fund funds funding spending spend cost costs price
    prices priced valued valuation worth turnover income earnings dividend dividends bonus
    bonuses payout payouts compensation damages settlement grant grants loan loans
    investment investments donation donations prize prizes jackpot takeover transfer
    contract contracts sponsorship capital cash assets savings tax taxes subsidy subsidies
    shortfall surplus pension pensions fortune sum bail ransom reward bribes budgeted
    overspend overspent dollars euros pounds yen yuan francs rupees million billion
    wealth gross""".split()
)
_LENGTH_CUES = frozenset(
    """high higher highest tall taller tallest long longer longest deep deeper deepest wide
    wider widest height heights depth depths length width distance altitude elevation
    jumped jump jumps jumping leap leaped leapt vault vaulted swam swim swims swimming ran
    run runs running sprint sprinted race raced hurdles final metres meters wave waves wall
    walls tower towers cliff cliffs building mast crane tree dam bridge tunnel water waters
    river rivers flood floods floodwater floodwaters sea seas tide tides snow snowfall drift
    drifts cleared threw throw thrown throws hurled dived dive diving plunged dropped
    descended climbed ascended surge swell swells tsunami lake reservoir level levels
    shot put javelin discus hammer pole""".split()
)


#: What ends the clause before a bare "40m": a sentence's end, a semicolon or a colon.
_CLAUSE_ENDS = (". ", "; ", ": ", "! ", "? ")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def _counted(word: str) -> bool:
    """Whether ``word`` after "10m" is a plural noun it counts ("users", "homes")."""
    return (
        word.endswith("s")
        and not word.endswith("ss")
        and word not in NOT_A_NOUN
        and word not in ("this", "its", "his", "plus", "across", "towards", "thus")
    )


def _m_by_context(text: str, start: int) -> str | None:
    """ "money" or "length" for the bare "40m" at ``text[start]`` by the nearest word of
    either kind in its clause (at most 80 characters back), or None when there is none."""
    window = text[max(0, start - 80) : start]
    window = window[max(window.rfind(end) for end in _CLAUSE_ENDS) + 1 :]
    for word in reversed(_WORD.findall(window)):
        word = word.lower()
        if word in _LENGTH_CUES:
            return "length"
        if word in _MONEY_CUES:
            return "money"
    return None


#: Verbs before a bare "2m" that say it is an amount: "raised 3m", "won about 2m" ("rose
#: to 2m" may be a flood's height).
_AMOUNT_BEFORE = re.compile(
    r"\b(?:raised?|raising|won|wins?|winning|paid|pays?|paying|costs?|costing|worth|earned|"
    r"earns?|earning|spent|spends?|spending|lost|owed|owes?|sold|bought|fined|received|"
    r"secured|invested|borrowed|saved|generated|donated)(?: (?:about|around|nearly|almost|"
    r"some|over|roughly|just|only|another|an extra|a further|more than|less than))? $",
    re.IGNORECASE,
)


#: After "a 1.5m-": a noun counted in millions ("a 1.5m-tonne cargo", "a 2m-strong").
_MILLION_AFTER_HYPHEN = re.compile(
    r"-(?:tonnes?|tons?|barrels?|strong|years?|pounds?|dollars?|euros?|square|acres?|"
    r"people|members?|users?|viewers?|words?|litres?|liters?|gallons?)\b"
)


#: A capitalised plural after "2m": people counted ("2m Britons", "5m Americans").
_PEOPLE_AFTER = re.compile(r" [A-Z][a-z]+(?:ans|ers|ons|ites|ish|ese|is)\b")


#: Words after "1,000m" that make it money: a length is written so, an amount seldom is.
_CURRENCY_AFTER = re.compile(
    r" (?:euros?|dollars?|pounds?|yen|yuan|francs?|rupees?|roubles?|rubles?|dinars?|pesos?|"
    r"won|rand|reais|real|lira|shekels?|kronor|kroner|krona)\b"
)


#: Nouns after "a 5m" that say it is money ("a 5m deal"), not a length ("a 5m wall").
_MONEY_NOUNS = frozenset(
    """deal deals contract contracts fine fines loan loans bid bids budget budgets fund funds
    payout payouts package packages takeover takeovers transfer transfers settlement bill
    grant grants donation donations fee fees salary bonus bonuses profit profits loss losses
    investment investments project projects scheme schemes fraud debt debts sale sales
    revenue turnover price-tag pricetag bailout stake bond bonds payment payments
    compensation damages lawsuit windfall jackpot prize offer offers valuation acquisition
    merger overhaul upgrade redevelopment refurbishment renovation expansion plan plans
    programme program shortfall deficit surplus cut cuts tax""".split()
)


def scales(text: str) -> str:
    """ "1.5m people" -> "1.5 million people", "451m euros" -> "451 million euros",
    "5bn" -> "5 billion", "20k fans" -> "20 thousand fans", "a 5m deal" -> "a 5 million
    deal", "raised 3m", "2m Britons", "a 1.5m-tonne cargo"; a length stays a length ("a
    100m race", "a 10m wall", "10m tall", "the 10,000m champion", "a 5k run": the units
    rule says those)."""

    def say(m: re.Match[str]) -> str:
        scale = m.group("scale") or m.group("spaced")
        number = m.group("num")
        after = WORD_AFTER.match(text, m.end())
        if scale == "m":
            if after is not None and after.group(1) in _METRE_CONTEXT:
                return m.group(0)
            if (
                "." not in number
                and int(number.replace(",", "")) >= 1000
                and not _CURRENCY_AFTER.match(text, m.end())
            ):
                return m.group(0)  # "the 10,000m champion", "swam 1,500m"
            amount = (
                _MILLION_AFTER_HYPHEN.match(text, m.end())
                or _PEOPLE_AFTER.match(text, m.end())
                or _AMOUNT_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
            )
            context = None if amount else _m_by_context(text, m.start())
            if context == "length" and not (after and _counted(after.group(1))):
                return m.group(0)  # but "ran a firm with 10m users" counts them
            if amount is None and context is None:
                if after is None:
                    return m.group(0)
                if attributive(text, m.start(), m.end()) and after.group(1) not in _MONEY_NOUNS:
                    return m.group(0)
        if scale == "k" and after is not None and after.group(1) in ("run", "race", "walk"):
            return f"{number} K"
        return f"{number} {_SCALES[scale]}"

    return _PLAIN_SCALE.sub(say, text)
