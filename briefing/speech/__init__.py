"""Text normalisation for speech: what the voice should say for what is written.

``to_spoken(text)`` turns "$4.5bn", "Nov. 25", "40%", "FBI" or "km/h" into words a
speech engine reads well. The rules are organised by the class of what is written, a
module each (``cardinal``: cardinals, ordinals, decimals, years; ``fraction``;
``money``; ``measure``; ``date``: dates and times; ``telephone``: phone numbers and
codes; ``electronic``: web and e-mail addresses; ``letters``: acronyms;
``abbreviations``; ``roman``: Roman numerals; ``verbatim``: ranges, symbols,
punctuation), each a chain of small pure functions tested with tables; ``RULES`` runs
them in the order a text needs them. The pipeline applies it to every spoken line,
while the transcripts keep the written form. Numbers are said with num2words. A
pronunciation lexicon (``lexicon``: ``voices/lexicon.toml``, merged with a user lexicon
named by ``$BRIEFING_LEXICON``) respells names the voices get wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..languages import get_language, primary_tag
from .abbreviations import abbreviations
from .cardinal import (
    MAX_NUMBER_DIGITS,
    NUMBER,
    era_years,
    numbers,
    say_digits,
    say_number,
    say_ordinal,
    say_year,
)
from .common import attributive, one_space
from .date import dates, times
from .electronic import urls_and_emails
from .fraction import fractions
from .letters import SAID_AS_WORDS, SPELLED, acronym_codes, acronyms, pronounceable, spell
from .lexicon import Respelling, apply_lexicon, default_lexicon, load_lexicon
from .measure import feet_and_inches, percentages, units
from .money import money, scales
from .roman import roman_numerals, roman_value
from .telephone import codes, digit_codes, model_numbers, phone_numbers
from .verbatim import punctuation, ranges, symbols

__all__ = [
    "MAX_NUMBER_DIGITS",
    "NUMBER",
    "RULES",
    "Respelling",
    "SAID_AS_WORDS",
    "SPELLED",
    "abbreviations",
    "acronym_codes",
    "acronyms",
    "apply_lexicon",
    "attributive",
    "codes",
    "dates",
    "default_lexicon",
    "digit_codes",
    "era_years",
    "feet_and_inches",
    "fractions",
    "load_lexicon",
    "model_numbers",
    "money",
    "numbers",
    "one_space",
    "percentages",
    "phone_numbers",
    "pronounceable",
    "punctuation",
    "ranges",
    "roman_numerals",
    "roman_value",
    "say_digits",
    "say_number",
    "say_ordinal",
    "say_year",
    "scales",
    "spell",
    "symbols",
    "times",
    "to_spoken",
    "units",
    "urls_and_emails",
]

#: The rules in order: each sees what the ones before it made.
RULES: tuple[Callable[[str], str], ...] = (
    urls_and_emails,
    phone_numbers,  # before money, numbers and ranges read its digits as amounts
    model_numbers,  # before ranges reads "737-800" as "737 to 800"
    money,  # before scales and units: "£451m" is money, not metres
    scales,  # before units: "451m euros" is millions, not metres
    percentages,
    dates,
    times,
    acronym_codes,  # before codes spells "COP28" and units reads "B2C" as 2 degrees
    codes,
    feet_and_inches,
    units,
    digit_codes,  # after units: "40F" is a temperature, "5G" a code
    fractions,  # before symbols reads "1/3" as "1 3"
    ranges,
    era_years,  # after ranges ("1425-1400 BC"), before abbreviations reads "B.C." as "B C"
    # before abbreviations takes the full stop off "Charles I." and "Edward I. Koch"
    # (a sentence's end against an initial), and before acronyms spells "II" as letters
    roman_numerals,
    abbreviations,
    acronyms,
    symbols,
    numbers,
    punctuation,
)


def to_spoken(
    text: str,
    *,
    lexicon: Mapping[str, str] | None = None,
    engine: str | None = None,
    language: str | None = None,
) -> str:
    """What a voice should say for ``text`` (the written form stays in the transcript),
    in ``language`` (a tag: "de", "es-MX"; English when not given: ``RULES``; another
    language's rules are ``localized``'s, from its number words).
    ``lexicon``: respellings to apply first (``{}``: none); without one, the bundled and
    the user's lexicons' entries for ``engine`` (a registry name, as voice profiles name
    engines; None: every entry). The bundled lexicon is English's."""
    rules = RULES
    if language is not None and primary_tag(language) != "en":
        from .localized import rules_for

        rules = rules_for(get_language(language))
        lexicon = {} if lexicon is None else lexicon
    if lexicon is None:
        lexicon = default_lexicon(engine)
    text = apply_lexicon(one_space(text), lexicon)
    for rule in rules:
        text = rule(text)
    return text
