"""SLA targets from priority, and the rules a new or edited ticket must pass."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm_platform.errors import InvalidArgument
from service_desk.domain.commands import OpenTicket
from service_desk.domain.history import diff
from service_desk.domain.sla import SlaPolicy, breached
from service_desk.domain.ticket import open_ticket, revise_ticket

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SLA = SlaPolicy()


def ticket(**given):
    command = OpenTicket(
        **({"customer_id": "c1", "subject": "Noise", "category": "complaint"} | given)
    )
    return open_ticket(command, reporter_id="agent", sla=SLA, now=NOW)


@pytest.mark.parametrize(
    ("priority", "hours"), [("urgent", 4), ("high", 8), ("normal", 24), ("low", 72)]
)
def test_the_target_follows_the_priority(priority: str, hours: int) -> None:
    assert ticket(priority=priority).sla_due_at == NOW + timedelta(hours=hours)


def test_targets_are_configurable() -> None:
    assert SlaPolicy(urgent_hours=1.5).due_at("urgent", NOW) == NOW + timedelta(minutes=90)


def test_breached_means_later_than_the_target() -> None:
    due = NOW + timedelta(hours=1)
    assert not breached(due, resolved_at=due, now=due + timedelta(days=1))
    assert breached(due, resolved_at=None, now=due + timedelta(seconds=1))
    assert not breached(due, resolved_at=None, now=due)


def test_defaults_and_every_bad_field_at_once() -> None:
    fresh = ticket()
    assert (fresh.state, fresh.priority, fresh.channel, fresh.sla_breached) == (
        "new",
        "normal",
        "other",
        False,
    )
    with pytest.raises(InvalidArgument) as refused:
        ticket(customer_id="", subject="", category="rant", priority="asap", channel="fax")
    assert {v.field for v in refused.value.violations} == {
        "customer_id",
        "subject",
        "category",
        "priority",
        "channel",
    }


def test_a_new_priority_moves_the_target_from_when_it_was_opened() -> None:
    revised = revise_ticket(ticket(), {"priority": "urgent"}, sla=SLA, now=NOW + timedelta(hours=2))
    assert revised.sla_due_at == NOW + timedelta(hours=4)


def test_the_state_cannot_be_patched() -> None:
    with pytest.raises(InvalidArgument) as refused:
        revise_ticket(ticket(), {"state": "closed"}, sla=SLA, now=NOW)
    assert refused.value.violations[0].field == "update_mask"


def test_history_lists_what_changed() -> None:
    before = ticket()
    after = revise_ticket(before, {"assignee_id": "a7", "subject": "Loud noise"}, sla=SLA, now=NOW)
    assert [(c.field, c.old_value, c.new_value) for c in diff(before, after)] == [
        ("assignee_id", "", "a7"),
        ("subject", "Noise", "Loud noise"),
    ]
