"""The bar along the bottom of every screen, within reach from a wheelchair.

Each screen composes its own bar from these pieces: a way back, its own buttons, the
keypad, the two accessibility modes and the languages. The top of the screen only shows
where the visitor is (:class:`Header`); nothing there needs a touch.
"""

from kivy.factory import Factory
from kivy.properties import AliasProperty, ListProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.stacklayout import StackLayout

from ..rules import load_rules_beside
from .controls import QuietButton

#: Each language named in itself, so a visitor finds their own whatever is showing.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


class Header(BoxLayout):
    """A quiet line across the top: :attr:`heading` (where the visitor is)."""

    heading = StringProperty("")


class Toolbar(StackLayout):
    """The bottom bar; its buttons are given by each screen's kv rule. With larger text
    the buttons no longer fit one row, and the bar wraps onto a second."""


class LanguageRow(BoxLayout):
    """One button per language of the tour (:attr:`languages`, the app's), in the tour's
    order; touching one switches at once. Each button is in :attr:`ids` as ``lang_<code>``.
    """

    languages = ListProperty([])
    #: The class of its buttons, by its kv name.
    button_class = StringProperty("LanguageButton")

    def on_languages(self, *_args) -> None:
        for button in [child for child in self.children if isinstance(child, LanguageButton)]:
            self.remove_widget(button)
            self.ids.pop(f"lang_{button.code}", None)
        for code in self.languages:
            button = Factory.get(self.button_class)(code=code)
            self.add_widget(button)
            self.ids[f"lang_{code}"] = button

    on_button_class = on_languages


class LanguageSwitch(LanguageRow):
    """The languages in the bottom bar."""


class LanguageButton(QuietButton):
    """Switches the whole kiosk to :attr:`code`."""

    code = StringProperty("")
    #: The language named in itself.
    language_name = AliasProperty(lambda self: LANGUAGE_NAMES.get(self.code, self.code),
                                  bind=["code"], cache=True)


class TextSizeButton(QuietButton):
    """Turns larger text on and off."""


class ContrastButton(QuietButton):
    """Turns high contrast on and off; draws a half-filled circle."""


class KeypadButton(QuietButton):
    """Opens the number pad, for the number shown at an exhibit."""


class SpokenButton(QuietButton):
    """Starts or ends the spoken guide (for a companion; a blind visitor starts it from
    the number pad)."""


class MapButton(QuietButton):
    """Opens the plan where the kiosk stands; only where the tour has plans."""


load_rules_beside(__file__)
