"""The soak (`python -m bench.soak`) as a real process: it runs the real kiosk through random
visitor actions without an unhandled exception, and it really counts one when there is.

The soak lives beside the benchmarks; tests do not import bench/, they run it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from samples import make_tour

ROOT = Path(__file__).resolve().parent.parent
LAST_LINE = re.compile(r"^rss growth: (-?\d+\.\d) MB over (\d+) actions$")


def soak(*args, timeout=900):
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "bench.soak", *args], check=False,
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def result_of(lines: list[str]) -> dict:
    """The one RESULT line, just before the last line."""
    results = [line for line in lines if line.startswith("RESULT ")]
    assert len(results) == 1, results
    assert lines[-2] == results[0]
    return json.loads(results[0].removeprefix("RESULT "))


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> Path:
    return make_tour(tmp_path_factory.mktemp("soak") / "tour", stops=4, seconds=5)


@pytest.mark.slow
def test_300_random_actions_run_without_an_unhandled_exception(tour, tmp_path):
    run = soak("--actions", "300", "--seed", "1", "--content", str(tour),
               "--data", str(tmp_path / "data"))
    out = run.stdout
    assert run.returncode == 0, out[-4000:] + run.stderr[-2000:]
    lines = out.rstrip("\n").splitlines()
    last = LAST_LINE.match(lines[-1])
    assert last, f"last line: {lines[-1]!r}"
    assert last[2] == "300"
    result = result_of(lines)
    assert result["actions"] == result["planned"] == 300 and result["errors"] == 0
    assert f"{result['growth_mb']:.1f}" == last[1]  # the last line says what the JSON says
    assert [s["actions"] for s in result["samples"]] == [0, 300]
    assert all(s["rss_mb"] > 0 and s["kept_mb"] > 0 and s["fds"] > 0 for s in result["samples"])
    assert result["rate"] > 0 and result["drawn_frames"] > 0
    # The mix really happened: every kind of action was chosen at least once.
    assert all(n > 0 for n in result["kinds"].values()), result["kinds"]
    assert "unhandled exceptions: 0" in lines
    assert re.search(r"^actions 300/300: rss [\d.]+ MB, kept [\d.]+ MB, fds \d+", out, re.MULTILINE)
    assert "Traceback" not in out + run.stderr


@pytest.mark.slow
def test_an_exception_raised_in_a_kivy_callback_is_counted_and_fails_the_run(tour, tmp_path):
    """--inject-fault exists only for this test: one Clock callback raises half-way."""
    run = soak("--actions", "40", "--seed", "2", "--content", str(tour),
               "--data", str(tmp_path / "data"), "--inject-fault")
    out = run.stdout
    assert run.returncode == 1, out[-4000:] + run.stderr[-2000:]
    lines = out.rstrip("\n").splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    result = result_of(lines)
    assert result["errors"] == 1, out[-4000:]  # the injected fault and nothing else
    assert result["actions"] == 40  # the run went on to the end after the fault
    assert "UNHANDLED EXCEPTION #1 (Kivy event loop, action 20)" in out
    assert "RuntimeError: fault injected by --inject-fault" in out
    assert "Traceback (most recent call last)" in out  # the traceback itself is printed


def test_the_fault_flag_is_hidden_from_help_and_the_soak_is_no_kiosk_command():
    help_text = soak("--help").stdout
    assert "--actions" in help_text and "--seed" in help_text
    assert "--inject-fault" not in help_text
    kiosk = subprocess.run([sys.executable, "main.py", "monkey"], cwd=ROOT, capture_output=True,
                           text=True, env=dict(os.environ, KIVY_NO_ARGS="1"), check=False)
    assert kiosk.returncode == 2 and "invalid choice: 'monkey'" in kiosk.stderr
