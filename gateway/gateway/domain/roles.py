"""The roles a user may hold; every service reads them from the caller's identity."""

from __future__ import annotations

from collections.abc import Iterable

from crm_platform.errors import InvalidArgument
from crm_platform.request_context import ROLES

ADMIN = "admin"


def validate_roles(roles: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(roles)
    unknown = sorted(chosen - set(ROLES))
    if unknown:
        raise InvalidArgument.field(
            "roles", f"unknown role(s) {', '.join(unknown)}; choose from {', '.join(ROLES)}"
        )
    return chosen
