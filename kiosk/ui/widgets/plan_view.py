"""One plan (the grounds, a floor of the museum) with the stops on it as numbered pins.

What a visitor sees and does:

- the plan image, whole at first (zoom 1), clipped to the widget;
- the stops as numbered discs of one on-screen size (at least 48 dp at every zoom, larger
  with larger text), a drawn tick on those this visitor opened, the selected one larger
  and ringed; a thin line through them in walking order; "You are here" as a figure of a
  person with the words, in a box pointing at the spot; one marked point as a star in a
  ring. Everything differs by shape and outline, not only by colour, so the plan reads in
  black and white and in both palettes;
- one finger drags the plan, a touch that hardly moves is a tap (a pin: ``on_pin``,
  elsewhere on the plan: ``on_point`` with the plan fractions), two fingers zoom about
  their centre; the plan can never be lost (kiosk/maps/view_geometry.py).

The picture is uploaded once as a texture. The pins and marks are made once (again only
when they or the theme change) and moved as a whole when the view moves; nothing is done
frame by frame while nothing changes.
"""

from __future__ import annotations

from math import cos, pi, sin

from kivy.clock import Clock
from kivy.core.image import Image as CoreImage
from kivy.core.text import Label as CoreLabel
from kivy.graphics import (Color, Ellipse, InstructionGroup, Line, Mesh, PopMatrix, PushMatrix,
                           Rectangle, Translate, Triangle)
from kivy.logger import Logger
from kivy.metrics import dp, sp
from kivy.properties import (BooleanProperty, ColorProperty, ListProperty, NumericProperty,
                             ObjectProperty, StringProperty)
from kivy.uix.stencilview import StencilView

from ...maps.view_geometry import MIN_ZOOM, PlanTransform, fit
from ..rules import load_rules_beside
from .plan_gestures import PlanGestures

#: How much larger the selected pin is drawn.
SELECTED_GROWTH = 1.25
#: Zoom that show_point goes to when the whole plan is shown.
SHOW_ZOOM = 2.0


def _segments(radius: float) -> int:
    """Sides enough for a circle of ``radius`` pixels to look round (Kivy's default of
    180 for every circle is most of a frame's drawing with sixteen pins)."""
    return int(min(96, max(20, radius)))


class PlanView(PlanGestures, StencilView):
    """The plan :attr:`source` with :attr:`pins`, :attr:`here` and :attr:`mark`."""

    source = StringProperty("")
    #: [{"stop_id", "number", "x", "y", "ticked"}], x and y fractions from the top-left,
    #: in walking order.
    pins = ListProperty([])
    #: A thin line through the pins in list order.
    route = BooleanProperty(True)
    #: (x, y) fractions: where this kiosk stands, or None.
    here = ObjectProperty(None, allownone=True)
    #: (x, y) fractions: one point marked (a name's panel), or None.
    mark = ObjectProperty(None, allownone=True)
    #: The stop whose pin is drawn selected.
    selected = StringProperty("")
    #: 1 = the whole plan; set by the view itself (reset_view, show_point, zoom_by).
    zoom = NumericProperty(MIN_ZOOM)

    # Set by plan_view.kv from the theme.
    pin_size = NumericProperty(dp(52))
    number_font = NumericProperty(sp(20))
    words_font = NumericProperty(sp(18))
    here_text = StringProperty("You are here")
    ground_colour = ColorProperty([0, 0, 0, 1])
    pin_colour = ColorProperty([1, 0.8, 0.4, 1])
    number_colour = ColorProperty([0, 0, 0, 1])
    outline_colour = ColorProperty([1, 1, 1, 1])
    route_colour = ColorProperty([0.7, 0.7, 0.7, 1])
    here_colour = ColorProperty([1, 1, 1, 1])
    mark_colour = ColorProperty([1, 0.8, 0.4, 1])

    __events__ = ("on_pin", "on_point")

    def __init__(self, **kwargs):
        self._texture = None
        self._view: PlanTransform = fit((1, 1), (0, 0))
        self._words: dict[tuple, object] = {}
        self._fingers: dict = {}     # touch uid -> [x, y] last applied (parent coordinates)
        self._starts: dict = {}      # touch uid -> (x, y) where it went down
        self._tap = None             # the uid of the touch that may still be a tap
        self._pinch_start = None     # (the two uids, the view, their positions) at its start
        self._picture_colour = Color(1, 1, 1, 1)
        self._picture = Rectangle(pos=(0, 0), size=(0, 0))
        self._overlay = InstructionGroup()
        self._target = self._overlay     # where _add puts instructions
        self._here = InstructionGroup()
        self._route = ()                  # the two lines of the walking order
        self._moving = []                 # (Translate, x, y): pins and mark, moved as a whole
        self._redraw = Clock.create_trigger(self._build, -1)
        self._replace = Clock.create_trigger(self._place, -1)
        super().__init__(**kwargs)
        self.canvas.add(self._picture_colour)
        self.canvas.add(self._picture)
        self.canvas.add(self._overlay)
        self.fbind("source", self._load)
        self.fbind("size", self._resized)
        self.fbind("pos", self._replace)
        for name in ("pins", "route", "here", "mark", "selected", "pin_size",
                     "number_font", "words_font", "here_text", "ground_colour", "pin_colour",
                     "number_colour", "outline_colour", "route_colour", "here_colour",
                     "mark_colour"):
            self.fbind(name, self._redraw)
        self._load()
        self._redraw()

    # -- what others call ------------------------------------------------------------
    def reset_view(self) -> None:
        """The whole plan, centred."""
        self._set(fit(self._plan_size(), self.size))

    def show_point(self, x: float, y: float) -> None:
        """The plan point (x, y) in the middle of the view (as near as the plan's edges
        allow), zoomed in to 2 if the whole plan was shown."""
        zoom = SHOW_ZOOM if self._view.zoom <= MIN_ZOOM else self._view.zoom
        self._set(self._view.centred_on(x, y, zoom))

    def zoom_by(self, factor: float, centre_window_xy) -> None:
        """Zoom by ``factor`` about a window point (what a pinch does), within the limits."""
        x, y = self.to_widget(*centre_window_xy)
        self._set(self._view.zoomed(factor, (x - self.x, y - self.y)))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the plan by (dx, dy) pixels (what a drag does), as far as its edges allow."""
        self._set(self._view.panned(dx, dy))

    def pin_centre(self, stop_id: str) -> tuple[float, float]:
        """Window coordinates of the centre of the pin of ``stop_id``."""
        for pin in self.pins:
            if pin["stop_id"] == stop_id:
                vx, vy = self._view.to_view(pin["x"], pin["y"])
                return tuple(self.to_window(self.x + vx, self.y + vy))
        raise LookupError(f"no pin for {stop_id!r} on this plan")

    def pin_diameter(self, stop_id: str = "") -> float:
        """A pin's diameter on screen (pixels): the same at every zoom."""
        return self.pin_size * (SELECTED_GROWTH if stop_id and stop_id == self.selected else 1)

    def plan_box(self) -> tuple[float, float, float, float]:
        """Where the plan is drawn now: (x, y, width, height) in window coordinates."""
        x, y, width, height = self._view.box
        wx, wy = self.to_window(self.x + x, self.y + y)
        return wx, wy, width, height

    def on_pin(self, stop_id: str) -> None:
        pass

    def on_point(self, x: float, y: float) -> None:
        pass

    # -- the view ------------------------------------------------------------------------
    def _plan_size(self):
        return tuple(self._texture.size) if self._texture is not None else tuple(self.size)

    def _load(self, *_args) -> None:
        self._texture = None
        if self.source:
            try:
                self._texture = CoreImage(self.source, mipmap=True).texture
            except Exception as error:  # noqa: BLE001 - a broken plan must not stop the kiosk
                Logger.warning(f"PlanView: the plan {self.source} cannot be shown: {error}")
        self._picture.texture = self._texture
        self._picture_colour.a = 1 if self._texture is not None else 0
        self.reset_view()

    def _resized(self, *_args) -> None:
        if self._view.scale <= 0 or self._texture is None:
            self.reset_view()
        else:
            self._set(self._view.resized(self.size))

    def _set(self, view: PlanTransform) -> None:
        self._view = view
        self.zoom = view.zoom
        self._replace()

    # -- drawing ---------------------------------------------------------------------
    def _word(self, text: str, font_size: float, bold: bool):
        key = (text, round(font_size, 1), bold)
        if key not in self._words:
            if len(self._words) > 256:
                self._words.clear()
            label = CoreLabel(text=text, font_size=font_size, bold=bold, color=(1, 1, 1, 1))
            label.refresh()
            self._words[key] = label.texture
        return self._words[key]

    def _add(self, colour, *instructions) -> None:
        self._target.add(Color(rgba=colour))
        for instruction in instructions:
            self._target.add(instruction)

    def _disc(self, colour, x: float, y: float, radius: float) -> None:
        self._add(colour, Ellipse(pos=(x - radius, y - radius), size=(2 * radius, 2 * radius),
                                  segments=_segments(radius)))

    def _build(self, *_args) -> None:
        """Make the drawing anew (the pins, marks or theme changed): each pin and the mark
        drawn about (0, 0) and moved into place by a Translate of its own."""
        overlay = self._overlay
        overlay.clear()
        self._target, self._moving, self._route = overlay, [], ()
        if self.route and len(self.pins) >= 2:
            self._route = (Line(points=[], width=dp(2.5), joint="round"),
                           Line(points=[], width=dp(1.2), joint="round"))
            self._add(self.ground_colour, self._route[0])
            self._add(self.route_colour, self._route[1])
        self._here = InstructionGroup()
        overlay.add(self._here)
        for pin in sorted(self.pins, key=lambda p: p["stop_id"] == self.selected):
            self._anchored(lambda pin=pin: self._draw_pin(pin, 0, 0), pin["x"], pin["y"])
        if self.mark is not None:
            self._anchored(lambda: self._draw_mark(0, 0), *self.mark)
        self._place()

    def _anchored(self, draw, fx: float, fy: float) -> None:
        translate = Translate(0, 0)
        for instruction in (PushMatrix(), translate):
            self._overlay.add(instruction)
        draw()
        self._overlay.add(PopMatrix())
        self._moving.append((translate, fx, fy))

    def _place(self, *_args) -> None:
        """Put the drawing where the view has the plan now: the picture, each pin and the
        mark moved (not made again), the route's points; "You are here" is laid out again
        (its box keeps inside the view)."""
        x, y, width, height = self._view.box
        self._picture.pos = (self.x + x, self.y + y)
        self._picture.size = (width, height)
        for translate, fx, fy in self._moving:
            translate.xy = self._at(fx, fy)
        if self._route:
            points = [value for pin in self.pins for value in self._at(pin["x"], pin["y"])]
            for line in self._route:
                line.points = points
        self._here.clear()
        if self.here is not None and self._view.scale > 0:
            self._target = self._here
            self._draw_here(*self._at(*self.here))
            self._target = self._overlay

    def _at(self, fx: float, fy: float) -> tuple[float, float]:
        vx, vy = self._view.to_view(fx, fy)
        return self.x + vx, self.y + vy

    def _draw_pin(self, pin: dict, cx: float, cy: float) -> None:
        selected = pin["stop_id"] == self.selected
        radius = self.pin_diameter(pin["stop_id"]) / 2
        edge = max(dp(2), radius * 0.1)
        if selected:  # a second ring outside, with a dark moat between
            self._disc(self.ground_colour, cx, cy, radius + dp(8))
            self._add(self.outline_colour, Line(circle=(cx, cy, radius + dp(5), 0, 360,
                                                           _segments(radius)), width=dp(2)))
        self._disc(self.ground_colour, cx, cy, radius + dp(1.5))
        self._disc(self.outline_colour, cx, cy, radius)
        self._disc(self.pin_colour, cx, cy, radius - edge)
        font = self.number_font * radius / (self.pin_size / 2)
        texture = self._word(str(pin.get("number", "")), font, bold=True)
        room = 2 * (radius - edge) * 0.86
        shrink = min(1.0, room / max(1, texture.width))
        tw, th = texture.width * shrink, texture.height * shrink
        self._add(self.number_colour,
                  Rectangle(texture=texture, pos=(cx - tw / 2, cy - th / 2), size=(tw, th)))
        if pin.get("ticked"):
            self._draw_tick(cx + radius * 0.72, cy + radius * 0.72, max(dp(11), radius * 0.42))

    def _draw_tick(self, cx: float, cy: float, radius: float) -> None:
        """A light badge with a dark check mark on the pin's upper right."""
        self._disc(self.ground_colour, cx, cy, radius + dp(1.5))
        self._disc(self.outline_colour, cx, cy, radius)
        points = (cx - radius * 0.5, cy + radius * 0.02, cx - radius * 0.12, cy - radius * 0.38,
                  cx + radius * 0.5, cy + radius * 0.42)
        self._add(self.ground_colour, Line(points=points, width=max(dp(1.6), radius * 0.16),
                                           joint="miter", cap="round"))

    def _draw_here(self, hx: float, hy: float) -> None:
        """A target on the spot, and above it (below, near the top edge) a box pointing at
        it with a person's figure and the words "You are here"."""
        self._disc(self.ground_colour, hx, hy, dp(10))
        self._disc(self.here_colour, hx, hy, dp(8))
        self._disc(self.ground_colour, hx, hy, dp(3.5))
        words = self._word(self.here_text, self.words_font, bold=True)
        pad = dp(8)
        figure = max(words.height * 1.3, dp(30))
        box_w = pad + figure * 0.6 + pad + words.width + pad
        box_h = figure + 2 * pad
        gap = dp(24)
        above = hy + gap + box_h <= self.top or hy - gap - box_h < self.y
        box_y = hy + gap if above else hy - gap - box_h
        box_x = min(max(hx - box_w / 2, self.x + dp(2)), self.right - box_w - dp(2))
        box_x = min(max(box_x, hx - box_w + dp(14)), hx - dp(14))  # the pointer under the box
        tip = hy + (dp(11) if above else -dp(11))
        base = box_y + dp(1) if above else box_y + box_h - dp(1)
        self._add(self.ground_colour,
                  Triangle(points=(hx, tip - (dp(2) if above else -dp(2)), hx - dp(12), base,
                                   hx + dp(12), base)))
        self._add(self.here_colour, Triangle(points=(hx, tip, hx - dp(9), base, hx + dp(9), base)))
        self._add(self.ground_colour, Rectangle(pos=(box_x, box_y), size=(box_w, box_h)))
        self._add(self.here_colour, Line(rectangle=(box_x, box_y, box_w, box_h), width=dp(2),
                                         joint="miter"))
        # The person: a head over shoulders narrowing to the feet.
        fx = box_x + pad + figure * 0.3
        bottom, s = box_y + pad, figure
        self._disc(self.here_colour, fx, bottom + s * 0.82, s * 0.17)
        body = (fx - s * 0.28, bottom + s * 0.6, fx + s * 0.28, bottom + s * 0.6,
                fx + s * 0.14, bottom, fx - s * 0.14, bottom)
        self._add(self.here_colour,
                  Mesh(vertices=[v for i in range(0, 8, 2) for v in (body[i], body[i + 1], 0, 0)],
                       indices=[0, 1, 2, 3], mode="triangle_fan"))
        self._add(self.here_colour,
                  Rectangle(texture=words, size=words.size,
                            pos=(fx + figure * 0.3 + pad, box_y + (box_h - words.height) / 2)))

    def _draw_mark(self, mx: float, my: float) -> None:
        """A five-pointed star inside a ring."""
        outer = self.pin_size * 0.5
        ring = outer + dp(6)
        circle = (mx, my, ring, 0, 360, _segments(ring))
        self._add(self.ground_colour, Line(circle=circle, width=dp(4)))
        self._add(self.outline_colour, Line(circle=circle, width=dp(2)))
        star = []
        for i in range(10):
            radius = outer if i % 2 == 0 else outer * 0.45
            angle = pi / 2 + i * pi / 5
            star.append((mx + radius * cos(angle), my + radius * sin(angle)))
        vertices = [mx, my, 0, 0] + [v for px, py in star + star[:1] for v in (px, py, 0, 0)]
        self._add(self.mark_colour, Mesh(vertices=vertices, indices=list(range(12)),
                                         mode="triangle_fan"))
        outline = [v for point in star for v in point]
        self._add(self.ground_colour, Line(points=outline, close=True, width=dp(2.5),
                                           joint="miter"))
        self._add(self.outline_colour, Line(points=outline, close=True, width=dp(1.2),
                                            joint="miter"))


load_rules_beside(__file__)
