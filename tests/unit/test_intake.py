"""A kiosk takes a staged version of the tour only when it is whole and passes check."""

from __future__ import annotations

import json
import shutil

import pytest

from kiosk.content import read_tour
from kiosk.fleet.intake import take_staged
from samples import make_tour


@pytest.fixture
def kiosk(tmp_path):
    """(staging, live): the live tour as the kiosk shows it, the staging folder empty."""
    live = make_tour(tmp_path / "live", stops=2, seconds=2)
    staging = tmp_path / "staging"
    staging.mkdir()
    return staging, live


def stage(staging, live, edit=None):
    """The staff's new version: a copy of the live tour, edited."""
    shutil.rmtree(staging)
    shutil.copytree(live, staging)
    if edit:
        edit(staging)


def retitle(folder):
    path = folder / "stops.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Stop 101", "Stop 101, renamed"),
                    encoding="utf-8")


def test_a_good_version_is_taken_whole_and_the_verdict_written(kiosk, tmp_path):
    staging, live = kiosk
    stage(staging, live, retitle)
    (staging / "assets/images/new.jpg").write_bytes((live / "assets/images/stop-1-1.jpg").read_bytes())
    verdict = take_staged(staging, live, tmp_path / "out/verdict.json")
    assert verdict.outcome == "taken" and verdict.files_copied == 2
    assert read_tour(live).valid_tour().stop("stop-1").title["en"] == "Stop 101, renamed"
    assert (live / "assets/images/new.jpg").is_file()
    said = json.loads((tmp_path / "out/verdict.json").read_text(encoding="utf-8"))
    assert said["outcome"] == "taken" and len(said["version"]) == 16
    assert take_staged(staging, live).outcome == "same"  # nothing new the second time


def test_a_broken_version_is_refused_and_the_live_tour_stays(kiosk, tmp_path):
    staging, live = kiosk
    before = (live / "stops.yaml").read_text(encoding="utf-8")

    def break_it(folder):
        retitle(folder)
        (folder / "assets/audio/en/stop-1.ogg").unlink()  # named, but never arrived

    stage(staging, live, break_it)
    verdict = take_staged(staging, live, tmp_path / "verdict.json")
    assert verdict.outcome == "refused"
    assert any("assets/audio/en/stop-1.ogg" in problem and "does not exist" in problem
               for problem in verdict.problems), verdict.problems
    assert (live / "stops.yaml").read_text(encoding="utf-8") == before
    assert (live / "assets/audio/en/stop-1.ogg").is_file()
    assert json.loads((tmp_path / "verdict.json").read_text())["outcome"] == "refused"


def test_nothing_is_taken_while_a_file_is_still_arriving(kiosk):
    staging, live = kiosk
    stage(staging, live, retitle)
    (staging / "assets/audio/en/.syncthing.stop-1.ogg.tmp").write_bytes(b"half")
    assert take_staged(staging, live).outcome == "waiting"
    assert "renamed" not in (live / "stops.yaml").read_text(encoding="utf-8")


def test_pictures_the_new_version_drops_are_removed_after_it(kiosk):
    staging, live = kiosk
    (live / "assets/images/old.jpg").write_bytes(b"an old picture no stop names")
    stage(staging, live, retitle)
    (staging / "assets/images/old.jpg").unlink()
    (staging / ".stfolder").mkdir(exist_ok=True)
    verdict = take_staged(staging, live)
    assert verdict.outcome == "taken" and verdict.files_removed == 1
    assert not (live / "assets/images/old.jpg").exists()
    assert not (live / ".stfolder").exists()  # Syncthing's own never comes in


def test_an_empty_staging_folder_changes_nothing(kiosk):
    staging, live = kiosk
    assert take_staged(staging, live).outcome == "empty"
