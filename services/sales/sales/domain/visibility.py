"""Who sees and changes which sales records (ARCHITECTURE.md, "Who may see what").

A record the caller may not see answers NotFound, never PermissionDenied, so that its
existence does not leak; PermissionDenied is only for what the caller can see but not change.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_platform.errors import NotFound, PermissionDenied, Unauthenticated
from crm_platform.request_context import Identity

KINDS = ("lead", "customer", "contact", "deal")
_SEES_ALL = {
    "lead": {"admin", "manager"},
    "customer": {"admin", "manager", "service"},
    "contact": {"admin", "manager", "service"},
    "deal": {"admin", "manager"},
}
_CHANGES_ALL = {"admin", "manager"}
_OWNS = "sales"  # a sales rep works on their own records only


@dataclass(frozen=True)
class ListScope:
    """The rows a list may show: all, the caller's own, or (marketing) campaign-linked leads."""

    owner_id: str | None = None
    campaign_linked_only: bool = False
    nothing: bool = False


def require_caller(identity: Identity) -> None:
    if identity.is_anonymous:
        raise Unauthenticated("the call carries no caller identity")


def may_read(
    identity: Identity, kind: str, owner_id: str, *, campaign_linked: bool = False
) -> bool:
    if identity.has_any(*_SEES_ALL[kind]):
        return True
    if identity.has_any(_OWNS) and owner_id == identity.user_id:
        return True
    return kind == "lead" and campaign_linked and identity.has_any("marketing")


def may_change(identity: Identity, owner_id: str) -> bool:
    return identity.has_any(*_CHANGES_ALL) or (
        identity.has_any(_OWNS) and owner_id == identity.user_id
    )


def check_read(
    identity: Identity, kind: str, record_id: str, owner_id: str, *, campaign_linked: bool = False
) -> None:
    require_caller(identity)
    if not may_read(identity, kind, owner_id, campaign_linked=campaign_linked):
        raise NotFound(f"{kind} {record_id} not found")


def check_change(
    identity: Identity, kind: str, record_id: str, owner_id: str, *, campaign_linked: bool = False
) -> None:
    check_read(identity, kind, record_id, owner_id, campaign_linked=campaign_linked)
    if not may_change(identity, owner_id):
        raise PermissionDenied(f"you may read but not change {kind} {record_id}")


def check_create(identity: Identity, kind: str) -> None:
    require_caller(identity)
    if not identity.has_any(_OWNS, *_CHANGES_ALL):
        raise PermissionDenied(f"creating a {kind} needs the sales, manager or admin role")


def check_owner(identity: Identity, owner_id: str) -> None:
    """Only a manager or admin gives a record to someone else; a rep keeps their own."""
    if owner_id != identity.user_id and not identity.has_any(*_CHANGES_ALL):
        raise PermissionDenied("only a manager or admin may assign a record to another owner")


def list_scope(identity: Identity, kind: str) -> ListScope:
    require_caller(identity)
    if identity.has_any(*_SEES_ALL[kind]):
        return ListScope()
    if identity.has_any(_OWNS):
        return ListScope(owner_id=identity.user_id)
    if kind == "lead" and identity.has_any("marketing"):
        return ListScope(campaign_linked_only=True)
    return ListScope(nothing=True)
