"""An open-loop load at a fixed rate: request i is due at start + i / rate whether or not the
earlier ones have answered, and its latency counts from when it was due (so a slow server's
queueing shows in the percentiles instead of slowing the generator down with it).

wrk has no rate option; this is a small paced generator over keep-alive connections, one per
worker thread. Bounded: rate x seconds requests, and a timeout per request."""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from urllib.parse import urlsplit

from measurement import Measurement, from_latencies


def run_open_loop(
    scenario: str,
    url: str,
    *,
    token: str,
    rate: float,
    seconds: float,
    workers: int = 16,
) -> Measurement:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    total = int(rate * seconds)
    counter = itertools.count()
    latencies: list[list[float]] = [[] for _ in range(workers)]
    start = time.perf_counter() + 0.2  # every worker connected before the first is due
    # A server too slow for the rate would keep the workers going long after `seconds`: past
    # this they stop, and the requests never sent count as errors.
    give_up = start + seconds + 30

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        headers = {"Authorization": f"Bearer {token}"}
        mine = latencies[index]
        try:
            while (number := next(counter)) < total and time.perf_counter() < give_up:
                due = start + number / rate
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                try:
                    connection.request("GET", target, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    connection.close()  # reconnects on the next request
                    ok = False
                if ok:  # a failure is counted from what is missing at the end
                    mine.append(time.perf_counter() - due)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, give_up - time.perf_counter()) + 15)
    elapsed = time.perf_counter() - start
    merged = [latency for chunk in latencies for latency in chunk]
    failed = total - len(merged)  # errors and requests never sent
    return from_latencies(scenario, f"rest open loop {rate:g}/s", merged, elapsed, failed)
