"""`python -m bench [--quick] [--content DIR]`: measure the kiosk, write the results.

A full run (10-15 minutes) writes ``bench/results.json`` and ``docs/performance.md``;
``--quick`` (for CI: every figure at a tiny size, about a minute and a half) prints the
table and writes only where ``--json`` / ``--markdown`` say.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import first_frame, frames, language_switch, memory, report, tap_to_play, tile_tap
from ._common import REPO, Workspace, figure

#: How much of each figure a run measures: full, and quick (CI: a tiny size of each).
FULL = {"first_frame_runs": 7, "play_taps": 30, "tile_fade_taps": 100, "tile_cut_taps": 200,
        "tile_x_taps": 100, "tile_queued_taps": 100,
        "language_switches": 60, "frame_round_trips": 10, "frame_seconds": 10.0,
        "memory_visits": 1000, "memory_processes": 1}
QUICK = {"first_frame_runs": 1, "play_taps": 3, "tile_fade_taps": 2, "tile_cut_taps": 1,
         "tile_x_taps": 1, "tile_queued_taps": 1,
         "language_switches": 2, "frame_round_trips": 1, "frame_seconds": 1.5,
         "memory_visits": 1, "memory_processes": 1}


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="every figure at a tiny size (CI), about a minute and a half")
    parser.add_argument("--content", type=Path, default=REPO,
                        help="the tour to measure: a folder with stops.yaml (default: the repo)")
    parser.add_argument("--synthetic", action="store_true",
                        help="measure a generated 13-stop tour (samples.make_tour) instead")
    parser.add_argument("--json", type=Path, help="where to write the results as JSON "
                        "(default: bench/results.json, not written in --quick)")
    parser.add_argument("--markdown", type=Path, help="where to write the report "
                        "(default: docs/performance.md, not written in --quick)")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME",
                        help=f"leave out one of {', '.join(OTHERS)} (repeatable)")
    args = parser.parse_args(argv)
    if not args.quick:
        args.json = args.json or REPO / "bench/results.json"
        args.markdown = args.markdown or REPO / "docs/performance.md"
    return args


def synthetic_tour(root: Path) -> Path:
    from samples import make_tour

    return make_tour(root / "tour", stops=13, seconds=40)


def describe(content: Path, synthetic: bool) -> dict:
    import yaml

    tour = yaml.safe_load((content / "stops.yaml").read_text(encoding="utf-8"))
    stops = len(tour.get("stops") or [])
    where = ("a generated tour (samples.make_tour, 40 s OGG tones)" if synthetic
             else str(content.relative_to(REPO)) if content.is_relative_to(REPO) else str(content))
    where = "the demo tour in the repository root" if where == "." else where
    resolved = content.resolve()
    shown = "." if resolved == REPO else str(resolved.relative_to(REPO)) \
        if resolved.is_relative_to(REPO) else resolved.name
    return {"path": shown, "stops": stops, "synthetic": synthetic,
            "description": f"{where}, {stops} stops"}


#: The UI's figures, measured here in this order (each in fresh child processes).
OWN = ("first frame", "tap to play", "tile tap", "language switch", "frame time", "memory")
#: Benchmarks of the other parts, each a module with ``measure(quick) -> [figure, ...]``.
OTHERS = ("content_bench", "media_bench", "analytics_bench", "names_bench", "map_bench",
          "speech_bench", "first_sound", "idle_cpu", "fleet_bench", "monkey_bench")


#: Those whose figures are not speed against a floor (the soak: counts and growth over
#: hours of use): shown in a table of their own, not among the figures.
SEPARATE = ("monkey_bench",)


def other_figures(quick: bool, skip: list[str], separate: dict | None = None) -> list[dict]:
    """Run the other parts' benchmarks; one that fails is reported, not fatal.

    The figures of the SEPARATE ones go into ``separate`` (name -> figures) instead."""
    separate = {} if separate is None else separate
    import importlib
    import traceback

    figures = []
    for index, name in enumerate(OTHERS, len(OWN) + 1):
        if name in skip:
            continue
        print(f"{index}/{len(OWN) + len(OTHERS)} {name}", flush=True)
        try:
            measured = importlib.import_module(f"bench.{name}").measure(quick)
            if name in SEPARATE:
                separate[name] = measured
            else:
                figures += measured
        except Exception:  # a broken benchmark must not lose the others' figures
            traceback.print_exc()
            figures.append(figure(f"{name} failed", None, "", floor=None, runs=0,
                                  notes=traceback.format_exc(limit=2).splitlines()[-1]))
    return figures


def main(argv=None) -> int:
    args = parse(argv)
    size = QUICK if args.quick else FULL
    ws = Workspace()
    try:
        content = synthetic_tour(ws.root) if args.synthetic else args.content.resolve()
        if not (content / "stops.yaml").is_file():
            print(f"No stops.yaml in {content}: give a tour with --content DIR, "
                  "or use --synthetic.", file=sys.stderr)
            return 2
        results = {"machine": report.machine(), "content": describe(content, args.synthetic),
                   "code": report.code_version(REPO), "quick": args.quick, "sizes": size,
                   "figures": []}
        began = time.monotonic()
        total = len(OWN) + len(OTHERS)
        print(f"Measuring {results['content']['description']} "
              f"({'quick' if args.quick else 'full'} run)...", flush=True)
        samples = results["samples"] = {}  # every sample, for a closer look later

        def step(index, text):
            print(f"{index}/{total} {text} ({time.monotonic() - began:.0f} s)", flush=True)

        runs = size["first_frame_runs"]
        step(1, f"first frame: {runs} runs each of the kiosk and the floor")
        starts = samples["first_frame"] = first_frame.measure(content, ws, runs)
        results["figures"] += first_frame.figures(starts, runs)

        taps = size["play_taps"]
        step(2, f"tap to play: {taps} taps")
        samples["tap_to_play"] = tap_to_play.measure(content, ws, taps)
        results["figures"] += tap_to_play.figures(samples["tap_to_play"], taps)

        tile_sizes = (size["tile_fade_taps"], size["tile_cut_taps"], size["tile_x_taps"],
                      size["tile_queued_taps"])
        step(3, "tile tap: {} taps with the fade, {} without; {} on X, {} queued".format(
            *tile_sizes))
        samples["tile_tap"], tile_figures = tile_tap.measure_all(content, ws, tile_sizes)
        results["figures"] += tile_figures

        switches = size["language_switches"]
        step(4, f"language switch: {switches} switches")
        samples["language_switch"] = language_switch.measure(content, ws, switches)
        results["figures"] += language_switch.figures(samples["language_switch"])

        trips, seconds = size["frame_round_trips"], size["frame_seconds"]
        step(5, f"frame time: {trips} round trips with fades, {seconds:g} s of narration")
        samples["frames"] = frames.measure(content, ws, trips, seconds)
        results["figures"] += frames.figures(samples["frames"], trips, seconds)

        rounds = memory.rounds_for(size["memory_visits"], results["content"]["stops"])
        walks = size["memory_processes"]
        step(6, f"memory: {rounds} rounds of visits, {walks} process(es)")
        samples["memory"] = memory.measure(content, ws, rounds, walks)
        results["figures"] += memory.figures(samples["memory"], rounds,
                                             starts["floor"]["rss_mib"])

        separate = {}
        results["figures"] += other_figures(args.quick, args.skip, separate)
        results["soak"] = separate.get("monkey_bench", [])
        results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        results["seconds"] = round(time.monotonic() - began, 1)
    finally:
        ws.close()

    print()
    print(report.table(results["figures"]))
    if results.get("soak"):
        print()
        print(report.soak_table(results["soak"]))
    print(f"\n{results['seconds']} s")
    if args.json:
        report.write_json(args.json, results)
        print(f"Wrote {args.json}")
    if args.markdown:
        report.write_markdown(args.markdown, results)
        print(f"Wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
