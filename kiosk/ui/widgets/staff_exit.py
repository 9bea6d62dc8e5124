"""The staff panel's "Leave kiosk mode?" question (its rule: staff_exit.kv)."""

from ..rules import load_rules_beside
from .overlay import Overlay
from . import staff_parts  # noqa: F401  (StaffButton and the labels, in staff_exit.kv)


class StaffExitView(Overlay):
    """"Leave kiosk mode?": the way out asks first; Cancel (or a tap beside it) stays."""

    __events__ = ("on_confirm",)

    def on_confirm(self):
        pass


load_rules_beside(__file__)
