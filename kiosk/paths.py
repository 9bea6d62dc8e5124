"""Where the kiosk reads its tour from and where it writes what it keeps."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "alzhir-kiosk"

#: The folder of main.py: the demo tour ships there, beside the code.
PROJECT_DIR = Path(__file__).resolve().parent.parent


def default_content_dir() -> Path:
    return PROJECT_DIR


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def ensure_data_dir(path: Path) -> Path:
    """Create the data folder if needed; raise OSError with a readable reason if we can't."""
    path.mkdir(parents=True, exist_ok=True)
    return path


#: How many kiosks of one user may run on fallback folders at once (each needs its own:
#: one writer per event log); past that, a new folder that is removed at exit.
FALLBACK_SLOTS = 8
LOCK_FILE = ".in-use.lock"
_held_locks: list = []  # open lock files: closing one would free its folder


def fallback_data_dir(temp_root: Path | None = None) -> Path:
    """A data folder for a kiosk whose own cannot be written: the same one at every start.

    ``TEMP/alzhir-kiosk-UID`` (then ``-UID-2``, ``-UID-3`` ... while other kiosks of this
    user hold the first), private to the user. The folder is locked (``flock``) for as
    long as this process runs, so two kiosks never share one and a folder no running
    kiosk holds is the one the next start takes again: repeated starts do not leave a
    new folder of prepared pictures behind each time. A folder of that name that is not a
    private folder of this user (a link, another owner) is never used.
    """
    import os
    import tempfile

    root = Path(temp_root or tempfile.gettempdir())
    uid = os.getuid()
    for slot in range(1, FALLBACK_SLOTS + 1):
        folder = root / (f"{APP_NAME}-{uid}" + (f"-{slot}" if slot > 1 else ""))
        if _private_folder(folder, uid) and _lock(folder):
            return folder
    folder = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-{uid}-extra-", dir=root))
    _lock(folder)
    _remove_at_exit(folder)
    return folder


def _private_folder(folder: Path, uid: int) -> bool:
    """Make ``folder`` (mode 0700) or accept it if it is already a real folder of ours."""
    import os
    import stat

    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid:
        return False
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            return False
    return True


def _lock(folder: Path) -> bool:
    """Hold ``folder``'s lock until this process ends; False if another process holds it."""
    import fcntl
    import os

    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    _held_locks.append(fd)
    return True


def _remove_at_exit(folder: Path) -> None:
    import atexit
    import shutil

    atexit.register(shutil.rmtree, folder, ignore_errors=True)
