"""The files the corpus's stops.yaml files name: good ones, and broken ones of every kind.

``build_assets(root)`` writes, under ``root/assets``:

- audio/{kk,ru,en}/{arch,wall}.ogg: real 3.0 s OGG Vorbis recordings, and beside each
  its .vtt captions (two cues, within the recording);
- images/{arch,wall}-1.jpg: real 800x500 JPEGs;
- broken/: a recording of random bytes, an empty one, a 0.2 s WAV, an .m4a, an OGG cut
  in half; a picture of
  random bytes, a JPEG cut in half, a JPEG whose header says 8000x6000, a .tif;
  captions without the WEBVTT line, with commas in the times, with a cue past the end of
  a 3 s recording, and with text cut off from its cue by a blank line;

and, beside ``root`` (outside it), ``outside.jpg``, with ``assets/images/linked.jpg`` a
link to it.
"""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import numpy as np
import soundfile
from PIL import Image

LANGUAGES = ("kk", "ru", "en")
SECONDS = 3.0

GOOD_VTT = """WEBVTT

00:00:00.000 --> 00:00:01.500
First sentence.

00:00:01.500 --> 00:00:03.000
Second sentence.
"""

BROKEN_VTT = {
    "no-header.vtt": GOOD_VTT.replace("WEBVTT\n\n", "", 1),
    "comma.vtt": GOOD_VTT.replace("00:00:01.500 --> 00:00:03.000",
                                  "00:00:01,500 --> 00:00:03,000"),
    "late.vtt": GOOD_VTT.replace("00:00:01.500 --> 00:00:03.000",
                                 "00:00:01.500 --> 00:00:04.200"),
    "orphan.vtt": GOOD_VTT.replace("Second sentence.\n", "Second sentence,\n\nand its end.\n"),
}


def _tone(path: Path, seconds: float, rate: int = 22050, fmt: str = "OGG",
          subtype: str = "VORBIS") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * rate)) / rate
    soundfile.write(str(path), 0.2 * np.sin(2 * np.pi * 220 * t), rate, format=fmt,
                    subtype=subtype)


def _jpeg(size=(800, 500), shade=90) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (shade, shade, shade - 20)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _with_size(jpeg: bytes, width: int, height: int) -> bytes:
    """The same JPEG with its frame header (SOF0) claiming another size."""
    at = jpeg.index(b"\xff\xc0") + 5
    return (jpeg[:at] + height.to_bytes(2, "big") + width.to_bytes(2, "big")
            + jpeg[at + 4:])


def build_assets(root: Path) -> Path:
    rng = random.Random(7)
    for code in LANGUAGES:
        for name in ("arch", "wall"):
            _tone(root / f"assets/audio/{code}/{name}.ogg", SECONDS)
            (root / f"assets/audio/{code}/{name}.vtt").write_text(GOOD_VTT, encoding="utf-8")
    images = root / "assets/images"
    images.mkdir(parents=True, exist_ok=True)
    good = _jpeg()
    (images / "arch-1.jpg").write_bytes(good)
    (images / "wall-1.jpg").write_bytes(_jpeg(shade=120))
    broken = root / "assets/broken"
    broken.mkdir(parents=True, exist_ok=True)
    (broken / "noise.ogg").write_bytes(b"OggS" + bytes(rng.randrange(256) for _ in range(4000)))
    (broken / "empty.ogg").write_bytes(b"")
    _tone(broken / "blip.wav", 0.2, fmt="WAV", subtype="PCM_16")
    _tone(broken / "whole.ogg", 20.0)
    whole = (broken / "whole.ogg").read_bytes()
    (broken / "half.ogg").write_bytes(whole[: len(whole) // 2])  # plays, but only half
    (broken / "whole.ogg").unlink()
    (broken / "speech.m4a").write_bytes(b"\x00\x00\x00\x20ftypM4A " + bytes(200))
    (broken / "noise.jpg").write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
    (broken / "cut.jpg").write_bytes(good[: len(good) // 2])
    (broken / "huge.jpg").write_bytes(_with_size(good, 8000, 6000))
    Image.new("RGB", (40, 30)).save(broken / "scan.tif")
    for name, text in BROKEN_VTT.items():
        (broken / name).write_text(text, encoding="utf-8")
    outside = root.parent / "outside.jpg"
    outside.write_bytes(good)
    os.symlink(outside, images / "linked.jpg")
    return root
