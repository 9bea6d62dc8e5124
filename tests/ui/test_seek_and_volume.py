"""The narration bar as a visitor sees it: a new stop starts with an empty bar, the two
times add up to the recording's length, and the volume shows its level and when the
sound is off (issue #12, points 2 and 4)."""

from __future__ import annotations

import pytest
from kivy.core.window import Window
from kivy.metrics import dp
from PIL import Image

from tests.ui.test_visit import open_stop, tile


# -- reading the screen ---------------------------------------------------------------------
def screenshot(tmp_path) -> Image.Image:
    """The window as the visitor sees it now (rows from the top, as in the PNG)."""
    return Image.open(Window.screenshot(name=str(tmp_path / "window.png"))).convert("RGB")


def near(pixel, colour, tolerance=24) -> bool:
    return all(abs(p - round(c * 255)) <= tolerance for p, c in zip(pixel, colour[:3]))


def accent_pixels_of_the_bar(pilot, tmp_path) -> list[tuple[int, int]]:
    """Window pixels in the accent colour (the part heard) across the whole width of the
    progress bar, from the controls below it up to the top of the narration bar, leaving
    out the knob."""
    slider = pilot.find("progress")
    bar = pilot.find("narration_bar")
    controls = pilot.find("controls")
    image = screenshot(tmp_path)
    left, _ = slider.to_window(slider.x, slider.y)
    right, _ = slider.to_window(slider.right, slider.y)
    _, bottom = controls.to_window(controls.x, controls.top)
    _, top = bar.to_window(bar.x, bar.top)
    knob_x, knob_y = slider.to_window(*slider.value_pos)
    knob_y = slider.to_window(slider.x, slider.center_y)[1]
    accent = pilot.app.theme.accent
    found = []
    for x in range(int(left), int(right)):
        for y in range(int(bottom) + 1, int(top) - 1):
            if (x - knob_x) ** 2 + (y - knob_y) ** 2 <= dp(16) ** 2:
                continue
            if near(image.getpixel((x, Window.height - 1 - y)), accent):
                found.append((x, y))
    return found


def play_to_the_middle(pilot, stop_id="stop-1"):
    open_stop(pilot, stop_id)
    pilot.tap("play")
    pilot.advance(15.0)  # half of the test tour's 30-second recordings


# -- point 2: the seek bar --------------------------------------------------------------------
def test_the_bar_shows_the_part_heard_while_a_narration_plays(pilot, tmp_path):
    play_to_the_middle(pilot)
    heard = accent_pixels_of_the_bar(pilot, tmp_path)
    slider = pilot.find("progress")
    # the part heard reaches from the start of the track to the knob, about half of it
    xs = [x for x, _y in heard]
    assert max(xs) - min(xs) >= 0.4 * (slider.width - 2 * slider.padding)


def test_a_newly_opened_stop_starts_with_an_empty_bar(pilot, tmp_path):
    play_to_the_middle(pilot)
    pilot.tap("back")
    pilot.tap(tile(pilot, "stop-2"))
    assert pilot.text("elapsed") == "0:00"
    assert accent_pixels_of_the_bar(pilot, tmp_path) == []


def test_the_next_stop_by_its_arrow_starts_with_an_empty_bar(pilot, tmp_path):
    play_to_the_middle(pilot)
    pilot.tap("next_stop")
    assert accent_pixels_of_the_bar(pilot, tmp_path) == []


def test_after_the_idle_reset_no_old_progress_is_drawn_anywhere(pilot, tmp_path):
    play_to_the_middle(pilot)
    pilot.tap("text_size")  # the reset makes the text small again: the bar moves
    pilot.tap("play")  # pause; then nobody touches the kiosk
    pilot.advance(130.0)
    assert pilot.screen.name == "attract"
    pilot.app.wake_up()
    pilot.advance(0.5)
    pilot.tap("start")
    pilot.tap(tile(pilot, "stop-3"))
    assert accent_pixels_of_the_bar(pilot, tmp_path) == []


def seconds_of(text: str) -> int:
    minutes, seconds = text.lstrip("-").split(":")
    return int(minutes) * 60 + int(seconds)


def test_elapsed_and_remaining_always_add_up_to_the_length(pilot):
    open_stop(pilot, "stop-1")
    length = seconds_of(pilot.text("remaining"))
    assert length == 30
    view = pilot.app.narration
    for quarter in range(0, 30 * 4 + 1):
        view.seek(quarter / 4)
        pilot.frames(1)
        elapsed, remaining = pilot.text("elapsed"), pilot.text("remaining")
        assert seconds_of(elapsed) + seconds_of(remaining) == length, (quarter / 4, elapsed, remaining)
