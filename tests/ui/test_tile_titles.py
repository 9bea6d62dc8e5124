"""Every tile on the tour screen shows its stop's whole title, in every language and size.

A title that needs more lines than the tile left it used to stop after its first line,
on a whole word, so it read as complete. These tests read what Kivy actually laid out in
each tile's labels (the words of every rendered line) and where the text lies, on the
real demo tour, on the test tour, and after a live edit of stops.yaml.
"""

import math
from pathlib import Path

import pytest

from samples import edit_tour, make_tour
from tests.ui.conftest import TOUR_SECONDS, start_app, stop_app

DEMO = Path(__file__).resolve().parents[2]  # the repository holds the demo tour

LONG_TITLE = ("The long way from the railway siding at Akmolinsk to the gates of the "
              "camp, walked in winter by women who did not know where they were going")


def laid_out_words(label) -> list[str]:
    """The words Kivy placed on the label's rendered lines (what the texture shows)."""
    label.texture_update()
    text = " ".join(word.text for line in label._label._cached_lines for word in line.words)
    return text.split()


def clipped(tile) -> list[str]:
    """What a visitor would miss on ``tile``: its problems, empty when all reads in full."""
    problems = []
    for name in ("kind", "title"):
        label = tile.ids[name]
        expected = label.text.split()
        shown = laid_out_words(label)
        if shown != expected:
            problems.append(f"{tile.number} {name}: shows {' '.join(shown)!r} "
                            f"of {label.text!r}")
            continue
        text_w, text_h = label.texture_size
        if text_h > label.height + 1 or text_w > label.width + 1:
            problems.append(f"{tile.number} {name}: text {text_w:.0f}x{text_h:.0f} "
                            f"in a label of {label.width:.0f}x{label.height:.0f}")
        left, bottom = tile.to_widget(*label.to_window(label.x, label.y))
        right, top = tile.to_widget(*label.to_window(label.right, label.top))
        if left < tile.x - 1 or bottom < tile.y - 1 or right > tile.right + 1 \
                or top > tile.top + 1:
            problems.append(f"{tile.number} {name}: outside its tile")
    return problems


def every_tile_problem(pilot) -> tuple[set[str], list[str]]:
    """Scroll the whole list as a visitor would and check every tile that comes into view."""
    grid = pilot.find("stops")
    seen, problems = set(), []
    pilot.frames(1)
    # Half a screen at a time: every title is wholly in view at one of the steps.
    steps = max(1, math.ceil((grid.layout_manager.height - grid.height) / (grid.height / 2)))
    for step in range(steps + 1):
        grid.scroll_y = 1 - step / steps
        pilot.frames(1)
        gx, gy = grid.to_window(grid.x, grid.y)
        for view in grid.layout_manager.children:
            if not hasattr(view, "stop_id"):
                continue  # a plan's heading, or an empty cell of its row
            title = view.ids.title  # a tile taller than the list is read in parts
            _, bottom = title.to_window(title.x, title.y)
            _, top = title.to_window(title.x, title.top)
            in_view = gy - 1 <= bottom and top <= gy + grid.height + 1
            if in_view and view.stop_id not in seen:
                seen.add(view.stop_id)
                problems += clipped(view)
    return seen, problems


def check_every_language_and_size(window, content: Path) -> None:
    """Start the kiosk on ``content``, open its tour and check every tile in each language,
    at the normal and the larger text size."""
    app, pilot = start_app(window, content, start_screen="home")
    try:
        pilot.tap("start")
        stops = {stop.id for stop in pilot.app.tour.stops}
        failures = []
        for large in (False, True):
            if pilot.app.theme.large_text != large:
                pilot.tap("text_size")
            for language in ("kk", "ru", "en"):
                pilot.tap(f"lang_{language}")
                pilot.frames(3)
                seen, problems = every_tile_problem(pilot)
                assert seen == stops, f"tiles never fully in view: {stops - seen}"
                failures += [f"{language}{' larger text' if large else ''}: {p}"
                             for p in problems]
        assert failures == []
    finally:
        stop_app(app)


#: Screens kiosks are built with; at 1366x768 three columns are each 418 px wide, and the
#: picture left a title room for one line of its two.
SIZES = [(1280, 800), (1366, 768), (1920, 1080)]


@pytest.fixture
def sized(window):
    """Resize the one window of the test run for a test, then give it back its size."""
    before = tuple(window.size)

    def resize(size):
        window.size = size
        assert tuple(window.size) == size
    yield resize
    window.size = before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_demo_title_reads_in_full_on_its_tile(window, sized, size):
    sized(size)
    check_every_language_and_size(window, DEMO)


#: Two-line titles of the demo tour's length for the test tour, in each language.
TWO_LINE_TITLES = {
    "kk": "Аялдама 102 — лагерь тұтқындарының хаттары мен естеліктері",
    "ru": "Остановка 102 — письма и воспоминания узниц лагеря",
    "en": "Stop 102 — the letters and memories of the camp's prisoners",
}


def test_every_test_tour_title_reads_in_full_on_its_tile(window, sized, tmp_path):
    sized((1366, 768))
    content = make_tour(tmp_path / "c", stops=6, seconds=TOUR_SECONDS)
    for code, title in TWO_LINE_TITLES.items():
        edit_tour(content, f"{code}: {TWO_LINE_TITLES[code].split(' — ')[0]}\n", f"{code}: {title}\n")
    check_every_language_and_size(window, content)


@pytest.mark.parametrize("large", [False, True], ids=["normal", "larger-text"])
def test_a_title_lengthened_by_a_live_edit_shows_in_full(kiosk, tmp_path, large):  # noqa: F811
    """At the test run's 1280x800, where every demo title fits in the old two lines."""
    content = make_tour(tmp_path / "c", stops=3, seconds=TOUR_SECONDS)
    pilot = kiosk(content)
    pilot.tap("lang_en")
    if large:
        pilot.tap("text_size")
    pilot.tap("start")
    edit_tour(content, "en: Stop 102\n", f"en: {LONG_TITLE}\n")
    pilot.app.reload_tour()
    pilot.frames(3)
    seen, problems = every_tile_problem(pilot)
    assert seen == {"stop-1", "stop-2", "stop-3"}
    assert problems == []
    assert pilot.tile("stop-2").ids.title.text == LONG_TITLE
