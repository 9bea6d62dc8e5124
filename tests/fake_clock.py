"""A clock for tests: seconds that move only when a test says so."""


class FakeClock:
    """Callable like time.monotonic; ``advance`` moves it on."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
