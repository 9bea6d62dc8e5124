"""The first screen a visitor meets: the museum's name, the language, and a way in."""

from kivy.uix.screenmanager import Screen


class HomeScreen(Screen):
    """Shows the museum's name in the chosen language and starts the tour."""
