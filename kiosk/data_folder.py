"""Is the data folder usable by a command? One clear line when it is not.

The kiosk keeps what it writes (visits, the PIN, picture copies, the last good tour, logs)
in its data folder. A command that writes there (`selftest`, `prepare`,
`set-pin`) needs a folder it can write; `stats` only reads, so a read-only folder is fine
for it, but a file where the folder should be is not. `run` never stops for this: it
falls back to a temporary folder (kiosk.ui.launch). A full disk is not refused: the kiosk
goes on without writing (kiosk.logs).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

#: Commands that write to the data folder, and commands that only read it.
WRITERS = frozenset({"selftest", "prepare", "set-pin", "fleet-round"})
READERS = frozenset({"stats"})
#: A full disk: the kiosk still runs (it drops what it cannot write).
FULL = frozenset({errno.ENOSPC, errno.EDQUOT})

_WHAT_TO_DO = "choose another folder with --data DIR"


class DataFolderError(Exception):
    """The data folder cannot be used; ``str()`` is the one line to show."""


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _not_a_folder(path: Path) -> DataFolderError:
    return DataFolderError(
        f"The data folder {path} is a file, not a folder: the kiosk keeps its visits, "
        f"PIN, pictures and logs in a folder there. Move the file away, or {_WHAT_TO_DO}.")


def readable_data_dir(path: Path) -> Path:
    """``path`` if it is a folder or does not exist yet (nothing recorded); else raises."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise _not_a_folder(path)
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise DataFolderError(
                    f"The data folder {path} cannot be there: {parent} is a file, not a "
                    f"folder. Move the file away, or {_WHAT_TO_DO}.")
            break
    return path


def writable_data_dir(path: Path) -> Path:
    """``path``, made if needed and shown to be writable; raises DataFolderError if not."""
    path = readable_data_dir(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _not_a_folder(path) from None
    except OSError as error:
        if error.errno in FULL:
            return path
        raise DataFolderError(
            f"The data folder {path} cannot be made ({_reason(error)}): the kiosk keeps its "
            f"visits, PIN, pictures and logs there. Make its parent folder writable for the "
            f"user who runs the kiosk, or {_WHAT_TO_DO}.") from None
    try:
        handle, probe = tempfile.mkstemp(prefix=".writable-", dir=path)  # empty: fits a full disk
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        if error.errno in FULL:
            return path
        raise DataFolderError(
            f"The data folder {path} cannot be written ({_reason(error)}): the kiosk keeps "
            f"its visits, PIN, pictures and logs there. Make it writable for the user who "
            f"runs the kiosk, or {_WHAT_TO_DO}.") from None
    return path


def data_folder_problem(command: str | None, data: Path | None) -> str | None:
    """The one line to show when ``command`` cannot use the data folder ``data``, or None."""
    if data is None:
        return None
    try:
        if command in WRITERS:
            writable_data_dir(data)
        elif command in READERS:
            readable_data_dir(data)
    except DataFolderError as problem:
        return str(problem)
    return None
