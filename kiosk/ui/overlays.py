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
