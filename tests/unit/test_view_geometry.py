"""Where a plan lies in its view (kiosk.maps.view_geometry): the whole plan at zoom 1,
zoom within its limits, never lost off the view, zoom about the fingers, plan points and
view points, and which pin a finger touched."""

from __future__ import annotations

import pytest

from kiosk.maps.view_geometry import MAX_ZOOM, MIN_ZOOM, PlanTransform, fit, hit

WIDE = (2000, 1000)    # a plan twice as wide as high
VIEW = (800, 600)      # a view less wide than the plan


def close(a, b, tolerance=1e-6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_the_whole_plan_fits_centred_and_letterboxed():
    view = fit(WIDE, VIEW)
    x, y, width, height = view.box
    assert (view.zoom, width, height) == (1.0, 800, 400)
    assert (x, y) == (0, 100)            # a band of 100 px above and below
    tall = fit((500, 1000), VIEW)
    assert tall.box == (250, 0, 300, 600)  # bands left and right


def test_zoom_stays_within_its_limits():
    view = fit(WIDE, VIEW)
    assert view.zoomed(0.25, (400, 300)).zoom == MIN_ZOOM == 1
    assert view.zoomed(100, (400, 300)).zoom == MAX_ZOOM == 4
    assert view.zoomed(3, (400, 300)).zoomed(3, (10, 10)).zoom == MAX_ZOOM
    assert PlanTransform(WIDE, VIEW, zoom=9).clamped().zoom == MAX_ZOOM


def test_at_zoom_1_no_drag_moves_the_plan():
    view = fit(WIDE, VIEW)
    for dx, dy in ((500, 0), (-500, 0), (0, 300), (0, -300), (90, -40)):
        assert view.panned(dx, dy).box == view.box


@pytest.mark.parametrize("zoom", [1.5, 2, 3, MAX_ZOOM])
def test_zoomed_in_the_plan_never_leaves_a_gap_at_any_edge(zoom):
    view = fit(WIDE, VIEW).centred_on(0.5, 0.5, zoom)
    width, height = view.drawn_size
    far = 10 * max(width, height)
    right = view.panned(far, 0)          # dragged as far right as it goes
    assert right.offset[0] == 0          # the plan's left edge at the view's left
    left = view.panned(-far, 0)
    assert left.offset[0] + width == VIEW[0]
    up = view.panned(0, far)
    down = view.panned(0, -far)
    if height <= VIEW[1]:                # still lower than the view: stays centred
        assert up.offset[1] == down.offset[1] == (VIEW[1] - height) / 2
    else:
        assert up.offset[1] == 0
        assert down.offset[1] + height == VIEW[1]
    for moved in (right, left, up, down):
        x, y, w, h = moved.box
        assert x <= 0 and x + w >= VIEW[0]   # wider than the view: covers it
        assert moved.zoom == zoom


def test_a_drag_moves_the_plan_by_as_much_as_the_finger_when_there_is_room():
    view = fit(WIDE, VIEW).centred_on(0.5, 0.5, 2)
    moved = view.panned(-60, 25)
    assert close(moved.offset, (view.offset[0] - 60, view.offset[1] + 25))


@pytest.mark.parametrize("about", [(400, 300), (250, 320), (700, 150)])
@pytest.mark.parametrize("factor", [1.3, 1.5, 0.8])
def test_zoom_about_a_point_keeps_the_plan_point_under_it(about, factor):
    start = fit(WIDE, VIEW).centred_on(0.5, 0.5, 2.5)
    under = start.to_fraction(*about)
    zoomed = start.zoomed(factor, about)
    assert zoomed.zoom == pytest.approx(2.5 * factor)
    assert close(zoomed.to_view(*under), about)


def test_zooming_back_out_returns_to_the_whole_plan():
    view = fit(WIDE, VIEW).zoomed(3, (100, 500)).panned(-200, 80)
    back = view.zoomed(1 / 3, (700, 100))
    assert back.zoom == 1 and close(back.box, fit(WIDE, VIEW).box)


def test_plan_fractions_from_the_top_left_and_view_points_from_the_bottom_left():
    view = fit(WIDE, VIEW)
    assert view.to_view(0, 0) == (0, 500)        # the plan's top-left corner
    assert view.to_view(1, 1) == (800, 100)      # its bottom-right corner
    assert view.to_view(0.5, 0.5) == (400, 300)
    for zoom, pan in ((1, (0, 0)), (2, (-100, 50)), (MAX_ZOOM, (-900, -300))):
        moved = view.centred_on(0.3, 0.7, zoom).panned(*pan)
        for point in ((0.1, 0.9), (0.42, 0.61), (1, 0), (0.5, 0.5)):
            assert close(moved.to_fraction(*moved.to_view(*point)), point)
    assert not view.on_plan(400, 50) and view.on_plan(400, 300)


def test_a_point_shown_is_centred_unless_the_edges_forbid_it():
    view = fit(WIDE, VIEW)
    middle = view.centred_on(0.4, 0.6, 2)
    assert close(middle.to_view(0.4, 0.6), (400, 300))
    corner = view.centred_on(0, 0, 2)       # the top-left corner: as near as it goes
    assert close(corner.to_view(0, 0), (0, 600))
    assert close(corner.box[:2], (0, 600 - corner.drawn_size[1]))


def test_a_resized_view_keeps_its_zoom_and_middle():
    view = fit(WIDE, VIEW).centred_on(0.3, 0.4, 3)
    wider = view.resized((1000, 700))
    assert wider.zoom == 3
    assert close(wider.to_fraction(500, 350), (0.3, 0.4))


def test_an_empty_view_or_plan_does_not_fail():
    for plan, view_size in (((0, 0), VIEW), (WIDE, (0, 0))):
        view = fit(plan, view_size).zoomed(2, (10, 10)).panned(5, 5)
        assert view.scale == 0 and view.to_fraction(1, 1) == (0.5, 0.5)


def test_the_nearest_pin_within_the_radius_wins():
    pins = [("arch", 100, 100), ("wall", 130, 100), ("museum", 400, 400)]
    assert hit(pins, 100, 100, 24) == "arch"
    assert hit(pins, 112, 100, 24) == "arch"      # 12 from the arch, 18 from the wall
    assert hit(pins, 118, 104, 24) == "wall"
    assert hit(pins, 400, 424, 24) == "museum"    # on the edge of its circle
    assert hit(pins, 400, 425, 24) is None        # just beyond it
    assert hit(pins, 250, 250, 24) is None
    assert hit([], 0, 0, 24) is None
