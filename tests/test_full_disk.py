"""A full disk never takes the kiosk down (issue #13, point 2).

The data folder is on a real, small file system (a 512 KiB tmpfs) filled to its last
byte. The real kiosk runs on it as a process: selftest's whole visitor walk, the soak, and
a disk that fills while the kiosk runs, then a staff edit reloaded live. Log lines that
cannot be written are dropped and counted, and noted once when there is room again.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from samples import make_tour
from tests.small_disks import fill, free_bytes, needs_root, tmpfs

ROOT = Path(__file__).resolve().parent.parent
STOPS = 3
LANGUAGES = 3
LOST = re.compile(r"WARNING kiosk\.logs: (\d+) log lines were lost while the disk was full$",
                  re.MULTILINE)

pytestmark = needs_root


def _env() -> dict:
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "KIVY_LOG_MODE", "KIVY_HOME"):
        env.pop(name, None)  # the kiosk's own logging and settings, as in the museum
    return env


#: Seconds a run may take here (about 30 s for the walk); the old kiosk hung instead.
TIMEOUT = 300


def kiosk(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT):
    return subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, env=_env(), text=True,
                          stdout=stdout, stderr=stderr, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> Path:
    return make_tour(tmp_path_factory.mktemp("full-disk") / "tour", stops=STOPS, seconds=3)


@pytest.fixture
def disk(tmp_path):
    with tmpfs(tmp_path / "disk", size="512k") as mounted:
        yield mounted


@pytest.fixture
def full_data(disk) -> Path:
    """An empty data folder on a disk with not a byte left."""
    data = disk / "data"
    data.mkdir()
    fill(disk)
    assert free_bytes(disk) == 0
    return data


def walked_every_stop(out: str) -> None:
    visited = re.findall(r"^ok \d+ stop-\d+ \[(kk|ru|en)\]", out, re.MULTILINE)
    assert len(visited) == STOPS * LANGUAGES, out[-3000:]
    assert "PROBLEM" not in out, out[-3000:]
    assert re.search(r"^selftest: 3 stops x 3 languages visited, .* 0 problem\(s\)\.$", out,
                     re.MULTILINE), out[-3000:]


@pytest.mark.slow
def test_selftest_walks_every_stop_with_its_data_folder_on_a_full_disk(tour, full_data, disk):
    # Standard error is a file on the same full disk, as a service's log file may be.
    with (disk / "stderr.txt").open("w") as err:
        result = kiosk("main.py", "selftest", "--content", tour, "--data", full_data, stderr=err)
    assert result.returncode == 0, result.stdout[-3000:]
    walked_every_stop(result.stdout)
    assert "Traceback" not in result.stdout
    assert free_bytes(disk) == 0  # the disk stayed full the whole time


@pytest.mark.slow
def test_selftest_goes_on_when_its_output_and_errors_are_files_on_a_full_disk(tour, tmp_path, disk):
    out_file, err_file = disk / "stdout.txt", disk / "stderr.txt"
    with out_file.open("w") as out, err_file.open("w") as err:
        fill(disk)
        result = kiosk("main.py", "selftest", "--content", tour, "--data", tmp_path / "data",
                       stdout=out, stderr=err)
    # Nothing it printed could be written; the walk still ran to its end with no problem
    # (selftest ends with 1 on any problem, and on an error of its own).
    assert result.returncode == 0
    assert out_file.stat().st_size == 0


@pytest.mark.slow
def test_the_soak_runs_without_an_unhandled_exception_on_a_full_disk(tour, full_data):
    result = kiosk("-m", "bench.soak", "--actions", "150", "--seed", "3", "--content", tour,
                   "--data", full_data, timeout=2 * TIMEOUT)
    out = result.stdout
    assert result.returncode == 0, out[-4000:] + result.stderr[-2000:]
    assert "unhandled exceptions: 0" in out.splitlines()
    assert out.rstrip().splitlines()[-1].endswith("over 150 actions")
    assert "Traceback" not in out + result.stderr


@pytest.mark.slow
def test_a_disk_that_fills_while_the_kiosk_runs(tmp_path, disk):
    """Full in the middle of the day: every stop still opens and plays, a staff edit is
    still shown, and once there is room the logs say how many lines were lost."""
    content = make_tour(tmp_path / "tour", stops=STOPS, seconds=3)
    data = disk / "data"
    result = kiosk("tests/full_disk_kiosk.py", content, data, disk / "filler")
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr[-3000:]
    report = json.loads(out.rstrip().splitlines()[-1].removeprefix("RESULT "))
    assert report["exceptions"] == [], "\n".join(report["exceptions"])[:6000]
    assert report["problems"] == []
    walked_every_stop_of_the_walk = re.findall(r"^ok \d+ stop-\d+", out, re.MULTILINE)
    assert len(walked_every_stop_of_the_walk) == STOPS * LANGUAGES, out[-3000:]
    assert report["free_while_full"] == 0 and report["free_after_edit"] == 0
    assert report["title_after_edit"] == "Stop 101 (edited while the disk was full)"
    for name in ("kiosk.log", "kivy_log.txt"):
        log = (data / "logs" / name).read_text(encoding="utf-8")
        notes = LOST.findall(log)
        assert len(notes) == 1 and int(notes[0]) > 0, log[-3000:]  # said once, when room came back
        assert log.index(LOST.search(log)[0]) < log.index("the test made room on the data disk")
        assert log.endswith("\n")  # whole lines only


def test_a_log_line_is_written_whole_or_not_at_all_and_the_lost_ones_are_noted_once(disk):
    import logging

    from kiosk.logs import SafeFileHandler

    path = disk / "kiosk.log"
    path.write_text("x" * 3999 + "\n", encoding="utf-8")  # most of one 4 KiB page
    handler = SafeFileHandler(path)
    logger = logging.getLogger("tests.full_disk")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        filler = fill(disk)
        for n in range(3):
            logger.error("a long line that does not fit %d %s", n, "y" * 300)  # never raises
        assert path.read_text(encoding="utf-8") == "x" * 3999 + "\n"  # no half line
        assert handler.lost == 3
        filler.unlink()
        logger.error("room again")
        logger.error("and again")
    finally:
        logger.removeHandler(handler)
        handler.close()
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    assert len(lines) == 3, lines
    assert lines[0].endswith("WARNING kiosk.logs: 3 log lines were lost while the disk was full")
    assert lines[1].endswith("ERROR tests.full_disk: room again")
    assert lines[2].endswith("ERROR tests.full_disk: and again")
    assert handler.lost == 0
