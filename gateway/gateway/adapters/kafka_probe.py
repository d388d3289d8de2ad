"""Is the Kafka broker reachable? Asked at most every few seconds, so that the status the UI
shows on every page costs no broker round trip."""

from __future__ import annotations

import logging
import threading
import time

from crm_platform.kafka_clients import broker_answers

REACHABLE = "reachable"
UNREACHABLE = "unreachable"

log = logging.getLogger(__name__)


class KafkaProbe:
    def __init__(self, bootstrap_servers: str, timeout: float, interval: float) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._timeout = timeout
        self._interval = interval
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._state = UNREACHABLE

    def state(self) -> str:
        with self._lock:
            # Threads arriving while one probes wait for its answer rather than probe too.
            # A failure is remembered as long as a success: nothing waits on the broker any
            # more (readiness no longer does), and a broken one must not cost every page the
            # probe's timeout.
            if time.monotonic() - self._checked_at >= self._interval:
                self._state = self._probe()
                self._checked_at = time.monotonic()
            return self._state

    def _probe(self) -> str:
        if broker_answers(self._bootstrap_servers, self._timeout):
            return REACHABLE
        log.warning("kafka unreachable at %s", self._bootstrap_servers)
        return UNREACHABLE
