"""``check``'s look inside the files a tour names: recordings, captions, pictures.

The kiosk's own start never runs this (it only needs the files to exist); ``main.py
check`` does, so that staff hear of a broken file before a visitor meets it. Each kind of
file has its own module, which says exactly what is checked: ``recordings``,
``captions``, ``pictures``; ``inspections`` opens each file once, in worker processes
when there are many. Here the reports become problems at the places in stops.yaml that
name the files, and a picture's ``at`` is compared with the narrations' lengths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .captions import caption_problems, inspect_captions, reading_warnings
from .errors import Problem, Severity
from .inspections import Inspections, quiet_stderr
from .loader import TourReading
from .model import Stop
from .pictures import inspect_image
from .recordings import inspect_audio


@dataclass
class MediaSummary:
    recordings: int = 0
    captions: int = 0
    pictures: int = 0
    seconds_of_sound: float = 0.0
    durations: dict[str, float | None] = field(default_factory=dict)  # rel -> seconds


def check_media(found: TourReading, workers: int | None = None,
                inspections: Inspections | None = None) -> tuple[list[Problem], MediaSummary]:
    """Inspect every recording, caption file and picture of the valid stops.

    ``inspections``: the run's, when it was started before stops.yaml was parsed
    (``kiosk.check``); it is left open. Without it, one is made here and closed.
    """
    if inspections is None:
        inspections = Inspections(workers)
        try:
            return check_media(found, workers, inspections)
        finally:
            inspections.close()
    source = found.source
    summary = MediaSummary()
    if source is None:
        return [], summary
    cache = inspections
    if cache.root is None:
        cache.root = os.path.realpath(found.root)
    jobs = []
    for _, stop in found.stops:
        for _part, _language, narration in stop.recordings():
            if narration.audio in found.files:
                jobs.append((inspect_audio, found.files[narration.audio]))
            if narration.captions in found.files:
                jobs.append((inspect_captions, found.files[narration.captions]))
        for picture in stop.images:
            if picture.file in found.files:
                jobs.append((inspect_image, found.files[picture.file]))
    plans = found.museum.maps if found.museum is not None else []
    jobs += [(inspect_image, found.files[plan.image]) for plan in plans
             if plan.image in found.files]
    with quiet_stderr():  # libmpg123 writes its own complaints to the terminal
        cache.run(jobs)
    counted: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    for index, stop in found.stops:
        durations: dict[str, float | None] = {}
        for part, language, narration in stop.recordings():
            where = ("stops", index, part, language)
            duration = None
            if narration.audio in found.files:
                report = cache.get(inspect_audio, found.files[narration.audio])
                duration = report.duration if report.error is None else None
                first_audio = ("audio", narration.audio) not in counted
                if first_audio:
                    counted.add(("audio", narration.audio))
                    summary.recordings += 1
                    summary.seconds_of_sound += duration or 0.0
                if report.error:
                    problems.append(source.problem(where + ("audio",), f"the recording "
                                                   f"'{narration.audio}' {report.error}"))
                elif report.warning and first_audio:
                    problems.append(source.problem(where + ("audio",), f"the recording "
                                                   f"'{narration.audio}' {report.warning}",
                                                   severity=Severity.warning))
            if part == "narration":  # pictures are timed by the story
                durations[language] = duration
            if narration.captions in found.files:
                first = ("captions", narration.captions) not in counted
                if first:
                    counted.add(("captions", narration.captions))
                    summary.captions += 1
                path = found.files[narration.captions]
                report = cache.get(inspect_captions, path)
                problems += caption_problems(report, narration.captions, narration.audio,
                                              duration, source, where + ("captions",), path)
                if first:  # at the file's own lines: once, however many stops name it
                    problems += reading_warnings(report.hard_to_read, narration.captions)
        for n, picture in enumerate(stop.images):
            where = ("stops", index, "images", n)
            if picture.file in found.files:
                if ("picture", picture.file) not in counted:
                    counted.add(("picture", picture.file))
                    summary.pictures += 1
                report = cache.get(inspect_image, found.files[picture.file])
                if report.error:
                    problems.append(source.problem(where + ("file",), f"the picture "
                                                   f"'{picture.file}' {report.error}"))
                elif report.warning:
                    problems.append(source.problem(where + ("file",), f"the picture "
                                                   f"'{picture.file}' {report.warning}",
                                                   severity=Severity.warning))
            if picture.at is not None:
                problems += _timing_problems(stop, n, picture.at, durations, source,
                                             where + ("at",))
    for n, plan in enumerate(plans):
        if plan.image in found.files:
            report = cache.get(inspect_image, found.files[plan.image])
            if report.error:
                problems.append(source.problem(("museum", "maps", n, "image"), f"the plan's "
                                               f"picture '{plan.image}' {report.error}"))
    return problems, summary


def _timing_problems(stop: Stop, n: int, at: float, durations: dict[str, float | None],
                     source, where) -> list[Problem]:
    if not stop.narration:
        return [source.problem(where, f"picture {n + 1} is timed to come on at {at:g} s, but "
                               "this stop has no narration to time it by; remove 'at' or add "
                               "the narration", severity=Severity.warning)]
    late = {language: d for language, d in durations.items() if d is not None and at > d}
    if not late:
        return []
    which = ", ".join(f"{language} {d:.1f} s" for language, d in late.items())
    return [source.problem(where, f"picture {n + 1} is timed to come on at {at:g} s, after "
                           f"the narration has ended ({which}); make 'at' smaller than "
                           f"{min(late.values()):.1f}, or remove it")]
