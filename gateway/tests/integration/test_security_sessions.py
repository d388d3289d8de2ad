"""Finding 2 of issue 24: sessions can be ended. A password reset and a lock end every session
and API token of the user at once (a reset keeps the API tokens only when asked to), and an
admin can log a user out everywhere, over the API and from the user's page."""

from __future__ import annotations

import re

import pytest

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)"')


@pytest.fixture
def erp(client, api, admin_headers, create_user):
    """An integration account with a session and an API token, each working."""
    user = create_user("erp", roles=["integration", "sales"])
    issued = client.post(
        f"/api/v1/users/{user['id']}/api-tokens", json={"name": "ERP"}, headers=admin_headers
    )
    user["session"] = api.bearer(api.token("erp", "password-123"))
    user["api_token"] = api.bearer(issued.get_json()["token"])
    assert works(client, user["session"]) and works(client, user["api_token"])
    return user


def works(client, headers) -> bool:
    return client.get("/api/v1/me", headers=headers).status_code == 200


def patch(client, admin_headers, user_id, **body):
    response = client.patch(f"/api/v1/users/{user_id}", json=body, headers=admin_headers)
    assert response.status_code == 200, response.get_json()
    return response


def test_a_password_reset_ends_sessions_and_api_tokens(client, admin_headers, erp):
    patch(client, admin_headers, erp["id"], password="new-password-1")
    assert not works(client, erp["session"]) and not works(client, erp["api_token"])


def test_a_reset_keeps_api_tokens_only_when_told(client, admin_headers, erp):
    patch(client, admin_headers, erp["id"], password="new-password-1", keep_api_tokens=True)
    assert not works(client, erp["session"]) and works(client, erp["api_token"])


def test_a_lock_ends_everything_and_an_unlock_brings_nothing_back(client, admin_headers, erp):
    patch(client, admin_headers, erp["id"], locked=True)
    patch(client, admin_headers, erp["id"], locked=False)
    assert not works(client, erp["session"]) and not works(client, erp["api_token"])


def test_other_changes_end_nothing(client, admin_headers, erp):
    patch(client, admin_headers, erp["id"], display_name="ERP sync")
    assert works(client, erp["session"]) and works(client, erp["api_token"])


def test_an_admin_logs_a_user_out_everywhere(client, api, admin_headers, erp):
    url = f"/api/v1/users/{erp['id']}:revoke-sessions"
    revoked = client.post(url, json={}, headers=admin_headers)
    assert revoked.status_code == 200, revoked.get_json()
    assert revoked.get_json() == {"sessions": 1, "api_tokens": 0}
    assert not works(client, erp["session"]) and works(client, erp["api_token"])

    also_tokens = client.post(url, json={"api_tokens": True}, headers=admin_headers)
    assert also_tokens.get_json() == {"sessions": 0, "api_tokens": 1}
    assert not works(client, erp["api_token"])


def test_revoking_ones_own_sessions_keeps_the_one_asking(client, api, admin_headers):
    other = api.bearer(api.token("admin", api.admin_password))
    me = client.get("/api/v1/me", headers=admin_headers).get_json()
    url = f"/api/v1/users/{me['id']}:revoke-sessions"
    assert client.post(url, json={}, headers=admin_headers).status_code == 200
    assert works(client, admin_headers) and not works(client, other)

    patch(client, admin_headers, me["id"], password="another-secret-2")
    assert works(client, admin_headers)


def test_only_admins_revoke_and_unknown_users_are_404(client, api, admin_headers, create_user):
    create_user("mona", roles=["manager"])
    manager = api.bearer(api.token("mona", "password-123"))
    url = "/api/v1/users/{}:revoke-sessions"
    assert client.post(url.format("x"), json={}, headers=manager).status_code == 403
    assert client.post(url.format("x"), json={}, headers=admin_headers).status_code == 404
    spec = client.get("/api/v1/openapi.json").get_json()
    assert any(path.endswith(":revoke-sessions") for path in spec["paths"])


@pytest.mark.parametrize(
    ("language", "button"), [("en", "Log out everywhere"), ("zh", "在所有设备上退出")]
)
def test_the_user_page_logs_out_everywhere(client, api, erp, language, button):
    page = client.get("/ui/login")
    form = {"username": "admin", "password": api.admin_password}
    form["csrf_token"] = CSRF_INPUT.search(page.get_data(as_text=True)).group(1)
    assert client.post("/ui/login", data=form).status_code == 302
    client.get(f"/ui/language/{language}")
    shown = client.get(f"/ui/users/{erp['id']}")
    text = shown.get_data(as_text=True)
    assert button in text
    csrf = CSRF_META.search(text).group(1)
    done = client.post(f"/ui/users/{erp['id']}/sessions/revoke", data={"csrf_token": csrf})
    assert done.status_code == 302 and "notice=sessions_revoked" in done.headers["Location"]
    assert not works(client, erp["session"]) and works(client, erp["api_token"])
    assert client.get(done.headers["Location"]).status_code == 200
