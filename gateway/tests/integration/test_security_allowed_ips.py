"""Finding 3 of issue 24: `allowed_ips` fences every request made with a session or an API
token, and the signed gRPC identity an integration mints, not only the password login."""

from __future__ import annotations

import re

INSIDE, OUTSIDE = "10.1.2.3", "192.0.2.10"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_a_session_made_inside_the_fence_does_not_work_outside(client, api, create_user):
    create_user("fenced", allowed_ips=["10.0.0.0/8"])
    login = api.log_in("fenced", "password-123", address=INSIDE)
    headers = api.bearer(login.get_json()["access_token"])
    assert client.get("/api/v1/me", headers=headers, **from_address(INSIDE)).status_code == 200
    outside = client.get("/api/v1/me", headers=headers, **from_address(OUTSIDE))
    assert outside.status_code == 401
    assert outside.content_type == "application/problem+json"


def test_an_api_token_and_its_grpc_identity_only_from_the_partners_network(
    client, api, admin_headers, create_user
):
    erp = create_user("erp-fenced", roles=["integration", "sales"], allowed_ips=["10.0.0.0/8"])
    issued = client.post(
        f"/api/v1/users/{erp['id']}/api-tokens", json={"name": "ERP"}, headers=admin_headers
    )
    headers = api.bearer(issued.get_json()["token"])
    mint = "/api/v1/auth/service-token"
    assert client.post(mint, headers=headers, **from_address(INSIDE)).status_code == 200
    assert client.post(mint, headers=headers, **from_address(OUTSIDE)).status_code == 401
    assert client.get("/api/v1/me", headers=headers, **from_address(OUTSIDE)).status_code == 401


def test_the_web_session_cookie_is_fenced_too(client, create_user):
    create_user("fenced-web", allowed_ips=["10.0.0.0/8"])
    page = client.get("/ui/login")
    token = CSRF_INPUT.search(page.get_data(as_text=True)).group(1)
    form = {"username": "fenced-web", "password": "password-123", "csrf_token": token}
    assert client.post("/ui/login", data=form, **from_address(INSIDE)).status_code == 302
    assert client.get("/ui/", **from_address(INSIDE)).status_code in (200, 302)
    away = client.get("/ui/campaigns", **from_address(OUTSIDE))
    assert away.status_code == 302 and away.headers["Location"].startswith("/ui/login")
