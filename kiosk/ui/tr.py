"""An observable translator for kv rules: ``text: app.tr._('Start the tour')``.

Kivy binds a kv rule to every observable it reads. The rule reads ``tr._``, so it binds to
the name ``_`` of this object; switching language calls those bindings again and every
label is redrawn in the new language without any screen knowing about it.

Where a number meets a noun, kv calls ``tr.ngettext``, bound the same way:
``text: app.tr.ngettext('{n} stop', '{n} stops', root.count).format(n=root.count)``.
"""

from __future__ import annotations

from kivy.event import Observable

from ..i18n import Catalogs


# The names kv rules read on this object; switching language re-runs every rule bound to them.
OBSERVED = ("_", "ngettext")


class Translator(Observable):
    """Turns the interface's English message ids into the visitor's language."""

    def __init__(self, catalogs: Catalogs, language: str = "en", **kwargs):
        super().__init__(**kwargs)
        self.catalogs = catalogs
        self.language = language
        self._observers: list[tuple] = []

    def _(self, message: str) -> str:
        return self.catalogs.gettext(self.language, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form ``n`` takes in the visitor's language (one, few, many...)."""
        return self.catalogs.ngettext(self.language, singular, plural, n)

    def switch(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        for observer in list(self._observers):
            func, largs, _kwargs = observer
            try:
                func(*largs, None, None)
            except ReferenceError:  # the label it drew is gone: forget it
                # By identity: comparing it with the others would touch its dead label again.
                self._observers = [kept for kept in self._observers if kept is not observer]

    # Observable protocol, as the kv language uses it for ``tr._`` and ``tr.ngettext``.
    def fbind(self, name, func, *largs, **kwargs):
        if name in OBSERVED:
            self._observers.append((func, largs, kwargs))
            return len(self._observers)
        return super().fbind(name, func, *largs, **kwargs)

    def funbind(self, name, func, *largs, **kwargs):
        if name in OBSERVED:
            key = (func, largs, kwargs)
            if key in self._observers:
                self._observers.remove(key)
            return None
        return super().funbind(name, func, *largs, **kwargs)

    def unbind_uid(self, name, uid):
        if name in OBSERVED and 0 < uid <= len(self._observers):
            return None
        return super().unbind_uid(name, uid)
