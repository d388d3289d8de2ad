"""A bulk job: one action applied to many records of a kind, one record at a time through the
same client call as a single change (so each record gets its own events, audit entry and
authorization check), with its progress kept in the gateway's database.

A job runs in a thread of the worker that took it. Nothing restarts it if that worker dies, but
it is never lost silently: the runner touches `heartbeat_at` after every record, and a job
still "running" without a heartbeat for STALE_AFTER is marked failed by the next read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crm_platform.errors import InvalidArgument

RUNNING, FINISHED, FAILED = "running", "finished", "failed"
STALE_AFTER = timedelta(minutes=2)
MAX_RECORDS = 10_000  # one job's records ("all matching" included)
MAX_REFUSALS_KEPT = 500  # reasons kept per job; the count goes on past it

# The actions each kind takes, and whether the action needs a value (an owner, a state ...).
ACTIONS: dict[str, dict[str, bool]] = {
    "leads": {"reassign": True, "state": True, "campaign": True, "delete": False},
    "customers": {"reassign": True, "delete": False},
    "contacts": {"reassign": True, "delete": False},
    "deals": {"reassign": True, "stage": True, "delete": False},
    "campaigns": {"reassign": True, "state": True, "delete": False},
    "tickets": {"reassign": True},
    "follow_ups": {"reassign": True, "cancel": False},
}


def check_request(kind: str, action: str, value: str) -> None:
    """InvalidArgument naming `kind`, `action` or `value` when the request is not one to run."""
    if kind not in ACTIONS:
        raise InvalidArgument.field("kind", f"Unknown kind; one of {', '.join(ACTIONS)}")
    if action not in ACTIONS[kind]:
        known = ", ".join(ACTIONS[kind])
        raise InvalidArgument.field("action", f"{kind} take these actions: {known}")
    if ACTIONS[kind][action] and not value.strip():
        raise InvalidArgument.field("value", f"The {action} action needs a value")


@dataclass
class Refusal:
    record_id: str
    reason: str


@dataclass
class BulkJob:
    id: str
    user_id: str
    kind: str
    action: str
    value: str
    state: str
    created_at: datetime
    heartbeat_at: datetime
    total: int = 0
    changed: int = 0
    refused_count: int = 0
    refusals: list[Refusal] = field(default_factory=list)
    finished_at: datetime | None = None
    error: str = ""

    @property
    def done(self) -> int:
        return self.changed + self.refused_count

    def refuse(self, record_id: str, reason: str) -> None:
        self.refused_count += 1
        if len(self.refusals) < MAX_REFUSALS_KEPT:
            self.refusals.append(Refusal(record_id, reason))

    def finish(self, now: datetime) -> None:
        self.state, self.finished_at, self.heartbeat_at = FINISHED, now, now

    def fail(self, now: datetime, error: str) -> None:
        self.state, self.finished_at, self.error = FAILED, now, error[:500]

    def orphaned(self, now: datetime) -> bool:
        """Running, but its worker has not touched it for STALE_AFTER: it died with it."""
        return self.state == RUNNING and now - self.heartbeat_at > STALE_AFTER
