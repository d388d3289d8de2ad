"""Events folded as the consumer hands them over (a batch at once, with one upsert per kind of
fact) leave the same rows as the same events folded one at a time, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from crm.common.v1.money_pb2 import Money
from crm.events.v1 import marketing_events_pb2 as mk
from crm.events.v1 import sales_events_pb2 as sa
from crm.events.v1 import service_desk_events_pb2 as sd
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import build_envelope
from reporting.adapters import tables as t
from reporting.bootstrap import MIGRATIONS
from reporting.entrypoints.event_handlers import apply_events

T0 = datetime(2030, 3, 1, tzinfo=UTC)
TABLES = (t.DealRow, t.LeadRow, t.CampaignRow, t.TicketRow, t.FollowUpRow, t.SurveyRow,
          t.TopicProgressRow, t.StageRow, t.TimelineEntryRow, t.TimelineCustomerRow)  # fmt: skip


def stamp(hours: float):
    from google.protobuf.timestamp_pb2 import Timestamp

    ts = Timestamp()
    ts.FromDatetime(T0 + timedelta(hours=hours))
    return ts


def envelopes() -> list:
    eur = lambda a: Money(amount=a, currency="EUR")  # noqa: E731
    d1, d2, l1, l2, c1, f1 = (str(uuid.uuid4()) for _ in range(6))
    deal = dict(owner_id="u1", campaign_id=c1)
    events = [
        (
            "marketing.campaign-changed",
            mk.CampaignChanged(campaign_id=c1, name="New", currency="EUR", actual_cost=eur("9.50")),
        ),
        (
            "sales.deal-stage-changed",
            sa.DealStageChanged(
                deal_id=d1,
                to_stage="qualification",
                amount=eur("10.00"),
                changed_at=stamp(1),
                **deal,
            ),
        ),
        (
            "sales.deal-stage-changed",
            sa.DealStageChanged(
                deal_id=d1,
                from_stage="qualification",
                to_stage="closed_won",
                amount=eur("12.00"),
                changed_at=stamp(3),
                **deal,
            ),
        ),
        (
            "sales.deal-closed",
            sa.DealClosed(
                deal_id=d1,
                stage="closed_won",
                won=True,
                amount=eur("12.00"),
                created_at=stamp(1),
                closed_at=stamp(3),
                **deal,
            ),
        ),
        (
            "sales.deal-stage-changed",
            sa.DealStageChanged(
                deal_id=d2, to_stage="proposal", amount=eur("5.00"), changed_at=stamp(1), **deal
            ),
        ),
        ("sales.deal-deleted", sa.DealDeleted(deal_id=d2, deleted_at=stamp(4))),
        (
            "sales.deal-changed",
            sa.DealChanged(
                deal_id=d2,
                stage="proposal",
                amount=eur("6.00"),
                created_at=stamp(1),
                changed_at=stamp(2),
                **deal,
            ),
        ),
        (
            "sales.lead-created",
            sa.LeadCreated(
                lead_id=l1, source="web", owner_id="u1", campaign_ids=[c1], created_at=stamp(0)
            ),
        ),
        (
            "sales.lead-converted",
            sa.LeadConverted(
                lead_id=l1,
                deal_id=d1,
                source="web",
                owner_id="u2",
                campaign_ids=[c1],
                converted_at=stamp(1),
            ),
        ),
        ("sales.lead-deleted", sa.LeadDeleted(lead_id=l2, deleted_at=stamp(2))),
        (
            "sales.lead-created",
            sa.LeadCreated(lead_id=l2, source="chat", owner_id="u1", created_at=stamp(0)),
        ),
        (
            "service-desk.ticket-changed",
            sd.TicketChanged(
                ticket_id=d1,
                action="opened",
                to_state="new",
                priority="high",
                created_at=stamp(5),
                changed_at=stamp(5),
            ),
        ),
        (
            "service-desk.follow-up-completed",
            sd.FollowUpCompleted(
                follow_up_id=f1, owner_id="u1", due_at=stamp(8), completed_at=stamp(7)
            ),
        ),
        (
            "service-desk.follow-up-scheduled",
            sd.FollowUpScheduled(
                follow_up_id=f1, owner_id="u1", due_at=stamp(9), scheduled_at=stamp(6)
            ),
        ),
        (
            "service-desk.survey-answered",
            sd.SurveyAnswered(survey_id=f1, ticket_id=d1, score=4, answered_at=stamp(9)),
        ),
    ]
    return [
        build_envelope(topic=topic, aggregate_id="k", payload=payload, producer="test")
        for topic, payload in events
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request, tmp_path):
    """Two freshly migrated reporting databases of the same kind."""
    if request.param == "sqlite":
        urls = [f"sqlite:///{tmp_path / f'{n}.db'}" for n in ("one", "many")]
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        urls = [cluster.create_database(f"fold_{uuid.uuid4().hex[:10]}") for _ in range(2)]
    engines = [make_engine(url) for url in urls]
    for url in urls:
        migrations.upgrade(MIGRATIONS, url)
    yield [make_session_factory(engine) for engine in engines]
    for engine in engines:
        engine.dispose()


def rows(session_factory) -> dict:
    with session_factory() as session:
        return {
            row.__tablename__: sorted(
                tuple(getattr(r, c.key) for c in row.__table__.columns)
                for r in session.scalars(select(row))
            )
            for row in TABLES
        }


def test_batches_leave_the_rows_one_event_at_a_time_leaves(two_databases):
    one, many = two_databases
    events = envelopes()
    shuffled = random.Random(3).sample(events, len(events))
    for envelope in events + shuffled[:5]:  # the second copies come as new events would
        with one() as session:  # a batch of one, as the consumer's one-at-a-time fallback
            apply_events(session, [envelope])
            session.commit()
    # Two batches: the second folds onto rows the first wrote, and repeats some objects.
    for batch in (events[:8], events[8:] + shuffled[:5]):
        with many() as session:
            apply_events(session, batch)
            session.commit()
    expected = rows(one)
    assert rows(many) == expected
    assert len(expected["deal_facts"]) == 2 and len(expected["survey_facts"]) == 1
    progress = {topic: applied for topic, applied, _ in expected["topic_progress"]}
    assert sum(progress.values()) == len(events) + 5
