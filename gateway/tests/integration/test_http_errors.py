PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status
    assert set(body) == {"type", "title", "status", "detail", "errors"}
    return body


def test_malformed_json_is_a_400_problem(client):
    response = client.post(
        "/api/v1/auth/login", data='{"username": "admin",', content_type="application/json"
    )
    body = assert_problem(response, 400)
    assert "JSON" in body["detail"]


def test_a_non_json_body_is_refused(client):
    response = client.post("/api/v1/auth/login", data="username=admin", content_type="text/plain")
    assert_problem(response, 415)


def test_unknown_route_is_a_404_problem(client):
    assert_problem(client.get("/api/v1/no-such-thing"), 404)


def test_wrong_method_is_a_405_problem(client):
    response = client.delete("/api/v1/auth/login")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_an_oversized_body_is_a_413_problem(make_app):
    client = make_app(max_body_bytes=1024).test_client()
    response = client.post(
        "/api/v1/auth/login",
        json={"username": "admin", "password": "x" * 2048},
    )
    assert_problem(response, 413)


def test_login_field_errors(client):
    body = assert_problem(client.post("/api/v1/auth/login", json={"username": ""}), 400)
    assert {e["field"] for e in body["errors"]} == {"username", "password"}
    # The rejected value is not echoed back: it could be a password.
    assert "input" not in str(body)


def test_an_unexpected_error_is_a_500_problem(make_app):
    app = make_app()

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    body = assert_problem(app.test_client().get("/boom"), 500)
    assert "secret" not in body["detail"]
