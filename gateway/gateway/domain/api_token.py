"""API tokens: long-lived bearer tokens an admin issues to an integration account, so that
another system calls the CRM without a person's password. Like a login's token, the secret
is shown once and stored only as a digest; unlike it, it has an id and a name to be listed
and revoked by, and lives for months rather than hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crm_platform.errors import FailedPrecondition, InvalidArgument

# The role that marks a machine account: only such accounts get API tokens (and the signed
# tokens for gRPC), so that no person's account holds a credential that outlives a session.
INTEGRATION = "integration"
DEFAULT_LIFETIME = timedelta(days=365)
MAX_LIFETIME = timedelta(days=2 * 365)


@dataclass(frozen=True)
class ApiToken:
    id: str
    user_id: str
    name: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None


def check_issuable(roles: frozenset[str]) -> None:
    if INTEGRATION not in roles:
        raise FailedPrecondition(
            f"API tokens are issued only to accounts with the {INTEGRATION!r} role"
        )


def expiry(now: datetime, requested: datetime | None) -> datetime:
    if requested is None:
        return now + DEFAULT_LIFETIME
    if not now < requested <= now + MAX_LIFETIME:
        raise InvalidArgument.field(
            "expires_at", f"must be in the future and within {MAX_LIFETIME.days} days"
        )
    return requested
