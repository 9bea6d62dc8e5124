"""The drawing of the Wall of Memory as geometry (kiosk/names/wall_layout.py): panel N
where a visitor facing the wall would look for it, the marked panel larger than the rest,
its rows top to bottom in the enlarged panel, and nothing drawn outside the drawing."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kiosk.names.wall_layout import Box, plan_wall, row_label_y, row_marks, ruler_ticks

#: About what the screen that shows a name's place gives the drawing at 1280x800.
WIDTH, HEIGHT = 1200.0, 420.0
WIDGET = Box(0, 0, WIDTH, HEIGHT)


def demo(panel=57, row=12, **size):
    """The demo list's wall (120 panels of 40 rows) with one name marked."""
    return plan_wall(size.get("width", WIDTH), size.get("height", HEIGHT), 120, 40, panel, row)


def test_the_panels_run_left_to_right_in_order_across_the_drawing():
    layout = demo()
    boxes = [layout.panel_box(n) for n in range(1, 121)]
    assert all(WIDGET.contains(box) for box in boxes)
    assert all(a.right <= b.x for a, b in zip(boxes, boxes[1:]))
    assert {(box.y, box.height) for box in boxes} == {(layout.strip.y, layout.strip.height)}
    # the wall takes the drawing's width: panel 1 at the left edge, panel 120 at the right
    assert boxes[0].x < 0.05 * WIDTH and boxes[-1].right > 0.95 * WIDTH


@pytest.mark.parametrize("panel", [1, 30, 57, 90, 120])
def test_panel_n_stands_at_its_share_of_the_wall(panel):
    layout = demo(panel)
    strip = layout.strip
    expected = strip.x + (panel - 0.5) / 120 * strip.width
    assert abs(layout.panel_box(panel).center_x - expected) < 2 * layout.pitch


def test_the_panels_are_grouped_by_ten_under_the_numbers_1_10_20_to_120():
    layout = demo()
    assert layout.ticks == (1,) + tuple(range(10, 121, 10))
    space = [layout.panel_box(n + 1).x - layout.panel_box(n).right for n in range(1, 120)]
    wide = [n for n, gap in zip(range(1, 120), space) if gap > min(space) + 0.5]
    assert wide == list(range(10, 120, 10))  # after panel 10, 20, ... 110


def test_the_strip_lies_below_its_numbers_and_above_the_enlarged_panel():
    layout = demo()
    marked = layout.marked_box()
    assert layout.ruler.top <= HEIGHT and marked.top < layout.ruler.y
    assert layout.zoom.top < marked.y and layout.zoom.y >= 0


def test_the_marked_panel_is_larger_than_the_others_and_stands_out_of_the_strip():
    layout = demo(57)
    marked, own, neighbour = layout.marked_box(), layout.panel_box(57), layout.panel_box(58)
    assert marked.contains(own)
    assert marked.width > 1.5 * neighbour.width
    assert marked.top > layout.strip.top and marked.y < layout.strip.y
    assert WIDGET.contains(marked)


@pytest.mark.parametrize("panel", [1, 2, 119, 120])
def test_the_first_and_last_panels_marked_stay_inside_the_drawing(panel):
    layout = demo(panel, 40)
    for box in (layout.marked_box(), layout.zoom, layout.lane, layout.words):
        assert WIDGET.contains(box)


def test_the_enlarged_panel_stands_under_its_panel_and_the_words_take_the_wider_side():
    for panel in (30, 100):
        layout = demo(panel)
        assert abs(layout.zoom.center_x - layout.panel_box(panel).center_x) < 1
    for panel in range(1, 121):  # near the middle it leans aside, for the words' room
        layout = demo(panel)
        assert abs(layout.zoom.center_x - layout.panel_box(panel).center_x) < layout.zoom.width
        assert layout.words.width >= 0.45 * WIDTH - 1e-6
    middle, left, right = demo(57), demo(1), demo(120)
    assert left.words_side == "right" and left.words.x >= left.lane.right >= left.zoom.right
    assert right.words_side == "left" and right.words.right <= right.lane.x <= right.zoom.x
    for layout in (middle, left, right):
        assert layout.words.width > WIDTH / 3


def test_the_rows_run_top_to_bottom_inside_the_enlarged_panel():
    layout = demo()
    rows = [layout.row_box(m) for m in range(1, 41)]
    assert all(layout.zoom.contains(row) for row in rows)
    assert all(upper.y >= lower.top - 1e-6 for upper, lower in zip(rows, rows[1:]))
    assert rows[0].top > layout.zoom.top - 0.1 * layout.zoom.height  # row 1 at the top
    assert rows[-1].y < layout.zoom.y + 0.1 * layout.zoom.height     # row 40 at the bottom
    assert layout.marked_row_box() == rows[11]


@pytest.mark.parametrize("panel, row, panel_marked, row_marked", [
    (0, 0, 0, 0), (0, 12, 0, 0), (121, 12, 0, 0), (-3, 12, 0, 0),
    (57, 0, 57, 0), (57, 41, 57, 0), (57, -1, 57, 0), (120, 40, 120, 40)])
def test_only_a_panel_and_row_the_wall_has_are_marked(panel, row, panel_marked, row_marked):
    layout = demo(panel, row)
    assert (layout.panel, layout.row) == (panel_marked, row_marked)
    assert (layout.marked_box() is None) == (not panel_marked)
    assert (layout.zoom is None) == (not panel_marked)
    assert (layout.marked_row_box() is None) == (not row_marked)


def test_a_wall_with_no_panels_yet_draws_nothing():
    layout = plan_wall(WIDTH, HEIGHT, 0, 0, 57, 12)
    assert layout.ticks == () and layout.marked_box() is None and layout.zoom is None


@pytest.mark.parametrize("panels, pitch, expected", [
    (7, 150.0, (1, 2, 3, 4, 5, 6, 7)),
    (120, 9.7, (1,) + tuple(range(10, 121, 10))),
    (103, 10.0, (1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 103)),  # 100 too close to 103
    (118, 10.0, (1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 118)),
    (1, 1000.0, (1,)),
])
def test_the_numbers_over_the_strip_include_the_last_panel_and_never_crowd(panels, pitch,
                                                                          expected):
    ticks = ruler_ticks(panels, pitch, 64.0)
    assert ticks == expected
    assert all((b - a) * pitch >= 64.0 for a, b in zip(ticks, ticks[1:]))


def test_the_words_of_the_row_stand_level_with_it_when_there_is_room():
    layout = demo(57, 30)
    y = row_label_y(layout, block_height=80, label_height=40, spacing=10)
    assert y + 20 == pytest.approx(layout.marked_row_box().center_y)


def test_the_words_of_the_row_stay_below_the_panel_words_and_inside_the_column():
    top_row = demo(57, 1)
    y = row_label_y(top_row, block_height=80, label_height=40, spacing=10)
    assert y + 40 <= top_row.words.top - 80 - 10 + 1e-6
    bottom_row = demo(57, 40)
    y = row_label_y(bottom_row, block_height=80, label_height=40, spacing=10, below=25)
    assert y >= bottom_row.words.y + 25 - 1e-6


def test_each_row_is_drawn_as_a_line_of_words_within_the_row():
    lines = [row_marks(row, seed=57) for row in range(1, 41)]
    for marks in lines:
        assert 2 <= len(marks) <= 4
        assert all(0 <= start and start + length <= 1 for start, length in marks)
        assert all(a[0] + a[1] < b[0] for a, b in zip(marks, marks[1:]))
    assert len({tuple(marks) for marks in lines}) == 40
    assert row_marks(12, seed=57) == lines[11]  # the same drawing every time


@given(width=st.floats(120, 2600), height=st.floats(60, 1400), panels=st.integers(1, 400),
       rows=st.integers(1, 80), panel=st.integers(-2, 402), row=st.integers(-2, 82),
       unit=st.sampled_from([1.0, 1.5, 2.0]), font=st.floats(10, 40))
@example(width=200, height=120, panels=10, rows=5, panel=3, row=2, unit=2.0, font=40.0)
def test_every_part_of_any_drawing_lies_inside_it(width, height, panels, rows, panel, row,
                                                   unit, font):
    layout = plan_wall(width, height, panels, rows, panel, row, unit=unit, ruler_font=font)
    whole = Box(0, 0, width, height)
    boxes = [layout.panel_box(n) for n in range(1, panels + 1)]
    assert all(whole.contains(box, slack=1e-6 * width) for box in boxes)
    if layout.panel:
        assert whole.contains(layout.marked_box(), slack=1e-6 * width)
    assert all(a.right <= b.x + 1e-9 for a, b in zip(boxes, boxes[1:]))
    if layout.zoom is not None:
        parts = [layout.zoom, layout.lane, layout.words, layout.marked_box()]
        assert all(whole.contains(part, slack=1e-6 * width) for part in parts)
        if layout.row:
            assert layout.zoom.contains(layout.marked_row_box())
