"""Finding 5b: a key claimed by a request that never answered (its gateway worker killed)
is free again once that request's deadline has passed, instead of answering 409 for a day."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from gateway.adapters.tables import IdempotencyRow, UserRow
from gateway.domain.idempotency import fingerprint
from gateway.http.current import EXTENSION

BODY = json.dumps({"username": "kim", "password": "password-123", "roles": ["sales"]}).encode()
DEADLINE_SECONDS = 2  # the conftest app's grpc_deadline_seconds


def left_running(client, key: str, age: timedelta) -> None:
    """The claim a request killed `age` ago left: no answer, as if still running."""
    deps = client.application.extensions[EXTENSION].deps
    with deps.uow() as uow:
        admin = uow.session.scalars(select(UserRow).where(UserRow.username == "admin")).one()
        uow.session.add(
            IdempotencyRow(
                user_id=admin.id,
                key=key,
                fingerprint=fingerprint("POST", "/api/v1/users?", BODY),
                created_at=datetime.now(UTC) - age,
            )
        )
        uow.commit()


def post(client, headers, key):
    return client.post(
        "/api/v1/users",
        data=BODY,
        content_type="application/json",
        headers={**headers, "Idempotency-Key": key},
    )


def test_a_claim_past_its_requests_deadline_lapses(client, admin_headers):
    left_running(client, "killed", timedelta(seconds=DEADLINE_SECONDS + 1))
    first = post(client, admin_headers, "killed")
    assert first.status_code == 201, first.get_json()
    again = post(client, admin_headers, "killed")
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()


def test_a_claim_within_its_requests_deadline_still_holds_the_key(client, admin_headers):
    left_running(client, "running", timedelta(seconds=DEADLINE_SECONDS - 1))
    response = post(client, admin_headers, "running")
    assert response.status_code == 409
