"""The service desk's events leave through its outbox on PostgreSQL and arrive on Kafka once,
in envelopes carrying who caused them; the scheduler sends each reminder once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import func, select

from crm.events.v1 import service_desk_events_pb2 as events
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.topics import create_topics
from service_desk.domain.commands import (
    OpenTicket,
    ScheduleFollowUp,
    TransitionTicket,
    UpdateFollowUp,
)
from service_desk.domain.sla import SlaPolicy
from service_desk.domain.survey import SurveyPolicy
from service_desk.entrypoints.scheduler import run_round
from service_desk.service.follow_ups import (
    cancel_follow_up,
    schedule_follow_up,
    update_follow_up,
)
from service_desk.service.ticket_work import transition_ticket
from service_desk.service.tickets import open_new_ticket

AGENT = Identity("agent-1", frozenset({"service"}))
TICKET_CHANGED = "service-desk.ticket-changed"
OVERDUE = "service-desk.follow-up-overdue"
SCHEDULED = "service-desk.follow-up-scheduled"
CANCELLED = "service-desk.follow-up-cancelled"


def on_topic(bootstrap: str, topic: str, key: str) -> list:
    """Every message of `topic` keyed by `key`, from the beginning."""
    reader = KafkaConsumer(
        bootstrap_servers=bootstrap, auto_offset_reset="earliest", consumer_timeout_ms=3000
    )
    reader.assign([TopicPartition(topic, p) for p in reader.partitions_for_topic(topic)])
    reader.seek_to_beginning()
    found = [m for m in reader if m.key == key.encode()]
    reader.close()
    return found


def test_ticket_changes_arrive_once_each_in_their_envelopes(
    kafka_broker, pg_uow, pg_session_factory, producer, customers, sales_server
):
    create_topics(kafka_broker.bootstrap_servers)
    with bound(AGENT, "corr-desk-1"):
        ticket = open_new_ticket(
            pg_uow(),
            OpenTicket(
                customer_id=sales_server.customer_id,
                subject="Late delivery",
                category="complaint",
                priority="high",
            ),
            sla=SlaPolicy(),
            customers=customers,
        )
        transition_ticket(pg_uow(), TransitionTicket(ticket.id, "accept"), surveys=SurveyPolicy())
    relay = OutboxRelay(pg_session_factory, producer)
    assert relay.relay_once() == 2
    assert relay.relay_once() == 0

    messages = on_topic(kafka_broker.bootstrap_servers, TICKET_CHANGED, ticket.id)

    envelopes = [parse_envelope(m.value) for m in messages]
    payloads = [unpack(e, events.TicketChanged) for e in envelopes]
    assert [(p.action, p.from_state, p.to_state) for p in payloads] == [
        ("opened", "", "new"),
        ("accept", "new", "accepted"),
    ]
    assert all(p.priority == "high" and not p.sla_breached for p in payloads)
    # What the customer's timeline shows of it travels with it.
    assert all((p.subject, p.reporter_id) == ("Late delivery", "agent-1") for p in payloads)
    assert payloads[0].sla_due_at.ToDatetime(tzinfo=UTC) == ticket.sla_due_at
    for envelope in envelopes:
        assert (envelope.producer, envelope.event_type) == ("service-desk", TICKET_CHANGED)
        assert envelope.aggregate_id == ticket.id
        assert envelope.actor.user_id == "agent-1" and envelope.correlation_id == "corr-desk-1"
    assert len({e.event_id for e in envelopes}) == 2


def test_the_scheduler_reminds_once_and_records_breaches(
    kafka_broker, pg_uow, pg_session_factory, producer, customers, sales_server
):
    create_topics(kafka_broker.bootstrap_servers)
    now = datetime.now(UTC)
    c1 = sales_server.customer_id
    with bound(AGENT, ""):
        missed = schedule_follow_up(
            pg_uow(),
            ScheduleFollowUp(customer_id=c1, subject="Visit", due_at=now - timedelta(hours=1)),
            customers=customers,
        )
        schedule_follow_up(
            pg_uow(),
            ScheduleFollowUp(customer_id=c1, subject="Later", due_at=now + timedelta(days=1)),
            customers=customers,
        )
        late = open_new_ticket(
            pg_uow(),
            OpenTicket(customer_id=c1, subject="Urgent", category="repair", priority="urgent"),
            sla=SlaPolicy(urgent_hours=0.0001),
            customers=customers,
        )

    assert run_round(pg_uow, now=now + timedelta(minutes=1), batch=1) == 2
    assert run_round(pg_uow, now=now + timedelta(minutes=2), batch=1) == 0
    OutboxRelay(pg_session_factory, producer).relay_once()

    [reminder] = on_topic(kafka_broker.bootstrap_servers, OVERDUE, missed.id)
    overdue = unpack(parse_envelope(reminder.value), events.FollowUpOverdue)
    assert (overdue.follow_up_id, overdue.owner_id) == (missed.id, "agent-1")
    changes = on_topic(kafka_broker.bootstrap_servers, TICKET_CHANGED, late.id)
    breach = unpack(parse_envelope(changes[-1].value), events.TicketChanged)
    assert (breach.action, breach.sla_breached, breach.to_state) == ("sla_breached", True, "new")
    with pg_session_factory() as session:
        # Two follow-ups scheduled, a ticket opened, one reminder, one breach.
        assert session.scalar(select(func.count()).select_from(outbox)) == 5


def test_follow_ups_scheduled_rescheduled_and_cancelled_arrive_once_each_in_their_envelopes(
    kafka_broker, pg_uow, pg_session_factory, producer, customers, sales_server
):
    create_topics(kafka_broker.bootstrap_servers)
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    with bound(AGENT, "corr-follow-1"):
        follow_up = schedule_follow_up(
            pg_uow(),
            ScheduleFollowUp(
                customer_id=sales_server.customer_id,
                contact_id=sales_server.contact_id,
                subject="Check the pump",
                due_at=due,
                priority="high",
            ),
            customers=customers,
        )
    with bound(AGENT, "corr-follow-2"):
        moved = update_follow_up(
            pg_uow(),
            UpdateFollowUp(follow_up.id, {"due_at": due + timedelta(days=1)}),
            customers=customers,
        )
        # A new subject alone is no rescheduling: nothing reporting counts has changed.
        update_follow_up(
            pg_uow(), UpdateFollowUp(follow_up.id, {"subject": "Check both pumps"}),
            customers=customers,
        )  # fmt: skip
        cancelled = cancel_follow_up(pg_uow(), follow_up.id)
    relay = OutboxRelay(pg_session_factory, producer)
    assert relay.relay_once() == 3
    assert relay.relay_once() == 0

    bootstrap = kafka_broker.bootstrap_servers
    envelopes = [parse_envelope(m.value) for m in on_topic(bootstrap, SCHEDULED, follow_up.id)]
    first, second = (unpack(e, events.FollowUpScheduled) for e in envelopes)
    assert (first.follow_up_id, first.customer_id, first.contact_id, first.owner_id) == (
        follow_up.id, sales_server.customer_id, sales_server.contact_id, "agent-1")  # fmt: skip
    assert (first.subject, first.priority, first.deal_id) == ("Check the pump", "high", "")
    assert first.due_at.ToDatetime(tzinfo=UTC) == due
    assert first.scheduled_at.ToDatetime(tzinfo=UTC) == follow_up.created_at
    assert second.due_at.ToDatetime(tzinfo=UTC) == due + timedelta(days=1)
    assert second.scheduled_at.ToDatetime(tzinfo=UTC) == moved.updated_at
    assert [e.correlation_id for e in envelopes] == ["corr-follow-1", "corr-follow-2"]
    for envelope in envelopes:
        assert (envelope.producer, envelope.event_type) == ("service-desk", SCHEDULED)
        assert envelope.aggregate_id == follow_up.id and envelope.actor.user_id == "agent-1"
    assert len({e.event_id for e in envelopes}) == 2

    [message] = on_topic(bootstrap, CANCELLED, follow_up.id)
    envelope = parse_envelope(message.value)
    assert (envelope.producer, envelope.event_type) == ("service-desk", CANCELLED)
    assert envelope.correlation_id == "corr-follow-2"
    gone = unpack(envelope, events.FollowUpCancelled)
    assert gone.follow_up_id == follow_up.id
    assert gone.cancelled_at.ToDatetime(tzinfo=UTC) == cancelled.updated_at
