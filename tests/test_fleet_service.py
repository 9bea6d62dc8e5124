"""The fleet service as a kiosk runs it (`python main.py fleet-round --every 30`): a tour
staged takes a second or two to reach the live folder, not the 30 s between rounds; the
journal hears what changed once; SIGTERM ends it at once."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.fleet.intake import version_of
from samples import make_tour
from samples.fleet import wait_for

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def test_a_staged_tour_is_taken_within_seconds_and_sigterm_ends_the_service(tmp_path):
    tour = make_tour(tmp_path / "tour", stops=2, seconds=2)
    staging, live, outbox = tmp_path / "incoming", tmp_path / "live", tmp_path / "outbox"
    service = subprocess.Popen(
        [sys.executable, "main.py", "fleet-round", "--staging", str(staging), "--content",
         str(live), "--data", str(tmp_path / "data"), "--outbox", str(outbox), "--kiosk",
         "hall-1", "--every", "30"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: staging.is_dir() and (outbox / ".stignore").is_file(), 20,
                 "the service makes its folders", every=0.05)
        time.sleep(0.5)  # the service is watching
        shutil.copytree(tour, staging, dirs_exist_ok=True)
        began = time.monotonic()
        wait_for(lambda: version_of(live) == version_of(tour), 20,
                 "the staged tour is taken", every=0.05)
        assert time.monotonic() - began < 15  # woken by the staged files, not the 30 s round
        time.sleep(0.5)
    finally:
        service.send_signal(signal.SIGTERM)
        out, err = service.communicate(timeout=10)
    assert service.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == "no tour staged yet; figures unchanged"
    assert any(line.startswith(f"took tour {version_of(tour)}") for line in lines)
    assert len(lines) == len(set(lines))  # a line when something changed, not every round
