"""Hardening #5: when the gateway forgot a keyed request (its worker killed after sales had
committed), the retry is answered by sales from the answer it stored with the write, and the
REST answer says so with `Idempotent-Replayed: true`, as the gateway's own replay does; through
the gateway to the real sales service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from gateway.adapters.tables import IdempotencyRow
from gateway.http.csrf import CSRF_HEADER
from gateway.http.current import EXTENSION

DEADLINE = timedelta(seconds=5)  # conftest's grpc_deadline_seconds


def post_lead(admin, key: str, name: str):
    return admin.client.post(
        "/api/v1/leads",
        json={"full_name": name},
        headers={CSRF_HEADER: admin.csrf, "Idempotency-Key": key},
    )


def killed_before_answering(app, key: str) -> None:
    """The gateway's row as a worker killed after the service committed leaves it: claimed,
    no answer, its request's deadline long past."""
    with app.extensions[EXTENSION].deps.uow() as uow:
        uow.session.execute(
            update(IdempotencyRow)
            .where(IdempotencyRow.key == key)
            .values(status=None, body=None, created_at=datetime.now(UTC) - 2 * DEADLINE)
        )
        uow.commit()


def test_a_retry_the_service_answers_from_its_record_says_it_is_a_replay(app, admin):
    key, name = str(uuid.uuid4()), f"Replayed {uuid.uuid4().hex[:8]}"
    first = post_lead(admin, key, name)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    killed_before_answering(app, key)

    retry = post_lead(admin, key, name)

    assert retry.status_code == 201, retry.get_json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.get_json()["id"] == first.get_json()["id"]
    listed = admin.client.get("/api/v1/leads", query_string={"q": name}).get_json()
    assert [lead["id"] for lead in listed["items"]] == [first.get_json()["id"]]


def test_a_keyed_request_the_service_runs_afresh_is_no_replay(admin):
    answer = post_lead(admin, str(uuid.uuid4()), f"Fresh {uuid.uuid4().hex[:8]}")
    assert answer.status_code == 201 and "Idempotent-Replayed" not in answer.headers
