"""The first screen a visitor meets: the museum's name, the language, and a way in."""

from kivy.uix.screenmanager import Screen
from ..rules import load_rules_beside
from ..widgets import toolbar  # noqa: F401  (its buttons, in home.kv)


class HomeScreen(Screen):
    """Shows the museum's name in the chosen language and starts the tour."""


load_rules_beside(__file__)
