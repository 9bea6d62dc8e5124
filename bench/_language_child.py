"""Child of the language-switch figure: switch language on a stop, time the redrawn screen.

    python -m bench._language_child CONTENT DATA SWITCHES

The real kiosk, pictures prepared, on the first stop narrated in every language, its
narration playing. SWITCHES times, through the tour's languages in turn:

- FLOOR: one Label with the stop title's font, size and width, standalone, re-rendered
  with the new title (the same text, so the same length): ``label.text = new``,
  ``label.texture_update()``, then glFinish so the upload is really done.
- The switch: ``app.set_language(code)`` as the language button does, then pump
  ``EventLoop.idle()`` until the first buffer swap after the stop's title and its story
  have new textures, then glFinish (offscreen, Mesa's llvmpipe draws after the swap
  returns): the screen fully redrawn in the new language. Timed from just before
  set_language.

Also recorded: when set_language returned (the narration of the new language loaded and
moved to the matching sentence), the swap itself, and whether the narration still plays.
"""

import sys
import time
from pathlib import Path

from bench._app_driver import (finish, finish_drawing, frames,
                               on_each_flip, settle, start_real_app, use_prepared_pictures)
from bench._common import emit

PATIENCE = 5.0


def floor_label(title):
    from kivy.uix.label import Label

    return Label(font_size=title.font_size, bold=title.bold, text_size=(title.width, None),
                 halign=title.halign, color=title.color, size=title.size)


def render_alone(label, text: str) -> float:
    started = finish_drawing()
    label.text = text
    label.texture_update()
    took = (finish_drawing() - started) * 1000
    if label.texture is None:
        raise SystemExit("floor: the label has no texture")
    return took


class Watch:
    """When the watched labels got new textures, and the buffer swaps after that."""

    def __init__(self, labels):
        self.labels = labels
        self.armed = False
        for name, label in labels.items():
            label.bind(texture=lambda _l, texture, name=name: self._texture(name, texture))
        on_each_flip(self._flip)

    def arm(self) -> None:
        self.updated: dict[str, float] = {}
        self.swapped = self.drawn = None
        self.armed = True

    def _texture(self, name: str, texture) -> None:
        if self.armed and texture is not None:
            self.updated[name] = time.perf_counter()

    def _flip(self, now: float) -> None:
        if self.armed and self.swapped is None and len(self.updated) == len(self.labels):
            self.swapped = now
            self.drawn = finish_drawing()
            self.armed = False


def switch(app, code: str, watch: Watch, floor) -> dict:
    from kivy.base import EventLoop

    stop = app.tour.stop(app.current_stop_id)
    floor_ms = render_alone(floor, app.stop_text(stop, "title", code))
    frames(6)  # the narration goes on a little; the floor's upload long done
    watch.arm()
    started = time.perf_counter()
    app.set_language(code)
    returned = time.perf_counter()
    while watch.drawn is None:
        if time.perf_counter() - started > PATIENCE:
            raise SystemExit(f"switch to {code}: the screen was not redrawn "
                             f"(updated: {sorted(watch.updated)})")
        EventLoop.idle()

    def ms(at):
        return (at - started) * 1000

    return {"to": code, "floor_ms": floor_ms, "returned_ms": ms(returned),
            "swapped_ms": ms(watch.swapped), "drawn_ms": ms(watch.drawn),
            "labels_ms": {name: ms(at) for name, at in watch.updated.items()},
            "state": app.narration.state}


def main(content: str, data: str, switches: str) -> None:
    app, _backend = start_real_app(Path(content), Path(data))
    use_prepared_pictures(app)
    app.accept_content_notes()
    stop = next(s for s in app.tour.stops if all(code in s.narration for code in app.languages))
    app.open_stop(stop.id)
    settle()
    app.narration.play()
    frames(10)
    screen = app.screens.get_screen("stop")
    title = screen.ids.title
    watch = Watch({"title": title, "story": screen.ids.text})
    floor = floor_label(title)
    order = [code for code in app.languages if code != app.language] + [app.language]
    samples = []
    for i in range(int(switches)):
        samples.append(switch(app, order[i % len(order)], watch, floor))
        if app.narration.state != "playing":
            raise SystemExit(f"after switching to {samples[-1]['to']} the narration is "
                             f"{app.narration.state}")
    finish(app)
    emit({"switches": samples, "stop": stop.id, "languages": list(app.languages),
          "title_font_size": title.font_size})


if __name__ == "__main__":
    main(*sys.argv[1:4])
