"""The fallback data folder (issue #13, point 4): one per user, reused at every start,
never shared by two kiosks at once, and never a folder someone else prepared."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from kiosk.paths import fallback_data_dir
from tests.small_disks import needs_root

ROOT = Path(__file__).resolve().parents[2]


def fallback_in_a_new_process(temp_root: Path) -> Path:
    """The folder a kiosk starting now would take (its lock ends with the process)."""
    code = ("import sys; from pathlib import Path; from kiosk.paths import fallback_data_dir; "
            "print(fallback_data_dir(Path(sys.argv[1])))")
    done = subprocess.run([sys.executable, "-c", code, str(temp_root)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    return Path(done.stdout.strip())


def test_every_start_takes_the_same_private_folder(tmp_path):
    folders = {fallback_in_a_new_process(tmp_path) for _ in range(5)}
    assert folders == {tmp_path / f"alzhir-kiosk-{os.getuid()}"}
    assert [p.name for p in tmp_path.iterdir()] == [f"alzhir-kiosk-{os.getuid()}"]
    assert stat.S_IMODE(next(iter(folders)).stat().st_mode) == 0o700


def test_a_folder_in_use_is_not_taken_by_a_second_kiosk(tmp_path):
    first = fallback_data_dir(tmp_path)  # held by this process until it ends
    second = fallback_in_a_new_process(tmp_path)
    assert second != first and second.parent == tmp_path
    assert fallback_in_a_new_process(tmp_path) == second  # the second slot, reused too


def test_a_link_or_someone_elses_folder_at_that_name_is_never_used(tmp_path):
    uid = os.getuid()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "tmp").mkdir()
    (tmp_path / "tmp" / f"alzhir-kiosk-{uid}").symlink_to(elsewhere)
    taken = fallback_in_a_new_process(tmp_path / "tmp")
    assert taken == tmp_path / "tmp" / f"alzhir-kiosk-{uid}-2"
    assert list(elsewhere.iterdir()) == []


@needs_root
def test_a_folder_of_that_name_owned_by_someone_else_is_never_used(tmp_path):
    planted = tmp_path / f"alzhir-kiosk-{os.getuid()}"
    planted.mkdir(mode=0o700)
    os.chown(planted, 65534, 65534)  # nobody's
    assert fallback_in_a_new_process(tmp_path) == tmp_path / f"alzhir-kiosk-{os.getuid()}-2"
    assert list(planted.iterdir()) == []


def test_an_own_folder_others_could_write_in_is_made_private(tmp_path):
    folder = tmp_path / f"alzhir-kiosk-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)
    assert fallback_in_a_new_process(tmp_path) == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
