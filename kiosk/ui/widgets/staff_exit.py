"""The staff panel's "Leave kiosk mode?" question (its rule: staff_exit.kv)."""

from .overlay import Overlay


class StaffExitView(Overlay):
    """"Leave kiosk mode?": the way out asks first; Cancel (or a tap beside it) stays."""

    __events__ = ("on_confirm",)

    def on_confirm(self):
        pass
