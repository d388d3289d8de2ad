"""The consumer's batch path against a real broker and a real SQLite database: a batch handler
gets each polled batch's new events once (duplicates dropped, on the wire and within the
batch), per-event handlers beside it still work, and a batch with an unreadable record falls
back to one record at a time, dead-letters it and applies the rest once."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import func, select
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm_platform.consumer import EventConsumer, batch_handler
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import build_envelope
from crm_platform.kafka_clients import make_producer
from crm_platform.metrics import EVENTS_CONSUMED
from crm_platform.outbox.tables import platform_metadata, processed_events
from crm_platform.topics import Topic, create_topics, dead_letter_topic


@pytest.fixture
def topics(kafka_broker) -> list[str]:
    names = [f"batch-{uuid.uuid4().hex[:8]}.{n}" for n in ("lead-created", "lead-changed")]
    create_topics(
        kafka_broker.bootstrap_servers,
        [t for n in names for t in (Topic(n, partitions=1), Topic(dead_letter_topic(n), 1))],
    )
    return names


@pytest.fixture
def session_factory(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'service.db'}")
    platform_metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def producer(kafka_broker):
    p = make_producer(kafka_broker.bootstrap_servers, "test-batches")
    yield p
    p.close(timeout=5)


def event(topic: str, name: str) -> bytes:
    payload = sales_events_pb2.LeadCreated(lead_id=name, full_name=name)
    envelope = build_envelope(topic=topic, aggregate_id=name, payload=payload, producer="t")
    return envelope.SerializeToString()


def consumer_of(kafka_broker, topics, session_factory, producer, handlers) -> EventConsumer:
    # Assigned, not subscribed: no group to join, so the first poll already has records.
    kafka = KafkaConsumer(
        bootstrap_servers=kafka_broker.bootstrap_servers,
        group_id=f"g-{uuid.uuid4().hex[:6]}",
        enable_auto_commit=False,
    )
    partitions = [TopicPartition(topic, 0) for topic in topics]
    kafka.assign(partitions)
    kafka.seek_to_beginning(*partitions)
    return EventConsumer(
        kafka, producer, session_factory, handlers, poll_timeout_ms=500, retry_delay=0.1
    )


def drain(consumer: EventConsumer, done, seconds: float = 30) -> None:
    @retry(stop=stop_after_delay(seconds), wait=wait_fixed(0), reraise=True)
    def _wait():
        consumer.poll_once()
        assert done()

    _wait()


def processed(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(processed_events))


def consumed(topic: str, outcome: str) -> float:
    return EVENTS_CONSUMED.labels(topic, outcome)._value.get()


def test_a_batch_handler_gets_each_new_event_once_beside_a_per_event_handler(
    kafka_broker, topics, session_factory, producer
):
    batched, single = topics
    calls: list[list[str]] = []
    one_by_one: list[str] = []
    handlers = {
        batched: batch_handler(lambda s, envelopes: calls.append([e.event_id for e in envelopes])),
        single: lambda s, envelope: one_by_one.append(envelope.event_id),
    }
    values = [event(batched, f"lead-{i}") for i in range(20)]
    for value in values + values[:3]:  # three sent again, as a relay that crashed would
        producer.send(batched, value=value)
    producer.send(single, value=event(single, "other"))
    producer.flush(timeout=30)

    consumer = consumer_of(kafka_broker, topics, session_factory, producer, handlers)
    try:
        drain(consumer, lambda: processed(session_factory) == 21)
        for _ in range(3):  # redeliveries have every chance to be applied again
            consumer.poll_once()
    finally:
        consumer.close()

    applied = [event_id for call in calls for event_id in call]
    assert len(applied) == len(set(applied)) == 20
    assert len(calls) < 20, "the events came in batches, not one call each"
    assert len(one_by_one) == 1
    assert consumed(batched, "applied") == 20 and consumed(batched, "duplicate") == 3
    assert consumed(single, "applied") == 1


def test_a_batch_with_an_unreadable_record_dead_letters_it_and_applies_the_rest_once(
    kafka_broker, topics, session_factory, producer
):
    topic = topics[0]
    applied: list[str] = []
    handlers = {topic: batch_handler(lambda s, envs: applied.extend(e.event_id for e in envs))}
    good = [event(topic, f"lead-{i}") for i in range(6)]
    for value in [*good[:3], b"\x00not an envelope", good[1], *good[3:]]:
        producer.send(topic, value=value)
    producer.flush(timeout=30)

    consumer = consumer_of(kafka_broker, topics, session_factory, producer, handlers)
    try:
        drain(consumer, lambda: processed(session_factory) == 6)
        consumer.poll_once()
    finally:
        consumer.close()

    assert len(applied) == len(set(applied)) == 6
    assert consumed(topic, "dead_lettered") == 1 and consumed(topic, "duplicate") == 1
    letters = KafkaConsumer(
        bootstrap_servers=kafka_broker.bootstrap_servers,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5000,
    )
    letters.assign([TopicPartition(dead_letter_topic(topic), 0)])
    assert [m.value for m in letters] == [b"\x00not an envelope"]
    letters.close()
