"""The plans' rules that one field alone cannot say: each place and the Wall of Memory name a
plan that exists, plan ids are not used twice, and (a warning) every visible stop has a
place once the tour has plans. The plans' pictures are checked as pictures are
(loader's file checks, media_checks). Each problem is placed at its line and column."""

from __future__ import annotations

from .errors import Problem, Severity


def plan_problems(found) -> list[Problem]:
    """The problems of museum.maps, the stops' places and museum.wall_of_memory."""
    museum, source = found.museum, found.source
    if museum is None or source is None:
        return []
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    for index, plan in enumerate(museum.maps):
        if plan.id in ids:
            line = source.place(("museum", "maps", ids[plan.id], "id"))[0]
            problems.append(source.problem(("museum", "maps", index, "id"), (
                f"the plan id '{plan.id}' is used twice (also on line {line}); give each "
                "plan its own id")))
        else:
            ids[plan.id] = index
    known = ", ".join(ids) if ids else None

    def unknown(plan_id: str) -> str:
        there = (f"the plans are: {known}" if known else
                 "museum.maps lists no plan yet; add the plan under museum: maps:")
        return f"there is no plan '{plan_id}' under museum.maps ({there}); correct the id"

    wall = museum.wall_of_memory
    if wall is not None and wall.map not in ids:
        problems.append(source.problem(("museum", "wall_of_memory", "map"), unknown(wall.map)))
    for index, stop in found.stops:
        if stop.place is not None and stop.place.map not in ids:
            problems.append(source.problem(("stops", index, "place", "map"),
                                           unknown(stop.place.map)))
        elif stop.place is None and ids and not stop.hidden:
            problems.append(source.problem(("stops", index, "id"), (
                f"stop '{stop.id}' has no place on a plan: add place: {{map: "
                f"{next(iter(ids))}, x: 0.5, y: 0.5}} with its point (see the staff guide, "
                "'Plans and where each stop stands'); until then it is not on the map"),
                severity=Severity.warning))
    return problems
