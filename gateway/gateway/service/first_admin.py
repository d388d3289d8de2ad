"""The first administrator, so that a fresh install can be logged into."""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError

from crm_platform.audit.actor import acting_as_system
from crm_platform.errors import AlreadyExists
from gateway.domain.roles import ADMIN
from gateway.service.commands import CreateUser
from gateway.service.dependencies import Dependencies
from gateway.service.users import create_user

ADMIN_USERNAME = "admin"


def ensure_first_admin(deps: Dependencies, password: str | None) -> str | None:
    """Create `admin` when no administrator exists; returns the password if it was generated.

    Idempotent: once any administrator exists (even renamed) nothing happens.
    """
    with deps.uow().read_only() as uow:
        if uow.users.exists_with_role(ADMIN) or uow.users.get_by_username(ADMIN_USERNAME):
            return None
    generated = None if password else secrets.token_urlsafe(18)
    try:
        with acting_as_system("first-start"):  # the audit entry's actor: no one logged in
            create_user(
                deps,
                CreateUser(
                    username=ADMIN_USERNAME,
                    password=password or generated or "",
                    display_name="Administrator",
                    roles=frozenset({ADMIN}),
                ),
            )
    except (AlreadyExists, IntegrityError):
        # Another worker starting at the same moment created it first.
        return None
    return generated
