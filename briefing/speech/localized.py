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
#: digits, so "3.8" is not a German number and stays as written).
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def _value(written: str) -> tuple[int, str]:
    """ "1.234,56" -> (1234, "56")."""
    whole, _, fraction = written.replace(".", "").partition(",")
    return int(whole), fraction


def say_number(written: str, words: NumberWords) -> str:
    """A written number in words: "3,85" -> "drei Komma acht fünf" (the decimals digit
    by digit, as a newsreader says them)."""
    whole, fraction = _value(written)
    said = str(num2words(whole, lang=words.num2words))
    if fraction:
        digits = " ".join(str(num2words(int(d), lang=words.num2words)) for d in fraction)
        said += f" {words.decimal_word} {digits}"
    return said


#: Words after a number that are no noun it counts (a German noun has a capital).
_NOT_NOUNS = frozenset("de del a al y e o u en por para con sin entre que".split())
#: Where a Spanish number's thousands and units start: after its last "millón".
_AFTER_MILLIONS = re.compile(r"^(?:.* )?mill(?:ón|ones) ")


def before_noun(said: str, noun: str, words: NumberWords) -> str:
    """A whole number as said before ``noun``, agreeing with it: "eine Stunde", "ein
    Jahr", "hundertein Tage"; "una persona", "veintiuna personas", "doscientas
    personas", "veintiún años", "veintiún mil euros" (``said``: num2words' form)."""
    if (words.num2words == "de" and not noun[:1].isupper()) or noun in _NOT_NOUNS:
        return said  # "zwischen eins und drei", "uno de cada tres"
    feminine = noun in words.feminine or noun.lower() in words.feminine
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
    said_scales = "|".join(map(re.escape, (*words.million[1:], *words.billion[1:])))
    scales = rf"(?:\s(?P<scale>{said_scales}))?"
    after = re.compile(rf"(?<![\w,.])(?P<num>{_NUMBER}){scales}\s?(?P<cur>{symbols})(?!\w)")
    before = re.compile(rf"(?<!\w)(?P<cur>{symbols})\s?(?P<num>{_NUMBER}){scales}(?![\w,])")
    joiner = " und " if words.num2words == "de" else " con "

    def counted(number: int, one: str, many: str) -> str:
        noun = one if number == 1 else many
        return f"{before_noun(str(num2words(number, lang=words.num2words)), noun, words)} {noun}"

    def say(match: re.Match[str]) -> str:
        one, many = names[match["cur"]]
        whole, fraction = _value(match["num"])
        if match["scale"]:
            return f"{say_number(match['num'], words)} {match['scale']} {many}"
        said = counted(whole, one, many)
        if fraction and int(fraction):
            said += f"{joiner}{counted(int(fraction.ljust(2, '0')[:2]), *words.cents)}"
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
    """Spanish ordinals: "3.º", "2.ª", "1º" -> "tercero", "segunda", "primero"."""
    pattern = re.compile(r"(?<![\w,.])(?P<num>\d{1,3})\.?(?P<mark>[ºª°])")

    def say(match: re.Match[str]) -> str:
        said = str(num2words(int(match["num"]), lang=words.num2words, to="ordinal"))
        if match["mark"] == "ª":
            said = " ".join(w[:-1] + "a" if w.endswith("o") else w for w in said.split())
        return said

    return lambda text: pattern.sub(say, text)


def time_rule(words: NumberWords) -> Rule:
    """ "14:30 Uhr" -> "vierzehn Uhr dreißig"; "a las 14:30" -> "a las catorce y
    treinta" (a full hour: "vierzehn Uhr", "catorce en punto")."""
    german = words.num2words == "de"
    pattern = re.compile(r"(?<![\w,.:])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?P<uhr>\s+Uhr)?\b")

    def say(match: re.Match[str]) -> str:
        hour = str(num2words(int(match["h"]), lang=words.num2words))
        minutes = int(match["m"])
        said = str(num2words(minutes, lang=words.num2words)) if minutes else ""
        if german:
            if not match["uhr"] and match.group().count(".") and not minutes:
                return match.group()
            return f"{hour} Uhr" + (f" {said}" if said else "")
        return f"{hour} y {said}" if said else f"{hour} en punto"

    if german:
        pattern = re.compile(
            r"(?<![\w,.:])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)(?P<uhr>\s+Uhr)?|[.](?=[0-5]\d\s+Uhr)"
            r"(?P<m2>[0-5]\d)(?P<uhr2>\s+Uhr))(?!\w)"
        )

        def say_de(match: re.Match[str]) -> str:
            hour = str(num2words(int(match["h"]), lang="de"))
            minutes = int(match["m"] or match["m2"])
            return f"{hour} Uhr" + (f" {num2words(minutes, lang='de')}" if minutes else "")

        return lambda text: pattern.sub(say_de, text)
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
        if words.num2words == "de":  # "hundertzwei", "tausend": as said, without "ein"
            said = re.sub(r"^ein(?=hundert|tausend)", "", said)
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
        money_rule(words),  # before percentages and numbers: "12,50 €"
        percent_rule(words),
        date_rule(words),  # before numbers: "25. November" is a day, not "25."
        ordinal_rule(words),
        time_rule(words),
        year_rule(words),
        number_rule(words),
    )


def rules_for(language: Language) -> tuple[Rule, ...]:
    """A language's rules, in the order a text needs them."""
    return _rules(language.tag, language)
