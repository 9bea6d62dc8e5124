"""Lists the interface's message ids found in the code, for the .po catalogs and their test.

Messages are written as ``tr._("...")`` in kv rules and Python, or ``N_("...")`` where
they are defined away from where they are shown. Where a number meets a noun they are
written ``tr.ngettext("... stop", "... stops", n)``: the singular is the message id, the
plural its ``msgid_plural``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
_STRING = r'("(?:[^"\\]|\\.)*")'
_CALL = re.compile(r'(?:\btr\._|\bN_)\(\s*' + _STRING + r'\s*\)')
_PLURAL_CALL = re.compile(r'\btr\.ngettext\(\s*' + _STRING + r'\s*,\s*' + _STRING + r'\s*,')


def _lines(package: Path):
    for path in sorted(package.rglob("*")):
        if path.suffix not in (".py", ".kv"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{path.relative_to(package.parent)}:{number}", line


def find_messages(package: Path = PACKAGE) -> dict[str, list[str]]:
    """message id -> places (file:line) where it is used; plural messages by their singular."""
    found: dict[str, list[str]] = {}
    for place, line in _lines(package):
        for literal in _CALL.findall(line):
            found.setdefault(ast.literal_eval(literal), []).append(place)
        for singular, _plural in _PLURAL_CALL.findall(line):
            found.setdefault(ast.literal_eval(singular), []).append(place)
    return found


def find_plural_messages(package: Path = PACKAGE) -> dict[str, str]:
    """singular message id -> its plural id, for every ``tr.ngettext`` call."""
    found: dict[str, str] = {}
    for _place, line in _lines(package):
        for singular, plural in _PLURAL_CALL.findall(line):
            found[ast.literal_eval(singular)] = ast.literal_eval(plural)
    return found


if __name__ == "__main__":
    plurals = find_plural_messages()
    for message, places in find_messages().items():
        shown = f"{message!r} / {plurals[message]!r}" if message in plurals else repr(message)
        print(f"{shown}  ({', '.join(places)})")
