"""Staff leave kiosk mode: the real kiosk process ends and its visit log is on disk.

The kiosk is built as `main.py run` builds it (offscreen, SDL's silent audio), in a
process of its own, and driven as staff drive it: a visitor opens a stop, staff hold the
corner, type the PIN and confirm "Leave kiosk mode?". The visit log's writer is set to
save only once an hour, so whatever is on disk afterwards was saved by the way out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samples import make_tour, saved_events

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from pathlib import Path

from kivy.core.window import Window

from kiosk.ui.launch import build_app
from kiosk.ui.pilot import Pilot
from kiosk.ui.synthetic_touch import SyntheticTouch

content, data = Path(sys.argv[1]), Path(sys.argv[2])
app = build_app(content, data, watch=False, transition_duration=0, start_screen="home")
app.event_log.interval = 3600  # the writer never saves on its own in this run
pilot = Pilot.start(app)
pilot.open_stop("stop-1")
app.staff.pins.set_pin("1357")
pilot.hold_at(10, Window.height - 10, 3.2)  # staff hold the top-left corner
for key in ("pin_1", "pin_3", "pin_5", "pin_7", "pin_enter"):
    pilot.tap(key)
assert pilot.screen.name == "staff", pilot.screen.name
pilot.tap("staff_exit")
confirm = pilot.find("staff_exit_confirm")  # "Leave kiosk mode?": the finger lifts, the app stops
touch = SyntheticTouch(*confirm.to_window(*confirm.center))
touch.touch_down()
pilot.frames(2)
touch.touch_up()
print("left kiosk mode", app.lockdown.exit_allowed, flush=True)
"""


@pytest.mark.slow
def test_staff_leaving_kiosk_mode_saves_the_visit_and_its_end(tmp_path):
    tour = make_tour(tmp_path / "tour", stops=2, seconds=3)
    data = tmp_path / "data"
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
    result = subprocess.run([sys.executable, "-c", CHILD, str(tour), str(data)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "left kiosk mode True" in out
    events = saved_events(data)
    kinds = [event["kind"] for event in events]
    assert "stop_open" in kinds, out
    assert events[-1]["kind"] == "session_end" and events[-1]["reason"] == "staff", events
