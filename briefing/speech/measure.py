"""Measures: units ("4.2 km", "1,200 sq ft", "381/km²", "100 Mbps"), percentages, feet and
inches. The unit names follow the US spelling the references use ("kilometers"), which a
voice says as the British.
"""

from __future__ import annotations

import re

from .cardinal import NUMBER
from .common import NOT_A_NOUN, attributive


def describes(text: str, start: int, end: int) -> bool:
    """``common.attributive`` ("a 10 km walk"), but not when its "an" ends a word: "ran
    9.58s" and "Iran 5m" hold no article."""
    if (
        text[max(0, start - 3) : start] in ("an ", "An ")
        and start >= 4
        and text[start - 4].isalnum()
    ):
        return False
    return attributive(text, start, end)


_FEET_INCHES = re.compile(r"(?<![\w.])(?P<ft>\d{1,2})['’′] ?(?P<inch>\d{1,2})(?:\"|”|″|''|’’)")


_INCHES = re.compile(rf"(?P<num>{NUMBER})(?P<space> ?)ins?(?=[\s.,;:!?)]|$)")


#: A height before the noun it describes: "a 6ft 4in forward" -> "a 6 foot 4 forward".
_HEIGHT_BEFORE_NOUN = re.compile(
    r"\b(?P<art>[Aa]n?|[Tt]he|[Hh]is|[Hh]er) (?P<ft>[4-7]) ?ft (?P<inch>\d{1,2}) ?in"
    r"(?= (?P<noun>[a-z]+)\b)"
)


def feet_and_inches(text: str) -> str:
    """ "5'11\"" -> "5 feet 11 inches"; "6ft 2in" -> "6ft 2 inches" (the units rule
    says the feet); before its noun a height is said as an adjective: "a 6ft 4in
    forward" -> "a 6 foot 4 forward". A spaced "2 in" is inches only after feet ("scored
    2 in a row")."""

    def height(m: re.Match[str]) -> str:
        if m.group("noun") in NOT_A_NOUN:
            return m.group(0)
        return f"{m.group('art')} {m.group('ft')} foot {m.group('inch')}"

    text = _HEIGHT_BEFORE_NOUN.sub(height, text)
    text = _FEET_INCHES.sub(lambda m: f"{m.group('ft')} feet {m.group('inch')} inches", text)

    def say(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 6) : m.start()]
        if m.group("space") and not re.search(r"(?:ft|feet|foot) $", before):
            return m.group(0)
        single = m.group("num") == "1" or describes(text, m.start(), m.end())
        return f"{m.group('num')} {'inch' if single else 'inches'}"

    return _INCHES.sub(say, text)


# "40%", "5pc" (as British papers write it); "per cent" is already words.
_PERCENT = re.compile(rf"(?P<num>{NUMBER})(?:\s?%|pc\b)")


# A range of percentages with a sign on each: "5.25%-5.5%", "20%–30%".
_PERCENT_RANGE = re.compile(rf"(?P<a>{NUMBER})\s?%\s?[-–]\s?(?P<b>{NUMBER})\s?%")


def percentages(text: str) -> str:
    """ "40%" -> "40 percent", "5pc" -> "5 percent", "5.25%-5.5%" -> "5.25 to 5.5
    percent" (the numbers are said later)."""
    text = _PERCENT_RANGE.sub(lambda m: f"{m.group('a')} to {m.group('b')} percent", text)
    return _PERCENT.sub(lambda m: f"{m.group('num')} percent", text)


def _regular(*names: str) -> dict[str, tuple[str, str]]:
    """ "km=kilometer" -> {"km": ("kilometer", "kilometers")}."""
    table = {}
    for name in names:
        symbol, _, word = name.partition("=")
        table[symbol] = (word.replace("_", " "), word.replace("_", " ") + "s")
    return table


_CELSIUS = ("degree Celsius", "degrees Celsius")
_FAHRENHEIT = ("degree Fahrenheit", "degrees Fahrenheit")


_UNITS: dict[str, tuple[str, str]] = {
    **_regular(
        "km=kilometer",
        "kms=kilometer",
        "KM=kilometer",
        "KMS=kilometer",
        "cm=centimeter",
        "mm=millimeter",
        "µm=micrometer",
        "m=meter",
        "mi=mile",
        "yd=yard",
        "yds=yard",
        "kg=kilogram",
        "kgs=kilogram",
        "KG=kilogram",
        "KGS=kilogram",
        "g=gram",
        "mg=milligram",
        "µg=microgram",
        "mcg=microgram",
        "lb=pound",
        "lbs=pound",
        "LBS=pound",
        "oz=ounce",
        "l=liter",
        "L=liter",
        "ml=milliliter",
        "mL=milliliter",
        "cl=centiliter",
        "gal=gallon",
        "bbl=barrel",
        "ha=hectare",
        "kWh=kilowatt_hour",
        "MWh=megawatt_hour",
        "GWh=gigawatt_hour",
        "TWh=terawatt_hour",
        "kW=kilowatt",
        "MW=megawatt",
        "GW=gigawatt",
        "TW=terawatt",
        "kV=kilovolt",
        "V=volt",
        "mAh=milliamp_hour",
        "KB=kilobyte",
        "kB=kilobyte",
        "MB=megabyte",
        "GB=gigabyte",
        "TB=terabyte",
        "PB=petabyte",
        "Mb=megabit",
        "Gb=gigabit",
        "dB=decibel",
        "kcal=kilocalorie",
        "cal=calorie",
        "hr=hour",
        "hrs=hour",
        "h=hour",
        "min=minute",
        "mins=minute",
        "sec=second",
        "secs=second",
        "s=second",
        "ms=millisecond",
        "yr=year",
        "yrs=year",
        "wk=week",
        "wks=week",
        "mo=month",
        "mos=month",
        "mth=month",
        "mths=month",
        "kts=knot",
        "bp=basis_point",
        "bps=basis_point",
        "pp=percentage_point",
        "ppt=percentage_point",
        "ppts=percentage_point",
        "pts=point",
    ),  # fmt: skip
    "ft": ("foot", "feet"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "sq km": ("square kilometer", "square kilometers"),
    "km²": ("square kilometer", "square kilometers"),
    "km2": ("square kilometer", "square kilometers"),
    "sq m": ("square meter", "square meters"),
    "m²": ("square meter", "square meters"),
    "m2": ("square meter", "square meters"),
    "cm²": ("square centimeter", "square centimeters"),
    "sq mi": ("square mile", "square miles"),
    "mi²": ("square mile", "square miles"),
    "sq ft": ("square foot", "square feet"),
    "ft²": ("square foot", "square feet"),
    "sq in": ("square inch", "square inches"),
    "sq yd": ("square yard", "square yards"),
    "m³": ("cubic meter", "cubic meters"),
    "m3": ("cubic meter", "cubic meters"),
    "cm³": ("cubic centimeter", "cubic centimeters"),
    "km³": ("cubic kilometer", "cubic kilometers"),
    "km3": ("cubic kilometer", "cubic kilometers"),
    "mm²": ("square millimeter", "square millimeters"),
    "mm³": ("cubic millimeter", "cubic millimeters"),
    "ft³": ("cubic foot", "cubic feet"),
    "cu ft": ("cubic foot", "cubic feet"),
    "cu m": ("cubic meter", "cubic meters"),
    "cc": ("c c", "c c"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "kmh": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "MPH": ("mile per hour", "miles per hour"),
    "m/s": ("meter per second", "meters per second"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "bpd": ("barrel per day", "barrels per day"),
    "b/d": ("barrel per day", "barrels per day"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Kbps": ("kilobit per second", "kilobits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "mbps": ("megabit per second", "megabits per second"),
    "Mbit/s": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "gbps": ("gigabit per second", "gigabits per second"),
    "Gbit/s": ("gigabit per second", "gigabits per second"),
    "MB/s": ("megabyte per second", "megabytes per second"),
    "GB/s": ("gigabyte per second", "gigabytes per second"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"),
    "hp": ("horsepower", "horsepower"),
    "bhp": ("brake horsepower", "brake horsepower"),
    "psi": ("p s i", "p s i"),
    "°C": _CELSIUS,
    "°F": _FAHRENHEIT,
    "ºC": _CELSIUS,
    "ºF": _FAHRENHEIT,
    "° C": _CELSIUS,
    "° F": _FAHRENHEIT,
    "degrees C": _CELSIUS,
    "degrees F": _FAHRENHEIT,
    "C": _CELSIUS,
    "F": _FAHRENHEIT,
    "°": ("degree", "degrees"),
    "º": ("degree", "degrees"),  # the ordinal sign, often typed for a degree
}


#: Units said only when joined to their number ("24h", "9.58s"): spaced, "5 h" and "3 s"
#: are more often letters.
#: "pp" too: "up 2.5pp" is percentage points, "245 pp." a book's pages.
_JOINED_ONLY = frozenset({"h", "s", "C", "F", "V", "L", "pp"})


#: Units said only when spaced: a book's "32mo" is its size, "6 mo" six months.
_SPACED_ONLY = frozenset({"mo"})


#: A scale word between an amount and its unit: "100 million kg", "2 billion km".
_UNIT_SCALE = r"(?: (?P<scale>thousand|million|billion|trillion)(?= ))?"


_UNIT_ALTERNATION = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))


#: What may follow a unit: the end of a word, or a hyphen ("a 10km-long road").
_UNIT_END = r"(?=[\s.,;:!?)\-]|$)"


# A unit's full stop before a word in small letters ("1,200 sq. ft. flat", "2 oz. of
# pepper") ends no sentence: it goes with the unit.
_UNIT = re.compile(
    rf"(?P<num>-?(?:{NUMBER})){_UNIT_SCALE}(?P<sep>\s?|-)(?P<unit>{_UNIT_ALTERNATION})"
    rf"(?:/(?P<per>{_UNIT_ALTERNATION}))?(?:\.(?= [a-z])|{_UNIT_END})"
)


#: Units that a slash or "per" may come before ("people/km²", "$5/kg", "per sq ft"): not
#: the one-letter ones ("A/C", "w/h").
_PER_ALTERNATION = "|".join(
    re.escape(u) for u in sorted(_UNITS, key=len, reverse=True) if len(u) > 1 and u != "°"
)


_PER_UNIT = re.compile(rf"(?:(?<=\w) ?/ ?|\bper )(?P<unit>{_PER_ALTERNATION}){_UNIT_END}")


#: "sq. ft", "sq.km", "cu. m": one spelling for the table.
_SQUARE = re.compile(r"\b(?P<kind>sq|cu)\.? ?(?P<unit>km|mi|ft|yd|in|m)\b")


def units(text: str) -> str:
    """ "4.2 km" -> "4.2 kilometers"; "30°C" -> "30 degrees Celsius"; "70mph" -> "70 miles
    per hour"; "-5C" -> "-5 degrees Celsius"; "a 100m race" -> "a 100 meter race"; "1,200
    sq ft" -> "1,200 square feet"; "381.2/km²" -> "381.2 per square kilometer"; "100 Mbps"
    -> "100 megabits per second"; "a 10-km walk" -> "a 10 kilometer walk"; "9.58s" ->
    "9.58 seconds"; "25bp" -> "25 basis points"; "up 2.5pp" -> "up 2.5 percentage
    points"."""
    text = _SQUARE.sub(lambda m: f"{m.group('kind')} {m.group('unit')}", text)

    def say(m: re.Match[str]) -> str:
        unit, number = m.group("unit"), m.group("num")
        one, many = _UNITS[unit]
        joined = not m.group("sep")
        if unit in _JOINED_ONLY and not joined or unit in _SPACED_ONLY and joined:
            return m.group(0)  # "Grade 5 C", "5 h": a bare letter is a unit only joined on
        if m.group("scale"):
            if len(unit) == 1:
                return m.group(0)  # "5 million m" is no clear length
            number = f"{number} {m.group('scale')}"  # "100 million kilograms"
        if unit == "s" and "." not in number:
            return m.group(0)  # "1990s" is a decade; "9.58s" a time
        single = (
            number in ("1", "-1")
            or m.group("sep") == "-"
            or text.startswith("-", m.end())
            or describes(text, m.start(), m.end())
        )
        if unit == "ft" and single and number not in ("1", "-1"):
            one = "foot"  # "a 6ft wall": "a six foot wall"
        spoken = f"{number} {one if single else many}"
        if m.group("per"):
            spoken += f" per {_UNITS[m.group('per')][0]}"
        return spoken

    text = _UNIT.sub(say, text)
    return _PER_UNIT.sub(lambda m: f" per {_UNITS[m.group('unit')][0]}", text)
