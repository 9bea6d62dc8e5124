"""Child of the spoken guide's figure: a key of the number pad to its prompt playing.

    python -m bench._prompt_child CONTENT DATA PRESSES

The real kiosk on the demo tour with its real speaker for the spoken guide (pygame's mixer;
SDL's silent ``dummy`` driver where there is no sound device), the guide started and
English chosen. Then PRESSES times a digit key of the number pad, timed from the key's
dispatch until the prompt's channel is busy (the first sound handed to the device).
FLOOR, just before each press: ``Sound(file).play()`` on a channel of its own until busy,
on the same prompt file, in the same process.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench._app_driver import finish, frames, start_real_app
from bench._common import emit

PATIENCE = 2.0
PAD = 256


def floor_sample(path: Path) -> float:
    import pygame

    channel = pygame.mixer.Channel(5)
    channel.stop()
    began = time.perf_counter()
    channel.play(pygame.mixer.Sound(str(path)))
    while not channel.get_busy():
        if time.perf_counter() - began > PATIENCE:
            raise SystemExit("floor: the channel never became busy")
    took = 1000 * (time.perf_counter() - began)
    channel.stop()
    return took


def press(window, speaker, code: int) -> float:
    from kivy.base import EventLoop

    speaker.stop()
    channel = speaker._get_channel()
    while channel.get_busy():
        EventLoop.idle()
    began = time.perf_counter()
    window.dispatch("on_key_down", code, 0, None, [])
    window.dispatch("on_key_up", code, 0)
    while not channel.get_busy():
        if time.perf_counter() - began > PATIENCE:
            raise SystemExit("the prompt never started")
        EventLoop.idle()
    return 1000 * (time.perf_counter() - began)


def main(content: str, data: str, presses: str) -> None:
    from kivy.base import EventLoop

    from kiosk.speech.phrases import number_parts
    from kiosk.speech.prompts import prompt_file

    app, _backend = start_real_app(Path(content), Path(data), start_screen="home")
    window = EventLoop.window
    app.start_spoken_guide()
    frames(2)
    app.spoken_key(PAD + 3)  # English
    frames(2)
    speaker = app.speaker
    ours, floor = [], []
    for n in range(int(presses)):
        digit = 1 + n % 9
        app._spoken_guide().typed = ""  # each press says a one-digit number
        first = prompt_file(app.tour.root, "en", number_parts(digit, "en")[0])
        floor.append(floor_sample(first))
        ours.append(press(window, speaker, PAD + digit))
    emit({"ours_ms": ours, "floor_ms": floor})
    finish(app)


if __name__ == "__main__":
    main(*sys.argv[1:4])
