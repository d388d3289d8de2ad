"""A change an event consumer makes is logged under the system, not under the user whose
request caused the event: real Kafka broker, real SQLite database."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm_platform.audit.recording import record_created
from crm_platform.audit.tables import audit_log
from crm_platform.consumer import EventConsumer
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import unpack
from crm_platform.kafka_clients import make_consumer, make_producer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import platform_metadata
from crm_platform.request_context import Identity, bound
from crm_platform.topics import Topic, create_topics, dead_letter_topic
from crm_platform.unit_of_work import UnitOfWork


@pytest.fixture
def topic(kafka_broker) -> str:
    name = f"test-{uuid.uuid4().hex[:8]}.lead-created"
    create_topics(
        kafka_broker.bootstrap_servers,
        [Topic(name, partitions=1), Topic(dead_letter_topic(name), partitions=1)],
    )
    return name


@pytest.fixture
def session_factory(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'service.db'}")
    platform_metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def follow_up_for(session, envelope) -> None:
    lead = unpack(envelope, sales_events_pb2.LeadCreated)
    record_created(session, "follow_up", f"f-{lead.lead_id}", {"lead_id": lead.lead_id})


def test_the_consumers_change_names_the_system_and_keeps_the_correlation(
    kafka_broker, topic, session_factory
):
    producer = make_producer(kafka_broker.bootstrap_servers, "test-relay")
    with (
        bound(Identity("rep-1", frozenset({"sales"})), "corr-9"),
        UnitOfWork(session_factory, "sales") as uow,
    ):
        uow.publish(topic, "l-1", sales_events_pb2.LeadCreated(lead_id="l-1", full_name="Ada"))
        uow.commit()
    assert OutboxRelay(session_factory, producer).relay_once() == 1
    consumer = EventConsumer(
        make_consumer(
            kafka_broker.bootstrap_servers,
            f"g-{uuid.uuid4().hex[:6]}",
            [topic],
            "service-desk-consumer",
        ),
        producer,
        session_factory,
        {topic: follow_up_for},
        poll_timeout_ms=200,
    )

    @retry(stop=stop_after_delay(30), wait=wait_fixed(0), reraise=True)
    def logged():
        consumer.poll_once()
        with session_factory() as session:
            rows = session.execute(
                select(audit_log.c.actor_id, audit_log.c.actor_roles, audit_log.c.correlation_id)
            ).all()
        assert rows
        return rows

    try:
        assert [tuple(r) for r in logged()] == [("system:service-desk-consumer", [], "corr-9")]
    finally:
        consumer.close()
        producer.close(timeout=5)
