"""A finger made in code, for the kiosk's pilot: selftest, the UI tests, the benchmarks
and the soak (`python -m bench.soak`).

Kivy's own ``kivy.tests.common.UnitTestTouch`` does the same, but its module imports
pytest, which only the test requirements install: selftest and `python -m bench` must
work on a kiosk set up with requirements.txt alone.
"""

from __future__ import annotations

from kivy.base import EventLoop
from kivy.input.motionevent import MotionEvent

_next_id = 0


class SyntheticTouch(MotionEvent):
    """One touch at window coordinates (x, y): ``touch_down()``, ``touch_move(x, y)``,
    ``touch_up()`` go through Kivy's input dispatch as a real finger's events do."""

    def __init__(self, x: float, y: float):
        global _next_id
        _next_id += 1
        super().__init__("synthetic", _next_id, self._relative(x, y),
                         is_touch=True, type_id="touch")
        self.profile = ["pos"]

    @staticmethod
    def _relative(x: float, y: float) -> dict:
        window = EventLoop.window
        return {"sx": x / (window.width - 1.0), "sy": y / (window.height - 1.0)}

    def depack(self, args) -> None:
        self.sx, self.sy = args["sx"], args["sy"]
        super().depack(args)

    def touch_down(self) -> None:
        EventLoop.post_dispatch_input("begin", self)

    def touch_move(self, x: float, y: float) -> None:
        self.move(self._relative(x, y))
        EventLoop.post_dispatch_input("update", self)

    def touch_up(self) -> None:
        EventLoop.post_dispatch_input("end", self)
