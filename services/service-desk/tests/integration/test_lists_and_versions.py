"""Issue 16 on the service desk's gRPC API: tickets and follow-ups sorted by the column asked
for, both ways and stable across pages, filtered by created day; a stale update refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from crm.service_desk.v1 import service_desk_pb2 as pb
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations

CALLER = as_caller("u1", "service")
SUBJECTS = ["Pump", "Valve", "Boiler", "Pump", "Fan"]


def open_tickets(stub, customer_id: str) -> list[pb.Ticket]:
    return [
        stub.OpenTicket(
            pb.OpenTicketRequest(customer_id=customer_id, subject=subject, category="repair"),
            metadata=CALLER,
        )
        for subject in SUBJECTS
    ]


def every_page(call, request_type, **fields) -> list:
    items, token = [], ""
    while True:
        page = call(request_type(page_size=2, page_token=token, **fields), metadata=CALLER)
        assert page.total == len(SUBJECTS) or "filter" in fields
        items += list(page.items)
        token = page.next_page_token
        if not token:
            return items


def test_tickets_by_subject_both_ways_and_newest_first(stub, sales_server):
    opened = open_tickets(stub, sales_server.customer_id)
    up = every_page(stub.ListTickets, pb.ListTicketsRequest, sort="subject")
    down = every_page(stub.ListTickets, pb.ListTicketsRequest, sort="-subject")
    newest = every_page(stub.ListTickets, pb.ListTicketsRequest)
    assert [t.subject for t in up] == sorted(SUBJECTS)
    assert [(t.subject, t.id) for t in down] == sorted(
        ((t.subject, t.id) for t in up), reverse=True
    )
    assert [t.id for t in newest] == [t.id for t in opened][::-1]


def test_follow_ups_by_due_time_both_ways(stub, sales_server):
    start = datetime(2027, 1, 1, tzinfo=UTC)
    for i, subject in enumerate(SUBJECTS):
        due = Timestamp()
        due.FromDatetime(start + timedelta(days=(i * 3) % 5))
        stub.ScheduleFollowUp(
            pb.ScheduleFollowUpRequest(
                customer_id=sales_server.customer_id, subject=subject, due_at=due
            ),
            metadata=CALLER,
        )
    soonest = every_page(stub.ListFollowUps, pb.ListFollowUpsRequest)
    latest = every_page(stub.ListFollowUps, pb.ListFollowUpsRequest, sort="-due_at")
    dues = [f.due_at.ToDatetime() for f in soonest]
    assert dues == sorted(dues)
    assert [f.id for f in latest] == [f.id for f in soonest][::-1]


def test_created_day_filter_and_bad_parameters(stub, sales_server):
    open_tickets(stub, sales_server.customer_id)
    today = datetime.now(UTC).date()
    listed = stub.ListTickets(
        pb.ListTicketsRequest(filter=pb.TicketFilter(created_from=today.isoformat())),
        metadata=CALLER,
    )
    assert listed.total == len(SUBJECTS)
    before = stub.ListTickets(
        pb.ListTicketsRequest(
            filter=pb.TicketFilter(created_to=(today - timedelta(days=1)).isoformat())
        ),
        metadata=CALLER,
    )
    assert before.total == 0
    with pytest.raises(grpc.RpcError) as refused:
        stub.ListTickets(
            pb.ListTicketsRequest(sort="-priority", filter=pb.TicketFilter(created_to="soon")),
            metadata=CALLER,
        )
    assert {field for field, _ in field_violations(refused.value)} == {"sort", "created_to"}


def test_a_stale_ticket_update_is_refused_and_writes_nothing(stub, sales_server):
    ticket = open_tickets(stub, sales_server.customer_id)[0]
    assert ticket.version == 1

    def update(subject: str, expected: int) -> pb.Ticket:
        request = pb.UpdateTicketRequest(
            id=ticket.id, update_mask=["subject"], subject=subject, expected_version=expected
        )
        return stub.UpdateTicket(request, metadata=CALLER)

    assert update("First", 1).version == 2
    with pytest.raises(grpc.RpcError) as refused:
        update("Second", 1)
    assert refused.value.code() is grpc.StatusCode.FAILED_PRECONDITION
    now = stub.GetTicket(pb.GetTicketRequest(id=ticket.id), metadata=CALLER)
    assert (now.subject, now.version) == ("First", 2)
    accepted = stub.TransitionTicket(
        pb.TransitionTicketRequest(id=ticket.id, action="accept"), metadata=CALLER
    )
    assert accepted.version == 3  # a transition is a change too
    history = stub.GetTicketHistory(pb.GetTicketRequest(id=ticket.id), metadata=CALLER)
    assert all(c.field != "version" for e in history.entries for c in e.changes)


def test_a_stale_follow_up_update_is_refused(stub, sales_server):
    due = Timestamp()
    due.FromDatetime(datetime(2027, 1, 1, tzinfo=UTC))
    follow_up = stub.ScheduleFollowUp(
        pb.ScheduleFollowUpRequest(
            customer_id=sales_server.customer_id, subject="Call", due_at=due
        ),
        metadata=CALLER,
    )
    request = pb.UpdateFollowUpRequest(
        id=follow_up.id, update_mask=["subject"], subject="Visit", expected_version=1
    )
    assert stub.UpdateFollowUp(request, metadata=CALLER).version == 2
    with pytest.raises(grpc.RpcError) as refused:
        stub.UpdateFollowUp(request, metadata=CALLER)  # the same version read, now stale
    assert refused.value.code() is grpc.StatusCode.FAILED_PRECONDITION
