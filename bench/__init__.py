"""Benchmarks of the kiosk: `python -m bench [--quick] [--content DIR]` (from the repo root).

Each figure is measured beside a *floor*: the same kind of measurement on the least the
machine can do (a one-Label Kivy app, a bare pygame call), taken in the same run, so a
slow or busy machine shows up in both numbers. Results go to ``bench/results.json`` and
``docs/performance.md``; see ``bench.__main__`` for the options.

Figures, one module each (the ``_*_child`` modules are what they run in fresh processes):

- ``bench.first_frame``: process start to the first frame of the home screen.
- ``bench.tap_to_play``: a tap on the play button to the narration playing.
- ``bench.memory``: resident memory while every stop is visited again and again.
"""
