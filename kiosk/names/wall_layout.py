"""The drawing of the Wall of Memory that shows a visitor where a name stands, as plain
geometry: the rectangle of each panel in the strip of the whole wall, the marked panel
drawn larger, the same panel enlarged below the strip with its rows, and the place of
the words beside it. Kivy-free, so it is tested without a window;
kiosk/ui/widgets/wall_plan.py draws it.

Coordinates are Kivy's: pixels from the drawing's lower-left corner, y upwards. The wall
runs left to right as a visitor facing it sees it (panel 1 on the left); a panel's rows
run from the top (row 1) down. ``unit`` is the size of one dp in pixels.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

#: The enlarged panel's width as a share of its height.
ZOOM_ASPECT = 0.62
#: Room between the enlarged panel and its words for the bracket and arrow (dp).
ARROW_LANE = 72
#: The words beside the enlarged panel get at least this share of the drawing's width.
WORDS_SHARE = 0.45
#: The panel numbers over the strip are this many of their type size apart, at least.
TICK_SPACING = 4.0
#: Steps the panel numbers may be written at: 1, 2, 5, 10, 20, 50, ...
TICK_STEPS = tuple(base * 10 ** power for power in range(6) for base in (1, 2, 5))


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: lower-left corner, width and height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def center_y(self) -> float:
        return self.y + self.height / 2

    def grown(self, dx: float, dy: float) -> "Box":
        """Larger by ``dx`` on the left and right and ``dy`` above and below."""
        return Box(self.x - dx, self.y - dy, self.width + 2 * dx, self.height + 2 * dy)

    def contains(self, other: "Box", slack: float = 1e-6) -> bool:
        return (other.x >= self.x - slack and other.y >= self.y - slack
                and other.right <= self.right + slack and other.top <= self.top + slack)


@dataclass(frozen=True, slots=True)
class WallLayout:
    """Where everything of one drawing goes (see :func:`plan_wall`)."""

    panels: int
    rows: int
    #: The marked panel and row; 0 when nothing (or nothing that exists) is marked.
    panel: int
    row: int
    #: The band above the strip where the panel numbers are written, and those numbers.
    ruler: Box
    ticks: tuple[int, ...]
    #: The whole wall, one strip of panels.
    strip: Box
    #: Left edge of panel 1; panel to panel; the empty space between two panels; every
    #: ``group`` panels (those between two numbers) a wider space, ``group_gap``.
    start: float
    pitch: float
    gap: float
    group: int
    group_gap: float
    #: How far the marked panel stands out of the strip, above and below, and on each side.
    raised: float
    widened: float
    #: The marked panel enlarged (None when nothing is marked).
    zoom: Box | None
    #: The inside of the enlarged panel, where its rows are, and one row's height.
    lines: Box | None
    row_pitch: float
    #: Between the enlarged panel and the words: the bracket and arrow to the marked row.
    lane: Box | None
    #: Where the words go, and on which side of the enlarged panel ("left" or "right").
    words: Box | None
    words_side: str

    def panel_box(self, number: int) -> Box:
        """Panel ``number`` (1 = leftmost) in the strip, as all unmarked panels are drawn."""
        index = number - 1
        x = self.start + index * self.pitch + (index // self.group) * self.group_gap
        return Box(x + self.gap / 2, self.strip.y, self.pitch - self.gap, self.strip.height)

    def marked_box(self) -> Box | None:
        """The marked panel as it is drawn: larger than the others, standing out."""
        if not self.panel:
            return None
        return self.panel_box(self.panel).grown(self.widened, self.raised)

    def row_box(self, number: int) -> Box:
        """Row ``number`` (1 = top) of the enlarged panel, the full width of its lines."""
        lines = self.lines
        return Box(lines.x, lines.top - number * self.row_pitch, lines.width, self.row_pitch)

    def marked_row_box(self) -> Box | None:
        if not self.row or self.lines is None:
            return None
        return self.row_box(self.row)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def ruler_ticks(panels: int, pitch: float, spacing: float) -> tuple[int, ...]:
    """The panel numbers to write over a strip of ``panels`` panels ``pitch`` apart, no two
    closer than ``spacing``: 1, then every 1, 2, 5, 10, 20... panels, and the last one."""
    if panels <= 0:
        return ()
    if pitch <= 0:
        return (1,)
    step = next((s for s in TICK_STEPS if s * pitch >= spacing), TICK_STEPS[-1])
    numbers = [1] + [n for n in range(step, panels + 1, step)
                     if n > 1 and (n - 1) * pitch >= spacing]
    if numbers[-1] != panels and panels > 1:
        if (panels - numbers[-1]) * pitch >= spacing:
            numbers.append(panels)
        elif len(numbers) > 1:
            numbers[-1] = panels  # the wall's last panel says more than a round number
    return tuple(numbers)


def plan_wall(width: float, height: float, panels: int, rows: int, panel: int = 0,
              row: int = 0, *, unit: float = 1.0, ruler_font: float = 16.0) -> WallLayout:
    """The drawing of a wall of ``panels`` panels of ``rows`` rows in ``width`` x
    ``height`` pixels, with ``panel`` and ``row`` marked (0 or a number beyond the wall:
    nothing marked). ``ruler_font``: the type size of the panel numbers, in pixels."""
    panels, rows = max(0, int(panels)), max(0, int(rows))
    panel = int(panel) if 1 <= panel <= panels else 0
    row = int(row) if panel and 1 <= row <= rows else 0
    width, height = max(0.0, width), max(0.0, height)

    # From the top: the numbers, a tick's room, the strip, the callout, the enlarged panel.
    ruler = Box(0, height - ruler_font * 1.3, width, ruler_font * 1.3)
    room = max(0.0, ruler.y - 5 * unit)  # for the strip and the marked panel standing out
    preferred = _clamp(height * 0.15, 28 * unit, 80 * unit)
    raised = min(max(5 * unit, preferred * 0.2), room * 0.15)
    strip_height = max(0.0, min(preferred, room - 2 * raised))
    strip = Box(0, room - raised - strip_height, width, strip_height)
    zoom_top = strip.y - raised - max(18 * unit, height * 0.07)

    # Across: margins wide enough for the first and last number and a widened panel.
    margin = max(ruler_font * 1.2, 10 * unit)
    span = max(0.0, width - 2 * margin)
    rough_pitch = span / panels if panels else 0.0
    ticks = ruler_ticks(panels, rough_pitch, TICK_SPACING * ruler_font)
    step = ticks[1] if len(ticks) > 2 else 0
    group = step if step >= 5 and panels > step else max(panels, 1)
    gap = min(2 * unit, rough_pitch * 0.25)
    group_gap = 2 * gap if group < panels else 0.0
    groups = -(-panels // group) if panels else 0
    pitch = (span - max(0, groups - 1) * group_gap) / panels if panels else 0.0
    widened = min(max(4 * unit, pitch * 0.6), 8 * unit + pitch * 0.1, margin)
    strip = Box(margin, strip.y, span, strip_height)

    layout = dict(panels=panels, rows=rows, panel=panel, row=row, ruler=ruler, ticks=ticks,
                  strip=strip, start=margin, pitch=pitch, gap=gap, group=group,
                  group_gap=group_gap, raised=raised, widened=widened, row_pitch=0.0,
                  zoom=None, lines=None, lane=None, words=None, words_side="right")
    if not panel or rows <= 0 or zoom_top < 48 * unit or width < 200 * unit:
        return WallLayout(**layout)

    zoom_width = min(zoom_top * ZOOM_ASPECT, width * 0.3)
    marked = WallLayout(**layout).panel_box(panel)
    zoom_x = _clamp(marked.center_x - zoom_width / 2, margin, width - margin - zoom_width)
    lane_width = ARROW_LANE * unit
    # Under its panel, the words on the wider side; if even that is narrow (a panel near
    # the middle), the enlarged panel moves aside a little, so the words need fewer lines.
    wanted = WORDS_SHARE * width
    right = width - (zoom_x + zoom_width) >= zoom_x
    if right:
        zoom_x = max(margin, min(zoom_x, width - wanted - lane_width - zoom_width))
    else:
        zoom_x = min(width - margin - zoom_width, max(zoom_x, wanted + lane_width))
    zoom = Box(zoom_x, 0, zoom_width, zoom_top)
    pad_x, pad_y = max(6 * unit, zoom_width * 0.08), max(6 * unit, zoom_top * 0.03)
    lines = Box(zoom.x + pad_x, pad_y, zoom_width - 2 * pad_x, zoom_top - 2 * pad_y)
    if right:
        side, lane = "right", Box(zoom.right, 0, lane_width, zoom_top)
        words = Box(lane.right, 0, max(0.0, width - lane.right), zoom_top)
    else:
        side, lane = "left", Box(zoom.x - lane_width, 0, lane_width, zoom_top)
        words = Box(0, 0, max(0.0, lane.x), zoom_top)
    layout.update(zoom=zoom, lines=lines, row_pitch=lines.height / rows, lane=lane,
                  words=words, words_side=side)
    return WallLayout(**layout)


def row_label_y(layout: WallLayout, block_height: float, label_height: float,
                spacing: float, below: float = 0.0) -> float:
    """Where the row's words go (their lower edge): level with the marked row, but below
    the panel's words (``block_height`` tall, at the top of the words' column) and inside
    the column, with room for ``below`` more under them."""
    words, marked = layout.words, layout.marked_row_box()
    if words is None or marked is None:
        return 0.0
    lowest = words.y + below
    highest = words.top - block_height - spacing - label_height
    return _clamp(marked.center_y - label_height / 2, lowest, max(lowest, highest))


def row_marks(row: int, seed: int = 0) -> list[tuple[float, float]]:
    """A row of the enlarged panel drawn as a line of writing: the words of one name, as
    (start, length) shares of the row's width, different from row to row and always the
    same for one row (``seed``: the panel)."""
    chance = random.Random(seed * 100_003 + row)
    marks, start = [], 0.0
    for _word in range(4):
        length = chance.uniform(0.14, 0.32)
        if start + length > 1.0:
            break
        marks.append((start, length))
        start += length + chance.uniform(0.04, 0.08)
    return marks
