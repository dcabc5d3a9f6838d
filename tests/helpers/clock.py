"""A clock of the test's own, for a module that reads `time.time()` or `time.monotonic()`:
put in place of the module's `time` (monkeypatch), it moves only when the test moves it."""


class Clock:
    def __init__(self, now=0.0):
        self.now = float(now)

    def time(self):
        return self.now

    def monotonic(self):
        return self.now

    def set(self, now):
        self.now = float(now)

    def advance(self, seconds):
        self.now += seconds
