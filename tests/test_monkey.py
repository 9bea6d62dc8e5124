"""The soak (`python main.py monkey`) as a real process: it runs the real kiosk through random
visitor actions without an unhandled exception, and it really counts one when there is."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from samples import make_tour

ROOT = Path(__file__).resolve().parent.parent
LAST_LINE = re.compile(r"^rss growth: -?\d+\.\d MB over (\d+) actions$")


def monkey(*args, timeout=900):
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "monkey", *args],
                          check=False, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> Path:
    return make_tour(tmp_path_factory.mktemp("monkey") / "tour", stops=4, seconds=5)


@pytest.mark.slow
def test_300_random_actions_run_without_an_unhandled_exception(tour, tmp_path):
    result = monkey("--actions", "300", "--seed", "1", "--content", str(tour),
                    "--data", str(tmp_path / "data"))
    out = result.stdout
    assert result.returncode == 0, out[-4000:] + result.stderr[-2000:]
    lines = out.rstrip("\n").splitlines()
    last = LAST_LINE.match(lines[-1])
    assert last, f"last line: {lines[-1]!r}"
    assert last[1] == "300"
    assert "unhandled exceptions: 0" in lines
    assert re.search(r"^open file descriptors at start: \d+$", out, re.MULTILINE)
    assert re.search(r"^open file descriptors: \d+ at start, \d+ at end", out, re.MULTILINE)
    assert re.search(r"^actions 0/300: rss [\d.]+ MB, kept [\d.]+ MB, fds \d+", out, re.MULTILINE)
    assert re.search(r"^actions 300/300: rss [\d.]+ MB, kept [\d.]+ MB, fds \d+", out, re.MULTILINE)
    rate = re.search(r"^monkey: 300 actions in [\d.]+ s \(([\d.]+) actions/s\)", out, re.MULTILINE)
    assert rate and float(rate[1]) > 0
    # The mix really happened: every kind of action was chosen at least once.
    kinds = re.search(r"^actions by kind \(count, seconds\): (.*)$", out, re.MULTILINE)[1]
    counts = dict(re.findall(r"([\w-]+) (\d+) \(", kinds))
    assert all(int(n) > 0 for n in counts.values()), kinds
    assert "Traceback" not in out + result.stderr


@pytest.mark.slow
def test_an_exception_raised_in_a_kivy_callback_is_counted_and_fails_the_run(tour, tmp_path):
    """--inject-fault exists only for this test: one Clock callback raises half-way."""
    result = monkey("--actions", "40", "--seed", "2", "--content", str(tour),
                    "--data", str(tmp_path / "data"), "--inject-fault")
    out = result.stdout
    assert result.returncode == 1, out[-4000:] + result.stderr[-2000:]
    lines = out.rstrip("\n").splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert "unhandled exceptions: 1" in lines
    assert "UNHANDLED EXCEPTION #1 (Kivy event loop, action 20)" in out
    assert "RuntimeError: fault injected by --inject-fault" in out
    assert "Traceback (most recent call last)" in out  # the traceback itself is printed
    assert "actions 40/40" in out  # the run went on to the end after the fault


def test_the_fault_flag_is_hidden_from_staff_help():
    help_text = subprocess.run([sys.executable, str(ROOT / "main.py"), "monkey", "--help"],
                               check=False, capture_output=True, text=True, cwd=ROOT,
                               env=dict(os.environ, KIVY_NO_ARGS="1")).stdout
    assert "--actions" in help_text and "--seed" in help_text
    assert "--inject-fault" not in help_text


def test_the_bench_reads_what_the_soak_prints():
    from bench.monkey_bench import figures, parse

    samples = [(0, 210.0, 9), (500, 330.0, 40), (1000, 350.0, 52), (1500, 352.5, 52),
               (2000, 351.0, 52)]
    lines = ["monkey: 2000 random visitor actions on /x (16 stops), seed 1",
             "open file descriptors at start: 9"]
    lines += [f"actions {n}/2000: rss {rss} MB, fds {fds}, threads 3, 4.2 actions/s, "
              f"screen home, errors 0" for n, rss, fds in samples]
    lines += ["", "monkey: 2000 actions in 480.0 s (4.2 actions/s), seed 1; 9000 frames (19 fps)",
              "  opened and still open at the end: /v/site-packages/kivy/data/fonts/Roboto-Regular.ttf x26",
              "unhandled exceptions: 0",
              "rss at the end: 351.0 MB, once tidied: 349.0 MB",
              "rss growth: 1.0 MB over 2000 actions"]
    parsed = parse(lines)
    assert parsed["growth_mb"] == 1.0 and parsed["growth_over"] == 2000
    assert [s["rss_mb"] for s in parsed["samples"]] == [s[1] for s in samples]
    figs = figures(parsed, 2000)
    rss, fds, rate, errors = figs
    assert rss["value"] == 1.0 and rss["meets"] is True and rss["goal"] == "under 30 MB"
    assert fds["value"] == 0 and fds["meets"] is True
    assert rate["value"] == 4.2
    assert errors["value"] == 0 and errors["meets"] is True
    for figure in figs:
        assert set(figure) == {"name", "value", "unit", "floor", "goal", "meets", "runs", "notes"}
    with pytest.raises(ValueError):
        parse(lines[:-1])
