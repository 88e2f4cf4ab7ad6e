"""Benchmark: the time ``mix.level`` takes to level real speech clips to the episode's loudness.

Eight clips are spoken once, into a temporary folder, by the anchor (espeak-ng) and the
presenter (hibari), from "Next." to about 40 s: the transitions, a short and a long story.
Each tree then levels every clip ``--repeat`` times in a fresh process (so the meter's
caches start cold, as in a render worker), and the run's time is the median of its
repeats; runs of the trees are interleaved, so a before/after pair sees the same load.

``--tree LABEL=PATH`` levels with briefing from another source tree (an export of an
older commit, ``git archive COMMIT | tar -x -C PATH``) in the same venv:

    python benchmarks/levelling.py --tree before=/tmp/before --tree after=. --runs 5

It prints, per tree, the median time to level all the clips, its spread (min-max over the
runs), the seconds of levelling per minute of speech, and the ratio to the first tree.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEXTS = (
    "Next.",
    "In other news, the city council approved the new budget on Tuesday.",
    "Scientists at the university said on Monday that the new telescope had found a planet "
    "orbiting a nearby star, the closest such discovery in a decade. The team plans further "
    "observations next year, and other observatories have been asked to confirm the result.",
    " ".join(
        ["The central bank held interest rates steady at four and a half percent, saying "
         "inflation had eased but remained above its target, and that it would watch wage "
         "growth closely in the months ahead."] * 6
    ),
)  # fmt: skip
VOICES = ("anchor", "presenter")

# Run in a fresh process from a tree: level each clip (already at the track's rate) ``repeat``
# times, print the median of the totals and the seconds of speech.
_LEVEL = """
import json, sys, time
from pathlib import Path
from briefing.audio import mix
from briefing.render.layout import ENCODED_TARGET_LUFS
clips = [mix.load_speech(Path(p)) for p in sys.argv[2:]]
totals = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    for clip in clips:
        mix.level(clip, ENCODED_TARGET_LUFS)
    totals.append(time.perf_counter() - start)
totals.sort()
print(json.dumps({"seconds": totals[len(totals) // 2],
                  "speech": sum(len(c) for c in clips) / 1000}))
"""


def speak(folder: Path) -> list[Path]:
    """The clips, spoken by each voice into ``folder``."""
    sys.path.insert(0, str(ROOT))
    from briefing.tts import get_engine
    from briefing.voices import load_profile

    paths = []
    for voice in VOICES:
        profile = load_profile(ROOT / "voices" / f"{voice}.toml")
        engine = get_engine(profile.engine)
        for number, text in enumerate(TEXTS):
            path = folder / f"{voice}-{number}.wav"
            engine.synthesize(text, profile, path)
            paths.append(path)
    return paths


def level_once(tree: Path, clips: list[Path], repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-c", _LEVEL, str(repeat), *map(str, clips)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tree",
        action="append",
        default=[],
        metavar="LABEL=PATH",
        help="a source tree to level with (default: this one)",
    )
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per tree")
    parser.add_argument("--repeat", type=int, default=3, help="levellings of all clips a run")
    args = parser.parse_args()  # fmt: skip
    trees = [tuple(t.split("=", 1)) for t in args.tree] or [("this", str(ROOT))]
    with tempfile.TemporaryDirectory(prefix="levelling-") as tmp:
        clips = speak(Path(tmp))
        runs: dict[str, list[float]] = {label: [] for label, _ in trees}
        speech = 0.0
        for _ in range(args.runs):
            for label, path in trees:
                result = level_once(Path(path).resolve(), clips, args.repeat)
                runs[label].append(result["seconds"])
                speech = result["speech"]
    first = statistics.median(runs[trees[0][0]])
    print(f"{len(clips)} clips, {speech:.1f} s of speech; {args.runs} interleaved runs a tree")
    print(f"{'tree':12} {'median s':>9} {'spread':>15} {'s per min':>10} {'ratio':>6}")
    for label, _ in trees:
        median = statistics.median(runs[label])
        spread = f"{min(runs[label]):.3f}-{max(runs[label]):.3f}"
        print(f"{label:12} {median:9.3f} {spread:>15} {median / speech * 60:10.3f} "
              f"{median / first:6.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
