"""The drawing of the Wall of Memory as a visitor sees it in the kiosk's window: the marked
panel stands out of the strip and the marked row out of the enlarged panel, by shape and
in both palettes (also in grey alone), and the words name the panel and row in Kazakh,
Russian and English (issue #15: where a name stands)."""

from __future__ import annotations

from itertools import combinations

import pytest
from kivy.core.window import Window
from kivy.metrics import dp, sp
from PIL import Image

WORDS = {"kk": ("57-панель", "12-жол"), "ru": ("Панель 57", "Строка 12"),
         "en": ("Panel 57", "Row 12")}


@pytest.fixture
def wall(app_on):
    """A WallPlan of the demo list's wall (120 panels of 40 rows) with panel 57, row 12
    marked, about where the screen of a name's place has it, on a running kiosk."""
    from kiosk.ui.widgets.wall_plan import WallPlan

    pilot = app_on()
    plan = WallPlan(panels=120, rows=40, panel=57, row=12, size_hint=(None, None),
                    size=(1200, 430), pos=(40, 110))
    pilot.screen.add_widget(plan)
    pilot.frames(3)
    plan.pilot = pilot
    return plan


def window_image(tmp_path) -> Image.Image:
    return Image.open(Window.screenshot(name=str(tmp_path / "window.png"))).convert("RGB")


def pixel(image, plan, x, y):
    """The window's pixel at (x, y) of the drawing (its own coordinates, y up)."""
    wx, wy = plan.to_window(plan.x + x, plan.y + y)
    return image.getpixel((int(wx), Window.height - 1 - int(wy)))


def near(colour, rgba, tolerance=30) -> bool:
    return all(abs(c - round(v * 255)) <= tolerance for c, v in zip(colour, rgba[:3]))


def grey(colour) -> float:
    r, g, b = colour
    return 0.299 * r + 0.587 * g + 0.114 * b


def inked(image, plan, x, y, ground) -> bool:
    """Is the pixel at (x, y) of the drawing other than the ground, seen in grey alone?"""
    level = grey(tuple(round(v * 255) for v in ground[:3]))
    return abs(grey(pixel(image, plan, x, y)) - level) > 40


def banded(image, plan, number: int) -> bool:
    """Is row ``number`` of the enlarged panel drawn as a band from edge to edge of the
    panel (in grey alone), where the other rows leave its margins empty?"""
    row, zoom, ground = plan.layout.row_box(number), plan.layout.zoom, plan.pilot.app.theme.ground
    margins = [(zoom.x + row.x) / 2, (row.right + zoom.right) / 2]
    heights = [row.y + 1 + j for j in range(int(row.height) - 1)]
    return all(inked(image, plan, x, y, ground) for x in margins for y in heights)


def use_palette(plan, high_contrast: bool) -> None:
    if plan.pilot.app.theme.high_contrast != high_contrast:
        plan.pilot.app.toggle_high_contrast()
    plan.pilot.frames(3)


def stands_out(image, plan, number: int) -> bool:
    """Is panel ``number`` drawn beyond the strip, above and below it, where the others
    leave the ground (in grey alone, so it reads in black and white too)?"""
    layout, ground = plan.layout, plan.pilot.app.theme.ground
    x = layout.panel_box(number).center_x
    level = grey(tuple(round(v * 255) for v in ground[:3]))
    above = pixel(image, plan, x, layout.strip.top + layout.raised / 2)
    below = pixel(image, plan, x, layout.strip.y - layout.raised / 2)
    return all(abs(grey(p) - level) > 40 for p in (above, below))


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_marked_panel_stands_out_of_the_strip_by_its_shape(wall, tmp_path, high_contrast):
    use_palette(wall, high_contrast)
    image = window_image(tmp_path)
    assert stands_out(image, wall, 57)
    assert not any(stands_out(image, wall, n) for n in (1, 10, 55, 59, 100, 120))
    # and by its colour: the accent, where the others are plain
    layout, theme = wall.layout, wall.pilot.app.theme
    middle = layout.strip.center_y
    assert near(pixel(image, wall, layout.panel_box(57).center_x, middle), theme.accent)
    assert not near(pixel(image, wall, layout.panel_box(30).center_x, middle), theme.accent)
    # framed: the outline in the text's colour around it
    marked = layout.marked_box()
    assert near(pixel(image, wall, marked.x + dp(1), marked.center_y), theme.text)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_marked_row_is_a_solid_band_with_an_arrow_to_it(wall, tmp_path, high_contrast):
    use_palette(wall, high_contrast)
    image = window_image(tmp_path)
    layout, theme = wall.layout, wall.pilot.app.theme
    marked, other = layout.row_box(12), layout.row_box(30)
    # in grey alone: the marked row is a band across the panel, the others lines of words
    assert banded(image, wall, 12)
    assert not any(banded(image, wall, m) for m in (1, 11, 13, 30, 40))
    accent = [near(pixel(image, wall, marked.x + i, marked.center_y + dp(4)), theme.accent)
              for i in range(int(marked.width))]
    assert sum(accent) > 0.8 * len(accent)
    # the arrow in the lane beside the panel points at the marked row, not at the others
    lane = layout.lane
    x = lane.x + dp(24) if layout.words_side == "right" else lane.right - dp(24)
    assert near(pixel(image, wall, x, marked.center_y), theme.accent)
    assert not near(pixel(image, wall, x, other.center_y), theme.accent)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_words_name_the_panel_and_row_large_enough_to_read(wall, tmp_path, language):
    wall.pilot.app.set_language(language)
    wall.pilot.frames(3)
    ids = wall.ids
    assert (ids.panel_words.text, ids.row_words.text) == WORDS[language]
    assert "57" in ids.where_words.text and "120" in ids.where_words.text
    assert ids.from_top.text
    for label in (ids.panel_words, ids.row_words):
        assert label.font_size >= sp(24)
    image = window_image(tmp_path)
    text = wall.pilot.app.theme.text
    for label in (ids.panel_words, ids.where_words, ids.row_words, ids.from_top):
        assert wall.x <= label.x and label.right <= wall.right
        assert wall.y <= label.y and label.top <= wall.top
        shown = sum(near(pixel(image, wall, x - wall.x, y - wall.y), label.color, 40)
                    for x in range(int(label.x), int(label.right), 2)
                    for y in range(int(label.y), int(label.top), 2))
        assert shown > 10, f"the words {label.text!r} are not drawn"
    assert ids.panel_words.color == text and ids.row_words.color == text


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_with_larger_text_the_words_stay_inside_the_drawing_and_apart(wall, language):
    wall.pilot.app.set_language(language)
    wall.pilot.app.toggle_large_text()
    wall.height = 380  # the screen of a name's place leaves less room with larger text
    for panel, row in ((1, 1), (57, 12), (120, 40)):
        wall.panel, wall.row = panel, row
        wall.pilot.frames(3)
        ids = wall.ids
        labels = (ids.panel_words, ids.where_words, ids.row_words, ids.from_top)
        assert ids.panel_words.font_size == pytest.approx(sp(32) * 1.5)
        for label in labels:
            assert wall.x <= label.x and label.right <= wall.right + 1
            assert wall.y <= label.y and label.top <= wall.top
        for a, b in combinations(labels, 2):
            apart = (a.right <= b.x + 1 or b.right <= a.x + 1 or a.top <= b.y + 1
                     or b.top <= a.y + 1)
            assert apart, f"{a.text!r} and {b.text!r} overlap"
        # read from the top: the panel, where it stands, then the row
        assert ids.panel_words.y >= ids.where_words.top - 1 >= ids.row_words.top - 2
        zoom = wall.layout.zoom
        for label in labels:  # beside the enlarged panel, never over it
            assert label.right <= wall.x + zoom.x or label.x >= wall.x + zoom.right


def test_moving_the_mark_redraws_it_where_the_new_panel_is(wall, tmp_path):
    wall.pilot.app.set_language("en")
    wall.panel, wall.row = 3, 40
    wall.pilot.frames(3)
    image = window_image(tmp_path)
    assert stands_out(image, wall, 3) and not stands_out(image, wall, 57)
    assert (wall.ids.panel_words.text, wall.ids.row_words.text) == ("Panel 3", "Row 40")
    assert banded(image, wall, 40) and not banded(image, wall, 12)


@pytest.mark.parametrize("panel, row", [(0, 0), (0, 12), (121, 12), (57, 0), (57, 41)])
def test_a_panel_or_row_the_wall_lacks_is_not_marked(wall, tmp_path, panel, row):
    wall.panel, wall.row = panel, row
    wall.pilot.frames(3)
    image = window_image(tmp_path)
    theme = wall.pilot.app.theme
    panel_shown = panel == 57
    # the wall itself is still drawn: the strip of panels
    assert not near(pixel(image, wall, wall.layout.panel_box(20).center_x,
                          wall.layout.strip.center_y), theme.ground)
    accent = sum(near(pixel(image, wall, x, y), theme.accent)
                 for x in range(0, int(wall.width), 3) for y in range(0, int(wall.height), 3))
    assert (accent > 0) == panel_shown
    assert bool(wall.ids.panel_words.text) == panel_shown
    assert wall.ids.row_words.text == "" and wall.ids.from_top.text == ""
    if panel_shown:  # the panel is enlarged, with no row marked in it
        zoom = wall.layout.zoom
        assert not any(banded(image, wall, m) for m in (1, 12, 40))
        assert zoom is not None and wall.layout.marked_row_box() is None
