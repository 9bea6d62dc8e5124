"""The visit log at the end of the process: what was recorded is on disk afterwards."""

import subprocess
import sys
from pathlib import Path

from samples import saved_kinds

ROOT = Path(__file__).resolve().parents[2]


def test_a_process_that_ends_without_closing_the_log_still_saves_its_events(tmp_path):
    # The writer would save only after an hour: only the exit's own saving can do it.
    code = (f"from kiosk.analytics import EventLog\n"
            f"log = EventLog({str(tmp_path)!r}, interval=3600)\n"
            f"log.start()\n"
            f"log.record('session_start')\n"
            f"log.record('stop_open', stop='arch', how='tile')\n"
            f"assert log.pending == 2\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
    assert saved_kinds(tmp_path) == ["session_start", "stop_open"]
