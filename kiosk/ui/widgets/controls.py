"""Buttons a visitor touches: large, calm, and visibly pressed when touched."""

from kivy.properties import AliasProperty, BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label

from .shown import ShownBehavior

from ..rules import load_rules_beside


class QuietButton(ShownBehavior, ButtonBehavior, Label):
    """A text button with a soft panel behind it.

    :attr:`selected` marks the current choice (a language, say) with the accent colour.
    :attr:`role` is ``"plain"`` or ``"primary"`` (the one main action of a screen).
    :attr:`shown` hides or greys it, and then it takes no touch.
    """

    selected = BooleanProperty(False)
    role = StringProperty("plain")
    #: Drawn in the accent colour: the primary action, or the current choice.
    lit = AliasProperty(lambda self: self.role == "primary" or self.selected,
                        bind=["role", "selected"], cache=True)


class PlayPauseButton(QuietButton):
    """The round main button of the narration: a triangle to play, two bars to pause.

    Drawn with canvas shapes, not font glyphs, so it looks the same on every machine.
    """

    playing = BooleanProperty(False)


class ChevronButton(QuietButton):
    """A square button with a drawn arrow; :attr:`direction` is ``"left"`` or ``"right"``."""

    direction = StringProperty("right")
    #: The arrow's three points, as shares of the button's size from its centre.
    arrow = AliasProperty(lambda self: ARROWS.get(self.direction, ARROWS["right"]),
                          bind=["direction"], cache=True)


ARROWS = {"left": ((.1, .2), (-.1, 0), (.1, -.2)), "right": ((-.1, .2), (.1, 0), (-.1, -.2))}


load_rules_beside(__file__)
