"""The kiosk's screens, each built the first time it is needed.

Building every screen, overlay and kv rule before the first frame took about a fifth of
the kiosk's start (docs/performance.md). So the screen a visitor sees first is built at
once, and the others in the frames after the first one, one a frame (``build_next``);
anything that asks for a screen sooner (``get_screen``, ``current = name``) gets it built
on the spot, so nothing depends on that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Callable

from kivy.uix.screenmanager import Screen, ScreenManager

from .rules import load_rules_beside

@dataclass(frozen=True)
class ScreenPlan:
    """How to build one screen: its class (module under kiosk.ui).

    Importing the module loads the rules of the widgets it uses; the screen's own rule is
    the .kv file beside the module."""

    module: str
    cls: str
    options: Callable[[], dict] = field(default=dict)  # extra keyword arguments

    def build(self, name: str) -> Screen:
        module = import_module(f"kiosk.ui.{self.module}")
        load_rules_beside(module.__file__)
        return getattr(module, self.cls)(name=name, **self.options())


class ScreenSet(ScreenManager):
    """A ScreenManager whose screens are built on demand from their plans.

    ``on_built(screen)`` runs once for each screen just after it is built, before it is
    shown, so the app can fill it with the tour.
    """

    def __init__(self, plans: dict[str, ScreenPlan],
                 on_built: Callable[[Screen], None] | None = None, **kwargs):
        self._plans = dict(plans)
        self._on_built = on_built
        super().__init__(**kwargs)

    def is_built(self, name: str) -> bool:
        return name not in self._plans

    def has_screen(self, name: str) -> bool:
        return name in self._plans or super().has_screen(name)

    def get_screen(self, name: str) -> Screen:
        if name in self._plans:
            self._build(name)
        return super().get_screen(name)

    def build_next(self) -> bool:
        """Build one screen not built yet; False once every screen is built."""
        if not self._plans:
            return False
        self._build(next(iter(self._plans)))
        return bool(self._plans)

    def _build(self, name: str) -> None:
        screen = self._plans[name].build(name)
        del self._plans[name]  # only once built: a failure is tried again next time
        self.add_widget(screen)
        if self._on_built is not None:
            self._on_built(screen)
