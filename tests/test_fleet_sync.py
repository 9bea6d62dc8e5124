"""Three real Syncthing daemons on loopback (the staff computer and two kiosks): a tour edit
reaches both kiosks and each takes it; a broken edit reaches both and neither takes it;
each kiosk's figures reach the staff computer and merge with nothing counted twice.

Every daemon's configuration allows no traffic off this machine, before its first start
and after staff added the kiosks; the test fails if one does."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from kiosk.analytics import Report
from kiosk.content import read_tour
from kiosk.fleet.intake import read_verdict, version_of
from kiosk.fleet.kiosk_round import OUTBOX_VERDICT, PANEL_VERDICT
from kiosk.fleet.syncthing import LOCKED_OPTIONS, leaks
from samples import make_tour
from samples.fleet import LoopbackFleet, wait_for
from samples.visit_logs import NOON, record_visits

pytestmark = pytest.mark.slow
#: Seconds a change may take to cross the fleet on one machine.
SYNC_S = 90


@pytest.fixture
def fleet(tmp_path):
    tour = make_tour(tmp_path / "staff" / "tour", stops=2, seconds=2)
    fleet = LoopbackFleet(tmp_path, tour)
    for machine in fleet.machines:  # before any daemon has started
        assert leaks(machine.config_xml(), {"127.0.0.1"}) == [], machine.name
    fleet.start()
    yield fleet
    fleet.stop()
    for machine in fleet.machines:  # the processes are gone
        assert machine.daemon.process.poll() is not None


def taken(kiosk, version):
    """A round on ``kiosk`` until it shows ``version``."""
    def shows():
        kiosk.round()
        return version_of(kiosk.content) == version
    return shows


def edit(tour, old, new):
    path = tour / "stops.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return version_of(tour)


def test_every_daemon_is_locked_to_this_machine(fleet):
    for machine in fleet.machines:
        config = machine.config_xml()  # as the running daemon saved it
        assert leaks(config, {"127.0.0.1"}) == [], machine.name
        options = ET.fromstring(config).find("options")
        for key, value in LOCKED_OPTIONS.items():
            assert options.findtext(key) == value, (machine.name, key)
        assert [e.text for e in options.findall("listenAddress")] == [
            f"tcp://127.0.0.1:{machine.port}"]
    # the staff computer knows both kiosks at their fixed addresses, and only them
    staff = ET.fromstring(fleet.staff.config_xml())
    dialled = {d.get("name"): d.findtext("address") for d in staff.findall("device")}
    assert dialled == {"staff": f"tcp://127.0.0.1:{fleet.staff.port}",
                       **{k.name: f"tcp://127.0.0.1:{k.port}" for k in fleet.kiosks}}
    # and leaks() does find what would reach out
    opened = fleet.staff.config_xml().replace(
        "<relaysEnabled>false</relaysEnabled>", "<relaysEnabled>true</relaysEnabled>")
    assert leaks(opened, {"127.0.0.1"}) == ["relaysEnabled is true, must be false"]


def test_an_edit_reaches_both_kiosks_and_a_broken_one_is_taken_by_neither(fleet):
    first = version_of(fleet.tour)
    for kiosk in fleet.kiosks:
        wait_for(taken(kiosk, first), SYNC_S, f"{kiosk.name} takes the first tour\n{fleet.logs()}")

    good = edit(fleet.tour, "Stop 101", "Stop 101, renamed")
    for kiosk in fleet.kiosks:
        wait_for(taken(kiosk, good), SYNC_S, f"{kiosk.name} takes the edit\n{fleet.logs()}")
        assert read_tour(kiosk.content).valid_tour().stop("stop-1").title["en"] == \
            "Stop 101, renamed"

    # a recording renamed in stops.yaml that nobody copied: a broken version
    broken = edit(fleet.tour, "audio/en/stop-1.ogg", "audio/en/stop-1-new.ogg")
    for kiosk in fleet.kiosks:
        wait_for(lambda: version_of(kiosk.staging) == broken, SYNC_S,
                 f"{kiosk.name} receives the broken edit\n{fleet.logs()}")
        verdict = kiosk.round().verdict
        assert verdict.outcome == "refused"
        assert any("stop-1-new.ogg" in problem for problem in verdict.problems)
        assert version_of(kiosk.content) == good  # the last good tour stays
        assert read_verdict(kiosk.data / PANEL_VERDICT).outcome == "refused"  # staff panel
    # the staff computer sees each kiosk's verdict
    for kiosk in fleet.kiosks:
        said = wait_for(lambda: (v := read_verdict(fleet.figures / kiosk.name / OUTBOX_VERDICT))
                        and v.version == broken and v,
                        SYNC_S, f"{kiosk.name}'s verdict reaches the staff\n{fleet.logs()}")
        assert said.outcome == "refused" and said.showing == good

    # mended: the missing recording copied in; both take it
    shutil.copy(fleet.tour / "assets/audio/en/stop-1.ogg", fleet.tour / "assets/audio/en/stop-1-new.ogg")
    mended = broken  # the same stops.yaml, now with its recording
    for kiosk in fleet.kiosks:
        wait_for(taken(kiosk, mended), SYNC_S, f"{kiosk.name} takes the mended tour\n{fleet.logs()}")
        assert (kiosk.content / "assets/audio/en/stop-1-new.ogg").is_file()


def test_figures_reach_the_staff_and_merge_with_nothing_counted_twice(fleet):
    counts = {"hall-1": 3, "hall-2": 4}
    for kiosk in fleet.kiosks:
        record_visits(kiosk.data, counts[kiosk.name], NOON)

    def arrived():
        for kiosk in fleet.kiosks:
            kiosk.round()
        report = Report.from_files([fleet.figures / k.name for k in fleet.kiosks])
        return report.sessions == sum(counts.values()) and report

    wait_for(arrived, SYNC_S, f"every kiosk's figures at the staff\n{fleet.logs()}", every=0.5)
    # more visits the same day: the day's file is replaced, synced again, counted once
    for kiosk in fleet.kiosks:
        record_visits(kiosk.data, 2, NOON + 600)
        counts[kiosk.name] += 2
    report = wait_for(arrived, SYNC_S, f"the day's new figures\n{fleet.logs()}", every=0.5)
    for _ in range(3):  # rounds with nothing new send nothing and change nothing
        for kiosk in fleet.kiosks:
            assert kiosk.round().exported.written == []
    assert report.sessions == 3 + 2 + 4 + 2
    assert [(r.stop_id, r.opened) for r in report.stops] == [("stop-1", 11)]
    for kiosk in fleet.kiosks:
        own = Report.from_files([fleet.figures / kiosk.name])
        assert own.sessions == counts[kiosk.name]


def test_staff_add_a_kiosk_by_its_device_id_from_the_command_line(fleet, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from samples.fleet import free_ports
    from kiosk.fleet.syncthing import generate

    root = Path(__file__).resolve().parents[1]
    new_id = generate(tmp_path / "hall-3-syncthing")
    (port,) = free_ports(1)

    def add(*args):
        return subprocess.run(
            [sys.executable, "main.py", "add-kiosk", *args, "--syncthing-home",
             str(fleet.staff.home), "--figures", str(fleet.figures)],
            cwd=root, capture_output=True, text=True, timeout=60)

    done = add(new_id, "--name", "hall-3", "--address", "127.0.0.1", "--port", str(port))
    assert done.returncode == 0, done.stderr
    assert "added kiosk hall-3" in done.stdout
    staff = ET.fromstring(fleet.staff.config_xml())
    device = next(d for d in staff.findall("device") if d.get("id") == new_id)
    assert device.get("name") == "hall-3"
    assert device.findtext("address") == f"tcp://127.0.0.1:{port}"
    tour = next(f for f in staff.findall("folder") if f.get("id") == "alzhir-tour")
    assert new_id in {d.get("id") for d in tour.findall("device")}
    figures = next(f for f in staff.findall("folder") if f.get("id") == "alzhir-figures-hall-3")
    assert figures.get("type") == "receiveonly"
    assert figures.get("path") == str(fleet.figures / "hall-3")
    assert leaks(fleet.staff.config_xml(), {"127.0.0.1"}) == []

    # what staff may get wrong: each a sentence, nothing changed
    before = fleet.staff.config_xml()
    for args, said in (
            (("NOT-AN-ID", "--name", "x", "--address", "127.0.0.1"), "not a Syncthing device ID"),
            ((new_id, "--name", "hall 4", "--address", "127.0.0.1"), "cannot be a kiosk's name"),
            ((new_id, "--name", "hall-4", "--address", "kiosk4.example.org"), "not an IP address"),
            ((new_id, "--name", "hall-4", "--address", "8.8.8.8"), "not an address of a local network")):
        wrong = add(*args)
        assert wrong.returncode == 2 and said in wrong.stderr, wrong.stderr
        assert "Traceback" not in wrong.stderr
    assert fleet.staff.config_xml() == before
