"""A hung kiosk is restarted: the kiosk says it is alive from its main loop.

The real kiosk is started as the README says (offscreen here) with a notify socket this
test opens (a Unix datagram socket in the test's folder, as systemd's is): READY once its
first frame is on screen, then WATCHDOG beats at the pace WATCHDOG_USEC asks; a stopped
(SIGSTOP, as a hang) kiosk falls silent, a continued one beats again, and a stopped kiosk
says STOPPING. The restart loop of desktop kiosks (deploy/kiosk-loop.sh) watches the
heartbeat file instead: a kiosk that stops beating is killed and started again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.alive import Liveness
from samples import make_tour

ROOT = Path(__file__).resolve().parent.parent
LOOP = ROOT / "deploy/kiosk-loop.sh"
START_WAIT = 90


def listen(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(0.2)
    return sock


def received(sock: socket.socket, seconds: float) -> list[tuple[float, str]]:
    """(when, message) of everything that came within ``seconds``."""
    got, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            got.append((time.monotonic(), sock.recv(4096).decode()))
        except socket.timeout:
            pass
    return got


# -- the notify protocol, without a kiosk --------------------------------------------------
def test_the_messages_reach_the_socket_and_an_absent_listener_is_said_once(tmp_path, capsys):
    sock = listen(tmp_path / "notify")
    alive = Liveness(str(tmp_path / "notify"), str(tmp_path / "beat"), "4000000")
    assert alive.wanted and alive.interval == 2.0  # twice in each watchdog period
    alive.ready()
    alive.beat()
    alive.stopping()
    assert [m for _, m in received(sock, 0.5)] == ["READY=1\nSTATUS=Showing the tour",
                                                   "WATCHDOG=1", "STOPPING=1"]
    assert (tmp_path / "beat").is_file()
    sock.close()
    (tmp_path / "notify").unlink()
    alive.beat()
    alive.beat()
    complaints = capsys.readouterr().err.splitlines()
    assert len(complaints) == 1 and "a hang would not be noticed" in complaints[0]
    assert not Liveness().wanted  # nothing named: nothing sent, nothing touched


def test_an_abstract_socket_name_is_understood(tmp_path):
    name = f"alzhir-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    try:
        Liveness("@" + name).beat()
        assert sock.recv(100) == b"WATCHDOG=1"
    finally:
        sock.close()


# -- the real kiosk ------------------------------------------------------------------------
@pytest.mark.slow
def test_the_kiosk_beats_from_its_main_loop_and_falls_silent_when_it_hangs(tmp_path):
    sock = listen(tmp_path / "notify")
    tour = make_tour(tmp_path / "tour", stops=2, seconds=3)
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy",
               NOTIFY_SOCKET=str(tmp_path / "notify"), WATCHDOG_USEC="2000000")
    env.pop("KIVY_LOG_MODE", None)
    out = (tmp_path / "kiosk.out").open("w")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "run", "--content",
                             str(tour), "--data", str(tmp_path / "data")], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT)
    try:
        messages = []
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline and proc.poll() is None and not any(
                m.startswith("READY=1") for _, m in messages):
            messages += received(sock, 0.5)
        assert [m for _, m in messages][:1] == ["READY=1\nSTATUS=Showing the tour"], \
            (tmp_path / "kiosk.out").read_text()
        beats = [t for t, m in received(sock, 4.5) if m == "WATCHDOG=1"]
        assert len(beats) >= 3  # one a second: half the 2 s watchdog period
        proc.send_signal(signal.SIGSTOP)  # a hang: the main loop turns no more
        received(sock, 0.3)  # what was on its way
        assert received(sock, 3.0) == []
        proc.send_signal(signal.SIGCONT)
        assert "WATCHDOG=1" in [m for _, m in received(sock, 3.0)]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 143
        assert "STOPPING=1" in [m for _, m in received(sock, 0.5)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        sock.close()


def test_the_loop_kills_and_restarts_a_kiosk_whose_heartbeat_stops(tmp_path):
    """A stand-in kiosk that beats like the real one (touching KIOSK_HEARTBEAT_FILE each
    0.2 s); SIGSTOP stops its beats, and the loop must kill it and start another."""
    fake = tmp_path / "fake-python"
    fake.write_text(f"""#!/usr/bin/env bash
echo $$ >> "{tmp_path}/pids"
trap 'exit 143' TERM
while true; do touch "$KIOSK_HEARTBEAT_FILE"; sleep 0.2; done
""")
    fake.chmod(0o755)
    env = dict(os.environ, KIOSK_PYTHON=str(fake), KIOSK_CONFIG="/nonexistent",
               KIOSK_RESTART_DELAY="0.5", KIOSK_HANG_SECONDS="3",
               KIOSK_HEARTBEAT_FILE=str(tmp_path / "heartbeat"))
    loop = subprocess.Popen(["bash", str(LOOP)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    pids = tmp_path / "pids"

    def started() -> list[int]:
        return [int(p) for p in pids.read_text().split()] if pids.exists() else []

    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not started():
            time.sleep(0.1)
        first = started()[0]
        time.sleep(4)  # beating: left alone, longer than the hang limit
        assert started() == [first]
        os.kill(first, signal.SIGSTOP)
        stopped = time.monotonic()
        while time.monotonic() < deadline + 20 and len(started()) < 2:
            time.sleep(0.1)
        assert len(started()) == 2, "the hung kiosk was not started again"
        assert time.monotonic() - stopped >= 3  # not before the hang limit
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)  # the hung one is gone
    finally:
        loop.send_signal(signal.SIGTERM)
        try:
            output = loop.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            loop.kill()
            output = loop.communicate()[0]
        for pid in started():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert "no heartbeat for more than 3 s: the kiosk is hung; killing it" in output, output
