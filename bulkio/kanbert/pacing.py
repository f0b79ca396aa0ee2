"""The rate-limit pacer: when may the next request start?

Requests are the scarce resource (60 a minute by default, more on bigger plans), so the
pacer spends the limit fully and evenly instead of bursting into ``429``:

- It learns the limit from ``X-RateLimit-Limit`` on every answer; nothing is hard-coded.
  Until the first answer tells, one request is in flight at a time, at one a second. When
  the first answer announces no limit at all, starts are not paced (429s still are).
- Starts are spaced ``window / limit`` apart (a token bucket refilled at limit/60 per second,
  ``burst`` deep; by default 1, i.e. perfectly even).
- ``X-RateLimit-Remaining`` is the server's word on what is left in its current window: when it
  (minus the requests still in flight) is used up, starts wait for the window to end.
- A ``429`` pauses every start for ``Retry-After`` seconds (or until ``X-RateLimit-Reset``);
  ``Retry-After: 0`` still waits ``min_wait``, so a server that says "now" is not hammered.

Clock and sleep are injected, so tests check the schedule without waiting for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

from bulkio.kanbert.wire import RATE_WINDOW_SECONDS

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class Pacer:
    """Decides start times for requests; thread-safe. Every ``acquire`` must be followed by
    exactly one ``record`` (an answer came) or ``abandon`` (none came)."""

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        wall_clock: Clock = time.time,
        window: float = RATE_WINDOW_SECONDS,
        initial_per_window: int = 60,
        burst: int = 1,
        min_wait: float = 0.75,
        max_wait: float = 300.0,
        window_margin: float = 0.25,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._window = window
        self._burst = max(1, burst)
        self._min_wait = min_wait
        self._max_wait = max_wait
        self._window_margin = window_margin
        self._limit: int | None = None
        self._interval = window / max(1, initial_per_window)
        self._next_at: float | None = None  # theoretical arrival time of the next start
        self._hold_until = 0.0
        self._window_start: float | None = None
        self._in_flight = 0
        self._answered = False  # has any answer come back yet?
        self._cond = threading.Condition()
        self.waited = 0.0  # seconds spent waiting, for the counters

    @property
    def limit(self) -> int | None:
        """The limit per window the server announced, once it has."""
        return self._limit

    def acquire(self) -> float:
        """Block until a request may start; return the moment it starts (clock time)."""
        waited = 0.0
        with self._cond:
            while True:
                now = self._clock()
                if not self._answered and self._in_flight > 0:
                    # Nothing known yet: let the first request come back and tell the limit.
                    self._cond.wait(timeout=0.05)
                    continue
                earliest = max(now, self._hold_until)
                if self._next_at is not None:
                    earliest = max(earliest, self._next_at - (self._burst - 1) * self._interval)
                if earliest <= now:
                    base = now if self._next_at is None else max(self._next_at, now)
                    self._next_at = base + self._interval
                    self._in_flight += 1
                    self.waited += waited
                    return now
                delay = earliest - now
                self._cond.release()
                try:
                    self._sleep(delay)
                finally:
                    self._cond.acquire()
                waited += delay

    def record(self, sent_at: float, limit: int | None, remaining: int | None) -> None:
        """An answer came for a request started at ``sent_at`` with these rate headers."""
        with self._cond:
            self._in_flight = max(0, self._in_flight - 1)
            if not self._answered and limit is None and self._limit is None:
                # The first answer announces no limit: the server does not throttle (a local
                # sandbox with the limit off). Do not pace; a 429 would still be honoured.
                self._interval = 0.0
                self._next_at = None
            self._answered = True
            if limit is not None and limit >= 1 and limit != self._limit:
                self._limit = limit
                new_interval = self._window / limit
                if self._next_at is not None:  # re-space the start already promised
                    self._next_at += new_interval - self._interval
                self._interval = new_interval
            if remaining is not None and self._limit is not None:
                if remaining >= self._limit - 1:
                    self._window_start = sent_at  # this request opened a new window
                if remaining - self._in_flight <= 0:
                    self._hold_for_window_end()
            self._cond.notify_all()

    def abandon(self, *, reached: bool = True) -> None:
        """A request ended without an answer (timeout, dropped connection). One that never
        ``reached`` the server (no connection could be opened) cost nothing of the limit:
        its start is given back, so the next request need not wait for it."""
        with self._cond:
            self._in_flight = max(0, self._in_flight - 1)
            if not reached and self._next_at is not None:
                self._next_at -= self._interval
            self._cond.notify_all()

    def throttled(self, retry_after: str | None, reset_at: float | None) -> float:
        """A 429 came: pause every start. Return the pause in seconds."""
        with self._cond:
            now = self._clock()
            pause = _seconds_from_retry_after(retry_after, self._wall_clock())
            if pause is None and reset_at is not None:
                pause = reset_at - self._wall_clock()
            if pause is None:
                pause = self._interval
            pause = min(self._max_wait, max(self._min_wait, pause))
            self._hold_until = max(self._hold_until, now + pause)
            self._window_start = None
            return pause

    def _hold_for_window_end(self) -> None:
        now = self._clock()
        if self._window_start is not None:
            end = self._window_start + self._window + self._window_margin
            if end > now:
                self._hold_until = max(self._hold_until, end)
                return
        # The window's start is unknown: do not start another one before a full interval.
        self._hold_until = max(self._hold_until, now + self._interval)


def _seconds_from_retry_after(value: str | None, wall_now: float) -> float | None:
    """``Retry-After`` is seconds (``"5"``) or an HTTP date; None when missing or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).timestamp() - wall_now
    except (TypeError, ValueError):
        return None
