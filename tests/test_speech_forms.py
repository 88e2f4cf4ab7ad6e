"""Everyday news forms, a fresh set (issue 27): sentences written for this project in the
manner of BBC, Reuters, AP and Guardian copy, UK and US, none taken from the evaluation
data. Each case gives the sentence, the words a listener must hear (any one of the
spellings given: a British or an American newsreader's) and words that must not be heard,
compared in the benchmark's canonical form (lower case, hyphens as spaces, letters and
digits only, "and" dropped, "oh" as "o", Mr/Mrs/Dr/St as their words).

A case the normaliser does not yet say right is marked xfail (strict) with the reason, so
the suite stays green and a fix shows as an unexpected pass."""

from __future__ import annotations

import time

import pytest

from briefing.speech import to_spoken

from .helpers import spoken_canonical

_WORDS = {
    "mr": "mister",
    "mrs": "missus",
    "dr": "doctor",
    "st": "saint",
    "oh": "o",
    "meters": "meter",
    "metres": "metre",
}


def _canonical(text: str) -> str:
    """The benchmark's canonical form; a unit's plural as its singular ("the 100 metres
    final" and "the 100-metre final" are both right)."""
    return spoken_canonical(text, _WORDS)


#: (written, any of what must be heard, what must not be heard)
FORMS: list[tuple[str, list[str], list[str]]] = [
    # --- times, the British way and the American
    ("Voting ends at 10pm on Thursday.", ["ten p m"], []),
    ("The strike begins at 6.30am on Monday.", ["six thirty a m"], ["point"]),
    ("Shops will open from 9am to 5pm.", ["nine a m to five p m"], []),
    (
        "Trading was halted at 1300 GMT.",
        ["thirteen hundred", "one p m"],
        ["one thousand three hundred"],
    ),
    ("The curfew runs from 10pm-6am.", ["ten p m to six a m"], ["minus"]),
    ("The minister will speak at 11.15am.", ["eleven fifteen a m"], ["point"]),
    ("The crash happened at 4:20 p.m. local time.", ["four twenty p m"], []),
    ("Kick-off is at 12.30pm.", ["twelve thirty p m"], ["point"]),
    (
        "The blast was heard at 0545 local time.",
        ["o five forty five", "zero five forty five", "five forty five a m"],
        ["five hundred"],
    ),
    ("Polls close at 8 p.m. ET.", ["eight p m"], []),
    ("The 6.15 train to London was cancelled.", ["six fifteen train"], ["point"]),
    ("The helpline is open 24/7.", ["twenty four seven"], ["sevenths", "july"]),
    ("They met at half-past six.", ["half past six"], []),
    (
        "Kipchoge won in 2:02:37.",
        ["two hours two minutes thirty seven seconds", "two o two thirty seven"],
        [],
    ),
    ("Markets reopen at 9.30 tomorrow.", ["nine thirty"], ["point"]),
    # --- dates
    ("The election will be held on 4 July.", ["fourth of july", "july fourth"], []),
    ("The law came into force on March 3rd.", ["march third"], []),
    (
        "She was born on 12 May 1990.",
        ["twelfth of may nineteen ninety", "may twelfth nineteen ninety"],
        [],
    ),
    (
        "On Jan. 6, 2021, rioters stormed the Capitol.",
        ["january sixth twenty twenty one"],
        [],
    ),
    (
        "The deadline is 31/12/2024.",
        [
            "thirty first of december twenty twenty four",
            "december thirty first twenty twenty four",
        ],
        [],
    ),
    (
        "The letter was dated 3/4/2024.",
        [
            "third of april twenty twenty four",
            "march fourth twenty twenty four",
            "april third twenty twenty four",
        ],
        ["quarter"],
    ),
    (
        "Talks will run from 3-5 June.",
        ["third to fifth of june", "third to the fifth of june", "june third to fifth"],
        ["minus"],
    ),
    (
        "The summit runs March 3-5.",
        ["march third to fifth", "march third to the fifth", "march three to five"],
        ["minus"],
    ),
    ("On Monday 5 February the talks resumed.", ["fifth of february", "february fifth"], []),
    ("The attacks of Sept. 11 changed everything.", ["september eleventh"], []),
    ("The 9/11 attacks killed nearly 3,000 people.", ["nine eleven"], ["elevenths"]),
    ("The date was set for 1 April.", ["first of april", "april first"], []),
    ("The rules change on 6 April 2025.", ["sixth of april twenty twenty five"], []),
    # --- years, year ranges and decades
    (
        "The club struggled in the 2019-20 season.",
        ["twenty nineteen twenty", "twenty nineteen to twenty"],
        ["minus", "two thousand nineteen"],
    ),
    (
        "He led the party from 1997-2007.",
        ["nineteen ninety seven to two thousand seven"],
        ["minus"],
    ),
    ("The 1990s were a boom time.", ["nineteen nineties"], []),
    ("It was a hit in the 1960s.", ["nineteen sixties"], []),
    ("Music from the '80s is back in fashion.", ["eighties"], []),
    ("A man in his 30s was arrested.", ["his thirties"], []),
    ("Strikes are planned from 1 to 5 December.", ["first to the fifth of december"], []),
    ("Talks are set for March 3 and 4.", ["march third and fourth"], []),
    ("Fashions of the late 70s are back.", ["late seventies"], []),
    ("The 2030s will be decisive.", ["twenty thirties"], []),
    ("In 2008 the banks collapsed.", ["two thousand eight", "twenty o eight"], []),
    ("By 2050, emissions must reach net zero.", ["twenty fifty"], ["two thousand fifty"]),
    (
        "The 2024 election was close.",
        ["twenty twenty four election"],
        ["two thousand twenty four"],
    ),
    ("The mill was built in 1905.", ["nineteen o five"], []),
    ("The Normans invaded in 1066.", ["ten sixty six"], []),
    ("Caesar died in 44 BC.", ["forty four b c"], []),
    ("Growth is forecast to slow in mid-2025.", ["mid twenty twenty five"], []),
    ("The 2022-23 budget was cut.", ["twenty twenty two", "twenty two twenty three"], []),
    # --- ordinals
    ("He won a 3rd term in office.", ["third term"], []),
    ("She celebrated her 100th birthday.", ["hundredth birthday"], []),
    ("The 21st century has been turbulent.", ["twenty first century"], []),
    ("It marked the 50th anniversary.", ["fiftieth anniversary"], []),
    ("A 19th-century mill burned down.", ["nineteenth century"], []),
    ("The fire started on the 22nd floor.", ["twenty second floor"], []),
    ("Norris finished 2nd in Monaco.", ["finished second"], []),
    # --- cardinals, decimals, percentages
    ("Inflation rose to 3.4%.", ["three point four percent", "three point four per cent"], []),
    (
        "The rate was cut by 0.25 percentage points.",
        ["point two five percentage points", "zero point two five percentage points"],
        [],
    ),
    ("Sales were up 5pc on last year.", ["five percent", "five per cent"], [" pc "]),
    (
        "Support for the party is up 2.5pp.",
        ["two point five percentage points", "two point five points"],
        [" pp "],
    ),
    ("The population is 67.3 million.", ["sixty seven point three million"], []),
    (
        "The FTSE closed at 7,412.3.",
        ["seven thousand four hundred twelve point three"],
        [],
    ),
    ("A crowd of 80,000 watched the final.", ["eighty thousand"], []),
    (
        "Some 1,234 homes lost power.",
        ["one thousand two hundred thirty four", "twelve hundred thirty four"],
        [],
    ),
    (
        "Bank rate stays at 5.25%.",
        ["five point two five percent", "five point two five per cent"],
        [],
    ),
    ("Only 3 in 10 adults voted.", ["three in ten adults"], []),
    ("It was a 50-50 decision.", ["fifty fifty"], ["minus"]),
    ("Unemployment fell to 4.2 per cent.", ["four point two per cent"], []),
    ("Prices rose 0.4% in May.", ["point four percent", "point four per cent"], []),
    # --- money
    ("The deal is worth £2.5bn.", ["two point five billion pounds"], []),
    ("US debt rose by $1.2 trillion.", ["one point two trillion dollars"], []),
    ("The prize was €50,000.", ["fifty thousand euros"], []),
    ("A stamp now costs 50p more.", ["fifty p", "fifty pence"], []),
    (
        "Many live on $5-a-day.",
        ["five dollars a day", "five dollar a day", "five dollars per day"],
        ["minus"],
    ),
    ("The firm won a £10m contract.", ["ten million pound", "ten million pounds"], ["metre"]),
    ("The shirt sells for $3.99.", ["three dollars ninety nine", "three ninety nine"], []),
    ("A pint now costs £5.50.", ["five pounds fifty"], []),
    ("The EU pledged €2bn in aid.", ["two billion euros"], []),
    (
        "The fund raised US$400m.",
        ["four hundred million us dollars", "four hundred million u s dollars"],
        [],
    ),
    ("Tickets cost NZ$30.", ["thirty new zealand dollars"], []),
    ("A bowl of ramen costs ¥1,000.", ["one thousand yen"], []),
    ("The fine was Rs 500.", ["five hundred rupees"], []),
    ("He handed over a $20 bill.", ["twenty dollar bill"], []),
    ("The minimum wage is £11.44 an hour.", ["eleven pounds forty four"], []),
    ("The watch cost CHF 20,000.", ["twenty thousand swiss francs"], []),
    ("The film took ₹2 crore.", ["two crore rupees"], []),
    ("Samsung earned ₩6.6tn in profit.", ["six point six trillion won"], []),
    ("Qantas made A$2.5bn.", ["two point five billion australian dollars"], []),
    ("The airport cost HK$5bn.", ["five billion hong kong dollars"], []),
    ("The mine cost C$1.3 billion.", ["one point three billion canadian dollars"], []),
    (
        "Nurses earn a £30k salary.",
        ["thirty thousand pound", "thirty thousand pounds"],
        [" k "],
    ),
    ("He was paid $1m a year.", ["one million dollars a year"], ["meter"]),
    ("The appeal has raised 3m so far.", ["raised three million"], ["meter", "metre"]),
    ("Almost 2m Britons are on waiting lists.", ["two million britons"], ["meter", "metre"]),
    (
        "Kipyegon is the 1500m champion.",
        ["fifteen hundred meter", "fifteen hundred metre", "one thousand five hundred meter"],
        ["million"],
    ),
    ("The 10,000m champion retired.", ["ten thousand meter", "ten thousand metre"], ["million"]),
    (
        "Petrol hit 150.9p a litre.",
        ["one hundred fifty point nine p", "one hundred fifty point nine pence"],
        [],
    ),
    # --- measures
    ("He is 5ft 10in tall.", ["five feet ten inches", "five foot ten"], []),
    ("The 6ft 5in lock was sent off.", ["six foot five lock", "six feet five inch lock"], []),
    ("The Fed held rates at 5.25%-5.5%.", ["five point two five to five point five percent"], []),
    ("She ran a 5km race.", ["five kilometer", "five kilometre", "five k race"], []),
    ("Spain is sweltering in 40C heat.", ["forty degree", "forty degrees"], [" c heat"]),
    ("Temperatures fell to -3C overnight.", ["minus three degrees"], []),
    (
        "The speed limit is 20mph.",
        ["twenty miles per hour", "twenty miles an hour", "twenty m p h"],
        [],
    ),
    (
        "The flat is just 750 sq ft.",
        ["seven hundred fifty square feet", "seven hundred fifty square foot"],
        [" sq "],
    ),
    ("Drink 2.5 litres of water.", ["two point five litres", "two point five liters"], []),
    ("The baby weighed 3kg.", ["three kilograms", "three kilos"], []),
    (
        "Bolt won the 100m sprint.",
        [
            "hundred meter sprint",
            "hundred metre sprint",
            "hundred meters sprint",
            "hundred metres sprint",
        ],
        ["million"],
    ),
    (
        "A 10m-high wall was built.",
        ["ten meter high", "ten metre high", "ten meters high", "ten metres high"],
        ["million"],
    ),
    (
        "The car hit 100 km/h.",
        [
            "one hundred kilometers per hour",
            "one hundred kilometres per hour",
            "hundred kilometres an hour",
        ],
        [],
    ),
    ("A 7.8-magnitude earthquake struck.", ["seven point eight magnitude"], []),
    ("Up to 15cm of snow fell.", ["fifteen centimeters", "fifteen centimetres"], []),
    (
        "The site covers 2,000 sq m.",
        ["two thousand square meters", "two thousand square metres"],
        [],
    ),
    ("Some 100mm of rain fell.", ["one hundred millimeters", "one hundred millimetres"], []),
    ("It hit 95F in Phoenix.", ["ninety five degrees"], []),
    ("A 1.5GW power station is planned.", ["one point five gigawatt"], []),
    ("Take 50mg twice a day.", ["fifty milligrams"], []),
    (
        "A 250ml glass of wine.",
        ["two hundred fifty milliliter", "two hundred fifty millilitre"],
        [],
    ),
    (
        "Everest is 8,849m high.",
        [
            "eight thousand eight hundred forty nine meters",
            "eight thousand eight hundred forty nine metres",
        ],
        ["million"],
    ),
    (
        "Wind gusts reached 70 mph.",
        ["seventy miles per hour", "seventy miles an hour", "seventy m p h"],
        [],
    ),
    ("The marathon is 26.2 miles.", ["twenty six point two miles"], []),
    # --- scores and votes
    ("Liverpool won 3-1 at Anfield.", ["three one", "three to one"], ["minus"]),
    (
        "Chelsea beat Spurs 2-0.",
        ["two nil", "two zero", "two to nil", "two to zero", "two to nothing", "two nothing"],
        ["minus"],
    ),
    ("It finished in a 1-1 draw.", ["one one draw", "one all draw"], ["minus"]),
    (
        "The Eagles beat them 24-17.",
        ["twenty four seventeen", "twenty four to seventeen"],
        ["minus"],
    ),
    ("Alcaraz won 6-4, 6-3.", ["six four six three"], ["minus"]),
    (
        "Britain voted to leave by 52-48.",
        ["fifty two forty eight", "fifty two to forty eight"],
        ["minus"],
    ),
    ("The court issued a 5-4 ruling.", ["five four ruling", "five to four ruling"], ["minus"]),
    (
        "MPs backed the bill 320-250.",
        ["three hundred twenty to two hundred fifty", "three hundred twenty two hundred fifty"],
        ["minus"],
    ),
    ("They won 4-3 on penalties.", ["four three", "four to three"], ["minus"]),
    (
        "The Lakers won 110-102.",
        ["one hundred ten to one hundred two", "one hundred ten one hundred two"],
        ["minus"],
    ),
    # --- ages
    ("A 34-year-old man was arrested.", ["thirty four year old"], []),
    ("The actor died aged 72.", ["aged seventy two"], []),
    ("The 19-year-old striker scored twice.", ["nineteen year old striker"], []),
    # --- phone numbers and short codes
    (
        "Call 0800 123 4567 for help.",
        [
            "o eight hundred one two three four five six seven",
            "o eight o o one two three four five six seven",
            "zero eight zero zero one two three four five six seven",
        ],
        [],
    ),
    ("Witnesses dialled 999.", ["nine nine nine"], ["nine hundred"]),
    ("She called 911 at once.", ["nine one one"], ["nine hundred"]),
    ("Ring 111 if unsure.", ["one one one"], ["hundred"]),
    (
        "Call +44 20 7946 0958.",
        [
            "plus four four two o seven nine four six o nine five eight",
            "plus four four two zero seven nine four six zero nine five eight",
        ],
        [],
    ),
    (
        "The office is on 020 7946 0018.",
        [
            "o two o seven nine four six o o one eight",
            "zero two zero seven nine four six zero zero one eight",
        ],
        [],
    ),
    (
        "Call 1-800-273-8255 any time.",
        [
            "one eight hundred two seven three eight two five five",
            "one eight o o two seven three eight two five five",
            "one eight zero zero two seven three eight two five five",
        ],
        ["minus"],
    ),
    ("Text SHOUT to 85258.", ["eight five two five eight"], ["thousand"]),
    ("The 988 crisis line is free.", ["nine eight eight"], ["hundred"]),
    ("Report it on 101.", ["one o one", "one zero one"], ["hundred"]),
    # --- codes and model numbers
    ("Flight BA286 was diverted.", ["b a two eight six", "b a two eighty six"], ["hundred"]),
    ("The A1(M) is closed northbound.", ["a one m"], []),
    ("Queues built on the M25.", ["m twenty five"], []),
    (
        "The 737 MAX returned to service.",
        ["seven three seven max", "seven thirty seven max"],
        ["hundred"],
    ),
    (
        "A Boeing 787-9 made the trip.",
        ["seven eight seven nine", "seven eighty seven nine"],
        ["hundred", "minus"],
    ),
    ("The F-35 fleet was grounded.", ["f thirty five"], []),
    ("The iPhone 15 went on sale.", ["iphone fifteen", "i phone fifteen"], []),
    ("The PS5 sold out.", ["p s five"], []),
    ("COVID-19 cases fell.", ["covid nineteen"], ["c o v i d"]),
    ("Covid-19 deaths rose.", ["covid nineteen"], []),
    ("Windows 11 is free.", ["windows eleven"], []),
    ("Britain triggered Article 50.", ["article fifty"], []),
    ("Section 230 protects platforms.", ["section two thirty", "section two hundred thirty"], []),
    ("The A380 is being retired.", ["a three eighty"], ["hundred"]),
    ("G7 leaders met in Italy.", ["g seven"], []),
    ("Apollo 11 landed in 1969.", ["apollo eleven"], []),
    ("HS2 will be delayed.", ["h s two"], []),
    ("The 747 made its last flight.", ["seven four seven", "seven forty seven"], ["hundred"]),
    ("Traffic is heavy on I-95.", ["i ninety five"], ["minus"]),
    (
        "Ryanair flight FR1234 landed.",
        ["f r one two three four", "f r twelve thirty four"],
        ["thousand"],
    ),
    ("CO2 emissions rose.", ["c o two"], []),
    ("Fast 5G networks are spreading.", ["five g"], []),
    # --- Roman numerals by context
    ("Charles III was crowned in 2023.", ["charles the third"], []),
    ("Pope Leo XIV gave his first blessing.", ["leo the fourteenth"], []),
    ("After World War II ended, rationing went on.", ["world war two"], []),
    ("Philadelphia won Super Bowl LIX.", ["super bowl fifty nine"], []),
    ("Rocky IV is on TV tonight.", ["rocky four"], []),
    ("Title IX changed college sport.", ["title nine"], []),
    ("Henry VIII broke with Rome.", ["henry the eighth"], []),
    ("The airline filed for Chapter 11.", ["chapter eleven"], []),
    ("The firm entered Chapter XI.", ["chapter eleven"], []),
    ("Elizabeth II reigned for 70 years.", ["elizabeth the second"], []),
    ("Louis XIV built Versailles.", ["louis the fourteenth"], []),
    ("Grand Theft Auto VI is delayed.", ["grand theft auto six"], []),
    ("The drug passed Phase III trials.", ["phase three"], []),
    ("Pope John Paul II visited Poland.", ["john paul the second"], []),
    ("He has Type II diabetes.", ["type two"], []),
    ("Gladiator II opens this week.", ["gladiator two"], []),
    ("World War I began in 1914.", ["world war one"], []),
    ("As I said, the vote is close.", [" as i said "], ["one said", "first said"]),
    ("Malcolm X was killed in 1965.", ["malcolm x"], ["malcolm ten"]),
    # --- money, millions and metres, glued codes, names with brackets, ranges (round two)
    ("The club's losses rose to 20m.", ["twenty million"], ["meter", "metre"]),
    ("A wave of 10m hit the harbour.", ["ten meter", "ten metre"], ["million"]),
    ("She was handed $20.01 in change.", ["twenty dollars one cent"], ["cents"]),
    ("Seats cost $50.00-$100.00.", ["fifty to one hundred dollars"], ["point"]),
    ("He signed a two-year, $50m contract.", ["fifty million dollar contract"], []),
    ("It is a $1.5bn-a-year business.", ["billion dollar a year"], ["dollars a year"]),
    ("SoftBank booked a ¥30B loss.", ["thirty billion yen"], ["yenb"]),
    (
        "Profits beat forecasts in 2Q22.",
        ["second quarter of twenty twenty two", "two q twenty two"],
        ["twoq"],
    ),
    ("The shares trade at 4.4x earnings.", ["four point four times"], ["fourx"]),
    ("Savers put more into 401(k) plans.", ["four o one k"], ["hundred"]),
    ("Music of the 1960s-80s returns.", ["nineteen sixties to eighties"], []),
    ("The 2023/24 season was his best.", ["twenty twenty three to twenty four"], []),
    ("He lost 12KG before the fight.", ["twelve kilograms"], []),
    ("Fraudsters used a card ending in 8876.", ["eight eight seven six"], ["thousand"]),
    ("The form is dated 11/17/05.", ["november seventeenth"], []),
    ("Temperatures hit 45º in Seville.", ["forty five degrees"], []),
    # --- fractions and mixed numbers
    ("Some 1/3 of staff will go.", ["one third of", "a third of"], []),
    ("Add 1 1/2 cups of sugar.", ["one a half cups", "one one half cups"], []),
    (
        "The lake is 3/4 mile wide.",
        [
            "three quarters of a mile",
            "three quarter mile",
            "three quarters mile",
            "three fourths of a mile",
        ],
        [],
    ),
    ("It needs a 2/3 majority.", ["two thirds majority"], []),
    ("About 1/4 of adults smoke.", ["one quarter of", "a quarter of", "one fourth of"], []),
    ("The flight took 4 1/2 hours.", ["four a half hours", "four one half hours"], []),
    ("Two-thirds of voters agreed.", ["two thirds of voters"], []),
    ("The 11/4 favourite was pulled up.", ["eleven to four favourite"], ["quarters"]),
    (
        "Call the office on 07700 900456.",
        [
            "o seven seven o o nine o o four five six",
            "zero seven seven zero zero nine zero zero four five six",
        ],
        ["hundred"],
    ),
    # --- acronyms and capitals (letters.py)
    ("The WHO warned of a new wave.", ["w h o warned"], []),
    ("UEFA fined the club.", ["uefa fined"], ["u e f a"]),
    ("The IMF cut its forecast.", ["i m f cut"], []),
    ("FIFA awarded the World Cup.", ["fifa awarded"], ["f i f a"]),
    ("PRIME MINISTER QUITS", ["prime minister quits"], ["q u i t s"]),
    # --- state and rank abbreviations (abbreviations.py)
    ("The fire began in Portland, Ore., on Sunday.", ["oregon"], []),
    ("Sen. Warren called for a vote.", ["senator warren"], []),
    ("Rep. Ocasio-Cortez spoke first.", ["representative ocasio cortez"], []),
    ("Capt. Lee was praised.", ["captain lee"], []),
    ("Det. Insp. Brown led the case.", ["detective inspector brown"], []),
    ("Police in St. Louis said.", ["saint louis"], []),
    ("Climbers died on Mt. Everest.", ["mount everest"], []),
    ("The storm hit Miami, Fla., late on Sunday.", ["florida"], []),
    ("Gen. Milley retired.", ["general milley"], []),
    # --- hashtags and web addresses (the lead's)
    ("The #BlackLivesMatter protests spread.", ["hashtag black lives matter"], []),
    ("Advice is at nhs.uk.", ["n h s dot u k"], []),
    ("Read it on abc.net.au.", ["a b c dot net dot a u"], []),
    # --- "No 10" and "No."
    ("Sources in No 10 said the plan was dead.", ["number ten"], []),
    ("She is the world No 1.", ["world number one"], []),
    ("The No. 1 seed lost.", ["number one seed"], []),
    ("No way will we pay, he said.", [" no way "], ["number"]),
]

#: The cases said wrong today, each with why; removed as the class is fixed.
_XFAIL: dict[str, str] = {}


def _cases() -> list:
    return [
        pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=_XFAIL[case[0]]))
        if case[0] in _XFAIL
        else pytest.param(*case)
        for case in FORMS
    ]


@pytest.mark.parametrize(("written", "heard", "not_heard"), _cases())
def test_a_news_form_is_said_as_a_newsreader_says_it(written, heard, not_heard):
    said = _canonical(to_spoken(written, lexicon={}))
    assert any(_canonical(h) in said for h in heard), said
    assert not any(_canonical(n) in said for n in not_heard), said


def test_the_forms_are_distinct():
    assert len({case[0] for case in FORMS}) == len(FORMS)


#: Pieces that the rules fixed for these forms read around (a timetable's verb, a
#: service's time, a set score, a short code, a jet after an article), repeated.
_HOSTILE_PIECES = [
    "leaves at 6.15 ",
    "the 6.15 a ",
    "won 6-4, ",
    "(7-3), ",
    "245-6 at ",
    "the 988 a ",
    "report a on 101 ",
    "text A to 85258",
    "the 747 ",
    "2.5pp",
    "raised about 2m",
    "1.5m-",
    "2m Britons ",
    "10,000m ",
    "1 and 3 May ",
    "March 3 and ",
    "May first and 2",
    "at 10/1 ",
    "odds of 5/",
    "07700 900123 ",
    "a 6ft 4in ",
    "5%-5%",
    "2Q22",
    "4.4x ",
    "B2A23C",
    "t2000s",
    "401(k)(",
    "1960s-",
    "2023/24/",
    "card ending in 1 ",
    "code 123 ",
    "1/1/05/",
]


@pytest.mark.parametrize("piece", _HOSTILE_PIECES)
def test_forty_kilobytes_of_one_piece_are_said_quickly(piece):
    """Linear: at most 0.8 s of CPU on this machine; a rule backtracking in the square of
    the length (1.6e9 steps here) would take well over 5 s (80 kB and 10 s before: the
    same power, half the suite's time)."""
    text = (piece * (40_000 // len(piece) + 1))[:40_000]
    started = time.process_time()
    to_spoken(text, lexicon={})
    assert time.process_time() - started < 5
