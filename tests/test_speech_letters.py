"""Letters and abbreviations (issue 27): acronyms spelled or said as words, headings in
capitals read as words, mixed forms, single capitals, titles and ranks, US states, "No
10", name and company suffixes and the abbreviations of running text. The sentences are
written for this project in the style of news copy (none is from the evaluation data)."""

from __future__ import annotations

import re
import time
from importlib import resources

import pytest

from briefing.speech import to_spoken
from briefing.speech.abbreviations import (
    abbreviations,
    full_stop,
    name_suffixes,
    number_signs,
    party_states,
    references,
    roads,
    us_states,
)
from briefing.speech.letters import (
    SAID_AS_WORDS,
    SPELLED,
    acronym_codes,
    acronyms,
    english_words,
    is_word,
    pronounceable,
    spell,
    syllabic,
)


def _canonical(text: str) -> str:
    """Lower case, hyphens as spaces, letters, digits and apostrophes only."""
    text = re.sub(r"[-–—]", " ", text.lower())
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def _say(text: str) -> str:
    return to_spoken(text, lexicon={})


# -- acronyms() ------------------------------------------------------------------------

ACRONYMS = [
    # spelled: their letters are no syllables, or a list says so
    ("The FBI opened an inquiry.", "The F B I opened an inquiry."),
    ("Officials at the BBC declined to comment.", "Officials at the B B C declined to comment."),
    ("The NHS faces a winter crisis.", "The N H S faces a winter crisis."),
    ("EU leaders met in Brussels.", "E U leaders met in Brussels."),
    ("The UN Security Council voted.", "The U N Security Council voted."),
    ("GDP shrank in the third quarter.", "G D P shrank in the third quarter."),
    ("The CEO stepped down on Friday.", "The C E O stepped down on Friday."),
    ("The IMF cut its forecast.", "The I M F cut its forecast."),
    ("The NYSE opened higher.", "The N Y S E opened higher."),
    ("The USDA and the UNHCR said.", "The U S D A and the U N H C R said."),
    ("The SEC charged him.", "The S E C charged him."),
    # plurals and possessives
    ("MPs backed the bill.", "M P's backed the bill."),
    ("Three CEOs quit.", "Three C E O's quit."),
    ("The FBI's director testified.", "The F B I's director testified."),
    ("The NHS's waiting lists grew.", "The N H S's waiting lists grew."),
    ("NASA's rover found water.", "Nasa's rover found water."),
    # said as words: a list, or English syllables
    ("NATO allies pledged more aid.", "Nato allies pledged more aid."),
    ("OPEC agreed to cut output.", "Opec agreed to cut output."),
    ("UNESCO added the site to its list.", "Unesco added the site to its list."),
    ("UNICEF warned of malnutrition.", "Unicef warned of malnutrition."),
    ("COVID cases fell.", "Covid cases fell."),
    ("FIFA banned the official.", "Fifa banned the official."),
    ("NAFTA was renegotiated.", "Nafta was renegotiated."),
    ("ASEAN ministers met in Jakarta.", "Asean ministers met in Jakarta."),
    ("Ofcom opened an investigation.", "Ofcom opened an investigation."),
    ("Europol said it had made arrests.", "Europol said it had made arrests."),
    ("EUROPOL said it had made arrests.", "Europol said it had made arrests."),
    ("The FTSE fell.", "The Footsie fell."),
    ("The NCAA tournament began.", "The N C double A tournament began."),
    # acronyms unknown to the lists: syllables or letters
    ("The SIPRI report on arms sales.", "The Sipri report on arms sales."),
    ("The JCVI advised a booster.", "The J C V I advised a booster."),
    ("Lawyers for the DVLA said.", "Lawyers for the D V L A said."),
    # headings in capitals: English words read as words, acronyms among them spelled
    ("BREAKING: PRIME MINISTER RESIGNS", "Breaking: Prime Minister Resigns"),
    ("THE OLD SOUL", "The Old Soul"),
    ("NHS STRIKE ENDS", "N H S Strike Ends"),
    ("US AND EU AGREE", "U S And E U Agree"),
    ("FLOODS HIT UK", "Floods Hit U K"),
    ("NATO SUMMIT OPENS", "Nato Summit Opens"),
    ("SEC CHARGES BANKER", "S E C Charges Banker"),
    ("MOD CONFIRMS DEATHS", "M O D Confirms Deaths"),
    ("IAEA INSPECTORS ARRIVE", "I A E A Inspectors Arrive"),
    ("DON'T LOOK BACK", "Don't Look Back"),
    ("O'BRIEN WINS", "O'Brien Wins"),
    # names in a heading, and words that the list has capitalised
    ("EUROPE BRACES FOR STORM", "Europe Braces For Storm"),
    ("AUSTRALIA BEAT INDIA", "Australia Beat India"),
    ("EASTER RISING REMEMBERED", "Easter Rising Remembered"),
    ("IOWA CAUCUS RESULTS", "Iowa Caucus Results"),
    ("MBAPPE SCORES TWICE", "Mbappe Scores Twice"),
    ("SCHULZ WINS", "Schulz Wins"),
    ("CHAPTER ONE: THE JEW", "Chapter One: The Jew"),
    # plurals of spelled acronyms in a heading
    ("MPS BACK BILL", "M P's Back Bill"),
    ("NGOS WARN OF FAMINE", "N G O's Warn Of Famine"),
    ("GPS SIGNAL JAMMED", "G P S Signal Jammed"),
    # the pronouns "US", "IT" and "WHO" in a heading, against the country, trade, agency
    ("THE US ECONOMY SLOWS", "The U S Economy Slows"),
    ("TRUMP TELLS US TO WAIT", "Trump Tells Us To Wait"),
    ("ONE OF US", "One Of Us"),
    ("CHINA WARNS US", "China Warns U S"),
    ("IT WORKERS WALK OUT", "I T Workers Walk Out"),
    ("IT IS OVER", "It Is Over"),
    ("WHO WARNS OF NEW VARIANT", "W H O Warns Of New Variant"),
    ("TEDROS: WHO CHIEF WARNS", "Tedros: W H O Chief Warns"),
    ("THOSE WHO WAIT", "Those Who Wait"),
    ("WHO IS TO BLAME?", "Who Is To Blame?"),
    # mixed forms
    ("OPEC+ cut output again.", "Opec plus cut output again."),
    ("Funding for HIV/AIDS fell.", "Funding for H I V Aids fell."),
    ("The TCP/IP stack.", "The T C P I P stack."),
    ("The mRNA vaccine was approved.", "The m R N A vaccine was approved."),
    ("She has a PhD in chemistry.", "She has a P H D in chemistry."),
    ("The AfD won seats.", "The A F D won seats."),
    ("Apple updated iOS.", "Apple updated i O S."),
    ("The MoD confirmed the deaths.", "The M O D confirmed the deaths."),
    ("AT&T cut jobs.", "A T & T cut jobs."),
    ("Spending on R&D rose.", "Spending on R & D rose."),
    # LEFT ALONE: single capitals, the pronoun, ordinary words, mixed-case names
    ("Plan B is ready.", "Plan B is ready."),
    ("He lacks vitamin D.", "He lacks vitamin D."),
    ("She passed her A-level exams.", "She passed her A-level exams."),
    ("He wore a T-shirt.", "He wore a T-shirt."),
    ("Gen Z voters turned out.", "Gen Z voters turned out."),
    ("I told him I would go.", "I told him I would go."),
    ("The Fed raised rates.", "The Fed raised rates."),
    ("The iPhone and eBay.", "The iPhone and eBay."),
    ("He joined JPMorgan in 2010.", "He joined JPMorgan in 2010."),
    # an emphasised word that no acronym shares is a word
    ('"It is NOT over," she said.', '"It is not over," she said.'),
]


@pytest.mark.parametrize(("written", "said"), ACRONYMS)
def test_acronyms(written, said):
    assert acronyms(written) == said


# -- acronym_codes() -------------------------------------------------------------------

ACRONYM_CODES = [
    ("Delegates met at COP28.", "Delegates met at Cop 28."),
    ("The FIFA23 release.", "The Fifa 23 release."),
    ("B2B sales grew.", "B to B sales grew."),
    ("A B2C brand.", "A B to C brand."),
    # LEFT ALONE: the telephone module's codes
    ("The G7 met.", "The G7 met."),
    ("Flight MH370 vanished.", "Flight MH370 vanished."),
    ("The X2Y code.", "The X2Y code."),
]


@pytest.mark.parametrize(("written", "said"), ACRONYM_CODES)
def test_acronym_codes(written, said):
    assert acronym_codes(written) == said


# -- the word tests --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("acronym", "word"),
    [
        ("NATO", True),
        ("UNESCO", True),
        ("NIMBY", True),
        ("ASEAN", True),
        ("EUFOR", True),
        ("FBI", False),
        ("NYSE", False),
        ("USAF", False),
        ("USDA", False),
        ("IAEA", False),
        ("SEC", False),  # three letters: spelled unless a list says otherwise
        ("PIN", True),
    ],
)
def test_pronounceable(acronym, word):
    assert pronounceable(acronym) is word


@pytest.mark.parametrize(
    ("letters", "names", "syllables"),
    [
        ("NASA", False, True),
        ("OPEC", False, True),
        ("IARC", False, False),
        ("NCUA", False, False),
        ("BOINC", False, False),
        ("EUROPE", True, True),
        ("AUSTRALIA", True, True),
        ("OAKLAND", True, True),
        ("NGOZI", True, True),
        ("OECD", True, False),
        ("IAEA", True, False),
        ("MUTAWAKKILI", True, True),
    ],
)
def test_syllabic(letters, names, syllables):
    assert syllabic(letters, names=names) is syllables


@pytest.mark.parametrize(
    ("letters", "word"),
    [
        ("ARRIVAL", True),
        ("DON'T", True),
        ("WON'T", True),
        ("NATION'S", True),
        ("JEW", True),
        ("EASTER", True),
        ("MONDAY", True),
        ("FBI", False),
        ("NHS", False),
        ("XIV", False),
    ],
)
def test_is_word(letters, word):
    assert is_word(letters) is word


@pytest.mark.parametrize(
    ("letters", "said"), [("FBI", "F B I"), ("mRNA", "M R N A"), ("G-7", "G 7"), ("", "")]
)
def test_spell(letters, said):
    assert spell(letters) == said


def test_words_txt_names_its_source_and_licence():
    text = resources.files("briefing.speech").joinpath("words.txt").read_text("utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "SCOWL" in header and "Kevin Atkinson" in header
    assert "Permission to use, copy, modify" in header


def test_words_txt_holds_no_numerals_or_lettered_acronyms():
    words = english_words()
    assert not any(any(c.isdigit() for c in w) for w in words)
    for acronym in "fbi cia nhs bbc gdp ceo imf nyse xiv xx ufo ira".split():
        assert acronym not in words, acronym


def test_the_lists_win_over_the_word_list():
    """Acronyms that share their letters with a word are spelled all the same."""
    pronouns = {"US", "IT", "WHO"}  # a heading's pronouns: see the table above
    for acronym in SPELLED & {a.upper() for a in english_words()} - pronouns:
        assert acronyms(f"{acronym} CHARGES BANKER").startswith(spell(acronym)), acronym
    for acronym in SAID_AS_WORDS:
        assert not acronyms(f"The {acronym} said.").startswith(f"The {spell(acronym)} ")


# -- abbreviations ---------------------------------------------------------------------

US_STATES = [
    ("The fire started near Sacramento, Calif., on Monday.", "California,"),
    ("The fire started near Sacramento, Calif.", "Sacramento, California."),
    ("He grew up in Springfield, Ill., and moved away.", "Springfield, Illinois, and"),
    ("The company is based in Austin, TX.", "Austin, Texas."),
    ("The company is based in Austin, TX, and Denver.", "Austin, Texas, and"),
    ("Police in St. Louis, Mo., said.", "Missouri, said"),
    ("Officials in Newark, N.J., said.", "Newark, New Jersey, said"),
    ("Rain fell in Portland, OR.", "Portland, Oregon."),
    # LEFT ALONE: no city, a word, the capital
    ("Yes, Pa. I will.", "Yes, Pa. I will."),
    ("Tea, OR coffee.", "Tea, OR coffee."),
    ("In Washington, D.C., today.", "Washington, D.C., today"),
]


@pytest.mark.parametrize(("written", "part"), US_STATES)
def test_us_states(written, part):
    assert part in us_states(written)


NUMBER_SIGNS = [
    ("A No 10 spokesman declined to comment.", "A number 10 spokesman declined to comment."),
    ("A No. 10 source said.", "A number 10 source said."),
    ("She is the world No 1.", "She is the world number 1."),
    ("The No 1 seed lost.", "The number 1 seed lost."),
    ("Nos 3 and 4 were closed.", "numbers 3 and 4 were closed."),
    ("No 10 sources said.", "number 10 sources said."),
    # LEFT ALONE (or the word "no" in small letters, as it is said)
    ("No one was hurt.", "No one was hurt."),
    ("No 10-year-old should work.", "no 10-year-old should work."),
    ("No 3 buses ran.", "no 3 buses ran."),
    ("There were no 10 cases.", "There were no 10 cases."),
    ("No, 10 people died.", "No, 10 people died."),
]


@pytest.mark.parametrize(("written", "said"), NUMBER_SIGNS)
def test_number_signs(written, said):
    assert number_signs(written) == said


REFERENCES = [
    ("See vol 2, pp 45-67.", "See volume 2, pages 45-67."),
    ("In Vol. IV of the report.", "In Volume IV of the report."),
    ("See p. 12.", "See page 12."),
    ("Inflation rose 2.5pp.", "Inflation rose 2.5 percentage points."),
    ("Support fell 3pp in a month.", "Support fell 3 percentage points in a month."),
    ("London, 1990, 320 pp.", "London, 1990, 320 pages."),
    # LEFT ALONE
    ("The volcano erupted.", "The volcano erupted."),
    ("The app is popular.", "The app is popular."),
]


@pytest.mark.parametrize(("written", "said"), REFERENCES)
def test_references(written, said):
    assert references(written) == said


NAME_SUFFIXES = [
    ("Martin Luther King Jr spoke.", "Martin Luther King Junior spoke."),
    ("Robert Downey Jr. starred.", "Robert Downey Junior starred."),
    ("A speech by Martin Luther King Jr.", "A speech by Martin Luther King Junior."),
    ("Acme Ltd said profits rose.", "Acme Limited said profits rose."),
    ("Tesco plc said sales rose.", "Tesco P L C said sales rose."),
    ("Warner Bros announced a film.", "Warner Brothers announced a film."),
    # LEFT ALONE: a sister's title before her name
    ("Nurse Jones, Sr Mary and others.", "Nurse Jones, Sr Mary and others."),
]


@pytest.mark.parametrize(("written", "said"), NAME_SUFFIXES)
def test_name_suffixes(written, said):
    assert name_suffixes(written) == said


ABBREVIATIONS = [
    # titles and ranks, with and without the full stop
    ("Mr Smith said.", "Mister Smith said."),
    ("Mr. Smith said.", "Mister Smith said."),
    ("Mrs Jones said.", "Missus Jones said."),
    ("Mrs. Jones said.", "Missus Jones said."),
    ("Dr Patel said.", "Doctor Patel said."),
    ("Dr. Patel said.", "Doctor Patel said."),
    ("Lt. Col. Smith led the unit.", "Lieutenant Colonel Smith led the unit."),
    ("Lt Col Smith led the unit.", "Lieutenant Colonel Smith led the unit."),
    ("Gen. Milley spoke.", "General Milley spoke."),
    ("Sgt. Major Jones retired.", "Sergeant Major Jones retired."),
    ("Gov. Newsom signed the bill.", "Governor Newsom signed the bill."),
    ("Sen. Warren voted no.", "Senator Warren voted no."),
    ("Rep. Ocasio-Cortez said.", "Representative Ocasio-Cortez said."),
    ("Prof. Smith said.", "Professor Smith said."),
    ("He was promoted to Lt.", "He was promoted to Lieutenant."),
    ("He was promoted to Lt., then Capt.", "He was promoted to Lieutenant, then Captain."),
    ("The Rt Hon Jane Smith MP spoke.", "The Right Honorable Jane Smith MP spoke."),
    ("Mme Lagarde spoke.", "Madame Lagarde spoke."),
    ("Messrs Smith and Jones wrote.", "Messers Smith and Jones wrote."),
    # counties, against the company
    ("Police in Co Antrim said.", "Police in County Antrim said."),
    ("A farm in Co. Durham flooded.", "A farm in County Durham flooded."),
    ("Smith & Co. said profits rose.", "Smith & Company said profits rose."),
    # saint and street
    ("He grew up in St. Louis.", "He grew up in Saint Louis."),
    ("The shop is on Baker St.", "The shop is on Baker Street."),
    ("The shop on Baker St. closed.", "The shop on Baker Street closed."),
    ("It is on Baker St. The shop closed.", "It is on Baker Street. The shop closed."),
    # companies
    ("Procter & Gamble Co. said.", "Procter & Gamble Company said."),
    ("Apple Inc. said.", "Apple Inc said."),
    ("He works for Apple Inc.", "He works for Apple Inc."),
    ("Microsoft Corp. said.", "Microsoft Corporation said."),
    # running text
    ("Fruit, e.g. apples.", "Fruit, for example apples."),
    ("Red, i.e. warm.", "Red, that is warm."),
    ("I.e., nothing changed.", "That is, nothing changed."),
    ("Cats, dogs, etc. were there.", "Cats, dogs, et cetera were there."),
    ("He bought apples, pears, etc.", "He bought apples, pears, et cetera."),
    ("He bought pears, etc. Then he left.", "He bought pears, et cetera. Then he left."),
    ("England vs France.", "England versus France."),
    ("England vs. France.", "England versus France."),
    ("It takes approx. 3 hours.", "It takes approximately 3 hours."),
    # dotted letters, and the full stop that also ends the sentence
    ("The U.S. economy grew.", "The U S economy grew."),
    ("He moved to the U.S.", "He moved to the U S."),
    ("He moved to the U.S. in 1990.", "He moved to the U S in 1990."),
    ("He moved to the U.S. Then he left.", "He moved to the U S. Then he left."),
    ("John F. Kennedy spoke.", "John F Kennedy spoke."),
    # LEFT ALONE
    ("Gen Z shoppers spend more.", "Gen Z shoppers spend more."),
    ("No one was hurt.", "No one was hurt."),
    ("The Doctor Who series.", "The Doctor Who series."),
    ("Most words stay as they are.", "Most words stay as they are."),
]


@pytest.mark.parametrize(("written", "said"), ABBREVIATIONS)
def test_abbreviations(written, said):
    assert abbreviations(written) == said


ROADS = [
    ("He lives on Mulholland Dr.", "He lives on Mulholland Drive."),
    ("He lives on Mulholland Dr in LA.", "He lives on Mulholland Drive in LA."),
    ("It was on Mulholland Dr. The house burned.", "It was on Mulholland Drive. The house burned."),
    ("The studio on Abbey Rd closed.", "The studio on Abbey Road closed."),
    ("A flat on Fifth Ave sold.", "A flat on Fifth Avenue sold."),
    # LEFT ALONE: the title before a name, and no road without its name
    ("Ask Dr Ruth.", "Ask Dr Ruth."),
    ("Professor Jane Smith and Dr Patel said.", "Professor Jane Smith and Dr Patel said."),
    ("the nearest rd was closed", "the nearest rd was closed"),
]


@pytest.mark.parametrize(("written", "said"), ROADS)
def test_roads(written, said):
    assert roads(written) == said


PARTY_STATES = [
    ("Rep. Ann Lee (D-Calif.) said.", "Rep. Ann Lee (Democrat of California) said."),
    ("Sen. Tom Hill, R-Texas, said.", "Sen. Tom Hill, Republican of Texas, said."),
    ("Sen. Joe Carr, I-Vt., said.", "Sen. Joe Carr, Independent of Vermont, said."),
    ("Rep. Mia Cole (D-N.Y.) said.", "Rep. Mia Cole (Democrat of New York) said."),
    ("Rep. Mia Cole, D-NY, said.", "Rep. Mia Cole, Democrat of New York, said."),
    ("A speech by Sen. Tom Hill, R-Texas.", "A speech by Sen. Tom Hill, Republican of Texas."),
    # LEFT ALONE
    ("The D-Day landings.", "The D-Day landings."),
    ("The I-95 was closed.", "The I-95 was closed."),
]


@pytest.mark.parametrize(("written", "said"), PARTY_STATES)
def test_party_states(written, said):
    assert party_states(written) == said


@pytest.mark.parametrize(
    ("text", "end", "stop"),
    [
        ("on Baker St.", 12, "."),
        ('"on Baker St."', 13, "."),
        ("on Baker St. The end", 12, "."),
        ("on Baker St. in town", 12, ""),
        ("Apple Inc. Chief Tim Cook", 10, ""),
    ],
)
def test_full_stop(text, end, stop):
    assert full_stop(text, end) == stop


# -- to_spoken: the classes together, in news sentences ----------------------------------

NEWS = [
    ("Delegates gathered for COP28 in Dubai.", "delegates gathered for cop twenty eight in dubai"),
    ("G7 leaders met in Italy.", "g seven leaders met in italy"),
    ("The G20 summit opened.", "the g twenty summit opened"),
    ("The 5G rollout slowed.", "the five g rollout slowed"),
    ("Apple released iOS 18.", "apple released i o s eighteen"),
    ("The B2B market grew.", "the b to b market grew"),
    ("The S&P 500 rose 1%.", "the s and p five hundred rose one percent"),
    ("AT&T cut 500 jobs.", "a t and t cut five hundred jobs"),
    ("Spending on R&D rose.", "spending on r and d rose"),
    ("OPEC+ members met on Sunday.", "opec plus members met on sunday"),
    ("The FBI's agents arrived.", "the f b i's agents arrived"),
    ("A No 10 spokesman declined to comment.", "a number ten spokesman declined to comment"),
    ("She is the No 1 seed.", "she is the number one seed"),
    ("No 10-year-old should work.", "no ten year old should work"),
    ("No one was hurt.", "no one was hurt"),
    ("Lt. Gen. Jones led the inquiry.", "lieutenant general jones led the inquiry"),
    ("The fire started near Sacramento, Calif.", "the fire started near sacramento california"),
    ("He lives in Austin, TX.", "he lives in austin texas"),
    ("Robert Downey Jr. starred.", "robert downey junior starred"),
    ("Shares in Tesco plc rose 2%.", "shares in tesco p l c rose two percent"),
    (
        "Rep. Ann Lee (D-Calif.) voted no.",
        "representative ann lee democrat of california voted no",
    ),
    ("THE US AND THE EU AGREE", "the u s and the e u agree"),
]


@pytest.mark.parametrize(("written", "said"), NEWS)
def test_news_sentences(written, said):
    assert _canonical(_say(written)) == said


#: A paragraph of ordinary news: no normal word is spelled and no acronym becomes a word.
PARAGRAPH = (
    "The Prime Minister told MPs on Wednesday that the NHS would get more money, but the "
    "BMA said it was not enough. Officials at the US Department of Justice said the FBI "
    "had interviewed the company's CEO. A spokesperson for the UN said aid had reached "
    "Gaza, and the WHO warned of disease. NATO's secretary general met the EU's foreign "
    "policy chief in Brussels, where I heard him say that Europe must act. Shares in BP "
    "and Shell rose as oil prices climbed, while the AA said fuel would cost more."
)
PARAGRAPH_SAID = (
    "The Prime Minister told M P's on Wednesday that the N H S would get more money, but "
    "the B M A said it was not enough. Officials at the U S Department of Justice said "
    "the F B I had interviewed the company's C E O. A spokesperson for the U N said aid "
    "had reached Gaza, and the W H O warned of disease. Nato's secretary general met the "
    "E U's foreign policy chief in Brussels, where I heard him say that Europe must act. "
    "Shares in B P and Shell rose as oil prices climbed, while the A A said fuel would "
    "cost more."
)


def test_ordinary_news_is_left_as_it_is_said():
    assert _say(PARAGRAPH) == PARAGRAPH_SAID


@pytest.mark.parametrize(
    "piece", ["ABCDEFGH ", "THE FBI ", "St. St. ", "No No 1", "U.S.A.B.", "MPS MPS ", "etc. "]
)
def test_hostile_text_is_fast(piece):
    text = piece * (80_000 // len(piece))
    start = time.perf_counter()
    acronyms(text)
    abbreviations(text)
    assert time.perf_counter() - start < 5
