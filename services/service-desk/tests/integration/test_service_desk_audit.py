"""The service desk's audit log, on SQLite and PostgreSQL: ticket work is logged under its
action with the agent, the scheduler's changes under the system, survey secrets never."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from crm_platform.audit.reading import AuditFilter, list_entries
from crm_platform.audit.tables import audit_log
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from service_desk import bootstrap
from service_desk.domain.commands import OpenTicket, ScheduleFollowUp, TransitionTicket
from service_desk.domain.sla import SlaPolicy
from service_desk.domain.survey import SurveyPolicy
from service_desk.entrypoints.scheduler import run_round
from service_desk.service.follow_ups import schedule_follow_up
from service_desk.service.ticket_work import transition_ticket
from service_desk.service.tickets import open_new_ticket

AGENT = Identity("agent-1", frozenset({"service"}))


@pytest.fixture(params=["sqlite", "postgresql"])
def factory(request) -> sessionmaker[Session]:
    if request.param == "sqlite":
        return request.getfixturevalue("session_factory")
    return request.getfixturevalue("pg_session_factory")


@pytest.fixture
def uow(factory):
    return lambda: UnitOfWork(factory, bootstrap.SERVICE_NAME)


def entries(factory, object_type="", object_id=""):
    with factory() as session:
        where = AuditFilter(object_type, object_id)
        return list_entries(session, where, requested_size=200, token="").items


def open_ticket(uow, customers, customer_id, sla=None):
    return open_new_ticket(
        uow(),
        OpenTicket(customer_id=customer_id, subject="Pump leaks", category="repair"),
        sla=sla or SlaPolicy(),
        customers=customers,
    )


def test_ticket_work_is_logged_under_its_action_and_the_survey_without_its_secrets(
    uow, factory, customers, sales_server
):
    with bound(AGENT, "corr-7"):
        ticket = open_ticket(uow, customers, sales_server.customer_id)
        for action in ("accept", "start", "resolve"):
            transition_ticket(
                uow(),
                TransitionTicket(ticket.id, action, resolution="Fixed"),
                surveys=SurveyPolicy(),
            )
    trail = entries(factory, "ticket", ticket.id)
    assert [e.action for e in trail] == ["resolve", "start", "accept", "created"]
    assert {(e.actor_id, e.correlation_id) for e in trail} == {("agent-1", "corr-7")}
    assert trail[2].old_values["state"] == "new" and trail[2].new_values["state"] == "accepted"
    assert set(trail[2].old_values) == set(trail[2].new_values) == {"state", "updated_at"}
    (survey,) = entries(factory, "survey")
    assert survey.new_values["ticket_id"] == ticket.id
    assert not {"token", "public_url"} & set(survey.new_values)


def test_the_schedulers_changes_are_the_systems(uow, factory, customers, sales_server):
    now = datetime.now(UTC)
    with bound(AGENT, ""):
        follow_up = schedule_follow_up(
            uow(),
            ScheduleFollowUp(
                customer_id=sales_server.customer_id,
                subject="Visit",
                due_at=now - timedelta(hours=1),
            ),
            customers=customers,
        )
        ticket = open_ticket(
            uow, customers, sales_server.customer_id, sla=SlaPolicy(normal_hours=0.0001)
        )
    assert run_round(uow, now=now + timedelta(minutes=1), batch=10) == 2
    (breach, _) = entries(factory, "ticket", ticket.id)
    (reminded, _) = entries(factory, "follow_up", follow_up.id)
    assert (breach.action, breach.actor_id, breach.actor_roles) == (
        "sla_breached",
        "system:service-desk-scheduler",
        (),
    )
    assert breach.new_values["sla_breached"] is True
    assert (reminded.action, reminded.actor_id) == (
        "overdue_notified",
        "system:service-desk-scheduler",
    )


def test_the_database_refuses_to_change_or_remove_entries(uow, factory, customers, sales_server):
    with bound(AGENT, ""):
        open_ticket(uow, customers, sales_server.customer_id)
    for statement in (update(audit_log).values(object_id="forged"), delete(audit_log)):
        with pytest.raises(DBAPIError, match="append-only"), factory() as session:
            session.execute(statement)
            session.commit()
    assert [e.action for e in entries(factory)] == ["created"]
