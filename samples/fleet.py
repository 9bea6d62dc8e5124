"""A museum's fleet on one machine: the staff computer and kiosks, each a real Syncthing
daemon with its own home and ports, talking only on 127.0.0.1.

Each daemon's configuration is written by the kiosk's own setting-up code
(``kiosk.fleet.setup``) before its first start, so every feature that would reach beyond
the machine is off from the start; the kiosks are added to the staff computer as staff add
one (``add_kiosk``, through its running Syncthing). Used by the integration test and the
benchmark; :meth:`LoopbackFleet.stop` stops every daemon.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.fleet import syncthing
from kiosk.fleet.kiosk_round import kiosk_round
from kiosk.fleet.setup import add_kiosk, set_up_kiosk, set_up_staff

HOST = "127.0.0.1"


def free_ports(count: int) -> list[int]:
    """``count`` ports free on 127.0.0.1 now."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind((HOST, 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@dataclass
class Machine:
    name: str
    home: Path
    device_id: str
    port: int
    daemon: syncthing.Daemon | None = None

    def config_xml(self) -> str:
        return (self.home / "config.xml").read_text(encoding="utf-8")


@dataclass
class Kiosk(Machine):
    staging: Path = Path()
    outbox: Path = Path()
    content: Path = Path()
    data: Path = Path()

    def round(self):
        """One round of the kiosk's fleet service: take the staged tour, export figures."""
        return kiosk_round(self.staging, self.content, self.data, self.outbox, self.name)


class LoopbackFleet:
    """The staff computer (its tour in ``tour``) and kiosks named ``kiosks``."""

    def __init__(self, root: Path, tour: Path, kiosks: tuple[str, ...] = ("hall-1", "hall-2")):
        self.root = Path(root)
        self.tour = Path(tour)
        self.figures = self.root / "staff" / "kiosks"
        ports = iter(free_ports(2 + 2 * len(kiosks)))
        port, gui = next(ports), next(ports)
        home = self.root / "staff" / "syncthing"
        self.staff = Machine("staff", home,
                             set_up_staff(home, HOST, self.tour, port=port, gui_port=gui), port)
        self.kiosks: list[Kiosk] = []
        for name in kiosks:
            port, gui = next(ports), next(ports)
            where = self.root / name
            device_id = set_up_kiosk(where / "syncthing", name, HOST, self.staff.device_id,
                                     HOST, where / "incoming", where / "outbox", port=port,
                                     staff_port=self.staff.port, gui_port=gui)
            self.kiosks.append(Kiosk(name, where / "syncthing", device_id, port,
                                     staging=where / "incoming", outbox=where / "outbox",
                                     content=where / "content", data=where / "data"))

    @property
    def machines(self) -> list[Machine]:
        return [self.staff, *self.kiosks]

    def start(self) -> None:
        try:
            for machine in self.machines:
                machine.daemon = syncthing.Daemon(machine.home, machine.home / "log.txt").start()
            for kiosk in self.kiosks:
                add_kiosk(self.staff.home, kiosk.device_id, kiosk.name, HOST, kiosk.port,
                          self.figures)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for machine in self.machines:
            if machine.daemon is not None:
                machine.daemon.stop()

    def logs(self) -> str:
        """The daemons' last log lines, for a failure's message."""
        lines = []
        for machine in self.machines:
            log = machine.home / "log.txt"
            if log.exists():
                tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
                lines += [f"--- {machine.name}", *tail]
        return "\n".join(lines)


def wait_for(condition, timeout: float, what: str, every: float = 0.2):
    """Poll ``condition()`` every ``every`` seconds until it returns something true; that
    value. TimeoutError, saying ``what``, when ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"after {timeout:.0f} s: {what}")
        time.sleep(every)
