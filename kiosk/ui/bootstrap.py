"""Everything Kivy must be told before it is imported: window, input, logging, caches.

Call :func:`prepare_kivy` first thing in the `run` and `selftest` commands, before any
``import kivy``.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The development window (`--windowed`) and the default when no screen size is known.
WINDOWED_SIZE = (1280, 800)


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_kivy(data_dir: Path, windowed: bool, size: tuple[int, int] | None = None,
                 offscreen: bool | None = None) -> tuple[int, int]:
    """Set up Kivy's environment and config; returns the window size chosen."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    # Kivy's own settings folder inside our data folder: a ~/.kivy/config.ini left by
    # someone else can never change how the kiosk behaves.
    kivy_home = data_dir / "kivy"
    kivy_home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("KIVY_HOME", str(kivy_home))
    os.environ.setdefault("KIVY_USE_DEFAULTCONFIG", "1")
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    # Logging can never take the kiosk down (kiosk.logs): Kivy's own file logger raises
    # on a full disk from every log call, so it is never made; everything logged goes to
    # a file that drops and counts what it cannot write. Standard output and error too.
    os.environ["KIVY_NO_FILELOG"] = "1"
    from ..logs import log_everything, protect_std_streams

    protect_std_streams()
    log_everything(data_dir / "logs")
    if offscreen is None:
        offscreen = not has_display()
    if offscreen:
        os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    # SIGTERM and SIGINT are the kiosk's own (kiosk.ui.signals), not a window close
    # request that kiosk mode would refuse.
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    # The screen never blanks while the kiosk runs (SDL's default, said explicitly).
    os.environ["SDL_VIDEO_ALLOW_SCREENSAVER"] = "0"
    if size is None:
        size = WINDOWED_SIZE if (windowed or offscreen) else _desktop_size()

    # The screens are laid out for 1280x800; a larger display scales them up evenly, so
    # text stays legible from a step back instead of leaving the middle of a big screen.
    density = max(1.0, min(size[0] / WINDOWED_SIZE[0], size[1] / WINDOWED_SIZE[1]))
    os.environ.setdefault("KIVY_METRICS_DENSITY", f"{density:.3f}")

    from kivy.config import Config  # the first Kivy import

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "log_dir", str(data_dir / "logs"))
    Config.set("graphics", "width", str(size[0]))
    Config.set("graphics", "height", str(size[1]))
    Config.set("graphics", "resizable", "0" if not windowed else "1")
    # Full screen without asking the window system for it: on a bare X server "auto"
    # gave a small window in a corner, a borderless window the size of the display works.
    Config.set("graphics", "fullscreen", "0")
    Config.set("graphics", "borderless", "0" if windowed else "1")
    if not windowed:
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", "0")
        Config.set("graphics", "top", "0")
    # Multisampling only where a GPU pays for it (see kiosk.ui.rendering).
    from .rendering import multisamples

    Config.set("graphics", "multisamples", str(multisamples()))
    # A right click must not leave red multitouch-emulation dots on the screen.
    Config.set("input", "mouse", "mouse,disable_multitouch")

    # Kivy keeps every image it loads for 60 s with no limit on their number: a tour
    # browsed quickly would fill memory. Keep a few, for a short time.
    from kivy.cache import Cache

    Cache.register("kv.image", limit=12, timeout=20)
    Cache.register("kv.texture", limit=48, timeout=20)
    return size


def _desktop_size() -> tuple[int, int]:
    """The display's size, asked of SDL through pygame; a safe default if unknown."""
    try:
        import pygame

        pygame.display.init()
        try:
            sizes = pygame.display.get_desktop_sizes()
        finally:
            pygame.display.quit()
        if sizes and sizes[0][0] > 0:
            return tuple(sizes[0])
    except Exception:  # no display to ask: fall back quietly
        pass
    return (1920, 1080)
