"""German: a news bulletin as German radio says it, written by hand."""

from __future__ import annotations

import datetime as dt

from ..text import DayWords, SentenceRules
from . import Labels, Language, NumberWords, Phrasebook, QuoteRules, number_words

PHRASES = Phrasebook(
    welcome="Guten Tag, hier ist {show} am {date}.",
    host=" Am Mikrofon ist {name}.",
    count="Heute haben wir {count} für Sie.",
    rundown="Außerdem in dieser Sendung:",
    more="Und {count}.",
    first=(
        "Zuerst unser Top-Thema.",
        "Wir beginnen mit dieser Meldung.",
        "Zunächst das Wichtigste.",
    ),
    middle=(
        "Weiter geht's.",
        "Außerdem.",
        "Und nun das.",
        "Zu einem anderen Thema.",
        "Weitere Nachrichten.",
    ),
    last=("Und zum Schluss.", "Zum Schluss noch das.", "Und schließlich."),
    handoffs=(
        "Hier ist {name}.",
        "{name} berichtet.",
        "Damit zu {name}.",
        "{name} mit den Einzelheiten.",
    ),
    thanks="Danke, {name}.",
    origin="Eine Meldung von {origin}.",
    recap="Noch einmal die Schlagzeilen.",
    outro=("Das war {show} vom {date}.", "Vielen Dank fürs Zuhören."),
    quote="Zitat: {text} Zitat Ende.",
    added="{speaker} fügte hinzu: {text}",
)

MONTHS = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
).split()
WEEKDAYS = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split()


def day_ordinal(day: int) -> str:
    """A day of the month after "am", "vom", "dem": "fünfundzwanzigsten"."""
    return number_words(day, "de", to="ordinal") + "n"


def spoken_date(date: dt.date) -> str:
    """ "Mittwoch, dem fünfundzwanzigsten November" (after "am", "vom")."""
    return f"{WEEKDAYS[date.weekday()]}, dem {day_ordinal(date.day)} {MONTHS[date.month - 1]}"


def written_date(date: dt.date) -> str:
    """ "Mittwoch, 25. November 2026" (an episode's title)."""
    return f"{WEEKDAYS[date.weekday()]}, {date.day}. {MONTHS[date.month - 1]} {date.year}"


LABELS = Labels(
    show_title="Der Nachrichtenüberblick",
    show_description="Die Nachrichten des Tages, Meldung für Meldung.",
    intro="Einleitung",
    outro="Schluss",
    stories="Meldungen",
    story=("Meldung", "Meldungen"),
    transcript="Transkript",
    introduction="Einleitung",
    closing="Schluss",
    no_transcript="Für diese Folge gibt es kein Transkript.",
    no_episodes="Noch keine Folgen.",
    at="{title}, ab {time}",
    units=(("Stunde", "Stunden"), ("Minute", "Minuten"), ("Sekunde", "Sekunden")),
    listen="Die MP3 anhören",
    download="{what} herunterladen",
    mp3="MP3",
    epub="EPUB-3-Hörbuch (Text und Ton, für Lese-Apps, die vorlesen)",
    daisy="DAISY-2.02-Hörbuch (für DAISY-Player)",
    speed="Geschwindigkeit",
    follow="Im Transkript mitlesen",
    controls="Player-Steuerung",
    previous_story="Vorige Meldung",
    back="{seconds} Sekunden zurück",
    forward="{seconds} Sekunden vor",
    next_story="Nächste Meldung",
    shortcuts="Tastenkürzel",
    restart_story="Vorige Meldung (oder der Anfang dieser)",
    space="Leertaste im Player",
    play_pause="Abspielen oder anhalten",
    shortcuts_note=(
        "Auch die Schaltflächen und die Links der Meldungen bewegen den Player; die "
        "Geschwindigkeit bleibt für Ihren nächsten Besuch gespeichert."
    ),
    skip="Zu den Folgen springen",
    subscribe="Abonnieren Sie die Sendung in Ihrer Podcast-App mit der Feed-Adresse",
    same_folder=" (im selben Ordner wie diese Seite)",
    footer="Erstellt mit briefing. Jedes Transkript gibt es auch als WebVTT- und SRT-Datei.",
    story_of="Meldung {n} von {total}: {title}",
    at_time="Bei {time}",
    at_time_of="Bei {time} von {end}",
    speed_is="Geschwindigkeit {rate}-fach",
    book_summary=(
        "Die Nachrichten, von einer synthetischen Stimme vorgelesen, mit ihrem vollen "
        "Text: Jeder Satz wird hervorgehoben, während er zu hören ist. Jede Meldung ist "
        "ein Kapitel des Inhaltsverzeichnisses, und jeder Satz lässt sich überspringen."
    ),
)


def count(n: int, more: bool = False) -> str:
    """ "eine Meldung", "fünf Meldungen", "eine weitere Meldung"."""
    extra = " weitere" if more else ""
    if n == 1:
        return f"eine{extra} Meldung"
    return f"{number_words(n, 'de')}{extra} Meldungen"


#: A number with a stop after these words is an ordinal, said with their ending: "der 3.
#: Platz" -> "der dritte Platz", "zum 5. Mal" -> "zum fünften Mal".
ORDINAL_ENDINGS = {
    **dict.fromkeys("der die das ins jede jedes diese dieses ihre seine unsere".split(), ""),
    **dict.fromkeys(
        """den dem des im am zum zur vom beim ihren ihrem ihres seinen seinem seines unseren
        unserem einen einem einer eines jeden jedem diesen diesem""".split(),
        "n",
    ),
}

SENTENCES = SentenceRules(
    titles=frozenset(
        """z b bzw ca dr prof nr str st usw vgl ggf inkl evtl mio mrd jh abs art hr fr frau
        bzgl u a o d h s sog etc geb gest max min mind tel mwst abb hrsg zzgl tsd allg bspw
        insb lt""".split()
    ),
    may_end=frozenset("usw etc bzw mio mrd".split()),
    suffixes=("str",),  # "Hauptstr. 4"
    ordinal_after=frozenset(ORDINAL_ENDINGS),
    openers=frozenset(
        """der die das den dem des ein eine einer er sie es wir ich ihr man dies diese dieser
        auch aber und doch so dann nun heute gestern morgen am im in auf nach vor bei mit
        alle alles dort hier danach dabei damit deshalb trotzdem zudem laut seit als wenn
        weil über""".split()
    ),
    months=frozenset(m.lower() for m in MONTHS),
)

STOPWORDS = frozenset(
    """der die das den dem des ein eine einer eines einem einen und oder aber auch als an am
    auf aus bei bis da dass durch für gegen hat haben hatte hatten ich ihr im in ist ist
    mit nach nicht noch nun nur ob oder sein seine sich sie sind so über um und uns unter
    vom von vor war waren was wenn werden wird wie wir zu zum zur sagte sagt jahr jahre
    heute gestern mehr neue neuen""".split()
)

NUMBERS = NumberWords(
    num2words="de",
    decimal_mark=",",
    group_mark=".",
    decimal_word="Komma",
    percent="Prozent",
    minus="minus",
    currencies=(
        ("€", "Euro", "Euro"),
        ("EUR", "Euro", "Euro"),
        ("$", "Dollar", "Dollar"),
        ("US-Dollar", "US-Dollar", "US-Dollar"),
        ("£", "Pfund", "Pfund"),
        ("CHF", "Franken", "Franken"),
    ),
    cents=("Cent", "Cent"),
    million=("Mio.", "Million", "Millionen"),
    billion=("Mrd.", "Milliarde", "Milliarden"),
    months=tuple(MONTHS),
    weekdays=tuple(WEEKDAYS),
    date_ordinal=day_ordinal,
    date_joiner=" ",
    # Only "1" changes before a German noun ("eine Stunde"): singulars.
    feminine=frozenset(
        """Stunde Minute Sekunde Woche Nacht Million Milliarde Person Frau Stimme Tonne
        Meile Stelle Seite Partei Stadt Gemeinde Schule Klasse Familie Firma Runde Etappe
        Linie Station Haltestelle Straße Mannschaft Frage Tür Krone Sorte Art Nummer
        Billion Mark Unterschrift Hälfte Niederlage Wahl Strafe""".split()
    ),
    abbreviations=(
        ("z. B.", "zum Beispiel"),
        ("d. h.", "das heißt"),
        ("u. a.", "unter anderem"),
        ("bzw.", "beziehungsweise"),
        ("ca.", "circa"),
        ("Nr.", "Nummer"),
        ("Dr.", "Doktor"),
        ("Prof.", "Professor"),
        ("usw.", "und so weiter"),
        ("vgl.", "vergleiche"),
        ("km/h", "Kilometer pro Stunde"),
        ("km", "Kilometer"),
        ("kg", "Kilogramm"),
        ("Std.", "Stunden"),
        ("Mio.", "Millionen"),
        ("Mrd.", "Milliarden"),
        ("Bio.", "Billionen"),
        ("Tsd.", "Tausend"),
        ("Abs.", "Absatz"),
        ("Art.", "Artikel"),
        ("§§", "Paragrafen"),
        ("§", "Paragraf"),
    ),
    units=(
        ("km²", "Quadratkilometer", "Quadratkilometer"),
        ("m²", "Quadratmeter", "Quadratmeter"),
        ("m³", "Kubikmeter", "Kubikmeter"),
        ("°C", "Grad Celsius", "Grad Celsius"),
        ("°", "Grad", "Grad"),
        ("cm", "Zentimeter", "Zentimeter"),
        ("mm", "Millimeter", "Millimeter"),
        ("m", "Meter", "Meter"),
        ("g", "Gramm", "Gramm"),
        ("t", "Tonne", "Tonnen"),
        ("l", "Liter", "Liter"),
        ("ha", "Hektar", "Hektar"),
        ("kWh", "Kilowattstunde", "Kilowattstunden"),
        ("kW", "Kilowatt", "Kilowatt"),
        ("MW", "Megawatt", "Megawatt"),
        ("GW", "Gigawatt", "Gigawatt"),
        ("PS", "PS", "PS"),
        ("Min.", "Minute", "Minuten"),
        ("min", "Minute", "Minuten"),
        ("Sek.", "Sekunde", "Sekunden"),
        ("s", "Sekunde", "Sekunden"),
        ("h", "Stunde", "Stunden"),
    ),
    feminine_endings=("ung", "heit", "keit", "schaft", "ion", "tät", "ik", "enz", "anz", "ei"),
    dative_after=frozenset(
        """in an auf mit von bei nach aus zu seit vor hinter über unter neben zwischen
        gegenüber während wegen trotz innerhalb außerhalb""".split()
    ),
    per_word="pro",
    fractions=(
        ("halb", "halbe"),
        ("Drittel", "Drittel"),
        ("Viertel", "Viertel"),
        ("Fünftel", "Fünftel"),
        ("Sechstel", "Sechstel"),
        ("Siebtel", "Siebtel"),
        ("Achtel", "Achtel"),
        ("Neuntel", "Neuntel"),
        ("Zehntel", "Zehntel"),
    ),  # fmt: skip
    score_word="zu",
    range_word="bis",
    time_words=frozenset(
        "um ab bis gegen seit von zwischen und vor nach etwa circa kurz spätestens".split()
    ),
    ordinal_endings=tuple(ORDINAL_ENDINGS.items()),
)

LANGUAGE = Language(
    tag="de",
    name="German",
    phrases=PHRASES,
    spoken_date=spoken_date,
    count_stories=count,
    count_more=lambda n: count(n, more=True),
    sentences=SENTENCES,
    stopwords=STOPWORDS,
    default_voice="sprecher",
    numbers=NUMBERS,
    days=DayWords(
        "heute", "gestern", "am {day}", "am {day}. {month}", tuple(WEEKDAYS), tuple(MONTHS)
    ),
    byline_words=("Von",),
    caption_words=("Foto", "Fotos", "Bild", "Grafik", "Video", "Quelle"),
    written_date=written_date,
    labels=LABELS,
    quotes=QuoteRules(
        opening='„"',
        closing='“"',
        verbs=(
            r"sagte|sagt|sagten|erklärte|erklärt|betonte|meinte|warnte|schrieb|berichtete|"
            r"fragte|ergänzte|kritisierte|versicherte|antwortete"
        ),
        written=("„", "“"),
        comma_after=True,
        after_verb=r"nach|vor|bei|während|am|im|gegenüber|auf|zum|zur|in\s+(?:einer|einem)",
    ),
)
