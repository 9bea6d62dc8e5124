"""`python main.py run`: start the kiosk on the tour in the content folder."""

from __future__ import annotations

import sys
from pathlib import Path

from ..paths import ensure_data_dir


def build_app(content_dir: Path, data_dir: Path, player=None, watch: bool = True,
              count_visits: bool = True, clock=None, restart=None, speaker=None, **options):
    """The real app: the tour kept by a TourKeeper, prepared pictures, the real speaker.

    With a broken stops.yaml the last good tour is shown; with none at all the app shows
    its calm "being updated" screen and waits for staff to fix the file.
    ``count_visits=False`` (selftest, the soak) keeps the walk out of the visitors'
    figures: nothing is written to the visit log. ``clock`` and ``restart`` replace the
    real ones (tests), ``speaker`` the spoken guide's voice (the real one: pygame's mixer);
    ``options`` are KioskApp's (start_screen, transition_duration,
    show_cursor).
    """
    import time

    from ..analytics.events import EventLog
    from ..audio import PygameAudio
    from ..media import PreparedMedia
    from ..pin import PinStore
    from ..staff_settings import StaffSettings
    from ..narration import NarrationPlayer
    from ..prepare import media_cache_dir
    from ..tour_keeper import TourKeeper
    from .app import KioskApp
    from .services import KioskServices

    keeper = TourKeeper(content_dir, data_dir)
    # stops.yaml as it was last taken up: the first screen from its card, the tour read
    # after the first frame (kiosk.content.card); otherwise the tour is read now.
    card = keeper.start_card()
    tour = keeper.load() if card is None else None
    backend = None
    if player is None:
        backend = PygameAudio()  # opened once the first frame is on screen (see below)
        player = NarrationPlayer(backend)
    services = KioskServices(
        player, keeper=keeper, media=PreparedMedia(media_cache_dir(data_dir)),
        event_log=EventLog(data_dir, clock=time.time) if count_visits else None,
        pins=PinStore(data_dir), data_dir=data_dir, staff_settings=StaffSettings(data_dir),
        speaker=speaker)
    if speaker is None:
        from ..speech.speaker import PygameSpeaker

        services.speaker = PygameSpeaker()
    if clock is not None:
        services.clock = clock
    if restart is not None:
        services.restart = restart
    app = KioskApp(tour, services, watch=watch, card=card, **options)
    if backend is not None:
        open_audio_after_first_frame(app, backend)
    return app


def open_audio_after_first_frame(app, backend) -> None:
    """Open the sound device in the frame after the app's first one.

    ``import pygame`` (it imports numpy and pkg_resources too) and opening the mixer took
    150-200 ms of a 0.8 s start (docs/performance.md); nothing is heard before a visitor
    opens a stop, so the first screen does not wait for them. A recording loaded even
    earlier opens the device itself (NarrationPlayer.load), so nothing depends on this.
    """
    from .first_frame import after_first_frame

    def open_now():
        if not backend.available:
            backend.open()

    app.bind(on_start=lambda *_args: after_first_frame(open_now))


def usable_data_dir(data_dir: Path) -> Path:
    """The data folder, or, if it cannot be made or written, the user's fallback folder
    (the same one at each start, see :func:`kiosk.paths.fallback_data_dir`): the kiosk
    still serves visitors. The fallback gets the real folder's staff PIN, read there
    without writing; a real folder with no PIN leaves the staff panel shut."""
    from ..paths import fallback_data_dir
    from ..pin import carry_pin

    try:
        ensure_data_dir(data_dir)
        probe = data_dir / ".writable"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
        return data_dir
    except OSError as error:
        fallback = fallback_data_dir()
        pin = ("its staff PIN still opens the staff panel" if carry_pin(data_dir, fallback)
               else "it has no staff PIN, so the staff panel stays shut")
        print(f"The data folder {data_dir} cannot be written ({error.strerror or error}); "
              f"the kiosk runs with {fallback} until it is fixed ({pin}). Choose another "
              "with --data DIR.", file=sys.stderr)
        return fallback


def run_kiosk(content_dir: Path, data_dir: Path, windowed: bool = False) -> int:
    data_dir = usable_data_dir(data_dir)
    from .bootstrap import prepare_kivy

    prepare_kivy(data_dir, windowed=windowed)
    from .faults import log_to_file

    log_to_file(data_dir)
    app = build_app(content_dir, data_dir, show_cursor=windowed)
    app.bind(on_tour_read=lambda *_args: say_tour_problems(app.keeper.status))
    from .signals import SignalStop

    # SIGTERM (systemctl stop, a shutdown) and SIGINT (Ctrl+C) save the visit log and end
    # the kiosk with 143 or 130; 0 stays the status of staff leaving kiosk mode.
    stopper = SignalStop(app)
    stopper.install()
    keep_saying_alive(app)
    app.run()
    return stopper.status or 0


def say_tour_problems(status) -> None:
    """stops.yaml's problems, for whoever started the kiosk from a terminal (the staff
    panel and DATA/content-problems.txt say them too)."""
    if status.problems:
        print("\n".join(map(str, status.problems)), file=sys.stderr)
        print({"last-good": "\nstops.yaml has problems: the kiosk shows the last good tour.",
               "none": "\nstops.yaml has problems and there is no earlier good tour: the kiosk "
                       "shows 'being updated' until the file is fixed."}.get(status.source, ""),
              file=sys.stderr)


def keep_saying_alive(app) -> None:
    """READY once the first frame is on screen, then a beat from the kiosk's clock, for
    the service's watchdog or the restart loop's heartbeat file (kiosk.alive); silent
    when neither listens."""
    from kivy.clock import Clock

    from ..alive import Liveness
    from .first_frame import after_first_frame

    alive = Liveness.from_environment()
    if not alive.wanted:
        return

    def first_frame_shown():
        alive.ready()
        Clock.schedule_interval(lambda _dt: alive.beat(), alive.interval)

    app.bind(on_start=lambda *_args: after_first_frame(first_frame_shown),
             on_stop=lambda *_args: alive.stopping())
