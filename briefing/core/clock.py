"""Time, injected: the ``TimeSource`` everything that reads the time takes, and the decision clock.

``TimeSource`` is the one way code asks the time: ``monotonic()`` for durations (the decision clock,
timers) and ``now()`` for the wall-clock time written into logs and saves. ``SYSTEM_TIME`` asks the
system; ``FakeTime`` is set and moved by hand, so a test drives time without sleeping.

The decision clock (``Clock``): how long the current decision has taken, and the workshop countdown
(``--timer``). Pure (no Textual): the app owns one ``Clock``, restarts it at every scene, and ticks the
screen from it. Paused time does not count, neither towards the countdown nor towards the decision's
recorded seconds.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

TIMESTAMP = "%Y-%m-%dT%H:%M:%S%z"  # how logs and saves write a time: 2022-01-05T09:40:00+0600


class TimeSource(Protocol):
    """Where the time comes from."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (only differences mean anything)."""
        ...

    def now(self) -> datetime:
        """The local wall-clock time, with its UTC offset."""
        ...


class SystemTime:
    """The system's clocks."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()


SYSTEM_TIME: TimeSource = SystemTime()


class FakeTime:
    """A time source for tests: it stands still until ``advance`` moves it. Calling it gives
    ``monotonic()``, so ``Clock(90, now=fake)`` works too."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0) -> None:
        self.wall = start or datetime(2022, 1, 5, 9, 40).astimezone()
        self.seconds = monotonic

    def advance(self, seconds: float) -> None:
        self.seconds += seconds
        self.wall += timedelta(seconds=seconds)

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.wall

    def __call__(self) -> float:
        return self.seconds


def timestamp(source: TimeSource = SYSTEM_TIME) -> str:
    """The time now as logs and saves write it (``TIMESTAMP``)."""
    return source.now().strftime(TIMESTAMP)


WARNING_SECONDS = 30  # the countdown turns to its warning style for the last 30 seconds


def mm_ss(seconds: float, up: bool = True) -> str:
    """``mm:ss``; ``up`` rounds up (a countdown shows 00:01 until it is really over)."""
    s = max(0, int(math.ceil(seconds - 1e-9) if up else math.floor(seconds)))
    return f"{s // 60:02d}:{s % 60:02d}" if s < 6000 else f"{s // 60}:{s % 60:02d}"


class Clock:
    """``Clock(total)``: a countdown of ``total`` seconds, or with ``total`` None a plain stopwatch.

    It reads ``now`` (seconds, monotonic), by default ``source.monotonic``."""

    def __init__(
        self,
        total: float | None = None,
        now: Callable[[], float] | None = None,
        *,
        source: TimeSource = SYSTEM_TIME,
    ) -> None:
        self.total = float(total) if total else None
        self.now: Callable[[], float] = now or source.monotonic
        self.restart()

    def restart(self, waiting: bool = False) -> None:
        """A new decision: from zero (or the full countdown), running; ``waiting``: held at zero until
        :meth:`start` (the scene asks a judgement first, and only its choices are timed)."""
        self.started = self.now()
        self.paused_at: float | None = None
        self.paused_for = 0.0
        self.fired = False  # the countdown reached zero and the app acted on it
        self.waiting = waiting

    def start(self) -> None:
        """The choices are on offer: a waiting clock counts from now (a paused one when resumed)."""
        if self.waiting:
            self.waiting = False
            self.started = self.now()
            self.paused_for = 0.0
            if self.paused_at is not None:
                self.paused_at = self.started

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def pause(self) -> None:
        if self.paused_at is None:
            self.paused_at = self.now()

    def resume(self) -> None:
        if self.paused_at is not None:
            self.paused_for += self.now() - self.paused_at
            self.paused_at = None

    def toggle(self) -> bool:
        """Pause or resume; True when it is paused now."""
        if self.paused:
            self.resume()
        else:
            self.pause()
        return self.paused

    def elapsed(self) -> float:
        """Seconds this decision has taken, paused time left out."""
        if self.waiting:
            return 0.0
        end = self.paused_at if self.paused_at is not None else self.now()
        return max(0.0, end - self.started - self.paused_for)

    def remaining(self) -> float | None:
        if self.total is None:
            return None
        return max(0.0, self.total - self.elapsed())

    @property
    def expired(self) -> bool:
        r = self.remaining()
        return r is not None and r <= 0

    @property
    def warning(self) -> bool:
        r = self.remaining()
        return r is not None and r <= WARNING_SECONDS

    def due(self) -> bool:
        """True once, when the countdown has run out and nobody has acted on it yet."""
        return self.expired and not self.fired and not self.paused

    def label(self) -> str:
        """mm:ss left on the countdown, or taken so far without one."""
        r = self.remaining()
        return mm_ss(r) if r is not None else mm_ss(self.elapsed(), up=False)
