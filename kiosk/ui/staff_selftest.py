"""The staff panel's self-test: `python main.py selftest` run in the background, offscreen,
and what it found told in the panel's language. Its whole English output goes to a file in
the data folder, which the message names."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable

from kivy.clock import Clock

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def run_in_background(content_dir: Path, data_dir: Path,
                      on_done: Callable[["SelfTestOutcome"], None]) -> threading.Thread:
    """Start the self-test in a thread; ``on_done(outcome)`` runs on the UI thread."""
    command = [sys.executable, str(MAIN), "selftest", "--content", str(content_dir),
               "--data", str(data_dir / "selftest-data"),
               "--screenshots", str(data_dir / "selftest")]
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
    env.pop("DISPLAY", None)

    def run():
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
            outcome = SelfTestOutcome.read(done.returncode, done.stdout + done.stderr)
        except (OSError, subprocess.SubprocessError) as error:
            outcome = SelfTestOutcome(ok=False, output=str(error), started=False)
        Clock.schedule_once(lambda _dt: on_done(outcome))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


class SelfTestOutcome:
    """What `python main.py selftest` said, read from its exit status and output."""

    def __init__(self, ok: bool, output: str, problems: int = 0, tour_broken: bool = False,
                 started: bool = True):
        self.ok, self.output, self.problems = ok, output, problems
        self.tour_broken, self.started = tour_broken, started

    @classmethod
    def read(cls, returncode: int, output: str) -> "SelfTestOutcome":
        found = re.search(r"(\d+) problem\(s\)\.\s*$", output)
        problems = int(found.group(1)) if found else sum(
            1 for line in output.splitlines() if line.startswith("PROBLEM"))
        broken = "selftest stopped: stops.yaml has problems" in output
        return cls(ok=returncode == 0, output=output, problems=max(problems, 1) if returncode else 0,
                   tour_broken=broken, started=found is not None or broken or problems > 0)

    def told(self, tr, data_dir: Path | None) -> str:
        """The panel's message; the whole output is saved beside it when it can be."""
        report = data_dir / "selftest-report.txt" if data_dir is not None else None
        try:
            if report is not None:
                report.write_text(self.output, encoding="utf-8")
        except OSError:
            report = None
        if self.ok:
            text = tr._("The self-test passed: every stop opened and played in every language.")
        elif not self.started:
            text = tr._("The self-test could not run.")
        elif self.tour_broken:
            text = tr._("The self-test stopped: stops.yaml has problems.")
        else:
            found = self.problems
            text = tr.ngettext("The self-test found {count} problem.", "The self-test found {count} problems.", found).format(count=found)
        if report is not None:
            text += " " + tr._("Details: {path}").format(path=report)
        return text
