"""Who may see and change tasks and logged activities (ARCHITECTURE.md, "Who may see what").

Managers and admins see and change everything. Anyone else sees what they own or wrote, and
what is about a record they can see; the service role sees everything about customers and
tickets. Whether a caller can see a record is for the service that owns it to say, so some
answers here are "ask" (None). Tasks are changed by their owner, their author or a manager;
activities by their author or a manager. What a caller may not see does not exist for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_platform.errors import Unauthenticated
from crm_platform.request_context import Identity

MANAGERS = ("admin", "manager")
# What the service role works on as a whole (its follow-ups and tickets are about these).
SERVICE_TYPES = ("customer", "ticket")


@dataclass(frozen=True)
class Scope:
    """Which rows a list may show: all of them, or those `user_id` owns or wrote and those about
    `related_types`."""

    everything: bool
    user_id: str = ""
    related_types: tuple[str, ...] = ()


def require_caller(identity: Identity) -> None:
    if identity.is_anonymous:
        raise Unauthenticated("a caller identity is required")


def is_manager(identity: Identity) -> bool:
    return identity.has_any(*MANAGERS)


def visible_without_asking(
    identity: Identity, *, people: tuple[str, ...], related_type: str | None
) -> bool | None:
    """True or False when the answer is known here; None when the record's owner must say.
    `people`: the users whose the item is (owner, author)."""
    if is_manager(identity) or identity.user_id in people:
        return True
    if related_type is None:
        return False
    if identity.has_any("service") and related_type in SERVICE_TYPES:
        return True
    return None


def may_change(identity: Identity, *, people: tuple[str, ...]) -> bool:
    return is_manager(identity) or identity.user_id in people


def list_scope(identity: Identity, *, sees_filtered_record: bool) -> Scope:
    """`sees_filtered_record`: the list is filtered to one record, which the caller can see."""
    require_caller(identity)
    if is_manager(identity) or sees_filtered_record:
        return Scope(everything=True)
    types = SERVICE_TYPES if identity.has_any("service") else ()
    return Scope(everything=False, user_id=identity.user_id, related_types=types)
