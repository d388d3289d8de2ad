from datetime import UTC, datetime, timedelta


def test_login_returns_a_bearer_token_and_the_user(client, api):
    response = api.log_in("admin", api.admin_password)
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] > 0
    assert len(body["access_token"]) >= 43
    assert body["user"]["username"] == "admin"
    assert body["user"]["roles"] == ["admin"]
    assert "password" not in body["user"] and "password_hash" not in body["user"]


def test_every_refusal_looks_the_same(client, create_user, admin_headers, api):
    now = datetime.now(UTC)
    create_user("locked-user", locked=True)
    create_user("expired-user", expires_at=(now - timedelta(days=1)).isoformat())
    create_user("fenced-user", allowed_ips=["10.0.0.0/8"])

    refusals = [
        api.log_in("admin", "wrong password"),
        api.log_in("nobody", "password-123"),
        api.log_in("locked-user", "password-123"),
        api.log_in("expired-user", "password-123"),
        api.log_in("fenced-user", "password-123", address="192.0.2.10"),
    ]
    assert {r.status_code for r in refusals} == {401}
    assert {r.mimetype for r in refusals} == {"application/problem+json"}
    assert len({r.get_data() for r in refusals}) == 1
    body = refusals[0].get_json()
    assert body["status"] == 401 and body["title"] == "Unauthorized"
    assert api.log_in("fenced-user", "password-123", address="10.1.2.3").status_code == 200


def test_repeated_failures_lock_the_account(client, create_user, admin_headers, api):
    user = create_user("carol")
    for _ in range(api.lockout_threshold):
        assert api.log_in("carol", "wrong-password").status_code == 401
    assert api.log_in("carol", "password-123").status_code == 401

    # An administrator unlocking the account lifts the lockout too.
    client.patch(f"/api/v1/users/{user['id']}", json={"locked": False}, headers=admin_headers)
    assert api.log_in("carol", "password-123").status_code == 200


def test_a_successful_login_resets_the_failure_count(client, create_user, api):
    create_user("dave")
    for _ in range(3):
        for _ in range(api.lockout_threshold - 1):
            assert api.log_in("dave", "wrong-password").status_code == 401
        assert api.log_in("dave", "password-123").status_code == 200


def test_usernames_are_case_insensitive(client, api):
    assert api.log_in("ADMIN", api.admin_password).status_code == 200


def test_me_and_logout(client, api):
    token = api.log_in("admin", api.admin_password).get_json()["access_token"]
    me = client.get("/api/v1/me", headers=api.bearer(token))
    assert me.status_code == 200 and me.get_json()["username"] == "admin"

    assert client.post("/api/v1/auth/logout", headers=api.bearer(token)).status_code == 204
    assert client.get("/api/v1/me", headers=api.bearer(token)).status_code == 401


def test_anonymous_and_bad_tokens_get_401(client, api):
    anonymous = client.get("/api/v1/me")
    assert anonymous.status_code == 401
    assert anonymous.mimetype == "application/problem+json"
    assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/v1/me", headers=api.bearer("made-up")).status_code == 401
    assert client.post("/api/v1/auth/logout").status_code == 401


def test_a_second_start_does_not_recreate_the_admin(make_app, client, admin_headers, api):
    make_app()
    users = client.get("/api/v1/users", headers=admin_headers).get_json()
    assert [u["username"] for u in users["items"]] == ["admin"]


def test_correlation_id_is_echoed_or_made(client, api):
    given = client.get("/healthz", headers={"X-Correlation-ID": "abc-123"})
    assert given.headers["X-Correlation-ID"] == "abc-123"
    made = client.get("/healthz", headers={"X-Correlation-ID": "bad id {forged}"})
    assert made.headers["X-Correlation-ID"] not in ("", "bad id {forged}")
