"""Telling whoever watches the kiosk that it is alive, so that a hung kiosk is restarted.

A crash ends the process and its service starts it again; a hang (the main loop stuck in a
driver, a deadlock) would leave a frozen picture. So the kiosk's main loop says it is alive
every few seconds, two ways, each used when its variable is set:

- systemd's notify protocol (``NOTIFY_SOCKET``): ``READY=1`` once the first frame is on
  screen, ``WATCHDOG=1`` at each beat, ``STOPPING=1`` when it ends. The unit's
  ``WatchdogSec=`` restarts the kiosk when the beats stop. The kiosk runs under the X
  server the unit's script starts, so it is never the unit's main process; the unit says
  ``NotifyAccess=all`` and the kiosk does not insist on ``WATCHDOG_PID``.
- a heartbeat file (``KIOSK_HEARTBEAT_FILE``), touched at each beat, that the restart loop
  of a desktop kiosk (deploy/kiosk-loop.sh) watches.

No Kivy here: the app calls :meth:`Liveness.ready` and :meth:`Liveness.beat` from its clock.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

#: Seconds between beats when nothing asks for another pace.
BEAT_SECONDS = 5.0
#: Never slower than this, whatever WATCHDOG_USEC says.
LONGEST_BEAT = 10.0


class Liveness:
    """The kiosk's beats, to a notify socket and a heartbeat file (either may be absent)."""

    def __init__(self, notify_socket: str = "", heartbeat_file: str = "",
                 watchdog_usec: str = ""):
        self.address = notify_socket
        self.heartbeat = Path(heartbeat_file) if heartbeat_file else None
        self.interval = BEAT_SECONDS
        if watchdog_usec.isdigit() and int(watchdog_usec) > 0:
            # twice in each watchdog period, as systemd advises
            self.interval = min(LONGEST_BEAT, max(0.5, int(watchdog_usec) / 2e6))
        self._complained = False

    @classmethod
    def from_environment(cls, environ=os.environ) -> "Liveness":
        return cls(environ.get("NOTIFY_SOCKET", ""), environ.get("KIOSK_HEARTBEAT_FILE", ""),
                   environ.get("WATCHDOG_USEC", ""))

    @property
    def wanted(self) -> bool:
        """Someone listens: a notify socket or a heartbeat file is named."""
        return bool(self.address or self.heartbeat)

    def ready(self) -> None:
        """The first frame is on screen."""
        self._send("READY=1\nSTATUS=Showing the tour")
        self._touch()

    def beat(self) -> None:
        """The main loop is turning."""
        self._send("WATCHDOG=1")
        self._touch()

    def stopping(self) -> None:
        self._send("STOPPING=1")

    def _send(self, message: str) -> None:
        if not self.address:
            return
        # "@name" is an abstract socket: its name starts with a NUL byte
        address = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(message.encode("utf-8"), address)
        except OSError as error:
            self._complain(f"cannot tell the service manager it is alive ({error})")

    def _touch(self) -> None:
        if self.heartbeat is None:
            return
        try:
            self.heartbeat.touch()
        except OSError as error:
            self._complain(f"cannot touch the heartbeat file {self.heartbeat} ({error})")

    def _complain(self, what: str) -> None:
        if not self._complained:  # once: the log must not fill with it
            self._complained = True
            print(f"alzhir-kiosk: {what}; a hang would not be noticed", file=sys.stderr)
