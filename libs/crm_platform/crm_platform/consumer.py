"""The consumer loop every service uses to apply events to its own database.

- Idempotent: the event id is recorded in `processed_events` in the same transaction as the
  handler's effect, so a redelivered event changes nothing.
- Offsets are committed to Kafka only after the database commit: a crash in between redelivers,
  and the dedupe absorbs it.
- A message that cannot be read, or whose envelope names another producer than its topic's
  (a forged event), goes to `<topic>.dlq` and the loop goes on; a handler that fails
  for another reason (say, the database is down) is retried, and counted in metrics.
- A polled batch is applied in one transaction: one query finds the events already processed,
  and a handler made with `batch_handler` gets all its new events in one call, so that a
  catch-up or a rebuild costs a few statements per batch rather than several per event.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer, OffsetAndMetadata
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import KafkaError
from sqlalchemy import String, any_, bindparam, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, sessionmaker

from crm.events.v1 import envelope_pb2
from crm_platform.audit.actor import acting_as_system
from crm_platform.envelope import MalformedEvent, check_producer, parse_envelope
from crm_platform.identity_from_envelope import context_of
from crm_platform.metrics import CONSUMER_FAILURES, EVENTS_CONSUMED
from crm_platform.outbox.tables import processed_events
from crm_platform.request_context import bound
from crm_platform.topics import dead_letter_topic

log = logging.getLogger(__name__)

# A handler applies one event inside the given session; it must not commit.
Handler = Callable[[Session, envelope_pb2.Envelope], None]
# A batch handler applies new events (no duplicates among them) in their order within each
# partition, inside the given session; it must not commit.
ApplyMany = Callable[[Session, list[envelope_pb2.Envelope]], None]

# Event ids per `IN (...)` query: far below any database's limit on bound parameters.
_IDS_PER_QUERY = 1000


class BatchHandler:
    """A handler that takes a polled batch's new events in one call. It still works as a
    per-event handler (a batch of one), which is how the one-at-a-time fallback uses it.

    Topics registered with the same `apply_many` share one call per batch: one function for
    every topic folds the whole batch at once. Unlike per-event handlers, it runs without the
    events' identities bound (it gets many): it must not publish events on a user's behalf.
    """

    def __init__(self, apply_many: ApplyMany) -> None:
        self.apply_many = apply_many

    def __call__(self, session: Session, envelope: envelope_pb2.Envelope) -> None:
        self.apply_many(session, [envelope])


def batch_handler(apply_many: ApplyMany) -> BatchHandler:
    return BatchHandler(apply_many)


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
        if not batches:
            return 0
        # The whole poll in one transaction; if that fails, each partition's records together;
        # if that fails too, one record at a time, where dead letters and retries are handled.
        if len(batches) > 1 and self._apply_together(
            [record for records in batches.values() for record in records]
        ):
            self._commit({p: records[-1].offset + 1 for p, records in batches.items()})
            return sum(len(records) for records in batches.values())
        count = 0
        for partition, records in batches.items():
            if self._apply_together(records):
                count += len(records)
                self._commit({partition: records[-1].offset + 1})
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
                self._commit({partition: done + 1})
        return count

    def _apply_together(self, records: Sequence[ConsumerRecord]) -> bool:
        """Records in one transaction: at a backlog (a catch-up, a rebuild) one commit, one
        dedupe query and one insert of event ids per batch instead of per event. Anything
        unusual (an unreadable record, a failing handler) rolls it all back and returns False."""
        try:
            parsed = [(record.topic, _read(record)) for record in records]
        except MalformedEvent:
            return False
        if any(topic not in self._handlers for topic, _ in parsed):
            return False
        try:
            with acting_as_system(self._system_actor), self._session_factory() as session:
                new, outcomes = _new_events(session, parsed)
                self._handle(session, new)
                if new:
                    now = datetime.now(UTC)
                    session.execute(
                        insert(processed_events),
                        [
                            {"event_id": e.event_id, "topic": topic, "processed_at": now}
                            for topic, e in new
                        ],
                    )
                session.commit()
        except Exception:
            log.warning("a batch of %d failed; applying it in smaller parts", len(records))
            return False
        for (topic, outcome), count in outcomes.items():
            EVENTS_CONSUMED.labels(topic, outcome).inc(count)
        return True

    def _handle(self, session: Session, new: list[tuple[str, envelope_pb2.Envelope]]) -> None:
        """Per-event handlers one by one with the event's identity bound; batch handlers once
        per batch with their events in order (a partition's records keep their order)."""
        together: dict[ApplyMany, list[envelope_pb2.Envelope]] = {}
        for topic, envelope in new:
            handler = self._handlers[topic]
            if isinstance(handler, BatchHandler):
                together.setdefault(handler.apply_many, []).append(envelope)
                continue
            with bound(*context_of(envelope)):
                handler(session, envelope)
        for apply_many, envelopes in together.items():
            apply_many(session, envelopes)

    def _commit(self, offsets: Mapping) -> None:
        """A commit the broker cannot take now is left to the next one, which covers it (the
        effects are in the database already; a redelivery after a restart is deduplicated)."""
        try:
            self._consumer.commit({p: OffsetAndMetadata(o, "", -1) for p, o in offsets.items()})
        except KafkaError as exc:
            log.warning("could not commit %s, left to the next commit: %s", dict(offsets), exc)

    def _apply_or_retry(self, record: ConsumerRecord) -> bool:
        try:
            envelope = _read(record)
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


def _read(record: ConsumerRecord) -> envelope_pb2.Envelope:
    """The record's envelope; MalformedEvent if unreadable, ForgedEvent from a wrong producer."""
    envelope = parse_envelope(record.value)
    check_producer(record.topic, envelope)
    return envelope


def _new_events(
    session: Session, parsed: list[tuple[str, envelope_pb2.Envelope]]
) -> tuple[list[tuple[str, envelope_pb2.Envelope]], Counter[tuple[str, str]]]:
    """The events neither processed before nor repeated earlier in the batch, in order, and
    the count of each (topic, outcome)."""
    seen = _processed(session, {envelope.event_id for _, envelope in parsed})
    new, outcomes = [], Counter()
    for topic, envelope in parsed:
        if envelope.event_id in seen:
            outcomes[topic, "duplicate"] += 1
            continue
        seen.add(envelope.event_id)
        new.append((topic, envelope))
        outcomes[topic, "applied"] += 1
    return new, outcomes


def _processed(session: Session, event_ids: Iterable[str]) -> set[str]:
    ids, found = sorted(event_ids), set()
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        found.update(
            session.scalars(select(processed_events.c.event_id).where(_one_of(session, chunk)))
        )
    return found


def _one_of(session: Session, event_ids: list[str]):
    """On PostgreSQL `event_id = ANY(:ids)`, one array parameter: with an IN list of a
    thousand placeholders the driver spends more time parsing the query than the server
    answering it. Elsewhere a plain IN."""
    column = processed_events.c.event_id
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, event_ids, type_=ARRAY(String)))
    return column.in_(event_ids)


def _client_id(consumer: KafkaConsumer) -> str:
    config = getattr(consumer, "config", None) or {}
    return str(config.get("client_id") or "event-consumer")
