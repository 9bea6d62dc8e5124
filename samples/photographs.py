"""Sample pictures: small drawn ones for tours, and camera-like photographs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw


def picture(path: Path, shade: int, size=(800, 500)) -> None:
    """A small JPEG: a flat ``shade`` with a lighter rectangle in its upper left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (shade, shade - 10, shade - 20))
    ImageDraw.Draw(image).rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2),
                                     fill=(200, 180, 150))
    image.save(path, quality=80)


def make_photo(path: str | Path, size: tuple[int, int] = (6000, 4000), seed: int = 0,
               orientation: int | None = None, quality: int = 92) -> Path:
    """A JPEG that compresses like a camera photograph (about 8.5 MB at 6000x4000).

    Smooth shapes, mid-frequency texture and sensor-like noise; ``orientation`` adds an
    EXIF orientation tag (6: the camera was turned 90 degrees clockwise).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    w, h = size
    rng = np.random.default_rng(seed)

    def blobs(step: int, resample) -> np.ndarray:
        small = rng.integers(0, 256, (max(2, h // step), max(2, w // step), 3), dtype=np.uint8)
        return np.asarray(Image.fromarray(small).resize((w, h), resample), dtype=np.float32)

    pixels = blobs(250, Image.Resampling.BICUBIC) * 0.75 + blobs(16, Image.Resampling.BILINEAR) * 0.25
    pixels += rng.normal(0.0, 6.0, (h, w, 1)).astype(np.float32)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    extra = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        extra["exif"] = exif
    image.save(path, "JPEG", quality=quality, **extra)
    return path
