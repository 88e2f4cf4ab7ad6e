"""Spanish: a news bulletin as Spanish radio says it, written by hand."""

from __future__ import annotations

import datetime as dt

from ..text import DayWords, SentenceRules
from . import Labels, Language, NumberWords, Phrasebook, QuoteRules, number_words

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
    return "primero" if day == 1 else number_words(day, "es")


def spoken_date(date: dt.date) -> str:
    """ "miércoles veinticinco de noviembre"."""
    return f"{WEEKDAYS[date.weekday()]} {day_number(date.day)} de {MONTHS[date.month - 1]}"


def written_date(date: dt.date) -> str:
    """ "miércoles, 25 de noviembre de 2026" (an episode's title)."""
    return f"{WEEKDAYS[date.weekday()]}, {date.day} de {MONTHS[date.month - 1]} de {date.year}"


LABELS = Labels(
    show_title="El Boletín del Día",
    show_description="Las noticias del día, una a una, en voz alta.",
    intro="Introducción",
    outro="Cierre",
    stories="Noticias",
    story=("noticia", "noticias"),
    transcript="Transcripción",
    introduction="Introducción",
    closing="Cierre",
    no_transcript="Este episodio no tiene transcripción.",
    no_episodes="Todavía no hay episodios.",
    at="{title}, a partir de {time}",
    units=(("hora", "horas"), ("minuto", "minutos"), ("segundo", "segundos")),
    listen="Escuchar el MP3",
    download="Descargar {what}",
    mp3="el MP3",
    epub="el libro hablado EPUB 3 (texto y audio, para aplicaciones que leen en voz alta)",
    daisy="el libro hablado DAISY 2.02 (para reproductores DAISY)",
    speed="Velocidad",
    follow="Seguir la transcripción",
    controls="Controles del reproductor",
    previous_story="Noticia anterior",
    back="Retroceder {seconds} segundos",
    forward="Avanzar {seconds} segundos",
    next_story="Noticia siguiente",
    shortcuts="Atajos de teclado",
    restart_story="Noticia anterior (o el inicio de esta)",
    space="Espacio en el reproductor",
    play_pause="Reproducir o pausar",
    shortcuts_note=(
        "Los botones y los enlaces de las noticias también mueven el reproductor; la "
        "velocidad se recuerda para su próxima visita."
    ),
    skip="Ir a los episodios",
    subscribe="Suscríbase en su aplicación de pódcasts con la dirección del feed",
    same_folder=" (en la misma carpeta que esta página)",
    footer="Hecho con briefing. Cada transcripción está también en un archivo WebVTT y otro SRT.",
    story_of="Noticia {n} de {total}: {title}",
    at_time="En {time}",
    at_time_of="En {time} de {end}",
    speed_is="Velocidad por {rate}",
    book_summary=(
        "Las noticias leídas en voz alta por una voz sintética, con su texto completo: "
        "cada frase se resalta mientras se escucha. Cada noticia es un capítulo del "
        "índice, y cada frase se puede saltar."
    ),
)


def count(n: int, more: bool = False) -> str:
    """ "una noticia", "cinco noticias", "una noticia más"."""
    extra = " más" if more else ""
    if n == 1:
        return f"una noticia{extra}"
    return f"{number_words(n, 'es')} noticias{extra}"


SENTENCES = SentenceRules(
    titles=frozenset(
        """sr sra srta sres dr dra lic ing núm nº pág av avda art cap ej aprox d dña ee uu
        etc prof gral gob dpto col vol tel telf tlf pza págs admón prov dcha izq izqda ctra
        urb esq""".split()
    ),
    may_end=frozenset("etc uu".split()),
    openers=frozenset(
        """el la los las un una unos unas él ella ellos ellas se lo le les este esta estos
        estas eso esto pero y o así además también hoy ayer en según tras con para por
        todo toda todos todas nadie nada aquí allí luego después ahora entonces mientras
        aunque durante desde hay""".split()
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
    feminine=frozenset(
        """persona personas hora horas semana semanas noche noches tonelada toneladas vez
        veces libra libras peseta pesetas corona coronas mujer mujeres niña niñas víctima
        víctimas familia familias vivienda viviendas casa casas empresa empresas escuela
        escuelas ciudad ciudades página páginas milla millas hectárea hectáreas jornada
        jornadas etapa etapas línea líneas parada paradas calle calles plaza plazas obra
        obras especie especies muerte muertes vuelta vueltas plantas planta""".split()
    ),
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
        ("art.", "artículo"),
        ("arts.", "artículos"),
        ("pág.", "página"),
        ("págs.", "páginas"),
        ("Avda.", "avenida"),
        ("avda.", "avenida"),
    ),
    units=(
        ("km²", "kilómetro cuadrado", "kilómetros cuadrados"),
        ("m²", "metro cuadrado", "metros cuadrados"),
        ("m³", "metro cúbico", "metros cúbicos"),
        ("°C", "grado", "grados"),
        ("ºC", "grado", "grados"),
        ("cm", "centímetro", "centímetros"),
        ("mm", "milímetro", "milímetros"),
        ("m", "metro", "metros"),
        ("g", "gramo", "gramos"),
        ("t", "tonelada", "toneladas"),
        ("l", "litro", "litros"),
        ("ha", "hectárea", "hectáreas"),
        ("kWh", "kilovatio hora", "kilovatios hora"),
        ("kW", "kilovatio", "kilovatios"),
        ("MW", "megavatio", "megavatios"),
        ("GW", "gigavatio", "gigavatios"),
        ("min", "minuto", "minutos"),
        ("seg.", "segundo", "segundos"),
        ("s", "segundo", "segundos"),
        ("h", "hora", "horas"),
    ),
    feminine_endings=("a", "as", "ión", "iones", "dad", "dades", "tad", "tades", "tud", "tudes"),
    masculine=frozenset(
        """día días mapa mapas problema problemas programa programas sistema sistemas tema
        temas idioma idiomas planeta planetas clima climas poema poemas dilema dilemas
        esquema esquemas drama dramas cometa cometas pijama pijamas síntoma síntomas
        diploma diplomas dogma dogmas enigma enigmas fantasma fantasmas aroma aromas
        trauma traumas telegrama telegramas crucigrama crucigramas guardia guardias policía
        policías atleta atletas colega colegas contra hasta hacia mientras""".split()
    ),
    per_word="por",
    fractions=(
        ("medio", "medios"),
        ("tercio", "tercios"),
        ("cuarto", "cuartos"),
        ("quinto", "quintos"),
        ("sexto", "sextos"),
        ("séptimo", "séptimos"),
        ("octavo", "octavos"),
        ("noveno", "novenos"),
        ("décimo", "décimos"),
    ),  # fmt: skip
    score_word="a",
    range_word="a",
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
    written_date=written_date,
    labels=LABELS,
    quotes=QuoteRules(
        opening='«"“',
        closing='»"”',
        verbs=(
            r"dijo|dice|dijeron|afirmó|explicó|señaló|añadió|aseguró|advirtió|declaró|"
            r"indicó|subrayó|insistió|escribió|comentó|sostuvo|apuntó|recordó|destacó|"
            r"preguntó|respondió"
        ),
        written=("«", "»"),
        comma_after=True,
        after_verb=r"tras|después|durante|antes|ante|en|este|esta|al\s+término|a\s+su\s+llegada",
    ),
)
