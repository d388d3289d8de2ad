"""Idempotency-Key on a real endpoint (creating a user) over a real, migrated database."""

from sqlalchemy import func, select

from gateway.adapters.tables import IdempotencyRow, UserRow
from gateway.http.current import EXTENSION

BODY = {"username": "kim", "password": "password-123", "roles": ["sales"]}


def count(client, model) -> int:
    deps = client.application.extensions[EXTENSION].deps
    with deps.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def post(client, headers, key, body=BODY):
    return client.post("/api/v1/users", json=body, headers={**headers, "Idempotency-Key": key})


def test_a_retry_gets_the_first_answer_and_nothing_happens_twice(client, admin_headers):
    users_before = count(client, UserRow)
    first = post(client, admin_headers, "k-1")
    again = post(client, admin_headers, "k-1")
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert count(client, UserRow) == users_before + 1


def test_a_refusal_is_replayed_too(client, admin_headers):
    first = post(client, admin_headers, "k-2", {**BODY, "roles": ["wizard"]})
    again = post(client, admin_headers, "k-2", {**BODY, "roles": ["wizard"]})
    assert first.status_code == again.status_code == 400
    assert again.get_json() == first.get_json()


def test_the_same_key_for_another_request_is_422(client, admin_headers):
    assert post(client, admin_headers, "k-3").status_code == 201
    other = post(client, admin_headers, "k-3", {**BODY, "username": "lee"})
    assert other.status_code == 422
    assert other.headers["Content-Type"].startswith("application/problem+json")


def test_keys_belong_to_their_user(client, api, admin_headers, create_user):
    create_user("ops", roles=["admin"])
    ops_headers = api.bearer(api.token("ops", "password-123"))
    assert post(client, admin_headers, "shared", {**BODY, "username": "u1"}).status_code == 201
    # The same key from another user is a fresh request, not a mismatch or a replay.
    mine = post(client, ops_headers, "shared", {**BODY, "username": "u2"})
    assert mine.status_code == 201 and "Idempotent-Replayed" not in mine.headers


def test_an_empty_or_huge_key_is_a_field_error(client, admin_headers):
    for key in (" ", "x" * 256):
        response = post(client, admin_headers, key)
        assert response.status_code == 400
        assert response.get_json()["errors"][0]["field"] == "Idempotency-Key"
    assert count(client, IdempotencyRow) == 0


def test_requests_without_a_key_are_not_recorded(client, admin_headers):
    client.post("/api/v1/users", json=BODY, headers=admin_headers)
    assert count(client, IdempotencyRow) == 0
