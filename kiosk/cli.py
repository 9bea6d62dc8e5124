"""The command line: `run` (the kiosk, the default), `check`, `schema`, `prepare`,
`selftest`, `stats`, `find-name`, `set-pin`, and for several kiosks `fleet-round` (on each
kiosk) and `add-kiosk` (on the staff computer).

Only `run` and `selftest` import Kivy (inside their functions), so the others stay fast and
work on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import default_content_dir, default_data_dir


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=default_content_dir(), metavar="DIR",
                        help="folder holding stops.yaml and its assets (default: %(default)s)")
    parser.add_argument("--data", type=Path, default=default_data_dir(), metavar="DIR",
                        help="folder where the kiosk keeps what it writes (default: %(default)s)")


#: Syncthing's folder in the home of the user who runs it, unless told otherwise.
SYNCTHING_HOME = ".local/state/syncthing"


def _home_folder(parser: argparse.ArgumentParser, flag: str, in_home: str, text: str) -> None:
    """A folder option of the fleet's commands: by default ``in_home`` in the user's home,
    shown after ``text`` in --help."""
    parser.add_argument(flag, type=Path, metavar="DIR", default=Path.home() / in_home,
                        help=f"{text} (default: %(default)s)")


def _host_name() -> str:
    import re
    import socket

    return re.sub(r"[^A-Za-z0-9_-]", "-", socket.gethostname())[:40] or "kiosk"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="The ALZHIR memorial museum's audio-guide kiosk. "
                    "With no command, the kiosk starts full screen.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="start the kiosk (the default)")
    _common(run)
    run.add_argument("--windowed", action="store_true",
                     help="a 1280x800 window instead of full screen, for development")

    check = commands.add_parser("check", help="check stops.yaml and its files, without starting the kiosk")
    _common(check)
    check.add_argument("--strict", action="store_true",
                       help="fail (exit 1) on warnings too, not only on errors")

    schema = commands.add_parser(
        "schema", help="write stops.schema.json, the editor schema made from the tour model")
    schema.add_argument("--output", type=Path, default=default_content_dir() / "stops.schema.json",
                        metavar="FILE", help="where to write it (default: %(default)s)")

    prepare = commands.add_parser(
        "prepare", help="make the display-size copies of every picture now, with a progress bar")
    _common(prepare)

    selftest = commands.add_parser(
        "selftest", help="run the real kiosk through every stop and language, then exit")
    _common(selftest)
    selftest.add_argument("--screenshots", type=Path, metavar="DIR",
                          help="save a screenshot of every screen and stop here")

    stats = commands.add_parser(
        "stats", help="print how the guide is used (visits, stops, languages), without Kivy")
    stats.add_argument("--data", type=Path, default=default_data_dir(), metavar="DIR",
                       help="the kiosk's data folder (default: %(default)s)")
    stats.add_argument("--since", metavar="YYYY-MM-DD", help="count only from this day on")
    stats.add_argument("--csv", type=Path, metavar="FILE", help="also write the figures as CSV")
    stats.add_argument("--merge", type=Path, nargs="+", metavar="FILE",
                       help="add event files or folders exported from other kiosks")
    stats.add_argument("--fleet", type=Path, metavar="DIR",
                       help="the staff computer's folder of every kiosk's figures: the "
                            "museum's report, then each kiosk's")

    find_name = commands.add_parser(
        "find-name", help="find a name on the Wall of Memory as the kiosk does, without Kivy")
    find_name.add_argument("query", nargs="+", metavar="QUERY",
                           help="the name as a family would type it, in any script")
    find_name.add_argument("--content", type=Path, default=default_content_dir(), metavar="DIR",
                           help="folder holding stops.yaml and names.csv (default: %(default)s)")
    find_name.add_argument("--limit", type=int, default=10, metavar="N",
                           help="at most N results (default: %(default)s)")
    find_name.add_argument("--json", action="store_true", help="print the results as JSON")

    fleet_round = commands.add_parser(
        "fleet-round", help="(a kiosk of several) take the tour Syncthing staged if it passes "
                            "check, and export the figures for the staff computer")
    _common(fleet_round)
    fleet_round.add_argument("--staging", type=Path, required=True, metavar="DIR",
                             help="the receive-only folder the staff's tour arrives in")
    fleet_round.add_argument("--outbox", type=Path, required=True, metavar="DIR",
                             help="the send-only folder the staff computer receives")
    fleet_round.add_argument("--kiosk", default=_host_name(), metavar="NAME",
                             help="this kiosk's name in the figures (default: %(default)s)")
    fleet_round.add_argument("--every", type=float, metavar="SECONDS",
                             help="go on, a round every SECONDS (default: one round)")

    fleet_setup = commands.add_parser(
        "fleet-setup", help="write this machine's Syncthing configuration for the fleet, "
                            "before Syncthing first starts (deploy/install.sh runs it)")
    fleet_setup.add_argument("role", choices=("staff", "kiosk"))
    fleet_setup.add_argument("--address", required=True, metavar="HOST",
                             help="this machine's fixed LAN address")
    _home_folder(fleet_setup, "--syncthing-home", SYNCTHING_HOME, "Syncthing's folder")
    _home_folder(fleet_setup, "--tour", "alzhir/tour", "(staff) the tour folder staff edit")
    fleet_setup.add_argument("--name", metavar="NAME", help="(kiosk) this kiosk's name")
    fleet_setup.add_argument("--staff-id", metavar="DEVICE-ID",
                             help="(kiosk) the staff computer's device ID")
    fleet_setup.add_argument("--staff-address", metavar="HOST",
                             help="(kiosk) the staff computer's fixed LAN address")
    _home_folder(fleet_setup, "--staging", "alzhir/incoming", "(kiosk) where the tour arrives")
    _home_folder(fleet_setup, "--outbox", "alzhir/outbox",
                 "(kiosk) what the staff computer receives")

    add_kiosk = commands.add_parser(
        "add-kiosk", help="(the staff computer) send the tour to a new kiosk and receive its "
                          "figures, through the local Syncthing")
    add_kiosk.add_argument("device_id", metavar="DEVICE-ID",
                           help="the kiosk's Syncthing device ID (install.sh prints it)")
    add_kiosk.add_argument("--name", required=True, help="the kiosk's name, e.g. hall-2")
    add_kiosk.add_argument("--address", required=True, metavar="HOST",
                           help="the kiosk's fixed LAN address, e.g. 192.168.10.22")
    add_kiosk.add_argument("--port", type=int, default=22000,
                           help="its Syncthing port (default: %(default)s)")
    _home_folder(add_kiosk, "--syncthing-home", SYNCTHING_HOME, "this computer's Syncthing folder")
    _home_folder(add_kiosk, "--figures", "alzhir/kiosks", "where the kiosks' figures arrive")

    set_pin = commands.add_parser("set-pin", help="set or change the staff panel's PIN")
    set_pin.add_argument("--data", type=Path, default=default_data_dir(), metavar="DIR",
                         help="the kiosk's data folder (default: %(default)s)")
    set_pin.add_argument("--pin-from-stdin", action="store_true",
                         help="read the PIN from the first line of standard input (scripts)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "run")
    args = build_parser().parse_args(argv)
    from .data_folder import data_folder_problem

    problem = data_folder_problem(args.command, getattr(args, "data", None))
    if problem:  # one clear line, never a traceback (`run` falls back instead)
        print(problem, file=sys.stderr)
        return 1
    if args.command == "check":
        from .check import run_check
        return run_check(args.content, strict=args.strict)
    if args.command == "schema":
        from .content.schema import schema_text
        args.output.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    if args.command == "prepare":
        from .prepare import run_prepare
        return run_prepare(args.content, args.data)
    if args.command == "stats":
        from .stats import run_stats
        return run_stats(args.data, since=args.since, csv_path=args.csv, merge=args.merge,
                         fleet=args.fleet)
    if args.command == "find-name":
        from .names.command import run_find_name
        return run_find_name(" ".join(args.query), args.content, args.limit, args.json)
    if args.command == "fleet-round":
        from .fleet.kiosk_round import run_fleet_round
        return run_fleet_round(args.staging, args.content, args.data, args.outbox,
                               args.kiosk, args.every)
    if args.command == "fleet-setup":
        from .fleet.setup import run_fleet_setup
        return run_fleet_setup(args)
    if args.command == "add-kiosk":
        from .fleet.setup import run_add_kiosk
        return run_add_kiosk(args.syncthing_home, args.device_id, args.name, args.address,
                             args.port, args.figures)
    if args.command == "set-pin":
        from .pin import run_set_pin
        return run_set_pin(args.data, from_stdin=args.pin_from_stdin)
    if args.command == "selftest":
        from .ui.selftest import run_selftest
        return run_selftest(args.content, args.data, args.screenshots)
    from .ui.launch import run_kiosk
    return run_kiosk(args.content, args.data, windowed=args.windowed)
