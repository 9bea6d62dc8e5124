"""The machine's description, ``bench/results.json`` and ``docs/performance.md``."""

from __future__ import annotations

import datetime
import json
import os
import platform
from importlib.metadata import version
from pathlib import Path


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = platform.platform()
    try:
        release = dict(line.split("=", 1) for line in
                       Path("/etc/os-release").read_text().splitlines() if "=" in line)
        system = f"{release['PRETTY_NAME'].strip(chr(34))} ({platform.release()})"
    except (OSError, KeyError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "kivy": version("Kivy"), "pygame": version("pygame"), "os": system,
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def code_version(repo: Path) -> dict:
    """The commit measured, and whether kiosk/ had uncommitted changes at the time."""
    import subprocess

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, capture_output=True,
                              text=True).stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD") or "unknown",
            "uncommitted_changes": bool(git("status", "--porcelain", "--", "kiosk"))}


def write_json(path: Path, results: dict) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def table(figures: list[dict]) -> str:
    rows = ["| Figure | Value | Floor | Goal | Meets | Runs |", "|---|---|---|---|---|---|"]
    for f in figures:
        unit = f" {f['unit']}"
        floor = "–" if f["floor"] is None else _cell(f["floor"]) + unit
        rows.append(f"| {f['name']} | {_cell(f['value'])}{unit} | {floor} | "
                    f"{_cell(f['goal'])} | {_cell(f['meets'])} | {f['runs']} |")
    return "\n".join(rows)


INTRO = """\
# Performance

Benchmarks of the kiosk on the real stack: the real app in a real offscreen window
(`SDL_VIDEODRIVER=offscreen`, Mesa llvmpipe, 1280x800), real pygame decoding to SDL's
silent `dummy` audio driver. Run from the repository root:

    .venv/bin/python -m bench                # full run (~5 min): writes bench/results.json
                                             # and this file
    .venv/bin/python -m bench --quick        # under a minute, for CI: writes nothing unless
                                             # --json PATH / --markdown PATH are given
    .venv/bin/python -m bench --content DIR  # another tour (default: the demo tour here)
    .venv/bin/python -m bench --synthetic    # a generated 13-stop tour (tests.tour_factory)

The machines are shared and noisy, so every figure stands beside a **floor** measured in
the same run on the same machine: read the kiosk's cost as the distance from its floor.

- **Process start to first frame of home**: a fresh Python process starts the real kiosk
  and reports the window's first `on_flip` after the home screen is built; timed in the
  parent from just before spawning to the report. Floor: the same for a Kivy app made of
  one Label, with the same window and environment. Medians over several runs.
- **Tap on play to narration playing**: a synthesised touch (`UnitTestTouch`) on the play
  button of a stop; time from touch_up until the audio backend is busy. Floor: a bare
  `pygame.mixer.music.load(f); play()` to `get_busy()` on the same file, in the same
  process, one just before each tap (so it shares the machine's state). p50 and p95.
- **RSS while visiting every stop** again and again: resident memory at start (home
  drawn) and after each round of visits (open the stop, 3 frames, start the narration,
  2 frames, stop it), in three fresh processes; last, after `gc.collect()`. Floor, for
  context: the RSS of the one-Label Kivy app at its first frame.
"""


def write_markdown(path: Path, results: dict) -> None:
    m, c, v = results["machine"], results["content"], results["code"]
    notes = "\n".join(f"- **{f['name']}**: {f['notes']}" for f in results["figures"])
    text = (f"{INTRO}\n## Figures\n\n{table(results['figures'])}\n\n"
            f"Tour measured: {c['description']}. Code: commit {v['commit']}"
            f"{' with uncommitted changes in kiosk/' if v['uncommitted_changes'] else ''}."
            f"\n\n## Notes\n\n{notes}\n\n"
            f"Measured {m['date'][:10]} on {m['cpu']} ({m['cores']} cores), {m['os']}, "
            f"Python {m['python']}, Kivy {m['kivy']}, pygame {m['pygame']}; load average "
            f"at start {m['load_average_at_start']}"
            f"{' (quick mode)' if results.get('quick') else ''}.\n")
    path.write_text(text, encoding="utf-8")
