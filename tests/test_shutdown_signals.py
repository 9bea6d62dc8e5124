"""`systemctl stop`, a shutdown or Ctrl+C: the kiosk saves its visit log and ends.

The real kiosk is started as the README says (`main.py run --content DIR --data DIR`,
offscreen here), sent SIGTERM or SIGINT once its main loop runs, and must be gone, with
the exit status the unit and kiosk-loop.sh do not take for staff leaving kiosk mode, and
with the last event it recorded (the visit closed at stop) in its TinyDB file.

The restart loop of desktop kiosks (deploy/kiosk-loop.sh) is run with a stand-in for
Python: a kiosk that a signal ended on its own is started again, as the unit would; a loop
that is itself told to stop sends SIGTERM to the kiosk and does not start it again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samples import make_tour, saved_events
from tests.fake_python import fake_python

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
#: A generous wait for the kiosk to start, or to end once told (it has 2 s to end).
START_WAIT = 90
EXIT_WAIT = 20


def _main_loop_running(data: Path) -> bool:
    logs = (data / "logs").glob("kivy_*.txt") if (data / "logs").is_dir() else []
    return any("Start application main loop" in p.read_text(errors="replace") for p in logs)


def _start_kiosk(tmp_path: Path):
    tour = make_tour(tmp_path / "tour", stops=2, seconds=3)
    data = tmp_path / "data"
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
    env.pop("KIVY_LOG_MODE", None)  # the kiosk's own logging, as when started by hand
    log = (tmp_path / "kiosk.out").open("w")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "run", "--content", str(tour),
                             "--data", str(data)], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline and proc.poll() is None and not _main_loop_running(data):
        time.sleep(0.2)
    if proc.poll() is not None or not _main_loop_running(data):
        proc.kill()
        proc.wait()
        pytest.fail("the kiosk did not start:\n" + (tmp_path / "kiosk.out").read_text())
    time.sleep(1.0)  # a moment in its main loop, as a kiosk at work
    return proc, data


@pytest.mark.slow
@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_saves_the_visit_log_and_ends_the_kiosk(tmp_path, signum, status):
    proc, data = _start_kiosk(tmp_path)
    try:
        before = saved_events(data)
        proc.send_signal(signum)
        try:
            returncode = proc.wait(EXIT_WAIT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the kiosk was still running {EXIT_WAIT} s after "
                        f"{signal.Signals(signum).name}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out = (tmp_path / "kiosk.out").read_text(errors="replace")
    assert returncode == status, out
    assert returncode != 0  # 0 is staff leaving kiosk mode: the unit would not restart it
    kiosk_log = (data / "logs/kiosk.log").read_text(encoding="utf-8")
    said = f"The kiosk received {signal.Signals(signum).name}: it saves the visit log"
    assert said in kiosk_log
    stopping = kiosk_log[kiosk_log.index(said):]
    assert "Traceback" not in stopping and " ERROR " not in stopping, stopping
    events = saved_events(data)
    # What it recorded while stopping (the visit closed) reached the file.
    assert len(events) > len(before), out
    assert events[-1]["kind"] == "session_end"


# -- deploy/kiosk-loop.sh, with a stand-in for Python -------------------------------------------


def _loop(tmp_path: Path, fake: Path) -> subprocess.Popen:
    config = tmp_path / "settings"
    config.write_text(f"KIOSK_CONTENT={tmp_path}/tour\nKIOSK_DATA={tmp_path}/data\n"
                      "KIOSK_RESTART_DELAY=0\n")
    env = dict(os.environ, KIOSK_CONFIG=str(config), KIOSK_PYTHON=str(fake))
    env.pop("DISPLAY", None)
    return subprocess.Popen(["bash", str(DEPLOY / "kiosk-loop.sh")], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not path.exists():
        time.sleep(0.05)
    assert path.exists(), f"{path.name} never appeared"


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["SIGTERM", "SIGINT"])
def test_the_loop_told_to_stop_stops_the_kiosk_and_does_not_start_it_again(tmp_path, signum,
                                                                           status):
    loop = _loop(tmp_path, fake_python(tmp_path, [], then_wait=True))
    try:
        _wait_for(tmp_path / "up")
        loop.send_signal(signum)
        _out, err = loop.communicate(timeout=EXIT_WAIT)
    finally:
        if loop.poll() is None:
            loop.kill()
            loop.wait()
    assert loop.returncode == status, err
    assert (tmp_path / "signals").read_text().split() == ["TERM"]  # passed on, once
    assert len((tmp_path / "runs").read_text().splitlines()) == 1  # not started again
    assert "not started again" in err


def test_the_loop_starts_again_a_kiosk_a_signal_ended_from_elsewhere(tmp_path):
    # SIGTERM/SIGINT sent to the kiosk alone (not to the loop): like a crash, it comes back.
    loop = _loop(tmp_path, fake_python(tmp_path, [143, 130], then_wait=True))
    try:
        _wait_for(tmp_path / "up")  # the third start: after 143 and 130 it was started again
        loop.send_signal(signal.SIGTERM)
        _out, err = loop.communicate(timeout=EXIT_WAIT)
    finally:
        if loop.poll() is None:
            loop.kill()
            loop.wait()
    assert len((tmp_path / "runs").read_text().splitlines()) == 3
    assert "ended with status 143; starting it again" in err
    assert "ended with status 130; starting it again" in err
