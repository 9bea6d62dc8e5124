"""The grid of keys shared by the visitor's number pad and the staff PIN pad.

Twelve keys, as on a phone: 1 to 9, then Erase, 0 and OK. A touch dispatches
``on_key(key)`` with the digit, ``"back"`` or ``"enter"``; the pad that holds the grid
decides what the key does.
"""

from kivy.metrics import sp
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.gridlayout import GridLayout

from ..rules import load_rules_beside
from . import controls  # noqa: F401  (QuietButton, in key_grid.kv)


class KeyGrid(GridLayout):
    """Three columns of keys; :attr:`prefix` names them for the pad (``pin_5``, ``key_enter``)."""

    prefix = StringProperty("key")
    #: The type size of the digits and OK, and of Erase (a longer word).
    digit_font_size = NumericProperty(sp(30))
    erase_font_size = NumericProperty(sp(20))
    __events__ = ("on_key",)

    def named_keys(self) -> dict:
        """Each key by its name for the pad's ids: ``{prefix}_{digit|back|enter}``."""
        return {f"{self.prefix}_{child.key}": child for child in self.children}

    def on_key(self, key: str):
        pass


load_rules_beside(__file__)
