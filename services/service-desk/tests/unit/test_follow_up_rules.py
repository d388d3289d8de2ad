"""The rules a new follow-up must pass, checked without any I/O."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from crm_platform.errors import InvalidArgument
from service_desk.domain.commands import ScheduleFollowUp
from service_desk.domain.follow_up import schedule

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
VALID = ScheduleFollowUp(
    customer_id="c1",
    subject="Check the installation",
    due_at=NOW + timedelta(days=7),
    owner_id="u1",
)


def violations(command: ScheduleFollowUp) -> dict[str, str]:
    with pytest.raises(InvalidArgument) as refused:
        schedule(command, now=NOW)
    return {v.field: v.message for v in refused.value.violations}


def test_a_minimal_follow_up_gets_its_defaults() -> None:
    follow_up = schedule(VALID, now=NOW)

    uuid.UUID(follow_up.id)
    assert (follow_up.priority, follow_up.state, follow_up.outcome) == ("normal", "scheduled", "")
    assert (follow_up.contact_id, follow_up.deal_id) == (None, None)
    assert follow_up.due_at == NOW + timedelta(days=7)
    assert follow_up.created_at == NOW


def test_every_bad_field_is_reported_at_once() -> None:
    command = ScheduleFollowUp(
        customer_id="", subject=" ", due_at=None, owner_id="", priority="asap", deal_id="d" * 65
    )

    assert violations(command) == {
        "customer_id": "is required",
        "deal_id": "must be at most 64 characters",
        "owner_id": "is required",
        "subject": "is required",
        "due_at": "is required",
        "priority": "must be one of: low, normal, high, urgent",
    }


def test_due_at_must_carry_a_time_zone() -> None:
    assert violations(replace(VALID, due_at=datetime(2026, 3, 8, 9, 0))) == {
        "due_at": "must carry a time zone offset"
    }


def test_due_at_keeps_the_offset_it_was_given() -> None:
    beijing = datetime(2026, 3, 8, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    assert schedule(replace(VALID, due_at=beijing), now=NOW).due_at == beijing


def test_subject_is_at_most_200_characters_and_trimmed() -> None:
    assert schedule(replace(VALID, subject=" Visit "), now=NOW).subject == "Visit"
    assert schedule(replace(VALID, subject="x" * 200), now=NOW)
    assert violations(replace(VALID, subject="x" * 201)) == {
        "subject": "must be at most 200 characters"
    }


@pytest.mark.parametrize("priority", ["low", "normal", "high", "urgent"])
def test_each_priority_is_accepted(priority: str) -> None:
    assert schedule(replace(VALID, priority=priority), now=NOW).priority == priority


def test_contact_and_deal_are_kept_when_given() -> None:
    follow_up = schedule(replace(VALID, contact_id="p1", deal_id="d1"), now=NOW)
    assert (follow_up.contact_id, follow_up.deal_id) == ("p1", "d1")
