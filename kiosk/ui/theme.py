"""Colours and sizes of the kiosk, as Kivy properties the kv rules bind to.

Quiet and dignified: a deep night-grey ground, warm off-white text, one muted ochre for
what can be touched. Body text is far above 7:1 contrast on the ground (a test computes
it). Two modes a visitor can turn on: high contrast (black, white and amber) and larger
text (1.5 times; layouts reflow because every size is multiplied by ``text_scale``).
"""

from __future__ import annotations

from kivy.event import EventDispatcher
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty


def hex_colour(value: str, alpha: float = 1.0) -> list[float]:
    value = value.lstrip("#")
    return [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)] + [alpha]


CALM = {
    "ground": "#16181b",          # the screen's background
    "surface": "#202328",         # panels: the narration bar, tiles
    "control": "#2c3036",         # buttons
    "control_pressed": "#3d4148",
    "line": "#3a3d43",            # hairlines and tracks
    "text": "#efeae2",            # body text
    "text_muted": "#bdb6ab",      # secondary text, still >= 7:1 on the ground
    "accent": "#c9a070",          # what is chosen or pressed, the stop numbers
    "accent_text": "#16181b",     # text on the accent
    "notice": "#d9c7a7",          # calm notices (never an alarm red)
    "caption_ground": "#0c0d0f",  # behind captions
    "level_on": "#c9a070",        # the volume steps that are on (filled)
    "level_off": "#6b6f77",       # ...and those that are off (hollow)
    "sound_off": "#d9c7a7",       # "Sound off" and its crossed-out speaker
}

HIGH_CONTRAST = {
    "ground": "#000000",
    "surface": "#000000",
    "control": "#1c1c1c",
    "control_pressed": "#4a4a4a",
    "line": "#ffffff",
    "text": "#ffffff",
    "text_muted": "#ffffff",
    "accent": "#ffd166",
    "accent_text": "#000000",
    "notice": "#ffd166",
    "caption_ground": "#000000",
    "level_on": "#ffd166",
    "level_off": "#ffffff",
    "sound_off": "#ffd166",
}

#: How much larger the larger-text mode makes every text (and the layouts with it).
LARGE_TEXT_SCALE = 1.5


class Theme(EventDispatcher):
    """The kiosk's look. Screens read it as ``app.theme``."""

    ground = ColorProperty(hex_colour(CALM["ground"]))
    surface = ColorProperty(hex_colour(CALM["surface"]))
    control = ColorProperty(hex_colour(CALM["control"]))
    control_pressed = ColorProperty(hex_colour(CALM["control_pressed"]))
    line = ColorProperty(hex_colour(CALM["line"]))
    text = ColorProperty(hex_colour(CALM["text"]))
    text_muted = ColorProperty(hex_colour(CALM["text_muted"]))
    accent = ColorProperty(hex_colour(CALM["accent"]))
    accent_text = ColorProperty(hex_colour(CALM["accent_text"]))
    notice = ColorProperty(hex_colour(CALM["notice"]))
    caption_ground = ColorProperty(hex_colour(CALM["caption_ground"]))
    level_on = ColorProperty(hex_colour(CALM["level_on"]))
    level_off = ColorProperty(hex_colour(CALM["level_off"]))
    sound_off = ColorProperty(hex_colour(CALM["sound_off"]))

    high_contrast = BooleanProperty(False)
    large_text = BooleanProperty(False)
    #: 1.0 normally; kv rules multiply their sp sizes by it.
    text_scale = NumericProperty(1.0)
    #: The smallest touch target: 48 dp is the floor, the kiosk uses more.
    touch = NumericProperty(dp(64))
    #: Width of an outline drawn around controls (only in high contrast).
    outline = NumericProperty(0)

    def on_high_contrast(self, _theme, on: bool) -> None:
        for name, value in (HIGH_CONTRAST if on else CALM).items():
            setattr(self, name, hex_colour(value))
        self.outline = dp(2) if on else 0

    def on_large_text(self, _theme, on: bool) -> None:
        self.text_scale = LARGE_TEXT_SCALE if on else 1.0

    def reset(self) -> None:
        """Back to the calm default for the next visitor."""
        self.high_contrast = False
        self.large_text = False
