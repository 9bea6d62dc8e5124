"""The staff PIN when the data folder cannot be written, with `python main.py run` as a
real process, offscreen (issue #13, points 1 and 4).

A read-only data folder is a tmpfs remounted read-only (chmod would not stop root). `run`
then keeps serving visitors from a fallback folder, which must hold the real folder's PIN,
never an empty one that lets the first visitor at the corner choose it, and never a PIN
an earlier start left there. Repeated starts reuse one fallback folder instead of leaving
a new one behind each time; two kiosks at once never share one.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.small_disks import needs_root, tmpfs

ROOT = Path(__file__).resolve().parent.parent
PIN = "4829"


@pytest.fixture
def temp_root(tmp_path_factory) -> Path:
    """The kiosk's TMPDIR: where it puts a fallback folder (not the machine's /tmp)."""
    return tmp_path_factory.mktemp("kiosk-tmpdir")


def _env(temp_root: Path) -> dict:
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", SDL_VIDEODRIVER="offscreen",
               TMPDIR=str(temp_root))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "KIVY_LOG_MODE", "KIVY_HOME"):
        env.pop(name, None)
    return env


def set_pin(data: Path, pin: str = PIN) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "set-pin", "--data", str(data),
                           "--pin-from-stdin"], input=pin + "\n", capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def read_only_with_pin(tmp_path):
    """A data folder holding a PIN set by `set-pin`, then made read-only."""
    with tmpfs(tmp_path / "data", size="1m") as disk:
        set_pin(disk)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        assert not os.access(disk, os.W_OK) or _cannot_write(disk)
        yield disk


def _cannot_write(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("x")
    except OSError:
        return True
    return False


class Kiosk:
    """`python main.py run` as a process, until its first line on standard error."""

    def __init__(self, tour: Path, data: Path, temp_root: Path, log: Path):
        self.log = log
        with log.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "main.py"), "run", "--content", str(tour),
                 "--data", str(data)], cwd=ROOT, env=_env(temp_root),
                stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.proc.poll() is None and not self.said():
            time.sleep(0.2)
        assert self.proc.poll() is None, self.said()  # still running: visitors are served

    def said(self) -> str:
        return self.log.read_text()

    def fallback(self) -> Path:
        """The folder the kiosk says it runs with."""
        for word in self.said().split():
            if "alzhir-kiosk-" in word:
                return Path(word)
        raise AssertionError(f"no fallback folder named in: {self.said()!r}")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def record(folder: Path) -> dict:
    return json.loads((folder / "staff-pin.json").read_text())


@needs_root
@pytest.mark.slow
def test_a_read_only_data_folder_keeps_its_pin_on_the_fallback(read_only_with_pin, small_tour,
                                                               temp_root, tmp_path):
    from kiosk.pin import PinStore

    kiosk = Kiosk(small_tour, read_only_with_pin, temp_root, tmp_path / "run.err")
    try:
        fallback = kiosk.fallback()
        assert fallback.parent == temp_root
        real, copy = record(read_only_with_pin), record(fallback)
        assert (copy["salt"], copy["hash"]) == (real["salt"], real["hash"])
        assert "its staff PIN still opens the staff panel" in kiosk.said()
    finally:
        kiosk.stop()
    assert PinStore(fallback).check(PIN).ok  # the real PIN opens the panel there
    assert not PinStore(fallback).check("2580").ok
    assert sorted(p.name for p in read_only_with_pin.iterdir()) == ["staff-pin.json"]


@needs_root
@pytest.mark.slow
def test_a_file_in_place_of_the_data_folder_means_no_pin_even_if_one_was_left(small_tour,
                                                                              temp_root, tmp_path):
    from kiosk.pin import PinStore

    data = tmp_path / "data"
    data.write_text("a file where the data folder should be\n")
    stale = temp_root / f"alzhir-kiosk-{os.getuid()}"
    stale.mkdir(mode=0o700)
    PinStore(stale).set_pin("1357")  # left there by an earlier start, or planted
    kiosk = Kiosk(small_tour, data, temp_root, tmp_path / "run.err")
    try:
        fallback = kiosk.fallback()
        assert "it has no staff PIN, so the staff panel stays shut" in kiosk.said()
        assert len(kiosk.said().strip().splitlines()) == 1, kiosk.said()
    finally:
        kiosk.stop()
    assert not PinStore(fallback).has_pin()
    assert not PinStore(fallback).check("1357").ok


@needs_root
@pytest.mark.slow
def test_repeated_starts_reuse_one_fallback_folder_and_two_kiosks_never_share(
        read_only_with_pin, small_tour, temp_root, tmp_path):
    seen = []
    for n in range(3):  # switched off and on three times
        kiosk = Kiosk(small_tour, read_only_with_pin, temp_root, tmp_path / f"run-{n}.err")
        seen.append(kiosk.fallback())
        kiosk.stop()
    assert len(set(seen)) == 1, seen
    first = Kiosk(small_tour, read_only_with_pin, temp_root, tmp_path / "a.err")
    try:
        second = Kiosk(small_tour, read_only_with_pin, temp_root, tmp_path / "b.err")
        try:
            assert first.fallback() == seen[0]
            assert second.fallback() != first.fallback()  # one writer per event log
        finally:
            second.stop()
    finally:
        first.stop()
    left = sorted(p.name for p in temp_root.iterdir() if p.name.startswith("alzhir-kiosk-"))
    assert len(left) == 2, left  # five starts, at most two at once: two folders


# -- deploy/install.sh sets the PIN (into a test root: KIOSK_ROOT_PREFIX) ------------------

def install(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, KIOSK_ROOT_PREFIX=str(root))
    return subprocess.run(["bash", str(ROOT / "deploy" / "install.sh"), *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def test_install_sets_the_staff_pin_refuses_a_weak_one_and_keeps_it_afterwards(tmp_path):
    from kiosk.pin import PinStore

    pin_file = tmp_path / "var/lib/alzhir-kiosk/staff-pin.json"
    weak = install(tmp_path, "--pin-from-stdin", stdin="4321\n")
    assert weak.returncode == 0, weak.stdout + weak.stderr  # installed; the panel stays shut
    assert "a run of neighbouring digits" in weak.stderr
    assert "the staff panel stays shut until you run" in weak.stdout
    assert "main.py set-pin --data /var/lib/alzhir-kiosk" in weak.stdout
    assert not pin_file.exists()

    done = install(tmp_path, "--pin-from-stdin", stdin=PIN + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert PinStore(pin_file.parent).check(PIN).ok
    assert PIN not in pin_file.read_text()
    assert "chown kiosk:kiosk /var/lib/alzhir-kiosk/staff-pin.json" in done.stdout

    again = install(tmp_path, "--pin-from-stdin", stdin="2580\n")  # run again: PIN kept
    assert "kept: the staff PIN set earlier" in again.stdout
    assert PinStore(pin_file.parent).check(PIN).ok


def test_install_without_a_terminal_leaves_the_panel_shut_and_says_how_to_set_the_pin(tmp_path):
    result = install(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The staff panel stays shut until you run:" in result.stdout
    assert not (tmp_path / "var/lib/alzhir-kiosk/staff-pin.json").exists()
    assert "would ask for the staff PIN" in install(tmp_path / "dry", "--dry-run").stdout
