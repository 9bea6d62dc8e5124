"""Figures for stops.yaml: `check` and the kiosk's load of a 1,000-stop, 3-language tour.

The tour is generated in a temporary folder from the demo tour's real media: stop *i*
takes demo stop *i mod 16*'s recordings (real espeak-ng narrations, 20-90 s, OGG Vorbis),
their WebVTT captions (timed to those recordings) and its pictures (1600x1000 JPEGs),
each COPIED to its own path, so every one of the 3,000 recordings, 3,000 caption files
and ~1,600 pictures is a separate file that check opens on its own (its cache is per
path, size and mtime). Titles, texts and captions are written in all three languages.

Figures (medians over several runs):

- **check, as staff run it**: ``python main.py check --content DIR``, a fresh process
  each run, wall time from spawn to exit (Python start and imports included).
- **check, in process**: ``kiosk.check.check_content(DIR)``: the same work without
  Python's start.
- **load, as the kiosk does it**: ``kiosk.content.load_tour(DIR)`` in process: YAML with
  its source map, the model, ids and numbers, every file's existence. No decoding.

FLOOR for all three: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same stops.yaml,
the least any loader must do (libyaml's C parser, no places, no checks, no files); the
notes also give the bare pure-Python ``yaml.safe_load``.

``measure(quick)`` is called by ``python -m bench``; ``python -m bench.content_bench
[--quick]`` runs it alone and prints the figures.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru", "en")
STOPS = 1000
CHECK_GOAL_S = 2.0
LOAD_GOAL_S = 0.3
KINDS = ("museum_hall", "installation", "sculpture", "monument", "building", "grounds")


def make_big_tour(root: Path, stops: int = STOPS, demo: Path = REPO) -> Path:
    """A ``stops``-stop tour in ``root`` built from copies of the demo tour's media."""
    import yaml

    demo_tour = yaml.safe_load((demo / "stops.yaml").read_text(encoding="utf-8"))
    models = demo_tour["stops"]
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    for i in range(stops):
        model = models[i % len(models)]
        stop_id = f"{model['id']}-{i + 1:04d}"
        narration = {}
        for code in LANGUAGES:
            entry = {}
            for key, suffix in (("audio", ".ogg"), ("captions", ".vtt")):
                rel = f"assets/audio/{code}/{stop_id}{suffix}"
                _copy(demo / model["narration"][code][key], root / rel)
                entry[key] = rel
            narration[code] = entry
        images = []
        for n, picture in enumerate(model["images"]):
            rel = f"assets/images/{stop_id}-{n + 1}.jpg"
            _copy(demo / picture["file"], root / rel)
            images.append({"file": rel, "caption": dict(picture["caption"])})
        entries.append({
            "id": stop_id, "number": i + 1, "kind": KINDS[i % len(KINDS)],
            "title": {code: f"{model['title'][code]} ({i + 1})" for code in LANGUAGES},
            "text": dict(model["text"]), "narration": narration, "images": images,
        })
    tour = {"museum": demo_tour["museum"], "stops": entries}
    (root / "stops.yaml").write_text(
        "# yaml-language-server: $schema=./stops.schema.json\n"
        + yaml.safe_dump(tour, allow_unicode=True, sort_keys=False, width=4096),
        encoding="utf-8")
    return root


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


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
    """The figures, each {"name","value","unit","floor","goal","meets","runs","notes"}."""
    import yaml

    sys.path.insert(0, str(REPO))
    from kiosk.check import check_content
    from kiosk.content import load_tour

    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="kiosk-content-bench-") as tmp:
        began = time.perf_counter()
        content = make_big_tour(Path(tmp) / "tour")
        made_s = time.perf_counter() - began
        text = (content / "stops.yaml").read_text(encoding="utf-8")
        report = check_content(content)  # a warm-up, and the counts for the notes
        if report.problems:
            raise RuntimeError("the generated tour is not clean:\n"
                               + "\n".join(map(str, report.problems[:20])))
        media = report.media
        cpu: dict[str, list[float]] = {"floor": [], "load": [], "check": [], "process": []}
        floor = _timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), runs, cpu["floor"])
        pure = _timed(lambda: yaml.safe_load(text), 1 if quick else 3)
        load = _timed(lambda: load_tour(content), runs, cpu["load"])
        in_process = _timed(lambda: check_content(content), runs, cpu["check"])
        serial = _timed(lambda: check_content(content, workers=1), 1 if quick else 3)
        process = _timed(lambda: _check_process(content), runs, cpu["process"])
        size_mb = len(text.encode("utf-8")) / 1e6

    def ms(values):
        return [round(v * 1000) for v in values]

    floor_s = statistics.median(floor)
    what = (f"Generated tour: {STOPS} stops x {len(LANGUAGES)} languages, stops.yaml "
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
    return [
        {"name": f"check of a {STOPS}-stop tour, as staff run it", "unit": "s",
         "value": round(proc_s, 3), "floor": round(floor_s, 3),
         "goal": f"at most {CHECK_GOAL_S:g} s", "meets": proc_s <= CHECK_GOAL_S, "runs": runs,
         "notes": (f"`python main.py check --content DIR` in a fresh process, spawn to exit, "
                   f"exit status 0. Runs (ms): {ms(process)}. {used('process')} {what} "
                   f"{floor_note}")},
        {"name": f"check of a {STOPS}-stop tour, in process", "unit": "s",
         "value": round(check_s, 3), "floor": round(floor_s, 3),
         "goal": f"at most {CHECK_GOAL_S:g} s", "meets": check_s <= CHECK_GOAL_S, "runs": runs,
         "notes": (f"kiosk.check.check_content(DIR): the loader's checks, languages, and every "
                   f"recording (opened by libsndfile, its first 0.1 s decoded), caption file "
                   f"(parsed with webvtt-py) and picture (header and structure verified) "
                   f"opened, shared among {min(8, os.cpu_count() or 2)} worker processes. "
                   f"Runs (ms): {ms(in_process)}. {used('check')} All in one process "
                   f"(workers=1): {ms(serial)} ms. " + floor_note)},
        {"name": f"load of a {STOPS}-stop tour, as the kiosk does it", "unit": "s",
         "value": round(load_s, 3), "floor": round(floor_s, 3),
         "goal": f"at most {LOAD_GOAL_S:g} s", "meets": load_s <= LOAD_GOAL_S, "runs": runs,
         "notes": (f"kiosk.content.load_tour(DIR) in process: YAML events with every value's "
                   f"place, the model, ids and numbers, every file's existence; nothing "
                   f"decoded. Runs (ms): {ms(load)}. {used('load')} " + floor_note)},
    ]


if __name__ == "__main__":
    figures = measure("--quick" in sys.argv[1:])
    for figure in figures:
        print(json.dumps(figure, ensure_ascii=False, indent=2))
