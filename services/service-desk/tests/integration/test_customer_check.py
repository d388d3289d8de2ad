"""Customer and contact ids are checked against a real sales server over gRPC before anything
is written: unknown ids and a contact of another customer are field errors, a sales service
that is down or silent past the deadline is Unavailable, and in every refusal no row is
written."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crm.sales.v1 import sales_pb2_grpc
from crm.service_desk.v1 import service_desk_pb2
from crm_platform.errors import InvalidArgument, Unavailable
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.sales_client import SalesCustomers
from service_desk.adapters.tables import FollowUpRow, TicketRow
from service_desk.domain.commands import OpenTicket, ScheduleFollowUp, UpdateFollowUp, UpdateTicket
from service_desk.domain.sla import SlaPolicy
from service_desk.service.follow_ups import schedule_follow_up, update_follow_up
from service_desk.service.tickets import open_new_ticket, update_ticket

AGENT = Identity("agent-1", frozenset({"service"}))
CALLER = as_caller("agent-1", "service")
DUE = datetime.now(UTC) + timedelta(days=3)


def visit(customer_id: str, contact_id: str = "") -> ScheduleFollowUp:
    return ScheduleFollowUp(
        customer_id=customer_id, contact_id=contact_id, subject="Visit", due_at=DUE
    )


def complaint(customer_id: str, contact_id: str = "") -> OpenTicket:
    return OpenTicket(
        customer_id=customer_id, contact_id=contact_id, subject="Noisy", category="complaint"
    )


def rows(session_factory: sessionmaker[Session]) -> tuple[int, int, int]:
    with session_factory() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (FollowUpRow, TicketRow, outbox)
        )


def fields(error: InvalidArgument) -> dict[str, str]:
    return {v.field: v.message for v in error.violations}


def test_known_customer_and_contact_pass(new_uow, customers, sales_server, session_factory):
    with bound(AGENT, ""):
        follow_up = schedule_follow_up(
            new_uow(),
            visit(sales_server.customer_id, sales_server.contact_id),
            customers=customers,
        )
        ticket = open_new_ticket(
            new_uow(),
            complaint(sales_server.customer_id, sales_server.contact_id),
            sla=SlaPolicy(),
            customers=customers,
        )

    assert (follow_up.customer_id, follow_up.contact_id) == (
        sales_server.customer_id,
        sales_server.contact_id,
    )
    assert ticket.contact_id == sales_server.contact_id
    assert rows(session_factory)[:2] == (1, 1)


def test_an_unknown_customer_or_contact_is_a_field_error(
    new_uow, customers, sales_server, session_factory
):
    with bound(AGENT, ""), pytest.raises(InvalidArgument) as unknown_customer:
        schedule_follow_up(new_uow(), visit("no-such-customer"), customers=customers)
    with bound(AGENT, ""), pytest.raises(InvalidArgument) as unknown_both:
        open_new_ticket(
            new_uow(),
            complaint("no-such-customer", "no-such-contact"),
            sla=SlaPolicy(),
            customers=customers,
        )

    assert fields(unknown_customer.value) == {"customer_id": "unknown customer: no-such-customer"}
    assert set(fields(unknown_both.value)) == {"customer_id", "contact_id"}
    assert rows(session_factory) == (0, 0, 0)


def test_a_contact_of_another_customer_is_a_field_error(
    new_uow, customers, sales_server, session_factory
):
    foreign = (sales_server.customer_id, sales_server.other_contact_id)
    with bound(AGENT, ""), pytest.raises(InvalidArgument) as on_follow_up:
        schedule_follow_up(new_uow(), visit(*foreign), customers=customers)
    with bound(AGENT, ""), pytest.raises(InvalidArgument) as on_ticket:
        open_new_ticket(new_uow(), complaint(*foreign), sla=SlaPolicy(), customers=customers)

    for refused in (on_follow_up, on_ticket):
        assert list(fields(refused.value)) == ["contact_id"]
        assert "belongs to another customer" in fields(refused.value)["contact_id"]
    assert rows(session_factory) == (0, 0, 0)


def test_changing_the_customer_or_contact_is_checked_too(new_uow, customers, sales_server):
    s = sales_server
    with bound(AGENT, ""):
        ticket = open_new_ticket(
            new_uow(), complaint(s.customer_id, s.contact_id), sla=SlaPolicy(), customers=customers
        )
        follow_up = schedule_follow_up(new_uow(), visit(s.customer_id), customers=customers)

        def change_ticket(**changes: str):
            command = UpdateTicket(ticket.id, changes)
            return update_ticket(new_uow(), command, sla=SlaPolicy(), customers=customers)

        with pytest.raises(InvalidArgument) as foreign_contact:
            change_ticket(contact_id=s.other_contact_id)
        # The kept contact is the old customer's: moving to another one needs a new contact.
        with pytest.raises(InvalidArgument) as kept_contact:
            change_ticket(customer_id=s.other_customer_id)
        with pytest.raises(InvalidArgument) as unknown:
            update_follow_up(
                new_uow(),
                UpdateFollowUp(follow_up.id, {"customer_id": "gone"}),
                customers=customers,
            )
        moved = change_ticket(customer_id=s.other_customer_id, contact_id=s.other_contact_id)
        cleared = change_ticket(customer_id=s.customer_id, contact_id="")
        revised = update_follow_up(
            new_uow(),
            UpdateFollowUp(follow_up.id, {"contact_id": s.contact_id}),
            customers=customers,
        )

    assert list(fields(foreign_contact.value)) == ["contact_id"]
    assert list(fields(kept_contact.value)) == ["contact_id"]
    assert list(fields(unknown.value)) == ["customer_id"]
    assert (moved.customer_id, moved.contact_id) == (s.other_customer_id, s.other_contact_id)
    assert (cleared.customer_id, cleared.contact_id) == (s.customer_id, None)
    assert revised.contact_id == s.contact_id


def test_sales_stopped_is_unavailable_and_nothing_is_written(
    new_uow: Callable[[], UnitOfWork], session_factory, stopped_sales
):
    customer_id = stopped_sales.customer_id
    with grpc.insecure_channel(stopped_sales.address) as channel:
        down = SalesCustomers(sales_pb2_grpc.SalesServiceStub(channel), timeout=2)
        with bound(AGENT, ""), pytest.raises(Unavailable):
            schedule_follow_up(new_uow(), visit(customer_id), customers=down)
        with bound(AGENT, ""), pytest.raises(Unavailable):
            open_new_ticket(new_uow(), complaint(customer_id), sla=SlaPolicy(), customers=down)

    assert rows(session_factory) == (0, 0, 0)


def test_sales_silent_past_the_deadline_is_unavailable(new_uow, session_factory):
    # A port that accepts connections and never speaks gRPC: the call runs into its deadline.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            slow = SalesCustomers(sales_pb2_grpc.SalesServiceStub(channel), timeout=0.5)
            with bound(AGENT, ""), pytest.raises(Unavailable):
                schedule_follow_up(new_uow(), visit("c1"), customers=slow)

    assert rows(session_factory) == (0, 0, 0)


def test_over_grpc_a_foreign_contact_is_invalid_argument_on_the_field(stub, sales_server):
    with pytest.raises(grpc.RpcError) as refused:
        stub.OpenTicket(
            service_desk_pb2.OpenTicketRequest(
                customer_id=sales_server.customer_id,
                contact_id=sales_server.other_contact_id,
                subject="Leaking valve",
                category="repair",
            ),
            metadata=CALLER,
        )

    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert list(dict(field_violations(refused.value))) == ["contact_id"]
