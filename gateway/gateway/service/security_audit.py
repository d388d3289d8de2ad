"""The audit trail of security changes: users created and changed (roles, locks, details),
passwords reset, API tokens issued and revoked, sessions ended. Each entry names the actor
(the identity the request is bound to, or `system:<process>`), the caller's address and the
time, and is written in the change's own transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from typing import Any

from crm_platform.audit.reading import AuditFilter
from crm_platform.audit.recording import entry_fields
from crm_platform.audit.values import changed, json_value
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.account import Account
from gateway.models.audit import AuditEntryOut, AuditList, AuditQuery
from gateway.service.dependencies import Dependencies

USER, API_TOKEN = "user", "api_token"
CREATED, UPDATED = "created", "updated"
PASSWORD_RESET, SESSIONS_REVOKED = "password_reset", "sessions_revoked"
ISSUED, REVOKED = "issued", "revoked"

# What an entry shows of an account: what decides who may do what (never the hash, nor the
# login bookkeeping that every attempt changes, nor the UI's language).
ACCOUNT_FIELDS = ("username", "display_name", "email", "roles", "locked", "expires_at",
                  "allowed_ips")  # fmt: skip

_caller_address: ContextVar[str | None] = ContextVar("caller_address", default=None)


@contextmanager
def calling_from(address: str | None) -> Iterator[None]:
    """Entries written inside the block name `address` as the caller's (the entrypoint's
    client address, as allowed_ips sees it)."""
    token = _caller_address.set(address)
    try:
        yield
    finally:
        _caller_address.reset(token)


def account_values(account: Account) -> dict[str, Any]:
    return {name: json_value(getattr(account, name)) for name in ACCOUNT_FIELDS}


def record(
    uow: GatewayUnitOfWork,
    object_type: str,
    object_id: str,
    action: str,
    *,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> None:
    # The platform's entry (time, actor, correlation id), as the services write theirs.
    entry = entry_fields(object_type, object_id, action)
    address = _caller_address.get()
    uow.audit.add({**entry, "old_values": old, "new_values": new, "client_address": address})


def record_account_change(uow: GatewayUnitOfWork, before: Account, after: Account) -> None:
    """An `updated` entry with the fields that changed, if any did."""
    old, new = changed(account_values(before), account_values(after))
    if old or new:
        record(uow, USER, after.id, UPDATED, old=old, new=new)


def list_entries(deps: Dependencies, query: AuditQuery) -> AuditList:
    """The gateway's entries of `query.object_type`, as /api/v1/audit shows the services'."""
    where = AuditFilter(query.object_type, query.object_id or "", query.actor_id or "")
    with deps.uow().read_only() as uow:
        found, addresses = uow.audit.page(where, size=query.page_size, token=query.page_token or "")
    items = [
        AuditEntryOut(**asdict(entry), client_address=addresses.get(entry.id))
        for entry in found.items
    ]
    return AuditList(items=items, next_page_token=found.next_page_token, total=found.total)
