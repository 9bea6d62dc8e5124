"""Child of the map figures: opening the map, and a pin's tap to the stop's picture.

    python -m bench._map_screen_child CONTENT DATA OPENS

The real kiosk on a tour with plans, every picture prepared, on its home screen.

- **Opening the map**, OPENS times: ``app.show_map()`` (what the "Map" button calls), then
  the loop's turns until the map's frame is drawn (glFinish). FLOOR, taking turns with it:
  the same from home to the tour's list (a built screen, its pictures prepared), the
  kiosk's everyday screen change.
- **A pin's tap to the stop's picture on screen**: on each plan, each pin touched at its
  centre (``SyntheticTouch``: touch_down, one ``EventLoop.idle()``, touch_up), timed from
  touch_up until the card shows the stop's picture (its texture set) in a drawn frame.
  FLOOR, just before each tap: the card's picture (the stop's prepared thumbnail) decoded
  and uploaded alone, as the Image widget does.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench._app_driver import finish, finish_drawing, frames, start_real_app, use_prepared_pictures
from bench._common import emit

PATIENCE = 5.0


def drawn_after(action) -> float:
    """``action()``, then the loop's turns until its frame is drawn; ms."""
    from kivy.base import EventLoop

    finish_drawing()
    began = time.perf_counter()
    action()
    EventLoop.idle()
    finish_drawing()
    return 1000 * (time.perf_counter() - began)


def decode_and_upload(path: str) -> float:
    from kivy.core.image import Image as CoreImage

    began = finish_drawing()
    texture = CoreImage(path, nocache=True).texture
    if texture is None:
        raise SystemExit(f"floor: {path} gave no texture")
    return 1000 * (finish_drawing() - began)


def pin_tap(app, stop_id: str) -> float:
    from kivy.base import EventLoop

    from kiosk.ui.synthetic_touch import SyntheticTouch

    screen = app.screens.get_screen("map")
    picture = screen.ids.card_picture
    touch = SyntheticTouch(*screen.ids.plan.pin_centre(stop_id))
    touch.touch_down()
    EventLoop.idle()
    began = time.perf_counter()
    touch.touch_up()
    while not (screen.selected == stop_id and picture.texture is not None
               and picture.source == screen.card_picture and picture.opacity == 1):
        if time.perf_counter() - began > PATIENCE:
            raise SystemExit(f"a tap on the pin of {stop_id} never showed its picture")
        EventLoop.idle()
    EventLoop.idle()  # the frame with the picture
    finish_drawing()
    return 1000 * (time.perf_counter() - began)


def main(content: str, data: str, opens: str) -> None:
    app, _backend = start_real_app(Path(content), Path(data), transition_duration=0)
    use_prepared_pictures(app)
    ours_open, floor_open = [], []
    for number in range(int(opens)):
        for action, times in ((app.show_map, ours_open),
                              (app.show_tour, floor_open))[::1 if number % 2 else -1]:
            times.append(drawn_after(action))
            app.go_home()
            frames(2)
    taps, floors, pins = [], [], 0
    app.show_map()
    frames(3)
    screen = app.screens.get_screen("map")
    for plan in app.tour.museum.maps:
        screen.dispatch("on_plan_chosen", plan.id)  # as its switch button does
        frames(3)
        for pin in list(screen.pins):
            stop = app.tour.stop(pin["stop_id"])
            floors.append(decode_and_upload(app.picture(stop.images[0].file, thumbnail=True)))
            screen.selected = ""
            frames(2)
            taps.append(pin_tap(app, stop.id))
            pins += 1
    emit({"open_ms": ours_open, "open_floor_ms": floor_open, "tap_ms": taps,
          "tap_floor_ms": floors, "pins": pins, "plans": len(app.tour.museum.maps)})
    finish(app)


if __name__ == "__main__":
    main(*sys.argv[1:4])
