"""Cardinals, ordinals, decimals, years and decades: "1,200" -> "one thousand two hundred",
"3rd" -> "third", "1998" -> "nineteen ninety-eight", "the 1990s" -> "the nineteen
nineties".
"""

from __future__ import annotations

import re

from num2words import num2words

# A number starts only where its digits start (the look-behind): tried at every digit of
# a long run of them that no unit or sign follows, a rule took time in the run's square.
NUMBER = r"(?<!\d)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


#: Longer runs of digits (an account number, a hash) are said digit by digit: num2words
#: has no words past 10**306, and nobody says a 16-digit number as one.
MAX_NUMBER_DIGITS = 15


def say_digits(digits: str) -> str:
    """ "007" -> "zero zero seven"."""
    return " ".join(num2words(int(d)) for d in digits if d.isdigit())


def say_number(written: str) -> str:
    """ "1,200" -> "one thousand two hundred", "3.5" -> "three point five"."""
    digits = written.replace(",", "")
    if "." in digits:
        whole, fraction = digits.split(".", 1)
        head = say_number(whole or "0")
        return f"{head} point {say_digits(fraction)}"
    if len(digits) > 1 and digits.startswith("0") or len(digits) > MAX_NUMBER_DIGITS:
        return say_digits(digits)  # "007", or a number too long to say as one
    return num2words(int(digits)).replace(",", "")


def say_year(year: int) -> str:
    """1998 -> "nineteen ninety-eight", 2026 -> "twenty twenty-six"."""
    return num2words(year, to="year").replace(",", "")


def say_ordinal(number: int) -> str:
    return num2words(number, to="ordinal").replace(",", "")


_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")


_YEAR = re.compile(r"(?<![\d,.$£€])\b(1\d\d\d|20\d\d)\b(?!\d|,\d|\.\d)(?!s\b)")


_DECADE = re.compile(r"\b(1\d\d0|20\d0)s\b|'(\d0)s\b")


_NEGATIVE = re.compile(rf"(?<![\w)])[-−](?={NUMBER})")


_ANY_NUMBER = re.compile(NUMBER)


def numbers(text: str) -> str:
    """Ordinals, years, decades, decimals, thousands separators and minus signs, in words."""
    text = _ORDINAL.sub(
        lambda m: (
            say_ordinal(int(m.group(1)))
            if len(m.group(1)) <= MAX_NUMBER_DIGITS
            else say_digits(m.group(1))
        ),
        text,
    )

    def decade(m: re.Match[str]) -> str:
        if m.group(2):
            return (
                num2words(int(m.group(2)), to="ordinal").replace("tieth", "ties").replace("th", "s")
            )
        year = say_year(int(m.group(1)))
        return re.sub(r"ty$", "ties", year) if year.endswith("ty") else year + "s"

    text = _DECADE.sub(decade, text)
    text = _YEAR.sub(lambda m: say_year(int(m.group(1))), text)
    text = _NEGATIVE.sub("minus ", text)
    text = re.sub(r"(?<=\d)-(?=[A-Za-z])", " ", text)  # "14-year" -> "14 year"
    return _ANY_NUMBER.sub(lambda m: say_number(m.group(0)), text)
