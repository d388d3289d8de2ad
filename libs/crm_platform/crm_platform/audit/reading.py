"""Reading the audit log: entries newest first, narrowed by object and actor, a keyset page at
a time (the id orders them, so entries written meanwhile never shift the pages that follow)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_platform.audit.tables import audit_log
from crm_platform.errors import InvalidArgument
from crm_platform.paging import Page, decode_token, encode_token, page_size


@dataclass(frozen=True)
class AuditEntry:
    id: int
    occurred_at: datetime
    actor_id: str
    actor_roles: tuple[str, ...]
    correlation_id: str
    object_type: str
    object_id: str
    action: str
    old_values: dict[str, Any] | None
    new_values: dict[str, Any] | None


@dataclass(frozen=True)
class AuditFilter:
    object_type: str = ""
    object_id: str = ""
    actor_id: str = ""


def list_entries(session: Session, where: AuditFilter, *, requested_size: int, token: str) -> Page:
    size = page_size(requested_size)
    query = select(audit_log)
    for column, value in (
        (audit_log.c.object_type, where.object_type),
        (audit_log.c.object_id, where.object_id),
        (audit_log.c.actor_id, where.actor_id),
    ):
        if value:
            query = query.where(column == value)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    if token:
        (after,) = decode_token(token, 1)
        # A well-formed token around something else than an id would fail in the database.
        if isinstance(after, bool) or not isinstance(after, int):
            raise InvalidArgument.field("page_token", "is not a token this API handed out")
        query = query.where(audit_log.c.id < after)
    rows = session.execute(query.order_by(audit_log.c.id.desc()).limit(size + 1)).all()
    entries = [_entry(row._mapping) for row in rows[:size]]
    next_token = encode_token([entries[-1].id]) if len(rows) > size else None
    return Page(entries, next_token, total)


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        occurred_at=row["occurred_at"],
        actor_id=row["actor_id"],
        actor_roles=tuple(row["actor_roles"] or ()),
        correlation_id=row["correlation_id"],
        object_type=row["object_type"],
        object_id=row["object_id"],
        action=row["action"],
        old_values=row["old_values"],
        new_values=row["new_values"],
    )
