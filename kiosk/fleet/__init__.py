"""Several kiosks, one tour: the tour moved by Syncthing and checked before a kiosk takes it."""
