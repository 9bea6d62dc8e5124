"""Small real file systems for tests: a tmpfs that is full, or mounted read-only.

Mounting needs root (the test machines run as root; `chmod` would not stop root from
writing, a read-only mount does). Every mount is undone when the test ends.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small file system needs root")


@contextlib.contextmanager
def tmpfs(where: Path, size: str = "512k", read_only: bool = False):
    """A tmpfs of ``size`` mounted at ``where`` for the duration of the block."""
    where.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path, name: str = "filler") -> Path:
    """Write one file until ``disk`` has not a byte left; returns the file."""
    path = disk / name
    block = b"\0" * 4096
    with path.open("ab", buffering=0) as out:
        try:
            while True:
                out.write(block)
        except OSError:
            pass
        try:
            while True:  # the last few bytes, if a block no longer fits
                out.write(b"\0")
        except OSError:
            pass
    return path


def free_bytes(disk: Path) -> int:
    stats = os.statvfs(disk)
    return stats.f_bavail * stats.f_frsize
