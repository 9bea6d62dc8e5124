"""Points of the small drawn shapes (speaker, play triangle, arrows) for the kv rules.

A kv rule passes what the shape is drawn around (so it is redrawn when that moves) and
the corners as offsets: ``at`` in dp from a point, ``scaled`` as shares of a size from a
centre. Both return the flat list of coordinates a Triangle or Line takes.
"""

from kivy.metrics import dp


def at(origin, *offsets) -> list[float]:
    """``origin`` (x, y) moved by each (dx, dy), given in dp."""
    x, y = origin
    return [value for dx, dy in offsets for value in (x + dp(dx), y + dp(dy))]


def scaled(center, size, *shares) -> list[float]:
    """``center`` moved by each (sx, sy) share of ``size`` (width, height)."""
    (x, y), (width, height) = center, size
    return [value for sx, sy in shares for value in (x + width * sx, y + height * sy)]
