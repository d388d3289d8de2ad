"""The metadata keys that carry identity and correlation between the gateway and the services."""

from __future__ import annotations

from collections.abc import Iterable

from crm_platform.request_context import Identity

USER_ID = "x-crm-user-id"
ROLES = "x-crm-roles"
CORRELATION_ID = "x-correlation-id"


def outgoing_metadata(identity: Identity, correlation_id: str) -> tuple[tuple[str, str], ...]:
    """Metadata for a call made on behalf of `identity` (pass as `metadata=` to a stub call)."""
    pairs = [(CORRELATION_ID, correlation_id)]
    if not identity.is_anonymous:
        pairs.append((USER_ID, identity.user_id))
        pairs.append((ROLES, ",".join(sorted(identity.roles))))
    return tuple(pairs)


def identity_from_metadata(metadata: Iterable[tuple[str, str | bytes]]) -> tuple[Identity, str]:
    """The caller's identity and correlation id as sent in `metadata` (anonymous if absent)."""
    values = {key: value for key, value in metadata if isinstance(value, str)}
    roles = frozenset(r for r in values.get(ROLES, "").split(",") if r)
    identity = Identity(user_id=values.get(USER_ID, ""), roles=roles)
    return identity, values.get(CORRELATION_ID, "")
