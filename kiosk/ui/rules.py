"""Each widget's kv rule, loaded by the module that defines the widget.

A module calls ``load_rules_beside(__file__)`` once its classes are defined, so importing
a class is enough to have its rule: a widget can never be made before its rule and come
out empty (the staff PIN pad once opened with no keys in a fresh kiosk that way).
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder


def load_rules(path: str | Path) -> None:
    """Load one .kv file, once per process however often it is asked for."""
    name = str(Path(path).resolve())
    if name not in Builder.files:
        Builder.load_file(name)


def load_rules_beside(module_file: str) -> None:
    """Load the .kv file named as this module (``keypad.py`` -> ``keypad.kv``)."""
    load_rules(Path(module_file).with_suffix(".kv"))
