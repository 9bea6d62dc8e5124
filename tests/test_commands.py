"""The commands staff and CI run, as real processes: check, selftest, the core without Kivy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samples import make_tour

ROOT = Path(__file__).resolve().parent.parent


def run(*args, timeout=300):
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy")
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)


def test_check_passes_on_the_shipped_demo_tour():
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("stops.yaml is fine:")
    assert "kk, ru, en" in result.stdout


def test_check_names_the_line_of_a_syntax_error_without_a_traceback(tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=1)
    text = (content / "stops.yaml").read_text(encoding="utf-8")
    (content / "stops.yaml").write_text(text.replace("number: 102", "number: [102"), encoding="utf-8")
    result = run("check", "--content", str(content))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "number: 102" in l)
    assert f"stops.yaml:{line + 1}:" in result.stdout  # the parser stops on the next line
    assert "not well formed" in result.stdout
    assert "1 error(s)" in result.stdout


def test_the_core_and_check_never_import_kivy():
    code = ("import sys, kiosk.content, kiosk.narration, kiosk.audio, kiosk.check, kiosk.cli, "
            "kiosk.i18n; sys.exit(1 if any(m == 'kivy' or m.startswith('kivy.') "
            "for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


@pytest.mark.slow
def test_selftest_visits_every_stop_in_every_language_and_saves_screenshots(tmp_path):
    content = make_tour(tmp_path / "tour", stops=3, seconds=3)
    shots = tmp_path / "shots"
    result = run("selftest", "--content", str(content), "--data", str(tmp_path / "data"),
                 "--screenshots", str(shots))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "0 problem(s)" in result.stdout
    names = {p.name for p in shots.glob("*.png")}
    for language in ("kk", "ru", "en"):
        expected = {f"{screen}-{language}.png" for screen in
                    ("home", "tour", "keypad", "transcript", "still-there", "staff-no-pin",
                     "staff-pin", "staff")}
        expected |= {f"{screen}-{language}-{mode}.png" for screen in ("home", "tour", "stop", "keypad")
                     for mode in ("large-text", "high-contrast")}
        expected |= {f"stop-10{n}-stop-{n}-{language}.png" for n in (1, 2, 3)}
        assert expected <= names, sorted(expected - names)
    assert names - {"attract.png"} == set().union(*(
        {n for n in names if language in n} for language in ("kk", "ru", "en")))
    assert len(names) == 1 + 3 * 19
    # The walk is not a visitor: staff's figures do not count it.
    stats = run("stats", "--data", str(tmp_path / "data"))
    assert stats.returncode == 0, stats.stdout + stats.stderr
    assert "No visits recorded yet." in stats.stdout
    assert result.stdout.count(" plays (3 s)") == 3 * 3 - 1  # the last stop has no English


@pytest.mark.slow
def test_selftest_fails_when_a_recording_is_broken(tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=3, shared_recording=True)
    (content / "assets/audio/shared.ogg").write_bytes(b"OggS" + os.urandom(4000))
    result = run("selftest", "--content", str(content), "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert "the narration did not play" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_selftest_runs_the_shipped_demo_tour(tmp_path):
    result = run("selftest", "--data", str(tmp_path / "data"), "--screenshots", str(tmp_path / "s"))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert len(list((tmp_path / "s").glob("stop-*.png"))) >= 12 * 3
