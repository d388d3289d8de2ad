"""The ticket state machine and its SLA bookkeeping, without any I/O."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crm_platform.errors import AlreadyExists, InvalidArgument
from service_desk.domain.commands import OpenTicket
from service_desk.domain.sla import SlaPolicy
from service_desk.domain.ticket import open_ticket
from service_desk.domain.ticket_states import (
    IllegalTransition,
    allowed_actions,
    breach_if_late,
    transition,
)

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TICKET = open_ticket(
    OpenTicket(customer_id="c1", subject="Broken pump", category="repair", priority="high"),
    reporter_id="agent",
    sla=SlaPolicy(),
    now=NOW,
)


def walk(*actions: str, at: datetime = NOW, resolution: str = "Replaced the seal"):
    ticket = TICKET
    for action in actions:
        ticket = transition(ticket, action, now=at, resolution=resolution)
    return ticket


def test_the_whole_life_of_a_ticket() -> None:
    states = [
        walk(*actions).state
        for actions in (
            (),
            ("accept",),
            ("accept", "start"),
            ("accept", "start", "resolve"),
            ("accept", "start", "resolve", "close"),
        )
    ]
    assert states == ["new", "accepted", "in_progress", "resolved", "closed"]


@pytest.mark.parametrize(
    "done", [("accept", "start", "resolve"), ("accept", "start", "resolve", "close")]
)
def test_reopen_from_resolved_or_closed_goes_back_to_work(done) -> None:
    reopened = walk(*done, "reopen")
    assert (reopened.state, reopened.resolved_at) == ("in_progress", None)


@pytest.mark.parametrize(
    ("done", "action", "allowed"),
    [
        ((), "close", ("accept",)),
        ((), "reopen", ("accept",)),
        (("accept",), "resolve", ("start",)),
        (("accept", "start"), "accept", ("resolve",)),
        (("accept", "start", "resolve"), "start", ("close", "reopen")),
        (("accept", "start", "resolve", "close"), "close", ("reopen",)),
    ],
)
def test_an_illegal_transition_is_a_conflict_naming_the_allowed_ones(done, action, allowed):
    with pytest.raises(IllegalTransition) as refused:
        walk(*done, action)
    assert isinstance(refused.value, AlreadyExists)
    assert refused.value.allowed == allowed
    assert f"allowed actions: {', '.join(allowed)}" in refused.value.message


def test_allowed_actions_per_state() -> None:
    assert allowed_actions("new") == ("accept",)
    assert allowed_actions("closed") == ("reopen",)


def test_an_unknown_action_is_bad_input() -> None:
    with pytest.raises(InvalidArgument) as refused:
        walk("escalate")
    assert refused.value.violations[0].field == "action"


def test_resolving_needs_a_resolution() -> None:
    with pytest.raises(InvalidArgument) as refused:
        walk("accept", "start", "resolve", resolution=" ")
    assert [(v.field, v.message) for v in refused.value.violations] == [
        ("resolution", "is required")
    ]


def test_resolving_keeps_a_resolution_written_earlier() -> None:
    started = replace(walk("accept", "start"), resolution="Written before")
    assert transition(started, "resolve", now=NOW).resolution == "Written before"


def test_resolving_on_time_is_no_breach_and_late_is() -> None:
    target = TICKET.sla_due_at
    assert TICKET.sla_due_at == NOW + timedelta(hours=8)
    assert not walk("accept", "start", "resolve", at=target).sla_breached
    late = walk("accept", "start", "resolve", at=target + timedelta(seconds=1))
    assert late.sla_breached and late.resolved_at == target + timedelta(seconds=1)


def test_an_open_ticket_past_its_target_is_marked_once() -> None:
    later = TICKET.sla_due_at + timedelta(minutes=1)
    assert breach_if_late(TICKET, now=TICKET.sla_due_at) is None
    marked = breach_if_late(TICKET, now=later)
    assert marked is not None and marked.sla_breached
    assert breach_if_late(marked, now=later) is None
    assert breach_if_late(walk("accept", "start", "resolve"), now=later) is None


def test_a_breach_stays_recorded_after_reopening() -> None:
    late = walk("accept", "start", "resolve", at=TICKET.sla_due_at + timedelta(hours=1))
    assert transition(late, "reopen", now=NOW).sla_breached
