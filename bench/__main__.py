"""`python -m bench [--quick] [--content DIR]`: measure the kiosk, write the results.

A full run writes ``bench/results.json`` and ``docs/performance.md``; ``--quick`` (for CI:
fewer runs, under a minute) prints the table and writes only where ``--json`` /
``--markdown`` say.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import first_frame, memory, report, tap_to_play
from ._common import REPO, Workspace

#: (figure 1 runs per kind, figure 2 taps, figure 3 rounds and processes): full, quick.
FULL = (7, 30, 20, 3)
QUICK = (2, 5, 3, 1)


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (CI), under a minute")
    parser.add_argument("--content", type=Path, default=REPO,
                        help="the tour to measure: a folder with stops.yaml (default: the repo)")
    parser.add_argument("--synthetic", action="store_true",
                        help="measure a generated 13-stop tour (tests.tour_factory) instead")
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
    from tests.tour_factory import make_tour

    return make_tour(root / "tour", stops=13, seconds=40)


def describe(content: Path, synthetic: bool) -> dict:
    import yaml

    tour = yaml.safe_load((content / "stops.yaml").read_text(encoding="utf-8"))
    stops = len(tour.get("stops") or [])
    where = ("a generated tour (tests.tour_factory.make_tour, 40 s OGG tones)" if synthetic
             else str(content.relative_to(REPO)) if content.is_relative_to(REPO) else str(content))
    where = "the demo tour in the repository root" if where == "." else where
    return {"path": str(content), "stops": stops, "synthetic": synthetic,
            "description": f"{where}, {stops} stops"}


#: Benchmarks of the other parts, each a module with ``measure(quick) -> [figure, ...]``.
OTHERS = ("content_bench", "media_bench", "analytics_bench", "monkey_bench")


def other_figures(quick: bool, skip: list[str]) -> list[dict]:
    """Run the other parts' benchmarks; one that fails is reported, not fatal."""
    import importlib
    import traceback

    figures = []
    for index, name in enumerate(OTHERS, 4):
        if name in skip:
            continue
        print(f"{index}/{3 + len(OTHERS)} {name}", flush=True)
        try:
            figures += importlib.import_module(f"bench.{name}").measure(quick)
        except Exception:  # a broken benchmark must not lose the others' figures
            traceback.print_exc()
            figures.append({"name": f"{name} failed", "value": None, "unit": "", "floor": None,
                            "goal": None, "meets": None, "runs": 0,
                            "notes": traceback.format_exc(limit=2).splitlines()[-1]})
    return figures


def main(argv=None) -> int:
    args = parse(argv)
    runs, taps, rounds, walks = QUICK if args.quick else FULL
    ws = Workspace()
    try:
        content = synthetic_tour(ws.root) if args.synthetic else args.content.resolve()
        if not (content / "stops.yaml").is_file():
            print(f"No stops.yaml in {content}: give a tour with --content DIR, "
                  "or use --synthetic.", file=sys.stderr)
            return 2
        results = {"machine": report.machine(), "content": describe(content, args.synthetic),
                   "code": report.code_version(REPO), "quick": args.quick, "figures": []}
        began = time.monotonic()
        print(f"Measuring {results['content']['description']} "
              f"({'quick' if args.quick else 'full'} run)...", flush=True)

        print(f"1/3 first frame: {runs} runs each of the kiosk and the floor", flush=True)
        starts = first_frame.measure(content, ws, runs)
        results["figures"] += first_frame.figures(starts, runs)
        print(f"2/3 tap to play: {taps} taps", flush=True)
        taps_measured = tap_to_play.measure(content, ws, taps)
        results["figures"] += tap_to_play.figures(taps_measured, taps)
        print(f"3/3 memory: {rounds} rounds of visits, {walks} process(es)", flush=True)
        walked = memory.measure(content, ws, rounds, walks)
        results["figures"] += memory.figures(walked, rounds, starts["floor"]["rss_mib"])
        results["figures"] += other_figures(args.quick, args.skip)
        # Every sample, for a closer look later (the figures above are made from these).
        results["samples"] = {"first_frame": starts, "tap_to_play": taps_measured,
                              "memory": walked}
        results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        results["seconds"] = round(time.monotonic() - began, 1)
    finally:
        ws.close()

    print()
    print(report.table(results["figures"]))
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
