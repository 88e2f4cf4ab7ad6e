"""Electronic: web addresses and e-mail addresses, said as a reader spells them out."""

from __future__ import annotations

import re

# Both start only where a run of name characters starts (the look-behinds): tried at
# every letter of "a.a.a..." they took time in the square of the run's length.
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")


_URL = re.compile(
    r"(?<![\w.-])\b(?:https?://)?(?:www\.)?((?:[\w-]+\.)+(?:com|org|net|gov|edu|io|uk|int|info|co))((?:/[\w\-./%]*[\w\-/%])?)"
)


def _say_address(host: str, path: str = "") -> str:
    spoken = host.replace(".", " dot ")
    path = path.strip("/")
    if path:
        spoken += " slash " + " slash ".join(
            p.replace(".", " dot ").replace("-", " ") for p in path.split("/")
        )
    return spoken


def urls_and_emails(text: str) -> str:
    """ "news@example.org" -> "news at example dot org";
    "example.org/report" -> "example dot org slash report"."""
    text = _EMAIL.sub(
        lambda m: f"{m.group(1).replace('.', ' dot ')} at {_say_address(m.group(2))}", text
    )
    return _URL.sub(lambda m: _say_address(m.group(1), m.group(2)), text)
