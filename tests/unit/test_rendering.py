"""Where frames are drawn in software, the kiosk spares the CPU; with a GPU it does not."""

import os
import subprocess
import sys

import pytest

from kiosk.ui import rendering


@pytest.mark.parametrize("renderer, software", [
    ("llvmpipe (LLVM 15.0.6, 256 bits)", True),
    ("softpipe", True),
    ("Mesa Software Rasterizer", True),
    ("Google SwiftShader", True),
    ("V3D 4.2", False),  # Raspberry Pi 4
    ("V3D 7.1", False),  # Raspberry Pi 5
    ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", False),
    ("AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6, DRM 3.49)", False),
])
def test_software_renderers_are_told_from_gpus(renderer, software):
    assert rendering.renderer_is_software(renderer) is software


def test_no_gpu_device_means_no_multisampling(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_GL", raising=False)
    assert rendering.multisamples(tmp_path / "no-dri") == 0
    (tmp_path / "dri").mkdir()
    assert rendering.multisamples(tmp_path / "dri") == 2


@pytest.mark.parametrize("forced, samples", [("software", 0), ("gpu", 2), ("GPU ", 2)])
def test_staff_can_say_which_it_is(tmp_path, monkeypatch, forced, samples):
    (tmp_path / "dri").mkdir()
    monkeypatch.setenv("KIOSK_GL", forced)
    assert rendering.multisamples(tmp_path / "dri" if forced != "software" else tmp_path) == samples
    assert rendering.draws_in_software() is (samples == 0)


@pytest.mark.parametrize("gl, samples", [("software", "0"), ("gpu", "2")])
def test_the_kiosk_window_is_asked_for_multisampling_only_with_a_gpu(tmp_path, gl, samples):
    script = ("from pathlib import Path; from kiosk.ui.bootstrap import prepare_kivy; "
              f"prepare_kivy(Path({str(tmp_path)!r}), windowed=False, size=(800, 600), "
              "offscreen=True); from kivy.config import Config; "
              "print(Config.get('graphics', 'multisamples'))")
    env = {**os.environ, "KIOSK_GL": gl, "KIVY_NO_CONSOLELOG": "1"}
    env.pop("KIVY_HOME", None)
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert out.strip().splitlines()[-1] == samples
