"""`python main.py check`: every problem in the tour, each with its place, then a summary.

What is checked: everything the kiosk checks when it starts (``kiosk.content.loader``:
the YAML, every value against the model, stop ids and numbers used twice, files that
are missing or outside the content folder), then what only ``check`` has time for:
language codes and the languages each stop lacks (``kiosk.content.languages``), every
recording, caption file and picture opened and decoded (``kiosk.content.media_checks``
and the modules it names), and the list of names (``museum.names``, kiosk/names/roll.py).

Output: one line per problem, ``stops.yaml:LINE:COL: what is wrong; what to do`` (warnings
say ``warning:`` after the place), in the order of the file; then the counts and the
verdict; then, if some stops lack a language, a table of which lack what.
Exit status: 0 when there is no error (and, with ``strict``, no warning), else 1.
No Kivy here.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .content.errors import Problem, Severity
from .content.languages import Gap, coverage_table, language_problems
from .content.inspections import Inspections
from .content.loader import TourReading, read_tour
from .content.media_checks import MediaSummary, check_media
from .content.model import INTERFACE_LANGUAGES


@dataclass
class CheckReport:
    found: TourReading
    problems: list[Problem] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    media: MediaSummary = field(default_factory=MediaSummary)
    #: The list of names: (names to show,), None when the tour names none.
    names: tuple[int] | None = None

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def languages(self) -> tuple[str, ...]:
        museum = self.found.museum
        return tuple(museum.languages) if museum else INTERFACE_LANGUAGES


def check_content(content_dir: Path, workers: int | None = None) -> CheckReport:
    """Everything ``check`` finds in ``content_dir``. Never raises on bad content.

    With many files, worker processes start on them before stops.yaml is parsed
    (``Inspections.start``). The garbage collector waits until the end: during the parse
    it would walk the many new objects again and again (~15% of the parse's time) for
    next to no garbage; what there is, it collects once it is back on.
    """
    collecting = gc.isenabled()
    gc.disable()
    inspections = Inspections(workers)
    try:
        inspections.start(content_dir)
        found = read_tour(content_dir)
        report = CheckReport(found, list(found.problems))
        if found.source is not None and (found.stops or found.museum):
            problems, report.gaps = language_problems(found.museum, found.stops, found.source)
            report.problems += problems
            problems, report.media = check_media(found, workers, inspections)
            report.problems += problems
        report.problems += _names_problems(content_dir, found, report)
        report.problems += _prompt_problems(content_dir, found)
    finally:
        inspections.close()
        if collecting:
            gc.enable()
    report.problems.sort(key=lambda p: (p.file, p.line, p.col))
    return report


def _names_problems(content_dir: Path, found: TourReading, report: CheckReport) -> list[Problem]:
    """The problems of names.csv (museum.names), after those of stops.yaml."""
    museum = found.museum
    if museum is None or not getattr(museum, "names", None):
        return []
    from .names.roll import read_named_roll

    stop_ids = {stop.id for _, stop in found.stops} if found.tour is not None else None
    roll = read_named_roll(content_dir, museum.names, stop_ids)
    report.names = (len(roll.people),)
    return roll.problems


def _prompt_problems(content_dir: Path, found: TourReading) -> list[Problem]:
    """A warning per language whose spoken-guide recordings are not all there."""
    museum = found.museum
    if museum is None:
        return []
    from .content.errors import Severity
    from .speech.prompts import PROMPTS_DIR, missing_prompts

    problems = []
    stops = [stop for _, stop in found.stops]
    for language, absent in missing_prompts(content_dir, museum.languages, stops).items():
        folder = PROMPTS_DIR.format(language=language)
        shown = ", ".join(absent[:8]) + (f" and {len(absent) - 8} more" if len(absent) > 8 else "")
        problems.append(Problem(f"{folder}/", 1, 1, (
            f"{len(absent)} recording(s) of the spoken guide are missing in {language}: "
            f"{shown}; record each as {folder}/<name>.ogg (WAV or MP3 also do), or run "
            "python demo/make_prompts.py for synthesised ones. Until then the guide says "
            "nothing in their place"), Severity.warning))
    return problems


def run_check(content_dir: Path, out=print, strict: bool = False) -> int:
    try:
        report = check_content(content_dir)
    except Exception as error:  # a bug of ours, never the staff's: no traceback for them
        out(f"check stopped on an unexpected problem ({type(error).__name__}: {error}). "
            "This is a fault in the kiosk's software, not in your files; please report it "
            "with this message.")
        return 2
    try:
        for problem in report.problems:
            out(str(problem))
        if report.problems:
            out("")
        return _summary(report, out, strict)
    except BrokenPipeError:  # `check | head` closed early: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1 if report.errors or (strict and report.warnings) else 0


def _summary(report: CheckReport, out, strict: bool) -> int:
    found, errors, warnings = report.found, report.errors, report.warnings
    counts = f"{errors} error(s), {warnings} warning(s)"
    if found.tour is None and errors:
        out(f"{counts}: the kiosk cannot use this stops.yaml yet. Fix the lines above, "
            "then run check again.")
    elif errors:
        out(f"{counts}: the kiosk would start, but visitors would meet the problems above. "
            "Fix them, then run check again.")
    elif warnings and strict:
        out(f"{counts}: with --strict, warnings count as errors. Fix the lines above, then "
            "run check again.")
    else:
        tour = found.tour
        out(f"stops.yaml is fine: {len(tour.stops)} stops in {', '.join(tour.languages)}"
            + (f"; {warnings} warning(s) above." if warnings else "."))
    stops = len(found.stops)
    if stops:
        hidden = sum(stop.hidden for _, stop in found.stops)
        media = report.media
        minutes, secs = divmod(int(round(media.seconds_of_sound)), 60)
        out(f"Checked {stops} stop(s)" + (f" ({hidden} hidden)" if hidden else "")
            + f", {media.recordings} recording(s) ({minutes} min {secs:02d} s of recorded sound), "
            f"{media.captions} caption file(s) and {media.pictures} picture(s)"
            + (" (of the stops without other mistakes)." if found.tour is None else "."))
    if report.names is not None:  # rows not to be published are not counted, even here
        left_out = any(p.file == Path(found.museum.names).name and
                       p.severity is Severity.error for p in report.problems)
        out(f"Checked the list of names: {report.names[0]} name(s) to show"
            + (" (rows with the problems above are left out)." if left_out else "."))
    if report.gaps:
        out("")
        out("Which stops lack which language (hidden stops are left out):")
        for line in coverage_table(report.gaps, report.languages).splitlines():
            out(line)
    return 1 if errors or (strict and warnings) else 0

