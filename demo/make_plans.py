#!/usr/bin/env python3
"""Draw the demo tour's plans: placeholders for the museum's own survey drawings.

    .venv/bin/python demo/make_plans.py

Three plans, 1600x1000 PNG in assets/images/: the memorial grounds (the cross-shaped
layout the fact sheet describes: the Arch of Sorrow at one end, the museum at the other,
the sunken Wall of Memory corridor between them; the stones of the nations in a
semicircle by the entrance; the sculptures, the wagon on its rails, the barrack with its
watchtower), and the museum's two floors. Drawn in dark lines and hatching on a pale
ground, so they read in black and white; no words on the features (the kiosk's pins and
its list name them), a north arrow, and a corner note, in the three languages, that the
plan is a placeholder. The same script gives the same bytes.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "images"
W, H = 1600, 1000
GROUND = (236, 231, 219)
INK = (48, 44, 40)
SOFT = (120, 112, 100)
PATH = (214, 204, 184)
GRASS = (222, 226, 206)
NOTE = "Орнына уақытша жоспар · Временный план · Placeholder plan"


def font(size: int):
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (W, H), GROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, W - 21, H - 21), outline=INK, width=4)
    return image, draw


def at(x: float, y: float) -> tuple[float, float]:
    """A point given as fractions of the plan (as stops.yaml places them)."""
    return x * W, y * H


def hatch(draw, box, step: int = 14, colour=SOFT) -> None:
    """Diagonal hatching inside ``box`` (a building's walls read without colour)."""
    x0, y0, x1, y1 = box
    for offset in range(int(x0 - (y1 - y0)), int(x1), step):
        start = (max(x0, offset), y0 + max(0, x0 - offset))
        end = (min(x1, offset + (y1 - y0)), y0 + min(y1 - y0, x1 - offset))
        if end[0] > start[0]:
            draw.line((start, end), fill=colour, width=2)


def north_arrow(draw, x: float, y: float) -> None:
    draw.polygon([(x, y - 46), (x - 16, y + 10), (x, y - 4), (x + 16, y + 10)], fill=INK)
    draw.text((x, y + 30), "N", fill=INK, font=font(30), anchor="mm")


def corner_note(draw) -> None:
    draw.rectangle((40, H - 86, 920, H - 40), fill=GROUND, outline=INK, width=2)
    draw.text((60, H - 63), NOTE, fill=INK, font=font(26), anchor="lm")


def grounds() -> Image.Image:
    image, draw = canvas()
    draw.rectangle((60, 60, W - 60, H - 110), fill=GRASS)
    # the cross: the axis from the arch to the museum, and its cross arm
    axis_y = 0.5 * H
    draw.rectangle((0.06 * W, axis_y - 34, 0.70 * W, axis_y + 34), fill=PATH, outline=SOFT)
    draw.rectangle((0.45 * W - 30, 0.16 * H, 0.45 * W + 30, 0.84 * H), fill=PATH, outline=SOFT)
    # the sunken corridor of the Wall of Memory: the wall as a long black band
    draw.rectangle((0.30 * W, axis_y - 58, 0.62 * W, axis_y - 40), fill=INK)
    # the stones of the nations: a semicircle of small blocks by the entrance
    cx, cy, r = 0.12 * W, axis_y, 95
    for n in range(14):
        angle = math.pi / 2 + math.pi * n / 13
        x, y = cx + r * math.cos(angle), cy - r * math.sin(angle)
        draw.rectangle((x - 9, y - 14, x + 9, y + 14), fill=SOFT, outline=INK, width=2)
    # the Arch of Sorrow across the axis
    ax = 0.25 * W
    draw.arc((ax - 70, axis_y - 110, ax + 70, axis_y + 110), 270, 90, fill=INK, width=14)
    draw.line((ax, axis_y - 110, ax, axis_y + 110), fill=INK, width=6)
    # the museum: a round kurgan with its entrance tunnel from the axis
    mx, my = 0.78 * W, axis_y
    draw.ellipse((mx - 150, my - 150, mx + 150, my + 150), fill=GROUND, outline=INK, width=6)
    hatch(draw, (mx - 105, my - 105, mx + 105, my + 105))
    draw.ellipse((mx - 150, my - 150, mx + 150, my + 150), outline=INK, width=6)
    draw.rectangle((0.66 * W, my - 22, mx - 140, my + 22), fill=INK)
    # sculptures and monuments: plinths
    for x, y in ((0.33, 0.32), (0.90, 0.18), (0.90, 0.80)):
        px, py = at(x, y)
        draw.rectangle((px - 26, py - 26, px + 26, py + 26), fill=SOFT, outline=INK, width=3)
        draw.ellipse((px - 11, py - 11, px + 11, py + 11), fill=INK)
    # the wagon on its rails, the barrack, a watchtower, barbed wire
    rail_y = 0.80 * H
    for dy in (-10, 10):
        draw.line((0.30 * W, rail_y + dy, 0.62 * W, rail_y + dy), fill=INK, width=3)
    for x in range(int(0.30 * W), int(0.62 * W), 22):
        draw.line((x, rail_y - 16, x, rail_y + 16), fill=SOFT, width=3)
    draw.rectangle((0.50 * W, rail_y - 30, 0.60 * W, rail_y + 30), fill=GROUND, outline=INK, width=5)
    barrack = (0.30 * W, 0.63 * H, 0.42 * W, 0.72 * H)
    draw.rectangle(barrack, fill=GROUND, outline=INK, width=5)
    hatch(draw, barrack, step=18)
    draw.rectangle(barrack, outline=INK, width=5)
    tx, ty = at(0.27, 0.84)
    draw.rectangle((tx - 16, ty - 16, tx + 16, ty + 16), outline=INK, width=4)
    draw.line((tx - 16, ty - 16, tx + 16, ty + 16), fill=INK, width=3)
    draw.line((tx - 16, ty + 16, tx + 16, ty - 16), fill=INK, width=3)
    for x in range(int(0.26 * W), int(0.64 * W), 16):
        draw.line((x, 0.88 * H, x + 8, 0.88 * H - 8), fill=SOFT, width=2)
    north_arrow(draw, W - 110, 130)
    corner_note(draw)
    return image


def floor(halls: list[tuple[float, float, float, float]], stairs: tuple[float, float]) -> Image.Image:
    """One floor of the round museum: its outer wall and its halls."""
    image, draw = canvas()
    cx, cy, r = W / 2, H / 2 - 20, 420
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GROUND, outline=INK, width=10)
    for x0, y0, x1, y1 in halls:
        box = (*at(x0, y0), *at(x1, y1))
        draw.rectangle(box, fill=(244, 240, 230), outline=INK, width=6)
    sx, sy = at(*stairs)
    for n in range(6):  # the stairs between the floors
        draw.rectangle((sx - 40, sy - 42 + 14 * n, sx + 40, sy - 30 + 14 * n), outline=INK, width=2)
    # the entrance tunnel from the grounds, on the west side
    draw.rectangle((cx - r - 120, cy - 24, cx - r + 10, cy + 24), fill=INK)
    north_arrow(draw, W - 110, 130)
    corner_note(draw)
    return image


def lower_floor() -> Image.Image:
    # hall "Alash" fills most of the lower floor
    return floor([(0.27, 0.16, 0.72, 0.78)], stairs=(0.68, 0.83))


def upper_floor() -> Image.Image:
    # hall "ALZHIR" and the small hall "We testify..."
    return floor([(0.27, 0.16, 0.60, 0.78), (0.62, 0.30, 0.74, 0.64)], stairs=(0.68, 0.83))


PLANS = {"plan-grounds.png": grounds, "plan-museum-lower.png": lower_floor,
         "plan-museum-upper.png": upper_floor}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in PLANS.items():
        path = OUT / name
        image = draw()
        from io import BytesIO

        data = BytesIO()
        image.save(data, format="PNG", optimize=True)
        if not path.exists() or path.read_bytes() != data.getvalue():
            path.write_bytes(data.getvalue())
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
