"""How one display-size copy of a picture is made: decoded, turned upright, flattened and
saved as a baseline JPEG. No Kivy here; ``kiosk.media`` decides which copies to make and
keeps their index.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .atomic import write_atomically

#: The kiosk's background (kiosk/ui/theme.py "ground"): transparent pixels become this.
BACKGROUND = (0x16, 0x18, 0x1B)
JPEG_QUALITY = 88
_EXIF_ORIENTATION = 0x0112
_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB pieces."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """``size`` scaled to fit within ``box``, keeping its shape; never enlarged."""
    w, h = size
    scale = min(box[0] / w, box[1] / h, 1.0)
    return max(1, round(w * scale)), max(1, round(h * scale))


def why_not_prepared(error: BaseException) -> str:
    """Why a picture could not be prepared, in words staff can act on."""
    if isinstance(error, FileNotFoundError):
        return "the file does not exist"
    if isinstance(error, PermissionError):
        return "the file cannot be read (permissions)"
    if isinstance(error, UnidentifiedImageError):
        return "not a picture that can be read; save it as JPEG or PNG"
    if isinstance(error, Image.DecompressionBombError):
        return f"the picture is far too large ({error}); export it smaller"
    text = str(error) or type(error).__name__
    if "truncated" in text or "broken data stream" in text or "premature end" in text.lower():
        return f"the file is damaged or incomplete ({text}); copy it again"
    return f"the picture could not be read ({type(error).__name__}: {text})"


def _flatten(image: Image.Image) -> Image.Image:
    """An RGB image; transparency is laid over the kiosk's background colour."""
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        image = image.convert("RGBA")
        ground = Image.new("RGB", image.size, BACKGROUND)
        ground.paste(image, mask=image.getchannel("A"))
        return ground
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale PNGs
        image = image.point(lambda v: v / 256).convert("L")
    return image if image.mode == "RGB" else image.convert("RGB")


def render(source: Path, display_box: tuple[int, int],
            thumb_box: tuple[int, int]) -> tuple[Image.Image, Image.Image, bytes | None]:
    """Decode ``source`` and make its display and thumbnail images (RGB, upright)."""
    with Image.open(source) as image:
        orientation = image.getexif().get(_EXIF_ORIENTATION, 1)
        turned = orientation in (5, 6, 7, 8)
        upright = (image.height, image.width) if turned else image.size
        want = fit(upright, display_box)
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale straight away when that is still at least as
            # large as the copy: several times faster than decoding 24 megapixels.
            image.draft("RGB", (want[1], want[0]) if turned else want)
        icc = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image)  # loads; returns an upright copy
    image = _flatten(image)
    display = _resize(image, fit(image.size, display_box))
    thumb = _resize(display, fit(display.size, thumb_box))
    return display, thumb, icc


def _resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    # reducing_gap: a fast box reduce to about 3x the size first, then Lanczos.
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def save_jpeg(image: Image.Image, target: Path, icc: bytes | None) -> None:
    extra = {"icc_profile": icc} if icc else {}
    write_atomically(target, lambda stream: image.save(
        stream, "JPEG", quality=JPEG_QUALITY, progressive=False, **extra))
