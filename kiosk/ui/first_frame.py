"""Work that waits until a frame is on screen.

A kiosk switched on should show its first screen as soon as it can; the sound device,
the screens nobody sees yet, the event log's writer, the content watcher and the
preparing of pictures can all follow a frame later (docs/performance.md). In the same
way, a stop just opened is drawn first, with its first picture; its other pictures and
its tick on the map follow in the frame after.
"""

from __future__ import annotations

from typing import Callable

from kivy.clock import Clock


class AfterDrawn:
    """Calls ``callback()`` in the frame after the next buffer swap, once per :meth:`arm`.

    Arming it again before then still calls it once; :meth:`cancel` calls it not at all.
    """

    def __init__(self, callback: Callable[[], None]):
        self._callback = callback
        self._waiting = False  # for the swap
        self._event = None  # the call, scheduled for the frame after it
        # A plain function, which the window holds strongly (a bound method it would hold
        # weakly, and a helper nobody else keeps would be gone before the swap).
        self._on_flip = lambda window, *_args: self._flipped(window)

    @property
    def pending(self) -> bool:
        return self._waiting or self._event is not None

    def arm(self) -> None:
        if self._waiting:
            return
        if self._event is not None:  # already due in the next frame: keep that
            return
        from kivy.core.window import Window

        self._waiting = True
        Window.bind(on_flip=self._on_flip)

    def cancel(self) -> None:
        if self._waiting:
            from kivy.core.window import Window

            Window.unbind(on_flip=self._on_flip)
            self._waiting = False
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _flipped(self, window, *_args) -> None:
        window.unbind(on_flip=self._on_flip)
        self._waiting = False
        # A plain function, again: Kivy's Clock holds a bound method weakly, and this
        # helper may be held by nothing else now (it was lost that way, now and then).
        self._event = Clock.schedule_once(lambda _dt: self._call(), 0)  # frame on screen

    def _call(self) -> None:
        self._event = None
        self._callback()


def after_first_frame(callback: Callable[[], None]) -> None:
    """Call ``callback()`` in the frame after the next buffer swap (the app's first one
    when called from ``on_start``)."""
    AfterDrawn(callback).arm()
