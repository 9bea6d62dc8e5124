"""Where staff can save an export: a USB stick if one is plugged in, else the data folder."""

from __future__ import annotations

import os
from pathlib import Path

#: Where Debian, Ubuntu and Raspberry Pi OS mount removable drives.
MOUNT_ROOTS = ("/media", "/run/media")


def export_folders(data_dir: Path, roots=MOUNT_ROOTS, limit: int = 4) -> list[Path]:
    """Writable folders to offer, removable drives first, the data folder's exports last."""
    found: list[Path] = []
    for root in map(Path, roots):
        try:
            candidates = sorted(root.glob("*/*")) + sorted(root.glob("*"))
        except OSError:
            continue
        for folder in candidates:
            # A drive is mounted at /media/USER/NAME (or /media/NAME): offer the mount,
            # not the user's folder that holds it.
            if folder.is_dir() and os.access(folder, os.W_OK) and folder not in found \
                    and not any(folder in other.parents for other in found):
                found.append(folder)
    own = Path(data_dir) / "exports"
    return found[: limit - 1] + [own]
