"""Colours and sizes of the kiosk, as Kivy properties the kv rules bind to.

Quiet and dignified: a deep night-grey ground, warm off-white text, one muted ochre for
what can be touched. Body text is far above 7:1 contrast on the ground.
"""

from __future__ import annotations

from kivy.event import EventDispatcher
from kivy.metrics import dp
from kivy.properties import ColorProperty, NumericProperty


def hex_colour(value: str, alpha: float = 1.0) -> list[float]:
    value = value.lstrip("#")
    return [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)] + [alpha]


class Theme(EventDispatcher):
    """The kiosk's look. Screens read it as ``app.theme``."""

    ground = ColorProperty(hex_colour("#16181b"))        # the screen's background
    surface = ColorProperty(hex_colour("#202328"))       # tiles, panels
    control = ColorProperty(hex_colour("#2c3036"))       # buttons, on ground or surface
    surface_pressed = ColorProperty(hex_colour("#3d4148"))
    line = ColorProperty(hex_colour("#3a3d43"))          # hairlines between parts
    text = ColorProperty(hex_colour("#efeae2"))          # body text
    text_muted = ColorProperty(hex_colour("#bdb6ab"))    # secondary text, still >= 7:1
    accent = ColorProperty(hex_colour("#c49a6c"))        # what can be touched, the number
    accent_text = ColorProperty(hex_colour("#16181b"))   # text on the accent
    notice = ColorProperty(hex_colour("#d9c7a7"))        # calm notices (no alarm red)

    #: 1.0 normally; the larger-text mode raises it, and kv rules multiply their sp by it.
    text_scale = NumericProperty(1.0)

    #: The smallest touch target: 48 dp is the floor, the kiosk uses more.
    touch = NumericProperty(dp(64))
