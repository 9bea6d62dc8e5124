"""`python main.py prepare` as staff run it: a real process, no Kivy, a summary, exit codes."""

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from samples import make_tour

ROOT = Path(__file__).resolve().parent.parent


def run(*args, timeout=120):
    env = dict(os.environ, KIVY_NO_ARGS="1")
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)


def test_prepare_makes_every_copy_then_finds_them_ready(tmp_path):
    content = make_tour(tmp_path / "tour", stops=3, seconds=1)
    data = tmp_path / "data"
    result = run("prepare", "--content", str(content), "--data", str(data))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "5 prepared, 0 already ready, 0 failed" in result.stdout
    assert "5/5" in result.stderr  # the progress bar
    copies = sorted((data / "media-cache").glob("*.display-*.jpg"))
    assert len(copies) == 5
    with Image.open(copies[0]) as image:
        assert image.format == "JPEG"

    again = run("prepare", "--content", str(content), "--data", str(data))
    assert again.returncode == 0
    assert "0 prepared, 5 already ready, 0 failed" in again.stdout


def test_prepare_imports_no_kivy(tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=1)
    code = ("import sys; from kiosk.cli import main; rc = main(['prepare', '--content', "
            f"{str(content)!r}, '--data', {str(tmp_path / 'data')!r}]); "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'kivy'], 'kivy imported'; "
            "sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_stops_yaml_exits_1_with_the_line_and_no_traceback(tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=1)
    text = (content / "stops.yaml").read_text(encoding="utf-8")
    (content / "stops.yaml").write_text(text.replace("number: 102", "number: [102"),
                                        encoding="utf-8")
    result = run("prepare", "--content", str(content), "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "number: 102" in l)
    assert f"stops.yaml:{line + 1}:" in result.stdout
    assert "nothing to prepare" in result.stdout
    assert not (tmp_path / "data" / "media-cache").exists()


def test_a_picture_that_cannot_be_read_is_named_and_exits_1(tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=1)
    (content / "assets/images/stop-1-1.jpg").write_bytes(b"not a jpeg at all")
    result = run("prepare", "--content", str(content), "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "3 prepared, 0 already ready, 1 failed" in result.stdout
    assert "failed: assets/images/stop-1-1.jpg: " in result.stdout
