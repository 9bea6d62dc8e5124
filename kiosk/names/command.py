"""`python main.py find-name QUERY`: the kiosk's name search, for staff and for tests.

The query is printed back to no one and written nowhere: only the results are printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .roll import Roll, read_named_roll
from .search import Match, NameIndex


def load_roll(content_dir: Path) -> tuple[Roll | None, str]:
    """The list of names the tour in ``content_dir`` names, or None and why not."""
    from ..content.loader import read_tour

    found = read_tour(content_dir, check_files=False)
    museum = found.museum
    if museum is None:
        return None, "stops.yaml cannot be read; run `python main.py check` to see why"
    if not museum.names:
        return None, ("stops.yaml names no list of names; add `names: names.csv` under "
                      "`museum:`")
    stop_ids = {stop.id for _, stop in found.stops} if found.tour is not None else None
    return read_named_roll(content_dir, museum.names, stop_ids), ""


def as_dict(match: Match) -> dict:
    person = match.person
    return {"id": person.id, "surname": person.surname, "given_name": person.given_name,
            "patronymic": person.patronymic, "birth_year": person.birth_year,
            "panel": person.panel, "row": person.row, "stop": person.stop,
            "score": match.score}


def run_find_name(query: str, content_dir: Path, limit: int = 10, as_json: bool = False,
                  out=print) -> int:
    roll, why = load_roll(content_dir)
    if roll is None:
        print(why, file=sys.stderr)
        return 1
    if roll.errors:
        print(f"names.csv has {len(roll.errors)} problem(s), those rows left out; "
              "run `python main.py check` to see them", file=sys.stderr)
    matches = NameIndex(roll.people).search(query, limit)
    if as_json:
        out(json.dumps([as_dict(m) for m in matches], ensure_ascii=False, indent=2))
        return 0
    if not matches:
        out("no name found")
        return 0
    for match in matches:
        person = match.person
        year = f", born {person.birth_year}" if person.birth_year else ""
        out(f"{person.full_name}{year}: panel {person.panel}, row {person.row} "
            f"(stop {person.stop}; score {match.score:g})")
    return 0
