"""The roles a user may hold; every service reads them from the caller's identity."""

from __future__ import annotations

from collections.abc import Iterable

from crm_platform.errors import InvalidArgument
from crm_platform.request_context import ROLES
from gateway.domain.api_token import INTEGRATION

ADMIN = "admin"
# What an account may hold: the roles the services know, and the gateway's own mark of a
# machine account (the services ignore it; its business roles say what it may do).
ACCOUNT_ROLES = (*ROLES, INTEGRATION)


def validate_roles(roles: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(roles)
    unknown = sorted(chosen - set(ACCOUNT_ROLES))
    if unknown:
        raise InvalidArgument.field(
            "roles",
            f"unknown role(s) {', '.join(unknown)}; choose from {', '.join(ACCOUNT_ROLES)}",
        )
    return chosen
