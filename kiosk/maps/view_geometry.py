"""Where a plan lies in its view: fitted whole, zoomed about a point, panned, and which pin
a finger touched. No Kivy here, so the rules are tested without a window.

Coordinates:

- a point of the plan is given as fractions of its image, ``x`` from the left and ``y``
  from the TOP (as a plan is drawn and as ``stops.yaml`` gives a stop's place);
- a point of the view is in pixels from the view's bottom-left corner, ``y`` up (as Kivy
  draws).

At zoom 1 the whole plan is visible, as large as the view allows, centred (letterboxed
along one side). Zoom goes from :data:`MIN_ZOOM` to :data:`MAX_ZOOM`. The plan can never
be lost: along a side where it is smaller than the view it stays centred, along a side
where it is larger it always covers the view (no gap beyond its edges).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from math import hypot
from typing import Hashable, Iterable

#: The whole plan.
MIN_ZOOM = 1.0
#: As far in as a visitor can go: a quarter of the plan's width fills the view.
MAX_ZOOM = 4.0


def clamp_zoom(zoom: float) -> float:
    return min(MAX_ZOOM, max(MIN_ZOOM, zoom))


def _clamp_side(offset: float, drawn: float, view: float) -> float:
    """The plan's offset along one side: centred if it fits, else covering the view."""
    if drawn <= view:
        return (view - drawn) / 2
    return min(0.0, max(view - drawn, offset))


@dataclass(frozen=True)
class PlanTransform:
    """A plan of ``plan_size`` (pixels of its image) shown in a view of ``view_size``,
    zoomed ``zoom`` times beyond the whole plan, its bottom-left corner at ``offset``
    (view pixels). Make one with :func:`fit`; every method returns a new, clamped one."""

    plan_size: tuple[float, float]
    view_size: tuple[float, float]
    zoom: float = MIN_ZOOM
    offset: tuple[float, float] = (0.0, 0.0)

    # -- sizes -------------------------------------------------------------------------
    @property
    def fit_scale(self) -> float:
        """View pixels per plan pixel at zoom 1 (the whole plan in the view)."""
        (pw, ph), (vw, vh) = self.plan_size, self.view_size
        if pw <= 0 or ph <= 0 or vw <= 0 or vh <= 0:
            return 0.0
        return min(vw / pw, vh / ph)

    @property
    def scale(self) -> float:
        """View pixels per plan pixel now."""
        return self.fit_scale * self.zoom

    @property
    def drawn_size(self) -> tuple[float, float]:
        """The plan's size on screen now (view pixels)."""
        scale = self.scale
        return self.plan_size[0] * scale, self.plan_size[1] * scale

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Where the plan is drawn: (x, y, width, height) in the view."""
        return (*self.offset, *self.drawn_size)

    # -- moving ------------------------------------------------------------------------
    def clamped(self) -> "PlanTransform":
        """The same view with zoom within the limits and the plan where it may be."""
        zoom = clamp_zoom(self.zoom)
        view = replace(self, zoom=zoom)
        width, height = view.drawn_size
        x = _clamp_side(self.offset[0], width, self.view_size[0])
        y = _clamp_side(self.offset[1], height, self.view_size[1])
        return replace(view, offset=(x, y))

    def panned(self, dx: float, dy: float) -> "PlanTransform":
        """Moved by (dx, dy) view pixels, as far as the plan's edges allow."""
        return replace(self, offset=(self.offset[0] + dx, self.offset[1] + dy)).clamped()

    def zoomed(self, factor: float, about: tuple[float, float]) -> "PlanTransform":
        """Zoomed by ``factor`` (within the limits) about the view point ``about``: the
        point of the plan under it stays there, unless the plan's edges forbid it."""
        zoom = clamp_zoom(self.zoom * factor)
        if self.scale <= 0:
            return replace(self, zoom=zoom).clamped()
        ratio = zoom / self.zoom
        ax, ay = about
        x = ax - (ax - self.offset[0]) * ratio
        y = ay - (ay - self.offset[1]) * ratio
        return replace(self, zoom=zoom, offset=(x, y)).clamped()

    def centred_on(self, fx: float, fy: float, zoom: float | None = None) -> "PlanTransform":
        """The plan point (fx, fy) in the middle of the view (as near as the edges
        allow), at ``zoom`` if given."""
        view = replace(self, zoom=clamp_zoom(self.zoom if zoom is None else zoom))
        width, height = view.drawn_size
        x = view.view_size[0] / 2 - fx * width
        y = view.view_size[1] / 2 - (1 - fy) * height
        return replace(view, offset=(x, y)).clamped()

    def resized(self, view_size: tuple[float, float]) -> "PlanTransform":
        """The same zoom in a view of another size, the plan point that was in the middle
        of the view still there."""
        middle = self.to_fraction(self.view_size[0] / 2, self.view_size[1] / 2)
        return replace(self, view_size=tuple(view_size)).centred_on(*middle)

    # -- points ------------------------------------------------------------------------
    def to_view(self, fx: float, fy: float) -> tuple[float, float]:
        """The view point of the plan point (fx from the left, fy from the top)."""
        width, height = self.drawn_size
        return self.offset[0] + fx * width, self.offset[1] + (1 - fy) * height

    def to_fraction(self, x: float, y: float) -> tuple[float, float]:
        """The plan point (fractions, y from the top) at the view point (x, y); outside
        0..1 when the point is beside the plan."""
        width, height = self.drawn_size
        if width <= 0 or height <= 0:
            return 0.5, 0.5
        return (x - self.offset[0]) / width, 1 - (y - self.offset[1]) / height

    def on_plan(self, x: float, y: float) -> bool:
        fx, fy = self.to_fraction(x, y)
        return 0 <= fx <= 1 and 0 <= fy <= 1


def fit(plan_size: tuple[float, float], view_size: tuple[float, float]) -> PlanTransform:
    """The whole plan, centred in the view (zoom 1)."""
    return PlanTransform(tuple(plan_size), tuple(view_size)).clamped()


def hit(pins: Iterable[tuple[Hashable, float, float]], x: float, y: float,
        radius: float):
    """The key of the pin nearest to the view point (x, y) among those whose centre is
    within ``radius`` of it, or None. ``pins``: (key, centre x, centre y) in view
    pixels; pins are circles of one on-screen size, so the nearest centre wins."""
    best, best_distance = None, radius
    for key, px, py in pins:
        distance = hypot(px - x, py - y)
        if distance < best_distance or (best is None and distance == radius):
            best, best_distance = key, distance
    return best
