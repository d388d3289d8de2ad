"""A bounded closed-loop load: N threads call a function back to back for a fixed time."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

from measurement import Measurement, from_latencies
from pools import PoolExhausted


def run_closed_loop(
    scenario: str, path: str, call: Callable[[], object], *, threads: int, seconds: float
) -> Measurement:
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors = [0] * threads
    deadline = time.perf_counter() + seconds

    def worker(index: int) -> None:
        mine = latencies[index]
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                call()
            except PoolExhausted:
                return  # every record of the pool was used: this worker is done
            except Exception as exc:
                if not any(errors):  # the first failure is shown: a count alone says nothing
                    print(f"  {scenario} / {path}: {exc!r}", file=sys.stderr)
                errors[index] += 1
                continue
            mine.append(time.perf_counter() - started)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(seconds + 30)
    elapsed = time.perf_counter() - started
    merged = [latency for chunk in latencies for latency in chunk]
    return from_latencies(scenario, path, merged, elapsed, sum(errors))
