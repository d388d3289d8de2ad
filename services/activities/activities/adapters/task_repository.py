"""Stores and loads tasks, and claims their reminder and overdue notices."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from sqlalchemy import Select, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from activities.adapters.scoping import within
from activities.adapters.tables import TaskNoticeRow, TaskRow
from activities.domain.access import Scope
from activities.domain.commands import TaskFilter
from activities.domain.task import Task
from crm_platform.audit.recording import current_values, record_created, record_updated
from crm_platform.paging import Page, keyset_page

_FIELDS = tuple(f.name for f in fields(Task))
# Soonest due first: the list is a work queue.
_ORDER = (TaskRow.due_at, TaskRow.id)
DUE, OVERDUE = "due", "overdue"


class TaskRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, task: Task) -> None:
        self._session.add(TaskRow(**_values(task), id=task.id))
        record_created(self._session, "task", task.id, task)

    def get(self, task_id: str, *, for_update: bool = False) -> Task | None:
        query = select(TaskRow).where(TaskRow.id == task_id)
        if for_update:
            query = query.with_for_update()
        row = self._session.scalars(query).one_or_none()
        return _task(row) if row is not None else None

    def update(self, task: Task, *, action: str = "updated") -> None:
        """Writes the task; `action` names the change in the audit log."""
        values = _values(task)
        logged = {k: v for k, v in values.items() if k != "remind_at"}
        before = current_values(self._session, TaskRow.__table__, task.id, logged)
        self._session.execute(update(TaskRow).where(TaskRow.id == task.id).values(**values))
        record_updated(self._session, "task", task.id, before, logged, action)

    def page(
        self, given: TaskFilter, scope: Scope, *, now: datetime, size: int, token: str
    ) -> Page:
        query = within(
            matching(given, now),
            scope,
            TaskRow.owner_id,
            TaskRow.author_id,
            related_type=TaskRow.related_type,
        )
        page = keyset_page(self._session, query, _ORDER, requested_size=size, token=token)
        return Page([_task(r) for r in page.items], page.next_page_token, page.total)

    def open_about(self, related_type: str, related_id: str) -> list[Task]:
        query = select(TaskRow).where(
            TaskRow.state == "open",
            TaskRow.related_type == related_type,
            TaskRow.related_id == related_id,
        )
        return [_task(row) for row in self._session.scalars(query.with_for_update())]

    def without_notice(self, kind: str, now: datetime, limit: int) -> list[Task]:
        """Open tasks whose reminder time (`due`) or due time (`overdue`) has come and whose
        notice for their present due time has not gone out."""
        moment = TaskRow.remind_at if kind == DUE else TaskRow.due_at
        sent = exists().where(
            TaskNoticeRow.task_id == TaskRow.id,
            TaskNoticeRow.kind == kind,
            TaskNoticeRow.due_at == TaskRow.due_at,
        )
        query = (
            select(TaskRow)
            .where(TaskRow.state == "open", moment <= now, ~sent)
            .order_by(moment, TaskRow.id)
            .limit(limit)
            # A second scheduler on PostgreSQL takes other rows meanwhile.
            .with_for_update(skip_locked=True)
        )
        return [_task(row) for row in self._session.scalars(query)]

    def claim_notice(self, task: Task, kind: str, now: datetime) -> bool:
        """Records that `kind` goes out for the task's due time; False if it had been claimed
        (by another scheduler meanwhile): the key, not the query above, makes it once."""
        dialect = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        claim = (
            dialect.insert(TaskNoticeRow.__table__)
            .values(task_id=task.id, kind=kind, due_at=task.due_at, sent_at=now)
            .on_conflict_do_nothing()
            # What was inserted, rather than rowcount, which psycopg reports as -1 here.
            .returning(TaskNoticeRow.__table__.c.task_id)
        )
        return self._session.execute(claim).scalar() is not None


def matching(given: TaskFilter, now: datetime) -> Select:
    query = select(TaskRow)
    for column, value in (
        (TaskRow.owner_id, given.owner_id),
        (TaskRow.state, given.state),
        (TaskRow.related_type, given.related_type),
        (TaskRow.related_id, given.related_id),
    ):
        if value:
            query = query.where(column == value)
    if given.due_before:
        query = query.where(TaskRow.due_at < given.due_before)
    if given.due_after:
        query = query.where(TaskRow.due_at >= given.due_after)
    if given.overdue:
        query = query.where(TaskRow.state == "open", TaskRow.due_at < now)
    return query


def _values(task: Task) -> dict:
    values = {name: getattr(task, name) for name in _FIELDS if name != "id"}
    values["remind_at"] = task.remind_at
    return values


def _task(row: TaskRow) -> Task:
    return Task(**{name: getattr(row, name) for name in _FIELDS})
