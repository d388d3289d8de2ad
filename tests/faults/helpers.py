"""What the fault tests share: users, checked responses, the stack's extra ports."""

from __future__ import annotations

import uuid

from e2e.api_client import ApiClient
from e2e.stack import _free_port

PASSWORD = "fault-password-123"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


def new_user(base_url: str, admin_password: str, roles: list[str]) -> tuple[ApiClient, str]:
    """A fresh user (so that their lists and funnel hold only what the test made) and its id."""
    admin = ApiClient(base_url).logged_in("admin", admin_password)
    username = f"fault-{uuid.uuid4().hex[:8]}"
    created = admin.request(
        "POST", "/api/v1/users", json={"username": username, "password": PASSWORD, "roles": roles}
    )
    assert created.status_code == 201, created.text
    return ApiClient(base_url).logged_in(username, PASSWORD), created.json()["id"]


# The service desk's consumer exposes /metrics only when given a port.
SERVICE_DESK_METRICS_PORT = _free_port()
