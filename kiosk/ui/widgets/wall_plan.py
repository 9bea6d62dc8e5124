"""Where a name stands on the Wall of Memory, drawn for a visitor facing the wall: the
whole wall as a strip of panels with the marked one standing out, that panel enlarged
below with the marked row bracketed and pointed to, and the words "Panel 57", "Row 12"
and where the panel is along the wall (in wall_plan.kv). The geometry is
kiosk/names/wall_layout.py; the marked panel and row differ from the others in shape and
outline, not only in colour."""

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, InstructionGroup, Line, Mesh, Rectangle, Triangle
from kivy.metrics import dp, sp
from kivy.properties import (AliasProperty, ColorProperty, NumericProperty, ObjectProperty,
                             OptionProperty)
from kivy.uix.widget import Widget

from ...names.wall_layout import Box, plan_wall, row_label_y, row_marks
from ..rules import load_rules_beside

#: Space between the lines of words beside the enlarged panel (dp).
WORDS_SPACING = 6


class WallPlan(Widget):
    """The wall of :attr:`panels` panels of :attr:`rows` rows with :attr:`panel` and
    :attr:`row` marked (0, or a number the wall does not have: nothing marked)."""

    panels = NumericProperty(0)
    rows = NumericProperty(0)
    panel = NumericProperty(0)
    row = NumericProperty(0)
    #: The type size (pixels) of the panel numbers over the strip.
    ruler_font = NumericProperty(sp(16))
    ground_colour = ColorProperty([0, 0, 0, 1])
    panel_colour = ColorProperty([0.3, 0.3, 0.3, 1])
    marked_colour = ColorProperty([1, 0.8, 0.4, 1])
    outline_colour = ColorProperty([1, 1, 1, 1])
    writing_colour = ColorProperty([0.7, 0.7, 0.7, 1])
    marked_writing_colour = ColorProperty([0, 0, 0, 1])
    #: The layout last drawn (kiosk.names.wall_layout.WallLayout).
    layout = ObjectProperty(None, allownone=True)
    #: Width and alignment of the words' column, for the labels in wall_plan.kv.
    words_width = NumericProperty(100)
    words_align = OptionProperty("left", options=("left", "right"))

    def _marks_panel(self) -> bool:
        return 1 <= self.panel <= self.panels

    def _marks_row(self) -> bool:
        return self.marks_panel and 1 <= self.row <= self.rows

    #: True when :attr:`panel` is one of the wall's: then it is marked and named.
    marks_panel = AliasProperty(_marks_panel, None, bind=("panel", "panels"))
    marks_row = AliasProperty(_marks_row, None, bind=("marks_panel", "row", "rows"))

    def __init__(self, **kwargs):
        self._drawing = InstructionGroup()
        self._numbers: dict[tuple[str, float], object] = {}
        self._redraw = Clock.create_trigger(self._draw, -1)
        super().__init__(**kwargs)
        for name in ("pos", "size", "panels", "rows", "panel", "row", "ruler_font",
                     "ground_colour", "panel_colour", "marked_colour", "outline_colour",
                     "writing_colour", "marked_writing_colour"):
            self.fbind(name, self._redraw)

    def on_kv_post(self, _base_widget) -> None:
        """Once the kv rule has laid the ground and made the words: draw over the ground,
        and again whenever the words change size."""
        self.canvas.before.add(self._drawing)
        for label in self._labels():
            label.fbind("texture_size", self._redraw)
        self._redraw()

    def _labels(self):
        ids = self.ids
        return ids.panel_words, ids.where_words, ids.row_words, ids.from_top

    # -- drawing ---------------------------------------------------------------------
    def _draw(self, *_args) -> None:
        if "panel_words" not in self.ids:
            return  # the kv rule has not run yet; on_kv_post draws
        layout = plan_wall(self.width, self.height, self.panels, self.rows, self.panel,
                           self.row, unit=dp(1), ruler_font=self.ruler_font)
        self.layout = layout
        group = self._drawing
        group.clear()
        self._place_words(layout)
        self._draw_ruler(layout)
        self._draw_strip(layout)
        if layout.zoom is not None:
            self._draw_callout(layout)
            self._draw_zoom(layout)
        group.add(Color(1, 1, 1, 1))

    def _add(self, colour, *instructions) -> None:
        self._drawing.add(Color(rgba=colour))
        for instruction in instructions:
            self._drawing.add(instruction)

    def _box(self, box: Box, colour, outline: float = 0) -> None:
        """``box`` filled, or only its outline ``outline`` pixels wide."""
        x, y = self.x + box.x, self.y + box.y
        if outline:
            self._add(colour, Line(rectangle=(x + outline / 2, y + outline / 2,
                                              box.width - outline, box.height - outline),
                                   width=outline / 2, joint="miter"))
        else:
            self._add(colour, Rectangle(pos=(x, y), size=(box.width, box.height)))

    def _number(self, text: str):
        key = (text, self.ruler_font)
        if key not in self._numbers:
            label = CoreLabel(text=text, font_size=self.ruler_font, color=(1, 1, 1, 1))
            label.refresh()
            self._numbers[key] = label.texture
        return self._numbers[key]

    def _draw_ruler(self, layout) -> None:
        for number in layout.ticks:
            box = layout.panel_box(number)
            texture = self._number(str(number))
            x = self.x + box.center_x - texture.width / 2
            x = min(max(x, self.x), self.right - texture.width)
            y = self.y + layout.ruler.center_y - texture.height / 2
            self._add(self.writing_colour, Rectangle(texture=texture, pos=(x, y),
                                                     size=texture.size))
            self._add(self.writing_colour,
                      Line(points=(self.x + box.center_x, self.y + layout.ruler.y,
                                   self.x + box.center_x, self.y + box.top + layout.raised),
                           width=dp(1)))

    def _draw_strip(self, layout) -> None:
        for number in range(1, layout.panels + 1):
            self._box(layout.panel_box(number), self.panel_colour)
        marked = layout.marked_box()
        if marked is None:
            return
        moat = dp(3)
        self._box(marked.grown(moat, 0), self.ground_colour)
        self._box(marked, self.marked_colour)
        self._box(marked, self.outline_colour, outline=dp(3))

    def _draw_callout(self, layout) -> None:
        """The marked panel's outline widening down to the enlarged panel, lightly filled."""
        marked, zoom = layout.marked_box(), layout.zoom
        x, y = self.x, self.y
        corners = ((marked.x, marked.y), (marked.right, marked.y), (zoom.right, zoom.top),
                   (zoom.x, zoom.top))
        vertices = [value for cx, cy in corners for value in (x + cx, y + cy, 0, 0)]
        faint = list(self.marked_colour[:3]) + [0.18]
        self._add(faint, Mesh(vertices=vertices, indices=[0, 1, 2, 3], mode="triangle_fan"))
        for (ax, ay), (bx, by) in ((corners[0], corners[3]), (corners[1], corners[2])):
            self._add(self.outline_colour, Line(points=(x + ax, y + ay, x + bx, y + by),
                                                width=dp(1)))

    def _draw_zoom(self, layout) -> None:
        zoom = layout.zoom
        self._box(zoom, self.ground_colour)
        self._box(zoom, self.outline_colour, outline=dp(3))
        mark_height = max(dp(1), layout.row_pitch * 0.45)
        for number in range(1, layout.rows + 1):
            if number != layout.row:
                self._writing(layout, number, mark_height, self.writing_colour)
        marked = layout.marked_row_box()
        if marked is None:
            return
        band = marked.grown(0, max(0.0, (dp(14) - marked.height) / 2))
        band = Box(zoom.x + dp(3), band.y, zoom.width - dp(6), band.height)
        self._box(band.grown(0, dp(3)), self.ground_colour)
        self._box(band, self.marked_colour)
        self._writing(layout, layout.row, max(mark_height, band.height * 0.4),
                      self.marked_writing_colour)
        self._pointer(layout, band)

    def _writing(self, layout, number: int, mark_height: float, colour) -> None:
        """One row of the enlarged panel as a line of written words."""
        row = layout.row_box(number)
        y = self.y + row.center_y - mark_height / 2
        self._add(colour, *(Rectangle(pos=(self.x + row.x + start * row.width, y),
                                      size=(length * row.width, mark_height))
                            for start, length in row_marks(number, layout.panel)))

    def _pointer(self, layout, band: Box) -> None:
        """A bracket around the marked row outside the panel, and an arrow to it from
        the row's words."""
        zoom, lane = layout.zoom, layout.lane
        outward = 1 if layout.words_side == "right" else -1
        edge = self.x + (zoom.right if outward > 0 else zoom.x)
        low, high = self.y + band.y - dp(5), self.y + band.top + dp(5)
        bracket_x = edge + outward * dp(8)
        self._add(self.outline_colour,
                  Line(points=(edge + outward * dp(2), low, bracket_x, low, bracket_x, high,
                               edge + outward * dp(2), high), width=dp(2), joint="miter"))
        tip_x, base_x = bracket_x + outward * dp(4), bracket_x + outward * dp(24)
        middle = self.y + band.center_y
        label = self.ids.row_words
        label_y = label.center_y
        end_x = self.x + (lane.right if outward > 0 else lane.x) - outward * dp(6)
        bend_x = (base_x + end_x) / 2
        self._add(self.marked_colour,
                  Triangle(points=(tip_x, middle, base_x, middle + dp(11),
                                   base_x, middle - dp(11))),
                  Line(points=(base_x, middle, bend_x, middle, bend_x, label_y,
                               end_x, label_y), width=dp(2.5), joint="miter"))

    def _place_words(self, layout) -> None:
        """The panel's words at the top of their column, toward the enlarged panel; the
        row's words level with the marked row, "counting from the top" under them, or
        after them on the same line when the column is too short for both lines."""
        panel_words, where_words, row_words, from_top = self._labels()
        words = layout.words
        if words is None:
            for label in self._labels():
                label.pos = self.pos
            return
        right = layout.words_side == "right"
        self.words_width = max(dp(40), words.width - dp(4))
        self.words_align = "left" if right else "right"
        left_edge, right_edge = self.x + words.x + dp(4), self.x + words.right - dp(4)

        def put(label, y, width=None):
            width = label.width if width is None else width
            label.pos = (left_edge if right else right_edge - width, y)

        spacing = dp(WORDS_SPACING)
        put(panel_words, self.y + words.top - panel_words.height)
        put(where_words, panel_words.y - spacing - where_words.height)
        block = panel_words.height + spacing + where_words.height
        needed = block + 2 * spacing + row_words.height + from_top.height
        beside = needed > words.height
        y = self.y + row_label_y(layout, block, row_words.height, 2 * spacing,
                                 below=0 if beside else from_top.height)
        if not beside:
            put(row_words, y)
            put(from_top, y - from_top.height)
            return
        gap = dp(12)
        put(row_words, y, row_words.width + gap + from_top.width)
        from_top.pos = (row_words.right + gap, y + (row_words.height - from_top.height) * 0.2)


load_rules_beside(__file__)
