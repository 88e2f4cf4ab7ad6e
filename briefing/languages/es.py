"""Spanish: a news bulletin as Spanish radio says it, written by hand."""

from __future__ import annotations

import datetime as dt

from num2words import num2words

from ..text import DayWords, SentenceRules
from . import Language, NumberWords, Phrasebook

PHRASES = Phrasebook(
    welcome="Buenos días, esto es {show}. Hoy es {date}.",
    host=" Les habla {name}.",
    count="Hoy les traemos {count}.",
    rundown="Además, en este boletín:",
    more="Y {count}.",
    first=("Empezamos con la noticia principal.", "Abrimos con esta noticia.", "Comenzamos."),
    middle=(
        "Seguimos.",
        "También hoy.",
        "Pasamos a otro tema.",
        "Más noticias.",
        "En otro orden de cosas.",
    ),
    last=("Y para terminar.", "Por último.", "Y cerramos con esta noticia."),
    handoffs=(
        "Con nosotros, {name}.",
        "{name} nos cuenta.",
        "Adelante, {name}.",
        "{name} tiene los detalles.",
    ),
    thanks="Gracias, {name}.",
    origin="Información de {origin}.",
    recap="Repasamos los titulares.",
    outro=("Esto ha sido {show} del {date}.", "Gracias por su atención."),
    quote="Cita: {text} Fin de la cita.",
    added="{speaker} añadió: {text}",
)

MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()
WEEKDAYS = "lunes martes miércoles jueves viernes sábado domingo".split()


def day_number(day: int) -> str:
    """A day of the month in a date: "primero", "veinticinco"."""
    return "primero" if day == 1 else str(num2words(day, lang="es"))


def spoken_date(date: dt.date) -> str:
    """ "miércoles veinticinco de noviembre"."""
    return f"{WEEKDAYS[date.weekday()]} {day_number(date.day)} de {MONTHS[date.month - 1]}"


def count(n: int, more: bool = False) -> str:
    """ "una noticia", "cinco noticias", "una noticia más"."""
    extra = " más" if more else ""
    if n == 1:
        return f"una noticia{extra}"
    return f"{num2words(n, lang='es')} noticias{extra}"


SENTENCES = SentenceRules(
    titles=frozenset(
        """sr sra srta sres dr dra lic ing núm nº pág av avda art cap ej aprox d dña ee uu
        etc prof gral gob dpto col vol""".split()
    ),
    may_end=frozenset("etc uu".split()),
    openers=frozenset(
        """el la los las un una unos unas él ella ellos ellas se lo le les este esta estos
        estas eso esto pero y o así además también hoy ayer en según tras con para por""".split()
    ),
    months=frozenset(MONTHS),
)

STOPWORDS = frozenset(
    """el la los las un una unos unas y o pero de del al a en con por para sin sobre entre
    que se su sus lo le les es son fue fueron ha han había este esta estos estas ese esa
    como más muy ya también no sí según dijo dice año años hoy ayer nuevo nueva""".split()
)

NUMBERS = NumberWords(
    num2words="es",
    decimal_mark=",",
    group_mark=".",
    decimal_word="coma",
    percent="por ciento",
    minus="menos",
    currencies=(
        ("€", "euro", "euros"),
        ("EUR", "euro", "euros"),
        ("$", "dólar", "dólares"),
        ("£", "libra", "libras"),
    ),
    cents=("céntimo", "céntimos"),
    million=("mill.", "millón", "millones"),
    billion=("mil mill.", "mil millones", "mil millones"),
    months=tuple(MONTHS),
    weekdays=tuple(WEEKDAYS),
    date_ordinal=day_number,
    date_joiner=" de ",
    abbreviations=(
        ("EE. UU.", "Estados Unidos"),
        ("EE.UU.", "Estados Unidos"),
        ("Sr.", "señor"),
        ("Sra.", "señora"),
        ("Dr.", "doctor"),
        ("Dra.", "doctora"),
        ("núm.", "número"),
        ("aprox.", "aproximadamente"),
        ("etc.", "etcétera"),
        ("km/h", "kilómetros por hora"),
        ("km", "kilómetros"),
        ("kg", "kilos"),
    ),
)

LANGUAGE = Language(
    tag="es",
    name="Spanish",
    phrases=PHRASES,
    spoken_date=spoken_date,
    count_stories=count,
    count_more=lambda n: count(n, more=True),
    sentences=SENTENCES,
    stopwords=STOPWORDS,
    default_voice="locutora",
    numbers=NUMBERS,
    days=DayWords("hoy", "ayer", "el {day}", "el {day} de {month}", tuple(WEEKDAYS), tuple(MONTHS)),
    byline_words=("Por",),
    caption_words=("Foto", "Fotos", "Imagen", "Vídeo", "Video", "Fuente"),
)
