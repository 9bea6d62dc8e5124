"""The tour's plans as the kiosk's map and the tour screen use them. No Kivy here."""

from __future__ import annotations

from .model import Plan, PlanPoint, Stop, WallOnPlan
from .tour import Tour


def plan_of(tour: Tour, plan_id: str) -> Plan | None:
    """The plan ``plan_id`` (the same as ``tour.plan(plan_id)``)."""
    return tour.plan(plan_id)


def stops_on(tour: Tour, plan_id: str) -> list[Stop]:
    """The visible stops placed on ``plan_id``, in walking order."""
    return [stop for stop in tour.stops if stop.place is not None and stop.place.map == plan_id]


def unplaced(tour: Tour) -> list[Stop]:
    """The visible stops on no plan of the tour (none placed, or on a plan not listed)."""
    plans = {plan.id for plan in tour.museum.maps}
    return [stop for stop in tour.stops if stop.place is None or stop.place.map not in plans]


def wall_point(wall: WallOnPlan, panel: int, panels: int) -> PlanPoint:
    """Where panel ``panel`` of ``panels`` stands: evenly from the wall's first point
    (panel 1) to its last (panel ``panels``)."""
    share = 0.0 if panels <= 1 else min(1.0, max(0.0, (panel - 1) / (panels - 1)))
    return PlanPoint(x=wall.first.x + share * (wall.last.x - wall.first.x),
                     y=wall.first.y + share * (wall.last.y - wall.first.y))
