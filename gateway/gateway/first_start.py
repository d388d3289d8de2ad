"""What every start does once the schema exists: make sure someone can log in."""

from __future__ import annotations

from gateway.service.dependencies import Dependencies
from gateway.service.first_admin import ADMIN_USERNAME, ensure_first_admin
from gateway.settings import GatewaySettings


def announce_first_admin(deps: Dependencies, settings: GatewaySettings) -> None:
    password = settings.admin_password.get_secret_value() if settings.admin_password else None
    generated = ensure_first_admin(deps, password)
    if generated:
        # Printed, not logged: log lines are shipped and kept, this must be seen once only.
        print(
            f"Created user {ADMIN_USERNAME!r} with generated password: {generated}\n"
            "Store it now; it is not shown again. Set CRM_ADMIN_PASSWORD to choose it instead.",
            flush=True,
        )
