"""Money, measures, dates, times and web addresses as a voice says them (issue 27): tables of
news-style sentences, written -> spoken, with the forms a rule must leave alone."""

from __future__ import annotations

import re
import time

import pytest

from briefing.speech import to_spoken
from briefing.speech.date import dates, numeric_dates, times
from briefing.speech.measure import feet_and_inches, percentages, units
from briefing.speech.money import money, scales


def said(text: str) -> str:
    return to_spoken(text, lexicon={})


DATES = [
    # ISO dates, as in a dateline or a citation
    ("Results were published on 2008-09-30.", "the thirtieth of September, two thousand and eight"),
    ("The law took effect 2024-03-01 in full.", "the first of March, twenty twenty-four"),
    ("Updated 2021/06/09 at noon.", "the ninth of June, twenty twenty-one"),
    # numeric dates with a four-digit year: the day first unless the month cannot be
    ("The deadline is 30/09/2008.", "the thirtieth of September, two thousand and eight"),
    ("He was arrested on 9/30/2008.", "September thirtieth, two thousand and eight"),
    ("Polls close on 03/04/2020.", "the third of April, twenty twenty"),
    ("Filed on 12.05.2019 in Bern.", "the twelfth of May, twenty nineteen"),
    # written months
    ("On March 3rd, 2015, shares fell.", "On March third, twenty fifteen, shares fell."),
    ("Talks resume on the 1st of May.", "Talks resume on the first of May."),
    ("By May 2015 the war was over.", "By May twenty fifteen the war was over."),
    ("From Sept. 5 the rules change.", "From September fifth the rules change."),
    ("In Jan 2020 the virus spread.", "In January twenty twenty the virus spread."),
    ("Sales fell in Mar. 1973.", "Sales fell in March nineteen seventy-three."),
    ("The vote is on Tuesday, March 3.", "The vote is on Tuesday, March third."),
    ("It aired on Sat 28 July 1945.", "It aired on Saturday the twenty-eighth of July"),
    ("The fair runs from March 3-5.", "The fair runs from March third to fifth."),
    ("Talks run from 1 to 5 December.", "from the first to the fifth of December."),
    ("Vote between 1 and 3 May.", "between the first and the third of May."),
    ("It meets on March 3 and 4.", "It meets on March third and fourth."),
    ("The fair runs 3-5 March in Leeds.", "The fair runs the third to fifth of March in Leeds."),
    ("It ran in the 15 May issue.", "It ran in the fifteenth of May issue."),
    ("On the 15 May they left.", "On the fifteenth of May they left."),
    ("APRIL 20. A sad day.", "April twentieth. A sad day."),
    ("Hilborough, August 23d, 1801.", "August twenty-third, eighteen oh-one"),
    # left alone: no four-digit year, or no month
    ("The shop is open 24/7.", "The shop is open twenty-four seven."),
    ("After 9/11 it changed.", "After nine eleven it changed."),
    ("About 3/4 of voters agreed.", "About three quarters of voters agreed."),
    ("Theresa May said so.", "Theresa May said so."),
    ("They may march 5 miles.", "They may march five miles."),
]


@pytest.mark.parametrize(("written", "spoken"), DATES)
def test_dates(written, spoken):
    result = said(written)
    assert spoken in result, result
    assert not re.search(r"\d", result), result


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("2008-09-30", "the thirtieth of September, two thousand and eight"),
        ("2013-10-30T18:00", "the thirtieth of October, twenty thirteen 18:00"),
        ("30/09/2008", "the thirtieth of September, two thousand and eight"),
        ("9/30/2008", "September thirtieth, two thousand and eight"),
        ("13/13/2008", "13/13/2008"),  # no month thirteen
        ("2008-13-30", "2008-13-30"),
        ("1-800-555-0199", "1-800-555-0199"),  # a phone number
        ("24/7", "24/7"),
        # a two-digit year between slashes, its century not guessed; dashes with four
        ("11/17/05", "November seventeenth, oh five"),
        ("01/07/98", "the first of July, ninety-eight"),
        ("3/4/00", "the third of April, two thousand"),
        ("15-01-2020", "the fifteenth of January, twenty twenty"),
        ("13/13/05", "13/13/05"),
        ("24/7/365", "24/7/365"),
        ("3.10.12", "3.10.12"),  # a version, not a date
        ("10-12-14", "10-12-14"),  # ranges
    ],
)
def test_numeric_dates(written, spoken):
    assert numeric_dates(written) == spoken


def test_dates_keep_what_is_no_date():
    assert dates("They march 3 miles in May.") == "They march 3 miles in May."


TIMES = [
    # a zone in small letters with full stops
    (
        "The polls close at 1:59 p.m. e.s.t today.",
        "The polls close at one fifty-nine p m E S T today.",
    ),
    # the British way: a full stop between hours and minutes
    ("The meeting starts at 5.30pm.", "The meeting starts at five thirty p m."),
    ("Doors open at 7.45 p.m. on Friday.", "Doors open at seven forty-five p m on Friday."),
    ("He died at 12.30 A.M. on Sunday.", "He died at twelve thirty a m on Sunday."),
    ("She called at 3.05am.", "She called at three oh five a m."),
    ("The train leaves at 17.30.", "The train leaves at seventeen thirty."),
    ("Polls close at 22.00 tonight.", "Polls close at twenty-two hundred tonight."),
    ("We meet at 5.30 tomorrow.", "We meet at five thirty tomorrow."),
    ("Open from 9.30 to 17.30 daily.", "Open from nine thirty to seventeen thirty daily."),
    ("Trading opens at 08:00 GMT.", "Trading opens at eight o'clock G M T."),
    ("The curfew starts at 10pm.", "The curfew starts at ten p m."),
    ("They met at midday.", "They met at midday."),
    ("Service runs at 1030 am.", "Service runs at ten thirty a m."),
    ("By 7:00 P. M., we left.", "By seven p m, we left."),
    # ranges of times
    ("Open 9am-5pm on weekdays.", "Open nine a m to five p m on weekdays."),
    ("Lunch is served 12-2pm.", "Lunch is served twelve to two p m."),
    ("Voting runs 7am–10pm.", "Voting runs seven a m to ten p m."),
    # time zones and the 24-hour clock as wire copy writes it
    ("The strike began at 1500 GMT.", "The strike began at fifteen hundred G M T."),
    ("It was 0900 GMT on Monday.", "It was oh nine hundred G M T on Monday."),
    ("It ends at 0630 local time.", "It ends at oh six thirty local time."),
    ("Lights out at 2200hrs.", "Lights out at twenty-two hundred hours."),
    ("The show airs at 8 p.m. ET.", "The show airs at eight p m E T."),
    ("It landed at 10:45 AEST.", "It landed at ten forty-five A E S T."),
    ("At 17.30 BST the polls shut.", "At seventeen thirty B S T the polls shut."),
    # a timetable's verb or a service named by its time: no hour past twelve needed
    ("The train leaves at 6.15.", "The train leaves at six fifteen."),
    ("The flight landed at 8.05.", "The flight landed at eight oh five."),
    ("He caught the 7.45 bus.", "He caught the seven forty-five bus."),
    ("The 10.30 from Paddington is late.", "The ten thirty from Paddington is late."),
    # durations
    ("She won in 2:03:45.", "She won in two hours three minutes and forty-five seconds."),
    # left alone: numbers that are no time
    ("Shares rose to 17.30 on Friday.", "Shares rose to seventeen point three zero on Friday."),
    ("The pound was at 1.25 today.", "The pound was at one point two five today."),
    ("Inflation hit 10.10 percent.", "Inflation hit ten point one zero percent."),
    ("Shares closed at 6.15.", "Shares closed at six point one five."),
    (
        "Rates fell by 0.25 percentage points.",
        "Rates fell by zero point two five percentage points.",
    ),
    ("It was a 2.5 rise.", "It was a two point five rise."),
    ("A 1:50,000 map.", None),
    ("Read John 3:16 again.", "Read John three sixteen again."),
]


@pytest.mark.parametrize(("written", "spoken"), TIMES)
def test_times(written, spoken):
    result = said(written)
    if spoken is not None:
        assert result == spoken
    assert not re.search(r"\d", result), result


@pytest.mark.parametrize(
    "text", ["In 2015 a man left.", "He scored 2015 points.", "Rates of 1.25 and 17.30."]
)
def test_times_leave_numbers_alone(text):
    assert times(text) == text


MONEY = [
    # currency signs and prefixes
    ("The club sold him for C$20m.", "The club sold him for twenty million Canadian dollars."),
    ("Rio Tinto agreed an A$1.5bn deal.", "Rio Tinto agreed a one point five billion Australian"),
    ("It imposed a $8 fee.", "It imposed an eight dollar fee."),
    ("An €800 fine.", "An eight hundred euro fine."),
    ("Fares rose to HK$100.", "Fares rose to one hundred Hong Kong dollars."),
    ("A NZ$50 fine was issued.", "A fifty New Zealand dollar fine was issued."),
    ("Tickets cost S$30.", "Tickets cost thirty Singapore dollars."),
    ("Petrobras raised R$200m.", "Petrobras raised two hundred million reais."),
    ("A US$5bn loan was agreed.", "A five billion U S dollar loan was agreed."),
    ("The fine was ₹500.", "The fine was five hundred rupees."),
    ("Onions cost Rs 500 a sack.", "Onions cost five hundred rupees a sack."),
    ("The scheme cost Rs. 5 crore.", "The scheme cost five crore rupees."),
    ("Bread is ₩1,000 a loaf.", "Bread is one thousand won a loaf."),
    ("A fee of CHF 20 applies.", "A fee of twenty Swiss francs applies."),
    ("A coffee costs ¥300.", "A coffee costs three hundred yen."),
    ("The bank lent €3.5bn.", "The bank lent three point five billion euros."),
    ("It paid 500 USD in fees.", "It paid five hundred U S dollars in fees."),
    ("It paid EUR 2m in fees.", "It paid two million euros in fees."),
    # pounds and pence, dollars and cents
    ("A pint costs £1.50.", "A pint costs one pound fifty."),
    ("Cash on hand, $3.85.", "Cash on hand, three dollars and eighty-five cents."),
    ("Stamps cost $0.50 each.", "Stamps cost fifty cents each."),
    ("A bag costs £0.05.", "A bag costs five pence."),
    ("Price $1.00.", "Price one dollar."),
    ("A 50p coin was found.", "A fifty pence coin was found."),
    ("The bag charge is 10p.", "The bag charge is ten pence."),
    ("Petrol hit 142.9p a litre.", "Petrol hit one hundred and forty-two point nine pence a"),
    ("A 99¢ burger.", "A ninety-nine cent burger."),
    # scales and ranges
    ("A $5 million fine.", "A five million dollar fine."),
    ("It will cost $5-10m.", "It will cost five to ten million dollars."),
    ("Tickets cost £20-£30.", "Tickets cost twenty to thirty pounds."),
    ("A £5m deal was signed.", "A five million pound deal was signed."),
    ("It raised $2.5m.", "It raised two point five million dollars."),
    ("A 5m deal was agreed.", "A five million deal was agreed."),
    ("Some 5m people voted.", "Some five million people voted."),
    ("Streamed 20k times.", "Streamed twenty thousand times."),
    ("The charity raised 3m.", "The charity raised three million."),
    ("Nearly 2m Britons wait.", "Nearly two million Britons wait."),
    ("A 1.5m-tonne cargo.", "A one point five million-tonne cargo."),
    # one cent, bare decimals, ranges with cents, capital scales
    ("The change came to $20.01.", "twenty dollars and one cent."),
    ("A pack costs $1.01.", "one dollar and one cent."),
    ("The stock fell to $.50.", "The stock fell to fifty cents."),
    ("Seats cost $50.00-$100.00.", "Seats cost fifty to one hundred dollars."),
    ("Eggs sold for $5.50-$6.00.", "five dollars and fifty cents to six dollars."),
    ("The tariff is £1.50-£2.50.", "one pound fifty to two pounds fifty."),
    ("SoftBank wrote off ¥30B.", "wrote off thirty billion yen."),
    ("The start-up raised $5M.", "raised five million dollars."),
    ("Apple is worth $3T.", "Apple is worth three trillion dollars."),
    # the currency once, as an adjective, in a compound or after a listed adjective
    ("It is a $1.5bn-a-year business.", "a one point five billion dollar-a-year business."),
    ("Workers want a $15-an-hour wage.", "a fifteen dollar-an-hour wage."),
    ("He signed a two-year, $50m contract.", "a two-year, fifty million dollar contract."),
    ("A five-year, £90m deal was agreed.", "A five-year, ninety million pound deal was"),
    ("In a year, $5m vanished.", "In a year, five million dollars vanished."),
    # a bare "m" by its clause: money words make millions, lengths metres
    ("The budget rose to 40m.", "The budget rose to forty million."),
    ("Losses of 20m.", "Losses of twenty million."),
    ("The club was valued at 80m.", "valued at eighty million."),
    ("The deficit hit 12m last year.", "The deficit hit twelve million last year."),
    ("The transfer fee was 60m; he signed.", "fee was sixty million; he signed."),
    ("He ran a firm with 10m users.", "with ten million users."),
    ("A wave of 10m hit the coast.", "A wave of ten metres hit the coast."),
    ("She cleared 2m at the trials.", "She cleared two metres at the trials."),
    ("The water rose to 2m.", "The water rose to two metres."),
    ("He threw the javelin 90m.", "javelin ninety metres."),
    # left alone or read as lengths: "m" after a number with no money about it
    ("He won the 100m final.", "He won the one hundred metres final."),
    ("A 10m wall was built.", "A ten metre wall was built."),
    ("The tree is 8m tall.", "The tree is eight metres tall."),
    ("She swam 400m in the heat.", "She swam four hundred metres in the heat."),
    ("The 10,000m champion won.", "The ten thousand metres champion won."),
    ("The 100m champion retired.", "The one hundred metres champion retired."),
    ("He jumped 2m.", "He jumped two metres."),
    ("The river rose to 2m.", "The river rose to two metres."),
    ("A 720p video.", None),
]


@pytest.mark.parametrize(("written", "spoken"), MONEY)
def test_money(written, spoken):
    result = said(written)
    if spoken is not None:
        assert spoken.replace("metre", "meter") in result.replace("metre", "meter"), result
    assert not set(result) & set("$£€¥₹₩¢"), result


def test_money_leaves_what_is_no_money():
    for text in ("A 720p screen.", "He has 5 USB ports.", "Rs and Ps.", "US$ rates"):
        assert money(text) == text
    assert scales("a 10m wall and the 100m final") == "a 10m wall and the 100m final"


MEASURES = [
    # areas and densities
    ("The flat has 1,200 sq ft of space.", "one thousand two hundred square feet of space"),
    ("A 1,200 sq. ft. flat was sold.", "A one thousand two hundred square foot flat was sold."),
    ("The fire burned 50 sq km of forest.", "fifty square kilometers of forest"),
    ("The lake covers 16.7 km2.", "sixteen point seven square kilometers."),
    ("The park covers 38 km².", "thirty-eight square kilometers."),
    ("A density of 381.2/km² was found.", "eighty-one point two per square kilometer was"),
    ("About 100 people/km² live there.", "one hundred people per square kilometer live"),
    ("A 280 m2 ballroom.", "A two hundred and eighty square meter ballroom."),
    ("Rents are £30 per sq ft.", "thirty pounds per square foot."),
    # percentages
    ("Prices rose 5pc last year.", "Prices rose five percent last year."),
    ("Prices rose 5 per cent.", "Prices rose five per cent."),
    # speeds, energy, data
    ("Winds reached 70 mph.", "Winds reached seventy miles per hour."),
    ("Homes used 300 kWh a month.", "three hundred kilowatt hours a month."),
    ("Broadband of 100 Mbps is promised.", "one hundred megabits per second is promised."),
    ("A 64 GB phone.", "A sixty-four gigabyte phone."),
    ("Output of 100,000 bpd was lost.", "one hundred thousand barrels per day was lost."),
    ("The chip runs at 3.2 GHz.", "three point two gigahertz."),
    ("A 300hp engine.", "A three hundred horsepower engine."),
    ("A 12V battery.", "A twelve volt battery."),
    ("A 125cc motorbike.", "A one hundred and twenty-five c c motorbike."),
    ("Rates were cut by 25bp.", "twenty-five basis points."),
    ("Support is up 2.5pp.", "up two point five percentage points."),
    ("The gap fell 3 ppts.", "fell three percentage points."),
    ("They are 6pts clear.", "They are six points clear."),
    ("Noise of 85 dB was recorded.", "eighty-five decibels was recorded."),
    # lengths, weights, temperatures, times
    ("Highs of 30°C are forecast.", "Highs of thirty degrees Celsius are forecast."),
    ("Rainfall of 40 mm fell.", "Rainfall of forty millimeters fell."),
    ("A 6 ft fence.", "A six foot fence."),
    ("A 12in pizza.", "A twelve inch pizza."),
    ("A 10-km walk.", "A ten kilometer walk."),
    ("A 10km-long road.", "A ten kilometer-long road."),
    ("Bolt ran 9.58s in Berlin.", "nine point five eight seconds in Berlin."),
    ("A 24h strike began.", "A twenty-four hour strike began."),
    ("Drink 2L of water.", "Drink two liters of water."),
    ("It costs $5/kg.", "It costs five dollars per kilogram."),
    ("It is 70 km from Szczecin.", "It is seventy kilometers from Szczecin."),
    # capitals, plurals, scale words, cubes and the ordinal sign for a degree
    ("He lost 12KG in a month.", "He lost twelve kilograms in a month."),
    ("Bags of 3 kgs each.", "Bags of three kilograms each."),
    ("A 5KM fun run.", "A five kilometer fun run."),
    ("The jet hit 600 MPH.", "The jet hit six hundred miles per hour."),
    ("Speeds of 3 mbps are common.", "three megabits per second are common."),
    ("It dumped 100 million kg of waste.", "one hundred million kilograms of waste."),
    ("Talks took 2 wks.", "Talks took two weeks."),
    ("Waits of 6 mos are common.", "Waits of six months are common."),
    ("Shares hit a 6-mo low.", "Shares hit a six month low."),
    ("The ice sheet lost 41,459 km³.", "four hundred and fifty-nine cubic kilometers."),
    ("It was 45º in the shade.", "It was forty-five degrees in the shade."),
    ("A 45ºC heatwave.", "A forty-five degree Celsius heatwave."),
    # left alone: letters that are no unit there
    ("A 32mo volume.", "A thirty-two mo volume."),  # a book's size
    ("In the 1990s.", "In the nineteen nineties."),
    ("Grade 5 C.", "Grade five C."),
    ("The A/C broke.", "The A or C broke."),
    ("He scored 2 in a row.", "He scored two in a row."),
]


@pytest.mark.parametrize(("written", "spoken"), MEASURES)
def test_measures(written, spoken):
    result = said(written)
    assert spoken in result, result
    assert not re.search(r"\d", result), result


@pytest.mark.parametrize(
    ("rule", "written", "spoken"),
    [
        (units, "4.2 km", "4.2 kilometers"),
        (units, "1,200 sq ft", "1,200 square feet"),
        (units, "381.2/km²", "381.2 per square kilometer"),
        (units, "1990s", "1990s"),
        (units, "5 h later", "5 h later"),
        (units, "Iran 5m", "Iran 5 meters"),  # "an" inside "Iran" is no article
        (percentages, "5pc", "5 percent"),
        (percentages, "a pc", "a pc"),
        (percentages, "5.25%-5.5%", "5.25 to 5.5 percent"),
        (percentages, "up 5%, down 3% - flat", "up 5 percent, down 3 percent - flat"),
        (feet_and_inches, "a 6ft 4in forward", "a 6 foot 4 forward"),
        (feet_and_inches, "a 6ft 4in and tall man", "a 6ft 4 inches and tall man"),
        (units, "up 2.5pp", "up 2.5 percentage points"),
        (units, "a book of 245 pp.", "a book of 245 pp."),  # pages: "pp" only joined on
        (feet_and_inches, "a 12in pizza", "a 12 inch pizza"),
    ],
)
def test_unit_rules(rule, written, spoken):
    assert rule(written) == spoken


# --------------------------------------------------------------------------------------
# Hostile text: each rule here is linear in the length of what it reads
# --------------------------------------------------------------------------------------

_HOSTILE_PIECES = [
    "5.30pm-",
    "17.30 ",
    "2008-09-30-",
    "30/09/",
    "1/1/1/",
    "March 3-",
    "3 March ",
    "the 15 ",
    "1500 ",
    "12:00:00:",
    "$5m-$",
    "$.5",
    "budget 2m ",
    "a two-year, $5m ",
    "$1bn-a-",
    "£1.50",
    "C$",
    "50p ",
    "5 sq ",
    "km²/",
    "5 million kg",
    "5 million ",
    "6mo",
    "www.a.",
    "http://a.b/",
    "a@b.",
    "#Me",
    "@a_",
    "aB",
    "-",
    ".",
    "0",
]


_MY_RULES = (dates, times, money, scales, percentages, feet_and_inches, units)


@pytest.mark.slow
@pytest.mark.parametrize("piece", _HOSTILE_PIECES)
def test_a_long_paragraph_of_one_piece_is_said_quickly(piece):
    """100 kB of one nasty piece repeated: each of these rules finishes it in a fraction of
    a second (a rule that backtracked in the square of the length would take minutes)."""
    text = (piece * (100_000 // len(piece) + 1))[:100_000]
    for rule in _MY_RULES:
        started = time.process_time()
        rule(text)
        assert time.process_time() - started < 5, rule.__name__
