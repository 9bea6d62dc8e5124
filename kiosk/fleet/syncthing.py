"""Syncthing's configuration for the museum's kiosks, locked to the museum's own network.

Syncthing (the Debian package) moves the tour from the staff computer to every kiosk and
each kiosk's figures back. Its defaults reach the internet: global discovery, local
discovery (broadcast to the LAN), relays, NAT traversal, usage reports, crash reports and
upgrade checks. :func:`configure` writes a device's ``config.xml`` before its first start
with all of them off, listening on one address, its peers named by device ID at fixed
addresses, and its folders send-only or receive-only; :func:`leaks` reads a config back
and says whatever in it would reach beyond the addresses allowed. No Kivy here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

#: Every option that would reach beyond the museum's network, and its locked value.
LOCKED_OPTIONS = {
    "globalAnnounceEnabled": "false",   # global discovery (internet servers)
    "localAnnounceEnabled": "false",    # local discovery (LAN broadcast)
    "relaysEnabled": "false",           # relays (internet)
    "natEnabled": "false",              # UPnP / NAT-PMP on the router
    "crashReportingEnabled": "false",
    "urAccepted": "-1",                 # usage reporting: declined
    "autoUpgradeIntervalH": "0",        # upgrade checks
    "startBrowser": "false",
    "announceLANAddresses": "false",
}
#: The folder that carries the tour from the staff computer to every kiosk.
TOUR_FOLDER = "alzhir-tour"
#: The folder that carries one kiosk's figures and verdict to the staff computer.
FIGURES_FOLDER = "alzhir-figures-{kiosk}"
#: Syncthing's own listening port, unless told otherwise.
PORT = 22000
#: A Syncthing device ID: eight groups of seven letters and digits.
DEVICE_ID = re.compile(r"^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$")
#: The Syncthing program, looked for on PATH.
PROGRAM = "syncthing"


class NotInstalled(RuntimeError):
    """The Syncthing program is not on this computer (not on PATH)."""


def _command(*args: str) -> list[str]:
    """The Syncthing program with ``args``; :class:`NotInstalled` when there is none."""
    if shutil.which(PROGRAM) is None:
        raise NotInstalled(f"there is no {PROGRAM} program on PATH")
    return [PROGRAM, *args]


@dataclass
class Peer:
    """Another machine: its device ID, a name for people, its fixed address."""

    device_id: str
    name: str
    address: str  # tcp://HOST:PORT


@dataclass
class Folder:
    """A synced folder: ``kind`` is "sendonly" or "receiveonly"."""

    folder_id: str
    path: Path
    kind: str
    peers: list[str] = field(default_factory=list)  # device IDs
    #: Seconds between full rescans; changes are seen at once by the file watcher.
    rescan_seconds: int = 60


def generate(home: Path) -> str:
    """Make a device's keys and default config in ``home`` (no default folder); its ID."""
    run = subprocess.run(_command("generate", f"--home={home}", "--no-default-folder"),
                         capture_output=True, text=True, check=True)
    found = re.search(r"Device ID: (\S+)", run.stdout + run.stderr)
    if found is None:
        raise RuntimeError(f"syncthing generate said no device ID: {run.stdout}{run.stderr}")
    return found.group(1)


def configure(home: Path, device_id: str, name: str, listen: str, gui: str,
              peers: list[Peer], folders: list[Folder]) -> None:
    """Rewrite ``home/config.xml``: locked options, one listen address, the GUI and its
    API at ``gui`` (HOST:PORT), the peers and the folders."""
    path = Path(home) / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    for old in root.findall("folder") + root.findall("device"):
        root.remove(old)
    options = root.find("options")
    for key, value in LOCKED_OPTIONS.items():
        _set(options, key, value)
    for old in options.findall("listenAddress"):
        options.remove(old)
    ET.SubElement(options, "listenAddress").text = listen
    root.find("gui").find("address").text = gui
    index = 0
    for device in [Peer(device_id, name, "dynamic"), *peers]:
        element = ET.Element("device", {"id": device.device_id, "name": device.name,
                                        "compression": "metadata", "introducer": "false"})
        ET.SubElement(element, "address").text = (
            device.address if device.device_id != device_id else listen)
        ET.SubElement(element, "autoAcceptFolders").text = "false"
        root.insert(index, element)
        index += 1
    for folder in folders:
        element = ET.Element("folder", {
            "id": folder.folder_id, "label": folder.folder_id, "path": str(folder.path),
            "type": folder.kind, "rescanIntervalS": str(folder.rescan_seconds),
            "fsWatcherEnabled": "true", "fsWatcherDelayS": "1"})
        for member in [device_id, *folder.peers]:
            ET.SubElement(element, "device", {"id": member})
        ET.SubElement(element, "minDiskFree", {"unit": "%"}).text = "1"
        root.insert(index, element)
        index += 1
    tree.write(path, encoding="unicode")


def api_key(home: Path) -> str:
    return ET.parse(Path(home) / "config.xml").getroot().find("gui").find("apikey").text


def gui_address(home: Path) -> str:
    return ET.parse(Path(home) / "config.xml").getroot().find("gui").findtext("address")


class Api:
    """Syncthing's REST API on this machine (its GUI address, with its API key)."""

    def __init__(self, home: Path):
        self.base = f"http://{gui_address(home)}"
        self.key = api_key(home)

    def call(self, method: str, path: str, body=None, timeout: float = 10.0):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"X-API-Key": self.key,
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw = answer.read()
        return json.loads(raw) if raw.strip() else None

    def get(self, path: str):
        return self.call("GET", path)

    def ready(self) -> bool:
        try:
            return self.get("/rest/system/ping") == {"ping": "pong"}
        except (OSError, ValueError):
            return False

    def add_device(self, peer: Peer) -> None:
        self.call("PUT", f"/rest/config/devices/{peer.device_id}", {
            "deviceID": peer.device_id, "name": peer.name, "addresses": [peer.address],
            "compression": "metadata", "introducer": False, "autoAcceptFolders": False})

    def share_folder(self, folder_id: str, device_id: str) -> None:
        """Add ``device_id`` to an existing folder's devices."""
        folder = self.get(f"/rest/config/folders/{folder_id}")
        if all(d["deviceID"] != device_id for d in folder["devices"]):
            folder["devices"].append({"deviceID": device_id})
            self.call("PUT", f"/rest/config/folders/{folder_id}", folder)

    def add_folder(self, folder: Folder, own_id: str) -> None:
        self.call("PUT", f"/rest/config/folders/{folder.folder_id}", {
            "id": folder.folder_id, "label": folder.folder_id, "path": str(folder.path),
            "type": folder.kind, "rescanIntervalS": folder.rescan_seconds,
            "fsWatcherEnabled": True, "fsWatcherDelayS": 1,
            "devices": [{"deviceID": d} for d in [own_id, *folder.peers]]})

    def config(self) -> str:
        """The running configuration, as JSON text."""
        return json.dumps(self.get("/rest/config"))


class Daemon:
    """One ``syncthing serve`` on a configured home; stopped by :meth:`stop`."""

    def __init__(self, home: Path, log: Path):
        self.home = Path(home)
        self.log_path = Path(log)
        self.process: subprocess.Popen | None = None
        self.api = Api(home)

    def start(self, wait: float = 60.0) -> "Daemon":
        command = _command("serve", f"--home={self.home}", "--no-browser", "--no-restart",
                           "--no-upgrade", "--no-default-folder", "--skip-port-probing")
        environment = dict(os.environ, STNOUPGRADE="1", STNODEFAULTFOLDER="1",
                           STNORESTART="1", HOME=str(self.home))
        self.log_file = open(self.log_path, "ab")
        self.process = subprocess.Popen(command, stdout=self.log_file,
                                        stderr=subprocess.STDOUT, env=environment)
        deadline = time.monotonic() + wait
        while not self.api.ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"syncthing did not start; its log: {self.log_path}")
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log_file", None):
            self.log_file.close()


def leaks(config_xml: str, allowed_hosts: set[str]) -> list[str]:
    """Everything in a config.xml that would reach beyond ``allowed_hosts`` (addresses
    this device may listen on and dial, such as {"127.0.0.1"} or the kiosks' LAN
    addresses): an empty list when it is locked."""
    root = ET.fromstring(config_xml)
    options = root.find("options")
    found = []
    for key, value in LOCKED_OPTIONS.items():
        if key == "startBrowser":
            continue
        actual = options.findtext(key)
        if actual != value:
            found.append(f"{key} is {actual}, must be {value}")
    for listen in options.findall("listenAddress"):
        if _host(listen.text) not in allowed_hosts:
            found.append(f"listens on {listen.text}")
    gui = root.find("gui").findtext("address", "")
    if gui.rsplit(":", 1)[0] not in allowed_hosts | {"127.0.0.1", "localhost"}:
        found.append(f"the GUI listens on {gui}")
    for device in root.findall("device"):
        for address in device.findall("address"):
            if address.text == "dynamic" or _host(address.text) not in allowed_hosts:
                found.append(f"device {device.get('name')} is dialled at {address.text}")
    return found


def _host(address: str | None) -> str:
    if not address or "://" not in address:
        return str(address)
    return address.split("://", 1)[1].rsplit(":", 1)[0].strip("[]")


def _set(parent, key: str, value: str) -> None:
    element = parent.find(key)
    if element is None:
        element = ET.SubElement(parent, key)
    element.text = value
