"""Measures the reporting consumer group's lag per topic from the broker, in the serve
process: a stopped or stuck consumer shows as growing lag, which a metric of the consumer
process itself could not report. The lag feeds a Prometheus gauge, GetStatus, and the gRPC
health of crm.reporting.v1.ReportingService (NOT_SERVING above REPORTING_MAX_READY_LAG)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping

from kafka.errors import KafkaError
from prometheus_client import Gauge

from crm_platform.topics import EVENT_TOPICS
from reporting.adapters.kafka_offsets import KafkaOffsets
from reporting.domain.lag import is_ready, lag_per_topic

log = logging.getLogger(__name__)

CONSUMER_LAG = Gauge(
    "crm_consumer_lag_events",
    "Events on a topic that a consumer group has not applied yet",
    ["group", "topic"],
)


class LagMonitor:
    def __init__(
        self,
        offsets_factory: Callable[[], KafkaOffsets],
        group: str,
        max_lag: int,
        on_readiness: Callable[[bool], None] = lambda ready: None,
    ) -> None:
        self._offsets_factory = offsets_factory
        self._offsets: KafkaOffsets | None = None
        self._group = group
        self._max_lag = max_lag
        self.on_readiness = on_readiness
        self._lags: Mapping[str, int] = {}
        self._ready = True  # until the first measure: do not fail a fresh start

    def current(self) -> tuple[Mapping[str, int], bool]:
        return self._lags, self._ready

    def check_once(self) -> None:
        try:
            if self._offsets is None:
                self._offsets = self._offsets_factory()
            end = self._offsets.end_offsets(t.name for t in EVENT_TOPICS)
            lags = lag_per_topic(end, self._offsets.committed(self._group))
        except (KafkaError, OSError) as error:
            # Unknown lag changes nothing: the read models are as good as they were.
            log.warning("cannot measure consumer lag: %s", error)
            self._close()
            return
        for topic, lag in lags.items():
            CONSUMER_LAG.labels(self._group, topic).set(lag)
        self._lags, ready = lags, is_ready(lags, self._max_lag)
        if ready != self._ready:
            log.info("reporting %s (lag %s)", "ready" if ready else "NOT ready", dict(lags))
        self._ready = ready
        self.on_readiness(ready)

    def run(self, stop: threading.Event, interval: float) -> None:
        while not stop.is_set():
            self.check_once()
            stop.wait(interval)
        self._close()

    def _close(self) -> None:
        if self._offsets is not None:
            self._offsets.close()
            self._offsets = None
