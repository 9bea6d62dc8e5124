"""Setting Syncthing up for the museum's fleet: the staff computer, each kiosk, a new kiosk.

The staff computer sends the tour folder (send-only) to every kiosk and receives a figures
folder from each (receive-only). A kiosk receives the tour into its staging folder
(receive-only) and sends its outbox (send-only). Every device listens on one LAN address
and dials its peers at fixed addresses; nothing reaches beyond the museum's network
(``syncthing.LOCKED_OPTIONS``). The setting up is written into the configuration before
Syncthing first starts; a kiosk added later is added through the staff computer's running
Syncthing (its REST API on 127.0.0.1). No Kivy here.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

from . import syncthing
from .figures import KIOSK_NAME
from .syncthing import FIGURES_FOLDER, TOUR_FOLDER, Folder, Peer

#: Files the staff's tour folder never sends: editors' lock and temporary files.
TOUR_IGNORES = "(?d).~lock.*\n(?d)~$*\n(?d)*.tmp\n(?d).*.swp\n(?d).DS_Store\n(?d)Thumbs.db\n"
#: What staff read when the machine they set up has no Syncthing yet.
NOT_INSTALLED = ("Syncthing is not installed on this computer: install it with "
                 "`sudo apt-get install syncthing` (see docs/deploy.md, \"Several kiosks\"), "
                 "then run this again")


class SetupError(ValueError):
    """A setting that cannot work, in words for staff."""


def check_device_id(device_id: str) -> str:
    device_id = device_id.strip().upper()
    if not syncthing.DEVICE_ID.match(device_id):
        raise SetupError(f"{device_id!r} is not a Syncthing device ID: it is eight groups of "
                         f"seven letters and digits joined by dashes, as the kiosk's "
                         f"install.sh printed it (also: syncthing --device-id on the kiosk)")
    return device_id


def check_name(name: str) -> str:
    if not KIOSK_NAME.match(name):
        raise SetupError(f"{name!r} cannot be a kiosk's name: use letters, digits and "
                         f"dashes, up to 40, e.g. hall-2")
    return name


def check_address(host: str) -> str:
    """A fixed address on the museum's network (an IP address, not a name to look up)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise SetupError(f"{host!r} is not an IP address; give the kiosk's fixed LAN "
                         f"address, e.g. 192.168.10.22") from None
    if not (address.is_private or address.is_loopback):
        raise SetupError(f"{host} is not an address of a local network; the kiosks sync "
                         f"only inside the museum")
    return str(address)


def _url(host: str, port: int) -> str:
    return f"tcp://{host}:{port}"


def _new_device(home: Path) -> str:
    """This machine's Syncthing keys and first configuration in ``home``; its device ID."""
    try:
        return syncthing.generate(home)
    except syncthing.NotInstalled:
        raise SetupError(NOT_INSTALLED) from None


def set_up_staff(home: Path, host: str, tour: Path, port: int = syncthing.PORT,
                 gui_port: int = 8384) -> str:
    """Configure the staff computer's Syncthing (before it first starts); its device ID."""
    host = check_address(host)
    device_id = _new_device(home)
    Path(tour).mkdir(parents=True, exist_ok=True)
    ignores = Path(tour) / ".stignore"
    if not ignores.exists():
        ignores.write_text(TOUR_IGNORES, encoding="utf-8")
    syncthing.configure(home, device_id, "staff", _url(host, port), f"127.0.0.1:{gui_port}",
                        [], [Folder(TOUR_FOLDER, Path(tour), "sendonly")])
    return device_id


def set_up_kiosk(home: Path, name: str, host: str, staff_id: str, staff_host: str,
                 staging: Path, outbox: Path, port: int = syncthing.PORT,
                 staff_port: int = syncthing.PORT, gui_port: int = 8384) -> str:
    """Configure a kiosk's Syncthing (before it first starts); its device ID."""
    name, host = check_name(name), check_address(host)
    staff_id, staff_host = check_device_id(staff_id), check_address(staff_host)
    device_id = _new_device(home)
    Path(staging).mkdir(parents=True, exist_ok=True)
    Path(outbox).mkdir(parents=True, exist_ok=True)
    syncthing.configure(
        home, device_id, name, _url(host, port), f"127.0.0.1:{gui_port}",
        [Peer(staff_id, "staff", _url(staff_host, staff_port))],
        [Folder(TOUR_FOLDER, Path(staging), "receiveonly", [staff_id]),
         Folder(FIGURES_FOLDER.format(kiosk=name), Path(outbox), "sendonly", [staff_id])])
    return device_id


def add_kiosk(home: Path, device_id: str, name: str, host: str, port: int,
              figures: Path) -> Path:
    """On the staff computer, with its Syncthing running: send the tour to the kiosk and
    receive its figures into ``figures/<name>``; that folder."""
    device_id, name, host = check_device_id(device_id), check_name(name), check_address(host)
    if not (Path(home) / "config.xml").is_file():
        raise SetupError(f"there is no Syncthing set up in {home}: on the staff computer, run "
                         f"`python main.py fleet-setup staff --address IP` first (or give "
                         f"--syncthing-home)")
    api = syncthing.Api(home)
    if not api.ready():
        raise SetupError("Syncthing is not running on this computer; start it "
                         "(systemctl --user start syncthing) and try again")
    own_id = api.get("/rest/system/status")["myID"]
    api.add_device(Peer(device_id, name, _url(host, port)))
    api.share_folder(TOUR_FOLDER, device_id)
    folder = Path(figures) / name
    folder.mkdir(parents=True, exist_ok=True)
    api.add_folder(Folder(FIGURES_FOLDER.format(kiosk=name), folder, "receiveonly",
                          [device_id]), own_id)
    return folder


def run_add_kiosk(home: Path, device_id: str, name: str, host: str, port: int,
                  figures: Path) -> int:
    try:
        folder = add_kiosk(home, device_id, name, host, port, figures)
    except SetupError as problem:
        print(f"python main.py add-kiosk: {problem}", file=sys.stderr)
        return 2
    except (OSError, KeyError, ValueError) as problem:
        print(f"python main.py add-kiosk: cannot reach this computer's Syncthing at "
              f"{home}: {problem}", file=sys.stderr)
        return 1
    print(f"added kiosk {name} ({host}); it receives the tour, and its figures arrive in "
          f"{folder}. See them with: python main.py stats --fleet {folder.parent}")
    return 0


def run_fleet_setup(args) -> int:
    """`python main.py fleet-setup staff|kiosk`: prints the device ID to give the other side."""
    try:
        if args.role == "staff":
            device_id = set_up_staff(args.syncthing_home, args.address, args.tour)
            print(f"staff computer's device ID: {device_id}")
            print(f"the tour folder: {args.tour}; give each kiosk this ID when installing it")
        else:
            missing = [flag for flag, value in (("--name", args.name),
                                                ("--staff-id", args.staff_id),
                                                ("--staff-address", args.staff_address))
                       if not value]
            if missing:
                raise SetupError(f"a kiosk needs {', '.join(missing)}")
            device_id = set_up_kiosk(args.syncthing_home, args.name, args.address,
                                     args.staff_id, args.staff_address, args.staging,
                                     args.outbox)
            print(f"kiosk {args.name}'s device ID: {device_id}")
            print(f"on the staff computer: python main.py add-kiosk {device_id} "
                  f"--name {args.name} --address {args.address}")
    except SetupError as problem:
        print(f"python main.py fleet-setup: {problem}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as problem:
        print(f"python main.py fleet-setup: {problem}", file=sys.stderr)
        return 1
    return 0
