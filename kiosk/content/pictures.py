"""Pictures, as ``check`` inspects them: will each one open and show?

A picture (.jpg, .jpeg, .png only) is opened by Pillow lazily (header: format and size)
and its structure verified: for a PNG that checks every chunk's checksum, the compressed
image data included; for a JPEG the markers up to the image data, and the end-of-image
marker is looked for in the last kilobyte (a copy cut short lacks it). A JPEG's image
data is NOT decoded here (even at 1/8 scale that costs ~2 ms a picture, too much for a
large tour); the kiosk decodes every picture when it prepares its display copy, and
``main.py prepare`` names any that fail. A picture that is really another format (a GIF
named .jpg), or above 40 megapixels or 25 MB (a warning), is reported.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .errors import said_by
from .formats import IMAGE_FORMATS

#: Pictures above either of these are a warning: slow to prepare, heavy in memory.
HUGE_PIXELS = 40_000_000
HUGE_BYTES = 25 * 1024 * 1024


class ImageReport(NamedTuple):
    size: tuple[int, int] | None = None
    error: str | None = None
    warning: str | None = None


def inspect_image(path: str | Path) -> ImageReport:
    """Header and structure: Pillow's open and verify, and for a JPEG its end marker."""
    from PIL import Image, UnidentifiedImageError

    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in IMAGE_FORMATS:
        return ImageReport(error=f"is a {suffix or 'extension-less'} file, which the "
                           "kiosk does not show; save the picture as JPEG (.jpg) or PNG (.png)")
    try:
        size_bytes = os.path.getsize(path)
        if size_bytes == 0:
            return ImageReport(error="is an empty file (0 bytes); copy the picture again")
        with Image.open(path) as image:
            size, kind = image.size, image.format
            image.verify()  # PNG: every chunk's checksum, the image data's included
        if kind not in ("JPEG", "PNG"):
            return ImageReport(size, error=f"is really a {kind} picture, not a JPEG or PNG; "
                               "save it as JPEG or PNG")
        if kind == "JPEG":
            with open(path, "rb") as stream:
                stream.seek(max(0, size_bytes - 1024))
                if b"\xff\xd9" not in stream.read():
                    return ImageReport(size, error="is cut short (its end is missing); copy "
                                       "it again from the original")
    except UnidentifiedImageError:
        return ImageReport(error="is not a JPEG or PNG picture (its contents are of no kind of "
                           "picture Pillow knows); it is damaged or another kind of file: save "
                           "or copy the picture again")
    except Image.DecompressionBombError:
        return ImageReport(error="is far too large to open (more than 178 megapixels); save a "
                           "copy about 2560 pixels wide and use that")
    except Exception as error:  # UnidentifiedImageError, OSError (truncated), SyntaxError...
        return ImageReport(error="cannot be read as a picture: it is damaged, cut short, or "
                           "not really a JPEG or PNG; save or copy it again (Pillow said: "
                           f"{said_by(error)})")
    pixels = size[0] * size[1]
    if pixels > HUGE_PIXELS or size_bytes > HUGE_BYTES:
        return ImageReport(size, warning=(
            f"is very large: {size[0]} x {size[1]} pixels ({pixels / 1e6:.0f} megapixels), "
            f"{size_bytes / 1024 / 1024:.1f} MB; the kiosk prepares a display copy of every "
            "picture (at most 1920 x 1200), but from a file this big that is slow and takes "
            "much memory: save a copy about 2560 pixels wide and use that instead"))
    return ImageReport(size)
