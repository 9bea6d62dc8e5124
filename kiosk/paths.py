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
