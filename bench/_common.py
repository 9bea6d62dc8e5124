"""Shared by the figures: the child environment, child processes, a figure's fields,
medians and percentiles.

Nothing here imports Kivy: the parent process never opens a window; every measurement
that needs one runs in a fresh child process (Kivy cannot reopen its window, and each
figure must start from a clean process anyway).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WINDOW = (1280, 800)


def configure_floor_window() -> None:
    """Give a floor's one-Label app the kiosk's window (what prepare_kivy sets)."""
    from kivy.config import Config

    from kiosk.ui.rendering import multisamples

    for key, value in (("width", WINDOW[0]), ("height", WINDOW[1]), ("fullscreen", 0),
                       ("borderless", 1), ("resizable", 0), ("position", "custom"),
                       ("left", 0), ("top", 0), ("multisamples", multisamples())):
        Config.set("graphics", key, str(value))
#: How a child's last line starts: the rest of the line is its results, as JSON.
RESULT = "RESULT "


def child_env(kivy_home: Path) -> dict[str, str]:
    """A real offscreen window and real (silent) audio decoding, no ~/.kivy, no console log."""
    env = dict(os.environ)
    env.update({
        "SDL_VIDEODRIVER": "offscreen",
        "SDL_AUDIODRIVER": "dummy",
        "KIVY_NO_ARGS": "1",
        "KIVY_USE_DEFAULTCONFIG": "1",
        "KIVY_HOME": str(kivy_home),
        "KIVY_NO_CONSOLELOG": "1",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    })
    return env


class Workspace:
    """Temporary folders for one bench run: Kivy's home and the kiosk's data folder."""

    def __init__(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="kiosk-bench-")
        self.root = Path(self._tmp.name)
        self.kivy_home = self.root / "kivy-home"
        self.data = self.root / "data"
        self.kivy_home.mkdir()
        self.data.mkdir()
        self.env = child_env(self.kivy_home)

    @property
    def log_dirs(self) -> tuple[Path, ...]:
        """Where Kivy writes its logs (and, with the console log off, a child's stderr)."""
        return (self.data / "logs", self.kivy_home / "logs")

    def close(self) -> None:
        self._tmp.cleanup()


def spawn(module: str, args: list[str], env: dict[str, str], stderr_path: Path):
    """Start ``python -m module args`` from the repo root; stdout is a line-buffered pipe."""
    return subprocess.Popen(
        [sys.executable, "-m", module, *args], cwd=REPO, env=env, text=True, bufsize=1,
        stdout=subprocess.PIPE, stderr=stderr_path.open("w"))


def read_result(proc, stderr_path: Path, timeout: float = 300.0, markers: tuple[str, ...] = (),
                log_dirs: tuple[Path, ...] = ()) -> tuple[dict, dict[str, float]]:
    """Read a child's stdout to the end; returns its RESULT JSON and when each marker came.

    A marker's time is ``time.monotonic()`` in this process when the line arrived.
    """
    arrived: dict[str, float] = {}
    result = None
    deadline = time.monotonic() + timeout
    for line in iter(proc.stdout.readline, ""):
        now = time.monotonic()
        for marker in markers:
            if line.startswith(marker) and marker not in arrived:
                arrived[marker] = now
        if line.startswith(RESULT):
            result = json.loads(line[len(RESULT):])
        if now > deadline:
            proc.kill()
            break
    try:
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    if result is None or code != 0:
        tail = stderr_path.read_text(errors="replace")[-3000:] + _newest_log(log_dirs)
        raise RuntimeError(f"{proc.args} ended with code {code} and no result:\n{tail}")
    return result, arrived


def _newest_log(log_dirs) -> str:
    """The end of the newest Kivy log: Kivy sends a child's stderr there (no console log)."""
    logs = [f for d in log_dirs if d.is_dir() for f in d.iterdir()]
    if not logs:
        return ""
    newest = max(logs, key=lambda f: f.stat().st_mtime)
    return f"\n--- {newest}:\n" + newest.read_text(errors="replace")[-3000:]


def run_child(module: str, args: list[str], ws: Workspace, timeout: float = 300.0) -> dict:
    """Run a child to the end and return its RESULT."""
    log = ws.root / f"{module.rsplit('.', 1)[-1]}.stderr"
    return read_result(spawn(module, args, ws.env, log), log, timeout, log_dirs=ws.log_dirs)[0]


def figure(name: str, value, unit: str, *, floor, runs: int, notes: str,
           goal: str | None = None, meets: bool | None = None) -> dict:
    """One figure as bench/results.json keeps it and docs/performance.md shows it: the
    value beside its floor, the goal in words and whether the value meets it (both None
    where no goal is set), how many runs it took and how it was measured."""
    return {"name": name, "value": value, "unit": unit, "floor": floor, "goal": goal,
            "meets": meets, "runs": runs, "notes": notes}


def print_alone(measure) -> None:
    """A bench module run alone: its figures (``--quick``: at a tiny size) printed as JSON.
    With ``--into-results`` (a full run only) they replace the figures of the same names
    in bench/results.json, and docs/performance.md is written again from it."""
    quick = "--quick" in sys.argv[1:]
    figures = measure(quick)
    for one in figures:
        print(json.dumps(one, ensure_ascii=False, indent=2))
    if "--into-results" in sys.argv[1:] and not quick:
        from . import report

        path = REPO / "bench" / "results.json"
        results = json.loads(path.read_text(encoding="utf-8"))
        names = {one["name"] for one in figures}
        results["figures"] = merged(results["figures"], figures)
        # the page says which figures came from a later run than its machine line's
        import datetime as dt

        later = [entry for entry in results.get("added_later", [])
                 if not names & set(entry["figures"])]
        results["added_later"] = later + [{
            "figures": [one["name"] for one in figures],
            "date": dt.datetime.now().isoformat(timespec="minutes"),
            "commit": report.code_version(REPO)["commit"]}]
        report.write_json(path, results)
        report.write_markdown(REPO / "docs" / "performance.md", results)
        print(f"Wrote {path} and docs/performance.md")


def merged(figures: list[dict], new: list[dict]) -> list[dict]:
    """``figures`` with each of ``new`` in the place of the figure of its name (at the end
    when there is none)."""
    by_name = {one["name"]: one for one in new}
    out = [by_name.pop(one["name"], one) for one in figures]
    return out + [one for one in new if one["name"] in by_name]


def at_most(value: float, limit: float, unit: str) -> dict:
    """A goal of at most ``limit`` ``unit`` and whether ``value`` meets it, for figure()."""
    return {"goal": f"at most {limit:g} {unit}", "meets": value <= limit}


def median(values) -> float:
    return statistics.median(values)


def percentile(values, p: float) -> float:
    """Nearest-rank percentile: a value really measured (p95 of 30 is the 29th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def emit(result: dict) -> None:
    """What a child prints last: its results on one line."""
    print(RESULT + json.dumps(result), flush=True)


def rss_mib() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


class XServer:
    """Xvfb on a free display number, for one run; ``screen`` is its size (pixels)."""

    def __init__(self, screen: tuple[int, int] = (1920, 1080)):
        import shutil

        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise RuntimeError("Xvfb is not installed (apt-get install xvfb)")
        for number in range(140, 200):
            if not os.path.exists(f"/tmp/.X11-unix/X{number}") and \
                    not os.path.exists(f"/tmp/.X{number}-lock"):
                break
        self.display = f":{number}"
        self.proc = subprocess.Popen(
            [xvfb, self.display, "-screen", "0", f"{screen[0]}x{screen[1]}x24", "-nolisten",
             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)

    def env(self) -> dict[str, str]:
        """What a child needs to draw on this server instead of offscreen."""
        return {"DISPLAY": self.display, "SDL_VIDEODRIVER": "x11"}

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
