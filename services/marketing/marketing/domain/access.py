"""Who may see and change campaigns (ARCHITECTURE.md, "Who may see what").

Marketing, managers and admins manage campaigns; sales reads them, since its reps link leads to
them; anyone else is told a campaign does not exist rather than that it is forbidden, so that
its existence does not leak.
"""

from __future__ import annotations

from crm_platform.errors import NotFound, PermissionDenied, Unauthenticated
from crm_platform.request_context import Identity

MANAGING_ROLES = ("admin", "manager", "marketing")
READING_ROLES = (*MANAGING_ROLES, "sales")
_MANAGERS = ", ".join(MANAGING_ROLES)


def may_read(identity: Identity) -> bool:
    return identity.has_any(*READING_ROLES)


def may_manage(identity: Identity) -> bool:
    return identity.has_any(*MANAGING_ROLES)


def require_caller(identity: Identity) -> None:
    if identity.is_anonymous:
        raise Unauthenticated("a caller identity is required")


def require_reader(identity: Identity, what: str) -> None:
    """For a single object: anonymous → Unauthenticated, no reading role → NotFound."""
    require_caller(identity)
    if not may_read(identity):
        raise NotFound(f"{what} not found")


def require_manager(identity: Identity, what: str) -> None:
    """Changing an existing object: those who may read it but not change it are refused."""
    require_reader(identity, what)
    if not may_manage(identity):
        raise PermissionDenied(f"changing {what} needs one of the roles: {_MANAGERS}")


def require_creator(identity: Identity) -> None:
    """Creating (or importing): nothing exists yet, so refusing says nothing that could leak."""
    require_caller(identity)
    if not may_manage(identity):
        raise PermissionDenied(f"creating campaigns needs one of the roles: {_MANAGERS}")
