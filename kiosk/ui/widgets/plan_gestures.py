"""The plan view's touches: one finger drags, a touch that hardly moves is a tap (a pin:
``on_pin``; elsewhere on the plan: ``on_point`` with the plan's fractions), two fingers
zoom about their centre, a mouse wheel zooms (for staff at a desk).

A mixin of :class:`kiosk.ui.widgets.plan_view.PlanView` (``self`` is the view): it keeps
the fingers down (``_fingers``, ``_starts``, ``_tap``, ``_pinch_start``, made by the view)
and moves the view through ``self._set(transform)``.
"""

from __future__ import annotations

from math import hypot

from kivy.metrics import dp

from ...maps.view_geometry import hit

#: A finger that moves less than this (dp) before it lifts has tapped.
TAP_SLOP = 10
#: One notch of a mouse wheel (for staff at a desk).
WHEEL_STEP = 1.2


class PlanGestures:
    """Touches on the plan."""

    def on_touch_down(self, touch):
        if not self.collide_point(*touch.pos):
            return False
        if getattr(touch, "is_mouse_scrolling", False):
            factor = WHEEL_STEP if touch.button in ("scrolldown", "scrollleft") else 1 / WHEEL_STEP
            self._set(self._view.zoomed(factor, (touch.x - self.x, touch.y - self.y)))
            return True
        touch.grab(self)
        self._fingers[touch.uid] = [touch.x, touch.y]
        self._starts[touch.uid] = (touch.x, touch.y)
        self._tap = touch.uid if len(self._fingers) == 1 else None
        self._pinch_start = None
        return True

    def on_touch_move(self, touch):
        if touch.grab_current is not self or touch.uid not in self._fingers:
            return False
        if self._tap == touch.uid:
            start = self._starts[touch.uid]
            if hypot(touch.x - start[0], touch.y - start[1]) < dp(TAP_SLOP):
                return True
            self._tap = None
        fingers = list(self._fingers)
        if len(fingers) >= 2 and touch.uid in fingers[:2]:
            self._pinch(touch, fingers[:2])
        elif len(fingers) == 1:
            last = self._fingers[touch.uid]
            self._set(self._view.panned(touch.x - last[0], touch.y - last[1]))
        self._fingers[touch.uid] = [touch.x, touch.y]
        return True

    def _pinch(self, touch, pair) -> None:
        """Two fingers: the plan as it was when the pinch began, zoomed by how far the
        fingers spread about where their middle was, then moved as their middle moved.
        (Measured from the start, so a step that meets an edge or a limit loses nothing.)"""
        if self._pinch_start is None or self._pinch_start[0] != tuple(pair):
            self._pinch_start = (tuple(pair), self._view,
                                 [tuple(self._fingers[uid]) for uid in pair])
        _pair, view, ((ax, ay), (bx, by)) = self._pinch_start
        now = {uid: tuple(self._fingers[uid]) for uid in pair}
        now[touch.uid] = (touch.x, touch.y)
        (cx, cy), (dx, dy) = (now[uid] for uid in pair)
        before, after = hypot(bx - ax, by - ay), hypot(dx - cx, dy - cy)
        middle_before = ((ax + bx) / 2, (ay + by) / 2)
        middle = ((cx + dx) / 2, (cy + dy) / 2)
        if before > dp(1) and after > dp(1):
            view = view.zoomed(after / before,
                               (middle_before[0] - self.x, middle_before[1] - self.y))
        self._set(view.panned(middle[0] - middle_before[0], middle[1] - middle_before[1]))

    def on_touch_up(self, touch):
        if touch.grab_current is not self:
            return False
        touch.ungrab(self)
        self._pinch_start = None
        self._fingers.pop(touch.uid, None)
        self._starts.pop(touch.uid, None)
        if self._tap == touch.uid:
            self._tap = None
            self._tapped(touch.x - self.x, touch.y - self.y)
        return True

    def _tapped(self, x: float, y: float) -> None:
        centres = {pin["stop_id"]: self._view.to_view(pin["x"], pin["y"]) for pin in self.pins}
        stop_id = None
        if self.selected in centres:  # drawn on top of the others, and larger
            stop_id = hit([(self.selected, *centres[self.selected])], x, y,
                          self.pin_diameter(self.selected) / 2 + dp(2))
        if stop_id is None:
            stop_id = hit([(key, *centre) for key, centre in centres.items()
                           if key != self.selected], x, y, self.pin_size / 2 + dp(2))
        if stop_id is not None:
            self.dispatch("on_pin", stop_id)
        elif self._view.on_plan(x, y):
            self.dispatch("on_point", *self._view.to_fraction(x, y))
