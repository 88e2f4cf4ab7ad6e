"""The show's cover image, ``OUT/cover.png``: square, 1400-3000 px, as Apple asks.

Generated from the show's title (Pillow, its built-in scalable font), or a
given image checked and copied.
"""

from __future__ import annotations

import io
import logging
import math
import textwrap
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..files import atomic_path, read_regular
from ..text import cut_at_word

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

SIZE = 1400
MIN_SIZE, MAX_SIZE = 1400, 3000
BACKGROUND = (16, 36, 64)
ACCENT = (255, 183, 77)
FOREGROUND = (255, 255, 255)


#: The title drawn on a generated cover is cut to this many characters (a 100 kB title
#: took seconds to wrap and measure at every font size, and no one could read it).
MAX_COVER_TITLE = 200


def render_cover(title: str, size: int = SIZE) -> Image.Image:
    """A cover: the title in large type over a row of sound-wave bars."""
    from PIL import Image, ImageDraw, ImageFont

    title = cut_at_word(title, MAX_COVER_TITLE)

    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    # Sound-wave bars across the lower third.
    bars, margin = 29, size // 10
    width = (size - 2 * margin) / bars
    for i in range(bars):
        height = size * 0.16 * (0.35 + 0.65 * abs(math.sin(i * 0.55) * math.cos(i * 0.23)))
        x = margin + i * width
        y_mid = size * 0.72
        draw.rounded_rectangle(
            (x + width * 0.2, y_mid - height / 2, x + width * 0.8, y_mid + height / 2),
            radius=int(width * 0.3),
            fill=ACCENT,
        )
    # The title, wrapped and as large as fits.
    for font_size in range(size // 8, size // 30, -4):
        font = ImageFont.load_default(size=font_size)
        chars = max(6, int((size - 2 * margin) / (font_size * 0.55)))
        lines = textwrap.wrap(title, chars) or [title]
        boxes = [draw.textbbox((0, 0), line, font=font) for line in lines]
        widest = max(b[2] - b[0] for b in boxes)
        tall = sum(b[3] - b[1] for b in boxes) + font_size * 0.3 * (len(lines) - 1)
        if widest <= size - 2 * margin and tall <= size * 0.45:
            break
    y = size * 0.12
    for line, box in zip(lines, boxes, strict=True):
        draw.text((margin, y), line, font=font, fill=FOREGROUND)
        y += (box[3] - box[1]) + font_size * 0.3
    return image


#: A cover image file is read only up to this size (Apple's limit is 512 kB).
MAX_COVER_BYTES = 20_000_000


def read_cover(path: Path) -> bytes:
    """The bytes of a cover image file (a regular file of at most MAX_COVER_BYTES)."""
    return read_regular(path, "cover image", MAX_COVER_BYTES, OutputError)


def check_cover(path: Path) -> bytes:
    """The image's bytes; OutputError unless ``path`` is a square PNG or JPEG of 1400-3000 px."""
    from PIL import Image, UnidentifiedImageError

    data = read_cover(path)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError) as exc:
        raise OutputError(f"{path}: not an image ({exc})") from None
    if kind not in ("PNG", "JPEG"):
        raise OutputError(f"{path}: the cover must be a PNG or JPEG, not {kind}")
    if width != height or not MIN_SIZE <= width <= MAX_SIZE:
        raise OutputError(
            f"{path}: the cover must be square, {MIN_SIZE} to {MAX_SIZE} pixels a side "
            f"(Apple Podcasts' rule), not {width}x{height}"
        )
    return data


_made: dict[str, bytes] = {}
_making = threading.Lock()


def cover_png(title: str) -> bytes:
    """The generated cover for ``title`` as PNG bytes, made once per process (the
    pipeline makes it in a thread while speech renders: Pillow and the drawing
    take 40 ms)."""
    with _making:
        if title not in _made:
            buffer = io.BytesIO()
            render_cover(title).save(buffer, format="PNG")  # optimize=True: 3% smaller, 3x slower
            _made[title] = buffer.getvalue()
        return _made[title]


ARTWORK_SIZE = 600
"""The MP3's own copy of the cover: 600 px, a baseline JPEG (about 50 kB), which
car stereos and old players show where a 1400 px PNG is too big for them."""
_artwork: dict[tuple[str, Path | None, int], bytes] = {}


def artwork(title: str, given: Path | None = None) -> bytes:
    """The cover as the MP3 carries it (ID3 APIC): the given image or the one drawn
    from ``title``, as a 600 px JPEG, made once per process and image."""
    from PIL import Image

    stamp = given.stat().st_mtime_ns if given is not None and given.exists() else 0
    key = (title, given, stamp)
    with _making:
        known = _artwork.get(key)
    if known is not None:
        return known
    if given is not None:
        with Image.open(io.BytesIO(check_cover(given))) as source:
            image = source.convert("RGB")
    else:
        image = Image.open(io.BytesIO(cover_png(title))).convert("RGB")
    image = image.resize((ARTWORK_SIZE, ARTWORK_SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, progressive=False)
    with _making:
        _artwork[key] = buffer.getvalue()
    return _artwork[key]


def prepare_artwork(title: str, given: Path | None = None) -> None:
    """Make the cover and the MP3's copy of it ahead of time (in a thread); a
    failure is left for ``artwork`` and ``write_cover`` to meet and report."""
    try:
        artwork(title, given)
    except Exception as exc:  # reported, once, where the cover is used
        log.debug("could not make the cover ahead: %s", exc)


def write_cover(out_dir: Path, title: str, given: Path | None = None) -> Path:
    """Write ``OUT/cover.png``: the given image (converted to PNG) or a generated one."""
    path = out_dir / "cover.png"
    if given is not None:
        from PIL import Image

        with Image.open(io.BytesIO(check_cover(given))) as source, atomic_path(path) as tmp:
            source.convert("RGB").save(tmp, format="PNG")
    else:
        data = cover_png(title)
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    log.info("wrote %s", path)
    return path
