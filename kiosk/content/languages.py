"""Languages in the tour: codes the kiosk does not know, and stops that lack a language.

Used by ``main.py check`` (not by the kiosk's start: the kiosk copes with a missing
translation by showing another language, so none of this stops it).

- A language code the kiosk cannot show (``kz``, ``de``) in a stop is an error: visitors
  never see that text, and it is nearly always a typo (did you mean ``kk``?).
- A code the kiosk knows but the museum does not offer (``en`` while ``languages`` lists
  only kk and ru) is a warning, once per language.
- A visible stop that lacks one of the museum's languages in its narration, title or
  text is a warning; so is one whose audio description is in some languages and not
  another; the coverage table says which stops lack what.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .errors import Problem, Severity
from .model import INTERFACE_LANGUAGES, Museum, Stop
from .yaml_source import SourceMap

NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
#: What the coverage table looks at, in its order (a description only where a stop has one).
PARTS = ("narration", "title", "text", "description")


@dataclass(frozen=True)
class Gap:
    """A visible stop and, for each offered language it lacks, the parts missing."""

    index: int
    stop: Stop
    missing: dict[str, tuple[str, ...]]


def _tables(stop: Stop):
    """Every {language: ...} table in a stop, with its path in the file."""
    yield ("title",), stop.title
    yield ("text",), stop.text
    yield ("narration",), stop.narration
    yield ("description",), stop.description
    if stop.content_note is not None:
        yield ("content_note",), stop.content_note
    for n, picture in enumerate(stop.images):
        yield ("images", n, "caption"), picture.caption


def language_problems(museum: Museum | None, stops: list[tuple[int, Stop]],
                      source: SourceMap) -> tuple[list[Problem], list[Gap]]:
    """Unknown codes (errors), languages not offered (warnings), and the gaps."""
    problems: list[Problem] = []
    offered = tuple(museum.languages) if museum else INTERFACE_LANGUAGES
    not_offered: dict[str, int] = {}
    for index, stop in stops:
        for path, table in _tables(stop):
            for code in table:
                where = ("stops", index, *path, code)
                if code not in INTERFACE_LANGUAGES:
                    close = difflib.get_close_matches(code, offered, n=1, cutoff=0.5)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    problems.append(source.problem(
                        where, f"'{code}' is not a language the kiosk can offer; {hint}use "
                        f"{', '.join(offered)}", prefer_key=True))
                elif code not in offered:
                    not_offered[code] = not_offered.get(code, 0) + 1
    for code, count in not_offered.items():
        problems.append(source.problem(
            ("museum", "languages"),
            f"{count} entr{'y' if count == 1 else 'ies'} in the stops {'is' if count == 1 else 'are'} "
            f"in {NAMES.get(code, code)} ({code}), which the museum does not offer; visitors "
            f"will not see {'it' if count == 1 else 'them'} until {code} is added to languages",
            severity=Severity.warning))
    gaps = []
    for index, stop in stops:
        if stop.hidden:
            continue
        missing = {}
        for code in offered:
            lacking = tuple(part for part in PARTS if not getattr(stop, part).get(code)
                            and (part != "description" or stop.description))
            if lacking:
                missing[code] = lacking
        if missing:
            gaps.append(Gap(index, stop, missing))
            problems.append(source.problem(("stops", index), _gap_message(stop, missing),
                                           severity=Severity.warning))
    return problems, gaps


def _gap_message(stop: Stop, missing: dict[str, tuple[str, ...]]) -> str:
    lacks = ", and ".join(f"no {' or '.join(parts)} in {code}" for code, parts in missing.items())
    parts = {part for lacking in missing.values() for part in lacking}
    count = sum(len(lacking) for lacking in missing.values())
    names = " or ".join(NAMES.get(code, code) for code in missing)
    read = [p for p in ("title", "text") if p in parts]
    effects = (["hear nothing here"] if "narration" in parts else []) + \
        ([f"read the {' and '.join(read)} in another language"] if read else []) + \
        (["hear no description of what is here"]
         if "description" in parts and "narration" not in parts else [])
    return (f"stop {stop.number} '{stop.id}' has {lacks}; add {'it' if count == 1 else 'them'}, "
            f"or visitors who choose {names} will {' and '.join(effects)} (see the table at "
            "the end)")


def coverage_table(gaps: list[Gap], languages: tuple[str, ...]) -> str:
    """Which visible stops lack which language: a row per stop with a gap."""
    header = ["stop", "id", *languages]
    rows = [[str(gap.stop.number), gap.stop.id,
             *(", ".join(gap.missing[code]) if code in gap.missing else "ok"
               for code in languages)] for gap in gaps]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in [header, *rows]]
    return "\n".join(lines)
