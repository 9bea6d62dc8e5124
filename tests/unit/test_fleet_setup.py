"""Syncthing set up for the fleet: locked to the museum's network before it first starts;
staff's mistakes in setting it up answered with a sentence. (No daemon is started here;
tests/test_fleet_sync.py runs three.)"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.fleet import setup, syncthing

ROOT = Path(__file__).resolve().parents[2]
STAFF_ID = "ZMXHVMY-C2A3LNJ-OIBY55Z-E4AGPUD-ZT2576I-2HC53IL-U6L3C3M-72X6AQS"


def test_syncthings_own_defaults_reach_out_and_leaks_names_each_way(tmp_path):
    syncthing.generate(tmp_path / "home")
    found = syncthing.leaks((tmp_path / "home/config.xml").read_text(), {"192.168.10.22"})
    for feature in ("globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled",
                    "natEnabled", "crashReportingEnabled", "urAccepted",
                    "autoUpgradeIntervalH", "listens on default"):
        assert any(feature in line for line in found), (feature, found)


def test_a_kiosk_is_set_up_locked_with_its_two_folders(tmp_path):
    own = setup.set_up_kiosk(tmp_path / "home", "hall-2", "192.168.10.22", STAFF_ID.lower(),
                             "192.168.10.2", tmp_path / "incoming", tmp_path / "outbox")
    config = (tmp_path / "home/config.xml").read_text()
    assert syncthing.leaks(config, {"192.168.10.22", "192.168.10.2"}) == []
    root = ET.fromstring(config)
    folders = {f.get("id"): (f.get("type"), f.get("path")) for f in root.findall("folder")}
    assert folders == {"alzhir-tour": ("receiveonly", str(tmp_path / "incoming")),
                       "alzhir-figures-hall-2": ("sendonly", str(tmp_path / "outbox"))}
    devices = {d.get("id"): d.findtext("address") for d in root.findall("device")}
    assert devices == {own: "tcp://192.168.10.22:22000", STAFF_ID: "tcp://192.168.10.2:22000"}
    # set up again: the same device (its keys are kept), the same configuration
    again = setup.set_up_kiosk(tmp_path / "home", "hall-2", "192.168.10.22", STAFF_ID,
                               "192.168.10.2", tmp_path / "incoming", tmp_path / "outbox")
    assert again == own and (tmp_path / "home/config.xml").read_text() == config


def test_the_staff_tour_folder_never_sends_editors_lock_files(tmp_path):
    setup.set_up_staff(tmp_path / "home", "192.168.10.2", tmp_path / "tour")
    ignores = (tmp_path / "tour/.stignore").read_text()
    assert "(?d).~lock.*" in ignores and "(?d)~$*" in ignores
    root = ET.fromstring((tmp_path / "home/config.xml").read_text())
    (folder,) = root.findall("folder")
    assert (folder.get("id"), folder.get("type")) == ("alzhir-tour", "sendonly")


@pytest.mark.parametrize("args, said", [
    (dict(name="hall 2"), "cannot be a kiosk's name"),
    (dict(host="kiosk.local"), "not an IP address"),
    (dict(host="8.8.8.8"), "not an address of a local network"),
    (dict(staff_id="12345"), "not a Syncthing device ID"),
])
def test_a_setting_that_cannot_work_is_refused_before_anything_is_written(tmp_path, args, said):
    settings = dict(home=tmp_path / "home", name="hall-2", host="192.168.10.22",
                    staff_id=STAFF_ID, staff_host="192.168.10.2",
                    staging=tmp_path / "in", outbox=tmp_path / "out") | args
    with pytest.raises(setup.SetupError, match=said):
        setup.set_up_kiosk(**settings)
    assert not (tmp_path / "home").exists()


def test_adding_a_kiosk_when_syncthing_is_not_running_says_to_start_it(tmp_path, capsys):
    setup.set_up_staff(tmp_path / "home", "127.0.0.1", tmp_path / "tour", gui_port=1)
    status = setup.run_add_kiosk(tmp_path / "home", STAFF_ID, "hall-2", "192.168.10.22",
                                 22000, tmp_path / "kiosks")
    assert status == 2
    assert "Syncthing is not running on this computer" in capsys.readouterr().err


@pytest.mark.parametrize("role", [
    ["staff", "--address", "192.168.10.2"],
    ["kiosk", "--name", "hall-2", "--address", "192.168.10.22", "--staff-id", STAFF_ID,
     "--staff-address", "192.168.10.2"],
])
def test_setting_up_a_computer_without_syncthing_says_to_install_it(tmp_path, role):
    no_syncthing = tmp_path / "bin"  # PATH holds no program at all
    no_syncthing.mkdir()
    folders = ["--syncthing-home", str(tmp_path / "syncthing"), "--tour", str(tmp_path / "tour"),
               "--staging", str(tmp_path / "incoming"), "--outbox", str(tmp_path / "outbox")]
    run = subprocess.run([sys.executable, "main.py", "fleet-setup", *role, *folders],
                         cwd=ROOT, env=dict(os.environ, PATH=str(no_syncthing)),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "Syncthing is not installed on this computer" in run.stderr
    assert "sudo apt-get install syncthing" in run.stderr
    assert "Traceback" not in run.stderr and "Errno" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]  # nothing written
