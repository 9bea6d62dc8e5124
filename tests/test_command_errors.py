"""Every command given a data folder it cannot use says so in one clear line, no traceback.

The data folder is a file where the folder should be, or a folder on a read-only file
system (a tmpfs mounted read-only: chmod would not stop root). Each command runs as a real
process. The commands that write there end with 1 and one line naming the folder and what
to do; `stats`, which only reads, reads a read-only folder; `run` keeps serving visitors
from a temporary folder and says so in one line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.small_disks import needs_root, tmpfs

ROOT = Path(__file__).resolve().parent.parent

#: The commands that write to the data folder, with what else they need.
WRITERS = {
    "selftest": ["--content", "{tour}"],
    "prepare": ["--content", "{tour}"],
    "set-pin": ["--pin-from-stdin"],
}


def _env() -> dict:
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", SDL_VIDEODRIVER="offscreen")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "KIVY_LOG_MODE", "KIVY_HOME"):
        env.pop(name, None)  # as the kiosk runs in the museum
    return env


def command(name: str, data: Path, tour: Path) -> subprocess.CompletedProcess:
    args = [a.format(tour=tour) for a in WRITERS.get(name, [])]
    return subprocess.run([sys.executable, str(ROOT / "main.py"), name, *args, "--data", str(data)],
                          input="4829\n", capture_output=True, text=True, timeout=300, env=_env(),
                          cwd=ROOT, check=False)


def said(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


@pytest.fixture
def file_in_place(tmp_path) -> Path:
    path = tmp_path / "kiosk-data"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


@pytest.fixture
def read_only(tmp_path):
    with tmpfs(tmp_path / "read-only", size="64k", read_only=True) as disk:
        yield disk


def assert_one_clear_line(result, data: Path, *words: str) -> None:
    lines = said(result)
    assert result.returncode == 1, lines
    assert len(lines) == 1, "\n".join(lines)
    line = lines[0]
    assert "Traceback" not in line and "Error:" not in line, line
    assert str(data) in line, line  # where
    assert "--data DIR" in line, line  # what to do
    for word in words:  # what is wrong
        assert word in line, line


@pytest.mark.slow
@pytest.mark.parametrize("name", list(WRITERS))
def test_a_file_where_the_data_folder_should_be_is_named_in_one_line(name, file_in_place,
                                                                     small_tour):
    result = command(name, file_in_place, small_tour)
    assert_one_clear_line(result, file_in_place, "is a file, not a folder")
    assert file_in_place.read_text(encoding="utf-8") == "not a folder\n"  # left as it was


@needs_root
@pytest.mark.slow
@pytest.mark.parametrize("name", list(WRITERS))
def test_a_read_only_data_folder_is_named_in_one_line(name, read_only, small_tour):
    result = command(name, read_only, small_tour)
    assert_one_clear_line(result, read_only, "cannot be written", "Read-only file system")


@pytest.mark.slow
def test_a_folder_under_a_file_is_named_with_the_file(file_in_place, small_tour):
    data = file_in_place / "kiosk"
    result = command("selftest", data, small_tour)
    assert_one_clear_line(result, data, f"{file_in_place} is a file")


def test_stats_names_a_file_where_the_data_folder_should_be(file_in_place, small_tour):
    result = command("stats", file_in_place, small_tour)
    assert_one_clear_line(result, file_in_place, "is a file, not a folder")
    assert "No visits recorded yet" not in result.stdout


@needs_root
def test_stats_reads_a_read_only_data_folder(read_only, small_tour):
    result = command("stats", read_only, small_tour)  # a read-only copy of a kiosk's figures
    assert result.returncode == 0, said(result)
    assert "Traceback" not in result.stdout + result.stderr


@needs_root
@pytest.mark.slow
@pytest.mark.parametrize("where", ["file", "read-only"])
def test_run_serves_visitors_and_says_so_in_one_line(where, file_in_place, read_only, small_tour,
                                                      tmp_path):
    data = file_in_place if where == "file" else read_only
    errors = tmp_path / "run.err"
    with errors.open("w") as err:
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "run", "--content",
                                 str(small_tour), "--data", str(data)], cwd=ROOT, env=_env(),
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and not errors.read_text():
            time.sleep(0.2)
        time.sleep(1.0)  # anything printed just after the line
        assert proc.poll() is None, errors.read_text()  # still running: visitors are served
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    lines = [line for line in errors.read_text().splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert str(data) in lines[0] and "--data DIR" in lines[0], lines[0]
    assert "Traceback" not in errors.read_text()
