"""Writing audit entries, in the session (and so the transaction) of the change they describe:
an entry exists exactly when its change was committed.

Recorded explicitly by the repositories rather than from the session's attribute history
(a before_flush hook): most services write with Core UPDATE and DELETE statements, which the
ORM session never sees, so only the code issuing them knows what changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from crm_platform.audit.actor import current_actor
from crm_platform.audit.tables import audit_log
from crm_platform.audit.values import changed, is_logged, json_value, loggable
from crm_platform.request_context import current_correlation_id

CREATED, UPDATED, DELETED = "created", "updated", "deleted"

# One statement, its values given as parameters: `insert().values(...)` built a new statement
# per entry, and SQLAlchemy then keyed its compiled-SQL cache on every value.
_INSERT_ENTRY = insert(audit_log)

# Fields a write stamps on its own: a save changing only these changed nothing a user made.
BOOKKEEPING = frozenset({"updated_at"})


def record_created(session: Session, object_type: str, object_id: str, record: Any) -> None:
    record_change(session, object_type, object_id, CREATED, old=None, new=record)


def record_deleted(session: Session, object_type: str, object_id: str, record: Any) -> None:
    record_change(session, object_type, object_id, DELETED, old=record, new=None)


def record_updated(
    session: Session,
    object_type: str,
    object_id: str,
    old: Any,
    new: Any,
    action: str = UPDATED,
) -> bool:
    """Logs the fields that changed; an update that changes nothing (but its `updated_at`)
    logs nothing (→ False)."""
    return record_change(session, object_type, object_id, action, old=old, new=new)


def record_change(
    session: Session, object_type: str, object_id: str, action: str, *, old: Any, new: Any
) -> bool:
    old_values, new_values = _loggable(old), _loggable(new)
    if old_values is not None and new_values is not None:
        old_values, new_values = changed(old_values, new_values)
        if not (old_values.keys() | new_values.keys()) - BOOKKEEPING:
            return False
    entry = entry_fields(object_type, object_id, action)
    session.execute(_INSERT_ENTRY, {**entry, "old_values": old_values, "new_values": new_values})
    return True


def record_many_created(
    session: Session, object_type: str, records: Iterable[tuple[str, Any]]
) -> None:
    """One `created` entry per (id, record), in one multi-row insert (an import)."""
    base = entry_fields(object_type, "", CREATED)
    rows = [
        {**base, "object_id": object_id, "old_values": None, "new_values": values}
        for object_id, values in _loggable_each(records)
    ]
    if rows:
        session.execute(insert(audit_log), rows)


def _loggable_each(records: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """(id, `loggable(record)`) for each record."""
    for object_id, record in records:
        yield object_id, _loggable(record)


def _loggable(record: Any) -> Any:
    """`loggable(record)`; for a dataclass the fields to log are found once per type, not once
    a record (a third of an import's audit time, a twentieth of a lead's creation)."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return loggable(record)
    return {name: json_value(getattr(record, name)) for name in _logged_names(type(record))}


@cache
def _logged_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if is_logged(f.name))


def current_values(
    session: Session, table: Table, object_id: str, names: Iterable[str] | None = None
) -> dict[str, Any] | None:
    """The row's values as stored now (all columns, or `names`), read before an UPDATE or
    DELETE statement: the session's cached objects may be older than the row."""
    columns = [table.c[name] for name in names] if names is not None else list(table.c)
    row = session.execute(select(*columns).where(table.c.id == object_id)).one_or_none()
    return dict(row._mapping) if row is not None else None


def entry_fields(object_type: str, object_id: str, action: str) -> dict[str, Any]:
    actor_id, roles = current_actor()
    return {
        "occurred_at": datetime.now(UTC),
        "actor_id": actor_id,
        "actor_roles": roles,
        "correlation_id": current_correlation_id(),
        "object_type": object_type,
        "object_id": object_id,
        "action": action,
    }
