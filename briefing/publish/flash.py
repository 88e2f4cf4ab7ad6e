"""Alexa Flash Briefing feed, ``OUT/flash-briefing.json``: the newest five episodes.

Format: https://developer.amazon.com/en-US/docs/alexa/flashbriefing/flash-briefing-skill-api-feed-reference.html
(Amazon wants the stream over HTTPS; the URLs here are under the base URL given.)
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..files import write_text_atomic
from .feed import file_url, normalize_base_url, show_link
from .store import Store

FLASH_NAME = "flash-briefing.json"
MAX_ITEMS = 5


def flash_items(store: Store, base_url: str) -> list[dict[str, str]]:
    base_url = normalize_base_url(base_url)
    items = []
    for entry in store.episodes[:MAX_ITEMS]:  # the store keeps the newest first
        moment = entry.published.astimezone(dt.UTC)
        items.append(
            {
                "uid": f"urn:uuid:{entry.guid}",
                "updateDate": moment.strftime("%Y-%m-%dT%H:%M:%S.0Z"),
                "titleText": entry.title,
                "mainText": entry.description,
                "streamUrl": file_url(base_url, entry.audio),
                "redirectionUrl": show_link(store.show.link, base_url),
            }
        )
    return items


def write_flash(out_dir: Path, store: Store, base_url: str) -> Path:
    path = out_dir / FLASH_NAME
    text = json.dumps(flash_items(store, base_url), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(path, text)
    return path
