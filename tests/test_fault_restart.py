"""A kiosk that restarts itself after repeated faults keeps the visits it had recorded.

The restart replaces the process in place (os.execv), which skips everything registered to
run at exit. A real kiosk process, built as `main.py run` builds it (offscreen, SDL's silent
audio), records a visit, then meets three faults in a row; its visit log's writer is set to
save only once an hour, so the visit is on disk afterwards only if the kiosk saved it
before restarting. The same script, started again by the restart, notes that it came back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samples import make_tour, saved_kinds

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from pathlib import Path

content, data = Path(sys.argv[1]), Path(sys.argv[2])
started = data.parent / "started"
if started.exists():  # the kiosk's restart ran this script again
    print("started again, with", sys.argv[1:], flush=True)
    sys.exit(0)
started.write_text("once")

from kiosk.ui.launch import build_app
from kiosk.ui.pilot import Pilot

app = build_app(content, data, watch=False, transition_duration=0, start_screen="home")
app.event_log.interval = 3600  # the writer never saves on its own in this run
pilot = Pilot.start(app)
pilot.open_stop("stop-2")
pilot.tap("back")
app.go_home()
pilot.frames(3)

def broken():
    raise RuntimeError("a fault in a screen")

app.show_tour = broken
for _ in range(3):
    pilot.tap("start")
print("three faults", flush=True)
pilot.advance(30)  # the calm screen for a few seconds, then the restart
print("never restarted", flush=True)
sys.exit(3)
"""


@pytest.mark.slow
def test_a_restart_after_faults_keeps_the_visit_recorded_before_it(tmp_path):
    tour = make_tour(tmp_path / "tour", stops=3, seconds=3)
    data = tmp_path / "data"
    script = tmp_path / "kiosk_child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy",
               PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, str(script), str(tour), str(data)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert "three faults" in out and "started again" in out, out
    assert result.returncode == 0, out
    kinds = saved_kinds(data)
    assert "stop_open" in kinds, (kinds, out)
