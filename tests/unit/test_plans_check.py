"""`check` of the plans: each rule, good and broken, at its line and column."""

from __future__ import annotations

import pytest

from kiosk.content import read_tour
from kiosk.content.errors import Severity
from samples import make_tour


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    return make_tour(tmp_path_factory.mktemp("planned"), stops=3, seconds=2.0, plans=True)


def reading(root, edit=None):
    """The tour in ``root`` read with check's file checks, stops.yaml edited by ``edit``."""
    path = root / "stops.yaml"
    original = path.read_text(encoding="utf-8")
    if edit is not None:
        path.write_text(edit(original), encoding="utf-8")
    try:
        found = read_tour(root)
        from kiosk.content.media_checks import check_media

        media, _ = check_media(found)
        return found.problems + media, original
    finally:
        path.write_text(original, encoding="utf-8")


def placed(problems, text: str, severity=Severity.error):
    hits = [p for p in problems if text in p.message and p.severity is severity]
    assert hits, f"no problem saying {text!r}: {[str(p) for p in problems]}"
    return hits[0]


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


def test_a_good_tour_with_plans_warns_only_for_the_stop_on_no_plan(planned):
    problems, text = reading(planned)
    assert [p.severity for p in problems] == [Severity.warning]
    warning = placed(problems, "stop 'stop-3' has no place on a plan", Severity.warning)
    assert warning.line == line_of(text, "id: stop-3") and warning.col > 1
    assert "place: {map: grounds, x: 0.5, y: 0.5}" in warning.message


def test_a_place_on_a_plan_that_does_not_exist(planned):
    problems, text = reading(planned, lambda t: t.replace("map: hall", "map: attic", 1))
    problem = placed(problems, "there is no plan 'attic' under museum.maps")
    assert "the plans are: grounds, hall" in problem.message
    assert problem.line == line_of(text, "map: hall", after="stops:")


def test_the_wall_on_a_plan_that_does_not_exist(planned):
    problems, text = reading(planned, lambda t: t.replace(
        "wall_of_memory:\n    map: grounds", "wall_of_memory:\n    map: ground", 1))
    problem = placed(problems, "there is no plan 'ground'")
    assert problem.line == line_of(text, "map: grounds", after="wall_of_memory")


def test_two_plans_with_one_id(planned):
    problems, text = reading(planned, lambda t: t.replace("id: hall", "id: grounds", 1))
    problem = placed(problems, "the plan id 'grounds' is used twice")
    assert problem.line == line_of(text, "id: hall")


@pytest.mark.parametrize("value", ["1.2", "-0.1"])
def test_a_point_off_the_plan(planned, value):
    problems, text = reading(planned, lambda t: t.replace("y: 0.3", f"y: {value}", 1))
    problem = next(p for p in problems if p.severity is Severity.error)
    assert problem.line == line_of(text, "y: 0.3")
    assert "0" in problem.message and "1" in problem.message


def test_a_plan_picture_missing_or_damaged(planned):
    problems, text = reading(planned, lambda t: t.replace("plan-hall.png", "plan-hal.png", 1))
    problem = placed(problems, "plan-hal.png")
    assert problem.line == line_of(text, "plan-hall.png")
    picture = planned / "assets/images/plan-hall.png"
    good = picture.read_bytes()
    try:
        picture.write_bytes(good[:200])  # cut short, as a copy that stopped
        problems, _ = reading(planned)
        placed(problems, "the plan's picture 'assets/images/plan-hall.png'")
    finally:
        picture.write_bytes(good)
