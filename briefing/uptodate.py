"""Is the day's episode up to date? The hash of a run's inputs, and the check.

A run hashes everything its episode is made from (``run_inputs``: the articles
as read, the options, the voices and engines, briefing's own code); when the
store's entry for the date has the same hash and all its files and the feed are
there, the episode is returned as it is (``up_to_date``) and nothing is rendered.
Only the store is read: no engine, renderer or text stage is imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from .models import Article, Episode, Skipped
from .options import Fingerprinted
from .publish.feed import FEED_NAME
from .publish.store import Store


def _code_stamp() -> list[list[object]]:
    """Name, size and modification time of briefing's own files, its data (the
    summarizer's weights) and the lexicons: a changed briefing makes its episodes again."""
    from .voices import ENV_LEXICON, bundled_voices_dir

    package = Path(__file__).parent
    files = sorted(package.rglob("*.py")) + sorted((package / "data").glob("*"))
    files.append(bundled_voices_dir() / "lexicon.toml")
    if os.environ.get(ENV_LEXICON):
        files.append(Path(os.environ[ENV_LEXICON]))
    stamp = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        stamp.append([str(path), info.st_size, info.st_mtime_ns])
    return stamp


def run_inputs(articles: Sequence[Article], skipped: Sequence[Skipped], **options: object) -> str:
    """A hash of everything an episode is made from: the articles as read, the
    sources skipped, every option, the voices and their engines, and briefing's
    own code. Two runs with the same hash make the same episode."""
    from .versions import __version__

    material = {
        "briefing": __version__,
        "code": _code_stamp(),
        "articles": [asdict(a) for a in articles],
        "skipped": [str(s) for s in skipped],
        "options": options,
    }
    encoded = json.dumps(material, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def summarizer_name(summarizer: object) -> object:
    """What names a summarizer in the run's inputs: its ``fingerprint()`` when it has
    one (an LLM's endpoint and model), else its qualified name."""
    if isinstance(summarizer, Fingerprinted):
        return summarizer.fingerprint()
    return f"{getattr(summarizer, '__module__', '')}.{getattr(summarizer, '__qualname__', '')}"


def up_to_date(out_dir: Path, store: Store, date: dt.date, inputs: str) -> Episode | None:
    """The date's episode when it was made from exactly these inputs and all its
    files (and the feed) are still there; else None."""
    entry = next((e for e in store.episodes if e.date == date), None)
    if entry is None or entry.inputs != inputs:
        return None
    try:
        if (out_dir / entry.audio).stat().st_size != entry.bytes:
            return None
    except OSError:
        return None
    if not all((out_dir / name).is_file() for name in entry.files()):
        return None
    if not (out_dir / FEED_NAME).is_file():
        return None

    def path(name: str | None) -> Path | None:
        return out_dir / name if name else None

    return Episode(
        date=date,
        title=entry.title,
        mp3_path=out_dir / entry.audio,
        script_path=out_dir / (entry.script or ""),
        duration_ms=entry.duration_ms,
        chapters=entry.stories,
        vtt_path=path(entry.vtt),
        srt_path=path(entry.srt),
        chapters_path=path(entry.chapters),
        books=tuple(out_dir / name for name in entry.books),
        inputs=inputs,
        up_to_date=True,
    )
