"""A tour edit on the staff computer to the new tour on every kiosk (issue #19).

Three real Syncthing daemons on 127.0.0.1 (``samples.fleet``: the staff computer and two
kiosks), each kiosk with its real fleet service (``python main.py fleet-round --every 30``,
which wakes when Syncthing stages a file) and the kiosk's own live reload (``TourWatcher``
and ``TourKeeper`` on its content folder, as the running kiosk has them). Each trial
retitles a stop in the staff's stops.yaml and times until both kiosks' live reload holds
the new title: Syncthing's transfer, the fleet service's wait for quiet, `check` on the
whole staged tour, the copy, and the kiosk's own reload. FLOOR: the sync engine's own time
for one file in the same run, a small file written in the staff's tour folder until it is
in both kiosks' staging folders. Medians. ``python -m bench.fleet_bench [--quick]``.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from ._common import REPO, Workspace, figure, median, print_alone

POLL_S = 0.005


class LiveReload:
    """The kiosk's own reload of its content folder: the tour it would show, when."""

    def __init__(self, content: Path, data: Path):
        from kiosk.tour_keeper import TourKeeper
        from kiosk.watch import TourWatcher

        self.keeper = TourKeeper(content, data)
        self.tour = self.keeper.load()
        self.changed = threading.Event()
        self.watcher = TourWatcher(content, self._reload)
        self.watcher.start()

    def _reload(self) -> None:
        self.tour = self.keeper.reload()
        self.changed.set()

    def title(self) -> str | None:
        return self.tour.stop("stop-1").title["en"] if self.tour else None

    def stop(self) -> None:
        self.watcher.stop()


def wait(condition, timeout: float = 120.0) -> float:
    """Seconds until ``condition()`` holds (polled every 5 ms)."""
    began = time.perf_counter()
    while not condition():
        if time.perf_counter() - began > timeout:
            raise TimeoutError("the fleet did not get there in time")
        time.sleep(POLL_S)
    return time.perf_counter() - began


def retitle(tour: Path, title: str) -> None:
    path = tour / "stops.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("en: Stop 101")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"en: {title}" + text[end:], encoding="utf-8")


def measure(quick: bool = False) -> list[dict]:
    from samples import make_tour
    from samples.fleet import LoopbackFleet

    trials = 2 if quick else 10
    ws = Workspace()
    fleet = services = reloads = None
    size = ""
    try:
        tour = make_tour(ws.root / "staff" / "tour", stops=4, seconds=2)
        files = sorted(p.suffix for p in tour.rglob("*") if p.is_file())
        size = (f"{files.count('.ogg')} recordings, {files.count('.vtt')} caption files, "
                f"{files.count('.jpg') + files.count('.png')} pictures")
        fleet = LoopbackFleet(ws.root / "fleet", tour)
        fleet.start()
        services = [subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), "fleet-round", "--staging", str(k.staging),
             "--content", str(k.content), "--data", str(k.data), "--outbox", str(k.outbox),
             "--kiosk", k.name, "--every", "30"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for k in fleet.kiosks]
        wait(lambda: all((k.content / "stops.yaml").is_file() for k in fleet.kiosks))
        time.sleep(2.0)  # the first tour copied whole
        reloads = [LiveReload(k.content, k.data) for k in fleet.kiosks]
        floors, edits = [], []
        for trial in range(trials):
            token = f"floor {trial}"
            (tour / "floor.txt").write_text(token, encoding="utf-8")
            floors.append(wait(lambda: all(
                _text(k.staging / "floor.txt") == token for k in fleet.kiosks)))
            time.sleep(3.0)  # the fleet service's round for that file is over
            title = f"Stop 101, edit {trial}"
            retitle(tour, title)
            edits.append(wait(lambda: all(r.title() == title for r in reloads)))
            time.sleep(1.0)
    finally:
        for reload in reloads or ():
            reload.stop()
        for service in services or ():
            service.terminate()
            service.wait(10)
        if fleet is not None:
            fleet.stop()
        ws.close()
    edit_ms, floor_ms = median(edits) * 1000, median(floors) * 1000
    return [figure(
        "Tour edit on the staff computer to the new tour on two kiosks, median",
        round(edit_ms), "ms", floor=round(floor_ms), runs=len(edits),
        notes=f"{len(edits)} edits of a stop's title in the staff's stops.yaml (a 4-stop tour: "
              f"{size}), each timed until the live reload of both kiosks "
              f"held the new title: three Syncthing 1.19 daemons on 127.0.0.1 (file watcher, "
              f"1 s delay), the kiosks' fleet service (woken by the staged file after 1 s "
              f"of quiet; check on the whole tour; the copy) and the kiosk's own reload "
              f"(0.5 s of quiet). Floor: Syncthing's own time for one small file written in "
              f"the staff's tour folder until it was in both kiosks' staging folders, same "
              f"run, one before each edit (median {floor_ms:.0f} ms). The fleet service's "
              f"30 s round is for the figures; a tour does not wait for it")]


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


if __name__ == "__main__":
    print_alone(measure)
