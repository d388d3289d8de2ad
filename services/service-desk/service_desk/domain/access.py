"""Who may see and change what in the service desk (ARCHITECTURE.md, "Who may see what").

Service agents, managers and admins work everything here. A sales rep sees the follow-ups of
their own deals (and those they own), and may work those they own; nothing else of the
service desk. Anyone else is told an object does not exist, so its existence does not leak.
"""

from __future__ import annotations

from crm_platform.errors import NotFound, PermissionDenied, Unauthenticated
from crm_platform.request_context import Identity
from service_desk.domain.follow_up import FollowUp

DESK_ROLES = ("admin", "manager", "service")
_DESK = ", ".join(DESK_ROLES)


def require_caller(identity: Identity) -> None:
    if identity.is_anonymous:
        raise Unauthenticated("a caller identity is required")


def is_desk(identity: Identity) -> bool:
    return identity.has_any(*DESK_ROLES)


def require_desk(identity: Identity, what: str) -> None:
    """Tickets and surveys: desk roles only; anyone else gets NotFound."""
    require_caller(identity)
    if not is_desk(identity):
        raise NotFound(f"{what} not found")


def require_desk_to_create(identity: Identity, what: str) -> None:
    """Creating: nothing exists yet, so refusing plainly leaks nothing."""
    require_caller(identity)
    if not is_desk(identity):
        raise PermissionDenied(f"creating {what} needs one of the roles: {_DESK}")


def may_read_follow_up(identity: Identity, follow_up: FollowUp) -> bool:
    if is_desk(identity):
        return True
    mine = identity.user_id in (follow_up.owner_id, follow_up.deal_owner_id)
    return identity.has_any("sales") and mine


def check_follow_up(identity: Identity, follow_up: FollowUp, *, change: bool = False) -> None:
    require_caller(identity)
    if not may_read_follow_up(identity, follow_up):
        raise NotFound(f"follow-up {follow_up.id} not found")
    if change and not is_desk(identity) and follow_up.owner_id != identity.user_id:
        raise PermissionDenied(f"follow-up {follow_up.id} belongs to someone else")


def follow_up_scope(identity: Identity) -> str | None:
    """None: every follow-up; a user id: only those of that rep's deals or owned by them;
    "" : none at all."""
    require_caller(identity)
    if is_desk(identity):
        return None
    return identity.user_id if identity.has_any("sales") else ""
