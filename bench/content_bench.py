"""Figures for stops.yaml: `check` and the kiosk's load of a 1,000-stop, 3-language tour.

The tour is generated in a temporary folder from the demo tour's real media: stop *i*
takes demo stop *i mod 16*'s recordings (real espeak-ng narrations, 20-90 s, OGG Vorbis),
their WebVTT captions (timed to those recordings) and its pictures (1600x1000 JPEGs),
each COPIED to its own path, so every one of the 3,000 recordings, 3,000 caption files
and ~1,600 pictures is a separate file that check opens on its own (its cache is per
path, size and mtime). Titles, texts and captions are written in all three languages.

Figures (medians over several runs, taken round by round: the floor, the load, check in
process, check as staff run it, so that each meets the same noise):

- **check, as staff run it**: ``python main.py check --content DIR``, a fresh process
  each run, wall time from spawn to exit (Python start and imports included).
- **check, in process**: ``kiosk.check.check_content(DIR)``: the same work without
  Python's start.
- **load, as the kiosk does it**: ``kiosk.content.read_tour(DIR)`` in process: YAML with
  its source map, the model, ids and numbers, every file's existence. No decoding.

FLOOR for all three: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same stops.yaml,
the least any loader must do (libyaml's C parser, no places, no checks, no files); the
notes also give the bare pure-Python ``yaml.safe_load``.

``measure(quick)`` is called by ``python -m bench``; ``python -m bench.content_bench
[--quick]`` runs it alone and prints the figures. Quick mode (CI) measures a 40-stop tour
(~300 files: still enough for check's worker processes), in a few seconds.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from samples import make_big_tour

from ._common import at_most, figure, print_alone

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru", "en")
STOPS = 1000
#: Quick mode (CI): enough stops for every path of check (~300 files: worker processes,
#: started before the parse), in a few seconds.
QUICK_STOPS = 40
CHECK_GOAL_S = 2.0
LOAD_GOAL_S = 0.3
#: What changed in check, and by how much: written into the in-process figure's notes.
#: Measured on the 1,000-stop tour, the code before and after in one session, round by
#: round (this bench's method), on the 2-core machine of the runs, busy at times.
CHANGED = (
    "What changed in check, measured against the code before it, both interleaved round by "
    "round in one session on this 2-core machine: in process, median 1.69 s before, 1.18 s "
    "after (21 rounds; floor 0.45 s); as staff run it, 1.71 s before, 1.22 s after (11 "
    "rounds); CPU time of all processes 2.83 s before, 2.20 s after; all in one process "
    "(workers=1) 2.39 s before, 1.89 s after. Profiled (py-spy, cProfile): a recording took "
    "0.42 ms, three quarters of it inside libsndfile's open (libvorbis building its "
    "codebooks, and the last 64 kB read for the length), which stays. (A path straight "
    "through soundfile's private cffi names saved a further 0.2 ms a recording; check now "
    "uses soundfile's public API only, at about 0.72 ms a recording instead of 0.52.) "
    "The worker processes used to start once stops.yaml was parsed "
    "(0.25 s with one core idle); now they start at once, on the files its text names "
    "(ordinary files inside the content folder only), while it is parsed (taken back: "
    "+0.085 s). They send back plain tuples and keep the cues to themselves (3.7 MB of "
    "pickled cues before; a cue that could end too late is read again here), the parent "
    "no longer stats every file, and the garbage collector stays off during the check "
    "(0.07 s of CPU). Unchanged: pictures (0.05 ms each) and the parse itself "
    "(kiosk.content.loader, ~0.23 s alone), which now overlaps the workers.")


def _timed(fn, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall seconds of each run; CPU seconds (all threads, and children) into ``cpu``."""
    times = []
    for _ in range(runs):
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        began_cpu = time.process_time()
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
        if cpu is not None:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(time.process_time() - began_cpu + after.ru_utime - children.ru_utime
                       + after.ru_stime - children.ru_stime)
    return times


def _check_process(content: Path) -> None:
    env = dict(os.environ, KIVY_NO_ARGS="1")
    result = subprocess.run([sys.executable, str(REPO / "main.py"), "check", "--content",
                             str(content)], capture_output=True, text=True, env=env, cwd=REPO,
                            timeout=300)
    if result.returncode != 0:
        raise RuntimeError("check failed on the generated tour:\n" + result.stdout[-3000:]
                           + result.stderr[-3000:])


def measure(quick: bool) -> list[dict]:
    """The figures above, each as bench._common.figure() makes it."""
    import yaml

    sys.path.insert(0, str(REPO))
    from kiosk.check import check_content
    from kiosk.content import read_tour
    from kiosk.content.inspections import Inspections

    runs = 3 if quick else 7
    stops = QUICK_STOPS if quick else STOPS
    with tempfile.TemporaryDirectory(prefix="kiosk-content-bench-") as tmp:
        began = time.perf_counter()
        content = make_big_tour(Path(tmp) / "tour", stops)
        made_s = time.perf_counter() - began
        text = (content / "stops.yaml").read_text(encoding="utf-8")
        report = check_content(content)  # a warm-up, and the counts for the notes
        if report.problems:
            raise RuntimeError("the generated tour is not clean:\n"
                               + "\n".join(map(str, report.problems[:20])))
        media = report.media
        cpu: dict[str, list[float]] = {"floor": [], "load": [], "check": [], "process": []}
        floor, load, in_process, process = [], [], [], []
        for _ in range(runs):  # round by round, so that the floor meets the same noise
            floor += _timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), 1, cpu["floor"])
            load += _timed(lambda: read_tour(content).valid_tour(), 1, cpu["load"])
            in_process += _timed(lambda: check_content(content), 1, cpu["check"])
            process += _timed(lambda: _check_process(content), 1, cpu["process"])
        pure = _timed(lambda: yaml.safe_load(text), 1 if quick else 3)
        serial = _timed(lambda: check_content(content, workers=1), 1 if quick else 3)
        size_mb = len(text.encode("utf-8")) / 1e6

    def ms(values):
        return [round(v * 1000) for v in values]

    floor_s = statistics.median(floor)
    what = (f"Generated tour: {stops} stops x {len(LANGUAGES)} languages, stops.yaml "
            f"{size_mb:.2f} MB; {media.recordings} recordings ({media.seconds_of_sound / 3600:.1f} h "
            f"of narration), {media.captions} caption files, {media.pictures} pictures, all "
            f"separate copies of the demo tour's real media (made in {made_s:.1f} s, not "
            f"timed). {os.cpu_count()} cores; load average at the end "
            f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    floor_note = (f"Floor: yaml.load(text, Loader=yaml.CSafeLoader) of the same stops.yaml, "
                  f"median {floor_s * 1000:.0f} ms (runs: {ms(floor)}); bare pure-Python "
                  f"yaml.safe_load: {statistics.median(pure) * 1000:.0f} ms.")
    check_s, load_s, proc_s = (statistics.median(v) for v in (in_process, load, process))

    def used(name):
        return (f"CPU time used (all threads and worker processes): median "
                f"{statistics.median(cpu[name]):.2f} s.")

    staff_note = (f"`python main.py check --content DIR` in a fresh process, spawn to exit, "
                  f"exit status 0. Runs (ms): {ms(process)}. {used('process')} {what} "
                  f"{floor_note} What changed in check: see the next figure's notes.")
    process_note = (f"kiosk.check.check_content(DIR): the loader's checks, languages, and "
                    f"every recording (opened by libsndfile, its first 0.1 s decoded), caption "
                    f"file (parsed by webvtt-py's rules) and picture (header and structure "
                    f"verified) opened, shared among {Inspections().workers} worker "
                    f"processes started before stops.yaml is parsed. Runs (ms): "
                    f"{ms(in_process)}. {used('check')} All in one process (workers=1): "
                    f"{ms(serial)} ms. " + floor_note + " " + CHANGED)
    load_note = (f"kiosk.content.read_tour(DIR) in process: YAML events with every value's "
                 f"place, the model, ids and numbers, every file's existence; nothing "
                 f"decoded. Runs (ms): {ms(load)}. {used('load')} " + floor_note)
    return [figure(f"{task} of a {stops}-stop tour, {how}", round(seconds, 3), "s",
                   floor=round(floor_s, 3), runs=runs, notes=notes,
                   **at_most(seconds, goal, "s"))
            for task, how, seconds, goal, notes in (
                ("check", "as staff run it", proc_s, CHECK_GOAL_S, staff_note),
                ("check", "in process", check_s, CHECK_GOAL_S, process_note),
                ("load", "as the kiosk does it", load_s, LOAD_GOAL_S, load_note))]


if __name__ == "__main__":
    print_alone(measure)
