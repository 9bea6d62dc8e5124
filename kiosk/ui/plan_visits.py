"""The app's part that shows the plans: where the kiosk stands, where each stop is, which
ones this visitor has opened.

A mixin of :class:`kiosk.ui.app.KioskApp`: ``self`` is the app. Kv rules bind to
:attr:`has_maps` (the "Map" buttons) and :attr:`visited` (the ticks on the pins).
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, ListProperty

from ..content import pick
from .first_frame import AfterDrawn


class PlanVisits:
    """The map: opened from every screen, its ticks forgotten for the next visitor."""

    #: The tour has plans (museum.maps): every screen offers "Map".
    has_maps = BooleanProperty(False)
    #: The tour shows where the Wall of Memory stands on a plan (museum.wall_of_memory).
    wall_on_map = BooleanProperty(False)
    #: The stops this visitor opened, in the order opened: their pins are ticked.
    visited = ListProperty([])
    #: The screen the map was opened from, where its Back button returns.
    _map_opened_from = "home"

    def show_map(self, plan_id: str | None = None, mark=None) -> None:
        """The plan ``plan_id`` (else the one the kiosk stands on), "You are here" marked,
        and ``mark`` (x, y) if given (a name's panel on the Wall of Memory)."""
        if not self.has_maps:
            return
        current = self.screens.current
        if current != "map":
            self._map_opened_from = current
        screen = self.screens.get_screen("map")
        screen.staff_mode = False
        screen.mark = mark
        screen.selected = ""
        self._fill_map(plan_id or self._plan_here())
        screen.ids.plan.reset_view()
        if mark is not None:
            screen.ids.plan.show_point(*mark)
        self.screens.current = "map"

    def set_here_on_map(self) -> None:
        """Staff, from the panel: the plans, and a touch sets where this kiosk stands."""
        if not self.has_maps:
            return
        self._map_opened_from = "staff"
        screen = self.screens.get_screen("map")
        screen.staff_mode = True
        screen.mark = None
        screen.selected = ""
        self._fill_map(self._plan_here())
        screen.ids.plan.reset_view()
        self.screens.current = "map"

    def show_panel_on_map(self, panel: int, panels: int) -> None:
        """The Wall of Memory's plan with panel ``panel`` (of ``panels``) marked."""
        from ..content.plans import wall_point

        wall = self.tour.museum.wall_of_memory
        if not self.wall_on_map:
            return
        point = wall_point(wall, panel, panels)
        self.show_map(wall.map, mark=(point.x, point.y))

    def leave_map(self) -> None:
        back = self._map_opened_from
        self.screens.get_screen("map").staff_mode = False
        if back == "staff":
            self.screens.current = "staff"
        elif back == "stop" and self.current_stop_id in self.tour:
            self.screens.current = "stop"
        elif back in ("tour", "names", "name_place") and self.screens.has_screen(back):
            self.screens.current = back
        else:
            self.go_home()

    def _note_visited(self, stop_id: str) -> None:
        if stop_id not in self.visited:
            self.visited.append(stop_id)

    # -- what the map shows ------------------------------------------------------------
    def _map_screen_built(self, screen) -> None:
        if screen.name != "map":
            return
        screen.bind(on_plan_chosen=lambda _s, plan_id: self._fill_map(plan_id),
                    on_stop_selected=lambda _s, stop_id: self._select_on_map(stop_id),
                    on_open_stop=lambda _s, stop_id: self.open_stop(stop_id, how="map"),
                    on_here_chosen=lambda _s, x, y: self._save_here(x, y))
        # A stop's tick waits for the stop's first frame: the tap is answered first.
        tick_later = AfterDrawn(self._refill_map)
        self.bind(visited=lambda *_: tick_later.arm(), language=lambda *_: self._refill_map())

    def _refill_map(self) -> None:
        if self.screens.is_built("map") and self.has_maps:
            screen = self.screens.get_screen("map")
            self._fill_map(screen.plan_id, keep_view=True)

    def _fill_map(self, plan_id: str, keep_view: bool = False) -> None:
        """Show the plan ``plan_id`` (the first one if it is gone): its pins, its list."""
        screen = self.screens.get_screen("map")
        plans = self.tour.museum.maps
        plan = next((p for p in plans if p.id == plan_id), plans[0])
        changed = plan.id != screen.plan_id
        fallbacks = self._fallbacks()
        screen.plans = [(p.id, pick(p.title, self.language, fallbacks)) for p in plans]
        screen.plan_id = plan.id
        screen.plan_title = pick(plan.title, self.language, fallbacks)
        screen.image = str(self.tour.file(plan.image))
        on_plan = [s for s in self.tour.stops if s.place is not None and s.place.map == plan.id]
        visited = set(self.visited)
        screen.pins = [{"stop_id": s.id, "number": s.number, "x": s.place.x, "y": s.place.y,
                        "ticked": s.id in visited} for s in on_plan]
        if changed:
            screen.mark = screen.mark if keep_view else None
            if screen.selected not in {s.id for s in on_plan}:
                screen.selected = ""
        here = self.here()
        screen.here = (here[1], here[2]) if here is not None and here[0] == plan.id else None
        self._fill_map_list(screen, on_plan, visited)
        if changed and not keep_view:
            screen.ids.plan.reset_view()

    def _fill_map_list(self, screen, stops, visited) -> None:
        screen.entries = [{"stop_id": s.id, "number": s.number,
                           "title": self.stop_text(s, "title", self.language),
                           "ticked": s.id in visited, "selected": s.id == screen.selected,
                           "chosen": screen.select} for s in stops]
        stop = self.tour.stop(screen.selected) if screen.selected in self.tour else None
        screen.card_title = self.stop_text(stop, "title", self.language) if stop else ""
        screen.card_picture = self.picture(stop.images[0].file, thumbnail=True) if stop else ""

    def _select_on_map(self, stop_id: str) -> None:
        screen = self.screens.get_screen("map")
        if screen.staff_mode or stop_id not in self.tour:
            return
        screen.selected = stop_id
        on_plan = [s for s in self.tour.stops if s.place is not None
                   and s.place.map == screen.plan_id]
        self._fill_map_list(screen, on_plan, set(self.visited))

    def _save_here(self, x: float, y: float) -> None:
        settings = self.staff.settings
        screen = self.screens.get_screen("map")
        if settings is None:
            return
        settings.save_here(screen.plan_id, x, y)
        screen.here = (x, y)

    def _take_up_plans(self, tour) -> None:
        self.has_maps = bool(tour is not None and tour.museum.maps)
        wall = tour.museum.wall_of_memory if tour is not None else None
        self.wall_on_map = bool(self.has_maps and wall is not None
                                and wall.map in {plan.id for plan in tour.museum.maps})

    def _plan_here(self) -> str:
        """The plan this kiosk stands on (set on its staff panel), else the first."""
        here = self.here()
        maps = self.tour.museum.maps
        return here[0] if here is not None else maps[0].id

    def here(self):
        """(plan id, x, y) where this kiosk stands, or None when staff have not set it or
        the plan is gone from the tour."""
        settings = self.staff.settings
        here = settings.here() if settings is not None else None
        if here is None or self.tour is None:
            return None
        if here[0] not in {plan.id for plan in self.tour.museum.maps}:
            return None
        return here

    def _forget_visited(self) -> None:
        self.visited = []
