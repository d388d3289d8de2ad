"""Replays the event topics from the beginning up to given end offsets, through the same
idempotent consumer loop as the live consumer, into whatever database it is given."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping

from kafka import KafkaConsumer, TopicPartition
from sqlalchemy.orm import Session, sessionmaker

from crm_platform.consumer import EventConsumer
from crm_platform.kafka_clients import security_options
from reporting.entrypoints.event_handlers import event_handlers

log = logging.getLogger(__name__)


class _AlreadyDeadLettered:
    """A message that cannot be read went to the dead-letter topic in the live run; a replay
    must not send it there a second time."""

    class _Sent:
        def get(self, timeout: float | None = None) -> None:
            return None

    def send(self, *args, **kwargs) -> _Sent:
        return self._Sent()


def replay(
    bootstrap_servers: str,
    end: Mapping[TopicPartition, int],
    session_factory: sessionmaker[Session],
) -> int:
    """Apply every event before `end` on each partition; returns how many records were read."""
    # The loop commits offsets after each batch, so it needs a group: a throwaway one with
    # manual assignment, never the live consumer's.
    kafka = KafkaConsumer(
        bootstrap_servers=bootstrap_servers.split(","),
        group_id=f"reporting-rebuild-{uuid.uuid4().hex[:8]}",
        client_id="reporting-rebuild",
        enable_auto_commit=False,
        isolation_level="read_committed",
        # A poll is one transaction of set-based folds: the bigger, the fewer statements and
        # commits per event (measured: 500 → 5,000 saves ~20% of the replay's CPU time).
        max_poll_records=5000,
        **security_options(),
    )
    partitions = list(end)
    kafka.assign(partitions)
    kafka.seek_to_beginning(*partitions)
    loop = EventConsumer(
        kafka, _AlreadyDeadLettered(), session_factory, event_handlers(None), poll_timeout_ms=500
    )
    read = 0
    try:
        # Records past `end` (events published meanwhile) may be applied too; the hand-over
        # offsets are set to `end`, and the live consumer's dedupe absorbs the overlap.
        while any(kafka.position(tp) < offset for tp, offset in end.items()):
            read += loop.poll_once()
        log.info("replayed %d records up to the end offsets read at the start", read)
        return read
    finally:
        loop.close()
