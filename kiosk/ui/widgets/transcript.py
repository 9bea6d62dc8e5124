"""The whole narration as text, sentence by sentence; touching one plays from there."""

from kivy.properties import NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label

from ..rules import load_rules_beside
from .overlay import Overlay
from .scrolling import ScrollArea  # noqa: F401  (the lines' scroller, in transcript.kv)
from . import controls  # noqa: F401  (QuietButton, in transcript.kv)


class TranscriptLine(ButtonBehavior, Label):
    """One sentence; :attr:`index` is its cue number, :attr:`start` where it begins."""

    index = NumericProperty(0)
    start = NumericProperty(0.0)


class TranscriptView(Overlay):
    """Filled from the narration's captions each time it opens."""

    title = StringProperty("")

    def fill(self, title: str, captions, on_choose) -> None:
        self.title = title
        lines = self.ids.lines
        lines.clear_widgets()
        for index, cue in enumerate(captions.cues):
            line = TranscriptLine(text=cue.text, index=index, start=cue.start)
            line.bind(on_release=lambda line: on_choose(line.start))
            lines.add_widget(line)
        self.ids.scroller.scroll_y = 1


load_rules_beside(__file__)
