"""Is the Kafka broker reachable? Asked at most every few seconds, so /readyz stays fast."""

from __future__ import annotations

import logging
import threading
import time

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

REACHABLE = "reachable"
UNREACHABLE = "unreachable"

log = logging.getLogger(__name__)


class KafkaProbe:
    def __init__(self, bootstrap_servers: str, timeout: float, interval: float) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._timeout_ms = max(int(timeout * 1000), 100)
        self._interval = interval
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._state = UNREACHABLE

    def state(self) -> str:
        with self._lock:
            # Threads arriving while one probes wait for its answer rather than probe too.
            if time.monotonic() - self._checked_at >= self._interval:
                self._state = self._probe()
                self._checked_at = time.monotonic()
            return self._state

    def _probe(self) -> str:
        client = None
        try:
            client = KafkaAdminClient(
                bootstrap_servers=self._bootstrap_servers,
                client_id="crm-gateway-readiness",
                bootstrap_timeout_ms=self._timeout_ms,
                request_timeout_ms=self._timeout_ms,
                reconnect_backoff_max_ms=self._timeout_ms,
            )
            client.describe_cluster()
            return REACHABLE
        except (KafkaError, OSError) as error:
            log.warning("kafka unreachable: %s", error)
            return UNREACHABLE
        finally:
            if client is not None:
                client.close()
