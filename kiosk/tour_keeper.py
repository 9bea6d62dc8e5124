"""Keeps the tour the kiosk shows: the newest good stops.yaml, or the last good one.

Staff edit stops.yaml while the kiosk runs. On every change the keeper reads it again:
a good file becomes the tour (and is remembered in the data folder); a broken one leaves
the tour as it was and records the problems for staff. At start, a broken file falls
back to the remembered copy; with neither, there is no tour and the kiosk says calmly
that the guide is being updated. No Kivy here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING

from .content import Problem, Severity
from .content.card import HomeCard
from .content.last_good import LastGoodTour

if TYPE_CHECKING:  # the reader and the model are imported when a tour is read
    from .content import Tour

log = logging.getLogger(__name__)

PROBLEMS_FILE = "content-problems.txt"


@dataclass
class TourStatus:
    """What staff need to know about the tour being shown."""

    #: "current" (stops.yaml as it is), "last-good" (stops.yaml is broken: an earlier
    #: good copy is shown) or "none" (nothing to show).
    source: str = "none"
    problems: list[Problem] = field(default_factory=list)
    loaded_at: datetime | None = None

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.error for p in self.problems)


class TourKeeper:
    """Loads and reloads the tour of ``content_dir``, remembering good ones in ``data_dir``."""

    def __init__(self, content_dir: Path, data_dir: Path):
        self.content_dir = Path(content_dir)
        self.data_dir = Path(data_dir)
        self.last_good = LastGoodTour(data_dir)
        self.tour: Tour | None = None
        self.status = TourStatus()

    def start_card(self) -> HomeCard | None:
        """What the first screen may show before the tour is read: the home card, if
        stops.yaml is still the text it was made from (kiosk.content.card), else None."""
        return self.last_good.start_card(self.content_dir)

    def load(self) -> Tour | None:
        """At start: stops.yaml if good, else the last good copy, else None."""
        from .content import read_tour

        found = read_tour(self.content_dir)
        tour, problems = found.tour, found.problems
        if tour is not None:
            self._accept(tour, problems)
        else:
            remembered, _ = self.last_good.load(self.content_dir)
            self.tour = remembered
            self.status = TourStatus("last-good" if remembered else "none", problems,
                                     datetime.now() if remembered else None)
        self._write_problems()
        return self.tour

    def reload(self) -> Tour | None:
        """After a change: the new tour if stops.yaml is good, else None (keep the old)."""
        from .content import read_tour

        found = read_tour(self.content_dir)
        tour, problems = found.tour, found.problems
        if tour is None:
            self.status = TourStatus(self.status.source if self.tour else "none", problems,
                                     self.status.loaded_at)
            if self.tour is not None:
                self.status.source = "last-good"
            self._write_problems()
            log.warning("stops.yaml has problems; the kiosk keeps the tour it had:\n%s",
                        "\n".join(map(str, problems)))
            return None
        self._accept(tour, problems)
        self._write_problems()
        return tour

    def _accept(self, tour: Tour, problems: list[Problem]) -> None:
        self.tour = tour
        self.status = TourStatus("current", problems, datetime.now())
        self.last_good.remember(self.content_dir)

    def _write_problems(self) -> None:
        """Leave the problems where staff can read them without a terminal."""
        path = self.data_dir / PROBLEMS_FILE
        try:
            if self.status.problems:
                path.write_text("\n".join(map(str, self.status.problems)) + "\n", encoding="utf-8")
            elif path.exists():
                path.unlink()
        except OSError as error:
            log.warning("could not write %s: %s", path, error)
