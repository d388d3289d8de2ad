"""What the use cases need of the services that own the related records: whether the caller can
see one (a record that does not exist looks the same). Asked before a use case opens its unit
of work, so a refused request never takes the write lock."""

from __future__ import annotations

from typing import Protocol

from activities.domain import access
from crm_platform.errors import NotFound
from crm_platform.request_context import current_identity


class RecordDirectory(Protocol):
    def can_see(self, related_type: str, related_id: str) -> bool:
        """Whether the current caller can see that record; Unavailable when its owner cannot
        say (down, or past the deadline)."""


def require_visible(
    records: RecordDirectory, related_type: str | None, related_id: str | None
) -> None:
    """The related record exists and the caller can see it: else NotFound on `related_id`."""
    if related_type and related_id and not records.can_see(related_type, related_id):
        raise NotFound(f"related_id: {related_type} {related_id} not found")


def require_contacts(records: RecordDirectory, contact_ids: tuple[str, ...]) -> None:
    for contact_id in contact_ids:
        if not records.can_see("contact", contact_id):
            raise NotFound(f"contact_ids: contact {contact_id} not found")


def sees(
    records: RecordDirectory,
    *,
    people: tuple[str, ...],
    related_type: str | None,
    related_id: str | None,
) -> bool:
    """Whether the current caller may see an item whose people and related record these are."""
    answer = access.visible_without_asking(
        current_identity(), people=people, related_type=related_type
    )
    if answer is None:
        answer = records.can_see(related_type or "", related_id or "")
    return answer


def list_scope(records: RecordDirectory, related_type: str, related_id: str) -> access.Scope:
    """What a list may show the current caller; filtered to one record, everything on it to
    whoever can see the record (its owner is asked only when that decides it)."""
    caller = current_identity()
    access.require_caller(caller)
    one_record = (
        bool(related_type and related_id)
        and not access.is_manager(caller)
        and records.can_see(related_type, related_id)
    )
    return access.list_scope(caller, sees_filtered_record=one_record)
