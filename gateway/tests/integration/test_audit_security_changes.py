"""Finding 16 of issue 24: security changes are in the audit log (the gateway's own, on the
real migrated database) with actor, address and time, and /api/v1/audit shows them as it shows
the services' entries: user creation, role grants, locks and unlocks, password resets, API
tokens issued and revoked, sessions ended."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from crm_platform.database import make_engine

ADMIN_ADDRESS = "198.51.100.7"


@pytest.fixture
def admin(api):
    """The admin's headers and id; its requests come from ADMIN_ADDRESS."""
    response = api.log_in("admin", api.admin_password, address=ADMIN_ADDRESS)
    body = response.get_json()
    return api.bearer(body["access_token"]), body["user"]["id"]


def call(client, method, url, headers, **kwargs):
    response = client.open(
        url, method=method, headers=headers, environ_base={"REMOTE_ADDR": ADMIN_ADDRESS}, **kwargs
    )
    assert response.status_code < 300, response.get_json()
    return response.get_json() if response.data else None


def audit(client, headers, **query):
    response = client.get("/api/v1/audit", query_string=query, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_users_security_history_with_actor_address_and_time(client, admin):
    headers, admin_id = admin
    before = datetime.now(UTC)
    body = {"username": "ivy", "password": "password-123", "roles": ["sales"]}
    user = call(client, "POST", "/api/v1/users", headers, json=body)
    url = f"/api/v1/users/{user['id']}"
    call(client, "PATCH", url, headers, json={"roles": ["sales", "manager"]})
    call(client, "PATCH", url, headers, json={"locked": True})
    call(client, "PATCH", url, headers, json={"locked": False})
    call(client, "PATCH", url, headers, json={"password": "password-456"})
    call(client, "POST", f"{url}:revoke-sessions", headers, json={})

    trail = audit(client, headers, object_type="user", object_id=user["id"])
    actions = [entry["action"] for entry in reversed(trail["items"])]
    assert actions == [
        "created",
        "updated",  # the role grant
        "updated",  # locked
        "sessions_revoked",  # the lock ends every session
        "updated",  # unlocked
        "password_reset",
        "sessions_revoked",  # and so does the reset
        "sessions_revoked",  # the admin's "log out everywhere"
    ]
    created, grant, lock, _, unlock, reset, reset_ended, ended = reversed(trail["items"])
    assert created["new_values"]["roles"] == ["sales"]
    assert "password" not in str(created["new_values"]) and "hash" not in str(created)
    assert (grant["old_values"], grant["new_values"]) == (
        {"roles": ["sales"]},
        {"roles": ["manager", "sales"]},
    )
    assert (lock["new_values"], unlock["new_values"]) == ({"locked": True}, {"locked": False})
    assert reset["new_values"] == {"api_tokens_kept": False}
    assert reset_ended["new_values"]["reason"] == "password_reset"
    assert ended["new_values"] == {"sessions": 0, "api_tokens": 0, "reason": "admin"}
    for entry in trail["items"]:
        assert (entry["actor_id"], entry["actor_roles"]) == (admin_id, ["admin"])
        assert entry["client_address"] == ADMIN_ADDRESS
        occurred = datetime.fromisoformat(entry["occurred_at"])
        assert before - timedelta(seconds=1) <= occurred <= datetime.now(UTC)


def test_api_tokens_issued_and_revoked(client, admin):
    headers, admin_id = admin
    body = {"username": "erp", "password": "password-123", "roles": ["integration"]}
    erp = call(client, "POST", "/api/v1/users", headers, json=body)
    tokens = f"/api/v1/users/{erp['id']}/api-tokens"
    token = call(client, "POST", tokens, headers, json={"name": "ERP sync"})
    call(client, "DELETE", f"{tokens}/{token['id']}", headers)

    trail = audit(client, headers, object_type="api_token", object_id=token["id"])
    revoked, issued = trail["items"]
    assert (issued["action"], revoked["action"]) == ("issued", "revoked")
    assert (
        issued["new_values"]["name"] == "ERP sync" and issued["new_values"]["user_id"] == erp["id"]
    )
    assert token["token"] not in str(trail)  # the secret is never logged
    assert {e["actor_id"] for e in trail["items"]} == {admin_id}
    assert {e["client_address"] for e in trail["items"]} == {ADMIN_ADDRESS}


def test_the_first_admin_is_created_by_the_system_and_the_actor_filter(client, admin):
    headers, admin_id = admin
    first = audit(client, headers, object_type="user", object_id=admin_id)["items"]
    assert [(e["action"], e["actor_id"]) for e in first] == [("created", "system:first-start")]
    assert audit(client, headers, object_type="user", actor_id="nobody")["total"] == 0


def test_an_update_logs_only_the_fields_it_changed(client, api, create_user, admin):
    headers, _ = admin
    user = create_user("lena")
    call(client, "PATCH", f"/api/v1/users/{user['id']}", headers, json={"display_name": "Lena"})
    trail = audit(client, headers, object_type="user", object_id=user["id"])
    assert [e["action"] for e in trail["items"]] == ["updated", "created"]
    assert trail["items"][0]["new_values"] == {"display_name": "Lena"}


def test_only_admins_and_managers_read_it(client, api, create_user):
    create_user("sam", roles=["sales"])
    sales = api.bearer(api.token("sam", "password-123"))
    response = client.get("/api/v1/audit?object_type=user", headers=sales)
    assert response.status_code == 403


def test_the_log_is_append_only(client, admin, database_url):
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection, pytest.raises(Exception, match="append-only"):
            connection.execute(text("DELETE FROM audit_log"))
    finally:
        engine.dispose()
