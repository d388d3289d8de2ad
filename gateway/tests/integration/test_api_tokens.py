"""API tokens for integration accounts: issued, listed and revoked by admins; usable as Bearer
on REST; exchanged for a signed identity that the services believe over gRPC."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from crm_platform.identity_token import IdentityVerifier
from crm_platform.request_context import Identity


def issue(client, admin_headers, user_id, **body):
    return client.post(
        f"/api/v1/users/{user_id}/api-tokens",
        json={"name": "ERP sync", **body},
        headers=admin_headers,
    )


def test_an_integration_account_works_with_its_api_token_until_revoked(
    client, api, admin_headers, create_user
):
    erp = create_user("erp", roles=["integration", "sales"])
    issued = issue(client, admin_headers, erp["id"])
    assert issued.status_code == 201, issued.get_json()
    token = issued.get_json()
    assert token["name"] == "ERP sync" and token["user_id"] == erp["id"]
    lifetime = datetime.fromisoformat(token["expires_at"]) - datetime.now(UTC)
    assert timedelta(days=364) < lifetime <= timedelta(days=365)

    me = client.get("/api/v1/me", headers=api.bearer(token["token"]))
    assert me.status_code == 200 and me.get_json()["id"] == erp["id"]

    listed = client.get(f"/api/v1/users/{erp['id']}/api-tokens", headers=admin_headers)
    assert [t["id"] for t in listed.get_json()["items"]] == [token["id"]]
    assert "token" not in listed.get_json()["items"][0]  # the secret is shown once only

    revoked = client.delete(
        f"/api/v1/users/{erp['id']}/api-tokens/{token['id']}", headers=admin_headers
    )
    assert revoked.status_code == 204
    assert client.get("/api/v1/me", headers=api.bearer(token["token"])).status_code == 401
    listed = client.get(f"/api/v1/users/{erp['id']}/api-tokens", headers=admin_headers)
    assert listed.get_json()["items"][0]["revoked_at"] is not None


def test_only_integration_accounts_get_api_tokens(client, admin_headers, create_user):
    person = create_user("paula", roles=["sales"])
    refused = issue(client, admin_headers, person["id"])
    assert refused.status_code == 422
    assert "integration" in refused.get_json()["detail"]
    assert issue(client, admin_headers, "no-such-user").status_code == 404


def test_only_admins_issue_list_and_revoke(client, api, admin_headers, create_user):
    erp = create_user("erp2", roles=["integration", "manager"])
    create_user("mona", password="password-123", roles=["manager"])
    manager = api.bearer(api.token("mona", "password-123"))
    token = issue(client, admin_headers, erp["id"]).get_json()
    path = f"/api/v1/users/{erp['id']}/api-tokens"
    assert issue(client, manager, erp["id"]).status_code == 403
    assert client.get(path, headers=manager).status_code == 403
    assert client.delete(f"{path}/{token['id']}", headers=manager).status_code == 403
    # an integration account cannot issue itself more
    assert issue(client, api.bearer(token["token"]), erp["id"]).status_code == 403


def test_an_expiry_is_in_the_future_and_within_two_years(client, admin_headers, create_user):
    erp = create_user("erp3", roles=["integration"])
    soon = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    assert issue(client, admin_headers, erp["id"], expires_at=soon).status_code == 201
    for when in (datetime.now(UTC) - timedelta(days=1), datetime.now(UTC) + timedelta(days=800)):
        refused = issue(client, admin_headers, erp["id"], expires_at=when.isoformat())
        assert refused.status_code == 400, refused.get_json()


def test_an_integration_exchanges_its_api_token_for_a_signed_identity(
    client, api, admin_headers, create_user
):
    erp = create_user("erp4", roles=["integration", "sales"])
    secret = issue(client, admin_headers, erp["id"]).get_json()["token"]
    answer = client.post("/api/v1/auth/service-token", headers=api.bearer(secret))
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 60
    verifier = IdentityVerifier.from_keys(os.environ["IDENTITY_GATEWAY_PUBLIC_KEY"])
    identity = verifier.verify(body["access_token"])
    assert identity == Identity(erp["id"], frozenset({"integration", "sales"}))


def test_people_get_no_signed_identity(client, admin_headers):
    assert client.post("/api/v1/auth/service-token").status_code == 401
    assert client.post("/api/v1/auth/service-token", headers=admin_headers).status_code == 403
