"""The rules for a file path written in stops.yaml, in one place.

A path is relative to the content folder, written with /, and names an ordinary file
inside that folder: its folder's real place (links followed) and, if the file itself is
a link, the file's real place must both be inside. ``locate`` applies the rules and says
which one failed; ``check_path`` words that for staff, with a near name for a file that
is missing (``near_file``). The loader checks every path with them, and ``check``'s
worker processes use ``locate`` to open only what the loader would accept.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from pathlib import Path

from . import formats
from .errors import Problem

# What is wrong with a path, as ``locate`` says it.
ABSOLUTE = "absolute"
OUTSIDE = "outside"              # ../ leads out of the content folder
FOLDER_OUTSIDE = "folder outside"  # its folder is a link to a place outside
LINK_OUTSIDE = "link outside"    # the file is a link to a file outside
MISSING = "missing"
UNREADABLE = "unreadable"
A_FOLDER = "a folder"
NOT_A_FILE = "not a file"


def locate(rel: str, root: str, folders: dict[str, str]) -> tuple[str | None, str | None, str]:
    """Where ``rel`` really is: (real path, None, "") for an ordinary file inside ``root``
    (a real path), else (None, what is wrong, a detail: the link's target or the system's
    reason). ``folders`` remembers the real place of each folder met, across calls. One
    system call per file, mostly."""
    if os.path.isabs(rel) or rel.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", rel):
        return None, ABSOLUTE, ""
    parts = rel.split("/")
    norm = os.path.normpath(rel) if "" in parts or "." in parts or ".." in parts else rel
    if norm == ".." or norm.startswith("../"):
        return None, OUTSIDE, ""
    folder, _, name = norm.rpartition("/")
    real_folder = folders.get(folder)
    if real_folder is None:
        real_folder = folders[folder] = os.path.realpath(os.path.join(root, folder))
    if not inside(real_folder, root):
        return None, FOLDER_OUTSIDE, ""
    full = os.path.join(real_folder, name)
    try:
        info = os.lstat(full)
        if stat.S_ISLNK(info.st_mode):
            full = os.path.realpath(full)
            if not inside(full, root):
                return None, LINK_OUTSIDE, full
            info = os.stat(full)
    except (FileNotFoundError, NotADirectoryError):
        return None, MISSING, ""
    except OSError as error:
        return None, UNREADABLE, str(error.strerror)
    if stat.S_ISDIR(info.st_mode):
        return None, A_FOLDER, ""
    if not stat.S_ISREG(info.st_mode):
        return None, NOT_A_FILE, ""
    return full, None, ""


def inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def check_path(rel: str, where, source, root: str,
               folders: dict[str, str]) -> tuple[str | None, Problem | None]:
    """Where ``rel`` (written at ``where`` in ``source``) really is, or the problem with it."""
    full, fault, detail = locate(rel, root, folders)
    if fault is None:
        return full, None
    if fault == MISSING:
        return None, _missing(rel, where, source, root)
    return None, source.problem(where, _WORDS[fault].format(rel=rel, detail=detail))


_WORDS = {
    ABSOLUTE: "'{rel}' is an absolute path; write it relative to the content folder, for "
              "example assets/images/photo.jpg",
    OUTSIDE: "'{rel}' points outside the content folder; keep every file inside it, under "
             "assets/",
    FOLDER_OUTSIDE: "the folder of '{rel}' is a link to a place outside the content folder; "
                    "put the files themselves in assets/",
    LINK_OUTSIDE: "'{rel}' is a link to a file outside the content folder ({detail}); copy "
                  "the file itself into assets/ instead of linking to it",
    UNREADABLE: "'{rel}' cannot be read ({detail}); check the file's permissions",
    A_FOLDER: "'{rel}' is a folder, not a file; write the name of the file inside it",
    NOT_A_FILE: "'{rel}' is not an ordinary file; copy the real file there",
}


def _missing(rel: str, where, source, root: str) -> Problem:
    if "\\" in rel:
        return source.problem(where, f"the file '{rel}' does not exist; write paths with / "
                              f"(not \\), like '{rel.replace(chr(92), '/')}'")
    hint = near_file(Path(root), rel, formats.BY_KEY.get(str(where[-1]), ()))
    return source.problem(where, f"the file '{rel}' does not exist; " + (
        f"did you mean '{hint}'?" if hint else
        "check the name, or copy the file into the content folder"))


def near_file(root: Path, rel: str, endings: tuple[str, ...] = ()) -> str | None:
    """The existing file whose path is closest to ``rel``, one folder at a time; with
    ``endings``, only a file of that kind (a recording is never offered its captions)."""
    here, found = root, []
    parts = [p for p in Path(os.path.normpath(rel)).parts if p not in ("", ".")]
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        try:
            names = [e.name for e in os.scandir(here) if (e.is_file() if last else e.is_dir())]
            if last and endings:
                names = [name for name in names if name.lower().endswith(endings)]
        except OSError:
            return None
        if part in names:
            match = part
        else:
            folded = {n.casefold(): n for n in names}
            match = folded.get(part.casefold())
            if match is None:
                close = difflib.get_close_matches(part, names, n=1, cutoff=0.6)
                if not close:
                    return None
                match = close[0]
        found.append(match)
        here = here / match
    suggestion = "/".join(found)
    return suggestion if suggestion != rel else None

