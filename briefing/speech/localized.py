"""The spoken form of numbers, money, percentages, dates, times and abbreviations in
another language than English, from its ``languages.NumberWords``: "3,8 Kilometer" ->
"drei Komma acht Kilometer", "18.500" -> "achtzehntausendfünfhundert", "4,5
kilómetros" -> "cuatro coma cinco kilómetros". Numbers are said with num2words in that
language. Each rule is a small pure function from text to text; ``rules_for`` gives a
language's table in the order a text needs them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from num2words import num2words

from ..languages import Language, NumberWords

Rule = Callable[[str], str]

#: A written number: "18.500", "1.234,5", "3,8", "2026" (group marks only every three
#: digits, so "3.8" is not a German number and stays as written). At most fifteen digits
#: a side: a longer run is no amount a newsreader says, and is left as written.
_NUMBER = r"\d{1,3}(?:\.\d{3}){1,4}(?:,\d{1,15})?|\d{1,15}(?:,\d{1,15})?"


def _value(written: str) -> tuple[int, str]:
    """ "1.234,56" -> (1234, "56")."""
    whole, _, fraction = written.replace(".", "").partition(",")
    return int(whole), fraction


def say_number(written: str, words: NumberWords) -> str:
    """A written number in words: "3,85" -> "drei Komma acht fünf" (the decimals digit
    by digit, as a newsreader says them)."""
    whole, fraction = _value(written)
    said = str(num2words(whole, lang=words.num2words))
    if words.num2words == "de":  # "hundertzwei", "tausend": as said, without "ein"
        said = re.sub(r"^ein(?=hundert|tausend)", "", said)
    if fraction:
        digits = " ".join(str(num2words(int(d), lang=words.num2words)) for d in fraction)
        said += f" {words.decimal_word} {digits}"
    return said


#: Words after a number that are no noun it counts (a German noun has a capital).
_NOT_NOUNS = frozenset("de del a al y e o u en por para con sin entre que".split())
#: Where a Spanish number's thousands and units start: after its last "millón".
_AFTER_MILLIONS = re.compile(r"^(?:.* )?mill(?:ón|ones) ")


def _feminine(noun: str, words: NumberWords) -> bool:
    """Whether ``noun`` is feminine: listed, or of a feminine ending and no listed
    exception ("eine Meldung", "una entrada"; "un día", "veintiún periodistas")."""
    lower = noun.lower()
    if noun in words.feminine or lower in words.feminine:
        return True
    if lower in words.masculine or (words.num2words == "es" and lower.endswith(("ista", "istas"))):
        return False  # "-ista": either gender, a mixed group's is masculine
    return len(lower) > 3 and lower.endswith(words.feminine_endings)


def before_noun(said: str, noun: str, words: NumberWords) -> str:
    """A whole number as said before ``noun``, agreeing with it: "eine Stunde", "ein
    Jahr", "hundertein Tage"; "una persona", "veintiuna personas", "doscientas
    personas", "veintiún años", "veintiún mil euros" (``said``: num2words' form)."""
    if (words.num2words == "de" and not noun[:1].isupper()) or noun in _NOT_NOUNS:
        return said  # "zwischen eins und drei", "uno de cada tres"
    feminine = _feminine(noun, words)
    if words.num2words == "de":
        if said == "eins":
            return "eine" if feminine else "ein"
        return said[:-1] if said.endswith("eins") else said  # "hundertein Tage"
    said = re.sub(r"\b(veinti)?uno(?= mil\b)", lambda m: "veintiún" if m[1] else "un", said)
    if feminine:  # the thousands and units agree; "millón" is a noun of its own
        millions = _AFTER_MILLIONS.match(said)
        head, tail = (said[: millions.end()], said[millions.end() :]) if millions else ("", said)
        tail = re.sub(r"ientos\b", "ientas", tail)  # "doscientas", "quinientas"
        return head + (tail[:-1] + "a" if tail.endswith("uno") else tail)
    if said.endswith("uno"):  # "un país", "treinta y un países", "veintiún países"
        return said[:-3] + ("un" if said == "uno" or said.endswith(" uno") else "ún")
    return said


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` in lower case ("" for none), read from at most 24
    characters back."""
    found = _WORD_BEFORE.search(text[max(0, start - 24) : start])
    return found[1].lower() if found else ""


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` opens the text or a sentence (a lone Roman "V" there is no
    king's: "Paso V del plan", "Teil V beginnt")."""
    head = text[:start].rstrip()
    return not head or head.endswith((".", "!", "?", ":"))


def _words(language: Language) -> NumberWords:
    assert language.numbers is not None, language.tag
    return language.numbers


def abbreviations_rule(words: NumberWords) -> Rule:
    """Written abbreviations said in full ("z. B." -> "zum Beispiel")."""
    if not words.abbreviations:
        return lambda text: text
    table = dict(words.abbreviations)
    pattern = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
        + r")(?!\w)"
    )

    def say(match: re.Match[str]) -> str:
        said = table[match.group()]
        ends = match.group().endswith(".") and not match.string[match.end() :].strip()
        return said + "." if ends else said  # the sentence's own stop stays

    return lambda text: pattern.sub(say, text)


def money_rule(words: NumberWords) -> Rule:
    """ "12,50 €" and "€ 12,50" -> "zwölf Euro und fünfzig Cent" / "doce euros con
    cincuenta céntimos"; "4,5 Millionen €" -> "vier Komma fünf Millionen Euro"."""
    names = {symbol: (one, many) for symbol, one, many in words.currencies}
    symbols = "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True))
    for _, one, many in words.currencies:  # "13,90 Euro", "3,50 euros": said as money too
        names.setdefault(one, (one, many))
        names.setdefault(many, (one, many))
    written = "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True))
    said_scales = "|".join(map(re.escape, (*words.million[1:], *words.billion[1:])))
    scales = rf"(?:\s(?P<scale>{said_scales}))?"
    after = re.compile(rf"(?<![\w,.])(?P<num>{_NUMBER}){scales}\s?(?P<cur>{written})(?!\w)")
    before = re.compile(rf"(?<!\w)(?P<cur>{symbols})\s?(?P<num>{_NUMBER}){scales}(?![\w,])")
    joiner = " und " if words.num2words == "de" else " con "

    def counted(number: int, one: str, many: str) -> str:
        noun = one if number == 1 else many
        return f"{before_noun(say_number(str(number), words), noun, words)} {noun}"

    def say(match: re.Match[str]) -> str:
        one, many = names[match["cur"]]
        whole, fraction = _value(match["num"])
        if match["scale"] or len(fraction) > 2:  # "1,0512 US-Dollar": a rate, not cents
            scale = f" {match['scale']}" if match["scale"] else ""
            return f"{say_number(match['num'], words)}{scale} {many}"
        said = counted(whole, one, many)
        if fraction and int(fraction):
            cents = counted(int(fraction.ljust(2, "0")[:2]), *words.cents)
            said = cents if not whole else f"{said}{joiner}{cents}"  # "dreißig Cent"
        return said

    return lambda text: before.sub(say, after.sub(say, text))


def percent_rule(words: NumberWords) -> Rule:
    """ "40 %", "3,5%" -> "vierzig Prozent", "tres coma cinco por ciento"."""
    pattern = re.compile(rf"(?<![\w,.])(?P<num>{_NUMBER})\s?%")
    return lambda text: pattern.sub(
        lambda m: f"{say_number(m['num'], words)} {words.percent}", text
    )


def date_rule(words: NumberWords) -> Rule:
    """A day of a month: "25. November" -> "fünfundzwanzigsten November" (German, after
    "am", "vom"...), "25 de noviembre" -> "veinticinco de noviembre"; "1 de mayo" ->
    "primero de mayo"."""
    months = "|".join(words.months)
    stop = r"\." if words.date_joiner == " " else ""
    pattern = re.compile(
        rf"(?<![\w,.])(?P<day>[1-9]|[12]\d|3[01]){stop}(?P<join>{re.escape(words.date_joiner)})"
        rf"(?P<month>{months})\b",
        re.IGNORECASE,
    )
    return lambda text: pattern.sub(
        lambda m: f"{words.date_ordinal(int(m['day']))}{m['join']}{m['month']}", text
    )


def ordinal_rule(words: NumberWords) -> Rule:
    """Spanish ordinals: "3.º", "2.ª", "1º" -> "tercero", "segunda", "primero"; "1.er",
    "3.er" -> "primer", "tercer" (before a noun)."""
    spanish = r"|(?<=\d\.)er\b|(?<=\d)er\b(?=\s+[a-zá-ú])" if words.num2words == "es" else ""
    pattern = re.compile(rf"(?<![\w,.])(?P<num>\d{{1,3}})\.?(?P<mark>[ºª°]{spanish})")

    def say(match: re.Match[str]) -> str:
        said = str(num2words(int(match["num"]), lang=words.num2words, to="ordinal"))
        if match["mark"] == "ª":
            said = " ".join(w[:-1] + "a" if w.endswith("o") else w for w in said.split())
        elif match["mark"] == "er" and said.endswith(("primero", "tercero")):
            said = said[:-1]
        return said

    return lambda text: pattern.sub(say, text)


def time_rule(words: NumberWords) -> Rule:
    """A time of day. German: "14:30 Uhr", "um 7:05", "14.30 Uhr" -> "vierzehn Uhr
    dreißig", "sieben Uhr fünf"; "1:00 Uhr" -> "ein Uhr". Spanish, as its radio says
    them: "a las 9:15" -> "a las nueve y cuarto", "a las 2:30 de la madrugada" -> "dos
    y media", "a la 1:00" -> "a la una", "a las 21:00 horas" -> "veintiuna horas", "a las
    14:45" -> "catorce cuarenta y cinco" (after noon, minutes follow the hour)."""
    if words.num2words == "de":
        pattern = re.compile(
            r"(?<![\w,.:])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)(?:\s+Uhr)?|[.](?=[0-5]\d\s+Uhr)"
            r"(?P<m2>[0-5]\d)\s+Uhr)(?!\w)"
        )

        def say_de(match: re.Match[str]) -> str:
            hour, minutes = int(match["h"]), int(match["m"] or match["m2"])
            said = "ein" if hour == 1 else str(num2words(hour, lang="de"))
            return f"{said} Uhr" + (f" {num2words(minutes, lang='de')}" if minutes else "")

        return lambda text: pattern.sub(say_de, text)
    pattern = re.compile(
        r"(?<![\w,.:])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?:(?P<hs>\s?h)(?!\w))?(?![\w]|[.,]\d)"
    )

    def say(match: re.Match[str]) -> str:
        return say_time(match) + (" horas" if match["hs"] else "")

    def say_time(match: re.Match[str]) -> str:
        hour, minutes = int(match["h"]), int(match["m"])
        said = re.sub(r"uno$", "una", str(num2words(hour, lang=words.num2words)))
        if not minutes:
            return said
        if hour > 12:  # "catorce cuarenta y cinco"
            return f"{said} {num2words(minutes, lang=words.num2words)}"
        named = {15: "cuarto", 30: "media"}.get(minutes)
        return f"{said} y {named or num2words(minutes, lang=words.num2words)}"

    return lambda text: pattern.sub(say, text)


def telephone_rule(words: NumberWords) -> Rule:
    """A number with a leading zero (a telephone number's area code and the groups after
    it) is said digit by digit, a pause between its groups: "030 2970", "0228-4711" ->
    "null drei null, zwei neun sieben null"."""
    pattern = re.compile(r"(?<![\w,.:/-])0\d{2,5}(?:[ /-]\d{2,8}){0,3}(?![\w]|[.,:/-]\d)")

    def say(match: re.Match[str]) -> str:
        groups = re.split(r"[ /-]", match.group())
        return ", ".join(
            " ".join(str(num2words(int(d), lang=words.num2words)) for d in group)
            for group in groups
        )

    return lambda text: pattern.sub(say, text)


def score_rule(words: NumberWords) -> Rule:
    """A score or ratio: "2:1", "29:25", "3:1-Sieg" -> "zwei zu eins", ...; a Spanish
    "3:1" -> "tres a uno". What reads as a time of day is left to ``time_rule``: a Spanish
    "21:19"; a German one before "Uhr", with a leading zero ("7:05") or after a word of
    time ("um 21:19"), else a German "21:19" is a score ("gewann mit 21:19")."""
    if not words.score_word:
        return lambda text: text
    german = words.num2words == "de"
    pattern = re.compile(
        r"(?<![\w.,:])(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\w:]|[.,]\d)(?P<uhr>\s+Uhr\b)?"
    )

    def say(match: re.Match[str]) -> str:
        a, b = match["a"], match["b"]
        if match["uhr"]:
            return match.group()
        if len(b) == 2 and int(a) <= 23 and int(b) <= 59:  # could be a time of day
            if not german or b.startswith("0"):
                return match.group()
            if _word_before(match.string, match.start()) in words.time_words:
                return match.group()
        said = [str(num2words(int(n), lang=words.num2words)) for n in (a, b)]
        return f"{said[0]} {words.score_word} {said[1]}"

    return lambda text: pattern.sub(say, text)


def range_rule(words: NumberWords) -> Rule:
    """Two numbers joined by a hyphen or an en dash: "2019-2023", "10–15 Grad" -> "2019
    bis 2023", "10 bis 15 Grad" (said by the rules after); in Spanish "a", a score too
    ("ganó 3-1" -> "ganó 3 a 1"). Not a telephone number's ("030-2970"), nor a date's
    ("2026-12-08")."""
    if not words.range_word:
        return lambda text: text
    pattern = re.compile(
        r"(?<![\w.,/:–-])(?P<a>[1-9]\d{0,3}|0)[-–](?P<b>[1-9]\d{0,3}|0)(?![\w/]|[-–.,:]\d)"
    )
    return lambda text: pattern.sub(lambda m: f"{m['a']} {words.range_word} {m['b']}", text)


def numeric_date_rule(words: NumberWords) -> Rule:
    """A date in digits: "3.12.2026", "03.12.", "2026-12-03" -> "dritten Dezember 2026"
    (German, as after "am"); "3/12/2026" -> "tres de diciembre de 2026" (the year left to
    the rules after)."""
    iso = re.compile(
        r"(?<![\w.,/-])(?P<y>\d{4})-(?P<m>0[1-9]|1[012])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])"
    )
    if words.date_joiner == " ":
        pattern = re.compile(
            r"(?<![\w.,])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[012])\."
            r"(?:(?P<y>\d{4})(?![\w]|[.,]\d)|(?!\d))"
        )
    else:  # a year, or after "el", "del", "al" ("el 24/12"; "3/4" alone is a fraction)
        pattern = re.compile(
            r"(?<![\w.,/])(?:(?P<d>0?[1-9]|[12]\d|3[01])/(?P<m>0?[1-9]|1[012])/(?P<y>\d{4})"
            r"|(?:(?<=\b[Ee]l )|(?<=\b[Dd]el )|(?<=\b[Aa]l ))"
            r"(?P<d2>0?[1-9]|[12]\d|3[01])/(?P<m2>0?[1-9]|1[012]))(?![\w/]|[.,]\d)"
        )

    def say(match: re.Match[str]) -> str:
        found = match.groupdict()
        day = int(found["d"] or found.get("d2") or 1)
        month = int(found["m"] or found.get("m2") or 1)
        said = words.date_ordinal(day) + words.date_joiner + words.months[month - 1]
        if match["y"]:
            said += (" " if words.date_joiner == " " else words.date_joiner) + match["y"]
        return said

    return lambda text: pattern.sub(say, iso.sub(say, text))


def ordinal_after_rule(words: NumberWords) -> Rule:
    """A German ordinal after an article or a preposition with one: "der 3. Platz" ->
    "der dritte Platz", "zum 5. Mal" -> "zum fünften Mal", "ihren 80. Geburtstag" ->
    "ihren achtzigsten Geburtstag" (the words and their endings: ``ordinal_endings``)."""
    if not words.ordinal_endings:
        return lambda text: text
    endings = dict(words.ordinal_endings)
    pattern = re.compile(
        r"(?<![\w.,])(?P<word>[^\W\d_]+)(?P<space>\s+)(?P<num>\d{1,3})\.(?=\s+[^\W\d_])"
    )

    def say(match: re.Match[str]) -> str:
        ending = endings.get(match["word"].lower())
        if ending is None:
            return match.group()
        is_der = match["word"].lower() == "der"  # "in der 2. Liga": dative, "zweiten"
        if is_der and _word_before(match.string, match.start()) in words.dative_after:
            ending = "n"
        said = str(num2words(int(match["num"]), lang=words.num2words, to="ordinal"))
        return f"{match['word']}{match['space']}{said}{ending}"

    return lambda text: pattern.sub(say, text)


def decade_rule(words: NumberWords) -> Rule:
    """German decades: "90er-Jahre", "die 1990er" -> "neunziger Jahre", "die
    neunzehnhundertneunziger"."""
    if words.num2words != "de":
        return lambda text: text
    pattern = re.compile(
        r"(?<![\w,.])(?P<num>\d{0,2}[1-9]0|\d000)er(?:(?P<hyphen>-)(?=Jahr)|(?!\w))"
    )

    def say(match: re.Match[str]) -> str:
        number = int(match["num"])
        kind = "year" if 1100 <= number <= 1999 else "cardinal"
        said = str(num2words(number, lang="de", to=kind)) + "er"
        return said + (" " if match["hyphen"] else "")

    return lambda text: pattern.sub(say, text)


def unit_rule(words: NumberWords) -> Rule:
    """A unit's symbol after a number: "1.200 m" -> "tausendzweihundert Meter", "-5 °C"
    -> "minus fünf Grad Celsius", "1 t" -> "eine Tonne", "2 m²" -> "dos metros
    cuadrados"."""
    if not words.units:
        return lambda text: text
    names = {symbol: (one, many) for symbol, one, many in words.units}
    symbols = "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w,.])(?P<minus>[-−](?=\d))?(?P<num>{_NUMBER})\s?(?P<unit>{symbols})(?![\w²³])"
    )

    def say(match: re.Match[str]) -> str:
        one, many = names[match["unit"]]
        whole, fraction = _value(match["num"])
        said = say_number(match["num"], words)
        noun = many if fraction or whole != 1 else one
        if not fraction:
            said = before_noun(said, noun.split()[0], words)
        ends = match["unit"].endswith(".") and not match.string[match.end() :].strip()
        return (f"{words.minus} " if match["minus"] else "") + f"{said} {noun}" + "." * ends

    return lambda text: pattern.sub(say, text)


def per_rule(words: NumberWords) -> Rule:
    """A slash before a unit after a quantity: "12,80 €/m²" -> "... pro Quadratmeter",
    "90 km/h" aside (an abbreviation), "3 €/h" -> "tres euros por hora"."""
    if not words.per_word or not words.units:
        return lambda text: text
    names = {symbol: one for symbol, one, _ in words.units}
    symbols = "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<=[\d€$£%])\s?/(?P<unit>{symbols})(?![\w²³])")
    return lambda text: pattern.sub(lambda m: f" {words.per_word} {names[m['unit']]}", text)


def joined_suffix_rule(words: NumberWords) -> Rule:
    """A German number joined to a word by a hyphen is one word: "20-jährige" ->
    "zwanzigjährige", "3-mal" -> "dreimal", "1-jährige" -> "einjährige"."""
    if words.num2words != "de":
        return lambda text: text
    pattern = re.compile(r"(?<![\w,.-])(?P<num>\d{1,4})-(?P<word>[a-zäöüß]+)")

    def say(match: re.Match[str]) -> str:
        said = str(num2words(int(match["num"]), lang="de"))
        return (said[:-1] if said.endswith("eins") else said) + match["word"]

    return lambda text: pattern.sub(say, text)


#: Spanish given names of women that do not end in "a" ("Isabel II" -> "Isabel segunda").
_FEMININE_NAMES = frozenset("Isabel Leonor Beatriz Inés Carmen Mercedes Margarita".split())


#: Prepositions before a monarch's name that take the accusative: "für Karl den Großen"
#: (those of the dative: ``NumberWords.dative_after``).
_GERMAN_ACCUSATIVE = frozenset("für gegen um durch ohne".split())
#: Words that number what follows them: "Teil V" -> "Teil fünf", "Kapitel XII".
_GERMAN_COUNTED = frozenset(
    """Teil Teile Kapitel Band Artikel Phase Klasse Stufe Abschnitt Akt Folge Staffel
    Buch Titel Typ Kategorie Liga Runde Gruppe""".split()
)


def _german_roman_rule(words: NumberWords) -> Rule:
    """German monarchs' and popes' numerals, an article and an ordinal by case: "Ludwig
    XIV. starb" -> "Ludwig der Vierzehnte starb", "unter Ludwig XIV." -> "unter Ludwig
    dem Vierzehnten", "für Leo XIV." -> "für Leo den Vierzehnten", "Ludwigs XIV." ->
    "Ludwigs des Vierzehnten". A lone I, V or X only after a name that is no sentence's
    first word."""
    from .roman import is_numeral, roman_value

    pattern = re.compile(
        r"(?<![\w.])(?P<name>[A-ZÄÖÜ][a-zäöüß]{2,})(?P<space>\s+)(?P<num>[IVX]{1,6})"
        r"(?P<stop>\.(?=\s+[a-zäöü,]|[,;:]|\s*$))?(?![\w-])"
    )

    def say(match: re.Match[str]) -> str:
        numeral, name = match["num"], match["name"]
        if not is_numeral(numeral) or not 1 <= roman_value(numeral) <= 39:
            return match.group()
        if len(numeral) == 1 and _opens_sentence(match.string, match.start()):
            return match.group()
        if name in _GERMAN_COUNTED:  # "Teil fünf", "Kapitel zwölf"
            said = str(num2words(roman_value(numeral), lang="de"))
            return f"{name}{match['space']}{said}" + ("." if match["stop"] else "")
        ordinal = str(num2words(roman_value(numeral), lang="de", to="ordinal")).capitalize()
        word = _word_before(match.string, match.start())
        if name.endswith("s") and len(name) > 4 and word not in words.dative_after:
            said = f"des {ordinal}n"  # "Ludwigs des Vierzehnten"
        elif word in words.dative_after:
            said = f"dem {ordinal}n"
        elif word in _GERMAN_ACCUSATIVE:
            said = f"den {ordinal}n"
        else:
            said = f"der {ordinal}"
        ends = match["stop"] and not match.string[match.end() :].strip()
        return f"{name}{match['space']}{said}" + ("." if ends else "")

    return lambda text: pattern.sub(say, text)


def roman_rule(words: NumberWords) -> Rule:
    """Spanish Roman numerals: a century's is a cardinal ("siglo XXI" -> "siglo
    veintiuno"); a monarch's or a pope's after a capitalised name an ordinal up to ten
    ("Felipe VI" -> "Felipe sexto", "Juan Pablo II" -> "Juan Pablo segundo", "Isabel II"
    -> "Isabel segunda"), a cardinal past it ("Alfonso XIII" -> "Alfonso trece"). A lone
    "I", "V" or "X" only after a name that is no sentence's first word."""
    if words.num2words == "de":
        return _german_roman_rule(words)
    if words.num2words != "es":
        return lambda text: text
    from .roman import is_numeral, roman_value

    century = re.compile(r"(?<!\w)(?P<word>[Ss]iglos?)\s+(?P<num>[IVXL]{1,7})(?![\w-])")
    regnal = re.compile(
        r"(?<![\w.])(?P<name>[A-ZÁÉÍÓÚÑ][a-záéíóúñ]{2,})(?P<space>\s+)(?P<num>[IVX]{1,6})(?![\w-])"
    )

    def say_century(match: re.Match[str]) -> str:
        if not is_numeral(match["num"]):
            return match.group()
        return f"{match['word']} {num2words(roman_value(match['num']), lang='es')}"

    def say_regnal(match: re.Match[str]) -> str:
        numeral, name = match["num"], match["name"]
        if not is_numeral(numeral):
            return match.group()
        if len(numeral) == 1 and _opens_sentence(match.string, match.start()):
            return match.group()  # "Paso V" opening a sentence: a code, not a king
        value = roman_value(numeral)
        if value > 10:
            said = str(num2words(value, lang="es"))
        else:
            said = str(num2words(value, lang="es", to="ordinal"))
            if name.endswith("a") or name in _FEMININE_NAMES:
                said = said[:-1] + "a"
        return f"{name}{match['space']}{said}"

    return lambda text: regnal.sub(say_regnal, century.sub(say_century, text))


_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
           "⅛": (1, 8), "⅒": (1, 10)}  # fmt: skip


def fraction_rule(words: NumberWords) -> Rule:
    """A proper fraction with a denominator up to ten: "2/3 der Befragten" -> "zwei
    Drittel der Befragten", "eine halbe Stunde", "1 ½ Stunden" -> "eineinhalb Stunden";
    "3/4" -> "tres cuartos", "las 3/4 partes" -> "las tres cuartas partes", "1/2 kilo" ->
    "medio kilo", "2 ½ horas" -> "dos horas y media". "24/7", "9/11" and "50/50" are no
    such fraction and stay as written."""
    if not words.fractions:
        return lambda text: text
    german = words.num2words == "de"
    pattern = re.compile(
        r"(?<![\w.,/])(?:(?P<whole>\d{1,3})(?:\s|(?=[½⅓⅔¼¾⅕⅛⅒])))?(?:(?P<vulgar>[½⅓⅔¼¾⅕⅛⅒])"
        r"|(?P<n>[1-9])/(?P<d>10|[2-9]))(?![\w/]|[.,]\d)(?P<next>\s+[^\W\d_]+)?"
    )

    def part(numerator: int, denominator: int, noun: str) -> str:
        """The fraction alone, before ``noun`` (may be "")."""
        one, many = words.fractions[denominator - 2]
        if german:
            if denominator == 2:  # "eine halbe Stunde"; else "einhalb"
                return "eine halbe" if noun and _feminine(noun, words) else "einhalb"
            count = "ein" if numerator == 1 else str(num2words(numerator, lang="de"))
            return f"{count} {one if numerator == 1 else many}"
        if noun in ("parte", "partes"):  # "las tres cuartas partes", "una quinta parte"
            ordinal = str(num2words(denominator, lang="es", to="ordinal"))[:-1] + "a"
            count = "una" if numerator == 1 else str(num2words(numerator, lang="es"))
            return f"{count} {ordinal}{'s' if numerator > 1 else ''}"
        if denominator == 2 and noun:  # "medio kilo", "media hora"
            return "media" if _feminine(noun, words) else "medio"
        count = "un" if numerator == 1 else str(num2words(numerator, lang="es"))
        return f"{count} {one if numerator == 1 else many}"

    def say(match: re.Match[str]) -> str:
        if match["vulgar"]:
            numerator, denominator = _VULGAR[match["vulgar"]]
        else:
            numerator, denominator = int(match["n"]), int(match["d"])
        if numerator >= denominator:
            return match.group()
        after = match["next"] or ""
        noun = after.strip()
        if not match["whole"]:
            return part(numerator, denominator, noun) + after
        whole = int(match["whole"])
        if (numerator, denominator) == (1, 2):
            if german:  # "eineinhalb", "zweieinhalb"
                return (
                    ("ein" if whole == 1 else str(num2words(whole, lang="de"))) + "einhalb" + after
                )
            if noun:  # "dos horas y media"
                half = "media" if _feminine(noun, words) else "medio"
                return (
                    f"{before_noun(str(num2words(whole, lang='es')), noun, words)}{after} y {half}"
                )
        joiner = " und " if german else " y "
        said = f"{num2words(whole, lang=words.num2words)}{joiner}"
        return said + part(numerator, denominator, "") + after

    return lambda text: pattern.sub(say, text)


def year_rule(words: NumberWords) -> Rule:
    """German years as said: "1990" -> "neunzehnhundertneunzig" (a four-digit number
    from 1100 to 1999 with no group mark); Spanish says years as numbers."""
    if words.num2words != "de":
        return lambda text: text
    pattern = re.compile(r"(?<![\w,.])(?P<year>1[1-9]\d\d)(?![\w,]|\.\d)")
    return lambda text: pattern.sub(
        lambda m: str(num2words(int(m["year"]), lang="de", to="year")), text
    )


def number_rule(words: NumberWords) -> Rule:
    """Every other number: "18.500" -> "achtzehntausendfünfhundert", "3,8" -> "drei Komma
    acht"; a lone "1" before a word is "ein", "un" (not "eins", "uno")."""
    pattern = re.compile(rf"(?<![\w,.])(?P<minus>-)?(?P<num>{_NUMBER})(?![\w]|[.,]\d)")
    noun = re.compile(r"\s+([^\W\d]+)")

    def say(match: re.Match[str]) -> str:
        said = say_number(match["num"], words)
        follows = noun.match(match.string, match.end())
        if follows and "," not in match["num"]:  # a decimal agrees with nothing
            said = before_noun(said, follows[1], words)
        return f"{words.minus} {said}" if match["minus"] else said

    return lambda text: pattern.sub(say, text)


@functools.lru_cache(maxsize=8)
def _rules(tag: str, language: Language) -> tuple[Rule, ...]:
    words = _words(language)
    return (
        abbreviations_rule(words),
        numeric_date_rule(words),  # before ranges: "2026-12-08"
        telephone_rule(words),  # before ranges: "0228-4711"
        score_rule(words),  # before times: "gewann mit 21:19"
        range_rule(words),  # before money, percentages, units: "10-15 %"
        per_rule(words),  # before money and units: "12,80 €/m²"
        money_rule(words),  # before percentages and numbers: "12,50 €"
        percent_rule(words),
        date_rule(words),  # before numbers: "25. November" is a day, not "25."
        ordinal_rule(words),
        ordinal_after_rule(words),
        time_rule(words),
        decade_rule(words),
        roman_rule(words),
        fraction_rule(words),  # after dates ("el 3/4" is a day), before units: "½ l"
        unit_rule(words),
        year_rule(words),
        joined_suffix_rule(words),
        number_rule(words),
    )


def rules_for(language: Language) -> tuple[Rule, ...]:
    """A language's rules, in the order a text needs them."""
    return _rules(language.tag, language)
