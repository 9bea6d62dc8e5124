"""The views that open over a screen (the keypad, "Are you still there?", the transcript,
the content note): each made the first time it is asked for, or in the frames after the
first one, and all closed at once when a visit ends or something goes wrong."""

from __future__ import annotations

from typing import Callable


class OverlaySet:
    """Overlays by name, each made by its maker on first use."""

    def __init__(self, makers: dict[str, Callable[[], object]]):
        self._makers = makers
        self._made: dict[str, object] = {}

    @property
    def names(self) -> list[str]:
        return list(self._makers)

    def get(self, name: str):
        view = self._made.get(name)
        if view is None:
            view = self._made[name] = self._makers[name]()
        return view

    def made(self, name: str) -> bool:
        return name in self._made

    def showing(self, name: str) -> bool:
        view = self._made.get(name)
        return view is not None and view.parent is not None

    def close_all(self) -> None:
        for view in self._made.values():
            if view.parent is not None:
                view.dismiss(animation=False)


class VisitorOverlays:
    """A mixin of :class:`kiosk.ui.app.KioskApp` (``self`` is the app): the visitor's
    overlays by name, and how each is made and wired to the app."""

    @property
    def keypad(self):
        return self.overlays.get("keypad")

    @property
    def still_there(self):
        return self.overlays.get("still_there")

    @property
    def transcript(self):
        return self.overlays.get("transcript")

    @property
    def content_note(self):
        return self.overlays.get("content_note")

    def overlay_showing(self, name: str) -> bool:
        return self.overlays.showing(name)

    def _make_keypad(self):
        from .widgets.keypad import KeypadView

        view = KeypadView([])
        view.entry = self._keypad_entry
        view.bind(on_open_stop=lambda _pad, number: self.open_stop_number(number))
        return view

    def _make_still_there(self):
        from .widgets.notices import StillThereView

        view = StillThereView()
        view.bind(on_continue=lambda *_: self.visit.continue_visit())
        return view

    def _make_transcript(self):
        from .widgets.transcript import TranscriptView

        return TranscriptView()

    def _make_content_note(self):
        from .widgets.notices import ContentNoteView

        return ContentNoteView()
