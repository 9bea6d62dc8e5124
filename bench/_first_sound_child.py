"""Child of the first-sound figure: a tap on play to the first audible sample played.

    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=OUT python -m bench._first_sound_child CONTENT DATA TAPS

SDL's ``disk`` driver stands in for the sound card: it writes what the mixer plays to OUT,
in real time, as a card would play it. A thread watches OUT (every millisecond, the bytes
written since the tap) for the first sample louder than -40 dBFS. Then TAPS times, in turn:

- FLOOR: ``pygame.mixer.music.load(f); play()`` of the stop's own recording, to its first
  audible sample in OUT; then ``stop()``.
- The kiosk: stop the narration, touch the play button's centre (touch_down, a frame,
  touch_up) and keep the kiosk's loop turning until the first audible sample is in OUT.
  Timed from just before touch_up.

Between two samples the mixer is left a moment to flush the last one's sound.
"""

import os
import sys
import threading
import time
from pathlib import Path

import numpy as np

from bench._app_driver import finish, frames, narrated_stops, play_button, settle, start_real_app
from bench._common import emit

#: Give up on one sample after this long (s).
PATIENCE = 3.0
#: Louder than this (of full scale, -40 dBFS) is heard.
AUDIBLE = 0.01
#: Let the mixer flush a stopped sound before the next sample (s).
FLUSH = 0.4


class Output:
    """The disk driver's file: when its first audible sample after a mark was written."""

    def __init__(self, path: str, frame_bytes: int):
        self.path, self.frame_bytes = path, frame_bytes
        self.heard_at: float | None = None
        self._from = 0
        self._stop = threading.Event()
        self._armed = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def mark(self) -> None:
        """From here on, the next audible sample counts."""
        self._from = os.path.getsize(self.path) // self.frame_bytes * self.frame_bytes
        self.heard_at = None
        self._armed.set()

    def wait(self, began: float, turn=None) -> float:
        """ms from ``began`` to the first audible sample after the mark."""
        while self.heard_at is None:
            if time.perf_counter() - began > PATIENCE:
                raise SystemExit("no sound reached the output")
            if turn is not None:
                turn()
            else:
                time.sleep(0.001)
        self._armed.clear()
        return (self.heard_at - began) * 1000

    def close(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        with open(self.path, "rb") as out:
            while not self._stop.is_set():
                if not self._armed.is_set() or self.heard_at is not None:
                    time.sleep(0.001)
                    continue
                out.seek(self._from)
                data = out.read()
                whole = len(data) // 2 * 2
                samples = np.frombuffer(data[:whole], dtype=np.int16)
                loud = np.flatnonzero(np.abs(samples) > AUDIBLE * 32768)
                if loud.size:
                    self.heard_at = time.perf_counter()
                else:
                    self._from += whole // self.frame_bytes * self.frame_bytes
                    time.sleep(0.001)


def lead_silence_ms(path: str) -> float:
    """The recording's own silence before its first audible sample."""
    import soundfile

    data, rate = soundfile.read(path, dtype="float32", frames=44100 * 2)
    level = np.abs(data if data.ndim == 1 else data.max(axis=1))
    return float(np.flatnonzero(level > AUDIBLE)[0] / rate * 1000)


def floor_sample(output: Output, recording: str) -> float:
    import pygame

    music = pygame.mixer.music
    music.stop()
    time.sleep(FLUSH)
    output.mark()
    began = time.perf_counter()
    music.load(recording)
    music.play()
    took = output.wait(began)
    music.stop()
    return took


def tap_sample(app, output: Output, button) -> float:
    from kivy.base import EventLoop

    from kiosk.ui.synthetic_touch import SyntheticTouch

    app.narration.stop()
    frames(1)
    time.sleep(FLUSH)
    while button.state != "normal":  # the last tap's pressed look (min_state_time)
        frames(1)
    touch = SyntheticTouch(*button.to_window(*button.center))
    touch.touch_down()
    EventLoop.idle()
    output.mark()
    began = time.perf_counter()
    touch.touch_up()
    took = output.wait(began, turn=EventLoop.idle)
    if app.narration.state != "playing":
        raise SystemExit(f"after the tap the narration is {app.narration.state}")
    return took


def main(content: str, data: str, taps: str) -> None:
    import pygame

    app, _backend = start_real_app(Path(content), Path(data))
    frequency, size, channels = pygame.mixer.get_init()
    output = Output(os.environ["SDL_DISKAUDIOFILE"], channels * abs(size) // 8)
    stop = narrated_stops(app)[0]
    recording = str(app.tour.file(stop.narration[app.language].audio))
    app.open_stop(stop.id)
    settle()
    button = play_button(app)
    ours, floor = [], []
    for _ in range(int(taps)):
        floor.append(floor_sample(output, recording))
        frames(2)
        ours.append(tap_sample(app, output, button))
    output.close()
    driver = pygame.mixer.get_init()
    finish(app)
    emit({"ours_ms": ours, "floor_ms": floor, "stop": stop.id,
          "recording": Path(recording).name, "lead_ms": lead_silence_ms(recording),
          "mixer": list(driver)})


if __name__ == "__main__":
    main(*sys.argv[1:4])
