"""A token bucket per key (here: per client address), in process memory.

Each key may burst up to `burst` requests, then one more per 1/`rate` seconds. Memory is
bounded: past `max_keys` the least recently seen key is forgotten (it comes back with a full
bucket, which errs on the side of letting a real customer through). Limits are per process: with
N gunicorn workers a client gets up to N times the rate, which is fine for slowing down token
guessing and form spam but not a quota.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        rate_per_second: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        if rate_per_second <= 0 or burst < 1 or max_keys < 1:
            raise ValueError("rate, burst and max_keys must be positive")
        self._rate = rate_per_second
        self._burst = float(burst)
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        # gunicorn runs threads: two requests of one client must not both spend the last token.
        self._lock = threading.Lock()

    def acquire(self, key: str) -> int:
        """0 if the request may go ahead (a token is spent); else the whole seconds to wait,
        for a Retry-After header."""
        with self._lock:
            now = self._clock()
            tokens, last = self._buckets.pop(key, (self._burst, now))
            tokens = min(self._burst, tokens + (now - last) * self._rate)
            if tokens >= 1:
                wait = 0
                tokens -= 1
            else:
                wait = max(1, math.ceil((1 - tokens) / self._rate))
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
            return wait

    def __len__(self) -> int:
        return len(self._buckets)
