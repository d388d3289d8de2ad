"""Scheduling a follow-up for a customer sales knows writes its row (and no event), or nothing
at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crm_platform.errors import InvalidArgument, NotFound
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.sales_client import SalesCustomers
from service_desk.adapters.tables import FollowUpRow
from service_desk.domain.commands import ScheduleFollowUp
from service_desk.service.follow_ups import get_follow_up, schedule_follow_up

AGENT = Identity("u1", frozenset({"service"}))
BEIJING = timezone(timedelta(hours=8))
VISIT = ScheduleFollowUp(
    customer_id="",  # one sales holds, set by each test
    deal_id="d1",
    subject="Check the installation",
    due_at=datetime(2026, 3, 8, 9, 0, tzinfo=BEIJING),
    priority="high",
)


def counts(session_factory: sessionmaker[Session]) -> tuple[int, int]:
    with session_factory() as session:
        follow_ups = session.scalar(select(func.count()).select_from(FollowUpRow))
        events = session.scalar(select(func.count()).select_from(outbox))
    return follow_ups, events


def test_schedule_then_get(
    new_uow: Callable[[], UnitOfWork],
    session_factory: sessionmaker[Session],
    customers: SalesCustomers,
    sales_server,
) -> None:
    customer_id = sales_server.customer_id
    with bound(AGENT, ""):
        scheduled = schedule_follow_up(
            new_uow(), replace(VISIT, customer_id=customer_id), customers=customers
        )
        loaded = get_follow_up(new_uow(), scheduled.id)

    assert counts(session_factory) == (1, 1)  # and its follow-up-scheduled in the outbox
    assert loaded.owner_id == "u1"
    assert (loaded.customer_id, loaded.contact_id, loaded.deal_id) == (customer_id, None, "d1")
    assert (loaded.priority, loaded.state) == ("high", "scheduled")
    # Stored in UTC, the same instant as the Beijing time it was given.
    assert loaded.due_at == datetime(2026, 3, 8, 1, 0, tzinfo=UTC) == VISIT.due_at
    assert loaded.due_at.tzinfo is UTC
    assert loaded.created_at == scheduled.created_at


def test_a_refused_follow_up_writes_nothing(
    new_uow: Callable[[], UnitOfWork],
    session_factory: sessionmaker[Session],
    customers: SalesCustomers,
    sales_server,
) -> None:
    refused = ScheduleFollowUp(customer_id=sales_server.customer_id, subject="", due_at=None)
    with bound(AGENT, ""), pytest.raises(InvalidArgument):
        schedule_follow_up(new_uow(), refused, customers=customers)

    assert counts(session_factory) == (0, 0)


def test_an_unknown_follow_up_is_not_found(new_uow: Callable[[], UnitOfWork]) -> None:
    with bound(AGENT, ""), pytest.raises(NotFound):
        get_follow_up(new_uow(), "00000000-0000-0000-0000-000000000000")
