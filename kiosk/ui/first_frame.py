"""Work that waits until the first frame is on screen.

A kiosk switched on should show its first screen as soon as it can; the sound device,
the screens nobody sees yet, the event log's writer, the content watcher and the
preparing of pictures can all follow a frame later (docs/performance.md).
"""

from __future__ import annotations

from typing import Callable

from kivy.clock import Clock


def after_first_frame(callback: Callable[[], None]) -> None:
    """Call ``callback()`` in the frame after the next buffer swap (the app's first one
    when called from ``on_start``)."""
    from kivy.core.window import Window

    def first_flip(window, *_args):
        window.unbind(on_flip=first_flip)
        Clock.schedule_once(lambda _dt: callback(), 0)  # this frame is on screen now

    Window.bind(on_flip=first_flip)
