"""The plan view (kiosk/ui/widgets/plan_view.py) in the kiosk's real window: numbered pins a
finger can hit at every zoom, one finger drags the plan and two fingers zoom it, never
losing it off the view; ticks, "You are here" and a marked point drawn so that they read
in grey alone, in both palettes and with larger text (issue #16)."""

from __future__ import annotations

import pytest
from kivy.core.window import Window
from kivy.metrics import dp
from PIL import Image, ImageDraw

from kiosk.maps.view_geometry import MAX_ZOOM
from kiosk.ui.pilot import _as_kivy_loop
from kiosk.ui.synthetic_touch import SyntheticTouch

PLAN = (1600, 1000)
PLAN_GREY = (118, 124, 130)
#: Twelve stops in three rows of four, in walking order.
PINS = [{"stop_id": f"stop-{n}", "number": 101 + n,
         "x": (0.12, 0.37, 0.62, 0.87)[n % 4], "y": (0.15, 0.5, 0.85)[n // 4],
         "ticked": n in (2, 5)} for n in range(12)]
HERE = {"kk": "Сіз осындасыз", "ru": "Вы здесь", "en": "You are here"}


@pytest.fixture(scope="module")
def plan_image(tmp_path_factory):
    """A plan drawn for the test: a mid-grey ground with a darker grid, a light band on
    its left edge and a dark one on its right."""
    path = tmp_path_factory.mktemp("plan") / "plan.png"
    image = Image.new("RGB", PLAN, PLAN_GREY)
    draw = ImageDraw.Draw(image)
    for x in range(0, PLAN[0], 200):
        draw.line([(x, 0), (x, PLAN[1])], fill=(95, 100, 105), width=3)
    for y in range(0, PLAN[1], 200):
        draw.line([(0, y), (PLAN[0], y)], fill=(95, 100, 105), width=3)
    draw.rectangle([0, 0, 40, PLAN[1]], fill=(235, 235, 235))
    draw.rectangle([PLAN[0] - 40, 0, PLAN[0], PLAN[1]], fill=(20, 20, 20))
    image.save(path)
    return str(path)


@pytest.fixture
def view(app_on, plan_image):
    """A PlanView of 1000x640 on a running kiosk, with twelve pins; taps are recorded in
    ``view.taps``."""
    from kiosk.ui.widgets.plan_view import PlanView

    pilot = app_on()
    plan = PlanView(source=plan_image, pins=[dict(p) for p in PINS], size_hint=(None, None),
                    size=(1000, 640), pos=(140, 80))
    plan.taps = []
    plan.bind(on_pin=lambda _v, stop_id: plan.taps.append(("pin", stop_id)),
              on_point=lambda _v, x, y: plan.taps.append(("point", x, y)))
    pilot.screen.add_widget(plan)
    pilot.frames(3)
    plan.pilot = pilot
    return plan


def shot(tmp_path, name="window") -> Image.Image:
    return Image.open(Window.screenshot(name=str(tmp_path / f"{name}.png"))).convert("RGB")


def at(image, x, y):
    """The window's pixel at window point (x, y), y up."""
    return image.getpixel((int(x), Window.height - 1 - int(y)))


def grey(colour) -> float:
    r, g, b = colour
    return 0.299 * r + 0.587 * g + 0.114 * b


def near(colour, rgba, tolerance=30) -> bool:
    return all(abs(c - round(v * 255)) <= tolerance for c, v in zip(colour, rgba[:3]))


def drawn_diameter(image, view, stop_id) -> float:
    """The pin's outlined disc measured in the picture: up and down from outside the pin
    to the first pixel of the outline colour."""
    x, y = view.pin_centre(stop_id)
    far = int(view.pin_diameter(stop_id))
    outline = view.outline_colour
    top = next(d for d in range(far, 0, -1) if near(at(image, x, y + d), outline, 40))
    bottom = next(d for d in range(far, 0, -1) if near(at(image, x, y - d), outline, 40))
    return top + bottom + 1


def use(view, high_contrast=None, large_text=None):
    app = view.pilot.app
    if high_contrast is not None and app.theme.high_contrast != high_contrast:
        app.toggle_high_contrast()
    if large_text is not None and app.theme.large_text != large_text:
        app.toggle_large_text()
    view.pilot.frames(3)


def test_the_whole_plan_is_shown_first_fitted_and_centred(view, tmp_path):
    x, y, width, height = view.plan_box()
    assert view.zoom == 1
    assert (x, width) == (140, 1000) and height == pytest.approx(625)
    assert y == pytest.approx(80 + (640 - 625) / 2)
    image = shot(tmp_path)
    assert grey(at(image, x + 10, y + height / 2)) > 200       # the light band on the left
    assert grey(at(image, x + width - 10, y + height / 2)) < 40   # the dark one on the right
    assert near(at(image, 660, y + height / 2 - 150), [c / 255 for c in PLAN_GREY], 8)


@pytest.mark.parametrize("large_text", [False, True])
def test_every_pin_is_at_least_48_dp_at_zoom_1_and_at_the_largest_zoom(view, tmp_path,
                                                                      large_text):
    use(view, large_text=large_text)
    image = shot(tmp_path)
    for pin in PINS:
        assert drawn_diameter(image, view, pin["stop_id"]) >= dp(48)
    view.zoom_by(100, view.to_window(*view.center))
    assert view.zoom == MAX_ZOOM
    for pin in PINS:
        view.show_point(pin["x"], pin["y"])
        view.pilot.frames(2)
        assert view.zoom == MAX_ZOOM
        assert drawn_diameter(shot(tmp_path), view, pin["stop_id"]) >= dp(48)
    if large_text:  # larger with larger text
        assert view.pin_diameter() >= dp(52) * 1.5


@pytest.mark.parametrize("zoom", [1, 2.5, MAX_ZOOM])
def test_a_tap_on_every_pin_gives_its_stop(view, zoom):
    if zoom > 1:
        view.zoom_by(zoom, view.to_window(*view.center))
    for pin in PINS:
        if zoom > 1:
            view.show_point(pin["x"], pin["y"])
            view.pilot.frames(2)
        x, y = view.pin_centre(pin["stop_id"])
        radius = view.pin_diameter() / 2
        for dx, dy in ((0, 0), (0.6 * radius, 0), (0, -0.6 * radius)):  # anywhere on it
            view.taps.clear()
            view.pilot.tap_at(x + dx, y + dy, settle=0.1)
            assert view.taps == [("pin", pin["stop_id"])]
    assert view.zoom == zoom  # taps neither zoom nor move the plan


def test_a_tap_beside_the_pins_gives_the_point_of_the_plan(view):
    x, y, width, height = view.plan_box()
    view.pilot.tap_at(x + 0.25 * width, y + 0.3 * height, settle=0.1)  # plan (0.25, 0.7)
    assert len(view.taps) == 1 and view.taps[0][0] == "point"
    assert view.taps[0][1:] == pytest.approx((0.25, 0.7), abs=0.002)
    view.taps.clear()
    view.pilot.tap_at(x + 500, view.y + 2, settle=0.1)  # the band below the plan: nothing
    assert view.taps == []


def test_a_small_wobble_is_still_a_tap_and_a_drag_is_not(view):
    x, y = view.pin_centre("stop-5")
    view.pilot.drag(x, y, x + dp(6), y - dp(4), steps=3, settle=0.1)
    assert view.taps == [("pin", "stop-5")]
    view.taps.clear()
    view.zoom_by(2, view.to_window(*view.center))
    x, y = view.pin_centre("stop-5")
    view.pilot.drag(x, y, x + dp(60), y, steps=6, settle=0.1)
    assert view.taps == []
    assert view.pin_centre("stop-5")[0] == pytest.approx(x + dp(60))


def test_one_finger_drags_the_plan_never_beyond_its_edges(view, tmp_path):
    start = view.plan_box()
    view.pilot.drag(640, 400, 340, 400)       # at zoom 1 the whole plan stays put
    assert view.plan_box() == start and view.taps == []
    view.zoom_by(2, view.to_window(*view.center))
    view.pilot.frames(2)
    before, pin_before = view.plan_box(), view.pin_centre("stop-0")
    view.pilot.drag(640, 400, 440, 480)
    after = view.plan_box()
    assert (after[0] - before[0], after[1] - before[1]) == pytest.approx((-200, 80))
    x, y = view.pin_centre("stop-0")
    assert (x - pin_before[0], y - pin_before[1]) == pytest.approx((-200, 80))
    for fro, to in (((300, 400), (1100, 400)), ((1100, 400), (300, 400)),
                    ((640, 150), (640, 700)), ((640, 700), (640, 150))):
        for _ in range(4):  # far further than the plan reaches
            view.pilot.drag(*fro, *to, settle=0.1)
        x, y, width, height = view.plan_box()
        assert x <= view.x and x + width >= view.right      # no gap left or right
        assert y <= view.y and y + height >= view.top       # nor above or below
    view.pilot.drag(300, 400, 1100, 400, settle=0.1)
    view.pilot.drag(300, 400, 1100, 400, settle=0.1)
    assert view.plan_box()[0] == view.x  # the plan's left edge, at the view's left edge
    image = shot(tmp_path)
    assert grey(at(image, view.x + 5, view.center_y)) > 200   # the plan's light band
    assert view.taps == []


def pinch(view, spread_from: float, spread_to: float, steps: int = 6) -> None:
    """Two fingers about the view's centre, moved apart (or together) horizontally."""
    cx, cy = view.to_window(*view.center)
    left, right = SyntheticTouch(cx - spread_from, cy), SyntheticTouch(cx + spread_from, cy)
    _as_kivy_loop(left.touch_down)
    _as_kivy_loop(right.touch_down)
    view.pilot.frames(1)
    for i in range(1, steps + 1):
        spread = spread_from + (spread_to - spread_from) * i / steps
        _as_kivy_loop(left.touch_move, cx - spread, cy)
        _as_kivy_loop(right.touch_move, cx + spread, cy)
        view.pilot.frames(1)
    _as_kivy_loop(left.touch_up)
    _as_kivy_loop(right.touch_up)
    view.pilot.frames(2)


def test_two_fingers_zoom_about_their_centre_up_to_the_largest_zoom(view):
    cx, cy = view.to_window(*view.center)
    x, y, width, height = view.plan_box()
    under = ((cx - x) / width, (cy - y) / height)
    pinch(view, 100, 200)
    assert view.zoom == pytest.approx(2, rel=0.01)
    x, y, width, height = view.plan_box()
    assert ((cx - x) / width, (cy - y) / height) == pytest.approx(under, abs=0.002)
    pinch(view, 60, 400)
    assert view.zoom == MAX_ZOOM                   # capped
    pinch(view, 400, 20)
    assert view.zoom == 1                          # and never below the whole plan
    assert view.taps == []
    view.zoom_by(3, (300, 200))
    view.reset_view()
    view.pilot.frames(2)
    assert view.zoom == 1 and view.plan_box()[0] == 140 and view.plan_box()[2] == 1000


def test_show_point_zooms_in_and_centres_it(view):
    view.show_point(0.62, 0.5)
    assert view.zoom == 2
    assert view.pin_centre("stop-6") == pytest.approx(view.to_window(*view.center))
    view.show_point(0.0, 0.0)   # a corner: as near the middle as the edges allow
    x, y, width, height = view.plan_box()
    assert (x, y + height) == pytest.approx((view.x, view.top))


def test_ticks_are_drawn_in_grey_alone(view, tmp_path):
    """A light badge with a dark check on the pins of stops opened, nothing there on the
    others."""
    view.selected = ""
    image = shot(tmp_path)
    radius = view.pin_diameter() / 2
    badge = max(dp(11), radius * 0.42)
    for pin in PINS:
        x, y = view.pin_centre(pin["stop_id"])
        bx, by = x + radius * 0.72, y + radius * 0.72
        light = grey(at(image, bx - badge * 0.1, by + badge * 0.55))
        stroke = grey(at(image, bx + badge * 0.4, by + badge * 0.29))  # on the check's arm
        if pin["ticked"]:
            assert light > 200 and stroke < 70, pin["stop_id"]
        else:
            assert 70 < light < 200 and 70 < stroke < 200, pin["stop_id"]  # the plan there


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_you_are_here_is_drawn_with_its_words(view, tmp_path, language):
    view.pilot.app.set_language(language)
    view.pilot.frames(2)
    assert view.here_text == HERE[language]
    x, y, width, height = view.plan_box()
    hx, hy = x + 0.5 * width, y + 0.3 * height         # plan (0.5, 0.7): free of pins
    region = (int(hx - 60), int(hy + dp(20)), int(hx + 60), int(hy + dp(50)))

    def inked(image):
        return sum(grey(at(image, px, py)) > 200 or grey(at(image, px, py)) < 60
                   for px in range(region[0], region[2], 3)
                   for py in range(region[1], region[3], 3))

    empty = inked(shot(tmp_path, "empty"))
    view.here = (0.5, 0.7)
    view.pilot.frames(2)
    image = shot(tmp_path, "here")
    assert grey(at(image, hx, hy)) < 60                  # the target's dark centre
    assert grey(at(image, hx + dp(6), hy)) > 200         # in its light ring
    assert inked(image) > 5 * max(empty, 10)             # the box with the figure and words
    texture = view._word(view.here_text, view.words_font, bold=True)
    assert texture.width > dp(40)


def test_a_marked_point_is_a_star_in_a_ring(view, tmp_path):
    x, y, width, height = view.plan_box()
    mx, my = x + 0.5 * width, y + 0.3 * height
    view.mark = (0.5, 0.7)
    view.pilot.frames(2)
    image = shot(tmp_path)
    ring = view.pin_size * 0.5 + dp(6)
    assert grey(at(image, mx, my + ring)) > 200 and grey(at(image, mx - ring, my)) > 200
    assert near(at(image, mx, my), view.mark_colour)                  # the star's middle
    assert near(at(image, mx, my + view.pin_size * 0.3), view.mark_colour)  # its top point
    assert not near(at(image, mx + view.pin_size * 0.4, my + view.pin_size * 0.3),
                    view.mark_colour)                                # between two points


def test_high_contrast_draws_pins_in_its_colours(view, tmp_path):
    use(view, high_contrast=True)
    view.selected = "stop-6"
    view.pilot.frames(2)
    image = shot(tmp_path)
    amber, white = view.pilot.app.theme.accent, view.pilot.app.theme.text
    for pin in PINS:
        x, y = view.pin_centre(pin["stop_id"])
        radius = view.pin_diameter(pin["stop_id"]) / 2
        assert near(at(image, x, y - 0.7 * radius), amber), pin["stop_id"]
        assert near(at(image, x, y - radius + dp(1)), white), pin["stop_id"]
        assert grey(at(image, x, y - radius - dp(1))) < 30, pin["stop_id"]  # a black edge
    x, y = view.pin_centre("stop-6")
    assert near(at(image, x, y - view.pin_diameter("stop-6") / 2 - dp(5)), white)  # its ring
    assert view.pin_diameter("stop-6") > view.pin_diameter()


@pytest.mark.parametrize("high_contrast, large_text", [(False, False), (True, False),
                                                       (False, True), (True, True)])
def test_screenshots_of_the_plan(view, tmp_path, high_contrast, large_text):
    """The plan with ticks, a selected pin, "You are here" and a mark, for a person to
    look at (saved in the test's folder); every pin still hits."""
    use(view, high_contrast=high_contrast, large_text=large_text)
    view.here, view.mark, view.selected = (0.5, 0.7), (0.25, 0.3), "stop-9"
    view.pilot.frames(3)
    mode = f"{'hc' if high_contrast else 'calm'}-{'large' if large_text else 'normal'}"
    shot(tmp_path, f"plan-{mode}")
    view.show_point(0.5, 0.7)
    view.pilot.frames(3)
    shot(tmp_path, f"plan-zoomed-{mode}")
    view.reset_view()
    view.pilot.frames(2)
    for pin in PINS:
        view.taps.clear()
        view.pilot.tap_at(*view.pin_centre(pin["stop_id"]), settle=0.1)
        assert view.taps == [("pin", pin["stop_id"])]


def test_the_pins_are_moved_not_made_again_and_only_when_something_changes(view, tmp_path):
    def drawn():
        return [i for i in view._overlay.children]

    before = drawn()
    view.pilot.frames(10)
    after = drawn()
    assert len(after) == len(before) and all(a is b for a, b in zip(after, before))
    view.zoom_by(1.2, view.to_window(*view.center))
    view.pilot.frames(1)
    after = drawn()
    assert len(after) == len(before) and all(a is b for a, b in zip(after, before))
    image = shot(tmp_path)   # ... and yet drawn where the zoom took each pin
    seen = 0
    for pin in PINS:
        x, y = view.pin_centre(pin["stop_id"])
        if view.x + 40 < x < view.right - 40 and view.y + 40 < y < view.top - 40:
            assert near(at(image, x, y - 0.7 * view.pin_diameter() / 2), view.pin_colour)
            seen += 1
    assert seen >= 10
    view.pins = [dict(p, ticked=True) for p in PINS]   # something to draw: made anew
    view.pilot.frames(1)
    assert not any(a is b for a, b in zip(drawn(), before))
