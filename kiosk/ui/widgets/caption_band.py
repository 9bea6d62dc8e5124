"""The caption band: the cue being spoken, in at most two lines.

A cue's own line breaks are kept (the demo's cues are made of one or two lines of 42
characters). A cue that needs more than two lines at the visitor's type size (a long
line from staff's own captions, or larger text) is not shrunk, so that a visitor who
chose larger text keeps it: it is shown in pages of two lines, each for its share of the
cue's time (``kiosk.captions.band_pages``, ``page_at``).
"""

from __future__ import annotations

from kivy.core.text import Label as CoreLabel
from kivy.metrics import dp
from kivy.properties import NumericProperty, ObjectProperty
from kivy.uix.label import Label

from ...captions import band_pages, page_at
from .shown import ShownBehavior

#: Room left at each side of the band's text (pixels before dp), as stop.kv lays it out.
SIDE = 32


class CaptionBand(ShownBehavior, Label):
    """Shows :attr:`view`'s caption (a NarrationView), a page of two lines at a time."""

    view = ObjectProperty(None, allownone=True)
    #: The height of two lines of text at the band's type size (measured, then the tallest
    #: page shown at this size): the band keeps it while shown, so the screen above does
    #: not move between two sentences, and is not laid out and redrawn again at each (a
    #: moved story area also lights its scroll bar, which fades over many frames).
    two_lines = NumericProperty(0)

    def __init__(self, **kwargs):
        self._bound = None
        super().__init__(**kwargs)
        self.fbind("width", self.refresh)
        self.fbind("font_size", self.refresh)
        for name in ("font_size", "font_name", "line_height", "bold"):
            self.fbind(name, self._measure_two_lines)
        self.fbind("texture_size", self._keep_tallest)
        self._measure_two_lines()

    def _keep_tallest(self, _band, size) -> None:
        if self.text and size[1] > self.two_lines:
            self.two_lines = size[1]

    def _measure_two_lines(self, *_args) -> None:
        # with a width to wrap in, as the band has (Kivy then lays lines out a little
        # taller than without one)
        measure = CoreLabel(text="Ág\nÁg", font_size=self.font_size, font_name=self.font_name,
                            bold=self.bold, line_height=self.line_height,
                            text_size=(1000, None))
        measure.refresh()
        self.two_lines = measure.texture.size[1] if measure.texture else 2 * self.font_size

    def on_view(self, _band, view) -> None:
        if self._bound is not None:
            self._bound.unbind(caption=self.refresh, cue_index=self.refresh,
                               position=self.refresh)
        self._bound = view
        if view is not None:
            view.bind(caption=self.refresh, cue_index=self.refresh, position=self.refresh)
        self.refresh()

    @property
    def room(self) -> float:
        return max(self.width - 2 * dp(SIDE), dp(40))

    def fits(self, text: str) -> bool:
        measure = CoreLabel(font_size=self.font_size, font_name=self.font_name, bold=self.bold)
        return measure.get_extents(text)[0] <= self.room

    def refresh(self, *_args) -> None:
        view = self.view
        if view is None or not view.caption:
            self.text = ""
            return
        cues = view.captions.cues
        index = int(view.cue_index)
        cue = cues[index] if 0 <= index < len(cues) else None
        if cue is None or cue.text != view.caption:  # between two refreshes of the view
            self.text = view.caption
            return
        pages = band_pages(cue.lines or (cue.text,), self.fits)
        span = cue.end - cue.start
        fraction = (view.position - cue.start) / span if span > 0 else 0.0
        self.text = pages[page_at(pages, fraction)] if pages else ""
