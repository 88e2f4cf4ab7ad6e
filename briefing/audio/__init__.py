"""Audio: levelling and assembling blocks (``mix``), loudness to spec (``loudness``), MP3
encoding, tags and chapters (``mp3``)."""
