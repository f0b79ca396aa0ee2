"""The pacer's schedule, computed with a fake clock: no test waits for real time."""

from __future__ import annotations

import email.utils
import itertools

import pytest

from bulkio.kanbert.pacing import Pacer

from .fakes import FakeClock


def _pacer(clock: FakeClock, **options: float) -> Pacer:
    return Pacer(clock=clock, sleep=clock.sleep, wall_clock=clock, **options)  # type: ignore[arg-type]


def _starts(pacer: Pacer, clock: FakeClock, count: int, limit: int | None) -> list[float]:
    starts = []
    for n in range(count):
        sent = pacer.acquire()
        starts.append(round(sent - 1000.0, 6))
        remaining = None if limit is None else max(0, limit - 1 - n)
        pacer.record(sent, limit, remaining)
    return starts


def test_until_the_server_tells_it_starts_at_one_request_a_second() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    starts = []
    for _ in range(3):
        starts.append(pacer.acquire() - 1000.0)
        pacer.abandon()  # no answer came, so nothing was learned
    assert starts == [0.0, 1.0, 2.0]
    assert pacer.limit is None


def test_the_learned_limit_is_spent_evenly() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    starts = _starts(pacer, clock, 11, 600)
    assert starts[0] == 0.0
    gaps = {round(b - a, 6) for a, b in itertools.pairwise(starts)}
    assert gaps == {0.1}  # 600 a minute = one every 0.1 s
    assert pacer.limit == 600


def test_a_full_window_is_used_and_the_next_waits_for_the_window_end() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    starts = _starts(pacer, clock, 61, 60)
    assert starts[:60] == [float(n) for n in range(60)]  # all 60 in the first minute
    assert starts[60] >= 60.0  # the 61st only when the server's window has ended


def test_an_exhausted_remaining_holds_even_a_faster_pace() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    sent = pacer.acquire()
    pacer.record(sent, 600, 599)  # opens a window
    sent = pacer.acquire()
    pacer.record(sent, 600, 0)  # someone else spent the rest of it
    assert pacer.acquire() - 1000.0 >= 60.0


@pytest.mark.parametrize(("retry_after", "expected"), [("0", 0.75), ("5", 5.0), ("2.5", 2.5)])
def test_retry_after_pauses_every_start(retry_after: str, expected: float) -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    sent = pacer.acquire()
    pacer.record(sent, 6000, 100)
    assert pacer.throttled(retry_after, None) == expected
    assert pacer.acquire() - sent == pytest.approx(expected)


def test_retry_after_as_a_date_and_reset_as_unix_time() -> None:
    clock = FakeClock(start=1_700_000_000.0)
    pacer = _pacer(clock)
    date = email.utils.formatdate(1_700_000_007.0, usegmt=True)
    assert pacer.throttled(date, None) == pytest.approx(7.0)
    assert pacer.throttled(None, 1_700_000_003.0) == pytest.approx(3.0)


def test_a_silly_retry_after_is_bounded() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    assert pacer.throttled("999999", None) == 300.0
    assert pacer.throttled("-5", None) == 0.75


def test_a_server_that_announces_no_limit_is_not_paced() -> None:
    clock = FakeClock()
    pacer = _pacer(clock)
    assert _starts(pacer, clock, 5, None) == [0.0, 0.0, 0.0, 0.0, 0.0]
    assert pacer.throttled("2", None) == 2.0
    assert pacer.acquire() - 1000.0 == 2.0
