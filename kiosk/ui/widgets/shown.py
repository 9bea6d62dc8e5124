"""One way to show and hide a widget a visitor could touch.

``shown: False`` in a kv rule dims the widget to :attr:`hidden_opacity` (0: gone; .35:
greyed, so the visitor sees it exists) and disables it, together, so a widget that is
not shown never takes a touch.
"""

from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label


class ShownBehavior:
    """Mixin for a widget class: :attr:`shown` sets its ``opacity`` and ``disabled``."""

    shown = BooleanProperty(True)
    #: The opacity while not shown.
    hidden_opacity = NumericProperty(0)

    def __init__(self, **kwargs):
        # Bound before the kv rules run, so a rule's ``shown: False`` counts; a widget
        # whose rules never set it keeps its opacity and disabled untouched.
        self.fbind("shown", self._apply_shown)
        self.fbind("hidden_opacity", self._apply_shown)
        super().__init__(**kwargs)

    def _apply_shown(self, *_args) -> None:
        if self.shown:
            self.opacity, self.disabled = 1, False
        else:
            self.opacity, self.disabled = self.hidden_opacity, True


class ShownLabel(ShownBehavior, Label):
    """A line of words that comes and goes (kv: ``shown: ...``)."""


class ShownBox(ShownBehavior, BoxLayout):
    """A row of controls that comes and goes; its controls take no touch while hidden."""
