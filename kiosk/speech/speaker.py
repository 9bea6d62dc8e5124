"""The voice of the spoken guide: short recordings played one after another, beside the
narration (which has pygame's music stream to itself), on a mixer channel of their own.

``say(files, then)`` drops whatever was being said and plays ``files`` in turn; ``then()``
runs once the last has been heard (the kiosk starts a stop's story after its number).
``tick()`` moves the queue on: the kiosk calls it from its clock. :class:`FakeSpeaker` is the
tests' stand-in: it keeps what it was given and lets each recording last a fixed time on the
tests' clock. No Kivy here.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

#: The mixer channel the prompts play on (pygame's music stream is apart from channels).
CHANNEL = 1
#: Decoded prompts kept (a few hundred short recordings; the digits come back often).
KEPT = 256


class _Queue:
    """What is to be said, and what to do after it."""

    def __init__(self):
        self.files: list[Path] = []
        self.then: Callable[[], None] | None = None

    def replace(self, files, then) -> None:
        self.files, self.then = list(files), then

    def finished(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            then()


class PygameSpeaker:
    """Prompts on their own mixer channel; never raises (a prompt that cannot be decoded
    is left out and logged)."""

    def __init__(self):
        # pygame is imported when first needed (a key of the number pad), not here: the
        # kiosk makes its speaker before its first frame, and importing pygame costs more
        # than a hundred milliseconds of the start (the sound device opens after it).
        self._pygame = None
        self._queue = _Queue()
        self._sounds: OrderedDict[Path, object] = OrderedDict()
        self._channel = None
        self.volume = 1.0

    @property
    def _pg(self):
        if self._pygame is None:
            import pygame

            self._pygame = pygame
        return self._pygame

    @property
    def busy(self) -> bool:
        channel = self._get_channel()
        return bool(self._queue.files) or (channel is not None and channel.get_busy())

    def say(self, files: list[Path], then: Callable[[], None] | None = None) -> None:
        self.stop()
        self._queue.replace(files, then)
        self.tick()

    def stop(self) -> None:
        self._queue.replace([], None)
        channel = self._get_channel()
        if channel is not None:
            channel.stop()

    def tick(self) -> None:
        channel = self._get_channel()
        if channel is None:
            self._queue.replace([], self._queue.then)
            self._queue.finished()
            return
        if channel.get_busy():
            return
        while self._queue.files:
            sound = self._sound(self._queue.files.pop(0))
            if sound is not None:
                channel.set_volume(self.volume)
                channel.play(sound)
                return
        self._queue.finished()

    def _get_channel(self):
        if self._channel is None:
            try:
                if self._pg.mixer.get_init():
                    self._pg.mixer.set_num_channels(max(CHANNEL + 1,
                                                        self._pg.mixer.get_num_channels()))
                    self._channel = self._pg.mixer.Channel(CHANNEL)
            except self._pg.error as error:
                log.warning("the spoken guide has no channel to speak on: %s", error)
        return self._channel

    def _sound(self, path: Path):
        sound = self._sounds.pop(path, None)
        if sound is None:
            try:
                sound = self._pg.mixer.Sound(str(path))
            except (self._pg.error, OSError) as error:
                log.warning("the prompt %s cannot be played: %s", path, error)
                return None
        self._sounds[path] = sound
        while len(self._sounds) > KEPT:
            self._sounds.popitem(last=False)
        return sound


class FakeSpeaker:
    """The tests' speaker: ``said`` lists every file given, in order; each lasts
    ``seconds`` on ``clock``."""

    def __init__(self, clock: Callable[[], float], seconds: float = 0.4):
        self.clock = clock
        self.seconds = seconds
        self.said: list[Path] = []
        self.volume = 1.0
        self._queue = _Queue()
        self._until = 0.0

    @property
    def _pg(self):
        if self._pygame is None:
            import pygame

            self._pygame = pygame
        return self._pygame

    @property
    def busy(self) -> bool:
        return bool(self._queue.files) or self.clock() < self._until

    def say(self, files: list[Path], then: Callable[[], None] | None = None) -> None:
        self.stop()
        self._queue.replace(files, then)
        self.tick()

    def stop(self) -> None:
        self._queue.replace([], None)
        self._until = 0.0

    def tick(self) -> None:
        if self.clock() < self._until:
            return
        if self._queue.files:
            self.said.append(Path(self._queue.files.pop(0)))
            self._until = self.clock() + self.seconds
            return
        self._queue.finished()
