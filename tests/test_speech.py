"""Speech normalisation: written -> spoken, as tables, plus the lexicon."""

from __future__ import annotations

import pytest

from briefing import speech
from briefing.errors import VoiceError
from briefing.speech import (
    apply_lexicon,
    load_lexicon,
    pronounceable,
    roman_value,
    say_number,
    say_year,
    to_spoken,
)

CASES = [
    # cardinals
    ("There were 3 cars.", "There were three cars."),
    ("About 12 people.", "About twelve people."),
    ("It cost 105 votes.", "It cost one hundred and five votes."),
    ("A crowd of 1,200.", "A crowd of one thousand two hundred."),
    ("Some 45,000 fans.", "Some forty-five thousand fans."),
    (
        "A total of 1,234,567 votes.",
        "A total of one million two hundred and thirty-four thousand five hundred and sixty-seven votes.",
    ),
    ("Exactly 0 errors.", "Exactly zero errors."),
    ("Room 007 is free.", "Room zero zero seven is free."),
    ("The 2 sides met.", "The two sides met."),
    ("It has 99 problems.", "It has ninety-nine problems."),
    # ordinals
    ("The 1st time.", "The first time."),
    ("Their 2nd win.", "Their second win."),
    ("The 3rd round.", "The third round."),
    ("The 21st century.", "The twenty-first century."),
    ("His 100th goal.", "His one hundredth goal."),
    ("The 52nd state.", "The fifty-second state."),
    ("On the 11th floor.", "On the eleventh floor."),
    ("The 500th appearance.", "The five hundredth appearance."),
    # years
    ("In 1998 it began.", "In nineteen ninety-eight it began."),
    ("By 2026, maybe.", "By twenty twenty-six, maybe."),
    ("Since 2005.", "Since two thousand and five."),
    ("In 1900 they left.", "In nineteen hundred they left."),
    ("The year 2000.", "The year two thousand."),
    ("From 1066 onwards.", "From ten sixty-six onwards."),
    ("In 2010.", "In twenty ten."),
    ("Before 1945.", "Before nineteen forty-five."),
    # decades
    ("The 1990s were good.", "The nineteen nineties were good."),
    ("In the 1960s.", "In the nineteen sixties."),
    ("The 2020s began.", "The twenty twenties began."),
    ("Back in the '80s.", "Back in the eighties."),
    # decimals
    ("It rose 3.5 percent.", "It rose three point five percent."),
    ("A 0.4 point gain.", "A zero point four point gain."),
    ("It was 9.58 seconds.", "It was nine point five eight seconds."),
    ("About 1.25 metres.", "About one point two five metres."),
    ("A 4.2 rise.", "A four point two rise."),
    # scales
    ("1.2 million people.", "one point two million people."),
    ("3 billion years.", "three billion years."),
    ("2.5 trillion.", "two point five trillion."),
    ("15 million viewers.", "fifteen million viewers."),
    ("4.5 million euros of debt.", "four point five million euros of debt."),
    # ranges
    ("From 2019-2021.", "From twenty nineteen to twenty twenty-one."),
    ("In 2019-21.", "In twenty nineteen to twenty-one."),
    ("About 10-12 people.", "About ten to twelve people."),
    ("Ages 18–25.", "Ages eighteen to twenty-five."),
    ("He won 2-1 against Spain.", "He won two one against Spain."),
    ("They lost 3-0.", "They lost three zero."),
    ("Nadal beat him 6-3.", "Nadal beat him six three."),
    ("Pages 10–20.", "Pages ten to twenty."),
    # money
    ("It cost $4.5bn.", "It cost four point five billion dollars."),
    ("A fee of £300.", "A fee of three hundred pounds."),
    ("Only €1,200.", "Only one thousand two hundred euros."),
    ("Just $1.50 each.", "Just one dollar and fifty cents each."),
    ("It was £1.", "It was one pound."),
    ("He paid $15million.", "He paid fifteen million dollars."),
    ("Profits of $2.3m.", "Profits of two point three million dollars."),
    ("A $5 bill.", "A five dollar bill."),  # attributive (issue 15)
    ("Costs of £38,831.", "Costs of thirty-eight thousand eight hundred and thirty-one pounds."),
    ("Worth ¥500.", "Worth five hundred yen."),
    ("A US$20 note.", "A twenty U S dollar note."),  # attributive
    ("Loans of €2bn.", "Loans of two billion euros."),
    ("Fares rise to £3.20.", "Fares rise to three pounds twenty."),
    ("About $100 billion.", "About one hundred billion dollars."),
    ("Nearly $1 trillion.", "Nearly one trillion dollars."),
    # percent
    ("Up 40%.", "Up forty percent."),
    ("A 5% rise.", "A five percent rise."),
    ("Fell 12.5%.", "Fell twelve point five percent."),
    ("It is 100% true.", "It is one hundred percent true."),
    ("Only 68 % agree.", "Only sixty-eight percent agree."),
    # dates
    ("On Nov. 25 it starts.", "On November twenty-fifth it starts."),
    ("March 3, 2017 was a Friday.", "March third, twenty seventeen was a Friday."),
    ("On 3 March 2017.", "On the third of March, twenty seventeen."),
    ("By Jan 1.", "By January first."),
    ("On Dec. 31, 1999.", "On December thirty-first, nineteen ninety-nine."),
    ("On 25th November.", "On the twenty-fifth of November."),
    ("Since June 30.", "Since June thirtieth."),
    ("From Sept. 1.", "From September first."),
    ("On 1 April.", "On the first of April."),
    ("By February 29, 2024.", "By February twenty-ninth, twenty twenty-four."),
    # times
    ("At 5:30 p.m.", "At five thirty p m."),
    ("By 10am.", "By ten a m."),
    ("At 9 a.m. sharp.", "At nine a m sharp."),
    ("Leaving at 23:40.", "Leaving at twenty-three forty."),
    ("At 00:40.", "At zero forty."),
    ("At 12:05 pm.", "At twelve oh five p m."),
    ("At 7:00.", "At seven o'clock."),
    ("Noon, 12:00.", "Noon, twelve o'clock."),
    ("At 6pm.", "At six p m."),
    ("The show airs at 8 p.m. ET.", "The show airs at eight p m E T."),
    ("It opens at 10 a.m. EST on Monday.", "It opens at ten a m E S T on Monday."),
    ("It ends at 8 p.m. The crowd left.", "It ends at eight p m. The crowd left."),
    # units
    ("It is 4.2 km long.", "It is four point two kilometers long."),
    ("Top speed 70mph.", "Top speed seventy miles per hour."),
    ("A 100m race.", "A one hundred meter race."),  # attributive
    ("It was 30°C.", "It was thirty degrees Celsius."),
    ("Down to -5°C.", "Down to minus five degrees Celsius."),
    ("A 3 kg parcel.", "A three kilogram parcel."),  # attributive
    ("About 10 ft tall.", "About ten feet tall."),
    ("Winds of 120 km/h.", "Winds of one hundred and twenty kilometers per hour."),
    ("It weighs 1 kg.", "It weighs one kilogram."),
    ("Just 1 km away.", "Just one kilometer away."),
    ("A 5 mm gap.", "A five millimeter gap."),  # attributive
    ("Some 200 ha of forest.", "Some two hundred hectares of forest."),
    ("It hit 95°F.", "It hit ninety-five degrees Fahrenheit."),
    ("A 2 GB file.", "A two gigabyte file."),  # attributive
    ("A 50 MW plant.", "A fifty megawatt plant."),  # attributive
    # titles
    ("Dr. Smith spoke.", "Doctor Smith spoke."),
    ("Gen. Jones agreed.", "General Jones agreed."),
    ("Sen. Ann Lee voted.", "Senator Ann Lee voted."),
    ("Gov. Mark Diaz left.", "Governor Mark Diaz left."),
    ("Mr. Brown and Mrs. Brown.", "Mister Brown and Missus Brown."),
    ("Ms. Green won.", "Miz Green won."),
    ("Prof. Wu wrote it.", "Professor Wu wrote it."),
    ("Capt. Hook sailed.", "Captain Hook sailed."),
    ("Lt. Dan waited.", "Lieutenant Dan waited."),
    ("Rev. King preached.", "Reverend King preached."),
    ("Mr Brown arrived.", "Mister Brown arrived."),
    ("Dr Patel agreed.", "Doctor Patel agreed."),
    # abbreviations
    ("The U.S. economy.", "The U S economy."),
    ("The U.N. voted.", "The U N voted."),
    ("He lives in the U.S. The end.", "He lives in the U S. The end."),
    ("In Washington, D.C. today.", "In Washington, D C today."),
    ("Fruit, e.g. apples.", "Fruit, for example apples."),
    ("Red, i.e. warm.", "Red, that is warm."),
    ("Smith vs. Jones.", "Smith versus Jones."),
    ("Cats, dogs, etc. were there.", "Cats, dogs, et cetera were there."),
    ("At No. 10.", "At number ten."),
    ("Nos. 4 and 5.", "numbers four and five."),
    ("In St. Louis.", "In Saint Louis."),
    ("On Baker St. today.", "On Baker Street today."),
    ("Acme Ltd. grew.", "Acme Limited grew."),
    ("Acme Corp. fell.", "Acme Corporation fell."),
    ("Martin Luther King Jr. spoke.", "Martin Luther King Junior spoke."),
    ("It takes approx. 3 hours.", "It takes approximately three hours."),
    # acronyms
    ("The FBI said.", "The F B I said."),
    ("NATO met.", "Nato met."),
    ("NASA launched.", "Nasa launched."),
    ("The BBC reported.", "The B B C reported."),
    ("In the UK and EU.", "In the U K and E U."),
    ("UNESCO listed it.", "Unesco listed it."),
    ("The NHS is busy.", "The N H S is busy."),
    ("The CEO quit.", "The C E O quit."),
    ("GDP grew.", "G D P grew."),
    ("ESPN aired it.", "E S P N aired it."),
    ("Two MPs voted.", "Two M P's voted."),
    ("The IMF warned.", "The I M F warned."),
    ("OPEC cut output.", "Opec cut output."),
    ("FIFA fined them.", "Fifa fined them."),
    ("The LGBT group.", "The L G B T group."),
    ("ISIS fighters.", "Isis fighters."),
    # roman
    ("World War II ended.", "World War two ended."),
    ("Elizabeth II died.", "Elizabeth the second died."),
    ("Henry VIII had six wives.", "Henry the eighth had six wives."),
    ("Apollo XI flew.", "Apollo eleven flew."),
    ("World War I ended.", "World War one ended."),
    ("Louis XIV lived.", "Louis the fourteenth lived."),
    ("Henry V won.", "Henry the fifth won."),
    ("Part III begins.", "Part three begins."),
    # symbols
    ("Tom & Jerry.", "Tom and Jerry."),
    ("The #1 hit.", "The number one hit."),
    ("Open 24/7.", "Open twenty-four seven."),
    ("Yes and/or no.", "Yes and or no."),
    ("Trending #news today.", "Trending hashtag news today."),
    ("Ages 18+.", "Ages eighteen plus."),
    ("A 3+2 deal.", "A three plus two deal."),
    ("Cost ~10 dollars.", "Cost about ten dollars."),
    ("Follow @briefing now.", "Follow at briefing now."),
    ("An 8½ minute song.", "An eight and a half minute song."),
    ("A ¼ share.", "one quarter share."),
    ("Half: ½.", "Half: one half."),
    ("Black/white photos.", "Black or white photos."),
    # urls
    ("See example.org/report.", "See example dot org slash report."),
    ("Visit www.example.com today.", "Visit w w w dot example dot com today."),
    ("Mail news@example.org now.", "Mail news at example dot org now."),
    ("Go to https://example.org/a/b.", "Go to example dot org slash a slash b."),
    ("At bbc.co.uk/news.", "At b b c dot co dot u k slash news."),
    # dashes
    ("It was - as expected - late.", "It was, as expected, late."),
    ("Late — very late.", "Late, very late."),
    ("Fast – and cheap.", "Fast, and cheap."),
    ("Wait -- stop.", "Wait, stop."),
    ("The 14-year high.", "The fourteen year high."),
    ("A well-known man.", "A well-known man."),
    # parens
    ("The firm (founded 1990) grew.", "The firm, founded nineteen ninety, grew."),
    ("He (the mayor) left.", "He, the mayor, left."),
    ("Rates [as reported] rose.", "Rates, as reported, rose."),
    # quotes
    ('He said: "It is over."', "He said: It is over."),
    ("“We won,” she said.", "We won, she said."),
    ("It’s fine.", "It's fine."),
    ("‘Hello’, he said.", "Hello, he said."),
    ("They’re here.", "They're here."),
    # negative
    ("It fell to -5.", "It fell to minus five."),
    ("A change of -3.2 percent.", "A change of minus three point two percent."),
    ("Rates of −2.", "Rates of minus two."),
    # attributive money and units: the unit said once, as an adjective
    ("A $20 billion plant.", "A twenty billion dollar plant."),
    ("A £2 million grant.", "A two million pound grant."),
    ("An €800 fine.", "An eight hundred euro fine."),
    ("A $2.5bn deal.", "A two point five billion dollar deal."),
    ("A 6ft wall.", "A six foot wall."),
    ("A 10 km walk.", "A ten kilometer walk."),
    ("A $5 of change.", "A five dollars of change."),
    # m, bn and k after plain numbers: millions, not metres
    ("1.5m people.", "one point five million people."),
    ("Some 451m euros.", "Some four hundred and fifty-one million euros."),
    ("About 5bn users.", "About five billion users."),
    ("Nearly 20k fans.", "Nearly twenty thousand fans."),
    ("The 100m final.", "The one hundred meters final."),
    ("It is 10m tall.", "It is ten meters tall."),
    ("A 5k run.", "A five K run."),
    ("Profits of £451m fell.", "Profits of four hundred and fifty-one million pounds fell."),
    # fractions and scores
    ("He rated it 7/10.", "He rated it seven out of ten."),
    ("A 7/10 rating.", "A seven out of ten rating."),
    ("She gave it 4/5.", "She gave it four out of five."),
    ("About 1/3 of people.", "About one third of people."),
    ("Some 2/3 agree.", "Some two thirds agree."),
    ("Nearly 3/4 voted.", "Nearly three quarters voted."),
    ("Only 1/2 came.", "Only one half came."),
    ("Open 24/7 now.", "Open twenty-four seven now."),
    ("After 9/11.", "After nine eleven."),
    # letter+digit codes
    ("In Q3 2024.", "In Q three twenty twenty-four."),
    ("In FY2023.", "In F Y twenty twenty-three."),
    ("Flight MH370 vanished.", "Flight M H three seventy vanished."),
    ("The M25 was shut.", "The M twenty-five was shut."),
    ("An F-35 jet.", "An F thirty-five jet."),
    ("The G7 met.", "The G seven met."),
    ("An A380 landed.", "An A three eighty landed."),
    ("Take the A1.", "Take the A one."),
    ("Air quality PM2.5 rose.", "Air quality P M two point five rose."),
    ("The H1N1 virus.", "The H one N one virus."),
    ("A 5G mast.", "A five G mast."),
    ("Section 3A applies.", "Section three A applies."),
    # Roman numerals past twenty
    ("Super Bowl LVIII.", "Super Bowl fifty-eight."),
    ("Super Bowl XLIX was close.", "Super Bowl forty-nine was close."),
    ("Pope Pius XXIII.", "Pope Pius the twenty-third."),
    ("Samuel L. Jackson.", "Samuel L Jackson."),
    # phone numbers, digit by digit
    (
        "Call 1-800-555-0199 now.",
        "Call one, eight zero zero, five five five, zero one nine nine now.",
    ),
    ("Ring 020-7946-0958.", "Ring zero two zero, seven nine four six, zero nine five eight."),
    (
        "Call +44 20 7946 0958.",
        "Call plus four four, two zero, seven nine four six, zero nine five eight.",
    ),
    # temperatures, with and without the degree sign
    ("It was -5C.", "It was minus five degrees Celsius."),
    ("It was 40F.", "It was forty degrees Fahrenheit."),
    ("Highs of 30 degrees C.", "Highs of thirty degrees Celsius."),
    ("It was 25ºC.", "It was twenty-five degrees Celsius."),
    ("Grade 5 C.", "Grade five C."),
    # feet and inches
    ("He is 6ft 2in tall.", "He is six feet two inches tall."),
    ("He is 6 ft 2 in tall.", "He is six feet two inches tall."),
    ("She is 5'11\" tall.", "She is five feet eleven inches tall."),
    ("He scored 2 in a row.", "He scored two in a row."),
    # acronyms that are also words
    ("The WHO warned.", "The W H O warned."),
    ("US troops left.", "U S troops left."),
    ("The IT team.", "The I T team."),
    # circa
    ("Built c. 1850.", "Built circa eighteen fifty."),
    ("Painted c.1500.", "Painted circa fifteen hundred."),
    ("From ca. 1200.", "From circa twelve hundred."),
    # no full stop inside a name: the voice would end the sentence there
    ("U.S. President Joe Biden spoke.", "U S President Joe Biden spoke."),
    ("B.B. King played.", "B B King played."),
    ("John F. Kennedy spoke.", "John F Kennedy spoke."),
    ("It hit the U.S. Then it left.", "It hit the U S. Then it left."),
    # mixed
    (
        "On Nov. 25 the FBI paid $4.5bn, up 40%.",
        "On November twenty-fifth the F B I paid four point five billion dollars, up forty percent.",
    ),
    (
        "Dr. Smith, 55, ran 10 km in 1998.",
        "Doctor Smith, fifty-five, ran ten kilometers in nineteen ninety-eight.",
    ),
    (
        "The 99th qualifier won $1.2m.",
        "The ninety-ninth qualifier won one point two million dollars.",
    ),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_to_spoken(written, spoken):
    assert to_spoken(written, lexicon={}) == spoken


def test_there_are_enough_cases():
    assert len(CASES) >= 150


def test_spoken_text_has_no_digits_or_symbols_left():
    for written, _ in CASES:
        spoken = to_spoken(written, lexicon={})
        assert not any(c.isdigit() for c in spoken), spoken
        assert not set(spoken) & set('$£€¥%&#/@~½¼"“”'), spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("0", "zero"),
        ("12", "twelve"),
        ("1,200", "one thousand two hundred"),
        ("3.14", "three point one four"),
        ("007", "zero zero seven"),
        ("1000000", "one million"),
    ],
)
def test_say_number(written, spoken):
    assert say_number(written) == spoken


@pytest.mark.parametrize(
    ("year", "spoken"),
    [
        (1998, "nineteen ninety-eight"),
        (2026, "twenty twenty-six"),
        (2000, "two thousand"),
        (1066, "ten sixty-six"),
    ],
)
def test_say_year(year, spoken):
    assert say_year(year) == spoken


@pytest.mark.parametrize(
    ("acronym", "word"),
    [
        ("NATO", True),
        ("NASA", True),
        ("UNICEF", True),
        ("FBI", False),
        ("NHS", False),
        ("ESPN", False),
        ("BBC", False),
        ("EU", False),
        ("OPEC", True),
        ("LGBT", False),
        ("AIDS", True),
        ("SWAT", True),
    ],
)
def test_pronounceable(acronym, word):
    assert pronounceable(acronym) is word


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("II", 2), ("IV", 4), ("IX", 9), ("XIV", 14), ("XX", 20), ("XLIX", 49), ("LVIII", 58)],
)
def test_roman_value(numeral, value):
    assert roman_value(numeral) == value


def test_lexicon_is_applied_first_and_to_whole_words():
    lexicon = {"Raqqa": "Rakka", "Deir al-Zor": "Dare ez Zor", "NHS": "National Health Service"}
    assert (
        apply_lexicon("Raqqa and Deir al-Zor, not Raqqawi.", lexicon)
        == "Rakka and Dare ez Zor, not Raqqawi."
    )
    assert (
        to_spoken("The NHS in Raqqa.", lexicon=lexicon) == "The National Health Service in Rakka."
    )


def test_bundled_lexicon_has_the_names_in_the_news():
    speech.default_lexicon.cache_clear()
    lexicon = speech.default_lexicon()
    for name in ("Raqqa", "Deir al-Zor", "Idlib", "Manbij"):
        assert name in lexicon
    assert "Rakka" in to_spoken("Forces advanced on Raqqa.")


def test_user_lexicon_is_merged_over_the_bundled_one(tmp_path, monkeypatch):
    user = tmp_path / "mine.toml"
    user.write_text('[words]\n"Raqqa" = "Rah kah"\n"Varenholm" = "Varren holm"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEFING_LEXICON", str(user))
    speech.default_lexicon.cache_clear()
    try:
        assert (
            to_spoken("Raqqa and Varenholm, near Idlib.")
            == "Rah kah and Varren holm, near Id leeb."
        )
    finally:
        speech.default_lexicon.cache_clear()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[words]\nRaqqa = 5\n", "must map written words"),
        ("not toml = =", "not valid TOML"),
    ],
)
def test_bad_lexicon(tmp_path, content, message):
    path = tmp_path / "lexicon.toml"
    path.write_text(content)
    with pytest.raises(VoiceError, match=message):
        load_lexicon(path)
    with pytest.raises(VoiceError, match="no such lexicon"):
        load_lexicon(tmp_path / "missing.toml")
