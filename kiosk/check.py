"""`python main.py check`: every problem in the tour, each with its place, then a summary."""

from __future__ import annotations

from pathlib import Path

from .content import Severity, read_tour


def run_check(content_dir: Path, out=print) -> int:
    tour, problems = read_tour(content_dir)
    for problem in problems:
        out(str(problem))
    errors = sum(p.severity is Severity.error for p in problems)
    warnings = len(problems) - errors
    if errors or tour is None:
        out(f"\n{errors} error(s), {warnings} warning(s): the kiosk cannot use this "
            "stops.yaml yet. Fix the lines above, then run check again.")
        return 1
    out(f"stops.yaml is fine: {len(tour.stops)} stops in "
        f"{', '.join(tour.languages)}" + (f"; {warnings} warning(s)" if warnings else "") + ".")
    return 0
