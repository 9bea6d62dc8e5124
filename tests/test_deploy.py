"""The deployment files (deploy/): the systemd unit, the scripts it runs, install.sh and
publish-content.sh. systemd is not PID 1 on a CI machine, so the restart is checked with a
small supervisor that follows the unit's own Restart=, RestartSec= and
RestartPreventExitStatus= lines, around the unit's real ExecStart."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samples import make_tour
from tests.fake_python import fake_python

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "alzhir-kiosk.service"
INSTALL_PREFIX = "/opt/alzhir-kiosk"  # where the unit shows the repository


def parse_unit(text: str) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit file as {section: [(key, value), ...]}, keys in file order.

    Strict about what systemd would reject or silently ignore: text outside a section,
    a line without '=', an unknown section, a backslash continuation left open.
    """
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1]
            assert current in ("Unit", "Service", "Install"), f"line {number}: [{current}]"
            assert current not in sections, f"line {number}: [{current}] twice"
            sections[current] = []
            continue
        assert current is not None, f"line {number}: outside any section"
        assert "=" in stripped, f"line {number}: no '=' in {stripped!r}"
        assert not stripped.endswith("\\"), f"line {number}: continued line"
        key, value = stripped.split("=", 1)
        assert key == key.strip() and key.isidentifier(), f"line {number}: key {key!r}"
        sections[current].append((key, value.strip()))
    return sections


def values(unit, section: str, key: str) -> list[str]:
    return [v for k, v in unit[section] if k == key]


def one(unit, section: str, key: str) -> str:
    found = values(unit, section, key)
    assert len(found) == 1, f"{section}.{key}: {found}"
    return found[0]


def in_repo(path: str) -> Path:
    assert path.startswith(INSTALL_PREFIX + "/"), path
    return ROOT / path[len(INSTALL_PREFIX) + 1:]


# -- the unit file ---------------------------------------------------------------------------
def test_the_unit_starts_at_boot_and_restarts_after_any_crash():
    unit = parse_unit(UNIT.read_text(encoding="utf-8"))
    assert set(unit) == {"Unit", "Service", "Install"}
    assert one(unit, "Unit", "Description")
    assert one(unit, "Service", "Restart") == "always"
    assert one(unit, "Service", "RestartSec") == "2"
    # Only staff leaving kiosk mode (exit 0) keeps it stopped; StartLimit never gives up.
    assert one(unit, "Service", "RestartPreventExitStatus") == "0"
    assert one(unit, "Unit", "StartLimitIntervalSec") == "0"
    assert one(unit, "Install", "WantedBy") == "multi-user.target"
    # Its own user, not root; the repository as the working directory.
    assert one(unit, "Service", "User") == "kiosk"
    assert one(unit, "Service", "WorkingDirectory") == INSTALL_PREFIX
    # An X session of its own on tty7 (logind grants the devices to an active session).
    assert one(unit, "Service", "PAMName") == "login"
    assert one(unit, "Service", "TTYPath") == "/dev/tty7"
    assert "DISPLAY=:0" in values(unit, "Service", "Environment")
    assert any(v.startswith("XAUTHORITY=/run/alzhir-kiosk/") for v in values(unit, "Service", "Environment"))
    assert one(unit, "Service", "RuntimeDirectory") == "alzhir-kiosk"
    assert one(unit, "Service", "StateDirectory") == "alzhir-kiosk"
    assert one(unit, "Service", "EnvironmentFile") == "-/etc/default/alzhir-kiosk"


def test_the_unit_restarts_a_kiosk_that_stops_saying_it_is_alive():
    from kiosk.alive import LONGEST_BEAT

    unit = parse_unit(UNIT.read_text(encoding="utf-8"))
    # READY and WATCHDOG come from the kiosk, a grandchild of ExecStart (under X)
    assert one(unit, "Service", "Type") == "notify"
    assert one(unit, "Service", "NotifyAccess") == "all"
    watchdog = int(one(unit, "Service", "WatchdogSec"))
    assert watchdog >= 2 * LONGEST_BEAT  # a beat at worst every LONGEST_BEAT seconds
    assert int(one(unit, "Service", "TimeoutStartSec")) >= 60
    # nothing between the unit and the kiosk drops the socket's name
    for script in ("kiosk-xinit.sh", "kiosk-session.sh"):
        text = (DEPLOY / script).read_text(encoding="utf-8")
        assert "env -i" not in text and "NOTIFY_SOCKET" not in text, script


def test_the_unit_runs_files_of_this_repository():
    unit = parse_unit(UNIT.read_text(encoding="utf-8"))
    start = in_repo(one(unit, "Service", "ExecStart").split()[0])
    assert start.is_file() and os.access(start, os.X_OK), start
    # ExecStart -> the X session -> main.py run with the data folder systemd keeps.
    session = (DEPLOY / "kiosk-session.sh").read_text(encoding="utf-8")
    assert "kiosk-session.sh" in start.read_text(encoding="utf-8")
    assert '.venv/bin/python}" "$repo/main.py" run' in session
    assert "--data \"${KIOSK_DATA:-/var/lib/alzhir-kiosk}\"" in session
    assert (ROOT / "main.py").is_file()
    for script in DEPLOY.glob("*.sh"):
        assert script.stat().st_mode & stat.S_IXUSR, f"{script.name} is not executable"
        assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")


def test_the_settings_file_matches_what_the_unit_and_scripts_expect():
    settings = {}
    for line in (DEPLOY / "alzhir-kiosk.default").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings[key] = value.strip('"')
    assert settings["KIOSK_DATA"] == "/var/lib/alzhir-kiosk"  # = StateDirectory=
    assert settings["KIOSK_DISPLAY"] == ":0"  # = Environment=DISPLAY
    assert settings["KIOSK_RESTART_DELAY"] == "2"  # = RestartSec=
    assert settings["KIOSK_HANG_SECONDS"] == "30"  # = WatchdogSec=
    assert "-s 0" in settings["KIOSK_X_ARGS"] and "-dpms" in settings["KIOSK_X_ARGS"]
    scripts = "".join(p.read_text(encoding="utf-8") for p in DEPLOY.glob("kiosk-*.sh"))
    for key in settings:
        assert key in scripts, f"{key} is set but no script reads it"


def test_the_desktop_entry_runs_the_restart_loop():
    lines = (DEPLOY / "alzhir-kiosk.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    fields = dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))
    assert fields["Type"] == "Application"
    assert in_repo(fields["Exec"]) == DEPLOY / "kiosk-loop.sh"
    assert in_repo(fields["Path"] + "/x").parent == ROOT


def rendered_unit(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    result = install(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "etc/systemd/system/alzhir-kiosk.service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_accepts_the_installed_unit(tmp_path):
    unit = rendered_unit(tmp_path)
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "alzhir-kiosk.service" not in result.stderr, result.stderr  # no warning about it


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_would_catch_a_mistake(tmp_path):
    unit = rendered_unit(tmp_path)
    broken = tmp_path / "broken" / "alzhir-kiosk.service"
    broken.parent.mkdir()
    broken.write_text(unit.read_text().replace("Restart=always", "Restart=sometimes"))
    result = subprocess.run(["systemd-analyze", "verify", str(broken)], check=False, capture_output=True, text=True)
    assert "Restart" in result.stderr or "restart" in result.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_shellcheck_finds_nothing_in_the_scripts():
    scripts = sorted(str(p) for p in DEPLOY.glob("*.sh"))
    result = subprocess.run(["shellcheck", "-x", *scripts], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- install.sh ------------------------------------------------------------------------------
def install(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, KIOSK_ROOT_PREFIX=str(root))
    return subprocess.run(["bash", str(DEPLOY / "install.sh"), *args], check=False, capture_output=True,
                          text=True, env=env, timeout=120)


def tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file() else "dir" for p in sorted(root.rglob("*"))}


def test_install_dry_run_prints_the_plan_and_changes_nothing(tmp_path):
    result = install(tmp_path, "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "dry run" in out
    assert "would run: useradd" in out
    assert "would write: /etc/systemd/system/alzhir-kiosk.service" in out
    assert "would run: systemctl enable alzhir-kiosk.service" in out
    assert "would create: /var/lib/alzhir-kiosk" in out
    assert list(tmp_path.iterdir()) == []


def test_install_writes_the_unit_with_this_repository_and_is_idempotent(tmp_path):
    first = install(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    unit_file = tmp_path / "etc/systemd/system/alzhir-kiosk.service"
    unit = parse_unit(unit_file.read_text(encoding="utf-8"))
    start = one(unit, "Service", "ExecStart")
    assert start == f"{ROOT}/deploy/kiosk-xinit.sh"
    assert Path(start).is_file()
    assert one(unit, "Service", "WorkingDirectory") == str(ROOT)
    assert INSTALL_PREFIX not in unit_file.read_text() or str(ROOT) == INSTALL_PREFIX
    assert (tmp_path / "etc/default/alzhir-kiosk").read_text() == (DEPLOY / "alzhir-kiosk.default").read_text()
    assert (tmp_path / "srv/alzhir-kiosk/content/stops.yaml").is_file()  # the demo tour, to start with
    assert (tmp_path / "var/lib/alzhir-kiosk").is_dir()
    assert "not run in a test root: systemctl enable alzhir-kiosk.service" in first.stdout

    # A technician's own settings and tour are never overwritten.
    (tmp_path / "etc/default/alzhir-kiosk").write_text("KIOSK_ROTATE=left\n")
    (tmp_path / "srv/alzhir-kiosk/content/stops.yaml").write_text("# the museum's own tour\n")
    before = tree(tmp_path)
    second = install(tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert tree(tmp_path) == before
    assert "unchanged: /etc/systemd/system/alzhir-kiosk.service" in second.stdout
    assert "kept: /etc/default/alzhir-kiosk" in second.stdout
    assert "a tour is in place" in second.stdout
    assert "wrote:" not in second.stdout and "created:" not in second.stdout
    assert "daemon-reload" not in second.stdout  # nothing changed, nothing to reload


def test_install_for_another_user_and_for_a_desktop(tmp_path):
    result = install(tmp_path, "--user", "guide")
    assert result.returncode == 0, result.stdout + result.stderr
    unit = parse_unit((tmp_path / "etc/systemd/system/alzhir-kiosk.service").read_text())
    assert one(unit, "Service", "User") == "guide"
    desktop = install(tmp_path, "--desktop", "--user", "guide")
    assert desktop.returncode == 0, desktop.stdout + desktop.stderr
    entry = (tmp_path / "home/guide/.config/autostart/alzhir-kiosk.desktop").read_text()
    assert f"Exec={ROOT}/deploy/kiosk-loop.sh" in entry
    assert "disable it on a desktop" in desktop.stdout


STAFF_ID = "ZMXHVMY-C2A3LNJ-OIBY55Z-E4AGPUD-ZT2576I-2HC53IL-U6L3C3M-72X6AQS"
FLEET = ("--fleet", "hall-2", "--address", "192.168.10.22", "--staff-id", STAFF_ID,
         "--staff-address", "192.168.10.2")


def test_install_one_of_several_kiosks_sets_up_syncthing_and_the_fleet_service(tmp_path):
    result = install(tmp_path, *FLEET)
    assert result.returncode == 0, result.stdout + result.stderr
    settings = (tmp_path / "etc/default/alzhir-fleet").read_text()
    assert "FLEET_NAME=hall-2" in settings and "FLEET_OUTBOX=/home/kiosk/alzhir/outbox" in settings
    unit = parse_unit((tmp_path / "etc/systemd/system/alzhir-fleet.service").read_text())
    start = one(unit, "Service", "ExecStart")
    assert start.startswith(f"{ROOT}/.venv/bin/python {ROOT}/main.py fleet-round")
    assert one(unit, "Service", "User") == "kiosk" and one(unit, "Service", "Restart") == "always"
    out = result.stdout
    # Syncthing's configuration is written as the kiosk user, before it first starts
    assert f"main.py fleet-setup kiosk --name hall-2 --address 192.168.10.22 --staff-id {STAFF_ID}" in out
    assert out.index("fleet-setup kiosk") < out.index("systemctl enable --now syncthing@kiosk.service")
    assert "add-kiosk DEVICE-ID --name hall-2 --address 192.168.10.22" in out


def test_install_of_a_fleet_kiosk_with_a_setting_missing_says_which_and_changes_nothing(tmp_path):
    result = install(tmp_path, "--fleet", "hall-2", "--address", "192.168.10.22")
    assert result.returncode == 2
    assert "--staff-id DEVICE-ID --staff-address IP" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_accepts_the_fleet_unit(tmp_path):
    assert install(tmp_path, *FLEET).returncode == 0
    unit = tmp_path / "etc/systemd/system/alzhir-fleet.service"
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], check=False,
                            capture_output=True, text=True)
    assert "alzhir-fleet.service" not in result.stderr, result.stderr


def test_install_rejects_an_unknown_option(tmp_path):
    result = install(tmp_path, "--frobnicate")
    assert result.returncode == 2
    assert "unknown option" in result.stderr


# -- the restart: kiosk-loop.sh and the ExecStart wrapper, with a stand-in for Python ------------


def test_the_loop_starts_the_kiosk_again_until_it_ends_with_0(tmp_path):
    config = tmp_path / "settings"
    config.write_text(f"KIOSK_CONTENT={tmp_path}/tour\nKIOSK_DATA={tmp_path}/data\nKIOSK_RESTART_DELAY=0\n")
    env = dict(os.environ, KIOSK_CONFIG=str(config),
               KIOSK_PYTHON=str(fake_python(tmp_path, [1, 137, 0])))
    env.pop("DISPLAY", None)
    result = subprocess.run(["bash", str(DEPLOY / "kiosk-loop.sh")], check=False, capture_output=True,
                            text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    runs = (tmp_path / "runs").read_text().splitlines()
    assert runs == [f"{ROOT}/main.py run --content {tmp_path}/tour --data {tmp_path}/data"] * 3
    assert "ended with status 1; starting it again in 0 s" in result.stderr
    assert "ended with status 137; starting it again" in result.stderr
    assert "not started again" in result.stderr


def fake_startx(tmp_path: Path, run_client: bool = True) -> Path:
    """A stand-in for startx: runs the X client it is given (or not: X failing)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "startx").write_text("#!/usr/bin/env bash\necho \"startx $*\" >> \"$STARTX_LOG\"\n"
                                    + ('"$1"\n' if run_client else "exit 1\n"))
    (bin_dir / "startx").chmod(0o755)
    for tool in ("xset", "xsetroot", "xrandr", "xinput"):  # no X here: quiet stand-ins
        (bin_dir / tool).write_text("#!/bin/sh\nexit 0\n")
        (bin_dir / tool).chmod(0o755)
    return bin_dir


@pytest.mark.parametrize("status", [0, 1, 137])
def test_the_exec_start_wrapper_ends_with_the_kiosks_status(tmp_path, status):
    env = dict(os.environ, PATH=f"{fake_startx(tmp_path)}:{os.environ['PATH']}",
               STARTX_LOG=str(tmp_path / "startx.log"), RUNTIME_DIRECTORY=str(tmp_path),
               KIOSK_PYTHON=str(fake_python(tmp_path, [status])),
               KIOSK_CONTENT="/tour", KIOSK_DATA="/data")
    result = subprocess.run([str(DEPLOY / "kiosk-xinit.sh")], check=False, capture_output=True, text=True,
                            env=env, timeout=30)
    assert result.returncode == status, result.stdout + result.stderr
    assert f"the kiosk ended with status {status}" in result.stdout
    startx = (tmp_path / "startx.log").read_text()
    assert startx == f"startx {DEPLOY}/kiosk-session.sh -- :0 vt7 -keeptty -nocursor -s 0 -dpms\n"
    assert (tmp_path / "runs").read_text() == f"{ROOT}/main.py run --content /tour --data /data\n"


def test_the_exec_start_wrapper_fails_when_x_does_not_start(tmp_path):
    env = dict(os.environ, PATH=f"{fake_startx(tmp_path, run_client=False)}:{os.environ['PATH']}",
               STARTX_LOG=str(tmp_path / "startx.log"), RUNTIME_DIRECTORY=str(tmp_path))
    result = subprocess.run([str(DEPLOY / "kiosk-xinit.sh")], check=False, capture_output=True, text=True,
                            env=env, timeout=30)
    assert result.returncode == 1
    assert "X ended before the kiosk" in result.stdout


# -- the restart of the real kiosk, under a supervisor with the unit's semantics ---------------------
class Supervisor:
    """What systemd does with Restart=, RestartSec= and RestartPreventExitStatus= (only
    those), around a command: start it; when it ends, start it again after RestartSec
    unless the rule says not to. Runs in a thread-free loop driven by ``poll``."""

    def __init__(self, unit_text: str, command: list[str], env: dict, log):
        unit = parse_unit(unit_text)
        self.restart = one(unit, "Service", "Restart")
        self.delay = float(one(unit, "Service", "RestartSec"))
        self.prevent = {int(v) for v in " ".join(values(unit, "Service", "RestartPreventExitStatus")).split()}
        self.command, self.env, self.log = command, env, log
        self.proc = None
        self.starts: list[float] = []
        self.ended_at = None

    def start(self) -> None:
        self.proc = subprocess.Popen(self.command, env=self.env, cwd=ROOT, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.starts.append(time.monotonic())

    def poll(self) -> bool:
        """Returns False once the service stays stopped."""
        if self.proc.poll() is None:
            return True
        status = self.proc.returncode
        status = 128 - status if status < 0 else status  # killed by a signal
        if self.ended_at is None:
            self.ended_at = time.monotonic()
        wants = {"always": True, "no": False,
                 "on-failure": status != 0}.get(self.restart, True) and status not in self.prevent
        if not wants:
            return False
        if time.monotonic() - self.ended_at >= self.delay:
            self.ended_at = None
            self.start()
        return True

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _kiosk_pids(data: Path) -> list[int]:
    import psutil

    return [p.pid for p in psutil.process_iter(["cmdline"])
            if p.info["cmdline"] and "main.py" in " ".join(p.info["cmdline"])
            and str(data) in p.info["cmdline"]]


def _started_windows(data: Path) -> int:
    """How many times the kiosk reached Kivy's main loop (a line in Kivy's log each time)."""
    logs = (data / "logs").glob("kivy_*.txt*") if (data / "logs").is_dir() else []
    return sum(p.read_text(errors="replace").count("Start application main loop") for p in logs)


def _wait(condition, seconds: float, supervisor: Supervisor) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        supervisor.poll()
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not all(shutil.which(t) for t in ("startx", "xinit", "Xvfb", "xauth")),
                    reason="needs xinit (startx), Xvfb and xauth to run the unit's ExecStart")
def test_kill_9_the_kiosk_and_the_units_restart_rule_brings_it_back(tmp_path):
    """The unit's real ExecStart (X server + kiosk), with Xvfb standing in for the screen,
    under a supervisor with the unit's restart rule: kill -9 the kiosk, it is back."""
    tour = make_tour(tmp_path / "tour", stops=2, seconds=3)
    data = tmp_path / "data"
    run = tmp_path / "run"
    run.mkdir()
    display = f":{70 + os.getpid() % 50}"
    unit = UNIT.read_text(encoding="utf-8")
    # A service's environment is small: what the unit sets (here pointed at this test's
    # folders, an Xvfb screen and silent audio), none of the test run's Kivy settings.
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8",
           **dict(v.split("=", 1) for v in values(parse_unit(unit), "Service", "Environment")),
           "RUNTIME_DIRECTORY": str(run), "XAUTHORITY": str(run / "Xauthority"),
           "KIOSK_X_SERVER": shutil.which("Xvfb"), "KIOSK_DISPLAY": display,
           "KIOSK_X_ARGS": "-screen 0 1280x800x24 -nolisten tcp",
           "KIOSK_CONTENT": str(tour), "KIOSK_DATA": str(data),
           "SDL_AUDIODRIVER": "dummy", "KIOSK_PYTHON": sys.executable}
    command = [str(in_repo(one(parse_unit(unit), "Service", "ExecStart")))]
    with (tmp_path / "service.log").open("w") as log:
        service = Supervisor(unit, command, env, log)
        service.start()
        try:
            assert _wait(lambda: _started_windows(data) >= 1 and _kiosk_pids(data), 60, service), \
                (tmp_path / "service.log").read_text()
            first = _kiosk_pids(data)
            os.kill(first[0], signal.SIGKILL)
            killed = time.monotonic()
            assert _wait(lambda: len(service.starts) == 2, 30, service)
            assert service.starts[1] - killed >= service.delay - 0.2  # RestartSec=2 honoured
            assert _wait(lambda: _started_windows(data) >= 2 and _kiosk_pids(data), 60, service), \
                (tmp_path / "service.log").read_text()
            again = _kiosk_pids(data)
            assert again != first
            print(f"\nkiosk pid {first[0]} killed with SIGKILL; ExecStart started again after "
                  f"{service.starts[1] - killed:.1f} s (RestartSec={service.delay:g}); "
                  f"kiosk back as pid {again[0]}, window up {time.monotonic() - killed:.1f} s "
                  f"after the kill")
        finally:
            service.stop()
    text = (tmp_path / "service.log").read_text()
    assert "the kiosk ended with status 137" in text  # the wrapper passed the kill on


# -- publish-content.sh ----------------------------------------------------------------------------
def publish(tmp_path: Path, *args: str):
    rsync = tmp_path / "fake-rsync"
    rsync.write_text(f'#!/usr/bin/env bash\necho "$*" >> "{tmp_path}/rsync.log"\n')
    rsync.chmod(0o755)
    env = dict(os.environ, RSYNC=str(rsync), PYTHON=sys.executable)
    return subprocess.run(["bash", str(DEPLOY / "publish-content.sh"), *args],
                          check=False, capture_output=True, text=True, env=env, timeout=120)


def test_publish_copies_only_a_tour_that_passes_check(tmp_path):
    tour = make_tour(tmp_path / "tour", stops=2, seconds=1)
    kiosks = tmp_path / "kiosks.txt"
    kiosks.write_text("# the kiosks in the halls\nkiosk-hall-1.local   # first hall\n\n"
                      "staff@192.0.2.7\nadmin@192.0.2.8:/data/tour\n/media/usb/alzhir\n")
    result = publish(tmp_path, str(tour), str(kiosks))
    assert result.returncode == 0, result.stdout + result.stderr
    calls = (tmp_path / "rsync.log").read_text().splitlines()
    destinations = [call.split()[-1] for call in calls]
    assert destinations == ["kiosk@kiosk-hall-1.local:/srv/alzhir-kiosk/content/",
                            "staff@192.0.2.7:/srv/alzhir-kiosk/content/",
                            "admin@192.0.2.8:/data/tour/", "/media/usb/alzhir/"]
    assert all(f" {tour}/ " in call and "--delay-updates" in call and "--delete" in call
               for call in calls)
    assert "Published to all 4 kiosk(s)." in result.stdout


def test_publish_copies_nothing_when_check_fails(tmp_path):
    tour = make_tour(tmp_path / "tour", stops=2, seconds=1)
    text = (tour / "stops.yaml").read_text(encoding="utf-8")
    (tour / "stops.yaml").write_text(text.replace("number: 102", "number: [102"), encoding="utf-8")
    result = publish(tmp_path, str(tour), "kiosk-hall-1.local")
    assert result.returncode == 1
    assert "Not published" in result.stdout
    assert not (tmp_path / "rsync.log").exists()


@pytest.mark.slow
def test_systemctl_stop_reaches_the_kiosk_before_x_and_its_visits_are_saved(tmp_path):
    """`systemctl stop` with the unit's KillMode=mixed: SIGTERM to ExecStart alone. The
    wrapper passes it to the kiosk, which saves its visit log and ends with 143; X goes
    with it, and the unit sees 143 (a stop, not a failure)."""
    unit = parse_unit(UNIT.read_text(encoding="utf-8"))
    assert one(unit, "Service", "KillMode") == "mixed"
    assert "143" in " ".join(values(unit, "Service", "SuccessExitStatus")).split()
    tour = make_tour(tmp_path / "tour", stops=2, seconds=3)
    data, run = tmp_path / "data", tmp_path / "run"
    run.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8",
           **dict(v.split("=", 1) for v in values(unit, "Service", "Environment")),
           "RUNTIME_DIRECTORY": str(run), "XAUTHORITY": str(run / "Xauthority"),
           "KIOSK_X_SERVER": shutil.which("Xvfb"), "KIOSK_DISPLAY": f":{20 + os.getpid() % 50}",
           "KIOSK_X_ARGS": "-screen 0 1280x800x24 -nolisten tcp",
           "KIOSK_CONTENT": str(tour), "KIOSK_DATA": str(data),
           "SDL_AUDIODRIVER": "dummy", "KIOSK_PYTHON": sys.executable}
    with (tmp_path / "service.log").open("w") as log:
        service = subprocess.Popen([str(DEPLOY / "kiosk-xinit.sh")], env=env, cwd=ROOT,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while not (_started_windows(data) and _kiosk_pids(data)):
                assert time.monotonic() < deadline and service.poll() is None, \
                    (tmp_path / "service.log").read_text()
                time.sleep(0.2)
            os.kill(service.pid, signal.SIGTERM)  # the main process only: KillMode=mixed
            status = service.wait(timeout=float(one(unit, "Service", "TimeoutStopSec")) + 20)
        finally:
            if service.poll() is None:
                os.killpg(service.pid, signal.SIGKILL)
                service.wait()
            left = _kiosk_pids(data)  # (X puts its client in a session of its own)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
    text = (tmp_path / "service.log").read_text()
    assert not left, "the kiosk was still running after its service ended"
    assert status == 143, text
    assert "the kiosk ended with status 143" in text
    kiosk_log = (data / "logs" / "kiosk.log").read_text(encoding="utf-8", errors="replace")
    assert "received SIGTERM" in kiosk_log
