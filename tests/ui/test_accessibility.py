"""Larger text and high contrast: one touch away on every screen, nothing cut off."""

import pytest
from kivy.core.window import Window
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from kiosk.ui.theme import CALM, HIGH_CONTRAST, hex_colour
from tests.ui.conftest import contrast


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST], ids=["calm", "high-contrast"])
@pytest.mark.parametrize("text, ground", [
    ("text", "ground"), ("text_muted", "ground"), ("text", "surface"), ("text", "control"),
    ("text_muted", "surface"), ("accent_text", "accent"), ("notice", "surface"),
    ("text", "caption_ground"),
])
def test_text_is_at_least_7_to_1(palette, text, ground):
    assert contrast(palette[text], palette[ground]) >= 7.0


def visible_widgets(screen):
    for widget in screen.walk(restrict=True):
        if widget.opacity > 0 and widget.width > 1 and widget.height > 1 \
                and not any(p.opacity == 0 for p in _parents(widget)):
            yield widget


def _parents(widget):
    parent = widget.parent
    while parent is not None and parent is not Window:
        yield parent
        parent = parent.parent


def cut_off(screen):
    """Controls outside the window, and wrapped labels whose text is wider than the label."""
    problems = []
    for widget in visible_widgets(screen):
        x, y = widget.to_window(widget.x, widget.y)
        scrolled = any(isinstance(p, ScrollView) for p in _parents(widget))
        if isinstance(widget, ButtonBehavior) and not scrolled and (
                x < -1 or y < -1 or x + widget.width > Window.width + 1
                or y + widget.height > Window.height + 1):
            problems.append(("outside", getattr(widget, "text", type(widget).__name__)))
        if isinstance(widget, Label) and widget.text and widget.text_size[0] \
                and not widget.shorten and widget.texture_size[0] > widget.width + 2:
            problems.append(("too wide", widget.text[:30]))
    return problems


def test_larger_text_reflows_every_screen_without_cutting_anything_off(pilot):
    title_size = None
    pilot.tap("text_size")  # on the home screen
    assert pilot.app.theme.text_scale == 1.5
    assert pilot.find("text_size").selected
    assert cut_off(pilot.screen) == []
    pilot.tap("start")
    assert cut_off(pilot.screen) == []
    pilot.tap("text_size")
    pilot.tap("text_size")  # off and on again from the tour screen
    pilot.tap(pilot.find("back"))
    pilot.open_stop("stop-2")
    title_size = pilot.find("title").font_size
    assert cut_off(pilot.screen) == []
    toolbar = pilot.find("toolbar")
    pilot.tap("text_size")  # off, on the stop screen
    pilot.frames(3)
    assert pilot.find("title").font_size == pytest.approx(title_size / 1.5)
    assert toolbar.height < pilot.app.theme.touch * 2  # one row again


def test_high_contrast_turns_the_screen_black_and_white(pilot):
    pilot.open_stop("stop-1")
    pilot.tap("contrast")
    assert pilot.app.theme.high_contrast
    assert list(pilot.app.theme.ground) == hex_colour("#000000")
    assert list(pilot.find("title").color) == hex_colour("#ffffff")
    pilot.tap("contrast")
    assert list(pilot.app.theme.ground) == hex_colour(CALM["ground"])
