"""What a kiosk must not gather over months of visitors: bindings left by Kivy's widgets.

Kivy 2.3.1's ModalView binds its centring again at every opening, and its ScrollView
binds the scroll bar's colour again at every step of a scroll; neither is undone. The
soak (`python -m bench.soak`) found both: hundreds of bindings kept after 1,000 random
visitor actions. The kiosk's Overlay and ScrollArea/StopList undo them (see
kiosk/ui/widgets/overlay.py and scrolling.py); these tests repeat what visitors do and
count what is still bound on the widgets afterwards. Last, the tidy after each visit
(kiosk/memory.py) that gives memory back while the attract screen waits.
"""

from __future__ import annotations

import platform

import pytest
from kivy.uix.scrollview import ScrollView

from kiosk.ui.housekeeping import TIDY_AFTER

REPEATS = 25


def bound(widget, name: str) -> int:
    return len(widget.get_property_observers(name))


def test_the_full_text_opened_and_closed_many_times_keeps_one_centring(pilot):
    pilot.open_stop("stop-1")
    pilot.tap("transcript")
    view = pilot.app.transcript
    assert view in pilot.overlays
    pilot.tap("transcript_close", settle=0.5)
    after_one = (bound(view, "center"), bound(view, "size"))
    for _ in range(REPEATS):
        pilot.tap("transcript")
        pilot.tap("transcript_close", settle=0.5)
    assert view not in pilot.overlays
    assert (bound(view, "center"), bound(view, "size")) == after_one


def test_the_keypad_opened_and_closed_many_times_keeps_one_centring(pilot):
    pilot.open_stop("stop-1")
    pilot.tap(_keypad_button(pilot))
    view = pilot.app.keypad
    assert view in pilot.overlays
    pilot.tap("keypad_close", settle=0.5)
    after_one = bound(view, "center")
    for _ in range(REPEATS):
        pilot.tap(_keypad_button(pilot))
        pilot.tap("keypad_close", settle=0.5)
    assert view not in pilot.overlays
    assert bound(view, "center") == after_one


@pytest.mark.parametrize("where", ["story", "stops"])
def test_scrolling_many_times_keeps_one_binding_on_the_bar(pilot, where):
    if where == "story":
        pilot.open_stop("stop-1")
    else:
        pilot.tap("start")
    scroller = pilot.find(where)
    assert isinstance(scroller, ScrollView)
    _scroll(pilot, scroller)
    after_one = bound(scroller, "bar_color")
    for _ in range(REPEATS):
        _scroll(pilot, scroller)
    assert bound(scroller, "bar_color") == after_one
    assert after_one <= 2  # the kv rule's own binding and at most one of Kivy's


def _scroll(pilot, scroller) -> None:
    """A scroll of a few steps (each runs update_from_scroll), then the bar fades."""
    for step in range(5):
        scroller.scroll_y = 1 - step / 8
        pilot.frames(1)
    scroller.scroll_y = 1
    pilot.advance(1.0)


def _keypad_button(pilot):
    from kiosk.ui.widgets.toolbar import KeypadButton

    return next(w for w in pilot.screen.walk(restrict=True) if isinstance(w, KeypadButton))


# -- tidying between visitors ----------------------------------------------------------------
def test_after_a_visit_the_kiosk_tidies_once_the_attract_screen_is_up(app_on):
    pilot = app_on(settings={"idle_timeout": 20, "countdown": 10})
    pilot.open_stop("stop-1")
    keeper = pilot.app.housekeeper
    assert keeper.done == 0  # not during a visit
    pilot.advance(20 + 10 + 0.5)  # nobody answers "Are you still there?"
    assert pilot.screen.name == "attract"
    assert keeper.done == 0  # the attract screen is drawn first
    pilot.advance(TIDY_AFTER + 0.5)
    assert keeper.done == 1
    assert keeper.last.trimmed == (platform.libc_ver()[0] == "glibc")
    pilot.advance(30)
    assert keeper.done == 1  # once per visit, not over and over while waiting


def test_a_visitor_who_comes_straight_away_does_not_wait_for_the_tidy(app_on):
    pilot = app_on(settings={"idle_timeout": 20, "countdown": 10})
    pilot.open_stop("stop-1")
    pilot.advance(20 + 10 + 0.5)
    assert pilot.screen.name == "attract"
    pilot.tap_at(640, 400)  # within the second after the reset
    assert pilot.screen.name == "home"
    pilot.advance(TIDY_AFTER + 1)
    assert pilot.app.housekeeper.done == 0
