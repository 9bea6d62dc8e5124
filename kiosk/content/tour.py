"""The loaded tour as the kiosk uses it: the museum, its visible stops, their files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Museum, Plan, Stop, TourFile


@dataclass(frozen=True)
class Tour:
    """The museum and the stops visitors can open, in walking order."""

    museum: Museum
    stops: tuple[Stop, ...]
    root: Path
    _by_id: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _by_number: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_model(cls, model: TourFile, root: Path) -> "Tour":
        stops = tuple(s for s in model.stops if not s.hidden)
        return cls(model.museum, stops, Path(root),
                   {s.id: i for i, s in enumerate(stops)},
                   {s.number: i for i, s in enumerate(stops)})

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.museum.languages)

    def file(self, relative: str) -> Path:
        """The absolute path of a file named in stops.yaml."""
        return self.root / relative

    def __contains__(self, stop_id: str) -> bool:
        return stop_id in self._by_id

    def index_of(self, stop_id: str) -> int:
        return self._by_id[stop_id]

    def stop(self, stop_id: str) -> Stop:
        return self.stops[self._by_id[stop_id]]

    def plan(self, plan_id: str) -> Plan | None:
        """The plan ``plan_id`` of museum.maps, or None if the tour has no such plan."""
        return next((plan for plan in self.museum.maps if plan.id == plan_id), None)

    def by_number(self, number: int) -> Stop | None:
        index = self._by_number.get(number)
        return None if index is None else self.stops[index]

    def neighbour(self, stop_id: str, step: int) -> Stop | None:
        """The stop ``step`` places after (or before) ``stop_id``, or None at either end."""
        index = self._by_id[stop_id] + step
        return self.stops[index] if 0 <= index < len(self.stops) else None
