"""Overlay: Kivy's ModalView, safe to open and close for months.

Kivy 2.3.1's ``ModalView.open()`` binds the view's centring (``_align_center``) to its own
``center`` and ``size`` at every opening and never unbinds it. The kiosk keeps its
overlays (the keypad, the transcript, "Are you still there?", the content note, the staff
PIN) and opens them again and again, so each opening left two more bindings behind: the
soak counted 32 on the "still there" question alone after 1,000 random actions, kept for
as long as the kiosk runs, each one called at every move of the view.

An Overlay drops the previous opening's two bindings just before ``open()`` makes its
own (``on_pre_open`` is dispatched between the two), so one pair is bound at a time.
"""

from kivy.uix.modalview import ModalView


class Overlay(ModalView):
    """A ModalView that keeps one centring binding however often it is opened."""

    def on_pre_open(self):
        # funbind removes one binding if there is one, and does nothing otherwise.
        self.funbind("center", self._align_center)
        self.funbind("size", self._align_center)
