"""Child of the name-finder figures: one keystroke to the names found drawn on screen.

    python -m bench._name_typing_child CONTENT DATA QUERIES_JSON

The real kiosk, on a tour whose names.csv is already written, opens the search for a name
and waits for the list to be ready. Meanwhile it times each turn of the kiosk's loop (one
``EventLoop.idle()``: the clock, the input, a frame) while the index is built in a thread
of its own, then as many turns after it: the build must not freeze the screen. (Kivy
swaps buffers only when something changed, so the loop's turns are timed, not the swaps.)

Then each query is typed a letter at a time as a USB keyboard types (the window's text
input), timed from the keystroke to the frame with the new results drawn (one
``EventLoop.idle()`` and ``glFinish``). FLOOR: the same keystrokes, same screen, same
process, with a plain substring scan of the lower-cased full names in place of the
index; ours and the floor take turns, query by query.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bench._app_driver import finish, finish_drawing, frames, start_real_app
from bench._common import emit

PATIENCE = 120.0


class SubstringScan:
    """The floor: the query, lowered, looked for in each full name as written."""

    def __init__(self, people):
        self.people = people
        self.names = [p.full_name.lower() for p in people]

    def search(self, query: str, limit: int):
        from kiosk.names.search import Match

        lowered = query.lower()
        return [Match(self.people[n], 0.0) for n, name in enumerate(self.names)
                if lowered in name][:limit]


def loop_turn() -> float:
    """One turn of the kiosk's loop, in ms."""
    began = time.perf_counter()
    frames(1)
    return 1000 * (time.perf_counter() - began)


def keystroke(window, idle, character: str) -> float:
    began = time.perf_counter()
    window.dispatch("on_textinput", character)
    idle()
    finish_drawing()
    return 1000 * (time.perf_counter() - began)


def main(content: str, data: str, queries_path: str) -> None:
    queries = json.loads(Path(queries_path).read_text(encoding="utf-8"))
    app, _backend = start_real_app(Path(content), Path(data), start_screen="home")
    from kivy.base import EventLoop

    began = time.perf_counter()
    app.show_name_search()
    # at least the turn in which the search opened is timed: a short list may be ready
    # before the first look, and the figure still says what that turn cost
    building = [loop_turn()]
    while not app.names.ready:
        if time.perf_counter() - began > PATIENCE:
            raise SystemExit("the list of names was not ready in time")
        building.append(loop_turn())
    ready_s = time.perf_counter() - began
    calm = [loop_turn() for _ in range(max(60, len(building)))]
    screen = app.screens.get_screen("names")
    window, idle = EventLoop.window, EventLoop.idle
    index = app.names.roll
    floor = SubstringScan(index.index.people)
    ours_ms, floor_ms, shown = [], [], []
    for number, query in enumerate(queries):
        for searcher, times in ((index, ours_ms), (floor, floor_ms))[::1 if number % 2 else -1]:
            app.names.roll = searcher
            screen.clear()
            frames(1)
            for character in query:
                times.append(keystroke(window, idle, character))
            if searcher is index:
                shown.append(len(screen.results))
    app.names.roll = index
    emit({"ours_ms": ours_ms, "floor_ms": floor_ms, "ready_s": ready_s,
          "building_frame_ms": building, "calm_frame_ms": calm,
          "names": len(index), "queries": len(queries), "shown": shown})
    finish(app)


if __name__ == "__main__":
    main(*sys.argv[1:4])
