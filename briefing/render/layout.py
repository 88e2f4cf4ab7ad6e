"""The shape of an episode: the blocks it is made of and the pauses in them.

An episode is a row of blocks, each rendered, leveled and encoded on its own
(and cached), then joined as MP3 frames::

    intro     [intro sting] 350 ms [welcome and rundown] 450 ms
    lead-in   ([chime]) 400 ms [transition: "Next."] 150 ms      one per story
    story     100 ms [headline and summary] 400 ms                one per story
    outro     400 ms [sign-off] 400 ms [outro sting]

The transition is a block of its own so that a story's audio does not depend
on where it falls in the show: a story that moves up when another arrives
keeps its cached audio. Every block starts and ends in silence, so joining
them is seamless. The encoder adds to every join its delay (about 50 ms of
silence before each block) and the padding of the last frame (0 to 26 ms), so
the pauses the listener hears are these plus about 60 ms: 900 ms between the
intro and the first story and before the outro, 450 ms either side of the
chime between stories, 300 ms between a transition and its headline.

This module is light on purpose (no numpy, no audio): planning a re-run whose
blocks are all cached needs nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_RATE = 22050
"""Sample rate of the episode (espeak-ng's own rate)."""
TARGET_LUFS = -16.0
"""Apple Podcasts' integrated loudness target."""
TRUE_PEAK_LIMIT_DBTP = -1.0
"""The spec's ceiling for the encoded file."""
CEILING_DBTP = -2.0
"""The ceiling before encoding (leaves room for the encoder's overshoot)."""
ENCODED_TARGET_LUFS = TARGET_LUFS + 0.5
"""What each block's speech is brought to: 64 kbit/s MP3 (its low-pass takes away
energy the K-weighting counts) and the quieter stings leave a whole episode
about 0.5 LU under it, measured by ffmpeg's ebur128 on decoded episodes."""
INTRO_STING_MS = 2200
OUTRO_STING_MS = 2600
CHIME_MS = 700
JOIN_MS = 60
"""What a join between two blocks adds to the pause: the encoder's delay and padding."""

#: A block's parts: a pause in ms, a sting ("intro", "outro", "chime") or "speech".
Part = int | str


@dataclass(frozen=True)
class Layout:
    """The pauses of a show, in milliseconds."""

    after_intro_sting: int = 350
    after_intro: int = 450
    before_transition: int = 400
    after_transition: int = 150
    before_story: int = 100
    after_story: int = 400
    before_outro: int = 400
    before_outro_sting: int = 400

    def intro(self) -> tuple[Part, ...]:
        return ("intro", self.after_intro_sting, "speech", self.after_intro)

    def lead_in(self, first: bool) -> tuple[Part, ...]:
        parts: tuple[Part, ...] = (self.before_transition, "speech", self.after_transition)
        return parts if first else ("chime", *parts)

    def story(self) -> tuple[Part, ...]:
        return (self.before_story, "speech", self.after_story)

    def beat(self) -> tuple[Part, ...]:
        """A story with no link moves on with a beat: the chime and a pause, no words
        (a block of its own, so the story's own block is the same wherever it falls)."""
        return ("chime", self.before_transition)

    def outro(self) -> tuple[Part, ...]:
        return (self.before_outro, "speech", self.before_outro_sting, "outro")


DEFAULT_LAYOUT = Layout()


def part_ms(parts: tuple[Part, ...]) -> int:
    """Milliseconds of a block that are not speech."""
    stings = {"intro": INTRO_STING_MS, "outro": OUTRO_STING_MS, "chime": CHIME_MS}
    return sum(p if isinstance(p, int) else stings.get(p, 0) for p in parts)


def overhead_ms(n_stories: int, layout: Layout = DEFAULT_LAYOUT) -> int:
    """Milliseconds of a show that are not speech: stings, chimes, pauses and joins."""
    blocks = [layout.intro(), layout.outro()]
    for position in range(n_stories):
        blocks += [layout.lead_in(position == 0), layout.story()]
    return sum(part_ms(b) for b in blocks) + JOIN_MS * len(blocks)
