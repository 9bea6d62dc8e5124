"""A stop's first picture, decoded while the visitor's finger is still on its tile.

A tile opens its stop when the finger lifts. The moment the finger lands, the app asks
for the stop's first picture here (:meth:`PicturesAhead.start`): a thread decodes it with
Pillow while the finger rests, and when the stop opens, :meth:`PicturesAhead.take` hands
over the pixels as a texture, so the stop's first frame need not decode anything.

What is held is small and short-lived: the pictures of the last :data:`KEEP` touches, each
for at most :data:`KEEP_SECONDS`, keyed by the file's path, size and modification time (a
picture staff replaced is decoded again, never shown stale). A picture that cannot be
decoded here, or is not ready in time, is simply loaded the usual way, which says what is
wrong with it.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as NotYet
from dataclasses import dataclass
from typing import Callable

#: How many touched pictures are held at once, and for how long (s).
KEEP = 3
KEEP_SECONDS = 10.0
#: How long the stop's opening waits for a decode already under way (s): it ends sooner
#: than one begun again would, so this only guards against a thread that is stuck; past
#: it, the picture is loaded the usual way.
WAIT_SECONDS = 2.0
#: Larger pictures are left to the usual loader (a display copy is far smaller).
MAX_PIXELS = 4096 * 4096


@dataclass(frozen=True)
class Decoded:
    """A picture's pixels, top row first: ``mode`` is "rgb" or "rgba"."""

    size: tuple[int, int]
    mode: str
    pixels: bytes


def decode(path: str) -> Decoded | None:
    """The picture at ``path`` as pixels, or None when Pillow cannot make it plain RGB(A)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.load()
            if image.mode not in ("RGB", "RGBA"):
                has_alpha = "A" in image.getbands() or "transparency" in image.info
                image = image.convert("RGBA" if has_alpha else "RGB")
            return Decoded(image.size, image.mode.lower(), image.tobytes())
    except Exception:  # noqa: BLE001  (the usual loader will say what is wrong)
        return None


def _key(path: str) -> tuple | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return path, status.st_size, status.st_mtime_ns


@dataclass
class _Held:
    future: Future
    since: float


class PicturesAhead:
    """Pictures decoded in a thread before they are asked for (see the module's note)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 decoder: Callable[[str], Decoded | None] = decode):
        self._clock = clock
        self._decode = decoder
        self._held: OrderedDict[tuple, _Held] = OrderedDict()
        self._lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None

    def start(self, path: str) -> None:
        """Begin decoding ``path`` (a finger landed on its tile). The newest touch goes
        first: decodes not yet begun for earlier touches are dropped."""
        key = _key(path) if path else None
        if key is None:
            return
        with self._lock:
            self._drop_old()
            if key in self._held:
                self._held.move_to_end(key)
                return
            for other_key in list(self._held):
                if self._held[other_key].future.cancel():  # true only of those not begun
                    del self._held[other_key]
            if self._worker is None:
                self._worker = ThreadPoolExecutor(1, thread_name_prefix="pictures-ahead")
            self._held[key] = _Held(self._worker.submit(self._decode, path), self._clock())
            while len(self._held) > KEEP:
                self._held.popitem(last=False)[1].future.cancel()

    def take(self, path: str, wait: float = WAIT_SECONDS):
        """The texture of ``path`` if it was decoded ahead (waiting up to ``wait`` s for a
        decode under way), else None: load it the usual way. Call on the UI thread."""
        key = _key(path) if path else None
        if key is None:
            return None
        with self._lock:
            self._drop_old()
            held = self._held.pop(key, None)
        if held is None:
            return None
        try:
            decoded = held.future.result(timeout=wait)
        except (NotYet, CancelledError):
            held.future.cancel()
            return None
        return texture_of(decoded) if decoded is not None else None

    def holds(self, path: str) -> bool:
        """``path``, as it is on disk now, is held (being decoded or decoded)."""
        key = _key(path)
        with self._lock:
            self._drop_old()
            return key is not None and key in self._held

    def forget(self) -> None:
        """Let go of everything held (the visitor has gone)."""
        with self._lock:
            for held in self._held.values():
                held.future.cancel()
            self._held.clear()

    def close(self) -> None:
        self.forget()
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None

    def _drop_old(self) -> None:
        oldest = self._clock() - KEEP_SECONDS
        for key in [k for k, held in self._held.items() if held.since < oldest]:
            self._held.pop(key).future.cancel()


def texture_of(decoded: Decoded):
    """A Kivy texture of ``decoded``, the right way up (UI thread: it uploads)."""
    from kivy.graphics.texture import Texture

    texture = Texture.create(size=decoded.size, colorfmt=decoded.mode)
    texture.blit_buffer(decoded.pixels, colorfmt=decoded.mode, bufferfmt="ubyte")
    texture.flip_vertical()  # Kivy's rows run bottom up; Pillow's top down
    return texture
