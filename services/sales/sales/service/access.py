"""Loading a record for a use case, with the caller's visibility applied."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from crm_platform.errors import NotFound
from crm_platform.request_context import current_identity
from crm_platform.versions import check_version
from sales.adapters.records import RecordRepository
from sales.domain import visibility as vis

R = TypeVar("R")


def now() -> datetime:
    return datetime.now(UTC)


def fetch(
    repository: RecordRepository[R],
    kind: str,
    record_id: str,
    *,
    change: bool = False,
    expected_version: int = 0,
) -> R:
    """The record if the caller may see it (and, with `change`, change it); else NotFound or
    PermissionDenied. A record to change is locked until commit where the database can, and
    refused as stale when the caller read it at another version than it is now (0: unsaid)."""
    identity = current_identity()
    vis.require_caller(identity)
    record: Any = repository.get_for_update(record_id) if change else repository.get(record_id)
    if record is None:
        raise NotFound(f"{kind} {record_id} not found")
    linked = bool(getattr(record, "campaign_ids", ()))
    check = vis.check_change if change else vis.check_read
    check(identity, kind, record.id, record.owner_id, campaign_linked=linked)
    check_version(kind, record, expected_version)
    return record


def owner_for_new(values: dict[str, Any]) -> dict[str, Any]:
    """`values` with the owner resolved: the caller unless a manager names someone else."""
    identity = current_identity()
    owner_id = (values.get("owner_id") or "").strip() or identity.user_id
    vis.check_owner(identity, owner_id)
    return {**values, "owner_id": owner_id}


def check_new_owner(changes: dict[str, Any]) -> None:
    if "owner_id" in changes:
        vis.check_owner(current_identity(), (changes["owner_id"] or "").strip())
