"""The plans of the tour: which stops stand on which plan, and where a panel of the wall is."""

from __future__ import annotations

import pytest

from kiosk.content import read_tour
from kiosk.content.model import PlanPoint, WallOnPlan
from kiosk.content.plans import plan_of, stops_on, unplaced, wall_point
from samples import make_tour


def test_stops_by_plan_in_walking_order_and_those_on_none(tmp_path):
    tour = read_tour(make_tour(tmp_path, stops=5, seconds=2.0, plans=True)).valid_tour()
    assert [p.id for p in tour.museum.maps] == ["grounds", "hall"]
    assert tour.plan("hall").title["en"] == "Hall" and tour.plan("attic") is None
    assert plan_of(tour, "grounds") is tour.plan("grounds")
    assert [s.id for s in stops_on(tour, "grounds")] == ["stop-1", "stop-3"]
    assert [s.id for s in stops_on(tour, "hall")] == ["stop-2", "stop-4"]
    assert [s.id for s in unplaced(tour)] == ["stop-5"]


@pytest.mark.parametrize("panel, panels, expected", [
    (1, 120, (0.1, 0.9)), (120, 120, (0.9, 0.1)), (60, 119, (0.5, 0.5)), (1, 1, (0.1, 0.9)),
    (500, 120, (0.9, 0.1)),  # beyond the wall: its last panel
])
def test_a_panel_stands_evenly_along_the_wall(panel, panels, expected):
    wall = WallOnPlan(map="grounds", first=PlanPoint(x=0.1, y=0.9), last=PlanPoint(x=0.9, y=0.1))
    point = wall_point(wall, panel, panels)
    assert (point.x, point.y) == pytest.approx(expected)


def test_the_staff_guides_plan_examples_are_what_the_kiosk_reads():
    import re
    from pathlib import Path

    import yaml

    from kiosk.content.model import Place, Plan

    guide = (Path(__file__).resolve().parents[2] / "docs/staff-guide.md").read_text(
        encoding="utf-8")
    section = guide.split("## Plans and where each stop stands", 1)[1].split("\n## ", 1)[0]
    museum_block, stop_block = re.findall(r"```yaml\n(.*?)```", section, re.S)[:2]
    museum = yaml.safe_load(museum_block)["museum"]
    plans = [Plan.model_validate(plan) for plan in museum["maps"]]
    wall = WallOnPlan.model_validate(museum["wall_of_memory"])
    assert wall.map in {plan.id for plan in plans}
    place = Place.model_validate(yaml.safe_load(stop_block)[0]["place"])
    assert place.map in {plan.id for plan in plans}
