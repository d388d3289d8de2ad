"""Lead and conversion counts from sales' events, through an outbox, a relay and a real broker.

The topics are fresh per test so that other tests' lead events on the session's broker do not
reach these counts; the handlers are the ones `crm-marketing consume` runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm_platform.consumer import EventConsumer
from crm_platform.database import make_engine, make_session_factory
from crm_platform.kafka_clients import make_consumer, make_producer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import outbox, platform_metadata
from crm_platform.request_context import Identity, bound
from crm_platform.topics import Topic, create_topics, dead_letter_topic
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.commands import CreateCampaign
from marketing.entrypoints import event_handlers as handlers
from marketing.service.campaigns import create_campaign, get_campaign

MARKETER = Identity("u1", frozenset({"marketing"}))


def test_the_consumer_handles_sales_lead_topics() -> None:
    assert set(handlers.event_handlers(None)) == {"sales.lead-created", "sales.lead-converted"}


@pytest.fixture
def topics(kafka_broker) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    names = {"created": f"t{suffix}.lead-created", "converted": f"t{suffix}.lead-converted"}
    create_topics(
        kafka_broker.bootstrap_servers,
        [t for n in names.values() for t in (Topic(n), Topic(dead_letter_topic(n), 1))],
    )
    return names


@pytest.fixture
def sales_outbox(tmp_path: Path):
    """Stands in for sales' database: only its outbox matters here."""
    engine = make_engine(f"sqlite:///{tmp_path / 'sales.db'}")
    platform_metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def publish(session_factory, topic: str, event) -> None:
    with UnitOfWork(session_factory, "sales") as uow:
        uow.publish(topic, event.lead_id, event)
        uow.commit()


def test_each_event_counts_once_even_when_delivered_twice(
    kafka_broker, topics, sales_outbox, pg_uow: Callable[[], UnitOfWork],
    pg_session_factory: sessionmaker[Session],
) -> None:  # fmt: skip
    with bound(MARKETER, ""):
        expo = create_campaign(pg_uow(), CreateCampaign("Expo", "trade_show")).id
        mailing = create_campaign(pg_uow(), CreateCampaign("Mailing", "email")).id
    created, converted = topics["created"], topics["converted"]
    publish(sales_outbox, created, sales_events_pb2.LeadCreated(lead_id="l1", campaign_ids=[expo]))
    publish(
        sales_outbox,
        created,
        sales_events_pb2.LeadCreated(lead_id="l2", campaign_ids=[expo, mailing, expo, "gone"]),
    )
    publish(
        sales_outbox,
        converted,
        sales_events_pb2.LeadConverted(lead_id="l2", campaign_ids=[expo, mailing], deal_id="d1"),
    )
    producer = make_producer(kafka_broker.bootstrap_servers, "test-relay")
    consumer = EventConsumer(
        make_consumer(kafka_broker.bootstrap_servers, f"g-{uuid.uuid4().hex[:6]}",
                      [created, converted], "t"),
        producer,
        pg_session_factory,
        {created: handlers.on_lead_created, converted: handlers.on_lead_converted},
        poll_timeout_ms=200,
        retry_delay=0.1,
    )  # fmt: skip
    try:
        assert OutboxRelay(sales_outbox, producer).relay_once() == 3
        # The conversion again, as a relay that crashed before marking it sent would send it.
        with sales_outbox() as session:
            again = session.scalars(select(outbox.c.payload).order_by(outbox.c.id)).all()[-1]
        producer.send(converted, key=b"l2", value=again).get(timeout=10)

        def counts() -> list[tuple[int, int]]:
            with bound(MARKETER, ""):
                return [
                    (c.leads, c.converted)
                    for c in (get_campaign(pg_uow(), i) for i in (expo, mailing))
                ]

        @retry(stop=stop_after_delay(30), wait=wait_fixed(0), reraise=True)
        def settled() -> None:
            consumer.poll_once()
            assert counts() == [(2, 1), (1, 1)]

        settled()
        for _ in range(5):  # give the second copy every chance to count again
            consumer.poll_once()
        assert counts() == [(2, 1), (1, 1)]
    finally:
        consumer.close()
        producer.close(timeout=5)
