"""The real kiosk on a data disk that fills while it runs (run by tests/test_full_disk.py).

    python tests/full_disk_kiosk.py CONTENT DATA FILLER

Set up as `python main.py run` sets it up (kiosk.ui.bootstrap, the kiosk's log file, the
real app with the live watcher and the visit log, real pygame playback on SDL's silent
driver), then, on Kivy's clock:

1. the disk holding DATA is filled to the last byte (with the file FILLER);
2. selftest's whole visitor walk: every stop in every language, its overlays and modes;
3. staff edit stops.yaml (the first stop's English title): the live reload must show it;
4. FILLER is removed (room again), the kiosk logs a line, and the app stops.

Every exception that reaches Kivy's loop or ends a thread is counted, even those the app's
own fault guard would hide from a visitor. The last line printed is ``RESULT {json}``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EDITED = "Stop 101 (edited while the disk was full)"
#: How long the live watcher may take to notice the edit (it needs at most about 2 s).
RELOAD_DEADLINE = 30.0
#: Log lines of about 80 bytes logged once the disk is full: more than a 4 KiB page holds.
FILLING_LINES = 60


def main(content: Path, data: Path, filler: Path) -> int:
    from kiosk.ui.bootstrap import prepare_kivy

    prepare_kivy(data, windowed=True)
    from kiosk.ui.faults import log_to_file

    log_to_file(data)
    from kiosk.audio import PygameAudio
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app
    from kiosk.ui.selftest import SelfTest
    from samples import edit_tour
    from tests.small_disks import fill, free_bytes

    backend = PygameAudio()
    assert backend.open(), "SDL's silent audio driver did not open"
    app = build_app(content, data, player=NarrationPlayer(backend), watch=True,
                    transition_duration=0)
    walk = SelfTest(app, backend, None)
    result = {"exceptions": [], "free_while_full": None, "title_after_edit": None}

    from kivy.base import ExceptionHandler, ExceptionManager
    from kivy.clock import Clock

    class Counter(ExceptionHandler):
        def handle_exception(self, inst):
            result["exceptions"].append("".join(traceback.format_exception(inst)))
            return ExceptionManager.PASS

    ExceptionManager.add_handler(Counter())
    threading.excepthook = lambda args: result["exceptions"].append(
        "".join(traceback.format_exception(args.exc_value)))

    def title_now() -> str:
        return app.tour.stop("stop-1").title["en"]

    def scenario():
        yield 5
        fill(filler.parent, filler.name)
        # Enough lines to use up the room left in the last page of each log file, so
        # that from here on a log line really finds the disk full.
        for line in range(FILLING_LINES):
            logging.getLogger("kiosk").warning("the test filled the data disk (%d)", line)
        yield from walk.steps()
        result["free_while_full"] = free_bytes(filler.parent)
        app.set_language("en")
        app.open_stop("stop-1", how="selftest")
        yield 3
        edit_tour(content, "Stop 101", EDITED)
        deadline = time.monotonic() + RELOAD_DEADLINE
        while time.monotonic() < deadline and title_now() != EDITED:
            yield 1
        app.open_stop("stop-1", how="selftest")
        yield 3
        screen = app.screens.current_screen
        result["title_after_edit"] = screen.ids.title.text if screen.name == "stop" else None
        result["free_after_edit"] = free_bytes(filler.parent)
        filler.unlink()
        logging.getLogger("kiosk").warning("the test made room on the data disk")
        yield 2

    steps = scenario()
    state = {"wait": 0}

    def step(_dt):
        if state["wait"] > 0:
            state["wait"] -= 1
            return True
        try:
            state["wait"] = next(steps)
        except StopIteration:
            app.stop()
            return False
        except Exception:  # noqa: BLE001 - reported, and the run ends
            result["exceptions"].append(traceback.format_exc())
            app.stop()
            return False
        return True

    Clock.schedule_interval(step, 0)
    app.run()
    result["problems"] = walk.problems
    for handler in logging.getLogger().handlers + logging.getLogger("kiosk").handlers:
        handler.flush()
    print("RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    sys.exit(main(*map(Path, sys.argv[1:4])))
