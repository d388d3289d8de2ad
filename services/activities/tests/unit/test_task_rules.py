"""Task rules: defaults, every bad field at once, the lifecycle, reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from activities.domain import task as rules
from activities.domain.commands import NO_REMINDER, NewTask

from crm_platform.errors import AlreadyExists, InvalidArgument

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
GOOD = NewTask(subject="Call back", due_at=NOW + timedelta(days=1), owner_id="u1")


def test_defaults_normal_priority_a_15_minute_reminder_and_open() -> None:
    task = rules.create(GOOD, author_id="u1", now=NOW)
    assert (task.priority, task.reminder_minutes, task.state) == ("normal", 15, "open")
    assert task.remind_at == GOOD.due_at - timedelta(minutes=15)
    assert (task.related_type, task.related_id, task.author_id) == (None, None, "u1")


def test_every_bad_field_is_named_at_once() -> None:
    bad = NewTask(
        subject=" ",
        due_at=datetime(2026, 12, 4, 9, 0),
        priority="asap",
        reminder_minutes=-5,
        related_type="planet",
    )
    with pytest.raises(InvalidArgument) as refused:
        rules.create(bad, author_id="u1", now=NOW)
    assert {v.field for v in refused.value.violations} == {
        "subject",
        "due_at",
        "priority",
        "owner_id",
        "reminder_minutes",
        "related_type",
        "related_id",
    }


def test_a_due_time_in_the_past_is_allowed_and_overdue_at_once() -> None:
    task = rules.create(replace(GOOD, due_at=NOW - timedelta(hours=1)), author_id="u1", now=NOW)
    assert task.is_overdue(NOW)


def test_no_reminder_when_asked_for_none() -> None:
    task = rules.create(replace(GOOD, reminder_minutes=NO_REMINDER), author_id="u1", now=NOW)
    assert (task.reminder_minutes, task.remind_at) == (None, None)


def test_complete_reopen_cancel_and_a_second_completion_is_a_conflict() -> None:
    task = rules.create(GOOD, author_id="u1", now=NOW)
    done = rules.complete(task, "Reached her", now=NOW)
    assert (done.state, done.outcome, done.completed_at) == ("done", "Reached her", NOW)
    with pytest.raises(AlreadyExists):
        rules.complete(done, "again", now=NOW)
    reopened = rules.reopen(done, now=NOW)
    assert (reopened.state, reopened.outcome, reopened.completed_at) == ("open", "", None)
    assert rules.cancel(reopened, now=NOW).state == "cancelled"


def test_revise_reassigns_and_reschedules_and_refuses_unknown_fields() -> None:
    task = rules.create(GOOD, author_id="u1", now=NOW)
    later = NOW + timedelta(days=3)
    revised = rules.revise(task, {"owner_id": "u2", "due_at": later}, now=NOW)
    assert (revised.owner_id, revised.due_at, revised.author_id) == ("u2", later, "u1")
    assert revised.reminder_minutes == 15
    with pytest.raises(InvalidArgument) as refused:
        rules.revise(task, {"state": "done"}, now=NOW)
    assert [v.field for v in refused.value.violations] == ["update_mask"]
