"""The map: from every screen, the plan where the kiosk stands with "You are here", numbered
pins a finger can hit, ticks for the stops this visitor opened, the list beside it, the stops
grouped by plan on the tour screen, and the Wall of Memory's panel from a name found."""

from __future__ import annotations

import pytest
from kivy.metrics import dp

from samples import PEOPLE, make_tour

from tests.ui.conftest import open_name_search, open_staff_panel


def on_map(pilot) -> None:
    pilot.tap("map")
    assert pilot.screen.name == "map"
    pilot.frames(3)


def pins(pilot) -> dict:
    return {pin["stop_id"]: pin for pin in pilot.screen.pins}


def tap_pin(pilot, stop_id: str) -> None:
    pilot.tap_at(*pilot.find("plan").pin_centre(stop_id))


def listed(pilot) -> list[tuple[int, str, bool]]:
    return [(e["number"], e["title"], e["ticked"]) for e in pilot.screen.entries]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_pin_opens_its_stop_through_its_card(app_on, language):
    pilot = app_on("home", stops=5, plans=True)
    pilot.app.set_language(language)
    pilot.frames(2)
    tour = pilot.app.tour
    on_map(pilot)
    for plan in tour.museum.maps:
        pilot.tap(f"plan_{plan.id}")  # one touch switches plans
        assert pilot.screen.plan_id == plan.id
        for stop in [s for s in tour.stops if s.place and s.place.map == plan.id]:
            tap_pin(pilot, stop.id)
            assert pilot.screen.selected == stop.id
            assert pilot.text("card_title") == pilot.app.stop_text(stop, "title", language)
            assert pilot.find("card_picture").source.endswith(".jpg")
            pilot.tap("open_stop")
            assert pilot.screen.name == "stop" and pilot.app.current_stop_id == stop.id
            on_map(pilot)
            pilot.tap(f"plan_{plan.id}")


def test_pins_are_at_least_48_dp_at_every_zoom_and_in_larger_text(app_on):
    pilot = app_on("home", stops=5, plans=True)
    on_map(pilot)
    view = pilot.find("plan")
    for zoom in (1, 100):  # the whole plan, then as far in as it goes
        if zoom > 1:
            view.zoom_by(zoom, view.to_window(*view.center))
            pilot.frames(2)
        for stop_id in pins(pilot):
            x, y = view.pin_centre(stop_id)
            assert view.collide_point(*view.to_widget(x, y)) or zoom > 1
        assert view.pin_diameter() >= dp(48)
    view.reset_view()
    pilot.frames(2)
    assert view.zoom == 1


def test_opened_stops_are_ticked_on_the_map_and_forgotten_by_the_idle_reset(app_on):
    pilot = app_on("home", stops=5, plans=True)
    pilot.app.open_stop("stop-1")
    pilot.frames(2)
    on_map(pilot)
    pilot.tap("plan_grounds")
    assert pins(pilot)["stop-1"]["ticked"] and not pins(pilot)["stop-3"]["ticked"]
    assert [ticked for number, _, ticked in listed(pilot) if number == 101] == [True]
    pilot.advance(90 + 20 + 2)  # the idle timeout, then the question's countdown
    assert pilot.screen.name == "attract"
    assert pilot.app.visited == []
    pilot.app.wake_up()
    pilot.frames(2)
    on_map(pilot)
    pilot.tap("plan_grounds")
    assert not any(pin["ticked"] for pin in pilot.screen.pins)


def test_the_list_beside_the_plan_shows_a_stop_on_the_plan(app_on):
    pilot = app_on("home", stops=5, plans=True)
    on_map(pilot)
    pilot.tap("plan_hall")
    hall = [s for s in pilot.app.tour.stops if s.place and s.place.map == "hall"]
    assert [number for number, _, _ in listed(pilot)] == [s.number for s in hall]
    from kiosk.ui.widgets.map_entry import MapEntry

    row = next(w for w in pilot.reachable(lambda w: isinstance(w, MapEntry))
               if w.stop_id == hall[-1].id)
    pilot.tap(row)
    assert pilot.screen.selected == hall[-1].id
    assert pilot.find("plan").selected == hall[-1].id
    assert pilot.find("card").opacity == 1


def test_the_map_is_offered_from_every_screen_and_goes_back_there(app_on):
    pilot = app_on("home", stops=3, plans=True, names=PEOPLE)
    for screen in ("home", "tour", "stop"):
        if screen == "tour":
            pilot.app.show_tour()
        elif screen == "stop":
            pilot.app.open_stop("stop-1")
        pilot.frames(3)
        assert pilot.screen.name == screen
        on_map(pilot)
        pilot.tap("back")
        assert pilot.screen.name == screen


@pytest.mark.parametrize("button", ["map", "find_name"])
def test_a_tour_without_plans_or_names_offers_neither_the_map_nor_the_search(app_on, button):
    pilot = app_on("home")
    for screen in ("home", "tour"):
        pilot.app.show_tour() if screen == "tour" else pilot.app.go_home()
        pilot.frames(3)
        assert pilot.reachable(lambda w: w is pilot.find(button)) == [], screen


def test_the_tour_screen_groups_the_stops_by_plan(app_on):
    pilot = app_on("tour", stops=5, plans=True)
    pilot.frames(4)
    items = pilot.screen.items
    headings = [item["text"] for item in items if item.get("viewclass") == "PlanHeading"]
    assert headings == ["Аумақ", "Зал", "Басқа нысандар"]  # kk: the plans' order, then the rest
    order = [item["stop_id"] for item in items if "stop_id" in item]
    assert order == ["stop-1", "stop-3", "stop-2", "stop-4", "stop-5"]
    columns = pilot.screen.columns
    for index, item in enumerate(items):  # each heading starts a row of its own
        if item.get("viewclass") == "PlanHeading":
            assert index % columns == 0
    pilot.app.set_language("en")
    pilot.frames(3)
    assert [i["text"] for i in pilot.screen.items
            if i.get("viewclass") == "PlanHeading"] == ["Grounds", "Hall", "Other stops"]


def test_staff_set_where_each_kiosk_stands_and_visitors_see_it(kiosk, tmp_path):
    content = make_tour(tmp_path / "tour", stops=3, seconds=30.0, plans=True)
    pilot = kiosk(content)
    open_staff_panel(pilot)
    pilot.tap("staff_here")
    assert pilot.screen.name == "map" and pilot.screen.staff_mode
    pilot.tap("plan_hall")
    view = pilot.find("plan")
    pilot.tap_at(*view.to_window(*view.center))
    assert pilot.app.here()[0] == "hall"
    assert pilot.app.here()[1:] == pytest.approx((0.5, 0.5), abs=0.02)
    pilot.tap("back")
    assert pilot.screen.name == "staff"
    pilot.tap("staff_close")
    pilot.frames(3)
    on_map(pilot)  # a visitor: the map opens on the plan where this kiosk stands
    assert pilot.screen.plan_id == "hall" and not pilot.screen.staff_mode
    assert pilot.screen.here == pytest.approx((0.5, 0.5), abs=0.02)
    pilot.tap("plan_grounds")
    assert pilot.screen.here is None  # not on this plan


def test_another_kiosk_without_a_place_opens_the_first_plan_with_no_marker(kiosk, tmp_path):
    content = make_tour(tmp_path / "tour", stops=3, seconds=30.0, plans=True)
    pilot = kiosk(content)
    pilot.frames(3)
    on_map(pilot)
    assert pilot.screen.plan_id == "grounds" and pilot.screen.here is None


def test_a_name_found_is_shown_on_the_walls_plan(app_on):
    pilot = app_on("home", stops=3, plans=True, names=PEOPLE)
    open_name_search(pilot, "en")
    pilot.type_text("kowalska")
    pilot.key(13)
    assert pilot.screen.name == "name_place"
    pilot.tap("show_on_map")
    assert pilot.screen.name == "map" and pilot.screen.plan_id == "grounds"
    x, y = pilot.screen.mark  # panel 57 of 120 along the wall, from (0.1, 0.9) to (0.9, 0.9)
    assert x == pytest.approx(0.1 + 0.8 * 56 / 119, abs=1e-6) and y == pytest.approx(0.9)
    pilot.tap("back")
    assert pilot.screen.name == "name_place"
