"""Shown when there is no tour to show yet: stops.yaml is being edited and has problems.

A visitor sees a calm sentence in each language; staff find the problems in the data
folder's content-problems.txt (and with `python main.py check`). The kiosk watches the
file and shows the tour as soon as it is right.
"""

from kivy.properties import ListProperty
from kivy.uix.screenmanager import Screen

from ..rules import load_rules_beside


class UpdatingScreen(Screen):
    """:attr:`lines` holds the message, once per language."""

    lines = ListProperty([])


load_rules_beside(__file__)
