"""Importing a widget's class is enough to have its kv rule: no widget made before its
rule can open empty (the staff PIN pad once did, with no keys and no way in)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "kiosk" / "ui"

# In a fresh interpreter: import one module, print every kv file the Builder has loaded.
PROBE = """
import importlib, sys
from kivy.lang import Builder
importlib.import_module(sys.argv[1])
print("\\n".join(Builder.files))
"""


def loaded_after_importing(module: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, module], cwd=ROOT, env=dict(os.environ),
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return {Path(line).name for line in out.splitlines() if line.endswith(".kv")}


def test_the_pin_pad_brings_its_rule_and_its_keys_rule():
    loaded = loaded_after_importing("kiosk.ui.widgets.staff_pin")
    assert {"staff_pin.kv", "key_grid.kv", "controls.kv"} <= loaded


def test_every_screen_and_widget_module_with_a_rule_loads_it_on_import():
    modules = [path for folder in ("widgets", "screens") for path in sorted((UI / folder).glob("*.py"))
               if path.with_suffix(".kv").exists()]
    assert len(modules) >= 15
    for path in modules:
        module = f"kiosk.ui.{path.parent.name}.{path.stem}"
        assert path.with_suffix(".kv").name in loaded_after_importing(module), module
