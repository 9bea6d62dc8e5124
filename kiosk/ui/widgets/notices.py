"""Quiet questions put to the visitor: "Are you still there?" and a content note."""

from kivy.properties import NumericProperty, StringProperty

from ..rules import load_rules_beside
from .overlay import Overlay
from . import controls  # noqa: F401  (QuietButton, in notices.kv)


class StillThereView(Overlay):
    """Asked after a while without a touch; counts down, then the kiosk starts afresh."""

    seconds_left = NumericProperty(0)
    __events__ = ("on_continue",)

    @staticmethod
    def countdown_words(tr, seconds_left: float, _language=None) -> str:
        """The countdown, in the visitor's language (the kv rule also passes ``app.tr._``,
        read so that a change of language runs the rule again)."""
        seconds = int(seconds_left)
        words = tr.ngettext("The guide will start again for the next visitor in {seconds} second.", "The guide will start again for the next visitor in {seconds} seconds.", seconds)
        return words.format(seconds=seconds)

    def on_continue(self):
        pass


class ContentNoteView(Overlay):
    """Shown before a stop with difficult content; the visitor goes on or goes back."""

    note = StringProperty("")
    stop_title = StringProperty("")
    __events__ = ("on_accept", "on_decline")

    def on_accept(self):
        pass

    def on_decline(self):
        pass


load_rules_beside(__file__)
