"""Lists the interface's message ids found in the code, for the .po catalogs and their test.

Messages are written as ``tr._("...")`` in kv rules and Python, or ``N_("...")`` where
they are defined away from where they are shown.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
_CALL = re.compile(r'(?:\btr\._|\bN_)\(\s*("(?:[^"\\]|\\.)*")\s*\)')


def find_messages(package: Path = PACKAGE) -> dict[str, list[str]]:
    """message id -> places (file:line) where it is used."""
    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*")):
        if path.suffix not in (".py", ".kv"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for literal in _CALL.findall(line):
                message = ast.literal_eval(literal)
                found.setdefault(message, []).append(f"{path.relative_to(package.parent)}:{number}")
    return found


if __name__ == "__main__":
    for message, places in find_messages().items():
        print(f"{message!r}  ({', '.join(places)})")
