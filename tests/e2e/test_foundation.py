"""The stack as `make up` starts it: ready, log in, manage users, and errors as problem+json."""

from __future__ import annotations

import uuid

import requests
from e2e.api_client import ApiClient
from tenacity import retry, stop_after_delay, wait_fixed

PROBLEM = "application/problem+json"


def test_health_and_readiness(stack):
    assert requests.get(f"{stack.base_url}/healthz", timeout=5).status_code == 200
    ready = requests.get(f"{stack.base_url}/readyz", timeout=5)
    assert ready.status_code == 200
    # Readiness is the gateway's own database; the rest is the admin's status.
    assert ready.json()["checks"] == {"database": "ok"}
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)

    @retry(stop=stop_after_delay(60), wait=wait_fixed(0.5), reraise=True)
    def everything_up() -> dict:
        status = admin.request("GET", "/api/v1/status").json()
        assert status["status"] == "ok", status
        return status

    checks = everything_up()["checks"]
    assert {"database", "marketing", "sales", "service-desk", "reporting", "kafka"} <= set(checks)


def test_admin_logs_in_and_creates_a_user_who_can_log_in(stack):
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    me = admin.request("GET", "/api/v1/me").json()
    assert me["username"] == "admin" and "admin" in me["roles"]

    username = f"rep-{uuid.uuid4().hex[:8]}"
    created = admin.request(
        "POST",
        "/api/v1/users",
        json={
            "username": username,
            "display_name": "Wang Fang",
            "email": f"{username}@example.com",
            "roles": ["sales"],
            "password": "a-long-enough-password",
        },
    )
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith(created.json()["id"])
    assert "password" not in created.json()

    rep = ApiClient(stack.base_url).logged_in(username, "a-long-enough-password")
    assert rep.request("GET", "/api/v1/me").json()["roles"] == ["sales"]
    assert rep.request("GET", "/api/v1/users").status_code == 403


def test_wrong_password_is_401_problem(stack):
    response = ApiClient(stack.base_url).login("admin", "not-the-password")
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith(PROBLEM)
    assert response.json()["status"] == 401


def test_malformed_json_is_400_problem(stack):
    response = requests.post(
        f"{stack.base_url}/api/v1/auth/login",
        data=b'{"username": "admin", "password": ',
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == 400 and body["title"]


def test_unknown_route_is_404_problem(stack):
    response = requests.get(f"{stack.base_url}/api/v1/no-such-thing", timeout=5)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith(PROBLEM)


def test_dictionary_comes_from_sales_over_grpc(stack):
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    dictionary = admin.request("GET", "/api/v1/dictionary").json()
    stages = [(s["code"], s["probability"]) for s in dictionary["deal_stages"]]
    assert stages[0] == ("qualification", 10) and stages[6] == ("closed_won", 100)
    assert len(stages) == 9
    assert "trade_show" in {e["code"] for e in dictionary["lead_sources"]}


def test_anonymous_dictionary_is_401(stack):
    assert requests.get(f"{stack.base_url}/api/v1/dictionary", timeout=5).status_code == 401
