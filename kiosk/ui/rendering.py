"""Drawing in software or on a GPU: two settings follow from it.

Without a GPU driver, Mesa draws every frame on the CPU (llvmpipe), on the same cores as
the kiosk: a full redraw of a screen cost 60-90 ms here with Kivy's default 2x
multisampling and about a third of that without it, and a 0.3 s fade between screens
came out as a jump of two or three slow frames (docs/performance.md). So in software
the kiosk draws without multisampling (only the edges of drawn shapes lose their
smoothing; text and pictures are textures and look the same) and changes screens with a
cut. With a GPU both are cheap and stay on.

``KIOSK_GL`` overrides the guess: ``software`` or ``gpu``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

#: Words in GL_RENDERER that mean the CPU draws (Mesa's llvmpipe/softpipe, swrast,
#: Google's SwiftShader, Microsoft's "GDI Generic" / "Basic Render").
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast", "software", "swiftshader",
                      "gdi generic", "basic render")


def _forced() -> bool | None:
    """What ``KIOSK_GL`` says (True: software, False: a GPU), or None: guess."""
    forced = os.environ.get("KIOSK_GL", "").strip().lower()
    return forced == "software" if forced in ("software", "gpu") else None


def expect_software(dri: Path = Path("/dev/dri")) -> bool:
    """Before the window exists: will frames be drawn on the CPU?

    A GPU that Mesa can use shows as a device in /dev/dri (a Raspberry Pi's vc4/v3d
    too); with none, Mesa falls back to llvmpipe.
    """
    forced = _forced()
    return forced if forced is not None else not dri.exists()


def multisamples(dri: Path = Path("/dev/dri")) -> int:
    """Kivy's ``graphics.multisamples`` for this machine (Kivy's default is 2)."""
    return 0 if expect_software(dri) else 2


def renderer_is_software(renderer: str) -> bool:
    name = renderer.lower()
    return any(word in name for word in SOFTWARE_RENDERERS)


def draws_in_software() -> bool:
    """Once the window is open: is the GL renderer a software one? (``KIOSK_GL`` wins.)"""
    forced = _forced()
    if forced is not None:
        return forced
    try:
        from kivy.core.window import Window  # noqa: F401  (the GL context)
        from kivy.graphics.opengl import GL_RENDERER, glGetString

        renderer = glGetString(GL_RENDERER)
        renderer = renderer.decode("utf-8", "replace") if isinstance(renderer, bytes) else str(renderer)
    except Exception as exc:  # noqa: BLE001 - a guess is enough to choose a transition
        log.warning("Could not ask the GL renderer's name (%s): guessing", exc)
        return expect_software()
    return renderer_is_software(renderer)
