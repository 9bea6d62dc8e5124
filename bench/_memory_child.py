"""Child of figure 3: resident memory while every stop is visited, round after round.

    python -m bench._memory_child CONTENT DATA ROUNDS

RSS (psutil) once the kiosk has started and drawn its home screen; then ROUNDS times:
visit every stop in order (``app.open_stop``, 3 frames; start its narration, 2 frames;
stop it) and take the RSS after each full round. Last, once more after ``gc.collect()``
and glibc's ``malloc_trim(0)``: what is left when garbage (old picture widgets and their
textures, which Python's cyclic collector frees only now and then) is gone and the freed
heap is given back to the system.
"""

import sys
import time
from pathlib import Path

from bench._app_driver import finish, frames, start_real_app
from bench._common import emit, rss_mib
from kiosk.memory import tidy


def visit(app, stop) -> None:
    app.open_stop(stop.id)
    frames(3)
    if app.language in stop.narration:
        app.narration.toggle()
        frames(2)
        app.narration.stop()


def main(content: str, data: str, rounds: str) -> None:
    app, backend = start_real_app(Path(content), Path(data))
    start = rss_mib()
    app.accept_content_notes()  # a stop with a content note opens, not its question
    after_rounds, seconds = [], []
    for _ in range(int(rounds)):
        began = time.monotonic()
        for stop in app.tour.stops:
            visit(app, stop)
        seconds.append(time.monotonic() - began)
        after_rounds.append(rss_mib())
    tidy()  # as the kiosk does after each visit
    frames(2)
    collected = rss_mib()
    stops = len(app.tour.stops)
    finish(app)
    emit({"start_mib": start, "rounds_mib": after_rounds, "stops": stops,
          "round_seconds": seconds, "collected_mib": collected})


if __name__ == "__main__":
    main(*sys.argv[1:4])
