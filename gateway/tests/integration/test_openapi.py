def test_openapi_document_is_built_from_the_models(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.1")
    assert spec["info"]["title"]
    paths = spec["paths"]
    assert {"post"} <= set(paths["/api/v1/auth/login"])
    assert {"post"} <= set(paths["/api/v1/auth/logout"])
    assert {"get"} <= set(paths["/api/v1/me"])
    assert {"get", "post"} <= set(paths["/api/v1/users"])
    assert {"get", "patch"} <= set(paths["/api/v1/users/{user_id}"])
    assert {"get"} <= set(paths["/api/v1/dictionary"])
    assert {"get"} <= set(paths["/healthz"]) and {"get"} <= set(paths["/readyz"])

    schemas = spec["components"]["schemas"]
    create = next(schema for name, schema in schemas.items() if name.startswith("UserCreate"))
    assert set(create["required"]) == {"username", "password"}
    assert create["properties"]["password"]["writeOnly"] is True
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert paths["/api/v1/users"]["get"]["security"] == [{"bearer": []}]
    assert "400" in paths["/api/v1/users"]["post"]["responses"]


def test_problems_are_documented_as_problem_json(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    responses = spec["paths"]["/api/v1/users"]["post"]["responses"]
    assert set(responses["409"]["content"]) == {"application/problem+json"}
    assert set(responses["201"]["content"]) == {"application/json"}


def test_every_operation_documents_the_servers_414(client):
    # Found by the API fuzzer: gunicorn answers a too-long request line before any view runs.
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = [op for path in spec["paths"].values() for op in path.values()]
    assert operations and all("414" in op["responses"] for op in operations)
    # An action not in the route's list leaves the URL to the ticket itself: no POST there.
    assert "405" in spec["paths"]["/api/v1/tickets/{ticket_id}:{action}"]["post"]["responses"]
