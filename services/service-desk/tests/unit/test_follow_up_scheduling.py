"""When a closed deal schedules a follow-up, and the follow-up's own lifecycle."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crm_platform.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from service_desk.domain.follow_up import cancel, complete, revise, schedule
from service_desk.domain.follow_up_policy import ClosedDeal, FollowUpPolicy, follow_up_for

CLOSED = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)
WON = ClosedDeal("d1", True, "rep-1", "c1", "p1", CLOSED)


def test_a_won_deal_is_followed_up_by_its_owner_days_after_the_close() -> None:
    command = follow_up_for(WON, FollowUpPolicy(days_after_close=10))
    assert command is not None
    assert (command.customer_id, command.contact_id, command.deal_id) == ("c1", "p1", "d1")
    assert command.owner_id == "rep-1"
    assert command.due_at == CLOSED + timedelta(days=10)


def test_a_configured_service_owner_takes_it_instead() -> None:
    command = follow_up_for(WON, FollowUpPolicy(owner_id="agent-9"))
    assert command is not None and command.owner_id == "agent-9"


def test_a_lost_deal_schedules_nothing() -> None:
    lost = ClosedDeal("d2", False, "rep-1", "c1", "", CLOSED)
    assert follow_up_for(lost, FollowUpPolicy()) is None


def scheduled():
    command = follow_up_for(WON, FollowUpPolicy())
    assert command is not None
    return schedule(command, now=CLOSED, deal_owner_id="rep-1")


def test_completing_needs_an_outcome_and_happens_once() -> None:
    with pytest.raises(InvalidArgument):
        complete(scheduled(), " ", now=CLOSED)
    done = complete(scheduled(), "Customer happy", now=CLOSED)
    assert (done.state, done.outcome, done.completed_at) == ("done", "Customer happy", CLOSED)
    with pytest.raises(AlreadyExists):
        complete(done, "Again", now=CLOSED)
    with pytest.raises(AlreadyExists):
        cancel(done, now=CLOSED)


def test_overdue_is_scheduled_and_past_due() -> None:
    follow_up = scheduled()
    assert not follow_up.is_overdue(follow_up.due_at)
    assert follow_up.is_overdue(follow_up.due_at + timedelta(seconds=1))
    assert not cancel(follow_up, now=CLOSED).is_overdue(follow_up.due_at + timedelta(days=1))


def test_rescheduling_rearms_the_overdue_reminder() -> None:
    reminded = replace(scheduled(), overdue_notified_at=CLOSED)
    kept = revise(reminded, {"subject": "Visit"}, now=CLOSED)
    assert kept.overdue_notified_at == CLOSED
    moved = revise(reminded, {"due_at": CLOSED + timedelta(days=30)}, now=CLOSED)
    assert moved.overdue_notified_at is None


def test_a_finished_follow_up_cannot_be_edited() -> None:
    with pytest.raises(FailedPrecondition):
        revise(cancel(scheduled(), now=CLOSED), {"subject": "x"}, now=CLOSED)
