"""Telephone numbers and codes: digit by digit ("1-800-555-0199"), codes ("Q3", "MH370", "5G")."""

from __future__ import annotations

import re

from num2words import num2words

from .cardinal import say_digits, say_number, say_year
from .letters import spell

# A phone number: three to five groups of digits joined by hyphens or dots, ending in
# four ("1-800-555-0199"), or after "+44" / "(020)" joined by spaces too.
_PHONE = re.compile(
    r"(?<![\w.,/+-])(?P<dashed>\+?\d{1,4}(?:[-.]\d{1,4}){2,4})(?![\w-]|[.,]\d)"
    r"|(?<![\w+(])(?P<spaced>(?:\+\d{1,3}|\(\d{2,5}\))(?:[ .-]\d{2,5}){2,4})(?![\w-]|[.,]\d)"
)


#: A phone number written with spaces and no prefix, as British numbers are: a trunk
#: "0" and two or three groups ("0800 123 4567", "020 7946 0958", "07700 900123").
_TRUNK = re.compile(r"(?<![\w+(.,/-])(?:0\d{2,4}(?: \d{3,4}){1,2}|07\d{3} \d{6})(?![\w-]|[.,]\d)")


#: Words that say a number is dialled: "call 999", "dial 911", "ring 111", "text 85258".
_DIALLED = (
    r"(?:call|calls|called|calling|dial|dials|dialled|dialed|dialling|dialing|ring|rang|"
    r"ringing|phone|phoned|phoning|text|texted|texting|telephone|tel|fax|hotline|helpline)"
)


#: A local number after such a word: "call 555-0199".
_LOCAL = re.compile(
    rf"(?i:\b{_DIALLED}\.?:? (?:on |at |to |the )?)(?P<number>\d{{3}}-\d{{4}})(?![\w-]|[.,]\d)"
)


#: Emergency and service numbers: 999, 911, 112, 111 (NHS), 000 (Australia), 988, 101, 211
#: to 811, 116 123 (Samaritans).
_SERVICE = r"(?:999|911|112|111|000|988|101|[2-8]11|116 ?\d{3})"


#: Words that may stand between a service number and what it names ("the 988 crisis
#: line", "a 999 emergency call"), but not words that count ("111 more calls").
_QUALIFIER = r"(?!(?:more|extra|new|other|fewer|additional|of|the|a)\b)[a-z]+(?:-[a-z]+)? "


#: A short code after such a word or before "call" ("dial 911", "a 999 call", "the 988
#: crisis line"), or reached "on" after reporting or contacting ("report it on 101"):
#: emergency and service numbers, said digit by digit, never as a sum.
_SHORT_CODE = re.compile(
    rf"(?i:\b{_DIALLED}\.?:? (?:[a-z]+ ){{0,3}}?)(?P<dialled>{_SERVICE})(?![\w-]|[.,]\d)"
    r"(?! (?:times|people|more|others|of)\b)"
    r"|(?i:\b(?:report|reported|reporting|reports|contact|contacted|contacting|contacts|"
    r"reach|reached|reachable|available|call\w*|ring\w*|phone\w*) (?:[a-z]+ ){0,3}?(?:on|via) )"
    rf"(?P<reached>{_SERVICE})(?![\w-]|[.,]\d)"
    rf"|(?<![\w.,$£€-])(?P<named>{_SERVICE})"
    rf"(?= (?:{_QUALIFIER}){{0,2}}(?i:calls?|operators?|dispatchers?|services?|lines?|"
    r"hotlines?|helplines?|emergency|number)\b)"
)


#: A text short code: "text SHOUT to 85258", "text 85258", "texting HELP to 70085".
_TEXT_CODE = re.compile(
    r"(?i:\btext(?:s|ed|ing)?:? (?:[\"“]?[A-Za-z]+[\"”]? to )?)(?P<code>\d{4,6})(?![\w-]|[.,]\d)"
)


#: A book's or a journal's number: "ISBN 978-0-14-103614-4", "ISSN 0891-1851".
_BOOK_NUMBER = re.compile(
    r"\b(?P<tag>ISBN(?:-1[03])?|ISSN):? ?(?P<code>[0-9X](?:(?: ?- ?| )?[0-9X]){7,16})\b"
)


#: An identifier's digits after what names them: "card ending in 8876", "PIN 4412",
#: "ext. 4521", "extension 204", "code 2231", "account number 12345678", "postcode
#: 2000": said digit by digit, never as a sum ("ending in" only after a card, an account
#: or a number: "the year ending in 2024" is a year).
_IDENTIFIED = re.compile(
    r"(?:(?i:\b(?:card|account|number|phone|mobile|cheque|check)(?: \w+){0,2}?"
    r" (?:ending|ends|ended)(?: in| with)?)"
    r"|\bPIN(?: number| code)?|(?i:\b(?:pin code|passcode|passcodes|code|codes|postcode|"
    r"zip|extension|ext\.?|(?:account|card|reference|ref|serial|badge|case|policy|order|"
    r"tracking|confirmation|booking|routing|member|membership|registration|PIN) "
    r"(?:number|no\.?|code))))"
    r"(?: is| was|:)? (?P<digits>\d{3,12})(?![\w,-]|\.\d)"
)


def _say_groups(groups: list[str]) -> str:
    return ", ".join(("plus " if g.startswith("+") else "") + say_digits(g) for g in groups)


def phone_numbers(text: str) -> str:
    """ "1-800-555-0199" -> "one, eight zero zero, five five five, zero one nine nine"
    (digit by digit, a pause between the groups), not a sum; so are "0800 123 4567",
    "call 555-0199", "dial 911", "a 999 call", "ISBN 978-0816648368" and "a card ending
    in 8876"."""

    def say(m: re.Match[str]) -> str:
        written = m.group(0)
        groups = re.findall(r"\+?\d+", written)
        digits = sum(len(g.lstrip("+")) for g in groups)
        if m.group("dashed") and (len(groups[-1]) != 4 or not 10 <= digits <= 15):
            return written  # "2024-03-15" or "10-12-14": a date or ranges
        if m.group("spaced") and not 9 <= digits <= 15:
            return written
        return _say_groups(groups)

    def book(m: re.Match[str]) -> str:
        code = m.group("code")
        spoken = " ".join("X" if c == "X" else say_digits(c) for c in code if c.isalnum())
        return f"{m.group('tag')} {spoken}"

    def trunk(m: re.Match[str]) -> str:
        groups = m.group(0).split()
        return _say_groups(groups) if 10 <= sum(map(len, groups)) <= 11 else m.group(0)

    def short(m: re.Match[str]) -> str:
        name = next(g for g in ("dialled", "reached", "named") if m.group(g))
        head, tail = m.start(name) - m.start(), m.end(name) - m.start()
        return m.group(0)[:head] + say_digits(m.group(name)) + m.group(0)[tail:]

    def text_code(m: re.Match[str]) -> str:
        return m.group(0)[: -len(m.group("code"))] + say_digits(m.group("code"))

    text = _BOOK_NUMBER.sub(book, text)
    text = _IDENTIFIED.sub(
        lambda m: m.group(0)[: m.start("digits") - m.start()] + say_digits(m.group("digits")),
        text,
    )
    text = _TRUNK.sub(trunk, text)
    text = _LOCAL.sub(lambda m: m.group(0)[:-8] + _say_groups(m.group("number").split("-")), text)
    text = _SHORT_CODE.sub(short, text)
    text = _TEXT_CODE.sub(text_code, text)
    return _PHONE.sub(say, text)


#: Jets said digit by digit: "Boeing 737" -> "seven three seven", "the 787 Dreamliner",
#: "a 737-800" -> "seven three seven eight hundred", "737 MAX" -> "... Max", "737s".
#: Without "Boeing" a model needs a sign it is one: a series, a plural, "MAX" or
#: "Dreamliner", or an article before and a verb or a stop after ("the 747 made", "on a
#: 787."); "737 jets" may count them.
_JET = re.compile(
    r"(?:(?:(?<=Boeing )|(?<=Boeing's ))(?P<model>7[0-8]7)(?P<series>-[1-9]00)?(?P<plural>s?)\b"
    r"|(?<![\w.,$£€-])(?P<model2>7[0-8]7)"
    r"(?:(?P<series2>-[1-9]00)(?P<plural2>s?)\b|(?P<plural3>s)\b|(?= ?(?:MAX|Max|Dreamliner))))"
    r"(?P<max> ?MAX\b)?"
    # "the 747 made its last flight", "flew on a 787.": after an article, before a verb
    # of flying or being, or a stop ("the 737 passengers" count them).
    r"|(?:(?<=\bthe )|(?<=\bThe )|(?<=\ba )|(?<=\bA )|(?<=\bits )|(?<=umbo ))"
    r"(?P<model3>7[0-8]7)(?=[.,;:!?)]|$| (?:jumbos?|jets?|airliners?|aircraft|planes?|"
    r"freighters?|fleet|was|is|has|had|will|would|could|can|made|makes|took|"
    r"takes|flew|flies|landed|lands|crashed|crashes|carrying|operated|bound)\b)"
)


def model_numbers(text: str) -> str:
    """A Boeing jet's model is said digit by digit ("Boeing 737" -> "Boeing seven three
    seven", "737-800s" -> "seven three seven eight hundreds"), not as a sum; other
    models keep their numbers ("iPhone 15", "Windows 11": "fifteen", "eleven")."""

    def say(m: re.Match[str]) -> str:
        model = m.group("model") or m.group("model2") or m.group("model3")
        series = m.group("series") or m.group("series2")
        plural = m.group("plural") or m.group("plural2") or m.group("plural3") or ""
        spoken = say_digits(model)
        if series:
            spoken += f" {num2words(int(series[1:]))}"
        return spoken + plural + (" Max" if m.group("max") else "")

    return _JET.sub(say, text)


# Letters then digits: a quarter, a fiscal year, a flight, a road, a jet ("Q3",
# "FY2023", "MH370", "M25", "F-35"), with letters after them too ("SW1A", "F-35A",
# "B2A23C": no unit inside a code).
_CODE = re.compile(
    r"\b(?P<letters>[A-Z]{1,3})-?(?P<digits>\d{1,4}(?:\.\d{1,2})?)"
    r"(?:(?P<letters2>[A-Z]{1,3})(?P<digits2>\d{1,4}))?(?P<letters3>[A-Z]{1,2})?"
    r"(?P<plural>s?)\b(?![.,]\d)"
)


# Digits then capitals: "5G", "3D", "4K" (run after units: "40F" is a temperature).
# An ordinal in capitals ("24TH", "22ND") is no code: numbers() says it.
_DIGIT_CODE = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,2})(?!ST\b|ND\b|RD\b|TH\b)(?P<letters>[A-Z]{1,2})\b"
)


def _say_code_digits(digits: str) -> str:
    """As a code's number is said: "370" -> "three seventy", "2023" -> "twenty twenty-three"."""
    if "." in digits:
        return say_number(digits)  # "PM2.5": "P M two point five"
    if len(digits) > 1 and digits.startswith("0"):
        return say_digits(digits)
    if len(digits) <= 2:
        return num2words(int(digits))
    if len(digits) == 3:
        head, tail = num2words(int(digits[0])), int(digits[1:])
        if tail == 0:
            return f"{head} hundred"
        return f"{head} oh {num2words(tail)}" if tail < 10 else f"{head} {num2words(tail)}"
    return say_year(int(digits))


#: A number with a letter in brackets after it names a plan or a clause: "401(k)",
#: "403(b)", "501(c)(3)", "section 230(c)".
_BRACKETED = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,4})(?P<parts>\([a-z]\)(?:\([a-z]\)|\(\d{1,2}\)){0,2})"
    r"(?![\w(])"
)


def _bracketed(m: re.Match[str]) -> str:
    """ "401(k)" -> "four oh one k", "501(c)(3)" -> "five oh one c three"."""
    parts = [p if p.isalpha() else num2words(int(p)) for p in re.findall(r"\w+", m["parts"])]
    return " ".join([_say_code_digits(m["number"]), *parts])


def codes(text: str) -> str:
    """ "Q3" -> "Q three", "FY2023" -> "F Y twenty twenty-three", "MH370" -> "M H three
    seventy", "M25" -> "M twenty-five", "H1N1" -> "H one N one", "SW1A" -> "S W one
    A", "401(k)" -> "four oh one k"."""

    def say(m: re.Match[str]) -> str:
        spoken = f"{spell(m.group('letters'))} {_say_code_digits(m.group('digits'))}"
        if m.group("letters2"):
            spoken += f" {spell(m.group('letters2'))} {_say_code_digits(m.group('digits2'))}"
        if m.group("letters3"):
            spoken += f" {spell(m.group('letters3'))}"
        return spoken + m.group("plural")  # "F-16s": "F sixteens"

    return _CODE.sub(say, _BRACKETED.sub(_bracketed, text))


def digit_codes(text: str) -> str:
    """ "5G" -> "5 G", "3D" -> "3 D" (the number is said later)."""
    return _DIGIT_CODE.sub(lambda m: f"{m.group('digits')} {spell(m.group('letters'))}", text)
