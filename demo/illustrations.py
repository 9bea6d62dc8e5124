"""Placeholder illustrations for the demo tour, drawn with Pillow and numpy.

No photographs are available offline, so every stop gets a quiet, simple drawing that
suggests its subject: dusk skies over the steppe, the reddish materials of the memorial,
silhouettes instead of detail. Each scene is a function `scene_<name>(c)` drawing on a
Canvas; `render(scene, seed)` returns the finished 1600x1000 RGB image with a discreet
"Illustration · placeholder" label in the bottom-right corner.

Everything is deterministic (seeded), so re-running make_media.py gives identical files.
"""

from __future__ import annotations

import math
import random
import zlib

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

W, H = 1600, 1000  # design units == output pixels
SS = 2  # drawn at twice the size, then scaled down: smooth edges
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LABEL = "Illustration · placeholder"

# A muted memorial palette: dusk greys and blue-greys, the rust and ochre of the
# memorial's reddish materials, soft off-white. Nothing bright.
C = {
    "night": (30, 34, 44),
    "dusk": (52, 58, 72),
    "slate": (84, 90, 104),
    "mist": (132, 134, 140),
    "haze": (176, 164, 150),
    "glow": (214, 176, 128),
    "ochre": (172, 130, 84),
    "sand": (188, 166, 132),
    "rust": (140, 78, 56),
    "rust_dark": (88, 50, 40),
    "bronze": (104, 74, 56),
    "earth": (56, 50, 46),
    "steppe": (98, 90, 72),
    "grass": (122, 112, 86),
    "ink": (22, 24, 28),
    "bone": (230, 224, 212),
    "linen": (214, 204, 186),
    "stone": (126, 122, 116),
    "stone_dark": (78, 76, 76),
    "flower": (150, 58, 54),
    "flower_dark": (104, 40, 40),
}


def mix(a, b, t):
    return tuple(a[i] + (b[i] - a[i]) * t for i in range(3))


# ---------------------------------------------------------------- geometry helpers


def bezier(p0, p1, p2, p3, n=24):
    pts = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        pts.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return pts


class Path:
    """A polygon built from straight and cubic segments."""

    def __init__(self, start):
        self.pts = [tuple(start)]

    def line(self, p):
        self.pts.append(tuple(p))
        return self

    def curve(self, c1, c2, p, n=24):
        self.pts.extend(bezier(self.pts[-1], c1, c2, p, n)[1:])
        return self


def ellipse_pts(cx, cy, rx, ry, angle=0.0, n=64):
    ca, sa = math.cos(angle), math.sin(angle)
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def transform(pts, scale=1.0, angle=0.0, dx=0.0, dy=0.0, flip=False):
    ca, sa = math.cos(angle), math.sin(angle)
    out = []
    for x, y in pts:
        if flip:
            x = -x
        x, y = x * scale, y * scale
        out.append((dx + x * ca - y * sa, dy + x * sa + y * ca))
    return out


def catenary(p0, p1, sag, n=40):
    """Points of a hanging curve from p0 to p1 that sags by `sag` in the middle."""
    pts = []
    for i in range(n + 1):
        t = i / n
        x = p0[0] + (p1[0] - p0[0]) * t
        y = p0[1] + (p1[1] - p0[1]) * t + sag * 4 * t * (1 - t)
        pts.append((x, y))
    return pts


# ------------------------------------------------------------------------ canvas


class Pen:
    """ImageDraw in design units (scaled by SS)."""

    def __init__(self, draw):
        self.d = draw

    @staticmethod
    def _s(pts):
        return [(x * SS, y * SS) for x, y in pts]

    def poly(self, pts, fill=255):
        self.d.polygon(self._s(pts), fill=fill)

    def ellipse(self, cx, cy, rx, ry, fill=255):
        self.d.ellipse([(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS], fill=fill)

    def rect(self, x0, y0, x1, y1, fill=255):
        self.d.rectangle([x0 * SS, y0 * SS, x1 * SS, y1 * SS], fill=fill)

    def line(self, pts, width, fill=255, round_caps=True):
        sp = self._s(pts)
        w = max(1, int(round(width * SS)))
        self.d.line(sp, fill=fill, width=w, joint="curve")
        if round_caps and width * SS >= 3:
            r = w / 2
            for x, y in (sp[0], sp[-1]):
                self.d.ellipse([x - r, y - r, x + r, y + r], fill=fill)

    def ring(self, cx, cy, rx, ry, width, fill=255):
        self.d.ellipse(
            [(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS],
            outline=fill,
            width=max(1, int(round(width * SS))),
        )


def gradient(stops, vertical):
    """A fill: a gradient through (place, colour) stops, the place a y (vertical) or an x,
    in design units."""
    places = np.array([s[0] for s in stops], np.float32)
    cols = np.array([s[1] for s in stops], np.float32)

    def fill(x0, y0, x1, y1):
        start, end = (y0, y1) if vertical else (x0, x1)
        at = (np.arange(start, end, dtype=np.float32) + 0.5) / SS
        out = np.stack([np.interp(at, places, cols[:, k]) for k in range(3)], axis=-1)
        return out[:, None, :] if vertical else out[None, :, :]

    return fill


def vgrad(stops):
    return gradient(stops, vertical=True)


def hgrad(stops):
    return gradient(stops, vertical=False)


def radial(cx, cy, r, inner, outer, ry=None):
    ry = ry or r

    def fill(x0, y0, x1, y1):
        x = (np.arange(x0, x1, dtype=np.float32) + 0.5) / SS
        y = (np.arange(y0, y1, dtype=np.float32) + 0.5) / SS
        d = np.sqrt(((x[None, :] - cx) / r) ** 2 + ((y[:, None] - cy) / ry) ** 2)
        t = np.clip(d, 0, 1)[..., None]
        t = t * t * (3 - 2 * t)
        return np.array(inner, np.float32) * (1 - t) + np.array(outer, np.float32) * t

    return fill


class Canvas:
    def __init__(self, seed):
        self.w, self.h = W * SS, H * SS
        self.a = np.zeros((self.h, self.w, 3), np.float32)
        self.rng = random.Random(seed)

    def paint(self, draw, fill, alpha=1.0, blur=0.0, mode="normal", clip=None):
        """Draw a mask with `draw(pen)`, then composite `fill` through it.

        `clip`, another draw function, limits the paint to its shape."""
        mask = Image.new("L", (self.w, self.h), 0)
        draw(Pen(ImageDraw.Draw(mask)))
        bbox = mask.getbbox()
        if not bbox:
            return
        x0, y0, x1, y1 = bbox
        if blur:
            m = int(blur * SS * 3) + 2
            x0, y0 = max(0, x0 - m), max(0, y0 - m)
            x1, y1 = min(self.w, x1 + m), min(self.h, y1 + m)
            sub = mask.crop((x0, y0, x1, y1)).filter(ImageFilter.GaussianBlur(blur * SS))
        else:
            sub = mask.crop((x0, y0, x1, y1))
        if clip is not None:
            cm = Image.new("L", (self.w, self.h), 0)
            clip(Pen(ImageDraw.Draw(cm)))
            sub = ImageChops.multiply(sub, cm.crop((x0, y0, x1, y1)))
        m = np.asarray(sub, np.float32)[..., None] * (alpha / 255.0)
        col = fill(x0, y0, x1, y1) if callable(fill) else np.array(fill, np.float32)
        reg = self.a[y0:y1, x0:x1]
        if mode == "normal":
            reg[:] = reg * (1 - m) + col * m
        elif mode == "screen":
            reg[:] = 255 - (255 - reg) * (255 - col * m) / 255
        elif mode == "multiply":
            reg[:] = reg * (1 - m) + reg * (col / 255.0) * m
        elif mode == "add":
            reg[:] = reg + col * m

    def fill(self, fill):
        self.paint(lambda p: p.rect(0, 0, W, H), fill)

    def blur(self, radius):
        img = Image.fromarray(np.clip(self.a, 0, 255).astype(np.uint8))
        img = img.filter(ImageFilter.GaussianBlur(radius * SS))
        self.a = np.asarray(img, np.float32).copy()

    def finish(self, seed, vignette=0.32, grain=2.4):
        img = Image.fromarray(np.clip(self.a, 0, 255).astype(np.uint8))
        img = img.resize((W, H), Image.LANCZOS)
        a = np.asarray(img, np.float32)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        r2 = ((xx - W / 2) / (W * 0.62)) ** 2 + ((yy - H * 0.48) / (H * 0.70)) ** 2
        a = a * (1 - vignette * np.clip(r2, 0, 1.6)[..., None] ** 1.5 * 0.75)
        noise = np.random.default_rng(seed).normal(0, grain, (H, W, 1)).astype(np.float32)
        a = a + noise
        img = Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8))
        _label(img)
        return img


def _label(img):
    """The small, discreet 'Illustration · placeholder' note in the bottom-right corner."""
    font = ImageFont.truetype(FONT, 17)
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    x1, y1 = W - 26, H - 22
    l, t, r, b = d.textbbox((0, 0), LABEL, font=font)
    x, y = x1 - (r - l), y1 - (b - t) - t
    d.text((x + 1, y + 1), LABEL, font=font, fill=(0, 0, 0, 90))
    d.text((x, y), LABEL, font=font, fill=(236, 230, 218, 150))
    img.paste(Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB"))


# ------------------------------------------------------------ landscape elements


def sky(c, horizon, top=None, mid=None, low=None, glow_x=800, glow=0.55, clouds=5):
    top = top or C["night"]
    mid = mid or C["slate"]
    low = low or C["haze"]
    c.paint(
        lambda p: p.rect(0, 0, W, horizon + 2),
        vgrad([(0, top), (horizon * 0.55, mid), (horizon, low)]),
    )
    if glow:
        c.paint(
            lambda p: p.ellipse(glow_x, horizon, 520, 190),
            radial(glow_x, horizon, 520, C["glow"], C["haze"], ry=190),
            alpha=glow,
            blur=40,
        )
    rng = c.rng
    for _ in range(clouds):
        cy = rng.uniform(horizon * 0.18, horizon * 0.78)
        cx = rng.uniform(0, W)
        rx = rng.uniform(220, 520)
        ry = rng.uniform(6, 16)
        col = mix(C["mist"], C["glow"], rng.uniform(0, 0.4)) if rng.random() < 0.6 else C["dusk"]
        c.paint(lambda p: p.ellipse(cx, cy, rx, ry), col, alpha=rng.uniform(0.10, 0.22), blur=12)


def ground(c, horizon, near=None, far=None, tufts=140, tuft_color=None, band=True):
    far = far or mix(C["steppe"], C["haze"], 0.35)
    near = near or C["earth"]
    c.paint(
        lambda p: p.rect(0, horizon, W, H),
        vgrad([(horizon, far), (horizon + (H - horizon) * 0.35, C["steppe"]), (H, near)]),
    )
    rng = c.rng
    if band:
        # faint far ridge lines on the horizon
        for k in range(3):
            y = horizon + 4 + k * 9
            pts = [(x, y + 3 * math.sin(x / (90 + 40 * k) + k)) for x in range(-20, W + 40, 40)]
            c.paint(lambda p: p.line(pts, 2.2), mix(far, C["dusk"], 0.3), alpha=0.25, blur=1.5)
    if tufts:
        col = tuft_color or mix(C["grass"], C["earth"], 0.4)

        def draw(p):
            for _ in range(tufts):
                x = rng.uniform(-20, W + 20)
                y = rng.uniform(horizon + (H - horizon) * 0.45, H + 10)
                s = (y - horizon) / (H - horizon)
                for _ in range(rng.randint(3, 6)):
                    h = rng.uniform(14, 40) * s
                    a = rng.uniform(-0.5, 0.5)
                    tip = (x + math.sin(a) * h, y - math.cos(a) * h)
                    mid = (x + math.sin(a) * h * 0.4, y - math.cos(a) * h * 0.6)
                    p.line([(x, y), mid, tip], max(1.0, 1.6 * s), round_caps=False)

        c.paint(draw, col, alpha=0.55)


def soft_shadow(c, cx, cy, rx, ry, alpha=0.45, blur=10):
    c.paint(lambda p: p.ellipse(cx, cy, rx, ry), C["ink"], alpha=alpha, blur=blur)


def rim_shape(c, pts, fill, rim=None, dx=-3.0, dy=2.0, rim_alpha=0.9):
    """A silhouette with a thin lit edge: the rim colour shows where the body is offset."""
    if rim:
        c.paint(lambda p: p.poly(pts), rim, alpha=rim_alpha)
    shifted = [(x + dx, y + dy) for x, y in pts]
    c.paint(lambda p: p.poly(shifted if rim else pts), fill)


def leaning(pts, base, lean):
    """``pts`` slanted sideways by ``lean`` for each unit of height above ``base``."""
    if not lean:
        return pts
    return [(px + lean * (base - py), py) for px, py in pts]


def figure_pts(x, base, h, bow=0.0, side=1, lean=0.0, width=1.0):
    """A standing figure in a long robe and headscarf, as one smooth silhouette."""
    hw = 0.19 * h * width
    sw = 0.115 * h * width
    ys = base - h * 0.80
    hx = x + side * bow * 0.09 * h
    hy = base - h * 0.905 + bow * 0.06 * h
    hr = 0.078 * h
    pr = Path((x - hw, base))
    pr.curve((x - hw * 0.98, base - h * 0.35), (x - sw * 1.15, ys + h * 0.18), (x - sw, ys + h * 0.03))
    # shoulder into headscarf
    pr.curve((x - sw * 0.9, ys - h * 0.02), (hx - hr * 1.25, hy + hr * 0.9), (hx - hr * 1.05, hy + hr * 0.1))
    pr.curve((hx - hr * 1.0, hy - hr * 1.3), (hx + hr * 1.0, hy - hr * 1.3), (hx + hr * 1.05, hy + hr * 0.1))
    pr.curve((hx + hr * 1.25, hy + hr * 0.9), (x + sw * 0.9, ys - h * 0.02), (x + sw, ys + h * 0.03))
    pr.curve((x + sw * 1.15, ys + h * 0.18), (x + hw * 0.98, base - h * 0.35), (x + hw, base))
    return leaning(pr.pts, base, lean)


def child_pts(x, base, h, side=1, lean=0.0):
    """A small child: rounder head, shorter robe."""
    hr = 0.12 * h
    hx, hy = x + side * 0.02 * h, base - h + hr
    sw = 0.16 * h
    hw = 0.22 * h
    ys = base - h * 0.70
    pr = Path((x - hw, base))
    pr.curve((x - hw, base - h * 0.3), (x - sw * 1.1, ys + h * 0.12), (x - sw, ys + h * 0.02))
    pr.curve((x - sw * 0.8, ys - h * 0.04), (hx - hr * 1.1, hy + hr * 1.2), (hx - hr, hy + hr * 0.3))
    pr.curve((hx - hr * 1.1, hy - hr * 1.4), (hx + hr * 1.1, hy - hr * 1.4), (hx + hr, hy + hr * 0.3))
    pr.curve((hx + hr * 1.1, hy + hr * 1.2), (x + sw * 0.8, ys - h * 0.04), (x + sw, ys + h * 0.02))
    pr.curve((x + sw * 1.1, ys + h * 0.12), (x + hw, base - h * 0.3), (x + hw, base))
    return leaning(pr.pts, base, lean)


def dove_parts(wing=1.0):
    """A dove in flight, body along +x, about 1 unit long. Returns (far wing, body, near wing)."""
    body = Path((0.62, -0.07))
    body.curve((0.55, -0.2), (0.38, -0.2), (0.28, -0.12))
    body.curve((0.1, -0.1), (-0.2, -0.1), (-0.42, -0.05))
    body.line((-0.86, -0.16)).line((-0.9, 0.04)).line((-0.84, 0.14))
    body.line((-0.42, 0.06))
    body.curve((-0.1, 0.16), (0.2, 0.14), (0.36, 0.06))
    body.curve((0.46, 0.02), (0.56, 0.02), (0.74, -0.03))
    body.line((0.62, -0.07))
    tip = (-0.25 - 0.1 * wing, -0.25 - 0.75 * wing)
    near = Path((0.22, -0.1))
    near.curve((0.1, -0.5 * wing), (0.0, -0.8 * wing), tip)
    near.curve((-0.2, -0.55 * wing), (-0.25, -0.25 * wing), (-0.3, -0.06))
    far_tip = (-0.05 - 0.1 * wing, -0.2 - 0.55 * wing)
    far = Path((0.26, -0.11))
    far.curve((0.2, -0.4 * wing), (0.14, -0.6 * wing), far_tip)
    far.curve((0.0, -0.4 * wing), (-0.05, -0.2 * wing), (-0.1, -0.08))
    return far.pts, body.pts, near.pts


def dove(c, x, y, s, angle=0.0, wing=1.0, flip=False, col=None, shade=None, alpha=1.0):
    col = col or C["bone"]
    shade = shade or mix(col, C["mist"], 0.45)
    far, body, near = dove_parts(wing)
    kw = dict(scale=s, angle=angle, dx=x, dy=y, flip=flip)
    c.paint(lambda p: p.poly(transform(far, **kw)), shade, alpha=alpha)
    c.paint(lambda p: p.poly(transform(body, **kw)), col, alpha=alpha)
    c.paint(lambda p: p.poly(transform(near, **kw)), mix(col, C["bone"], 0.5), alpha=alpha)


def stone_slab_pts(x, base, w, h, round_top=0.25, tilt=0.0):
    r = w * round_top
    pr = Path((x - w / 2, base))
    pr.line((x - w / 2 + tilt, base - h + r))
    pr.curve((x - w / 2 + tilt, base - h + r * 0.3), (x - w / 2 + tilt + r * 0.3, base - h), (x - w / 2 + tilt + r, base - h))
    pr.line((x + w / 2 + tilt - r, base - h))
    pr.curve((x + w / 2 + tilt - r * 0.3, base - h), (x + w / 2 + tilt, base - h + r * 0.3), (x + w / 2 + tilt, base - h + r))
    pr.line((x + w / 2, base))
    return pr.pts


def flower_head(c, x, y, r, col, dark, angle=0.0, petals=9, alpha=1.0):
    """A muted carnation-like bloom seen from the side."""
    def draw(p):
        for k in range(petals):
            a = angle - 1.1 + 2.2 * k / (petals - 1)
            px, py = x + math.sin(a) * r * 0.55, y - math.cos(a) * r * 0.55
            p.poly(ellipse_pts(px, py, r * 0.55, r * 0.32, a + math.pi / 2, 20))

    c.paint(draw, col, alpha=alpha)
    c.paint(lambda p: p.ellipse(x, y + r * 0.15, r * 0.45, r * 0.3), dark, alpha=0.6 * alpha, blur=r * 0.15)
    c.paint(lambda p: p.poly([(x - r * 0.25, y + r * 0.2), (x + r * 0.25, y + r * 0.2), (x, y + r * 0.75)]),
            mix(C["grass"], C["earth"], 0.3), alpha=alpha)


def barbed_wire(c, p0, p1, sag, col, width=1.6, barb_every=46, alpha=0.9):
    pts = catenary(p0, p1, sag, 60)
    rng = c.rng

    def draw(p):
        p.line(pts, width, round_caps=False)
        # second strand twisted around the first
        tw = [(x, y + 1.6 * math.sin(i * 1.3)) for i, (x, y) in enumerate(pts)]
        p.line(tw, width * 0.7, round_caps=False)
        dist = 0.0
        for i in range(1, len(pts)):
            (xa, ya), (xb, yb) = pts[i - 1], pts[i]
            seg = math.hypot(xb - xa, yb - ya)
            dist += seg
            if dist >= barb_every:
                dist = 0.0
                s = 7 + rng.uniform(-1, 1)
                p.line([(xb - s, yb - s * 0.8), (xb + s, yb + s * 0.8)], width * 0.9, round_caps=False)
                p.line([(xb - s * 0.7, yb + s), (xb + s * 0.7, yb - s)], width * 0.9, round_caps=False)

    c.paint(draw, col, alpha=alpha)


# -------------------------------------------------------------------------- scenes


def scene_stones_semicircle(c):
    hz = 560
    sky(c, hz, glow_x=1050, glow=0.6)
    ground(c, hz, tufts=160)
    cx, cy, rx, ry = 800, 690, 560, 110
    # a paved, paler half-ring where the stones stand
    c.paint(lambda p: p.ellipse(cx, cy, rx + 90, ry + 40), mix(C["sand"], C["steppe"], 0.55), alpha=0.45, blur=18)
    c.paint(lambda p: p.ellipse(cx, cy + 12, rx - 90, ry - 20), mix(C["steppe"], C["earth"], 0.2), alpha=0.5, blur=18)
    n = 14
    rng = c.rng
    stones = []
    for i in range(n):
        th = math.pi + math.pi * (i + 0.5) / n
        x = cx + rx * math.cos(th)
        y = cy + ry * math.sin(th) + 40
        depth = (y - (cy - ry)) / (2 * ry)
        s = 0.62 + 0.55 * depth
        stones.append((y, x, s, rng.uniform(0.75, 1.2), rng.random()))
    for y, x, s, hv, tone in sorted(stones):
        w, h = 52 * s, 150 * s * hv
        soft_shadow(c, x + 26 * s, y + 3, 46 * s, 9 * s, alpha=0.42, blur=6)
        base_col = mix(C["stone"], C["rust"], 0.55) if tone < 0.4 else mix(C["stone"], C["stone_dark"], tone * 0.6)
        pts = stone_slab_pts(x, y, w, h, round_top=rng.choice([0.12, 0.3, 0.5]))
        rim_shape(c, pts, vgrad([(y - h, mix(base_col, C["haze"], 0.25)), (y, mix(base_col, C["ink"], 0.35))]),
                  rim=mix(C["glow"], C["bone"], 0.3), dx=-2.2 * s, dy=1.0)
        # a small plaque on each stone
        c.paint(lambda p: p.rect(x - w * 0.28, y - h * 0.62, x + w * 0.22, y - h * 0.42), C["ink"], alpha=0.25)


def scene_stone_flowers(c):
    hz = 600
    sky(c, hz, glow_x=500, glow=0.7, clouds=4)
    ground(c, hz, tufts=0)
    # a few distant stones, out of focus
    for x, h in [(180, 110), (300, 80), (1320, 95), (1450, 120)]:
        c.paint(lambda p: p.poly(stone_slab_pts(x, hz + 40, 40, h, 0.3)), mix(C["stone_dark"], C["haze"], 0.3), alpha=0.8)
    c.blur(6)
    ground_fg = vgrad([(hz, mix(C["steppe"], C["earth"], 0.3)), (H, C["earth"])])
    c.paint(lambda p: p.rect(0, 820, W, H), ground_fg, alpha=0.6, blur=30)
    x, base, w, h = 760, 860, 400, 640
    soft_shadow(c, x + 150, base + 8, 320, 30, alpha=0.5, blur=16)
    body = mix(C["stone"], C["rust"], 0.5)
    pts = stone_slab_pts(x, base, w, h, round_top=0.28)
    rim_shape(c, pts, vgrad([(base - h, mix(body, C["haze"], 0.2)), (base, mix(body, C["ink"], 0.45))]),
              rim=mix(C["glow"], C["bone"], 0.35), dx=4, dy=2)
    # polished plaque, blank
    c.paint(lambda p: p.rect(x - 120, base - h + 170, x + 120, base - h + 340), mix(C["ink"], C["rust_dark"], 0.3), alpha=0.75)
    c.paint(lambda p: p.rect(x - 112, base - h + 178, x + 112, base - h + 200), C["haze"], alpha=0.12, blur=4)
    # stone texture
    rng = c.rng
    for _ in range(40):
        px, py = rng.uniform(x - w / 2 + 20, x + w / 2 - 20), rng.uniform(base - h + 40, base - 20)
        c.paint(lambda p: p.ellipse(px, py, rng.uniform(4, 16), rng.uniform(2, 6)), C["ink"], alpha=0.08, blur=2)
    # flowers laid at the foot: stems, then blooms
    stems = []
    for k in range(7):
        sx = 600 + k * 28 + rng.uniform(-8, 8)
        stems.append(((sx, base + 40 + rng.uniform(-6, 10)), (sx + 150 + rng.uniform(-30, 30), base - 6 + rng.uniform(-8, 8))))
    c.paint(lambda p: [p.line([a, b], 4.2) for a, b in stems], mix(C["grass"], C["earth"], 0.45))
    for a, b in stems:
        leaf = ellipse_pts((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 6, 22, 5, 0.35, 20)
        c.paint(lambda p: p.poly(leaf), mix(C["grass"], C["earth"], 0.5))
    for k, (a, b) in enumerate(stems):
        col = C["flower"] if k % 3 else mix(C["bone"], C["linen"], 0.5)
        dark = C["flower_dark"] if k % 3 else C["mist"]
        flower_head(c, b[0] + 10, b[1] - 4, 24, col, dark, angle=1.2 + rng.uniform(-0.2, 0.2))


def arch_pts(cx, base, half_w, top, inner_half_w, inner_top):
    pr = Path((cx - half_w, base))
    pr.curve((cx - half_w, base - (base - top) * 0.55), (cx - half_w * 0.42, top + 40), (cx, top))
    pr.curve((cx + half_w * 0.42, top + 40), (cx + half_w, base - (base - top) * 0.55), (cx + half_w, base))
    pr.line((cx + inner_half_w, base))
    pr.curve((cx + inner_half_w, base - (base - inner_top) * 0.55), (cx + inner_half_w * 0.4, inner_top + 30), (cx, inner_top))
    pr.curve((cx - inner_half_w * 0.4, inner_top + 30), (cx - inner_half_w, base - (base - inner_top) * 0.55), (cx - inner_half_w, base))
    return pr.pts


def scene_arch_dusk(c):
    hz = 700
    sky(c, hz, glow_x=800, glow=0.85, clouds=6)
    ground(c, hz, tufts=120)
    # path towards the arch
    c.paint(lambda p: p.poly([(740, hz + 30), (860, hz + 30), (1120, H), (480, H)]),
            vgrad([(hz, mix(C["sand"], C["haze"], 0.4)), (H, mix(C["sand"], C["earth"], 0.55))]), alpha=0.8)
    for k in range(1, 9):
        t = (k / 9) ** 1.8
        y = hz + 30 + (H - hz - 30) * t
        xl = 740 + (480 - 740) * t
        xr = 860 + (1120 - 860) * t
        c.paint(lambda p: p.line([(xl, y), (xr, y)], 1 + 2 * t), C["earth"], alpha=0.25)
    cx, base = 800, hz + 34
    soft_shadow(c, cx, base + 4, 300, 14, alpha=0.5, blur=8)
    pts = arch_pts(cx, base, 250, 150, 118, 330)
    body = vgrad([(150, mix(C["rust_dark"], C["ink"], 0.2)), (base, mix(C["rust"], C["rust_dark"], 0.3))])
    rim_shape(c, pts, body, rim=mix(C["glow"], C["rust"], 0.3), dx=-3, dy=3)
    # vertical seams in the reddish cladding
    for k in range(-6, 7):
        x = cx + k * 36
        c.paint(lambda p: p.line([(x, 140), (x + k * 3, base)], 1.4), C["ink"], alpha=0.16, clip=lambda p: p.poly(pts))
    # light through the opening on the ground
    c.paint(lambda p: p.poly([(720, base), (880, base), (950, base + 80), (650, base + 80)]), C["glow"], alpha=0.18, blur=12)


def scene_arch_passage(c):
    hz = 640
    sky(c, hz, top=C["dusk"], mid=C["mist"], glow_x=800, glow=0.9, clouds=3)
    ground(c, hz, tufts=60)
    c.paint(lambda p: p.poly([(770, hz + 10), (830, hz + 10), (1060, H), (540, H)]),
            vgrad([(hz, mix(C["sand"], C["haze"], 0.5)), (H, mix(C["sand"], C["earth"], 0.5))]), alpha=0.75)
    # a small figure walking away, head bowed
    fx, fb = 812, 742
    soft_shadow(c, fx + 14, fb + 2, 30, 5, alpha=0.35, blur=4)
    c.paint(lambda p: p.poly(figure_pts(fx, fb, 112, bow=0.7, side=1, lean=0.06)), mix(C["dusk"], C["ink"], 0.35))
    c.paint(lambda p: p.poly(figure_pts(fx, fb, 112, bow=0.7, side=1, lean=0.06)), C["glow"], alpha=0.12,
            clip=lambda p: p.rect(fx - 80, fb - 130, fx - 8, fb))
    # the arch, very close: its inner edges frame the view
    body = vgrad([(0, mix(C["rust_dark"], C["ink"], 0.35)), (H, mix(C["rust"], C["rust_dark"], 0.2))])
    pts = Path((-40, H + 20)).line((-40, -40)).line((W + 40, -40)).line((W + 40, H + 20)).line((1180, H + 20))
    pts.curve((1180, 520), (1060, 170), (800, 90)).curve((540, 170), (420, 520), (420, H + 20))
    c.paint(lambda p: p.poly(pts.pts), body)
    inner = Path((1180, H + 20)).curve((1180, 520), (1060, 170), (800, 90)).curve((540, 170), (420, 520), (420, H + 20))
    c.paint(lambda p: p.line(inner.pts, 10, round_caps=False), mix(C["glow"], C["rust"], 0.4), alpha=0.55, blur=4)
    for k in range(6):
        x = 60 + k * 60
        c.paint(lambda p: p.line([(x, 0), (x + 20, H)], 1.5), C["ink"], alpha=0.18)
        c.paint(lambda p: p.line([(W - x, 0), (W - x - 20, H)], 1.5), C["ink"], alpha=0.18)


def scene_two_sculptures(c):
    hz = 640
    sky(c, hz, glow_x=1150, glow=0.7, clouds=5)
    ground(c, hz, tufts=110)
    for px, w in [(500, 330), (1100, 330)]:
        soft_shadow(c, px + 30, 835, w * 0.62, 16, alpha=0.45, blur=8)
        c.paint(lambda p: p.rect(px - w / 2, 790, px + w / 2, 832),
                vgrad([(790, mix(C["stone"], C["haze"], 0.2)), (832, C["stone_dark"])]))
        c.paint(lambda p: p.rect(px - w / 2, 790, px + w / 2, 795), C["bone"], alpha=0.25)
    dark = vgrad([(300, mix(C["bronze"], C["ink"], 0.35)), (790, mix(C["bronze"], C["ink"], 0.6))])
    rim = mix(C["glow"], C["bronze"], 0.3)
    # "Despair and Debility": figures bowed low, leaning on each other
    rim_shape(c, figure_pts(440, 792, 300, bow=1.0, side=1, lean=0.08, width=1.15), dark, rim=rim, dx=-3, dy=2)
    rim_shape(c, figure_pts(560, 792, 240, bow=1.2, side=-1, lean=-0.1, width=1.2), dark, rim=rim, dx=-3, dy=2)
    # "Struggle and Hope": upright, one arm raised towards the light
    arm = [(1075, 545), (1130, 470), (1170, 380)]
    c.paint(lambda p: p.line([(x + 3, y - 2) for x, y in arm], 26), rim)
    c.paint(lambda p: p.line(arm, 24), mix(C["bronze"], C["ink"], 0.35))
    rim_shape(c, figure_pts(1060, 792, 340, bow=-0.2, side=1), dark, rim=rim, dx=-3, dy=2)
    rim_shape(c, child_pts(1165, 792, 150, side=-1), dark, rim=rim, dx=-3, dy=2)
    c.paint(lambda p: p.line([(1125, 700), (1148, 690)], 18), mix(C["bronze"], C["ink"], 0.4))


def scene_kurgan_building(c):
    hz = 610
    sky(c, hz, glow_x=420, glow=0.7, clouds=6)
    ground(c, hz, tufts=140)
    cx, base, rx, h = 800, 700, 600, 300

    def profile(k, shrink=0.0):
        pts = []
        for i in range(0, 121):
            t = -1 + 2 * i / 120
            y = base - (h - shrink) * (1 - abs(t) ** 2.1) ** 0.75
            pts.append((cx + (rx - shrink * 1.6) * t, y))
        return pts

    soft_shadow(c, cx + 60, base + 6, rx + 40, 26, alpha=0.5, blur=14)
    mound = profile(0) + [(cx + rx, base + 2), (cx - rx, base + 2)]
    c.paint(lambda p: p.poly(mound), hgrad([(cx - rx, mix(C["ochre"], C["rust"], 0.35)), (cx + rx, mix(C["rust_dark"], C["ink"], 0.25))]))
    c.paint(lambda p: p.poly(mound), vgrad([(base - h, C["glow"]), (base, C["ink"])]), alpha=0.25)
    # terraces
    for k in range(1, 7):
        c.paint(lambda p: p.line(profile(0, shrink=k * 40), 2.2, round_caps=False), C["rust_dark"], alpha=0.35)
    c.paint(lambda p: p.line(profile(0), 4, round_caps=False), C["glow"], alpha=0.4, blur=2)
    # entrance portal and tunnel light
    c.paint(lambda p: p.poly([(730, base), (870, base), (850, base - 110), (750, base - 110)]), C["ink"])
    c.paint(lambda p: p.poly([(760, base), (840, base), (828, base - 90), (772, base - 90)]), C["glow"], alpha=0.35, blur=6)
    c.paint(lambda p: p.poly([(730, base), (870, base), (1010, H), (590, H)]),
            vgrad([(base, mix(C["sand"], C["haze"], 0.3)), (H, mix(C["sand"], C["earth"], 0.6))]), alpha=0.7)


def persp(vp, near, d):
    return (vp[0] + (near[0] - vp[0]) / d, vp[1] + (near[1] - vp[1]) / d)


def perspective(vp):
    """persp() towards the vanishing point ``vp``, called as P(x, y, depth)."""
    return lambda x, y, d: persp(vp, (x, y), d)


def scene_entrance_tunnel(c):
    vp = (800, 480)
    D = 7.0
    c.fill(C["dusk"])
    # near frame corners and far-end corners of the tunnel
    nl, nr, nt, nb = -120, 1720, -160, 1160

    P = perspective(vp)

    far = [P(nl, nt, D), P(nr, nt, D), P(nr, nb, D), P(nl, nb, D)]
    walls = {
        "ceil": ([(nl, nt), (nr, nt)], mix(C["ink"], C["dusk"], 0.4)),
        "floor": ([(nr, nb), (nl, nb)], mix(C["earth"], C["ink"], 0.3)),
        "left": ([(nl, nb), (nl, nt)], mix(C["rust_dark"], C["ink"], 0.45)),
        "right": ([(nr, nt), (nr, nb)], mix(C["rust_dark"], C["ink"], 0.5)),
    }
    for name, (edge, col) in walls.items():
        a, b = edge
        quad = [a, b, P(b[0], b[1], D), P(a[0], a[1], D)]
        c.paint(lambda p: p.poly(quad), radial(vp[0], vp[1], 1100, mix(col, C["glow"], 0.35), col, ry=800))
    # the light at the end
    c.paint(lambda p: p.poly(far), vgrad([(far[0][1], C["bone"]), (far[2][1], C["glow"])]))
    c.paint(lambda p: p.poly(far), C["glow"], alpha=0.55, blur=40)
    # floor sheen
    c.paint(lambda p: p.poly([P(620, nb, 1.2), P(980, nb, 1.2), P(900, nb, D), P(700, nb, D)]), C["glow"], alpha=0.12, blur=20)
    # panels with scenes on both walls
    rng = c.rng
    for side_x in (nl, nr):
        for d0 in (1.35, 2.0, 2.9, 4.2):
            d1 = d0 * 1.32
            y0, y1 = 120, 720

            def Q(u, v, side_x=side_x, d0=d0, d1=d1):
                d = d0 + (d1 - d0) * u
                return P(side_x, y0 + (y1 - y0) * v, d)

            quad = [Q(0, 0), Q(1, 0), Q(1, 1), Q(0, 1)]
            shade = 1 / d0
            c.paint(lambda p: p.poly(quad), mix(C["sand"], C["rust_dark"], 0.35 + 0.35 * (1 - shade)), alpha=0.9)
            c.paint(lambda p: p.line(quad + [quad[0]], 3 * shade + 1, round_caps=False), C["ink"], alpha=0.5)
            # a few figures drawn in the panel, as in a relief
            figs = []
            for k in range(rng.randint(3, 5)):
                u = 0.15 + 0.7 * (k + rng.uniform(-0.2, 0.2)) / 4
                hh = rng.uniform(0.45, 0.62)
                loc = figure_pts(u * 100, 90, hh * 100, bow=rng.uniform(0, 1), side=rng.choice([-1, 1]))
                figs.append([Q(x / 100, y / 100) for x, y in loc])
            c.paint(lambda p: [p.poly(f) for f in figs], mix(C["rust_dark"], C["ink"], 0.4), alpha=0.55)
    # ceiling lamps
    for d in (1.6, 2.4, 3.6, 5.2):
        x, y = P(800, nt, d)
        c.paint(lambda p: p.ellipse(x, y + 40 / d, 70 / d, 18 / d), C["glow"], alpha=0.6, blur=6 / d + 2)


def scene_hall_vitrines(c):
    vp = (760, 430)
    D = 8.0

    P = perspective(vp)

    c.fill(mix(C["ink"], C["dusk"], 0.4))
    nl, nr, nt, nb = -200, 1800, -250, 1150
    c.paint(lambda p: p.poly([(nl, nb), (nr, nb), P(nr, nb, D), P(nl, nb, D)]),
            vgrad([(vp[1], mix(C["dusk"], C["earth"], 0.5)), (H, mix(C["ink"], C["earth"], 0.3))]))
    far = [P(nl, nt, D), P(nr, nt, D), P(nr, nb, D), P(nl, nb, D)]
    c.paint(lambda p: p.poly(far), mix(C["slate"], C["dusk"], 0.5))
    # display cases along both walls: 6 + 6
    ds = [1.25, 1.65, 2.2, 2.95, 3.95, 5.3]
    for side, xw in ((-1, 100), (1, 1500)):
        for d in reversed(ds):
            d1 = d * 1.22
            x_in = xw - side * 260
            top, bot = 330, 830
            face = [P(x_in, top, d), P(x_in, top, d1), P(x_in, bot, d1), P(x_in, bot, d)]
            c.paint(lambda p: p.poly(face), vgrad([(P(0, top, d)[1], C["glow"]), (P(0, bot, d)[1], C["ochre"])]), alpha=0.55)
            c.paint(lambda p: p.poly(face), C["glow"], alpha=0.25, blur=18 / d)
            base = [P(x_in, 830, d), P(x_in, 830, d1), P(x_in, 1000, d1), P(x_in, 1000, d)]
            c.paint(lambda p: p.poly(base), mix(C["ink"], C["earth"], 0.3))
            # objects inside: small dark forms
            for u in (0.25, 0.55, 0.8):
                dd = d + (d1 - d) * u
                ox, oy = P(x_in, 800, dd)
                oh = 140 / dd
                c.paint(lambda p: p.rect(ox - 26 / dd, oy - oh, ox + 26 / dd, oy), C["rust_dark"], alpha=0.8)
            # reflection on the floor
            rx, ry = P(x_in, 1000, d)
            c.paint(lambda p: p.ellipse(rx - side * 40 / d, ry + 20 / d, 120 / d, 16 / d), C["glow"], alpha=0.15, blur=8)
    for d in (1.4, 2.1, 3.2, 4.8):
        x, y = P(800, nt, d)
        c.paint(lambda p: p.ellipse(x, y + 30, 30 / d + 4, 10 / d + 2), C["bone"], alpha=0.6, blur=3)


def scene_flower_stone(c):
    c.fill(radial(800, 330, 900, mix(C["slate"], C["haze"], 0.35), mix(C["ink"], C["dusk"], 0.4), ry=700))
    # floor
    c.paint(lambda p: p.rect(0, 760, W, H), vgrad([(760, mix(C["dusk"], C["earth"], 0.4)), (H, C["ink"])]))
    # spotlight cone
    c.paint(lambda p: p.poly([(740, -20), (860, -20), (1120, 820), (480, 820)]), C["haze"], alpha=0.12, blur=40)
    # the stone, split open
    rock_l = [(430, 830), (470, 650), (560, 590), (700, 575), (780, 600), (760, 700), (790, 830)]
    rock_r = [(815, 830), (835, 690), (820, 600), (900, 560), (1040, 590), (1150, 660), (1180, 830)]
    soft_shadow(c, 810, 840, 420, 26, alpha=0.6, blur=12)
    for rock, lit in ((rock_l, 0.3), (rock_r, 0.15)):
        rim_shape(c, rock, vgrad([(560, mix(C["stone"], C["haze"], lit)), (830, mix(C["stone_dark"], C["ink"], 0.4))]),
                  rim=mix(C["bone"], C["haze"], 0.4), dx=2, dy=4)
    c.paint(lambda p: p.poly([(780, 600), (820, 600), (835, 690), (815, 830), (790, 830), (760, 700)]), C["ink"], alpha=0.85)
    for a, b in [((560, 590), (600, 700)), ((1040, 590), (1000, 720)), ((700, 575), (680, 640))]:
        c.paint(lambda p: p.line([a, b], 2.2), C["ink"], alpha=0.5)
    # the metal flower: stem, leaves, petals
    metal = vgrad([(180, mix(C["ochre"], C["bone"], 0.3)), (700, C["bronze"])])
    stem = bezier((800, 700), (790, 540), (830, 440), (805, 300), 40)
    c.paint(lambda p: p.line(stem, 12), mix(C["bronze"], C["ink"], 0.3))
    c.paint(lambda p: p.line([(x - 3, y) for x, y in stem], 4), C["ochre"], alpha=0.6)
    for (x, y, rx, ry, a) in [(740, 500, 70, 18, -0.5), (872, 430, 78, 18, 0.45)]:
        c.paint(lambda p: p.poly(ellipse_pts(x, y, rx, ry, a, 40)), metal)
        c.paint(lambda p: p.line([(x - rx * 0.9 * math.cos(a), y - rx * 0.9 * math.sin(a)),
                                  (x + rx * 0.9 * math.cos(a), y + rx * 0.9 * math.sin(a))], 2), C["rust_dark"], alpha=0.6)
    cx, cy = 805, 255
    c.paint(lambda p: p.ellipse(cx, cy, 170, 150), C["glow"], alpha=0.22, blur=50)
    for k in range(8):
        a = -math.pi / 2 + (k - 3.5) * 0.36
        px, py = cx + math.cos(a) * 62, cy + math.sin(a) * 62 + 30
        pet = ellipse_pts(px, py, 74, 26, a, 40)
        c.paint(lambda p: p.poly(pet), metal)
        c.paint(lambda p: p.line([(cx, cy + 30), (px + math.cos(a) * 50, py + math.sin(a) * 50)], 1.6), C["rust_dark"], alpha=0.5)
    c.paint(lambda p: p.ellipse(cx, cy + 40, 46, 30), mix(C["rust"], C["bronze"], 0.4))
    c.paint(lambda p: p.ellipse(cx - 10, cy + 32, 18, 9), C["bone"], alpha=0.25, blur=4)


def scene_doves_net(c):
    c.fill(radial(820, 420, 950, mix(C["slate"], C["mist"], 0.3), mix(C["ink"], C["night"], 0.3), ry=760))
    # three doves pressed against the net
    dove(c, 560, 470, 210, angle=-0.35, wing=1.0, col=mix(C["bone"], C["linen"], 0.3))
    dove(c, 1040, 380, 170, angle=0.45, wing=0.75, flip=True, col=mix(C["bone"], C["mist"], 0.15))
    dove(c, 880, 700, 130, angle=-0.1, wing=0.5, col=mix(C["bone"], C["mist"], 0.3))
    # the net: sagging lines both ways, bulging where the birds push
    bulges = [(560, 430, 160), (1040, 350, 140), (880, 680, 110)]

    def bulge(x, y):
        dx = dy = 0.0
        for bx, by, r in bulges:
            dd = math.hypot(x - bx, y - by)
            if dd < r * 1.6:
                f = (1 - dd / (r * 1.6)) ** 2 * 18
                dx += (x - bx) / (dd + 1) * f
                dy += (y - by) / (dd + 1) * f
        return x + dx, y + dy

    def draw(p):
        for k in range(-2, 22):
            x0 = k * 80
            pts = [bulge(x0 + 40 * math.sin(y / 260) + y * 0.1, y) for y in range(-40, H + 60, 20)]
            p.line(pts, 2.0, round_caps=False)
        for k in range(-1, 15):
            y0 = k * 80
            pts = [bulge(x, y0 + 30 * math.sin(x / 300 + k) + x * 0.05) for x in range(-40, W + 60, 20)]
            p.line(pts, 2.0, round_caps=False)

    c.paint(draw, mix(C["linen"], C["mist"], 0.4), alpha=0.55)
    c.paint(lambda p: p.ellipse(800, 420, 420, 300), C["glow"], alpha=0.10, blur=80)


def scene_prison_cell(c):
    # back wall and floor
    c.paint(lambda p: p.rect(0, 0, W, 760), vgrad([(0, mix(C["ink"], C["dusk"], 0.5)), (760, mix(C["slate"], C["dusk"], 0.6))]))
    c.paint(lambda p: p.rect(0, 760, W, H), vgrad([(760, mix(C["earth"], C["dusk"], 0.4)), (H, C["ink"])]))
    c.paint(lambda p: p.line([(0, 760), (W, 760)], 3), C["ink"], alpha=0.6)
    # concrete texture
    rng = c.rng
    for _ in range(60):
        x, y = rng.uniform(0, W), rng.uniform(0, 740)
        c.paint(lambda p: p.ellipse(x, y, rng.uniform(20, 90), rng.uniform(8, 30)), C["ink"], alpha=0.06, blur=10)
    # small barred window, high up
    wx0, wy0, wx1, wy1 = 1050, 150, 1250, 300
    c.paint(lambda p: p.rect(wx0 - 14, wy0 - 14, wx1 + 14, wy1 + 14), C["ink"], alpha=0.6)
    c.paint(lambda p: p.rect(wx0, wy0, wx1, wy1), vgrad([(wy0, C["bone"]), (wy1, C["haze"])]))
    c.paint(lambda p: p.rect(wx0, wy0, wx1, wy1), C["glow"], alpha=0.5, blur=30)
    # light beam and its patch on the floor, with bar shadows
    beam = [(wx0, wy0), (wx1, wy0), (820, 980), (380, 900)]
    c.paint(lambda p: p.poly(beam), mix(C["haze"], C["glow"], 0.4), alpha=0.10, blur=26)
    patch = [(440, 800), (780, 830), (700, 960), (330, 920)]
    c.paint(lambda p: p.poly(patch), mix(C["haze"], C["glow"], 0.3), alpha=0.28, blur=14)
    for k in range(1, 5):
        t = k / 5
        bx = wx0 + (wx1 - wx0) * t
        c.paint(lambda p: p.line([(bx, wy0), (bx, wy1)], 9, round_caps=False), C["ink"])
        fx0 = 440 + (780 - 440) * t
        fx1 = 330 + (700 - 330) * t
        c.paint(lambda p: p.line([(fx0, 800 + 30 * t), (fx1, 920 + 40 * t)], 12, round_caps=False), C["ink"], alpha=0.28, blur=5)
    c.paint(lambda p: p.line([(wx0, (wy0 + wy1) / 2), (wx1, (wy0 + wy1) / 2)], 7, round_caps=False), C["ink"])
    # a plank bunk
    c.paint(lambda p: p.rect(120, 640, 640, 672), mix(C["bronze"], C["ink"], 0.45))
    c.paint(lambda p: p.rect(120, 640, 640, 646), C["ochre"], alpha=0.25)
    for x in (150, 610):
        c.paint(lambda p: p.rect(x, 672, x + 18, 790), mix(C["ink"], C["earth"], 0.3))
    soft_shadow(c, 390, 800, 280, 16, alpha=0.5, blur=10)
    # shackles: a ring in the wall and a hanging chain
    ring = (880, 420)
    c.paint(lambda p: p.ring(ring[0], ring[1], 22, 22, 6), mix(C["stone_dark"], C["mist"], 0.3))
    chain = catenary(ring, (1010, 590), 170, 22)

    def links(p):
        for i in range(0, len(chain) - 1):
            (x0, y0), (x1, y1) = chain[i], chain[i + 1]
            ang = math.atan2(y1 - y0, x1 - x0)
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            pts = ellipse_pts(mx, my, 13, 6 if i % 2 else 3, ang, 24)
            p.line(pts + [pts[0]], 3.2, round_caps=False)

    c.paint(links, mix(C["stone_dark"], C["mist"], 0.35))
    c.paint(lambda p: p.ring(1010, 612, 26, 20, 6), mix(C["stone_dark"], C["mist"], 0.35))


def scene_interrogation_stool(c):
    c.paint(lambda p: p.rect(0, 0, W, 720), vgrad([(0, C["ink"]), (720, mix(C["dusk"], C["ink"], 0.4))]))
    c.paint(lambda p: p.rect(0, 720, W, H), vgrad([(720, mix(C["earth"], C["ink"], 0.4)), (H, C["ink"])]))
    # the lamp and its cone of light
    lx, ly = 820, 190
    c.paint(lambda p: p.line([(lx, -10), (lx, ly - 40)], 3), C["ink"])
    c.paint(lambda p: p.poly([(lx - 270, 880), (lx + 270, 880), (lx + 60, ly), (lx - 60, ly)]), C["glow"], alpha=0.14, blur=30)
    c.paint(lambda p: p.ellipse(lx, 870, 330, 60), mix(C["glow"], C["haze"], 0.4), alpha=0.35, blur=20)
    c.paint(lambda p: p.poly([(lx - 80, ly + 10), (lx + 80, ly + 10), (lx + 34, ly - 45), (lx - 34, ly - 45)]), mix(C["stone_dark"], C["ink"], 0.5))
    c.paint(lambda p: p.ellipse(lx, ly + 10, 80, 10), C["bone"], alpha=0.8)
    c.paint(lambda p: p.ellipse(lx, ly + 20, 60, 40), C["glow"], alpha=0.6, blur=14)
    # the high stool
    sx, seat_y, floor_y = lx, 520, 880
    soft_shadow(c, sx + 20, floor_y + 6, 120, 14, alpha=0.6, blur=8)
    legs = [(-70, 8), (-34, 0), (34, 0), (70, 8)]
    leg_col = mix(C["bronze"], C["ink"], 0.55)
    for dx, dy in legs:
        spread = 1.35
        c.paint(lambda p: p.line([(sx + dx * 0.75, seat_y + 14), (sx + dx * spread, floor_y - dy)], 11, round_caps=False), leg_col)
    c.paint(lambda p: p.line([(sx - 82, 760), (sx + 82, 760)], 7, round_caps=False), leg_col)
    c.paint(lambda p: p.ellipse(sx, seat_y + 8, 82, 20), mix(C["bronze"], C["ink"], 0.4))
    c.paint(lambda p: p.ellipse(sx, seat_y, 82, 18), mix(C["ochre"], C["bronze"], 0.5))
    c.paint(lambda p: p.ellipse(sx - 14, seat_y - 4, 46, 8), C["glow"], alpha=0.45, blur=4)
    # the table edge, in shadow, and papers
    c.paint(lambda p: p.poly([(0, 640), (330, 620), (360, 660), (0, 690)]), mix(C["bronze"], C["ink"], 0.6))
    c.paint(lambda p: p.rect(0, 690, 24, 900), C["ink"])
    c.paint(lambda p: p.rect(300, 668, 326, 900), C["ink"])
    c.paint(lambda p: p.poly([(120, 622), (230, 614), (240, 628), (130, 636)]), C["linen"], alpha=0.35)


def scene_sewing_machine(c):
    c.paint(lambda p: p.rect(0, 0, W, 640), vgrad([(0, mix(C["ink"], C["dusk"], 0.6)), (640, mix(C["slate"], C["dusk"], 0.5))]))
    # window on the left
    c.paint(lambda p: p.rect(150, 110, 470, 470), mix(C["ink"], C["earth"], 0.4))
    c.paint(lambda p: p.rect(168, 128, 452, 452), vgrad([(128, C["bone"]), (452, C["haze"])]))
    c.paint(lambda p: p.rect(168, 128, 452, 452), C["glow"], alpha=0.5, blur=40)
    c.paint(lambda p: p.line([(310, 128), (310, 452)], 10, round_caps=False), mix(C["ink"], C["earth"], 0.4))
    c.paint(lambda p: p.line([(168, 290), (452, 290)], 10, round_caps=False), mix(C["ink"], C["earth"], 0.4))
    c.paint(lambda p: p.poly([(168, 128), (452, 128), (1300, 640), (420, 700)]), C["glow"], alpha=0.07, blur=40)
    # table
    c.paint(lambda p: p.rect(0, 640, W, H), vgrad([(640, mix(C["ochre"], C["bronze"], 0.55)), (H, mix(C["bronze"], C["ink"], 0.6))]))
    c.paint(lambda p: p.rect(0, 636, W, 648), C["glow"], alpha=0.2)
    for k in range(9):
        y = 680 + k * 38
        c.paint(lambda p: p.line([(0, y), (W, y + 10 * math.sin(k))], 1.5), C["ink"], alpha=0.15)
    # cloth
    cloth = Path((560, 820)).curve((640, 760), (760, 780), (840, 760)).line((1040, 780)).curve((1100, 830), (1010, 900), (900, 910))
    cloth.line((600, 900)).curve((540, 880), (530, 840), (560, 820))
    c.paint(lambda p: p.poly(cloth.pts), mix(C["linen"], C["haze"], 0.3))
    c.paint(lambda p: p.line(bezier((600, 860), (700, 840), (800, 880), (980, 850)), 2), C["mist"], alpha=0.6)
    # the machine, a dark silhouette with warm highlights
    body = mix(C["ink"], C["night"], 0.3)
    soft_shadow(c, 960, 742, 360, 18, alpha=0.5, blur=10)
    c.paint(lambda p: p.rect(660, 700, 1260, 742), body)
    arm = Path((1180, 700)).line((1180, 420)).curve((1180, 380), (1150, 360), (1110, 360)).line((780, 360))
    arm.curve((740, 360), (720, 380), (720, 410)).line((720, 520)).line((800, 520)).line((800, 450)).line((1090, 450)).line((1090, 700))
    c.paint(lambda p: p.poly(arm.pts), body)
    c.paint(lambda p: p.line([(780, 366), (1110, 366)], 4, round_caps=False), C["glow"], alpha=0.35)
    c.paint(lambda p: p.rect(740, 520, 760, 600), body)
    c.paint(lambda p: p.line([(750, 600), (750, 680)], 2.5), C["mist"])
    # hand wheel
    c.paint(lambda p: p.ellipse(1220, 480, 26, 90), body)
    c.paint(lambda p: p.ring(1220, 480, 26, 90, 3), C["glow"], alpha=0.35)
    # spool of thread
    c.paint(lambda p: p.rect(930, 300, 962, 360), C["flower_dark"])
    c.paint(lambda p: p.rect(926, 296, 966, 304), C["bronze"])
    c.paint(lambda p: p.line(bezier((946, 330), (900, 380), (800, 400), (752, 520)), 1.4), C["flower"], alpha=0.7)


def reeds(c, x0, x1, base, hmin, hmax, n, col, alpha=1.0, plume=True, width=3.0):
    rng = c.rng

    def draw(p):
        for _ in range(n):
            x = rng.uniform(x0, x1)
            h = rng.uniform(hmin, hmax)
            bend = rng.uniform(-0.18, 0.18) * h
            b = base + rng.uniform(-8, 8)
            pts = bezier((x, b), (x, b - h * 0.4), (x + bend * 0.5, b - h * 0.8), (x + bend, b - h), 16)
            p.line(pts, width * rng.uniform(0.7, 1.2), round_caps=False)
            if plume:
                tx, ty = x + bend, b - h
                ang = math.atan2(-h * 0.2, bend * 0.5) if bend else -math.pi / 2
                p.poly(ellipse_pts(tx + math.cos(ang) * 18, ty + math.sin(ang) * 18, 26, 7 * width / 3, ang, 16))
            if rng.random() < 0.5:
                lp = bezier((x, b - h * 0.3), (x + 30, b - h * 0.5), (x + 60, b - h * 0.45), (x + 80 * rng.choice([-1, 1]), b - h * 0.25), 12)
                p.line(lp, width * 0.6, round_caps=False)

    c.paint(draw, col, alpha=alpha)


def water(c, top, bottom, sky_top, sky_low):
    c.paint(lambda p: p.rect(0, top, W, bottom), vgrad([(top, sky_low), (bottom, mix(sky_top, C["ink"], 0.3))]))
    rng = c.rng
    for _ in range(90):
        y = rng.uniform(top + 4, bottom)
        x = rng.uniform(-100, W)
        L = rng.uniform(40, 260) * (0.4 + (y - top) / (bottom - top))
        col = C["glow"] if rng.random() < 0.5 else C["mist"]
        c.paint(lambda p: p.line([(x, y), (x + L, y)], 1.2 + 2 * (y - top) / (bottom - top), round_caps=False), col,
                alpha=rng.uniform(0.08, 0.22))


def scene_reed_sheaves(c):
    hz = 520
    sky(c, hz, glow_x=1150, glow=0.75, clouds=5)
    water(c, hz, 720, C["slate"], mix(C["haze"], C["glow"], 0.3))
    c.paint(lambda p: p.rect(0, hz - 6, W, hz + 4), mix(C["dusk"], C["steppe"], 0.5), alpha=0.7, blur=2)
    reeds(c, -40, 500, 730, 150, 300, 90, mix(C["steppe"], C["ink"], 0.45), alpha=0.9)
    # shore
    c.paint(lambda p: p.poly([(0, 720), (W, 700), (W, H), (0, H)]), vgrad([(700, mix(C["steppe"], C["sand"], 0.3)), (H, C["earth"])]))
    ground(c, 700, tufts=90, band=False)
    # sheaves leaning together
    rng = c.rng
    for k, (x, h) in enumerate([(760, 260), (870, 300), (990, 280), (1110, 250), (1230, 290), (1340, 240)]):
        base = 860 + rng.uniform(-10, 10)
        soft_shadow(c, x + 40, base + 4, 70, 10, alpha=0.45, blur=6)
        lean = rng.uniform(-0.12, 0.12)
        sheaf = Path((x - 42, base)).curve((x - 30, base - h * 0.4), (x - 10, base - h * 0.55), (x - 30, base - h))
        sheaf.curve((x - 10, base - h - 20), (x + 10, base - h - 20), (x + 30, base - h))
        sheaf.curve((x + 10, base - h * 0.55), (x + 30, base - h * 0.4), (x + 42, base))
        pts = [(px + lean * (base - py), py) for px, py in sheaf.pts]
        rim_shape(c, pts, vgrad([(base - h, mix(C["ochre"], C["haze"], 0.3)), (base, mix(C["ochre"], C["earth"], 0.5))]),
                  rim=C["glow"], dx=-3, dy=1)
        top_x = x + lean * h
        c.paint(lambda p: [p.poly(ellipse_pts(top_x + rng.uniform(-34, 34), base - h - rng.uniform(-6, 26), rng.uniform(14, 24), rng.uniform(6, 10), rng.uniform(-0.8, 0.8), 16)) for _ in range(9)],
                mix(C["haze"], C["ochre"], 0.4), alpha=0.85)
        by = base - h * 0.5
        c.paint(lambda p: p.line([(x - 22 + lean * h * 0.5, by), (x + 22 + lean * h * 0.5, by + 4)], 6), C["rust_dark"])
        for j in range(7):
            sx = x - 24 + j * 8
            c.paint(lambda p: p.line([(sx + lean * (h * 0.9), base - h * 0.92), (sx + lean * 20, base - 10)], 1.2), C["bronze"], alpha=0.35)


def scene_cradle(c):
    c.paint(lambda p: p.rect(0, 0, W, 700), vgrad([(0, mix(C["ink"], C["dusk"], 0.5)), (700, mix(C["slate"], C["dusk"], 0.4))]))
    c.paint(lambda p: p.rect(0, 700, W, H), vgrad([(700, mix(C["earth"], C["dusk"], 0.3)), (H, C["ink"])]))
    # soft light from a window out of frame
    c.paint(lambda p: p.poly([(1600, 80), (1600, 420), (700, 900), (400, 860)]), C["glow"], alpha=0.10, blur=50)
    c.paint(lambda p: p.ellipse(760, 860, 420, 60), C["glow"], alpha=0.18, blur=30)
    wood = vgrad([(360, mix(C["ochre"], C["bronze"], 0.4)), (860, mix(C["bronze"], C["ink"], 0.5))])
    # rockers
    soft_shadow(c, 780, 868, 330, 18, alpha=0.55, blur=10)
    rock = bezier((460, 800), (600, 880), (960, 880), (1100, 800), 40)
    c.paint(lambda p: p.line(rock, 18), wood)
    # the cradle box with slats
    box = Path((520, 560)).line((1040, 560)).line((1000, 800)).line((560, 800))
    c.paint(lambda p: p.poly(box.pts), mix(C["bronze"], C["ink"], 0.55))
    for k in range(12):
        t = k / 11
        xt = 520 + 520 * t
        xb = 560 + 440 * t
        c.paint(lambda p: p.line([(xt, 560), (xb, 800)], 14, round_caps=False), wood)
    c.paint(lambda p: p.line([(500, 560), (1060, 560)], 18), wood)
    c.paint(lambda p: p.line([(500, 552), (1060, 552)], 3), C["glow"], alpha=0.45)
    # the arched handle of a Kazakh besik
    handle = bezier((540, 560), (560, 300), (1000, 300), (1020, 560), 40)
    c.paint(lambda p: p.line(handle, 16), wood)
    c.paint(lambda p: p.line([(x + 2, y - 3) for x, y in handle[8:32]], 3), C["glow"], alpha=0.35)
    # a folded blanket over the edge
    blanket = Path((600, 552)).curve((700, 530), (840, 540), (930, 548)).curve((950, 600), (930, 650), (945, 690))
    blanket.curve((860, 700), (760, 680), (690, 700)).curve((650, 660), (620, 620), (600, 552))
    c.paint(lambda p: p.poly(blanket.pts), vgrad([(540, mix(C["linen"], C["rust"], 0.12)), (700, mix(C["linen"], C["rust"], 0.3))]))
    for k in range(3):
        fx = 680 + k * 80
        c.paint(lambda p: p.line(bezier((fx, 560), (fx + 10, 600), (fx - 5, 640), (fx + 8, 690)), 5), C["rust_dark"], alpha=0.18, blur=3)


def scene_belongings(c):
    c.fill(radial(800, 520, 900, mix(C["dusk"], C["slate"], 0.4), C["ink"], ry=620))
    # case: glass front over a lit shelf
    x0, y0, x1, y1 = 220, 180, 1380, 820
    c.paint(lambda p: p.rect(x0, y0, x1, y1), vgrad([(y0, mix(C["glow"], C["haze"], 0.5)), (y1, mix(C["ochre"], C["bronze"], 0.6))]), alpha=0.35)
    c.paint(lambda p: p.rect(x0, 640, x1, y1), vgrad([(640, mix(C["linen"], C["sand"], 0.5)), (y1, mix(C["sand"], C["bronze"], 0.5))]))
    c.paint(lambda p: p.rect(x0, y0, x1, y0 + 20), C["bone"], alpha=0.6, blur=14)
    # suitcase
    soft_shadow(c, 470, 652, 200, 12, alpha=0.5, blur=6)
    c.paint(lambda p: p.rect(290, 430, 650, 645), mix(C["rust_dark"], C["bronze"], 0.4))
    c.paint(lambda p: p.rect(290, 430, 650, 440), C["glow"], alpha=0.3)
    c.paint(lambda p: p.line([(290, 470), (650, 470)], 3, round_caps=False), C["ink"], alpha=0.5)
    for x in (300, 640):
        c.paint(lambda p: p.rect(x - 10, 430, x + 10, 450), C["sand"], alpha=0.6)
        c.paint(lambda p: p.rect(x - 10, 625, x + 10, 645), C["sand"], alpha=0.6)
    c.paint(lambda p: p.line(bezier((430, 430), (430, 390), (510, 390), (510, 430)), 10), C["rust_dark"])
    # bundle of letters tied with string
    soft_shadow(c, 800, 652, 120, 10, alpha=0.45, blur=6)
    for k in range(5):
        c.paint(lambda p: p.poly([(700 + k * 3, 640 - k * 12), (900 + k * 2, 640 - k * 12), (905, 628 - k * 12), (705, 628 - k * 12)]),
                mix(C["linen"], C["bone"], 0.4 if k % 2 else 0.1))
    c.paint(lambda p: p.line([(800, 580), (800, 642)], 2.4), C["rust"])
    c.paint(lambda p: p.line([(700, 612), (905, 606)], 2.4), C["rust"])
    # enamel mug
    soft_shadow(c, 1020, 652, 60, 8, alpha=0.45, blur=5)
    c.paint(lambda p: p.rect(975, 555, 1065, 645), mix(C["bone"], C["mist"], 0.3))
    c.paint(lambda p: p.ellipse(1020, 555, 45, 9), mix(C["mist"], C["ink"], 0.2))
    c.paint(lambda p: p.ring(1078, 598, 20, 26, 7), mix(C["bone"], C["mist"], 0.4))
    c.paint(lambda p: p.line([(975, 560), (1065, 560)], 3), C["slate"], alpha=0.5)
    # folded headscarf
    scarf = Path((1120, 645)).line((1330, 645)).line((1300, 610)).curve((1260, 585), (1180, 590), (1140, 612))
    c.paint(lambda p: p.poly(scarf.pts), mix(C["rust"], C["ochre"], 0.3))
    c.paint(lambda p: p.line([(1140, 628), (1310, 628)], 2), C["linen"], alpha=0.5)
    # spectacles
    c.paint(lambda p: p.ring(770, 700, 30, 22, 3), C["ink"], alpha=0.8)
    c.paint(lambda p: p.ring(840, 700, 30, 22, 3), C["ink"], alpha=0.8)
    c.paint(lambda p: p.line([(800, 698), (810, 698)], 3), C["ink"], alpha=0.8)
    # reflections on the glass
    for x in (380, 980):
        c.paint(lambda p: p.poly([(x, y0), (x + 120, y0), (x - 160, y1), (x - 280, y1)]), C["bone"], alpha=0.05, blur=8)
    c.paint(lambda p: p.rect(x0 - 12, y1, x1 + 12, y1 + 60), mix(C["ink"], C["earth"], 0.3))
    c.paint(lambda p: p.line([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], 4, round_caps=False), C["ink"], alpha=0.7)


def scene_reeds_lake(c):
    hz = 560
    sky(c, hz, top=C["night"], mid=C["slate"], low=mix(C["haze"], C["glow"], 0.35), glow_x=700, glow=0.9, clouds=7)
    water(c, hz, H, C["slate"], mix(C["haze"], C["glow"], 0.4))
    c.paint(lambda p: p.ellipse(700, hz + 120, 120, 220), C["glow"], alpha=0.15, blur=30)
    c.paint(lambda p: p.rect(0, hz - 5, W, hz + 3), mix(C["dusk"], C["steppe"], 0.4), alpha=0.8, blur=1.5)
    reeds(c, 1200, 1500, hz + 8, 30, 60, 60, mix(C["dusk"], C["ink"], 0.4), alpha=0.8, plume=False, width=1.5)
    reeds(c, -60, 520, H + 20, 300, 620, 70, mix(C["ink"], C["night"], 0.3), width=4.0)
    reeds(c, 1180, 1680, H + 20, 260, 560, 60, mix(C["ink"], C["night"], 0.3), width=4.0)


def scene_kurt(c):
    c.fill(vgrad([(0, mix(C["steppe"], C["earth"], 0.25)), (H, mix(C["earth"], C["ink"], 0.2))]))
    rng = c.rng

    # reeds lying on the ground, mostly in one direction
    def stalks(p, n, wmin, wmax):
        for _ in range(n):
            x, y = rng.uniform(-300, W), rng.uniform(-80, H + 80)
            a = rng.uniform(-0.22, 0.12)
            L = rng.uniform(500, 1100)
            p.line([(x, y), (x + L * math.cos(a), y + L * math.sin(a))], rng.uniform(wmin, wmax), round_caps=False)

    c.paint(lambda p: stalks(p, 70, 6, 12), mix(C["ochre"], C["steppe"], 0.55), alpha=0.45)
    c.blur(3)
    c.paint(lambda p: stalks(p, 40, 4, 8), mix(C["ochre"], C["haze"], 0.2), alpha=0.28)
    # a linen cloth with soft folds
    cloth = Path((420, 330)).curve((640, 280), (980, 310), (1200, 280)).curve((1230, 450), (1210, 620), (1250, 770))
    cloth.curve((980, 800), (700, 760), (380, 800)).curve((410, 640), (380, 470), (420, 330))
    soft_shadow(c, 830, 810, 440, 40, alpha=0.45, blur=22)
    c.paint(lambda p: p.poly(cloth.pts), vgrad([(280, mix(C["linen"], C["bone"], 0.35)), (800, mix(C["linen"], C["sand"], 0.55))]))
    for a, b, cc, d in [((440, 430), (1220, 410), (700, 470), (950, 380)), ((400, 650), (1230, 660), (700, 600), (980, 720))]:
        fold = bezier(a, cc, d, b, 30)
        c.paint(lambda p: p.line(fold, 16), C["sand"], alpha=0.35, blur=6)
        c.paint(lambda p: p.line([(x, y - 6) for x, y in fold], 6), C["bone"], alpha=0.35, blur=3)
    c.paint(lambda p: p.ellipse(560, 360, 420, 260), C["glow"], alpha=0.16, blur=60, clip=lambda p: p.poly(cloth.pts))
    # kurt: small off-white rounds, each with a soft shadow
    pos = [(640, 480), (745, 455), (850, 490), (700, 570), (810, 585), (925, 550), (760, 670), (880, 660), (985, 610), (600, 610), (1040, 490)]
    for x, y in pos:
        r = rng.uniform(34, 44)
        soft_shadow(c, x + 12, y + r * 0.7, r * 0.95, r * 0.35, alpha=0.45, blur=6)
        c.paint(lambda p: p.ellipse(x, y, r, r * 0.9), radial(x - r * 0.3, y - r * 0.35, r * 1.6, mix(C["bone"], (255, 252, 244), 0.4), mix(C["linen"], C["sand"], 0.6)))
        for _ in range(4):
            dx, dy = rng.uniform(-r * 0.6, r * 0.6), rng.uniform(-r * 0.5, r * 0.5)
            c.paint(lambda p: p.ellipse(x + dx, y + dy, 3, 2), C["sand"], alpha=0.6)
    c.paint(lambda p: p.ellipse(500, 200, 600, 300), C["glow"], alpha=0.12, blur=80)


def scene_wagon(c):
    hz = 640
    sky(c, hz, glow_x=1250, glow=0.75, clouds=6)
    ground(c, hz, tufts=110)
    # telegraph poles in the distance
    for k, x in enumerate(range(80, 1600, 260)):
        s = 0.55 + 0.08 * k
        c.paint(lambda p: p.line([(x, hz + 6), (x, hz - 70 * s)], 3 * s, round_caps=False), mix(C["dusk"], C["ink"], 0.4), alpha=0.6)
        c.paint(lambda p: p.line([(x - 14 * s, hz - 62 * s), (x + 14 * s, hz - 62 * s)], 2.5 * s, round_caps=False), mix(C["dusk"], C["ink"], 0.4), alpha=0.6)
    # track: ballast, sleepers, rails
    c.paint(lambda p: p.poly([(0, 700), (W, 700), (W, 760), (0, 760)]), mix(C["stone_dark"], C["steppe"], 0.3))
    c.paint(lambda p: [p.rect(x, 706, x + 26, 752) for x in range(-10, W, 58)], mix(C["bronze"], C["ink"], 0.55))
    c.paint(lambda p: p.line([(0, 712), (W, 712)], 5, round_caps=False), mix(C["mist"], C["ink"], 0.3))
    c.paint(lambda p: p.line([(0, 744), (W, 744)], 6, round_caps=False), mix(C["mist"], C["ink"], 0.25))
    # the wagon
    x0, x1, y0, y1 = 260, 1340, 380, 640
    soft_shadow(c, 800, 700, 620, 14, alpha=0.4, blur=8)
    wall = vgrad([(y0, mix(C["rust_dark"], C["bronze"], 0.3)), (y1, mix(C["rust_dark"], C["ink"], 0.45))])
    c.paint(lambda p: p.rect(x0, y0, x1, y1), wall)
    roof = Path((x0 - 14, y0 + 4)).curve((x0 + 60, y0 - 40), (x1 - 60, y0 - 40), (x1 + 14, y0 + 4))
    c.paint(lambda p: p.poly(roof.pts), mix(C["stone_dark"], C["ink"], 0.4))
    c.paint(lambda p: p.line(roof.pts, 3, round_caps=False), C["glow"], alpha=0.4)
    for x in range(x0 + 18, x1, 30):
        c.paint(lambda p: p.line([(x, y0 + 6), (x, y1 - 4)], 1.6, round_caps=False), C["ink"], alpha=0.3)
    # frame and door
    c.paint(lambda p: p.line([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], 6, round_caps=False), mix(C["rust_dark"], C["ink"], 0.6))
    c.paint(lambda p: p.line([(710, 400), (890, 400), (890, 636), (710, 636), (710, 400)], 6, round_caps=False), mix(C["rust_dark"], C["ink"], 0.6))
    c.paint(lambda p: p.line([(710, 400), (890, 636)], 5, round_caps=False), mix(C["rust_dark"], C["ink"], 0.5))
    c.paint(lambda p: p.line([(890, 400), (710, 636)], 5, round_caps=False), mix(C["rust_dark"], C["ink"], 0.5))
    # small barred windows high up
    for wx in (360, 520, 1030, 1190):
        c.paint(lambda p: p.rect(wx, 420, wx + 80, 460), C["ink"])
        for k in range(1, 4):
            c.paint(lambda p: p.line([(wx + k * 20, 420), (wx + k * 20, 460)], 3, round_caps=False), mix(C["mist"], C["dusk"], 0.4))
    # undercarriage and wheels
    c.paint(lambda p: p.rect(x0 + 40, y1, x1 - 40, y1 + 22), C["ink"])
    for wx in (400, 500, 1100, 1200):
        c.paint(lambda p: p.ellipse(wx, 690, 42, 42), mix(C["ink"], C["stone_dark"], 0.3))
        c.paint(lambda p: p.ring(wx, 690, 42, 42, 4), mix(C["mist"], C["ink"], 0.4))
        c.paint(lambda p: p.ellipse(wx, 690, 8, 8), C["mist"], alpha=0.5)
    c.paint(lambda p: p.line([(x1 - 10, y0 + 10), (x1 - 10, y1 - 10)], 8, round_caps=False), C["glow"], alpha=0.18, blur=5)


def watchtower(c, tx, tb, col, legs, braces, cabin, window, roof, mullions=None, glint=0.0):
    """A guard tower in the colour `col`, its legs standing on y = tb about x = tx.

    Heights are measured up from tb, half widths out from tx, all in design units.
    legs: (half spread at the foot, at the top, height, line width); braces: (heights of
    their low ends, half width there, at their high ends, rise, line width), crossed;
    cabin: (half width, top), from the legs' top; window: (half width, top, bottom, colour,
    alpha); roof: (half width, eaves, peak); mullions: (how many, line width) across the
    window; glint: how strongly the light catches the roof's left edge (0: not at all).
    """
    foot, top, height, leg_width = legs
    for side in (-1, 1):
        c.paint(lambda p: p.line([(tx + side * foot, tb), (tx + side * top, tb - height)], leg_width, round_caps=False), col)
    heights, low, high, rise, brace_width = braces
    for y in (tb - h for h in heights):
        c.paint(lambda p: p.line([(tx - low, y), (tx + high, y - rise)], brace_width, round_caps=False), col)
        c.paint(lambda p: p.line([(tx + low, y), (tx - high, y - rise)], brace_width, round_caps=False), col)
    half, cabin_top = cabin
    c.paint(lambda p: p.rect(tx - half, tb - cabin_top, tx + half, tb - height), col)
    half, window_top, window_bottom, light, alpha = window
    c.paint(lambda p: p.rect(tx - half, tb - window_top, tx + half, tb - window_bottom), light, alpha=alpha)
    if mullions:
        bars, bar_width = mullions
        step = 2 * half // (bars + 1)
        for k in range(1, bars + 1):
            x = tx - half + k * step
            c.paint(lambda p: p.line([(x, tb - window_top), (x, tb - window_bottom)], bar_width, round_caps=False), col)
    half, eaves, peak = roof
    c.paint(lambda p: p.poly([(tx - half, tb - eaves), (tx + half, tb - eaves), (tx, tb - peak)]), col)
    if glint:
        c.paint(lambda p: p.line([(tx - half, tb - eaves), (tx, tb - peak)], 3, round_caps=False), C["glow"], alpha=glint)


def scene_barrack(c):
    hz = 610
    sky(c, hz, glow_x=450, glow=0.7, clouds=6)
    ground(c, hz, tufts=140)
    # long low barrack, slightly in perspective
    x0, x1 = 180, 1180
    yb0, yb1 = 700, 668  # base at left / right
    hw0, hw1 = 130, 108  # wall height
    roof_h0, roof_h1 = 70, 58

    def wall_y(x, frac):
        t = (x - x0) / (x1 - x0)
        base = yb0 + (yb1 - yb0) * t
        return base - (hw0 + (hw1 - hw0) * t) * frac

    soft_shadow(c, 700, 712, 560, 16, alpha=0.45, blur=10)
    wall = [(x0, wall_y(x0, 0)), (x1, wall_y(x1, 0)), (x1, wall_y(x1, 1)), (x0, wall_y(x0, 1))]
    c.paint(lambda p: p.poly(wall), hgrad([(x0, mix(C["sand"], C["ochre"], 0.35)), (x1, mix(C["ochre"], C["earth"], 0.4))]))
    rng = c.rng
    for _ in range(50):
        x = rng.uniform(x0 + 10, x1 - 10)
        y = wall_y(x, rng.uniform(0.1, 0.9))
        c.paint(lambda p: p.ellipse(x, y, rng.uniform(8, 30), rng.uniform(3, 8)), C["earth"], alpha=0.12, blur=3)
    roof = [(x0 - 20, wall_y(x0, 1) + 6), (x1 + 20, wall_y(x1, 1) + 6), (x1 + 4, wall_y(x1, 1) - roof_h1), (x0 + 4, wall_y(x0, 1) - roof_h0)]
    c.paint(lambda p: p.poly(roof), vgrad([(wall_y(x0, 1) - roof_h0, mix(C["stone_dark"], C["haze"], 0.2)), (wall_y(x0, 1), mix(C["stone_dark"], C["ink"], 0.4))]))
    c.paint(lambda p: p.line([roof[3], roof[2]], 3, round_caps=False), C["glow"], alpha=0.4)
    for k in range(8):
        x = x0 + 70 + k * 118
        yb = wall_y(x, 0.38)
        yt = wall_y(x, 0.72)
        c.paint(lambda p: p.rect(x, yt, x + 46, yb), C["ink"], alpha=0.85)
        if k in (2, 5):
            c.paint(lambda p: p.rect(x + 4, yt + 4, x + 42, yb - 4), C["glow"], alpha=0.35)
        c.paint(lambda p: p.line([(x + 23, yt), (x + 23, yb)], 2, round_caps=False), mix(C["ochre"], C["earth"], 0.5))
    # door
    xd = x0 + 30
    c.paint(lambda p: p.rect(xd, wall_y(xd, 0.82), xd + 34, wall_y(xd, 0)), mix(C["bronze"], C["ink"], 0.5))
    # watchtower on the right
    watchtower(c, 1390, 690, mix(C["ink"], C["dusk"], 0.25), legs=(50, 30, 300, 8),
               braces=((80, 180), 46, 46, 60, 5), cabin=(55, 370),
               window=(45, 360, 330, mix(C["glow"], C["dusk"], 0.4), 0.6), roof=(75, 368, 430))
    # fence with barbed wire in the foreground
    wire = mix(C["ink"], C["dusk"], 0.2)
    posts = list(range(-40, W + 80, 210))
    for x in posts:
        c.paint(lambda p: p.line([(x, 940), (x + 6, 700)], 10, round_caps=False), mix(C["bronze"], C["ink"], 0.6))
    for k, yy in enumerate((720, 770, 820, 870)):
        for a, b in zip(posts, posts[1:]):
            barbed_wire(c, (a + 6, yy + k * 2), (b + 6, yy + k * 2), 10, wire, width=1.8)


def scene_watchtower(c):
    hz = 820
    sky(c, hz, top=C["night"], mid=C["dusk"], low=mix(C["haze"], C["glow"], 0.4), glow_x=1100, glow=0.9, clouds=7)
    ground(c, hz, tufts=60)
    watchtower(c, 520, 860, mix(C["ink"], C["night"], 0.2), legs=(110, 62, 560, 16),
               braces=((150, 330), 100, 92, 120, 9), cabin=(110, 700),
               window=(92, 680, 620, mix(C["glow"], C["dusk"], 0.35), 0.55), roof=(150, 690, 810),
               mullions=(3, 6), glint=0.3)
    wire = mix(C["ink"], C["dusk"], 0.1)
    posts = [(820, 980, 620), (1130, 900, 690), (1380, 860, 730), (1580, 830, 760)]
    for x, yb, yt in posts:
        c.paint(lambda p: p.line([(x, yb), (x + 4, yt)], 12 * (yb - 700) / 280, round_caps=False), mix(C["bronze"], C["ink"], 0.65))
    for k in range(5):
        for (xa, yba, yta), (xb, ybb, ytb) in zip(posts, posts[1:]):
            fa = yta + (yba - yta) * (0.08 + k * 0.2)
            fb = ytb + (ybb - ytb) * (0.08 + k * 0.2)
            barbed_wire(c, (xa, fa), (xb, fb), 14, wire, width=2.4 * (yba - 700) / 280 + 1, barb_every=60)


def scene_tears_stela(c):
    hz = 660
    sky(c, hz, glow_x=1000, glow=0.75, clouds=5)
    ground(c, hz, tufts=110)
    c.paint(lambda p: p.poly([(0, 780), (W, 760), (W, 860), (0, 880)]), mix(C["sand"], C["steppe"], 0.5), alpha=0.5, blur=10)
    # the stela with a faint map of the camp network
    x0, x1, yt, yb = 330, 760, 230, 800
    soft_shadow(c, 600, 806, 300, 18, alpha=0.5, blur=10)
    rim_shape(c, [(x0, yb), (x0 + 10, yt), (x1 - 10, yt), (x1, yb)],
              vgrad([(yt, mix(C["stone_dark"], C["slate"], 0.4)), (yb, mix(C["ink"], C["stone_dark"], 0.4))]),
              rim=mix(C["glow"], C["bone"], 0.3), dx=-3, dy=2)
    rng = c.rng
    land = []
    for k in range(40):
        a = 2 * math.pi * k / 40
        r = 1 + 0.16 * math.sin(3 * a + 0.7) + 0.1 * math.sin(5 * a + 2) + 0.06 * math.sin(9 * a)
        land.append((545 + 170 * r * math.cos(a) * 1.05, 470 + 120 * r * math.sin(a)))
    c.paint(lambda p: p.line(land + [land[0]], 2.4, round_caps=False), C["haze"], alpha=0.45)
    dots = [(rng.uniform(420, 690), rng.uniform(390, 560)) for _ in range(26)]
    c.paint(lambda p: [p.line([dots[i], dots[(i * 7 + 3) % len(dots)]], 1.2, round_caps=False) for i in range(len(dots))], C["haze"], alpha=0.22)
    c.paint(lambda p: [p.ellipse(x, y, 5, 5) for x, y in dots], C["glow"], alpha=0.8)
    c.paint(lambda p: [p.ellipse(x, y, 10, 10) for x, y in dots], C["glow"], alpha=0.25, blur=4)
    # "Tears": a tall drop-shaped form
    dx, db, dh = 1110, 800, 470
    drop = Path((dx, db - dh)).curve((dx + 40, db - dh * 0.62), (dx + 150, db - dh * 0.38), (dx + 150, db - 150))
    drop.curve((dx + 150, db - 40), (dx + 80, db), (dx, db)).curve((dx - 80, db), (dx - 150, db - 40), (dx - 150, db - 150))
    drop.curve((dx - 150, db - dh * 0.38), (dx - 40, db - dh * 0.62), (dx, db - dh))
    soft_shadow(c, dx + 60, db + 6, 200, 16, alpha=0.5, blur=8)
    rim_shape(c, drop.pts, vgrad([(db - dh, mix(C["rust"], C["glow"], 0.25)), (db, mix(C["rust_dark"], C["ink"], 0.4))]),
              rim=mix(C["glow"], C["bone"], 0.35), dx=-4, dy=3)
    c.paint(lambda p: p.ellipse(dx - 60, db - 200, 26, 70), C["glow"], alpha=0.22, blur=14)


def scene_mother_child(c):
    hz = 700
    sky(c, hz, top=C["night"], mid=C["slate"], glow_x=860, glow=0.8, clouds=4)
    ground(c, hz, tufts=70)
    # plinth
    soft_shadow(c, 840, 852, 470, 18, alpha=0.5, blur=10)
    c.paint(lambda p: p.rect(400, 800, 1280, 850), vgrad([(800, mix(C["stone"], C["haze"], 0.2)), (850, C["stone_dark"])]))
    c.paint(lambda p: p.rect(400, 800, 1280, 805), C["bone"], alpha=0.25)
    dark = vgrad([(260, mix(C["bronze"], C["ink"], 0.3)), (800, mix(C["bronze"], C["ink"], 0.6))])
    limb = mix(C["bronze"], C["ink"], 0.42)
    rim = mix(C["glow"], C["bronze"], 0.25)
    base = 802

    def arm(points, width, rim_width, rise):
        c.paint(lambda p: p.line([(x + 2, y - rise) for x, y in points], rim_width), rim)
        c.paint(lambda p: p.line(points, width), limb)

    # a warm light in the gap between the two hands
    c.paint(lambda p: p.ellipse(880, 560, 110, 90), C["glow"], alpha=0.35, blur=34)
    # the mother leans towards the child; her arm reaches out
    m_lean = 0.10
    m_arm = bezier((632, 530), (700, 536), (760, 556), (818, 582), 20)
    arm(m_arm, 27, 30, 3)
    rim_shape(c, figure_pts(600, base, 440, bow=0.9, side=1, lean=m_lean, width=1.1), dark, rim=rim, dx=-3, dy=2)
    # the child is drawn away to the right, one arm reaching back
    k_lean = 0.22
    k_arm = bezier((1100, 672), (1060, 650), (1010, 626), (962, 612), 14)
    arm(k_arm, 17, 19, 2)
    rim_shape(c, child_pts(1100, base, 240, side=-1, lean=k_lean), dark, rim=rim, dx=-3, dy=2)


def scene_wall_names(c):
    hz = 460
    sky(c, hz, top=C["night"], mid=C["dusk"], low=C["mist"], glow_x=1300, glow=0.6, clouds=4)
    vp = (1380, 470)
    D = 12.0

    P = perspective(vp)

    ground(c, hz, tufts=0)
    # sunken corridor floor
    c.paint(lambda p: p.poly([(-100, H), (W + 400, H), P(W + 400, H, D), P(-100, H, D)]),
            vgrad([(vp[1], mix(C["stone"], C["haze"], 0.3)), (H, mix(C["stone_dark"], C["earth"], 0.4))]))
    for k in range(1, 16):
        d = 1 + (D - 1) * (k / 16) ** 2
        a, b = P(-100, H, d), P(W + 400, H, d)
        c.paint(lambda p: p.line([a, b], 2 / d + 0.6, round_caps=False), C["ink"], alpha=0.2)
    # low parapet on the right
    c.paint(lambda p: p.poly([(W + 400, H), (W + 400, 860), P(W + 400, 860, D), P(W + 400, H, D)]), mix(C["stone_dark"], C["ink"], 0.2))
    # the black polished wall on the left
    wx = -30
    top_n, bot_n = 10, 900
    wall = [(wx, top_n), P(wx, top_n, D), P(wx, bot_n, D), (wx, bot_n)]
    c.paint(lambda p: p.poly(wall), vgrad([(top_n, mix(C["ink"], C["slate"], 0.25)), (bot_n, C["ink"])]))
    # sky reflected in the polish
    refl = [(wx, top_n), P(wx, top_n, D), P(wx, top_n + 260, D), (wx, top_n + 260)]
    c.paint(lambda p: p.poly(refl), vgrad([(top_n, C["mist"]), (top_n + 260, C["ink"])]), alpha=0.16)
    c.paint(lambda p: p.poly([(wx, 520), P(wx, 520, D), P(wx, 560, D), (wx, 560)]), C["glow"], alpha=0.10, blur=6)
    # lines of names: short strokes grouped like words, in rows
    rng = c.rng

    def names(p):
        row_v = 0.08
        while row_v < 0.92:
            y = top_n + (bot_n - top_n) * row_v
            d = 1.04
            while d < D * 0.9:
                step = rng.uniform(0.03, 0.07) * d
                a = P(wx, y, d)
                b = P(wx, y, d + step * 0.85)
                thick = 6.5 / d
                p.poly([(a[0], a[1] - thick / 2), (b[0], b[1] - thick / 2 * d / (d + step)), (b[0], b[1] + thick / 2 * d / (d + step)), (a[0], a[1] + thick / 2)])
                d += step * (1.1 if rng.random() < 0.7 else 1.9)
            row_v += 0.036

    c.paint(names, mix(C["haze"], C["bone"], 0.3), alpha=0.45)
    # a low stone plinth along the foot of the wall
    c.paint(lambda p: p.poly([(wx, bot_n), P(wx, bot_n, D), P(-100, H, D), (-100, H)]),
            vgrad([(vp[1], mix(C["stone_dark"], C["haze"], 0.2)), (H, mix(C["stone_dark"], C["ink"], 0.35))]))
    c.paint(lambda p: p.line([(wx, bot_n), P(wx, bot_n, D)], 2.5, round_caps=False), C["ink"], alpha=0.7)
    c.paint(lambda p: p.line([(wx, top_n), P(wx, top_n, D)], 3, round_caps=False), C["glow"], alpha=0.35)
    # flowers along the foot of the wall
    for k in range(14):
        d = 1.15 + k * 0.55 + rng.uniform(-0.1, 0.1)
        x, y = P(wx + 30, bot_n + 20, d)
        col = C["flower"] if rng.random() < 0.75 else C["linen"]
        c.paint(lambda p: p.ellipse(x, y, 14 / d + 2, 8 / d + 1.5), col, alpha=0.9)
        c.paint(lambda p: p.line([(x, y), (x + 40 / d, y + 6 / d)], 3 / d + 0.6), C["grass"], alpha=0.8)


def scene_wall_flowers(c):
    # the wall close up, names faint and reflective
    c.fill(vgrad([(0, mix(C["ink"], C["slate"], 0.3)), (760, C["ink"])]))
    c.paint(lambda p: p.poly([(0, 0), (W, 0), (W, 260), (0, 360)]), vgrad([(0, C["mist"]), (360, C["ink"])]), alpha=0.15)
    rng = c.rng

    def names(p):
        for row in range(14):
            y = 70 + row * 46
            x = 60 + rng.uniform(0, 40)
            while x < W - 60:
                L = rng.uniform(70, 210)
                p.rect(x, y, x + L, y + 9)
                x += L + rng.uniform(22, 60)

    c.paint(names, mix(C["haze"], C["bone"], 0.2), alpha=0.28)
    c.paint(lambda p: p.rect(0, 760, W, H), vgrad([(760, mix(C["stone"], C["haze"], 0.2)), (H, mix(C["stone_dark"], C["ink"], 0.3))]))
    c.paint(lambda p: p.rect(0, 752, W, 766), C["ink"], alpha=0.7)
    c.paint(lambda p: p.poly([(0, 700), (W, 640), (W, 760), (0, 760)]), C["glow"], alpha=0.12, blur=30)
    # a bouquet laid down, stems towards the viewer
    soft_shadow(c, 820, 905, 380, 28, alpha=0.5, blur=12)
    heads = []
    for k in range(13):
        hx = 560 + k * 46 + rng.uniform(-18, 18)
        hy = 780 + rng.uniform(-30, 30) + abs(k - 6) * 6
        heads.append((hx, hy))
    stems = [((hx, hy + 10), (820 + (hx - 820) * 0.25, 940)) for hx, hy in heads]
    c.paint(lambda p: [p.line([a, b], 5) for a, b in stems], mix(C["grass"], C["earth"], 0.45))
    c.paint(lambda p: p.poly([(770, 900), (880, 896), (886, 924), (764, 928)]), C["linen"], alpha=0.9)
    c.paint(lambda p: p.line([(760, 912), (890, 908)], 4), C["rust"], alpha=0.9)
    for k, (hx, hy) in enumerate(sorted(heads, key=lambda h: h[1])):
        pale = k % 4 == 0
        col = mix(C["bone"], C["linen"], 0.4) if pale else mix(C["flower"], C["rust"], rng.uniform(0, 0.4))
        dark = C["mist"] if pale else C["flower_dark"]
        flower_head(c, hx, hy, 30, col, dark, angle=rng.uniform(-0.5, 0.5))
    c.paint(lambda p: p.ellipse(820, 760, 420, 90), C["glow"], alpha=0.08, blur=40)


def scene_steppe_doves(c):
    hz = 760
    sky(c, hz, top=C["dusk"], mid=C["mist"], low=mix(C["haze"], C["glow"], 0.45), glow_x=980, glow=0.95, clouds=9)
    ground(c, hz, tufts=90)
    flock = [(520, 380, 70, -0.25, 1.0), (640, 300, 54, -0.35, 0.6), (760, 360, 62, -0.2, 0.9),
             (890, 250, 44, -0.3, 0.7), (1010, 300, 38, -0.28, 1.0)]
    for x, y, s, a, wg in flock:
        dove(c, x, y, s, angle=a, wing=wg, col=mix(C["bone"], C["glow"], 0.15), alpha=0.92)


SCENES = {
    name[len("scene_"):].replace("_", "-"): fn
    for name, fn in globals().items()
    if name.startswith("scene_") and callable(fn)
}


def render(scene: str, seed_text: str) -> Image.Image:
    """Draw `scene` and return the finished 1600x1000 RGB image."""
    seed = zlib.crc32(seed_text.encode("utf-8"))
    c = Canvas(seed)
    SCENES[scene](c)
    return c.finish(seed)


if __name__ == "__main__":  # quick preview: python demo/illustrations.py scene-name out.png
    import sys

    render(sys.argv[1], sys.argv[1]).save(sys.argv[2])
