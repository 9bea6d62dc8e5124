"""A clock that moves only when told: for the pilot's fake time, and for tests."""


class FakeClock:
    """Callable like time.monotonic; ``advance`` moves it on."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
