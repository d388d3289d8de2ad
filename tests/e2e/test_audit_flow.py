"""The audit log through the whole stack: a sales rep changes a deal; a manager reads who did
what with the values before and after; the rep may not read the log."""

from __future__ import annotations

import uuid

from e2e.api_client import ApiClient

PASSWORD = "audit-password-123"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


def user(admin: ApiClient, stack, role: str) -> tuple[str, ApiClient]:
    username = f"{role}-{uuid.uuid4().hex[:8]}"
    body = {"username": username, "password": PASSWORD, "roles": [role]}
    created = ok(admin.request("POST", "/api/v1/users", json=body), 201)
    return created["id"], ApiClient(stack.base_url).logged_in(username, PASSWORD)


def test_a_managers_audit_trail_of_a_deal_a_rep_changed(stack):
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    rep_id, rep = user(admin, stack, "sales")
    _, manager = user(admin, stack, "manager")
    customer = ok(rep.request("POST", "/api/v1/customers", json={"name": "Audit GmbH"}), 201)
    deal = ok(
        rep.request(
            "POST", "/api/v1/deals", json={"name": "Cranes", "customer_id": customer["id"]}
        ),
        201,
    )
    ok(rep.request("PATCH", f"/api/v1/deals/{deal['id']}", json={"name": "Tower cranes"}))
    ok(rep.request("PATCH", f"/api/v1/deals/{deal['id']}", json={"stage": "needs_analysis"}))

    query = {"object_type": "deal", "object_id": deal["id"]}
    trail = ok(manager.request("GET", "/api/v1/audit", params=query))
    moved, renamed, created = trail["items"]
    assert [e["action"] for e in trail["items"]] == ["moved", "updated", "created"]
    assert {e["actor_id"] for e in trail["items"]} == {rep_id}
    assert renamed["old_values"]["name"] == "Cranes"
    assert renamed["new_values"]["name"] == "Tower cranes"
    assert (moved["old_values"]["stage"], moved["new_values"]["stage"]) == (
        "qualification",
        "needs_analysis",
    )
    assert created["old_values"] is None and created["new_values"]["customer_id"] == customer["id"]

    refused = rep.request("GET", "/api/v1/audit", params=query)
    assert refused.status_code == 403
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    unknown = manager.request("GET", "/api/v1/audit", params={"object_type": "starship"})
    assert unknown.status_code == 400
    assert [e["field"] for e in unknown.json()["errors"]] == ["object_type"]
