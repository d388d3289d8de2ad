"""Use cases on tasks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from activities.adapters.task_repository import TaskRepository
from activities.adapters.unit_of_work import ActivitiesUnitOfWork
from activities.domain import access
from activities.domain import task as rules
from activities.domain.commands import NewTask, TaskFilter
from activities.domain.task import Task
from activities.service.events import (
    TASK_COMPLETED,
    TASK_CREATED,
    task_completed,
    task_created,
)
from activities.service.records import (
    RecordDirectory,
    list_scope,
    require_visible,
    sees,
)
from crm_platform.errors import NotFound, PermissionDenied
from crm_platform.paging import Page
from crm_platform.request_context import current_identity


def create_task(uow: ActivitiesUnitOfWork, command: NewTask, *, records: RecordDirectory) -> Task:
    caller = current_identity()
    access.require_caller(caller)
    task = rules.create(
        replace(command, owner_id=command.owner_id or caller.user_id),
        author_id=caller.user_id,
        now=_now(),
    )
    # Checked with the record's owner before the transaction opens.
    require_visible(records, task.related_type, task.related_id)
    with uow:
        uow.tasks.add(task)
        uow.publish(TASK_CREATED, task.id, task_created(task))
        uow.commit()
    return task


def get_task(uow: ActivitiesUnitOfWork, task_id: str, *, records: RecordDirectory) -> Task:
    with uow.read_only():
        task = _load(uow.tasks, task_id)
    _require_sees(records, task)
    return task


def update_task(
    uow: ActivitiesUnitOfWork, task_id: str, changes: Mapping[str, Any], *, records: RecordDirectory
) -> Task:
    """Edits, reassigns (owner_id) and reschedules (due_at: its reminder goes out again)."""
    stored = get_task(uow, task_id, records=records)
    preview = rules.revise(stored, changes, now=_now())
    if (preview.related_type, preview.related_id) != (stored.related_type, stored.related_id):
        require_visible(records, preview.related_type, preview.related_id)
    action = "reassigned" if preview.owner_id != stored.owner_id else "updated"
    return _change(uow, task_id, lambda t, now: rules.revise(t, changes, now=now), action)


def complete_task(
    uow: ActivitiesUnitOfWork, task_id: str, outcome: str, *, records: RecordDirectory
):
    get_task(uow, task_id, records=records)
    return _change(
        uow,
        task_id,
        lambda t, now: rules.complete(t, outcome, now=now),
        "completed",
        publish=lambda u, done: u.publish(TASK_COMPLETED, done.id, task_completed(done)),
    )


def reopen_task(uow: ActivitiesUnitOfWork, task_id: str, *, records: RecordDirectory) -> Task:
    get_task(uow, task_id, records=records)
    return _change(uow, task_id, lambda t, now: rules.reopen(t, now=now), "reopened")


def cancel_task(uow: ActivitiesUnitOfWork, task_id: str, *, records: RecordDirectory) -> Task:
    get_task(uow, task_id, records=records)
    return _change(uow, task_id, lambda t, now: rules.cancel(t, now=now), "cancelled")


def list_tasks(
    uow: ActivitiesUnitOfWork,
    given: TaskFilter,
    *,
    records: RecordDirectory,
    page_size: int = 0,
    page_token: str = "",
) -> Page:
    scope = list_scope(records, given.related_type, given.related_id)
    with uow.read_only():
        return uow.tasks.page(given, scope, now=_now(), size=page_size, token=page_token)


def _change(
    uow: ActivitiesUnitOfWork,
    task_id: str,
    change: Callable[[Task, datetime], Task],
    action: str,
    publish: Callable[[ActivitiesUnitOfWork, Task], object] | None = None,
) -> Task:
    """Applies `change` to the task as stored (locked) once the caller may change it."""
    with uow:
        tasks = uow.tasks
        current = _load(tasks, task_id, for_update=True)
        if not access.may_change(current_identity(), people=(current.owner_id, current.author_id)):
            raise PermissionDenied(f"task {task_id} is someone else's")
        changed = change(current, _now())
        tasks.update(changed, action=action)
        if publish is not None:
            publish(uow, changed)
        uow.commit()
    return changed


def _load(tasks: TaskRepository, task_id: str, *, for_update: bool = False) -> Task:
    task = tasks.get(task_id, for_update=for_update)
    if task is None:
        raise NotFound(f"task {task_id} not found")
    return task


def _require_sees(records: RecordDirectory, task: Task) -> None:
    access.require_caller(current_identity())
    people = (task.owner_id, task.author_id)
    if not sees(records, people=people, related_type=task.related_type, related_id=task.related_id):
        raise NotFound(f"task {task.id} not found")


def _now() -> datetime:
    return datetime.now(UTC)
