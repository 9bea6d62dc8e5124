"""Child of the tile-tap figure: tap a stop's tile, time until its picture is on screen.

    python -m bench._tile_child CONTENT DATA FADE_TAPS CUT_TAPS [drawn|queued]

The real kiosk, with every picture prepared (display copies and thumbnails, the path a
running kiosk takes), on its tour screen. FADE_TAPS taps with the kiosk's default 0.3 s
fade between the screens and CUT_TAPS with a plain cut (no transition), interleaved, on
the tour's stops in turn:

- FLOOR: decode and upload the stop's prepared first picture alone, as the Picture widget
  does (``kivy.core.image.Image(path, nocache=True).texture``), just before the tap.
- ``drawn`` (the default): every buffer swap is followed by glFinish, so each frame is
  drawn before the next begins, as on a display, where the swap itself waits for the
  drawing (the frame-time figures do the same). ``queued``: nothing waits, as offscreen
  drawing goes by itself: Mesa's llvmpipe draws after the swap returns, and the frames
  of the tour screen before the tap (the list's scroll bar fading, ~30 full-window
  redraws after each scroll) pile up and are paid for during the tap.
- The tap: scroll the tile into view, touch its centre (``UnitTestTouch``: touch_down, one
  ``EventLoop.idle()``, touch_up), and pump ``EventLoop.idle()`` until the stop is on
  screen. Timed from just before touch_up (the finger lifting: a tile opens on release).

For each tap, when (ms after touch_up): the tile's release reached the app
(``app.open_stop`` called); open_stop returned (picture decoded and uploaded, narration
loaded); the first buffer swap showing the stop with its picture (its texture set, the
stop screen being drawn, during the fade too); the first swap after the transition ended
(the stop alone on screen); and when the driver had really drawn that frame (glFinish:
offscreen, Mesa's llvmpipe draws after the swap returns). The last is the figure: what
the visitor waits for. The way back to the tour is a cut, not timed.
"""

import sys
import time
from pathlib import Path

from bench._app_driver import (finish, finish_drawing, first_picture,
                               frames, on_each_flip, settle, start_real_app,
                               use_prepared_pictures)
from bench._common import emit

#: Give up on one tap after this long (s).
PATIENCE = 5.0
#: A tile is tapped only when its centre is at least this far inside the list (px).
MARGIN = 60


def decode_and_upload(path: str) -> float:
    """The floor: one prepared picture decoded and made a texture, alone (ms)."""
    from kivy.core.image import Image as CoreImage

    started = finish_drawing()  # nothing of the last frame left for the driver to draw
    texture = CoreImage(path, nocache=True).texture
    took = (finish_drawing() - started) * 1000
    if texture is None:
        raise SystemExit(f"floor: {path} gave no texture")
    return took


def find_tile(app, stop_id: str):
    """The tile of ``stop_id``, scrolled well into view."""
    rv = app.screens.get_screen("tour").ids.stops
    layout = rv.layout_manager
    index = [row.get("stop_id") for row in rv.data].index(stop_id)  # headings have none
    cols = max(1, layout.cols or 1)
    rows = -(-len(rv.data) // cols)
    guess = 1 - (index // cols) / max(1, rows - 1)
    for scroll_y in [guess] + [i / 20 for i in range(20, -1, -1)]:
        rv.scroll_y = min(1.0, max(0.0, scroll_y))
        frames(2)
        left, bottom = rv.to_window(rv.x, rv.y)
        for view in layout.children:
            if getattr(view, "stop_id", None) != stop_id:
                continue
            x, y = view.to_window(*view.center)
            if (left + MARGIN < x < left + rv.width - MARGIN
                    and bottom + MARGIN < y < bottom + rv.height - MARGIN):
                return view
    raise SystemExit(f"the tile of {stop_id} could not be brought into view")


class Watch:
    """Each frame on screen: is the stop shown with its picture, is the fade still on?"""

    def __init__(self, app):
        self.app = app
        self.stop_screen = app.screens.get_screen("stop")
        self.target = None
        self.calls: list[tuple[float, float]] = []
        real_open = app.open_stop

        def timed_open(*args, **kwargs):  # an instance attribute shadows the method
            began = time.perf_counter()
            try:
                return real_open(*args, **kwargs)
            finally:
                self.calls.append((began, time.perf_counter()))

        app.open_stop = timed_open
        on_each_flip(self._flip)

    def arm(self, stop_id: str, source: str) -> None:
        self.target = (stop_id, source)
        self.calls.clear()
        self.seen = self.settled = self.drawn = None
        self.flips = 0

    def _flip(self, now: float) -> None:
        if self.target is None or self.settled is not None:
            return
        self.flips += 1
        stop_id, source = self.target
        picture = first_picture(self.app)
        shown = (self.app.current_stop_id == stop_id and self.stop_screen.parent is not None
                 and picture.source == source and picture.texture is not None)
        if shown and self.seen is None:
            self.seen = now
        if shown and not self.app.screens.transition.is_active \
                and self.app.screens.current_screen is self.stop_screen:
            self.settled = now
            self.drawn = finish_drawing()  # the frame's pixels really drawn


def tap(app, stop, watch: Watch, mode: str) -> dict:
    from kivy.base import EventLoop
    from kiosk.ui.synthetic_touch import SyntheticTouch as UnitTestTouch

    source = app.picture(stop.images[0].file)
    floor = decode_and_upload(source)
    tile = find_tile(app, stop.id)
    frames(2)
    touch = UnitTestTouch(*tile.to_window(*tile.center))
    touch.touch_down()
    EventLoop.idle()
    watch.arm(stop.id, source)
    started = time.perf_counter()
    touch.touch_up()
    while watch.settled is None:
        if time.perf_counter() - started > PATIENCE:
            raise SystemExit(f"tap on {stop.id} ({mode}): the stop never showed")
        EventLoop.idle()
    if len(watch.calls) != 1:
        raise SystemExit(f"tap on {stop.id}: open_stop called {len(watch.calls)} times")
    called, returned = watch.calls[0]

    def ms(at):
        return (at - started) * 1000

    return {"mode": mode, "stop": stop.id, "floor_ms": floor, "released_ms": ms(called),
            "opened_ms": ms(returned), "seen_ms": ms(watch.seen),
            "settled_ms": ms(watch.settled), "drawn_ms": ms(watch.drawn), "flips": watch.flips}


def main(content: str, data: str, fade_taps: str, cut_taps: str, frames: str = "drawn") -> None:
    fade_taps, cut_taps = int(fade_taps), int(cut_taps)
    if frames not in ("drawn", "queued"):
        raise SystemExit(f"frames: 'drawn' or 'queued', not {frames!r}")
    from kivy.uix.screenmanager import FadeTransition, NoTransition

    from kiosk.ui.app import FADE_SECONDS

    app, _backend = start_real_app(Path(content), Path(data))
    if frames == "drawn":
        on_each_flip(lambda _now: finish_drawing())  # a frame ends when it is drawn
    use_prepared_pictures(app)
    app.accept_content_notes()
    # The kiosk's own choice here (a cut when drawing in software, see kiosk.ui.rendering)
    kiosk_choice = "fade" if isinstance(app.screens.transition, FadeTransition) else "cut"
    fade, cut = FadeTransition(duration=FADE_SECONDS), NoTransition()
    app.screens.transition = cut
    app.show_tour()
    settle()
    watch = Watch(app)
    stops = app.tour.stops
    samples = []
    total = fade_taps + cut_taps
    for i in range(total):
        # The stops in turn (never the same one twice running: its picture would still be
        # loaded); the cuts spread evenly among the fades, so both see the same stops and
        # the same moments of a noisy machine.
        stop = stops[i % len(stops)]
        mode = "cut" if (i + 1) * cut_taps // total > i * cut_taps // total else "fade"
        app.screens.transition = fade if mode == "fade" else cut
        samples.append(tap(app, stop, watch, mode))
        app.screens.transition = cut
        app.show_tour()
        settle()
    finish(app)
    emit({"taps": samples, "fade_s": fade.duration, "stops": len(stops),
          "kiosk_choice": kiosk_choice, "frames": frames,
          "scroll_timeout_ms": app.screens.get_screen("tour").ids.stops.scroll_timeout})


if __name__ == "__main__":
    main(*sys.argv[1:6])
