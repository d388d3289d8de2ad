"""A lead or deal deleted in sales: its open tasks are cancelled, so that nobody is reminded of
work about a record that is gone. Their activities stay as history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from activities.adapters.task_repository import TaskRepository
from activities.domain import task as rules


def cancel_open_tasks(session: Session, related_type: str, related_id: str, now: datetime) -> int:
    """In the consumer's transaction (which also records the event as processed)."""
    tasks = TaskRepository(session)
    open_tasks = tasks.open_about(related_type, related_id)
    for task in open_tasks:
        tasks.update(rules.cancel(task, now=now), action="cancelled")
    return len(open_tasks)
