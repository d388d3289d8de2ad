"""Outbox → relay → real Kafka broker → idempotent consumer, on a real SQLite database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm_platform.consumer import EventConsumer
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.kafka_clients import make_consumer, make_producer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import outbox, platform_metadata
from crm_platform.request_context import Identity, bound
from crm_platform.topics import Topic, create_topics, dead_letter_topic
from crm_platform.unit_of_work import UnitOfWork

test_metadata = MetaData()
applied = Table(
    "applied",
    test_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("lead_id", String(40), nullable=False),
    Column("full_name", String(200), nullable=False),
)


@pytest.fixture
def topic(kafka_broker) -> str:
    name = f"test-{uuid.uuid4().hex[:8]}.lead-created"
    create_topics(
        kafka_broker.bootstrap_servers,
        [Topic(name, partitions=3), Topic(dead_letter_topic(name), partitions=1)],
    )
    return name


@pytest.fixture
def database(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'service.db'}"
    engine = make_engine(url)
    platform_metadata.create_all(engine)
    test_metadata.create_all(engine)
    yield url, make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def producer(kafka_broker):
    p = make_producer(kafka_broker.bootstrap_servers, "test-relay")
    yield p
    p.close(timeout=5)


def record_lead(session, envelope) -> None:
    lead = unpack(envelope, sales_events_pb2.LeadCreated)
    session.execute(insert(applied).values(lead_id=lead.lead_id, full_name=lead.full_name))


def write_leads(session_factory, topic: str, names: list[str], aggregate: str | None = None):
    """Commit one change per name, each with its event, as a use case would."""
    event_ids = []
    for name in names:
        with UnitOfWork(session_factory, "test") as uow:
            lead_id = aggregate or str(uuid.uuid4())
            uow.session.execute(insert(applied).values(lead_id="source-row", full_name=name))
            event_ids.append(
                uow.publish(
                    topic, lead_id, sales_events_pb2.LeadCreated(lead_id=lead_id, full_name=name)
                )
            )
            uow.commit()
    return event_ids


def consumer_for(kafka_broker, topic, session_factory, producer) -> EventConsumer:
    return EventConsumer(
        make_consumer(kafka_broker.bootstrap_servers, f"g-{uuid.uuid4().hex[:6]}", [topic], "t"),
        producer,
        session_factory,
        {topic: record_lead},
        poll_timeout_ms=200,
        retry_delay=0.1,
    )


def applied_names(session_factory) -> list[str]:
    with session_factory() as s:
        return list(
            s.scalars(
                select(applied.c.full_name)
                .where(applied.c.lead_id != "source-row")
                .order_by(applied.c.id)
            )
        )


def drain_until(consumer: EventConsumer, session_factory, expected: int, seconds: float = 30):
    @retry(stop=stop_after_delay(seconds), wait=wait_fixed(0), reraise=True)
    def _wait():
        consumer.poll_once()
        assert len(applied_names(session_factory)) >= expected

    _wait()


def test_event_written_with_the_change_reaches_the_consumer_once(
    kafka_broker, topic, database, producer
):
    _, session_factory = database
    with bound(Identity("u-7", frozenset({"sales"})), "corr-1"):
        [event_id] = write_leads(session_factory, topic, ["Ada"])

    assert OutboxRelay(session_factory, producer).relay_once() == 1
    assert OutboxRelay(session_factory, producer).relay_once() == 0  # marked sent
    with session_factory() as s:
        assert s.scalar(select(func.count()).where(outbox.c.sent_at.is_(None))) == 0

    consumer = consumer_for(kafka_broker, topic, session_factory, producer)
    try:
        drain_until(consumer, session_factory, 1)
    finally:
        consumer.close()
    assert applied_names(session_factory) == ["Ada"]

    # The envelope on the wire carries who and why.
    raw = KafkaConsumer(
        bootstrap_servers=kafka_broker.bootstrap_servers,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5000,
    )
    raw.assign([TopicPartition(topic, p) for p in range(3)])
    raw.seek_to_beginning()
    [message] = [m for m in raw]
    raw.close()
    envelope = parse_envelope(message.value)
    assert envelope.event_id == event_id
    assert envelope.actor.user_id == "u-7" and list(envelope.actor.roles) == ["sales"]
    assert envelope.correlation_id == "corr-1"
    assert envelope.producer == "test" and envelope.event_type == topic
    assert message.key == envelope.aggregate_id.encode()


def test_a_rolled_back_change_leaves_no_event(database):
    _, session_factory = database
    with UnitOfWork(session_factory, "test") as uow:
        uow.publish("any.topic", "a1", sales_events_pb2.LeadCreated(lead_id="a1"))
        # no commit: leaving the block rolls the change and its event back together
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(outbox)) == 0


def test_redelivered_event_has_no_second_effect(kafka_broker, topic, database, producer):
    _, session_factory = database
    write_leads(session_factory, topic, ["Bo"])
    OutboxRelay(session_factory, producer).relay_once()
    with session_factory() as s:
        payload = s.scalar(select(outbox.c.payload))
    # The same event again, as a relay that crashed before marking it sent would do.
    producer.send(topic, key=b"again", value=payload).get(timeout=10)
    write_leads(session_factory, topic, ["Cy"])
    OutboxRelay(session_factory, producer).relay_once()

    consumer = consumer_for(kafka_broker, topic, session_factory, producer)
    try:
        drain_until(consumer, session_factory, 2)
        for _ in range(5):  # give a second copy every chance to be applied
            consumer.poll_once()
    finally:
        consumer.close()
    assert sorted(applied_names(session_factory)) == ["Bo", "Cy"]


def test_garbage_goes_to_the_dead_letter_topic_and_the_consumer_goes_on(
    kafka_broker, topic, database, producer
):
    _, session_factory = database
    producer.send(topic, key=b"k", value=b"\x00not a protobuf envelope").get(timeout=10)
    producer.send(topic, key=b"k", value=b"").get(timeout=10)
    write_leads(session_factory, topic, ["Di"], aggregate="k")  # same partition, after the junk
    OutboxRelay(session_factory, producer).relay_once()

    consumer = consumer_for(kafka_broker, topic, session_factory, producer)
    try:
        drain_until(consumer, session_factory, 1)
    finally:
        consumer.close()
    assert applied_names(session_factory) == ["Di"]

    dlq = KafkaConsumer(
        dead_letter_topic(topic),
        bootstrap_servers=kafka_broker.bootstrap_servers,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5000,
        group_id=None,
    )
    dead = [m for m in dlq]
    dlq.close()
    assert [m.value for m in dead] == [b"\x00not a protobuf envelope", b""]
    assert all(dict(m.headers)["dlq-reason"] for m in dead)


def test_events_of_one_aggregate_arrive_in_order(kafka_broker, topic, database, producer):
    _, session_factory = database
    names = [f"step-{i:02d}" for i in range(20)]
    write_leads(session_factory, topic, names, aggregate="deal-1")
    OutboxRelay(session_factory, producer, batch_size=7).relay_once()  # several batches
    relay = OutboxRelay(session_factory, producer, batch_size=7)
    while relay.relay_once():
        pass
    consumer = consumer_for(kafka_broker, topic, session_factory, producer)
    try:
        drain_until(consumer, session_factory, 20)
    finally:
        consumer.close()
    assert applied_names(session_factory) == names


RELAY_PROCESS = textwrap.dedent(
    """
    import sys, threading
    from crm_platform.database import make_engine, make_session_factory
    from crm_platform.kafka_clients import make_producer
    from crm_platform.outbox.relay import OutboxRelay
    url, bootstrap = sys.argv[1], sys.argv[2]
    relay = OutboxRelay(make_session_factory(make_engine(url)), make_producer(bootstrap, "victim"),
                        batch_size=5000)
    print("ready", flush=True)
    relay.run(threading.Event())
    """
)


def test_relay_killed_mid_send_loses_nothing(kafka_broker, topic, database, producer):
    url, session_factory = database
    names = [f"lead-{i:04d}" for i in range(3000)]
    with UnitOfWork(session_factory, "test") as uow:  # one big commit, then the relay dies
        for name in names:
            uow.publish(topic, name, sales_events_pb2.LeadCreated(lead_id=name, full_name=name))
        uow.commit()

    victim = subprocess.Popen(
        [sys.executable, "-c", RELAY_PROCESS, url, kafka_broker.bootstrap_servers],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert victim.stdout.readline().strip() == b"ready"
    wait_until_topic_has_messages(kafka_broker, topic)
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    with session_factory() as s:
        unsent = s.scalar(select(func.count()).where(outbox.c.sent_at.is_(None)))
    assert unsent == len(names), "the relay died after marking: the crash window was missed"

    relay = OutboxRelay(session_factory, producer)
    while relay.relay_once():
        pass
    consumer = consumer_for(kafka_broker, topic, session_factory, producer)
    try:
        drain_until(consumer, session_factory, len(names), seconds=60)
        for _ in range(3):
            consumer.poll_once()
    finally:
        consumer.close()
    assert sorted(applied_names(session_factory)) == names


def wait_until_topic_has_messages(kafka_broker, topic: str) -> None:
    probe = KafkaConsumer(bootstrap_servers=kafka_broker.bootstrap_servers)
    partitions = [TopicPartition(topic, p) for p in range(3)]

    @retry(stop=stop_after_delay(30), wait=wait_fixed(0.005), reraise=True)
    def _wait():
        assert sum(probe.end_offsets(partitions).values()) > 0

    try:
        _wait()
    finally:
        probe.close()
