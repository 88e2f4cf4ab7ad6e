"""Benchmark: which engines a respelling of the lexicon helps, as a listener hears it.

    python benchmarks/lexicon.py                           # every installed voice
    python benchmarks/lexicon.py --voice presenter --rate 175 --rate 450 --show

For each entry of the bundled lexicon (voices/lexicon.toml), each voice says a news
sentence with the name as written and with its respelling ("Reports from Nepal came in
on Monday." / "... Nepawl ..."), at each rate; Whisper tiny.en (the bench extra, loaded
offline as in benchmarks/intelligibility.py) stands in for the listener. A name is heard
when the transcript holds it as written (letters only, any case). The report gives, by
engine and rate, how many names were heard as written and as respelled, and the entries
whose respelling an engine hears worse than the word as written: an entry should name
only the engines its respelling helps (``engines = [...]``). A recogniser leans towards
real words, so this favours the written word: a respelling that still wins is needed.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOICES = ("presenter", "newsreader", "anchor")
RATES = (175, 450)
SENTENCE = "Reports from {name} came in on Monday."


def _listener():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "intelligibility", ROOT / "benchmarks" / "intelligibility.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["intelligibility"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module.Listener()


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def heard_as_written(name: str, transcript: str) -> bool:
    """Whether ``transcript`` holds ``name`` as written (letters only, spaces ignored)."""
    return _letters(name) in _letters(transcript)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--voice", action="append", help=f"voice profile(s) [{', '.join(VOICES)}]")
    parser.add_argument("--rate", type=int, action="append", help=f"rates [{RATES}]")
    parser.add_argument("--show", action="store_true", help="print what Whisper heard")
    args = parser.parse_args()
    from briefing.errors import BriefingError
    from briefing.speech import to_spoken
    from briefing.speech.lexicon import load_lexicon
    from briefing.tts import get_engine
    from briefing.voices import bundled_voices_dir, get_profile

    entries = load_lexicon(bundled_voices_dir() / "lexicon.toml")
    listener = _listener()
    rates = tuple(args.rate or RATES)
    print(f"lexicon: {len(entries)} entries, heard by Whisper tiny.en, '{SENTENCE}'")
    with tempfile.TemporaryDirectory(prefix="briefing-lexicon-") as tmp:
        for voice in args.voice or VOICES:
            try:
                profile = get_profile(voice)
                engine = get_engine(profile.engine)
                engine.check_voice(profile)
            except BriefingError as exc:
                print(f"  {voice:<12} skipped: {exc}")
                continue
            for rate in rates:
                wins, losses, written_hits, respelled_hits = [], [], 0, 0
                for index, (name, respelling) in enumerate(entries.items()):
                    heard = {}
                    for form, said in (("written", name), ("respelled", respelling.said)):
                        path = Path(tmp) / f"{voice}-{rate}-{index}-{form}.wav"
                        text = to_spoken(SENTENCE.format(name=said), lexicon={})
                        engine.synthesize(text, replace(profile, rate=rate), path)
                        heard[form] = listener.hear(path)
                        if args.show:
                            print(f"    [{voice} {rate} {form}] {heard[form].strip()}")
                    as_written = heard_as_written(name, heard["written"])
                    as_respelled = heard_as_written(name, heard["respelled"])
                    written_hits += as_written
                    respelled_hits += as_respelled
                    if as_respelled and not as_written:
                        wins.append(name)
                    elif as_written and not as_respelled:
                        losses.append(name)
                print(
                    f"  {voice:<12} {profile.engine:<8} {rate} wpm: heard as written "
                    f"{written_hits}/{len(entries)}, respelled {respelled_hits}/{len(entries)}; "
                    f"the respelling helps {len(wins)}, hurts {len(losses)}"
                )
                print(f"      helps: {', '.join(wins) or '-'}")
                print(f"      hurts: {', '.join(losses) or '-'}")


if __name__ == "__main__":
    main()
