"""A task: something a user must do by a given time, maybe about a record, with a reminder."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from activities.domain.bounds import minutes
from activities.domain.commands import NO_REMINDER, NewTask
from activities.domain.related import related
from crm_platform.errors import AlreadyExists, InvalidArgument
from crm_platform.validation import Violations

PRIORITIES = ("low", "normal", "high", "urgent")
STATES = ("open", "done", "cancelled")
DEFAULT_REMINDER = 15
# A week ahead is as early as a reminder makes sense.
REMINDER_MAX = 7 * 24 * 60
SUBJECT_MAX = 200
TEXT_MAX = 10_000
ID_MAX = 64
EDITABLE = (
    "subject",
    "description",
    "due_at",
    "priority",
    "owner_id",
    "reminder_minutes",
    "related_type",
    "related_id",
)


@dataclass(kw_only=True)
class Task:
    id: str
    subject: str
    description: str
    due_at: datetime
    priority: str
    owner_id: str
    author_id: str
    state: str
    # None: no reminder.
    reminder_minutes: int | None
    related_type: str | None
    related_id: str | None
    outcome: str
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None

    @property
    def remind_at(self) -> datetime | None:
        if self.reminder_minutes is None:
            return None
        return self.due_at - timedelta(minutes=self.reminder_minutes)

    def is_overdue(self, now: datetime) -> bool:
        return self.state == "open" and self.due_at < now


def create(command: NewTask, *, author_id: str, now: datetime) -> Task:
    """A new open task; a due time in the past is allowed (it is overdue at once)."""
    return _validated(
        command, task_id=str(uuid.uuid4()), author_id=author_id, created_at=now, now=now
    )


def revise(task: Task, changes: Mapping[str, Any], *, now: datetime) -> Task:
    """`task` with `changes` applied and checked as a whole. Any state: a done task's subject
    may still be corrected; its completion stays as it was."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidArgument.field("update_mask", f"unknown fields: {', '.join(unknown)}")
    current = NewTask(
        subject=task.subject,
        description=task.description,
        due_at=task.due_at,
        priority=task.priority,
        owner_id=task.owner_id,
        reminder_minutes=NO_REMINDER if task.reminder_minutes is None else task.reminder_minutes,
        related_type=task.related_type or "",
        related_id=task.related_id or "",
    )
    revised = _validated(
        replace(current, **changes),
        task_id=task.id,
        author_id=task.author_id,
        created_at=task.created_at,
        now=now,
    )
    return replace(
        revised,
        state=task.state,
        outcome=task.outcome,
        completed_at=task.completed_at,
    )


def complete(task: Task, outcome: str, *, now: datetime) -> Task:
    v = Violations()
    outcome = v.text("outcome", outcome, max_length=TEXT_MAX)
    v.raise_if_any("completion")
    _require(task, "open", "completed")
    return replace(task, state="done", outcome=outcome, completed_at=now, updated_at=now)


def reopen(task: Task, *, now: datetime) -> Task:
    if task.state == "open":
        raise AlreadyExists(f"task {task.id} is open already")
    return replace(task, state="open", outcome="", completed_at=None, updated_at=now)


def cancel(task: Task, *, now: datetime) -> Task:
    _require(task, "open", "cancelled")
    return replace(task, state="cancelled", updated_at=now)


def _require(task: Task, state: str, verb: str) -> None:
    # Completing twice conflicts with what happened, like converting a lead twice (409).
    if task.state != state:
        raise AlreadyExists(f"task {task.id} is {task.state}; only an {state} one can be {verb}")


def _validated(
    command: NewTask, *, task_id: str, author_id: str, created_at: datetime, now: datetime
) -> Task:
    v = Violations()
    reminder = command.reminder_minutes
    if reminder is None:
        reminder = DEFAULT_REMINDER
    elif reminder != NO_REMINDER:
        minutes(v, "reminder_minutes", reminder, low=0, high=REMINDER_MAX)
    about = related(v, command.related_type, command.related_id)
    task = Task(
        id=task_id,
        subject=v.text("subject", command.subject, required=True, max_length=SUBJECT_MAX),
        description=v.text("description", command.description, max_length=TEXT_MAX),
        # Only a None that is refused here gets past this typed as a datetime.
        due_at=v.aware("due_at", command.due_at),  # type: ignore[arg-type]
        priority=v.choice("priority", command.priority or "normal", PRIORITIES),
        owner_id=v.text("owner_id", command.owner_id, required=True, max_length=ID_MAX),
        author_id=author_id,
        state="open",
        reminder_minutes=None if reminder == NO_REMINDER else reminder,
        related_type=about.type if about else None,
        related_id=about.id if about else None,
        outcome="",
        created_at=created_at,
        updated_at=now,
    )
    v.raise_if_any("task")
    return task
