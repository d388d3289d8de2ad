"""Issue 24 #13: an event whose envelope names another producer than its topic's is refused by
the consumer (dead-lettered, with the reason) and the genuine events around it are applied;
on a real broker, through the real consumer loop."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from kafka import KafkaConsumer
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm_platform.consumer import EventConsumer
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import build_envelope
from crm_platform.kafka_clients import make_consumer, make_producer
from crm_platform.outbox.tables import platform_metadata
from crm_platform.topics import DEAL_CLOSED, Topic, create_topics, dead_letter_topic

test_metadata = MetaData()
applied = Table(
    "applied_deals",
    test_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("deal_id", String(60), nullable=False),
)


@pytest.fixture
def session_factory(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'desk.db'}")
    platform_metadata.create_all(engine)
    test_metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def record_deal(session, envelope) -> None:
    session.execute(insert(applied).values(deal_id=envelope.aggregate_id))


def deal_closed(deal_id: str, producer: str) -> bytes:
    payload = sales_events_pb2.DealClosed(deal_id=deal_id)
    envelope = build_envelope(
        topic=DEAL_CLOSED.name, aggregate_id=deal_id, payload=payload, producer=producer
    )
    return envelope.SerializeToString()


def test_a_deal_closed_event_not_from_sales_is_dead_lettered(kafka_broker, session_factory):
    bootstrap = kafka_broker.bootstrap_servers
    create_topics(bootstrap, [DEAL_CLOSED, Topic(dead_letter_topic(DEAL_CLOSED.name), 1)])
    run = uuid.uuid4().hex[:8]
    genuine, forged, after = f"{run}-genuine", f"{run}-forged", f"{run}-after"
    producer = make_producer(bootstrap, "test-forger")
    try:
        for deal_id, claimed in ((genuine, "sales"), (forged, "marketing"), (after, "sales")):
            # One key: one partition, in this order, so the forged one sits between the two.
            producer.send(DEAL_CLOSED.name, key=run.encode(), value=deal_closed(deal_id, claimed))
        producer.flush(10)
        consumer = EventConsumer(
            make_consumer(bootstrap, f"g-{run}", [DEAL_CLOSED.name], "service-desk-consumer"),
            producer,
            session_factory,
            {DEAL_CLOSED.name: record_deal},
            poll_timeout_ms=200,
            retry_delay=0.1,
        )
        try:

            @retry(stop=stop_after_delay(60), wait=wait_fixed(0), reraise=True)
            def drained() -> None:
                consumer.poll_once()
                assert after in mine(session_factory, run)

            drained()
        finally:
            consumer.close()
    finally:
        producer.close(timeout=5)
    assert mine(session_factory, run) == [genuine, after]

    dlq = KafkaConsumer(
        dead_letter_topic(DEAL_CLOSED.name),
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5000,
        group_id=None,
    )
    dead = [m for m in dlq if m.key == run.encode()]
    dlq.close()
    assert len(dead) == 1 and forged.encode() in dead[0].value  # the message as it was sent
    reason = dict(dead[0].headers)["dlq-reason"].decode()
    assert "'marketing'" in reason and "only 'sales' publishes" in reason, reason


def mine(session_factory, run: str) -> list[str]:
    with session_factory() as session:
        query = select(applied.c.deal_id).where(applied.c.deal_id.like(f"{run}-%"))
        return list(session.scalars(query.order_by(applied.c.id)))
