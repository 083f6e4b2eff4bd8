"""The decision clock: how long the current decision has taken, and the workshop countdown (``--timer``).

Pure (no Textual): the app owns one ``Clock``, restarts it at every scene, and ticks the screen from it.
Paused time does not count, neither towards the countdown nor towards the decision's recorded seconds.
``now`` can be replaced (tests drive the clock without sleeping).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

WARNING_SECONDS = 30  # the countdown turns to its warning style for the last 30 seconds


def mm_ss(seconds: float, up: bool = True) -> str:
    """``mm:ss``; ``up`` rounds up (a countdown shows 00:01 until it is really over)."""
    s = max(0, int(math.ceil(seconds - 1e-9) if up else math.floor(seconds)))
    return f"{s // 60:02d}:{s % 60:02d}" if s < 6000 else f"{s // 60}:{s % 60:02d}"


class Clock:
    """``Clock(total)``: a countdown of ``total`` seconds, or with ``total`` None a plain stopwatch."""

    def __init__(self, total: float | None = None, now: Callable[[], float] = time.monotonic):
        self.total = float(total) if total else None
        self.now = now
        self.restart()

    def restart(self) -> None:
        """A new decision: from zero (or the full countdown), running."""
        self.started = self.now()
        self.paused_at: float | None = None
        self.paused_for = 0.0
        self.fired = False  # the countdown reached zero and the app acted on it

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
