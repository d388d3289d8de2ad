"""Service-level targets: how long a ticket of each priority may stay unresolved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SlaPolicy:
    """Hours to resolve, per priority (the defaults are the issue's example)."""

    urgent_hours: float = 4
    high_hours: float = 8
    normal_hours: float = 24
    low_hours: float = 72

    def due_at(self, priority: str, opened_at: datetime) -> datetime:
        return opened_at + timedelta(hours=getattr(self, f"{priority}_hours"))


def breached(sla_due_at: datetime, *, resolved_at: datetime | None, now: datetime) -> bool:
    """Resolved after the target, or still unresolved past it. Resolving exactly on time is
    within the target."""
    return (resolved_at or now) > sla_due_at
