"""What the scheduler does each round: send each open task's reminder when its time comes
(`activities.task-due`) and say when it is past due (`activities.task-overdue`), each once per
task and due time. A batch is one transaction holding the claims and the events, so a crash
loses nothing; the claims' key keeps a second scheduler (or a restarted one) from sending any
of them twice."""

from __future__ import annotations

from datetime import datetime

from activities.adapters.task_repository import DUE, OVERDUE
from activities.adapters.unit_of_work import ActivitiesUnitOfWork
from activities.service.events import TASK_DUE, TASK_OVERDUE, task_due, task_overdue

_EVENTS = {DUE: (TASK_DUE, task_due), OVERDUE: (TASK_OVERDUE, task_overdue)}


def send_notices(uow: ActivitiesUnitOfWork, kind: str, *, now: datetime, batch: int = 500) -> int:
    """One batch of `kind` (due or overdue) notices; returns how many tasks it looked at, so
    that the caller goes on while batches come back full."""
    topic, payload = _EVENTS[kind]
    with uow:
        tasks = uow.tasks
        pending = tasks.without_notice(kind, now, batch)
        for task in pending:
            if tasks.claim_notice(task, kind, now):
                uow.publish(topic, task.id, payload(task, now))
        uow.commit()
    return len(pending)
