"""A ticket's history: one entry per change, with the fields that changed."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime

from service_desk.domain.ticket import Ticket

# Timestamps the system keeps are not edits anyone made.
_IGNORED = {"updated_at", "version"}  # bookkeeping, not what changed


@dataclass(frozen=True)
class FieldChange:
    field: str
    old_value: str
    new_value: str


@dataclass(frozen=True)
class HistoryEntry:
    ticket_id: str
    action: str
    from_state: str
    to_state: str
    actor_id: str
    at: datetime
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)


def entry(before: Ticket | None, after: Ticket, action: str, actor_id: str) -> HistoryEntry:
    return HistoryEntry(
        ticket_id=after.id,
        action=action,
        from_state=before.state if before else "",
        to_state=after.state,
        actor_id=actor_id,
        at=after.updated_at,
        changes=diff(before, after),
    )


def diff(before: Ticket | None, after: Ticket) -> tuple[FieldChange, ...]:
    changes = []
    for f in fields(Ticket):
        if f.name in _IGNORED:
            continue
        old = _text(getattr(before, f.name)) if before else ""
        new = _text(getattr(after, f.name))
        if old != new:
            changes.append(FieldChange(f.name, old, new))
    return tuple(changes)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
