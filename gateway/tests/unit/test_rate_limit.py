"""The token bucket behind the public survey endpoint, on a fake clock."""

from __future__ import annotations

import threading

import pytest

from gateway.domain.rate_limit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_per_interval() -> None:
    clock = Clock()
    limiter = RateLimiter(0.5, 3, clock=clock)  # one every 2 s

    assert [limiter.acquire("a") for _ in range(4)] == [0, 0, 0, 2]
    clock.now += 1
    assert limiter.acquire("a") == 1
    clock.now += 1
    assert limiter.acquire("a") == 0
    assert limiter.acquire("a") == 2


def test_refill_stops_at_the_burst() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 2, clock=clock)
    limiter.acquire("a")
    clock.now += 3600
    assert [limiter.acquire("a") for _ in range(3)] == [0, 0, 1]


def test_each_address_has_its_own_bucket() -> None:
    limiter = RateLimiter(0.01, 1, clock=Clock())
    assert limiter.acquire("a") == 0
    assert limiter.acquire("a") == 100
    assert limiter.acquire("b") == 0


def test_memory_is_bounded_by_forgetting_the_least_recent() -> None:
    limiter = RateLimiter(0.01, 1, clock=Clock(), max_keys=2)
    for key in ("a", "b", "c"):
        limiter.acquire(key)
    assert len(limiter) == 2
    assert limiter.acquire("a") == 0  # forgotten, so a full bucket again
    assert limiter.acquire("c") > 0


def test_concurrent_requests_never_spend_more_than_the_burst() -> None:
    limiter = RateLimiter(0.001, 5, clock=Clock())
    results: list[int] = []
    lock = threading.Lock()

    def hit() -> None:
        wait = limiter.acquire("a")
        with lock:
            results.append(wait)

    threads = [threading.Thread(target=hit) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(0) == 5


@pytest.mark.parametrize(("rate", "burst"), [(0, 1), (1, 0), (-1, 5)])
def test_nonsense_limits_are_refused(rate: float, burst: int) -> None:
    with pytest.raises(ValueError):
        RateLimiter(rate, burst)
