def test_admin_creates_reads_lists_and_updates_a_user(client, api, admin_headers):
    created = client.post(
        "/api/v1/users",
        json={
            "username": "Erin",
            "password": "password-123",
            "display_name": "Erin Example",
            "email": "erin@example.com",
            "roles": ["sales", "manager"],
            "allowed_ips": ["10.0.0.1", "192.168.0.0/16"],
            "expires_at": "2099-01-01T00:00:00+00:00",
        },
        headers=admin_headers,
    )
    assert created.status_code == 201
    user = created.get_json()
    assert created.headers["Location"].endswith(f"/api/v1/users/{user['id']}")
    assert user["username"] == "erin"
    assert user["roles"] == ["manager", "sales"]
    assert user["allowed_ips"] == ["10.0.0.1/32", "192.168.0.0/16"]
    assert "password" not in user

    fetched = client.get(created.headers["Location"], headers=admin_headers)
    assert fetched.status_code == 200 and fetched.get_json() == user

    patched = client.patch(
        f"/api/v1/users/{user['id']}",
        json={"display_name": "Erin E.", "email": None, "password": "new-password-9"},
        headers=admin_headers,
    )
    assert patched.status_code == 200
    changed = patched.get_json()
    assert (changed["display_name"], changed["email"]) == ("Erin E.", None)
    assert changed["roles"] == user["roles"]  # untouched: not sent
    assert api.log_in("erin", "password-123", address="10.0.0.1").status_code == 401
    assert api.log_in("erin", "new-password-9", address="10.0.0.1").status_code == 200


def test_list_pages_and_searches(client, create_user, admin_headers):
    for name in ("frank", "grace", "heidi"):
        create_user(name, email=f"{name}@example.com")

    first = client.get("/api/v1/users?page_size=2", headers=admin_headers).get_json()
    assert first["total"] == 4 and first["page_size"] == 2 and first["q"] is None
    assert [u["username"] for u in first["items"]] == ["admin", "frank"]
    token = first["next_page_token"]
    second = client.get(f"/api/v1/users?page_size=2&page_token={token}", headers=admin_headers)
    body = second.get_json()
    assert [u["username"] for u in body["items"]] == ["grace", "heidi"]
    assert body["next_page_token"] is None

    found = client.get("/api/v1/users?q=GRACE@", headers=admin_headers).get_json()
    assert [u["username"] for u in found["items"]] == ["grace"] and found["q"] == "GRACE@"


def test_users_endpoints_need_an_admin(client, api, create_user):
    user = create_user("ivan", roles=["sales", "manager"])
    headers = api.bearer(api.token("ivan", "password-123"))
    refused = [
        client.get("/api/v1/users", headers=headers),
        client.post("/api/v1/users", json={"username": "x"}, headers=headers),
        client.get(f"/api/v1/users/{user['id']}", headers=headers),
        client.patch(f"/api/v1/users/{user['id']}", json={"roles": ["admin"]}, headers=headers),
    ]
    assert [r.status_code for r in refused] == [403] * 4
    assert refused[0].mimetype == "application/problem+json"

    anonymous = [
        client.get("/api/v1/users"),
        client.post("/api/v1/users", json={"username": "x"}),
        client.get(f"/api/v1/users/{user['id']}"),
    ]
    assert [r.status_code for r in anonymous] == [401] * 3


def fields_of(response) -> set[str]:
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    return {error["field"] for error in response.get_json()["errors"]}


def test_invalid_bodies_name_their_fields(client, admin_headers):
    def post(body):
        return client.post("/api/v1/users", json=body, headers=admin_headers)

    assert fields_of(post({})) == {"username", "password"}
    assert fields_of(
        post({"username": "judy", "password": "short", "roles": ["root"], "email": "nope"})
    ) == {"password", "roles.0", "email"}
    assert fields_of(post({"username": "judy", "password": "password-123", "id": "x"})) == {"id"}
    assert fields_of(
        post({"username": "judy", "password": "password-123", "allowed_ips": ["10.0.0.300"]})
    ) == {"allowed_ips.0"}
    assert fields_of(
        post({"username": "judy", "password": "pw-long-enough", "expires_at": "2030-01-01T00:00"})
    ) == {"expires_at"}


def test_patch_refuses_null_for_required_fields(client, create_user, admin_headers):
    user = create_user("kim")
    response = client.patch(
        f"/api/v1/users/{user['id']}", json={"username": None}, headers=admin_headers
    )
    assert fields_of(response) == {"username"}


def test_bad_query_parameters_are_field_errors(client, admin_headers):
    assert fields_of(client.get("/api/v1/users?page_size=0", headers=admin_headers)) == {
        "page_size"
    }
    assert fields_of(client.get("/api/v1/users?page_token=zzz", headers=admin_headers)) == {
        "page_token"
    }


def test_duplicate_usernames_conflict(client, create_user, admin_headers):
    create_user("leo")
    again = client.post(
        "/api/v1/users", json={"username": "LEO", "password": "password-123"}, headers=admin_headers
    )
    assert again.status_code == 409
    assert again.mimetype == "application/problem+json"


def test_unknown_user_is_404(client, admin_headers):
    response = client.get("/api/v1/users/does-not-exist", headers=admin_headers)
    assert response.status_code == 404
    assert response.get_json()["status"] == 404
    missing = client.patch("/api/v1/users/nope", json={"locked": True}, headers=admin_headers)
    assert missing.status_code == 404
