"""The consumer loop every service uses to apply events to its own database.

- Idempotent: the event id is recorded in `processed_events` in the same transaction as the
  handler's effect, so a redelivered event changes nothing.
- Offsets are committed to Kafka only after the database commit: a crash in between redelivers,
  and the dedupe absorbs it.
- A message that cannot be read goes to `<topic>.dlq` and the loop goes on; a handler that fails
  for another reason (say, the database is down) is retried, and counted in metrics.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer, OffsetAndMetadata
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import KafkaError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from crm.events.v1 import envelope_pb2
from crm_platform.audit.actor import acting_as_system
from crm_platform.envelope import MalformedEvent, parse_envelope
from crm_platform.identity_from_envelope import context_of
from crm_platform.metrics import CONSUMER_FAILURES, EVENTS_CONSUMED
from crm_platform.outbox.tables import processed_events
from crm_platform.request_context import bound
from crm_platform.topics import dead_letter_topic

log = logging.getLogger(__name__)

# A handler applies one event inside the given session; it must not commit.
Handler = Callable[[Session, envelope_pb2.Envelope], None]


class EventConsumer:
    def __init__(
        self,
        consumer: KafkaConsumer,
        dead_letters: KafkaProducer,
        session_factory: sessionmaker[Session],
        handlers: Mapping[str, Handler],
        *,
        poll_timeout_ms: int = 500,
        retry_delay: float = 1.0,
        system_actor: str = "",
    ) -> None:
        self._consumer = consumer
        # The audit log's actor for the changes handlers make: by default the Kafka client id,
        # which names the service ("sales-consumer"). The event's user is still bound, so that
        # events published in turn carry it on.
        self._system_actor = system_actor or _client_id(consumer)
        self._dead_letters = dead_letters
        self._session_factory = session_factory
        self._handlers = dict(handlers)
        self._poll_timeout_ms = poll_timeout_ms
        self._retry_delay = retry_delay

    def poll_once(self) -> int:
        """Apply one polled batch and commit its offsets; returns how many records it read."""
        batches = self._consumer.poll(timeout_ms=self._poll_timeout_ms)
        count = 0
        for partition, records in batches.items():
            if self._apply_together(records):
                count += len(records)
                self._commit(partition, records[-1].offset + 1)
                continue
            done = None
            for record in records:
                if not self._apply_or_retry(record):
                    # Rewind so the failed record (and those after it) come again next poll.
                    self._consumer.seek(partition, record.offset)
                    break
                done = record.offset
                count += 1
            if done is not None:
                self._commit(partition, done + 1)
        return count

    def _apply_together(self, records: list[ConsumerRecord]) -> bool:
        """A partition's polled records in one transaction: at a backlog (a catch-up, a rebuild)
        one commit per batch instead of per event. Anything unusual (an unreadable record, a
        failing handler) rolls the batch back and returns False, and the records go one at a
        time, where dead letters and retries are handled."""
        try:
            parsed = [(record.topic, parse_envelope(record.value)) for record in records]
        except MalformedEvent:
            return False
        if any(topic not in self._handlers for topic, _ in parsed):
            return False
        outcomes: list[tuple[str, str]] = []
        try:
            with acting_as_system(self._system_actor), self._session_factory() as session:
                for topic, envelope in parsed:
                    with bound(*context_of(envelope)):
                        applied = self._apply_in(session, topic, envelope, self._handlers[topic])
                    outcomes.append((topic, "applied" if applied else "duplicate"))
                session.commit()
        except Exception:
            log.warning("a batch of %d failed; applying it one event at a time", len(records))
            return False
        for topic, outcome in outcomes:
            EVENTS_CONSUMED.labels(topic, outcome).inc()
        return True

    def _commit(self, partition, offset: int) -> None:
        """A commit the broker cannot take now is left to the next one, which covers it (the
        effects are in the database already; a redelivery after a restart is deduplicated)."""
        try:
            self._consumer.commit({partition: OffsetAndMetadata(offset, "", -1)})
        except KafkaError as exc:
            log.warning(
                "could not commit %s@%s, left to the next commit: %s", partition, offset, exc
            )

    def _apply_or_retry(self, record: ConsumerRecord) -> bool:
        try:
            envelope = parse_envelope(record.value)
            handler = self._handlers.get(record.topic)
            if handler is None:
                raise MalformedEvent(f"no handler for topic {record.topic}")
            self._apply(record.topic, envelope, handler)
            return True
        except MalformedEvent as exc:
            reason = str(exc)
        except Exception:
            return self._failed(record, "handler failed")
        try:
            self._dead_letter(record, reason)
            return True
        except Exception:
            # Say the broker is down: the record comes again rather than being skipped.
            return self._failed(record, "could not dead-letter")

    def _failed(self, record: ConsumerRecord, what: str) -> bool:
        CONSUMER_FAILURES.labels(record.topic).inc()
        log.exception(
            "%s on %s@%s/%s; will retry", what, record.topic, record.partition, record.offset
        )
        threading.Event().wait(self._retry_delay)
        return False

    def _apply(self, topic: str, envelope: envelope_pb2.Envelope, handler: Handler) -> None:
        identity, correlation_id = context_of(envelope)
        with (
            bound(identity, correlation_id),
            acting_as_system(self._system_actor),
            self._session_factory() as session,
        ):
            applied = self._apply_in(session, topic, envelope, handler)
            session.commit()
        EVENTS_CONSUMED.labels(topic, "applied" if applied else "duplicate").inc()

    @staticmethod
    def _apply_in(
        session: Session, topic: str, envelope: envelope_pb2.Envelope, handler: Handler
    ) -> bool:
        """Apply unless already processed (in this transaction too); False for a duplicate."""
        seen = session.execute(
            select(processed_events.c.event_id).where(
                processed_events.c.event_id == envelope.event_id
            )
        ).first()
        if seen is not None:
            return False
        handler(session, envelope)
        session.execute(
            insert(processed_events).values(
                event_id=envelope.event_id, topic=topic, processed_at=datetime.now(UTC)
            )
        )
        return True

    def _dead_letter(self, record: ConsumerRecord, reason: str) -> None:
        log.warning(
            "dead-lettering %s@%s/%s: %s", record.topic, record.partition, record.offset, reason
        )
        headers = [
            ("dlq-reason", reason.encode()[:1000]),
            ("dlq-source", f"{record.topic}/{record.partition}/{record.offset}".encode()),
        ]
        self._dead_letters.send(
            dead_letter_topic(record.topic), key=record.key, value=record.value, headers=headers
        ).get(timeout=30)
        EVENTS_CONSUMED.labels(record.topic, "dead_lettered").inc()

    def run(self, stop: threading.Event) -> None:
        """Consume until `stop` is set; a broker that is away is waited for, not fatal."""
        backoff = self._retry_delay
        while not stop.is_set():
            try:
                self.poll_once()
                backoff = self._retry_delay
            except KafkaError as exc:
                log.warning("cannot reach the broker, retrying in %.1fs: %s", backoff, exc)
                stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)

    def close(self) -> None:
        self._consumer.close()


def _client_id(consumer: KafkaConsumer) -> str:
    config = getattr(consumer, "config", None) or {}
    return str(config.get("client_id") or "event-consumer")
