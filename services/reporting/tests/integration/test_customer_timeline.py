"""The customer timeline folded by the reporting consumer's batch handler on a real database
(SQLite and PostgreSQL) and read over the real gRPC server: a customer with a long history,
paged newest first, each role seeing its part; and events written before they carried what
the timeline shows, replayed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from crm.common.v1.money_pb2 import Money
from crm.events.v1 import sales_events_pb2 as sa
from crm.events.v1 import service_desk_events_pb2 as sd
from crm.reporting.v1 import reporting_pb2 as pb
from crm.reporting.v1 import reporting_pb2_grpc
from crm_platform import migrations, topics
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import build_envelope
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.server import start_server
from reporting.bootstrap import MIGRATIONS, grpc_bindings
from reporting.entrypoints.event_handlers import apply_events
from reporting.settings import ReportingSettings

T0 = datetime(2030, 6, 1, tzinfo=UTC)
REP, OTHER_REP, AGENT = "rep-a", "rep-b", "agent-1"
DEALS = 30  # each: its creation and four moves, with a note


def stamp(hours: float) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(T0 + timedelta(hours=hours))
    return ts


def eur(amount: str) -> Money:
    return Money(amount=amount, currency="EUR")


def history(customer: str) -> list[tuple[topics.Topic, object]]:
    """A customer of rep-a's with 30 deals (half of them rep-b's), 10 contacts (likewise),
    follow-ups, tickets and surveys: 216 entries in all."""
    events: list[tuple[topics.Topic, object]] = [(topics.CUSTOMER_CHANGED, sa.CustomerChanged(
        customer_id=customer, name="Ningbo Ports", owner_id=REP, industry="Shipping",
        created_at=stamp(0), updated_at=stamp(0)))]  # fmt: skip
    hour = 1.0
    for n in range(10):
        events.append((topics.CONTACT_ADDED, sa.ContactAdded(
            contact_id=f"{customer}-c{n}", customer_id=customer, full_name=f"Person {n}",
            owner_id=REP if n % 2 else OTHER_REP, created_at=stamp(hour))))  # fmt: skip
        hour += 1
    stages = ["qualification", "needs_analysis", "value_proposition", "proposal", "closed_won"]
    for d in range(DEALS):
        deal_id, owner = f"{customer}-d{d}", REP if d % 2 else OTHER_REP
        for m, stage in enumerate(stages):
            events.append((topics.DEAL_STAGE_CHANGED, sa.DealStageChanged(
                deal_id=deal_id, from_stage=stages[m - 1] if m else "", to_stage=stage,
                order=m + 1, closed=stage == "closed_won", won=stage == "closed_won",
                amount=eur(f"{100 * (d + 1)}.00"), owner_id=owner, customer_id=customer,
                changed_at=stamp(hour), changed_by=owner, deal_name=f"Cranes {d}")))  # fmt: skip
            hour += 1
        events.append((topics.NOTE_ADDED, sa.NoteAdded(
            note_id=f"{customer}-n{d}", subject="deal", subject_id=deal_id,
            subject_title=f"Cranes {d}", subject_owner_id=owner, customer_id=customer,
            author_id=owner, body=f"Call back {d}", created_at=stamp(hour))))  # fmt: skip
        hour += 1
    for f in range(10):
        follow_up, deal_owner = f"{customer}-f{f}", REP if f % 2 else OTHER_REP
        events.append((topics.FOLLOW_UP_SCHEDULED, sd.FollowUpScheduled(
            follow_up_id=follow_up, customer_id=customer, owner_id=AGENT,
            deal_owner_id=deal_owner, subject=f"Check {f}", due_at=stamp(hour + 5),
            scheduled_at=stamp(hour), created_at=stamp(hour))))  # fmt: skip
        if f < 4:
            events.append((topics.FOLLOW_UP_COMPLETED, sd.FollowUpCompleted(
                follow_up_id=follow_up, customer_id=customer, owner_id=AGENT, subject=f"Check {f}",
                deal_owner_id=deal_owner, outcome="Fine", due_at=stamp(hour + 5),
                completed_at=stamp(hour + 1))))  # fmt: skip
        hour += 2
    for k in range(6):
        ticket = f"{customer}-t{k}"
        opened = dict(ticket_id=ticket, customer_id=customer, subject=f"Jam {k}",
                      reporter_id=AGENT, category="repair", created_at=stamp(hour))  # fmt: skip
        events.append((topics.TICKET_CHANGED, sd.TicketChanged(
            action="opened", to_state="new", changed_at=stamp(hour), **opened)))  # fmt: skip
        if k < 3:
            events.append((topics.TICKET_CHANGED, sd.TicketChanged(
                action="resolve", to_state="resolved", resolution="Oiled",
                resolved_at=stamp(hour + 1), changed_at=stamp(hour + 1), **opened)))  # fmt: skip
            events.append((topics.SURVEY_ANSWERED, sd.SurveyAnswered(
                survey_id=f"{customer}-s{k}", ticket_id=ticket, customer_id=customer,
                score=3 + k % 2, subject=f"Jam {k}", answered_at=stamp(hour + 2))))  # fmt: skip
        hour += 3
    return events


def envelopes(events) -> list:
    return [
        build_envelope(topic=topic.name, aggregate_id="k", payload=payload, producer=topic.producer)
        for topic, payload in events
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def reporting_db(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'reporting.db'}"
    else:
        url = request.getfixturevalue("postgres_cluster").create_database(
            f"timeline_{uuid.uuid4().hex[:10]}"
        )
    migrations.upgrade(MIGRATIONS, url)
    engine = make_engine(url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def stub(reporting_db):
    settings = ReportingSettings(database_url="sqlite://", grpc_address="127.0.0.1:0")
    server = start_server("127.0.0.1:0", grpc_bindings(settings, reporting_db))
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    yield reporting_pb2_grpc.ReportingServiceStub(channel)
    channel.close()
    server.stop(0)


def consume(sessions, events, batch: int = 100) -> None:
    """As the consumer hands them over: polled batches, each one transaction."""
    for start in range(0, len(events), batch):
        with sessions() as session:
            apply_events(session, events[start : start + batch])
            session.commit()


def read_all(stub, customer: str, caller, page_size: int = 50) -> tuple[list, pb.CustomerTimeline]:
    entries, token, first = [], "", None
    while True:
        page = stub.GetCustomerTimeline(
            pb.CustomerTimelineRequest(customer_id=customer, page_size=page_size, page_token=token),
            metadata=caller,
        )
        first = first or page
        entries += page.entries
        token = page.next_page_token
        if not token:
            return entries, first


def test_a_long_history_pages_newest_first_and_each_role_sees_its_part(reporting_db, stub):
    customer = str(uuid.uuid4())
    consume(reporting_db, envelopes(history(customer)))

    everything, first = read_all(stub, customer, as_caller("boss", "manager"))
    assert len(everything) == first.total == 216 and len(first.entries) == 50
    times = [e.at.ToDatetime() for e in everything]
    assert times == sorted(times, reverse=True)
    assert len({(e.kind, e.subject_id, e.at.ToDatetime()) for e in everything}) == 216
    assert first.customer.name == "Ningbo Ports" and first.customer.owner_id == REP
    assert dict(first.counts) == {
        "contacts": 10, "deals": 30, "follow_ups": 6, "tickets": 3, "surveys": 3,
    }  # fmt: skip
    assert first.has_average_score and first.average_score == 3.3
    move = next(e for e in everything if e.kind == "stage" and e.subject_id == f"{customer}-d7")
    assert (move.title, move.amount, move.currency) == ("Cranes 7", "800.00", "EUR")
    resolved = next(e for e in everything if e.kind == "ticket_resolved")
    assert (resolved.title, resolved.detail, resolved.state) == ("Jam 2", "Oiled", "resolved")

    # The customer's rep: their contacts and deals with their notes, the follow-ups of their
    # deals; no ticket, no survey.
    mine, page = read_all(stub, customer, as_caller(REP, "sales"), page_size=200)
    kinds = {e.kind for e in mine}
    assert kinds == {"contact", "deal", "stage", "note", "follow_up", "follow_up_done"}
    assert len([e for e in mine if e.kind == "deal"]) == 15 == page.counts["deals"]
    assert all(not e.subject_id.endswith(("-d0", "-d2", "-c0")) for e in mine)
    assert page.counts["tickets"] == 0 and not page.has_average_score

    # A service agent: no deal, and so no note on one.
    desk, page = read_all(stub, customer, as_caller(AGENT, "service"), page_size=200)
    assert {e.kind for e in desk} == {
        "contact", "follow_up", "follow_up_done", "ticket", "ticket_resolved", "survey",
    }  # fmt: skip
    assert page.counts["deals"] == 0 and page.counts["tickets"] == 3

    # Whoever may not see the customer is told it does not exist.
    for caller in (as_caller(OTHER_REP, "sales"), as_caller("m1", "marketing")):
        with pytest.raises(grpc.RpcError) as refused:
            read_all(stub, customer, caller)
        assert refused.value.code() == grpc.StatusCode.NOT_FOUND


def test_events_from_before_the_timeline_fields_are_replayed(reporting_db, stub):
    """The bench and old topics replay events without the stage description, the deal's name,
    a cancellation's customer or a ticket's subject: they still make their entries, and what
    an older event told is kept when a newer one does not say it."""
    customer, deal, follow_up = (str(uuid.uuid4()) for _ in range(3))
    old = [
        (topics.CUSTOMER_CHANGED, sa.CustomerChanged(
            customer_id=customer, name="Old Mills", owner_id=REP, updated_at=stamp(0))),
        (topics.DEAL_STAGE_CHANGED, sa.DealStageChanged(
            deal_id=deal, to_stage="qualification", amount=eur("10.00"), owner_id=REP,
            customer_id=customer, changed_at=stamp(1))),
        (topics.DEAL_STAGE_CHANGED, sa.DealStageChanged(
            deal_id=deal, from_stage="qualification", to_stage="closed_won", amount=eur("10.00"),
            owner_id=REP, customer_id=customer, changed_at=stamp(2))),
        (topics.FOLLOW_UP_SCHEDULED, sd.FollowUpScheduled(
            follow_up_id=follow_up, customer_id=customer, owner_id=AGENT, subject="Visit",
            due_at=stamp(9), scheduled_at=stamp(3))),
        (topics.FOLLOW_UP_CANCELLED, sd.FollowUpCancelled(
            follow_up_id=follow_up, cancelled_at=stamp(4))),
    ]  # fmt: skip
    consume(reporting_db, envelopes(reversed(old)), batch=2)  # any order, several batches
    entries, page = read_all(stub, customer, as_caller("boss", "admin"))
    assert [(e.kind, e.state) for e in entries] == [
        ("follow_up", "cancelled"), ("stage", "closed_won"), ("deal", "qualification"),
    ]  # fmt: skip
    cancelled = entries[0]
    assert (cancelled.title, cancelled.at.ToDatetime(tzinfo=UTC)) == (
        "Visit",
        T0 + timedelta(hours=3),
    )
    assert page.counts["follow_ups"] == 0 and page.counts["deals"] == 1
    # The old move still counts as won in the reports (the one legacy fallback).
    funnel = stub.GetFunnel(pb.FunnelRequest(), metadata=as_caller("boss", "admin"))
    assert {s.stage: s.count for s in funnel.stages}["closed_won"] == 1


def test_a_deleted_deal_leaves_the_timeline_whatever_the_order(reporting_db, stub):
    customer = str(uuid.uuid4())
    kept, gone = f"{customer}-kept", f"{customer}-gone"
    events = [(topics.CUSTOMER_CHANGED, sa.CustomerChanged(
        customer_id=customer, name="Shantou Toys", owner_id=REP, updated_at=stamp(0)))]  # fmt: skip
    for n, deal in enumerate((kept, gone)):
        events.append((topics.DEAL_STAGE_CHANGED, sa.DealStageChanged(
            deal_id=deal, to_stage="qualification", order=1, amount=eur("5.00"), owner_id=REP,
            customer_id=customer, changed_at=stamp(n + 1), deal_name=deal)))  # fmt: skip
        events.append((topics.NOTE_ADDED, sa.NoteAdded(
            note_id=f"{deal}-note", subject="deal", subject_id=deal, subject_owner_id=REP,
            customer_id=customer, body="Soon", created_at=stamp(n + 2))))  # fmt: skip
    deleted = (topics.DEAL_DELETED, sa.DealDeleted(deal_id=gone, deleted_at=stamp(9)))
    consume(reporting_db, envelopes([deleted, *events]), batch=3)  # the tombstone first
    entries, page = read_all(stub, customer, as_caller(REP, "sales"))
    assert {e.subject_id for e in entries} == {kept} and page.total == 2
    assert page.counts["deals"] == 1
