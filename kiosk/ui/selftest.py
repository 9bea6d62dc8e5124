"""`python main.py selftest`: the real kiosk walks itself through every stop and language.

It starts the real app (offscreen when there is no display), opens home and the tour in
each language, then every stop: checks that its title and pictures are shown and that its
narration really plays, saves a screenshot of each, and exits non-zero on any problem.

The walk is driven by the kiosk's pilot (kiosk.ui.pilot) on a fake clock: time moves one
frame at a time and only when the walk says so, so two runs show the same screens, down
to the progress bars, and the screenshots can be compared pixel by pixel.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..paths import ensure_data_dir

#: How long a narration may take to start before selftest calls it a failure (seconds).
PLAY_DEADLINE = 3.0
#: How long the list of names may take to be read and indexed (seconds of real time).
NAMES_DEADLINE = 120.0


class SelfTest:
    """The walk, as a script for the pilot: it yields how many frames to draw next."""

    def __init__(self, app, backend, screenshots: Path | None, out=print):
        self.app = app
        self.backend = backend
        self.screenshots = screenshots
        self.out = out
        self.problems: list[str] = []
        self.shots = 0

    def fail(self, message: str) -> None:
        self.problems.append(message)
        self.out(f"PROBLEM {message}")

    def steps(self):
        app = self.app
        tour = app.tour
        yield 5
        self.shoot("attract")
        app.wake_up()
        for language in tour.languages:
            app.set_language(language)
            yield from self.home_and_tour(language, tour_frames=6)
            app.captions_on = True
            for stop in tour.stops:
                yield from self.visit(stop, language)
            yield from self.overlays(language)
            yield from self.find_a_name(language)
            yield from self.the_map(language)
            yield from self.modes(language)
            app.captions_on = False
            app.go_home()
            yield 2

    def overlays(self, language: str):
        """The keypad, the transcript and the idle question, as a visitor meets them."""
        app = self.app
        app.open_stop(app.tour.stops[0].id, how="selftest")
        yield 3
        app.open_keypad()
        app.keypad.press("9")
        yield 3
        self.shoot(f"keypad-{language}")
        app.keypad.dismiss(animation=False)
        if app.narration.has_captions:
            app.open_transcript()
            yield 3
            self.shoot(f"transcript-{language}")
            app.transcript.dismiss(animation=False)
        app.still_there.seconds_left = app.tour.museum.kiosk.countdown
        app.still_there.open(animation=False)
        yield 3
        self.shoot(f"still-there-{language}")
        app.still_there.dismiss(animation=False)
        if app.staff.pins is not None:  # the corner's long press: the only way out
            if not app.staff.pins.has_pin():  # no PIN set: the note that the panel is shut
                app.staff.ask_pin()
                yield 3
                self.shoot(f"staff-no-pin-{language}")
                app.staff.no_pin_view.dismiss(animation=False)
                yield 1
            pad = app.staff._pin_pad()  # the pad itself, as it opens once a PIN is set
            pad.start()
            yield 3
            missing = [key for key in (*(f"pin_{n}" for n in range(10)), "pin_enter")
                       if key not in pad.ids]
            if missing:
                self.fail(f"the staff PIN pad opened without {', '.join(missing)}: "
                          "staff could not leave kiosk mode")
            self.shoot(f"staff-pin-{language}")
            pad.dismiss(animation=False)
            yield 1
        app.staff.open()
        yield 4
        self.shoot(f"staff-{language}")
        app.staff.close()
        yield 1
        noted = next((s for s in app.tour.stops if s.content_note), None)
        if noted is not None:
            app.forget_content_note(noted.id)
            app.open_stop(noted.id, how="selftest")
            yield 3
            self.shoot(f"content-note-{language}")
            app.content_note.dismiss(animation=False)
        yield 1

    def find_a_name(self, suffix: str):
        """The search for a name with a name typed, and where the first one found stands."""
        app = self.app
        if not app.names.shown:
            return
        waited = time.monotonic()
        while not app.names.ready:  # read and indexed in the background
            if time.monotonic() - waited > NAMES_DEADLINE or not app.names.shown:
                self.fail("the list of names (museum.names) could not be made ready for "
                          "the search; run `python main.py check`")
                return
            yield 1
        screen = app.screens.get_screen("names")
        app.show_name_search()
        screen.clear()
        screen.type_text(app.names.roll.index.people[0].surname)
        yield 4
        if not screen.results:
            self.fail("the search for a name found nobody for the first surname of the list")
            return
        self.shoot(f"names-{suffix}")
        screen.choose(0)
        yield 4
        self.shoot(f"name-place-{suffix}")
        screen.clear()
        app.go_home()
        yield 1

    def the_map(self, suffix: str):
        """The map where the kiosk stands, its first pin's card open, and every plan."""
        app = self.app
        if not app.has_maps:
            return
        app.show_map()
        yield 4
        screen = app.screens.get_screen("map")
        for plan in app.tour.museum.maps:
            screen.dispatch("on_plan_chosen", plan.id)
            yield 2
            if screen.pins:
                screen.select(screen.pins[0]["stop_id"])
            yield 4
            self.shoot(f"map-{plan.id}-{suffix}")
        app.go_home()
        yield 1

    def home_and_tour(self, suffix: str, tour_frames: int):
        """The home screen and the tour's list, each drawn and shot (``home-SUFFIX``...)."""
        self.app.go_home()
        yield 4
        self.shoot(f"home-{suffix}")
        self.app.show_tour()
        yield tour_frames
        self.shoot(f"tour-{suffix}")

    def modes(self, language: str):
        """Larger text and high contrast, each on every screen a visitor meets."""
        app = self.app
        for mode, switch in (("large-text", app.toggle_large_text),
                             ("high-contrast", app.toggle_high_contrast)):
            switch()
            yield from self.home_and_tour(f"{language}-{mode}", tour_frames=5)
            app.open_stop(app.tour.stops[1 if len(app.tour.stops) > 1 else 0].id, how="selftest")
            yield 4
            app.narration.toggle()
            yield 8
            self.shoot(f"stop-{language}-{mode}")
            app.open_keypad()
            yield 3
            self.shoot(f"keypad-{language}-{mode}")
            app.keypad.dismiss(animation=False)
            app.narration.stop()
            yield from self.find_a_name(f"{language}-{mode}")
            yield from self.the_map(f"{language}-{mode}")
            switch()
            yield 2

    def visit(self, stop, language: str):
        app = self.app
        app.session.touch()  # a walk through every stop must not be taken for an idle kiosk
        app.accept_content_notes([stop.id])  # content notes have their own screenshot
        app.open_stop(stop.id, how="selftest")
        yield 4
        screen = app.screens.current_screen
        label = f"{stop.number} {stop.id} [{language}]"
        if screen.name != "stop" or screen.stop is not stop:
            self.fail(f"{label}: the stop screen did not open")
            return
        title = screen.ids.title.text
        if not title:
            self.fail(f"{label}: no title is shown")
        pictures = screen.ids.pictures.slides
        broken = [p.source for p in pictures if p.texture is None]
        if broken:
            self.fail(f"{label}: picture(s) not shown: {', '.join(broken)}")
        played = ""
        if language in stop.narration:
            from .pilot import Pilot

            view = app.narration
            view.toggle()
            for _frame in range(round(PLAY_DEADLINE / Pilot.FRAME)):
                yield 1
                if view.state == "playing" and self.backend.busy() and view.position > 0.2:
                    break
            if view.state != "playing" or not self.backend.busy():
                self.fail(f"{label}: the narration did not play (state {view.state}"
                          f"{': ' + view.player.error if view.player.error else ''})")
            else:
                played = f"plays ({view.duration:.0f} s)"
        else:
            played = "no narration in this language"
        self.shoot(f"stop-{stop.number}-{stop.id}-{language}")
        app.narration.stop()
        self.out(f"ok {label}: '{title}', {len(pictures)} picture(s), {played}")

    def shoot(self, name: str) -> None:
        if self.screenshots is None:
            return
        from kivy.core.window import Window

        written = Window.screenshot(name=str(self.screenshots / f"{name}.png"))
        if written:
            Path(written).replace(self.screenshots / f"{name}.png")
            self.shots += 1
        else:
            self.fail(f"the screenshot {name} could not be written")


def run_selftest(content_dir: Path, data_dir: Path, screenshots: Path | None) -> int:
    ensure_data_dir(data_dir)
    if screenshots is not None:
        try:
            screenshots.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            print(f"The screenshots folder {screenshots} cannot be made "
                  f"({error.strerror or error}): choose another with --screenshots DIR.",
                  file=sys.stderr)
            return 1
    from .bootstrap import prepare_kivy

    prepare_kivy(data_dir, windowed=True)
    from .pilot import FakeClock, Pilot, finish_every_frame, open_audio

    backend = open_audio()
    if backend is None:
        print("PROBLEM: audio cannot be opened even without a sound device.")
        return 1
    from ..content import read_tour
    from ..narration import NarrationPlayer
    from .launch import build_app

    tour, problems = (found := read_tour(content_dir)).tour, found.problems
    if tour is None:
        print("\n".join(map(str, problems)))
        print("\nselftest stopped: stops.yaml has problems (see above).")
        return 1
    clock = FakeClock(time.monotonic())
    # The walk is not a visitor: it stays out of the figures staff read (`stats`).
    app = build_app(content_dir, data_dir, player=NarrationPlayer(backend, clock=clock),
                    watch=False, count_visits=False, transition_duration=0, clock=clock)

    test = SelfTest(app, backend, screenshots)
    finish_every_frame()
    try:
        pilot = Pilot.start(app, clock)
        pilot.run(test.steps())
    except Exception as error:  # report, never hang: selftest must always end
        test.fail(f"selftest itself failed: {error!r}")
    app.stop()
    stops = len(app.tour.stops)
    print(f"\nselftest: {stops} stops x {len(app.tour.languages)} languages visited, "
          f"{test.shots} screenshot(s)" + (f" in {screenshots}" if screenshots else "")
          + f", {len(test.problems)} problem(s).")
    sys.stdout.flush()
    return 1 if test.problems else 0
