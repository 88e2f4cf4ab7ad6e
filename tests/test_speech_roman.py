"""Roman numerals by context: what is written -> what is said, and what is left alone."""

from __future__ import annotations

import time

import pytest

from briefing.speech import to_spoken
from briefing.speech.roman import is_numeral, roman_numerals, roman_value

#: After a word that numbers what follows: a cardinal.
COUNTED = [
    ("World War II ended in 1945.", "World War two ended in 1945."),
    ("Veterans of World War I marched.", "Veterans of World War one marched."),
    ("Super Bowl LVIII drew a record audience.", "Super Bowl fifty-eight drew a record audience."),
    ("Tickets for Super Bowl LX sold out.", "Tickets for Super Bowl sixty sold out."),
    ("WrestleMania XL sold out.", "WrestleMania forty sold out."),
    ("The Title IX rules changed.", "The Title nine rules changed."),
    ("Title X funding was cut.", "Title ten funding was cut."),
    ("A Phase III trial began.", "A Phase three trial began."),
    ("the drug's phase II trial", "the drug's phase two trial"),
    ("People with Type II diabetes.", "People with Type two diabetes."),
    ("patients with type II diabetes", "patients with type two diabetes"),
    ("She has stage IV cancer.", "She has stage four cancer."),
    ("A Schedule I drug.", "A Schedule one drug."),
    ("A Class II felony.", "A Class two felony."),
    ("a Grade II listed building", "a Grade two listed building"),
    ("Star Wars: Episode IV", "Star Wars: Episode four"),
    ("Star Wars: Episode I - The Phantom Menace", "Star Wars: Episode one - The Phantom Menace"),
    ("Part I of the report", "Part one of the report"),
    ("Henry IV, Part II.", "Henry the fourth, Part two."),
    ("Act II opens in Paris.", "Act two opens in Paris."),
    ("Article V of the treaty.", "Article five of the treaty."),
    ("Chapter XI of the code.", "Chapter eleven of the code."),
    ("CHAPTER XIV.", "CHAPTER fourteen."),
    ("CHAPTER I.", "CHAPTER one."),
    ("CHAPTER V. Advice from a Caterpillar", "CHAPTER five. Advice from a Caterpillar"),
    ("CHAP. XXI.", "CHAP. twenty-one."),
    ("Vol. II of his memoirs.", "Vol. two of his memoirs."),
    ("PART I OF PRIDE AND HUMILITY", "PART one OF PRIDE AND HUMILITY"),  # (tn-dev, CC BY 4.0)
    ("Purgatorio: Canto XXIX", "Purgatorio: Canto twenty-nine"),  # (tn-dev, CC BY 4.0)
    ("Chapter 2.XXVI.", "Chapter 2.twenty-six."),  # (tn-dev, CC BY 4.0)
    ("Apollo XI landed.", "Apollo eleven landed."),
    ("The Saturn V rocket.", "The Saturn five rocket."),
    ("A Mark II Jaguar.", "A Mark two Jaguar."),
    ("the Vatican II reforms", "the Vatican two reforms"),
]

#: After a monarch's or a pope's name, a title and a name, or a person's full name:
#: "the" and an ordinal.
REGNAL = [
    ("Henry VIII had six wives.", "Henry the eighth had six wives."),
    ("HENRY VIII.", "HENRY the eighth."),
    ("KING CHARLES III CROWNED", "KING CHARLES the third CROWNED"),
    ("Pope Benedict XVI resigned.", "Pope Benedict the sixteenth resigned."),
    ("Pope Leo XIV spoke.", "Pope Leo the fourteenth spoke."),
    ("Pope John Paul II visited.", "Pope John Paul the second visited."),
    ("King Charles III's coronation.", "King Charles the third's coronation."),
    ("Queen Elizabeth II died.", "Queen Elizabeth the second died."),
    ("Louis XIV built Versailles.", "Louis the fourteenth built Versailles."),
    ("Louis XIV. was king.", "Louis the fourteenth was king."),
    ("Clement VII.'s envoy", "Clement the seventh's envoy"),
    ("the court of Charles V., it", "the court of Charles the fifth, it"),
    ("Henry V. He was king.", "Henry the fifth. He was king."),
    ("Charles I was beheaded.", "Charles the first was beheaded."),
    ("What about Edward I?", "What about Edward the first?"),
    ("King Frederik X of Denmark.", "King Frederik the tenth of Denmark."),
    ("King Felipe VI of Spain.", "King Felipe the sixth of Spain."),
    ("King Mswati III rules.", "King Mswati the third rules."),
    ("Emperor Haile Selassie I", "Emperor Haile Selassie the first"),
    ("King Carl XVI Gustaf", "King Carl the sixteenth Gustaf"),
    ("Napoleon III fell.", "Napoleon the third fell."),
    ("Martin Luther King III spoke.", "Martin Luther King the third spoke."),
    ("Joseph P. Kennedy III won.", "Joseph P. Kennedy the third won."),
    ("Robert Griffin III threw.", "Robert Griffin the third threw."),
    ("Henry Ford II ran the company.", "Henry Ford the second ran the company."),
    ("King Charles I. Leaving", "King Charles the first. Leaving"),
    ("the XVIII Airborne Corps", "the eighteenth Airborne Corps"),
    ("in the XIX century", "in the nineteenth century"),
    ("the XIXth century", "the nineteenth century"),
    ("chapters of the IVth.", "chapters of the fourth."),
]

#: A title with a number: a sequel, a game, a programme; and headings.
TITLES_AND_HEADINGS = [
    ("Rocky II opened.", "Rocky two opened."),
    ("Gladiator II tops the box office.", "Gladiator two tops the box office."),
    ("Final Fantasy VII Rebirth", "Final Fantasy seven Rebirth"),
    ("Grand Theft Auto VI is delayed.", "Grand Theft Auto six is delayed."),
    ("Grand Theft Auto V sold well.", "Grand Theft Auto five sold well."),
    ("Final Fantasy X", "Final Fantasy ten"),
    ("The Elder Scrolls V: Skyrim", "The Elder Scrolls five: Skyrim"),
    ("Civilization VII is out.", "Civilization seven is out."),
    ("STUDY VIII", "STUDY eight"),
    ("Prime BEEF III sent teams.", "Prime BEEF three sent teams."),
    ("World War II-era planes", "World War two-era planes"),
    ("WWII veterans", "World War two veterans"),
    ("after WWI.", "after World War one."),
    ("XIV.", "fourteen."),
    ("XXV", "twenty-five"),
    ("I.", "one."),
    ('"XIV."', '"fourteen."'),
    ("VI. THE RETURN", "six. THE RETURN"),
    ("X. DON DIEGO", "ten. DON DIEGO"),
    ("XIII--PASSING GLEAMS", "thirteen--PASSING GLEAMS"),
    ("V--HIS FRONTIERS", "five--HIS FRONTIERS"),
    ("III DIFFICULTIES SOLVED", "three DIFFICULTIES SOLVED"),
    ("II. The second point.", "two. The second point."),
    ("FRIED PERCH--III", "FRIED PERCH--three"),
    ("[VIII] Then Last Of All", "[eight] Then Last Of All"),
    ("The plan: I. HOUSING; II. Health.", "The plan: one. HOUSING; two. Health."),
    ("the battle II turret", "the battle two turret"),
]

#: Left alone: the pronoun, initials, words and codes that look like numerals.
LEFT_ALONE = [
    "I think so.",
    "Part of what I said.",
    "Then I told Charles I would go.",
    "Part I think is true.",
    "in part I think",
    "I'm here, I've seen it, I'd go, I'll stay.",
    "I BELIEVE have already narrated",
    "Malcolm X spoke.",
    "Brother Malcolm X",
    "John D. Rockefeller",
    "C. S. Lewis wrote.",
    "I. M. Pei designed it.",
    "V. S. Naipaul wrote.",
    "Edward I. Koch was mayor.",
    "Samuel L. Jackson.",
    "L. Ron Hubbard",
    "Elon Musk's X said",
    "posted on X, formerly Twitter",
    "Xbox Series X",
    "Tesla Model X",
    "Generation X voters",
    "Richard X Presents",
    "MIX 96",
    "Washington, DC and MD",
    "a CV and a CD",
    "LIV Golf players",
    "The LIV Golf tour",
    "an IV drip",
    "IV fluids were given.",
    "an XL bully",
    "The XL Bully ban",
    "the XX chromosome",
    "an X-ray",
    "the I-95 corridor",
    "Titan IIIC rockets",
    "AC/DC toured.",
    "Medicare Part D",
    "Vitamin C",
    "Class C shares",
    "Mr. X",
    "Hall C , Manser E , Spurr NK , Lim L ( 1993 ) .",  # (tn-dev, CC BY 4.0)
    "Rossi A , Gasperi V , Maccarrone M ( 2014 ) .",  # (tn-dev, CC BY 4.0)
]


@pytest.mark.parametrize(("written", "spoken"), COUNTED + REGNAL + TITLES_AND_HEADINGS)
def test_roman_numerals(written, spoken):
    assert roman_numerals(written) == spoken


@pytest.mark.parametrize("written", LEFT_ALONE)
def test_roman_numerals_leaves_alone(written):
    assert roman_numerals(written) == written


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Pope Benedict XVI met the press.", "Pope Benedict the sixteenth met the press."),
        ("Henry VIII's wives were six.", "Henry the eighth's wives were six."),
        ("the reign of Louis XIV ended", "the reign of Louis the fourteenth ended"),
        ("He fought in World War II and lived.", "He fought in World War two and lived."),
    ],
)
def test_to_spoken_reads_numerals_before_acronyms(written, spoken):
    """The numerals' rule runs before acronyms, which would spell "XVI" as letters."""
    assert to_spoken(written, lexicon={}) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("XI JINPING MEETS BIDEN", "Xi Jinping Meets Biden"),
        ("XI MEETS BIDEN IN LIMA", "Xi Meets Biden In Lima"),
        ("TRUMP AND XI AGREE TARIFF TRUCE", "Trump And Xi Agree Tariff Truce"),
        ("PRESIDENT XI SAYS NO", "President Xi Says No"),
        ("XI'S VISIT ENDS", "Xi's Visit Ends"),
        # the numeral where a counting word, a monarch or a full stop makes it one
        ("CHAPTER XI. THE END", "Chapter eleven. The End"),
        ("POPE PIUS XI DIES", "Pope Pius the eleventh Dies"),
        ("XI. THE RETURN", "eleven. The Return"),
        ("England named their starting XI.", "England named their starting eleven."),
    ],
)
def test_a_numeral_that_is_a_name_in_a_heading_is_the_name(written, spoken):
    assert to_spoken(written, lexicon={}) == spoken


@pytest.mark.parametrize("written", ["CHAPTER XIV.", "HENRY VIII.", "STUDY VIII", "X. DON DIEGO"])
def test_to_spoken_says_a_heading_numeral_whatever_the_capitals_around_it(written):
    spoken = to_spoken(written, lexicon={})
    assert any(n in spoken for n in ("fourteen", "eighth", "eight", "ten")), spoken
    assert not any(f" {c} " in f" {spoken} " for c in ("X", "I", "V")), spoken


@pytest.mark.parametrize(
    ("numeral", "well_formed"),
    [("XIV", True), ("MMXXVI", True), ("LVIII", True), ("IIII", False), ("VX", False),
     ("IC", False), ("MIXX", False), ("", False), ("I" * 40, False)],
)  # fmt: skip
def test_is_numeral(numeral, well_formed):
    assert is_numeral(numeral) is well_formed


def test_roman_value_reads_every_letter():
    assert [roman_value(n) for n in ("MCMXCIX", "MMXXVI", "CDXLIV")] == [1999, 2026, 444]


@pytest.mark.parametrize(
    "piece",
    ["I ", "II. ", "Henry VIII ", "CHAPTER XIV.--", "I" * 30, "--I ", '("II', "MDCLXVI ",
     "2.XXVI.", "X-", "Part I think ", "the XIX Century ", "King Charles I. "],
)  # fmt: skip
def test_roman_numerals_is_fast_on_a_long_hostile_paragraph(piece):
    """Linear time: 200 kB of one nasty piece, well within a CPU bound (under 1 s
    for the worst piece on the development machine; a quadratic rule takes minutes)."""
    text = (piece * (200_000 // len(piece) + 1))[:200_000]
    started = time.process_time()
    roman_numerals(text)
    assert time.process_time() - started < 20
