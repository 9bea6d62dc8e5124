"""Every control a visitor can touch is at least 48 dp in both directions, on every screen."""

from kivy.metrics import dp
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.slider import Slider



def touchable(screen):
    for widget in screen.walk(restrict=True):
        if isinstance(widget, (ButtonBehavior, Slider)) and not widget.disabled \
                and widget.opacity > 0:
            yield widget


def too_small(screen):
    return [(type(w).__name__, getattr(w, "text", ""), tuple(w.size)) for w in touchable(screen)
            if min(w.size) < dp(48)]


def test_touch_targets_on_every_screen(pilot):
    assert len(list(touchable(pilot.screen))) >= 4
    assert too_small(pilot.screen) == []
    pilot.tap("start")
    assert too_small(pilot.screen) == []
    pilot.tap("back")
    pilot.open_stop("stop-2")
    pilot.tap("play")
    assert len(list(touchable(pilot.screen))) >= 10
    assert too_small(pilot.screen) == []
