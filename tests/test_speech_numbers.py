"""Numbers as a newsreader says them (issue 27): cardinals, ordinals, decimals, years and
decades, fractions and mixed numbers, scores and ranges, phone numbers and short codes,
model numbers and symbols. Each table holds what is written and what is said, with the
cases that context must leave alone."""

from __future__ import annotations

import re

import pytest

from briefing.speech import (
    era_years,
    fractions,
    model_numbers,
    numbers,
    phone_numbers,
    ranges,
    symbols,
    to_spoken,
)


def said(text: str) -> str:
    return to_spoken(text, lexicon={})


# --------------------------------------------------------------------------------------
# cardinals, ordinals, decimals


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("She finished 15th in the race.", "She finished fifteenth in the race."),
        ("The 15th-century church.", "The fifteenth-century church."),
        ("SATURDAY, 24TH", "Saturday, twenty-fourth"),  # a heading in capitals: words
        ("It was the 1,000th day of the war.", "It was the one thousandth day of the war."),
        ("The 101st Airborne moved in.", "The one hundred and first Airborne moved in."),
        ("1st, 2nd and 3rd place.", "first, second and third place."),
        (
            "He hit a .279 average this season.",
            "He hit a point two seven nine average this season.",
        ),
        ("The .22 rifle was found.", "The point two two rifle was found."),
        ("Shares rose 1.07 percent.", "Shares rose one point zero seven percent."),
        ("A margin of 0.5 points.", "A margin of zero point five points."),
        (
            "The population was 21770.",
            "The population was twenty-one thousand seven hundred and seventy.",
        ),
        ("Temperatures fell to -10 overnight.", "Temperatures fell to minus ten overnight."),
        (
            "Debts of 1,000,000,000,000,000,000 were cited.",
            "Debts of one quintillion were cited.",
        ),
        (
            "Card 1234567890123456789 was used.",  # no commas: digit by digit
            "Card one two three four five six seven eight nine zero one two three four five "
            "six seven eight nine was used.",
        ),
        (
            "The mine is 1780 metres deep.",
            "The mine is one thousand seven hundred and eighty metres deep.",
        ),
        ("Some 1500 people marched.", "Some one thousand five hundred people marched."),
        (
            "The river is 1780 miles long.",
            "The river is one thousand seven hundred and eighty miles long.",
        ),
        # left alone: a year before a noun it dates, or after a word that dates it
        ("In 2020 people stayed home.", "In twenty twenty people stayed home."),
        ("The 2010 census counted them.", "The twenty ten census counted them."),
        ("In 1534 the king broke with Rome.", "In fifteen thirty-four the king broke with Rome."),
        ("Since 2008 prices have doubled.", "Since two thousand and eight prices have doubled."),
    ],
)
def test_cardinals_ordinals_and_decimals(written, spoken):
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("No 10 said the talks went well.", "number ten said the talks went well."),
        ("The world No 1 lost.", "The world number one lost."),
        ("At No. 4 in the charts.", "At number four in the charts."),
        ("Number 4 seed.", "Number four seed."),
        ("He wore the No 7 shirt.", "He wore the number seven shirt."),
        # left alone: "no" as a word
        ("There is no 24-hour service.", "There is no twenty-four hour service."),
        ("No one came.", "No one came."),
    ],
)
def test_number_sign_without_its_full_stop(written, spoken):
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Music of the mid-80s.", "Music of the mid-eighties."),
        ("Back in the '90s.", "Back in the nineties."),
        ("Back in the ’90s.", "Back in the nineties."),
        ("The 60s were wild.", "The sixties were wild."),
        ("He is in his 50s.", "He is in his fifties."),
        ("She is in her late 20s.", "She is in her late twenties."),
        ("A woman in her 30s was hurt.", "A woman in her thirties was hurt."),
        ("Highs in the 30s are due.", "Highs in the thirties are due."),
        ("Highs in the 70s today.", "Highs in the seventies today."),
        ("The 1960's were loud.", "The nineteen sixties were loud."),
        ("The 2000s were a decade of war.", "The two thousands were a decade of war."),
        ("The 1990s.", "The nineteen nineties."),
        ("The class of '03 met.", "The class of oh three met."),
        ("Champions in '99 and 2005.", "Champions in ninety-nine and two thousand and five."),
        # left alone: a count, not a decade
        ("He scored 45 points.", "He scored forty-five points."),
        ("Two F-16s flew over.", "Two F sixteens flew over."),
    ],
)
def test_decades_and_short_years(written, spoken):
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It was founded in 743 BC.", "It was founded in seven forty-three B C."),
        ("The city fell in AD 70.", "The city fell in A D seventy."),
        ("The 634 A.D. letter.", "The six thirty-four A D letter."),
        ("About 500 BCE it grew.", "About five hundred B C E it grew."),
        ("Built in 1425-1400 BC.", "Built in fourteen twenty-five to fourteen hundred B C."),
        # left alone: no era
        ("He counted 743 birds.", "He counted seven hundred and forty-three birds."),
    ],
)
def test_years_with_an_era(written, spoken):
    assert said(written) == spoken


def test_era_years_rule_alone():
    assert era_years("in 743 BC") == "in seven forty-three BC"
    assert era_years("AD 70") == "AD seventy"
    assert era_years("743 birds") == "743 birds"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("They met at 131 Pitt Street.", "They met at one thirty-one Pitt Street."),
        ("1600 Pennsylvania Avenue.", "sixteen hundred Pennsylvania Avenue."),
        ("At 10 Downing Street.", "At ten Downing Street."),
        # left alone: a number before other capitals
        ("Some 131 Labour members.", "Some one hundred and thirty-one Labour members."),
    ],
)
def test_house_numbers(written, spoken):
    assert said(written) == spoken


def test_numbers_rule_alone():
    assert numbers("the 60s") == "the sixties"
    assert numbers("a .41 gun") == "a point four one gun"
    assert numbers("No 10") == "number ten"


# --------------------------------------------------------------------------------------
# fractions and mixed numbers


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It takes 1 1/2 hours.", "It takes one and a half hours."),
        ("Add 2 3/4 cups of flour.", "Add two and three quarters cups of flour."),
        ("He is 11 1/2 years old.", "He is eleven and a half years old."),
        ("A 5 3/8 inch pipe.", "A five and three eighths inch pipe."),
        ("It is 1 1/8 miles long.", "It is one and an eighth miles long."),
        ("She won 3/4 of the vote.", "She won three quarters of the vote."),
        ("About 2/3 of voters agreed.", "About two thirds of voters agreed."),
        ("Add 1/2 oz of salt.", "Add half an ounce of salt."),
        ("Add 3/4 cups of milk.", "Add three quarters of a cup of milk."),
        ("A 1/2 mile walk.", "A half mile walk."),
        ("A 3/4 inch gap.", "A three quarter inch gap."),
        ("Critics rated it 7/10.", "Critics rated it seven out of ten."),
        ("She gave it 4/5.", "She gave it four out of five."),
        ("The horse won at 10/1.", "The horse won at ten to one."),
        ("The 5/2 favourite fell.", "The five to two favourite fell."),
        ("It went off at odds of 100/1.", "It went off at odds of one hundred to one."),
        ("Running at 3/4 capacity.", "Running at three quarters capacity."),
        # left alone: dates and round the clock
        ("After 9/11 everything changed.", "After nine eleven everything changed."),
        ("Open 24/7.", "Open twenty-four seven."),
        ("The 7/7 bombings.", "The seven seven bombings."),
    ],
)
def test_fractions_and_mixed_numbers(written, spoken):
    assert said(written) == spoken


def test_fractions_rule_alone():
    assert fractions("1 1/2 hours") == "1 and a half hours"
    assert fractions("1/2 ounces") == "half an ounce"
    assert fractions("24/7") == "24/7"
    assert fractions("2019 1/3 of") == "2019 one third of"


# --------------------------------------------------------------------------------------
# scores, votes and ranges


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Arsenal won 3-1 at home.", "Arsenal won three one at home."),
        ("It ended in a 2-2 draw.", "It ended in a two two draw."),
        ("A 1-0 win over Spain.", "A one zero win over Spain."),
        ("They lost 4-0 to Chelsea.", "They lost four zero to Chelsea."),
        ("Chelsea beat Spurs 2-1.", "Chelsea beat Spurs two one."),
        ("The Lakers won 110-102.", "The Lakers won one hundred and ten to one hundred and two."),
        (
            "The Senate voted 51-49 to confirm her.",
            "The Senate voted fifty-one to forty-nine to confirm her.",
        ),
        ("In a 5-4 ruling, the court agreed.", "In a five to four ruling, the court agreed."),
        ("Alcaraz won 6-4, 6-3.", "Alcaraz won six four, six three."),
        ("She won 7-6 (7-3), 6-4.", "She won seven six, seven three, six four."),
        ("It was 1-0 at half-time.", "It was one zero at half-time."),
        ("The 2-1 winners went through.", "The two one winners went through."),
        ("The series is tied 2-2.", "The series is tied two two."),
        (
            "England were 245-6 at stumps.",
            "England were two hundred and forty-five for six at stumps.",
        ),
        ("India declared on 450-7.", "India declared on four hundred and fifty for seven."),
        ("See pp. 10-12, 13-15.", "See pages ten to twelve, thirteen to fifteen."),
        ("A 50-50 chance.", "A fifty-fifty chance."),
        ("Children aged 5-11 can go.", "Children aged five to eleven can go."),
        ("The 1916-17 season.", "The nineteen sixteen to seventeen season."),
        ("The 2020-21 season.", "The twenty twenty to twenty-one season."),
        ("The 2008-09 crisis.", "The two thousand and eight to oh nine crisis."),
        (
            "Between 1998-02 it grew.",
            "Between nineteen ninety-eight to two thousand and two it grew.",
        ),
        ("From 1999-2001.", "From nineteen ninety-nine to two thousand and one."),
        ("See pp. 10-12.", "See pages ten to twelve."),
        ("See p. 5.", "See page five."),
    ],
)
def test_scores_votes_and_ranges(written, spoken):
    assert said(written) == spoken


def test_ranges_rule_alone():
    assert ranges("won 3-1") == "won 3 1"
    assert ranges("a 2-2 draw") == "a 2 2 draw"
    assert ranges("1916-17") == "1916 to 17"
    assert ranges("1998-02") == "1998 to 2002"


# --------------------------------------------------------------------------------------
# phone numbers, short codes, book numbers, model numbers


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("In an emergency call 999.", "In an emergency call nine nine nine."),
        ("Dial 911 now.", "Dial nine one one now."),
        ("Ring 111 for advice.", "Ring one one one for advice."),
        ("The 999 call came at noon.", "The nine nine nine call came at noon."),
        ("A 911 dispatcher answered.", "A nine one one dispatcher answered."),
        ("Call the Samaritans on 116 123.", "Call the Samaritans on one one six one two three."),
        (
            "Call 0800 123 4567 for free.",
            "Call zero eight zero zero, one two three, four five six seven for free.",
        ),
        (
            "Ring 020 7946 0958 today.",
            "Ring zero two zero, seven nine four six, zero nine five eight today.",
        ),
        ("Call 555-0199 for tickets.", "Call five five five, zero one nine nine for tickets."),
        (
            "Call (555) 123-4567 today.",
            "Call five five five, one two three, four five six seven today.",
        ),
        (
            "Call 07700 900123 now.",
            "Call zero seven seven zero zero, nine zero zero one two three now.",
        ),
        ("Text SHOUT to 85258.", "Text Shout to eight five two five eight."),
        ("Text 85258 for help.", "Text eight five two five eight for help."),
        ("The 988 crisis line is free.", "The nine eight eight crisis line is free."),
        ("Report it on 101.", "Report it on one zero one."),
        ("Police can be contacted on 101.", "Police can be contacted on one zero one."),
        # an identifier's digits after what names them
        ("I can use your card ending in 8876.", "I can use your card ending in eight eight"),
        ("A Visa card ending 0042 was used.", "A Visa card ending zero zero four two was"),
        ("Her pin code 4412 leaked.", "Her pin code four four one two leaked."),
        ("Use the code 2231 at checkout.", "Use the code two two three one at checkout."),
        ("Call extension 4521.", "Call extension four five two one."),
        ("The area code 212 covers Manhattan.", "The area code two one two covers"),
        ("His account number is 12345678.", "His account number is one two three four"),
        # left alone: counts
        ("The year ending in 2024 was hard.", "The year ending in twenty twenty-four was"),
        ("Codes of 1,200 rules apply.", "Codes of one thousand two hundred rules apply."),
        ("He called 111 times.", "He called one hundred and eleven times."),
        ("There were 111 more calls.", "There were one hundred and eleven more calls."),
        ("He was out on 101.", "He was out on one hundred and one."),
        ("A crowd of 999 people.", "A crowd of nine hundred and ninety-nine people."),
        ("Some 911 pages long.", "Some nine hundred and eleven pages long."),
    ],
)
def test_phone_numbers_and_short_codes(written, spoken):
    assert said(written).startswith(spoken)


def test_book_numbers_are_said_digit_by_digit():
    assert phone_numbers("ISBN 978-0816648368") == (
        "ISBN nine seven eight zero eight one six six four eight three six eight"
    )
    assert phone_numbers("ISSN 0891-1851") == "ISSN zero eight nine one one eight five one"
    assert phone_numbers("ISBN 0-330-39310-X") == (
        "ISBN zero three three zero three nine three one zero X"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A Boeing 737 crashed.", "A Boeing seven three seven crashed."),
        ("Boeing's 737 MAX was grounded.", "Boeing's seven three seven Max was grounded."),
        ("The 787 Dreamliner flew.", "The seven eight seven Dreamliner flew."),
        ("Two 737-800s landed.", "Two seven three seven eight hundreds landed."),
        ("Airlines grounded their 747s.", "Airlines grounded their seven four sevens."),
        ("The Airbus A320 landed.", "The Airbus A three twenty landed."),
        ("Two F-16 fighter jets.", "Two F sixteen fighter jets."),
        ("The new iPhone 15 sold out.", "The new iPhone fifteen sold out."),
        ("Windows 11 is out.", "Windows eleven is out."),
        ("The 747 made its last flight.", "The seven four seven made its last flight."),
        ("He flew on a 787.", "He flew on a seven eight seven."),
        # left alone: a count of jets
        ("It delivered 737 jets.", "It delivered seven hundred and thirty-seven jets."),
        (
            "The 737 passengers were safe.",
            "The seven hundred and thirty-seven passengers were safe.",
        ),
    ],
)
def test_model_numbers(written, spoken):
    assert said(written) == spoken


def test_model_numbers_rule_alone():
    assert model_numbers("Boeing 777") == "Boeing seven seven seven"
    assert model_numbers("737 jets") == "737 jets"


# --------------------------------------------------------------------------------------
# symbols


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Civil War # 4 and #5.", "Civil War number four and number five."),
        ("Under § 230 of the act.", "Under section two hundred and thirty of the act."),
        ("A room 50 x 75 feet.", "A room fifty by seventy-five feet."),
        ("A 4x4 truck.", "A four by four truck."),
        ("A 3:1 ratio.", "A three to one ratio."),
        ("At 3:30 p.m.", "At three thirty p m."),  # left alone: a time
    ],
)
def test_symbols_between_numbers(written, spoken):
    assert said(written) == spoken


def test_symbols_rule_alone():
    assert symbols("# 4") == "number 4"
    assert symbols("2:1") == "2 to 1"
    assert symbols("at 4.4x earnings") == "at 4.4 times earnings"


# --------------------------------------------------------------------------------------
# digits glued to letters: never one fused word ("twoQtwenty-two", "ttwo thousand")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Sales rose in 2Q22.", "Sales rose in the second quarter of twenty twenty-two."),
        ("Profit fell in 1H23.", "Profit fell in the first half of twenty twenty-three."),
        ("Margins grew in 3Q.", "Margins grew in the third quarter."),
        ("Orders slowed in 4Q2024.", "Orders slowed in the fourth quarter of twenty twenty-four."),
        (
            "The stock trades at 4.4x earnings.",
            "The stock trades at four point four times earnings.",
        ),
        ("It saw a 3x increase.", "It saw a three times increase."),
        ("The new chip is 10x faster.", "The new chip is ten times faster."),
        ("Write to London SW1A 2AA.", "Write to London S W one A two A A."),
        ("The F-35A jets landed.", "The F thirty-five A jets landed."),
        ("Part B2A23C failed.", "Part B two A twenty-three C failed."),
        ("The es3 model sold out.", "The es three model sold out."),
        ("Booking ref t2000 was lost.", "Booking ref t two thousand was lost."),
        ("He hit 6s all day.", "He hit sixes all day."),
        ("The team lost 4s.", "The team lost fours."),
        # left alone: a quarter written the other way, a size, a plural code
        ("Sales rose in Q2 2022.", "Sales rose in Q two twenty twenty-two."),
        ("A 4x4 truck was stolen.", "A four by four truck was stolen."),
        ("Two F-16s flew over.", "Two F sixteens flew over."),
        ("The 1H ward reopened.", "The one H ward reopened."),
    ],
)
def test_digits_glued_to_letters(written, spoken):
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a letter in brackets after a number names a plan or a clause
        ("Savers moved cash into a 401(k).", "Savers moved cash into a four oh one k."),
        ("Teachers have 403(b) plans.", "Teachers have four oh three b plans."),
        ("The group is a 501(c)(3) charity.", "The group is a five oh one c three charity."),
        ("Section 230(c) shields platforms.", "Section two thirty c shields platforms."),
        # decades and seasons across a dash or a slash
        ("Music of the 1960s-80s.", "Music of the nineteen sixties to eighties."),
        ("From the 1960s–1980s.", "From the nineteen sixties to nineteen eighties."),
        ("Hits of the '60s-'70s.", "Hits of the sixties to seventies."),
        ("The 2023/24 season ended.", "The twenty twenty-three to twenty-four season ended."),
        ("The 2023-24 season ended.", "The twenty twenty-three to twenty-four season ended."),
        ("The 1999/00 budget.", "The nineteen ninety-nine to two thousand budget."),
        ("The 2024/2025 accounts.", "The twenty twenty-four to twenty twenty-five accounts."),
        # left alone: a number in brackets is a pause, two years apart are no season
        ("The vote (52) was close.", "The vote, fifty-two, was close."),
        ("He served 2019/22.", "He served twenty nineteen twenty-two."),
    ],
)
def test_bracketed_names_decade_and_season_ranges(written, spoken):
    assert said(written) == spoken


# --------------------------------------------------------------------------------------
# a few sentences from the development data (tn-dev, CC BY 4.0)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # (tn-dev, CC BY 4.0)
        (
            "It was an immense relief, and we were soon in possession of our 3 1/2 days' food.",
            "It was an immense relief, and we were soon in possession of our three and a half "
            "days food.",
        ),
        # (tn-dev, CC BY 4.0)
        (
            "In the spring of 743 B.C.",
            "In the spring of seven forty-three B C",
        ),
        # (tn-dev, CC BY 4.0)
        (
            "The rate of increase fell from the early 1970s and actually dipped from 1991 - 95 "
            "before rising again .",
            "The rate of increase fell from the early nineteen seventies and actually dipped "
            "from nineteen ninety-one to ninety-five before rising again.",
        ),
    ],
)
def test_development_sentences(written, spoken):
    assert said(written).rstrip(".") == spoken.rstrip(".")


def test_no_digit_is_left_in_these_tables():
    for written in (
        "In the late '40s and '50s, 1 1/2 cups, won 3-1, call 999, Boeing 737-800s, "
        "SATURDAY, 24TH, a .279 average, 743 BC, No 10, # 4, § 2, 3:1, 50 x 75."
    ).split(", "):
        assert not re.search(r"\d", said(written)), written
