"""Work left for the frame after the next one is drawn is done, once, even when nothing
else holds on to what asked for it (the app's start and a stop's other pictures use it)."""

import gc

from kiosk.ui.first_frame import AfterDrawn


def draw(pilot, frames: int = 1) -> None:
    """``frames`` frames, the window redrawn in the first (the swap the helper waits for:
    a window with nothing new to show is not redrawn)."""
    from kivy.core.window import Window

    Window.canvas.ask_update()
    pilot.frames(frames)


def test_work_left_for_after_the_frame_is_done_once_even_when_nothing_holds_it(pilot):
    called = []
    AfterDrawn(lambda: called.append("done")).arm()  # nobody keeps the helper
    gc.collect()
    draw(pilot)  # drawn: the work is now due in the next frame
    gc.collect()
    assert called == []
    pilot.frames(2)
    assert called == ["done"]
    pilot.frames(3)
    assert called == ["done"]


def test_armed_twice_it_runs_once_and_cancelled_it_does_not_run(pilot):
    called = []
    later = AfterDrawn(lambda: called.append("done"))
    later.arm()
    later.arm()
    draw(pilot, 3)
    assert called == ["done"] and not later.pending
    later.arm()
    draw(pilot)
    later.cancel()
    draw(pilot, 3)
    assert called == ["done"] and not later.pending
