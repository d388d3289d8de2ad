"""A won deal's `sales.deal-closed`, written through a real outbox and relayed over a real Kafka
broker, schedules exactly one follow-up in a real PostgreSQL database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import func, select, update
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm.events.v1 import service_desk_events_pb2 as events
from crm_platform.consumer import EventConsumer
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.kafka_clients import make_consumer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import outbox, platform_metadata, processed_events
from crm_platform.request_context import Identity, bound
from crm_platform.topics import Topic, create_topics, dead_letter_topic
from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.tables import FollowUpRow
from service_desk.entrypoints.event_handlers import DEAL_CLOSED, event_handlers
from service_desk.service.events import FOLLOW_UP_SCHEDULED
from service_desk.settings import ServiceDeskSettings

CLOSED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def topic(kafka_broker) -> str:
    # A topic of this test's own, so that other tests' deals on the shared broker stay apart.
    name = f"test-{uuid.uuid4().hex[:8]}.deal-closed"
    create_topics(
        kafka_broker.bootstrap_servers, [Topic(name, 3), Topic(dead_letter_topic(name), 1)]
    )
    return name


@pytest.fixture
def sales_outbox(postgres_cluster):
    """The producing side: a database with only the outbox, as sales has."""
    engine = make_engine(postgres_cluster.create_database(f"sales_{uuid.uuid4().hex[:12]}"))
    platform_metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def consumer(kafka_broker, topic, pg_session_factory, producer):
    settings = ServiceDeskSettings(follow_up_days_after_close=5)
    handler = event_handlers(settings)[DEAL_CLOSED]
    made = EventConsumer(
        make_consumer(kafka_broker.bootstrap_servers, f"g-{uuid.uuid4().hex[:6]}", [topic], "t"),
        producer,
        pg_session_factory,
        {topic: handler},
        poll_timeout_ms=200,
        retry_delay=0.1,
    )
    yield made
    made.close()


def close_deal(sales_outbox, topic: str, *, won: bool) -> str:
    deal_id = str(uuid.uuid4())
    event = sales_events_pb2.DealClosed(
        deal_id=deal_id,
        stage="closed_won" if won else "closed_lost",
        won=won,
        owner_id="rep-1",
        customer_id="cust-1",
        contact_id="person-1",
    )
    event.closed_at.FromDatetime(CLOSED_AT)
    with UnitOfWork(sales_outbox, "sales") as uow:
        uow.publish(topic, deal_id, event)
        uow.commit()
    return deal_id


def on_topic(bootstrap: str, topic: str, key: str) -> list:
    reader = KafkaConsumer(
        bootstrap_servers=bootstrap, auto_offset_reset="earliest", consumer_timeout_ms=3000
    )
    reader.assign([TopicPartition(topic, p) for p in reader.partitions_for_topic(topic)])
    reader.seek_to_beginning()
    found = [m for m in reader if m.key == key.encode()]
    reader.close()
    return found


def follow_ups_of(session_factory, deal_id: str) -> list[FollowUpRow]:
    with session_factory() as session:
        query = select(FollowUpRow).where(FollowUpRow.deal_id == deal_id)
        return list(session.scalars(query))


def processed(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(processed_events))


def drain(consumer: EventConsumer, until, seconds: float = 30) -> None:
    @retry(stop=stop_after_delay(seconds), wait=wait_fixed(0), reraise=True)
    def _wait():
        consumer.poll_once()
        assert until()

    _wait()
    for _ in range(3):  # give any second copy every chance to be applied
        consumer.poll_once()


def test_a_won_deal_schedules_one_follow_up_even_when_delivered_twice(
    kafka_broker, topic, sales_outbox, consumer, pg_session_factory, producer
):
    with bound(Identity("rep-1", frozenset({"sales"})), "corr-deal-1"):
        deal_id = close_deal(sales_outbox, topic, won=True)
    relay = OutboxRelay(sales_outbox, producer)
    assert relay.relay_once() == 1
    # The relay crashed before marking the row sent: on restart it sends the same event again.
    with sales_outbox() as session:
        session.execute(update(outbox).values(sent_at=None))
        session.commit()
    assert relay.relay_once() == 1

    drain(consumer, lambda: follow_ups_of(pg_session_factory, deal_id))

    [follow_up] = follow_ups_of(pg_session_factory, deal_id)
    assert (follow_up.customer_id, follow_up.contact_id) == ("cust-1", "person-1")
    assert (follow_up.owner_id, follow_up.deal_owner_id) == ("rep-1", "rep-1")
    assert follow_up.state == "scheduled"
    assert follow_up.due_at == CLOSED_AT + timedelta(days=5)

    # Its scheduling is published once, from the consumer's transaction, on behalf of the sale.
    create_topics(kafka_broker.bootstrap_servers)
    desk_relay = OutboxRelay(pg_session_factory, producer)
    assert desk_relay.relay_once() == 1
    assert desk_relay.relay_once() == 0
    [message] = on_topic(kafka_broker.bootstrap_servers, FOLLOW_UP_SCHEDULED, follow_up.id)
    envelope = parse_envelope(message.value)
    assert (envelope.producer, envelope.event_type) == ("service-desk", FOLLOW_UP_SCHEDULED)
    assert envelope.aggregate_id == follow_up.id
    assert (envelope.correlation_id, envelope.actor.user_id) == ("corr-deal-1", "rep-1")
    scheduled = unpack(envelope, events.FollowUpScheduled)
    assert (scheduled.deal_id, scheduled.owner_id, scheduled.customer_id) == (deal_id, "rep-1",
                                                                              "cust-1")  # fmt: skip
    assert scheduled.due_at.ToDatetime(tzinfo=UTC) == CLOSED_AT + timedelta(days=5)


def test_a_lost_deal_schedules_nothing(topic, sales_outbox, consumer, pg_session_factory, producer):
    lost = close_deal(sales_outbox, topic, won=False)
    won = close_deal(sales_outbox, topic, won=True)
    OutboxRelay(sales_outbox, producer).relay_once()

    drain(consumer, lambda: processed(pg_session_factory) == 2)

    assert follow_ups_of(pg_session_factory, lost) == []
    assert len(follow_ups_of(pg_session_factory, won)) == 1
