"""The events the activities service publishes, as `crm.events.v1` payloads."""

from __future__ import annotations

from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from activities.domain.activity import Activity
from activities.domain.task import Task
from crm.events.v1 import activities_events_pb2 as events
from crm_platform import topics

# The producer named in their envelopes (bootstrap.SERVICE_NAME).
PRODUCER = "activities"

TASK_CREATED = topics.TASK_CREATED.name
TASK_COMPLETED = topics.TASK_COMPLETED.name
TASK_DUE = topics.TASK_DUE.name
TASK_OVERDUE = topics.TASK_OVERDUE.name
ACTIVITY_LOGGED = topics.ACTIVITY_LOGGED.name


def task_created(task: Task) -> events.TaskCreated:
    return events.TaskCreated(
        task_id=task.id,
        subject=task.subject,
        owner_id=task.owner_id,
        author_id=task.author_id,
        priority=task.priority,
        due_at=ts(task.due_at),
        related_type=task.related_type or "",
        related_id=task.related_id or "",
        created_at=ts(task.created_at),
    )


def task_completed(task: Task) -> events.TaskCompleted:
    assert task.completed_at is not None
    return events.TaskCompleted(
        task_id=task.id,
        subject=task.subject,
        owner_id=task.owner_id,
        outcome=task.outcome,
        due_at=ts(task.due_at),
        completed_at=ts(task.completed_at),
        related_type=task.related_type or "",
        related_id=task.related_id or "",
        late=task.completed_at > task.due_at,
    )


def task_due(task: Task, now: datetime) -> events.TaskDue:
    return events.TaskDue(**_notice(task), reminded_at=ts(now))


def task_overdue(task: Task, now: datetime) -> events.TaskOverdue:
    return events.TaskOverdue(**_notice(task), detected_at=ts(now))


def _notice(task: Task) -> dict:
    """What a reminder and an overdue notice both say of their task."""
    return {
        "task_id": task.id,
        "subject": task.subject,
        "owner_id": task.owner_id,
        "priority": task.priority,
        "due_at": ts(task.due_at),
        "related_type": task.related_type or "",
        "related_id": task.related_id or "",
    }


def activity_logged(activity: Activity) -> events.ActivityLogged:
    return events.ActivityLogged(
        activity_id=activity.id,
        kind=activity.kind,
        subject=activity.subject,
        author_id=activity.author_id,
        at=ts(activity.at),
        duration_minutes=activity.duration_minutes,
        outcome=activity.outcome,
        related_type=activity.related_type or "",
        related_id=activity.related_id or "",
        contact_ids=list(activity.contact_ids),
    )


def ts(moment: datetime | None) -> Timestamp | None:
    """None leaves the field unset, which is how "no time" reads on the wire."""
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp
