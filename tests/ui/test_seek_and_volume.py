"""The narration bar as a visitor sees it: a new stop starts with an empty bar, the two
times add up to the recording's length, and the volume shows its level and when the
sound is off (issue #12, points 2 and 4)."""

from __future__ import annotations

import pytest
from kivy.core.window import Window
from kivy.metrics import dp
from PIL import Image



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
    pilot.open_stop(stop_id)
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
    pilot.tap(pilot.tile("stop-2"))
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
    pilot.tap(pilot.tile("stop-3"))
    assert accent_pixels_of_the_bar(pilot, tmp_path) == []


def seconds_of(text: str) -> int:
    minutes, seconds = text.lstrip("-").split(":")
    return int(minutes) * 60 + int(seconds)


def test_elapsed_and_remaining_always_add_up_to_the_length(pilot):
    pilot.open_stop("stop-1")
    length = seconds_of(pilot.text("remaining"))
    assert length == 30
    view = pilot.app.narration
    for quarter in range(0, 30 * 4 + 1):
        view.seek(quarter / 4)
        pilot.frames(1)
        elapsed, remaining = pilot.text("elapsed"), pilot.text("remaining")
        assert seconds_of(elapsed) + seconds_of(remaining) == length, (quarter / 4, elapsed, remaining)


# -- point 4: the volume level and "sound off" -------------------------------------------------
SOUND_OFF = {"kk": "Дыбыс өшірулі", "ru": "Звук выключен", "en": "Sound off"}


def steps_shown(pilot, tmp_path) -> int:
    """How many of the level's bars are drawn filled, read from the window's pixels."""
    level = pilot.find("volume_level")
    image = screenshot(tmp_path)
    on = pilot.app.theme.level_on
    filled = 0
    for x, y, width, height in level.bar_rects():
        wx, wy = level.to_window(x + width / 2, y + height / 2)
        if near(image.getpixel((int(wx), Window.height - 1 - int(wy))), on):
            filled += 1
    return filled


def sound_off_is_shown(pilot) -> bool:
    label = pilot.find("sound_off")
    level = pilot.find("volume_level")
    return (label.opacity == 1 and label.text != "" and label.width > 0
            and level.x <= label.x and label.right <= level.right + 1)


def press(pilot, widget_id, times):
    for _ in range(times):
        pilot.tap(widget_id)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_volume_level_is_shown_in_steps_after_each_press(pilot, tmp_path, high_contrast):
    pilot.open_stop("stop-1")
    if high_contrast:
        pilot.tap("contrast")
    assert pilot.app.volume == pytest.approx(0.7)  # the museum's default for a new visitor
    assert steps_shown(pilot, tmp_path) == 7
    assert len(pilot.find("volume_level").bar_rects()) == 10
    press(pilot, "volume_down", 3)
    assert steps_shown(pilot, tmp_path) == 4
    press(pilot, "volume_up", 1)
    assert steps_shown(pilot, tmp_path) == 5
    press(pilot, "volume_up", 5)
    assert steps_shown(pilot, tmp_path) == 10
    assert pilot.find("volume_up").disabled and pilot.find("volume_up").opacity < 1
    assert not sound_off_is_shown(pilot)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("high_contrast", [False, True])
def test_at_zero_the_kiosk_says_the_sound_is_off(pilot, tmp_path, language, high_contrast):
    pilot.open_stop("stop-1", language=language)
    if high_contrast:
        pilot.tap("contrast")
    down = pilot.find("volume_down")
    assert not sound_off_is_shown(pilot)
    assert down.opacity == 1
    press(pilot, "volume_down", 7)
    assert pilot.app.volume == 0
    # no bars (where they were, the crossed-out speaker and the words are drawn)
    assert pilot.find("volume_level").level == 0
    assert sound_off_is_shown(pilot)
    assert pilot.text("sound_off") == SOUND_OFF[language]
    # the minus button, with nothing left to take away, looks it
    assert down.disabled and down.opacity < 1
    # the words are drawn in the window, in the palette's colour for them
    image = screenshot(tmp_path)
    label = pilot.find("sound_off")
    colour = pilot.app.theme.sound_off
    x0, y0 = label.to_window(label.x, label.y)
    inked = sum(near(image.getpixel((x, Window.height - 1 - y)), colour, 40)
                for x in range(int(x0), int(x0 + label.width))
                for y in range(int(y0), int(y0 + label.height)))
    assert inked > 20
    # one press brings the sound back, and the words go
    pilot.tap("volume_up")
    assert steps_shown(pilot, tmp_path) == 1
    assert not sound_off_is_shown(pilot)


def test_the_volume_and_its_level_are_back_to_the_default_for_the_next_visitor(pilot, tmp_path):
    pilot.open_stop("stop-1")
    press(pilot, "volume_down", 7)
    pilot.app.reset_for_next_visitor()
    pilot.app.wake_up()
    pilot.advance(0.5)
    pilot.tap("start")
    pilot.tap(pilot.tile("stop-2"))
    assert steps_shown(pilot, tmp_path) == 7
    assert not sound_off_is_shown(pilot)


@pytest.mark.parametrize("palette_name", ["calm", "high-contrast"])
def test_the_level_and_sound_off_are_readable_on_the_bar_in_both_palettes(palette_name):
    from kiosk.ui.theme import CALM, HIGH_CONTRAST
    from tests.ui.conftest import contrast

    palette = CALM if palette_name == "calm" else HIGH_CONTRAST
    assert contrast(palette["sound_off"], palette["surface"]) >= 7.0  # words: as body text
    # the bars are shapes: 3:1 at least against the bar, filled and hollow alike
    assert contrast(palette["level_on"], palette["surface"]) >= 3.0
    assert contrast(palette["level_off"], palette["surface"]) >= 3.0
