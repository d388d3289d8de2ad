"""Domain objects to gRPC messages and back: translation only, no rule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf.message import Message

from activities.domain import activity as activity_rules
from activities.domain import task as task_rules
from activities.domain.activity import Activity
from activities.domain.commands import ActivityFilter, NewActivity, NewTask, TaskFilter
from activities.domain.task import Task
from activities.service.events import ts
from crm.activities.v1 import activities_pb2 as pb
from crm_platform.paging import Page


def when(message: Message, name: str) -> datetime | None:
    # An unset Timestamp would read as 1970: absent means "not given" instead.
    return getattr(message, name).ToDatetime(tzinfo=UTC) if message.HasField(name) else None


def new_task(message: pb.TaskInput) -> NewTask:
    return NewTask(
        subject=message.subject,
        description=message.description,
        due_at=when(message, "due_at"),
        priority=message.priority,
        owner_id=message.owner_id,
        reminder_minutes=message.reminder_minutes if message.HasField("reminder_minutes") else None,
        related_type=message.related_type,
        related_id=message.related_id,
    )


def task_changes(request: pb.UpdateTaskRequest) -> dict[str, Any]:
    """The fields named in update_mask; an unknown name is left for the domain to refuse."""
    given = new_task(request.task)
    return {
        name: getattr(given, name, "") if name in task_rules.EDITABLE else ""
        for name in dict.fromkeys(request.update_mask)
    }


def task_filter(message: pb.TaskFilter) -> TaskFilter:
    return TaskFilter(
        owner_id=message.owner_id,
        state=message.state,
        related_type=message.related_type,
        related_id=message.related_id,
        due_before=when(message, "due_before"),
        due_after=when(message, "due_after"),
        overdue=message.overdue,
    )


def task_message(task: Task) -> pb.Task:
    return pb.Task(
        id=task.id,
        subject=task.subject,
        description=task.description,
        due_at=ts(task.due_at),
        priority=task.priority,
        owner_id=task.owner_id,
        state=task.state,
        has_reminder=task.reminder_minutes is not None,
        reminder_minutes=task.reminder_minutes or 0,
        related_type=task.related_type or "",
        related_id=task.related_id or "",
        outcome=task.outcome,
        author_id=task.author_id,
        created_at=ts(task.created_at),
        updated_at=ts(task.updated_at),
        completed_at=ts(task.completed_at),
        overdue=task.is_overdue(datetime.now(UTC)),
    )


def new_activity(message: pb.ActivityInput) -> NewActivity:
    return NewActivity(
        kind=message.kind,
        subject=message.subject,
        notes=message.notes,
        at=when(message, "at"),
        duration_minutes=message.duration_minutes,
        outcome=message.outcome,
        contact_ids=tuple(message.contact_ids),
        related_type=message.related_type,
        related_id=message.related_id,
    )


def activity_changes(request: pb.UpdateActivityRequest) -> dict[str, Any]:
    given = new_activity(request.activity)
    return {
        name: getattr(given, name, "") if name in activity_rules.EDITABLE else ""
        for name in dict.fromkeys(request.update_mask)
    }


def activity_filter(message: pb.ActivityFilter) -> ActivityFilter:
    return ActivityFilter(
        kind=message.kind,
        author_id=message.author_id,
        related_type=message.related_type,
        related_id=message.related_id,
    )


def activity_message(activity: Activity) -> pb.Activity:
    return pb.Activity(
        id=activity.id,
        kind=activity.kind,
        subject=activity.subject,
        notes=activity.notes,
        at=ts(activity.at),
        duration_minutes=activity.duration_minutes,
        outcome=activity.outcome,
        contact_ids=list(activity.contact_ids),
        related_type=activity.related_type or "",
        related_id=activity.related_id or "",
        author_id=activity.author_id,
        created_at=ts(activity.created_at),
        updated_at=ts(activity.updated_at),
    )


def page_of(response_type: type[Message], page: Page, convert) -> Message:
    return response_type(
        items=[convert(item) for item in page.items],
        next_page_token=page.next_page_token or "",
        total=page.total,
    )
