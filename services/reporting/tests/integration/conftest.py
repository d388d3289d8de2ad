"""A realistic day of CRM activity published through a real outbox and relay, in a window of
time of its own (a random day in 2031) with its own owner and campaign, so that events other
tests put on the session's broker do not change the figures asserted here."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.message import Message

from crm.common.v1.money_pb2 import Money
from crm.events.v1 import marketing_events_pb2 as mk
from crm.events.v1 import sales_events_pb2 as sa
from crm.events.v1 import service_desk_events_pb2 as sd
from crm_platform.database import make_engine, make_session_factory
from crm_platform.kafka_clients import make_producer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import platform_metadata
from crm_platform.topics import create_topics
from crm_platform.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Day:
    start: datetime
    owner: str
    campaign: str
    ids: dict[str, str]


def stamp(moment: datetime):
    from google.protobuf.timestamp_pb2 import Timestamp

    ts = Timestamp()
    ts.FromDatetime(moment)
    return ts


def eur(amount: str) -> Money:
    return Money(amount=amount, currency="EUR")


def day_of_events(start: datetime, owner: str, campaign: str) -> tuple[dict, list]:
    """(ids, [(producer, topic, key, payload)]) for one day of activity."""
    ids = {
        name: str(uuid.uuid4())
        for name in ("l1", "l2", "l3", "won", "lost", "gone", "t1", "f1", "f2")
    }
    h = lambda n: stamp(start + timedelta(hours=n))  # noqa: E731
    deal = dict(owner_id=owner, campaign_id=campaign)
    return ids, [
        ("marketing", "marketing.campaign-changed", campaign, mk.CampaignChanged(
            campaign_id=campaign, name="Fair", currency="EUR", actual_cost=eur("400.00"))),
        ("sales", "sales.lead-created", ids["l1"], sa.LeadCreated(
            lead_id=ids["l1"], source="trade_show", owner_id=owner, campaign_ids=[campaign],
            created_at=h(1))),
        ("sales", "sales.lead-created", ids["l2"], sa.LeadCreated(
            lead_id=ids["l2"], source="chat", owner_id=owner, campaign_ids=[campaign],
            created_at=h(1))),
        ("sales", "sales.lead-converted", ids["l1"], sa.LeadConverted(
            lead_id=ids["l1"], deal_id=ids["won"], source="trade_show", owner_id=owner,
            campaign_ids=[campaign], converted_at=h(2))),
        ("sales", "sales.deal-stage-changed", ids["won"], sa.DealStageChanged(
            deal_id=ids["won"], to_stage="qualification", amount=eur("1000.00"), changed_at=h(2),
            **deal)),
        ("sales", "sales.deal-stage-changed", ids["won"], sa.DealStageChanged(
            deal_id=ids["won"], from_stage="qualification", to_stage="closed_won",
            amount=eur("1000.00"), changed_at=h(5), **deal)),
        ("sales", "sales.deal-closed", ids["won"], sa.DealClosed(
            deal_id=ids["won"], stage="closed_won", won=True, amount=eur("1000.00"),
            created_at=h(2), closed_at=h(5), **deal)),
        ("sales", "sales.deal-stage-changed", ids["lost"], sa.DealStageChanged(
            deal_id=ids["lost"], to_stage="proposal", amount=eur("50.00"), changed_at=h(3),
            **deal)),
        ("sales", "sales.deal-closed", ids["lost"], sa.DealClosed(
            deal_id=ids["lost"], stage="closed_lost", amount=eur("50.00"), created_at=h(3),
            closed_at=h(6), **deal)),
        # A deal created, deleted, and edited before its deletion: the deletion is published
        # first, so the consumer may well see the late edit after the tombstone.
        ("sales", "sales.deal-stage-changed", ids["gone"], sa.DealStageChanged(
            deal_id=ids["gone"], to_stage="qualification", amount=eur("70.00"), changed_at=h(3),
            **deal)),
        ("sales", "sales.deal-deleted", ids["gone"], sa.DealDeleted(
            deal_id=ids["gone"], deleted_at=h(5))),
        ("sales", "sales.deal-changed", ids["gone"], sa.DealChanged(
            deal_id=ids["gone"], name="Gone", stage="qualification", probability=10,
            amount=eur("80.00"), created_at=h(3), changed_at=h(4), **deal)),
        # A lead created, relinked and deleted: it counts nowhere.
        ("sales", "sales.lead-created", ids["l3"], sa.LeadCreated(
            lead_id=ids["l3"], source="chat", owner_id=owner, campaign_ids=[campaign],
            created_at=h(1))),
        ("sales", "sales.lead-deleted", ids["l3"], sa.LeadDeleted(
            lead_id=ids["l3"], deleted_at=h(3))),
        ("sales", "sales.lead-changed", ids["l3"], sa.LeadChanged(
            lead_id=ids["l3"], source="partner", owner_id=owner, campaign_ids=[campaign],
            changed_at=h(2))),
        ("service-desk", "service-desk.ticket-changed", ids["t1"], sd.TicketChanged(
            ticket_id=ids["t1"], action="opened", to_state="new", priority="high",
            created_at=h(6), changed_at=h(6))),
        ("service-desk", "service-desk.ticket-changed", ids["t1"], sd.TicketChanged(
            ticket_id=ids["t1"], action="sla_breached", from_state="new", to_state="new",
            sla_breached=True, created_at=h(6), changed_at=h(7))),
        ("service-desk", "service-desk.ticket-changed", ids["t1"], sd.TicketChanged(
            ticket_id=ids["t1"], action="resolve", from_state="new", to_state="resolved",
            sla_breached=True, created_at=h(6), resolved_at=h(9), changed_at=h(9))),
        ("service-desk", "service-desk.survey-answered", ids["t1"], sd.SurveyAnswered(
            survey_id=str(uuid.uuid4()), ticket_id=ids["t1"], score=4, answered_at=h(10))),
        ("service-desk", "service-desk.follow-up-overdue", ids["f1"], sd.FollowUpOverdue(
            follow_up_id=ids["f1"], owner_id=owner, due_at=h(8), detected_at=h(9))),
        ("service-desk", "service-desk.follow-up-completed", ids["f2"], sd.FollowUpCompleted(
            follow_up_id=ids["f2"], owner_id=owner, due_at=h(8), completed_at=h(7))),
    ]  # fmt: skip


@pytest.fixture
def published_day(kafka_broker, tmp_path) -> Day:
    """Publishes the day through each producer's outbox and relay; one record is also sent a
    second time, as a relay that crashed after sending would."""
    bootstrap = kafka_broker.bootstrap_servers
    create_topics(bootstrap)
    start = datetime(2031, 1, 1, tzinfo=UTC) + timedelta(days=random.randrange(360))
    owner, campaign = f"rep-{uuid.uuid4().hex[:8]}", str(uuid.uuid4())
    ids, events = day_of_events(start, owner, campaign)
    engine = make_engine(f"sqlite:///{tmp_path / 'outbox.db'}")
    platform_metadata.create_all(engine)
    sessions = make_session_factory(engine)
    for producer, topic, key, payload in events:
        _publish(sessions, producer, topic, key, payload)
    producer = make_producer(bootstrap, "reporting-test")
    try:
        OutboxRelay(sessions, producer).relay_once()
        with engine.connect() as connection:
            first = connection.exec_driver_sql("SELECT payload FROM outbox LIMIT 1").scalar()
        producer.send("marketing.campaign-changed", key=campaign.encode(), value=first).get(30)
    finally:
        producer.close(timeout=5)
        engine.dispose()
    return Day(start, owner, campaign, ids)


def _publish(sessions, producer: str, topic: str, key: str, payload: Message) -> None:
    with UnitOfWork(sessions, producer) as uow:
        uow.publish(topic, key, payload)
        uow.commit()
