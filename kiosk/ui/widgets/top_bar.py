"""The bar across the top of every screen: a way back, a heading, the language choice."""

from kivy.properties import ListProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

#: Each language named in itself, so a visitor finds their own whatever is showing.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


class LanguageSwitch(BoxLayout):
    """One button per language the museum offers; touching one switches at once."""

    languages = ListProperty([])
    current = StringProperty("")


class TopBar(BoxLayout):
    """:attr:`heading` in the middle; a back button named :attr:`back_text` on the left."""

    heading = StringProperty("")
    back_text = StringProperty("")
