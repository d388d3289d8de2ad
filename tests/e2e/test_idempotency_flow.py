"""Finding 5 and 6a on the whole stack: a keyed POST that waits behind sales' SQLite write lock
past the gateway's deadline is answered 503 and commits nothing, so the client's retry with the
same Idempotency-Key makes the one lead there is, and a further retry replays it."""

from __future__ import annotations

import sqlite3
import time
import uuid

from e2e.api_client import ApiClient


def test_a_keyed_write_held_past_the_deadline_is_made_once(stack):
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    name = f"Held {uuid.uuid4().hex[:8]}"
    headers = {"Idempotency-Key": f"e2e-{uuid.uuid4().hex}"}

    # Another process holds sales' write lock, as a long transaction would.
    holder = sqlite3.connect(stack.log_path.parent / "sales.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        refused = admin.request("POST", "/api/v1/leads", json={"full_name": name}, headers=headers)
        time.sleep(1.0)  # the lock outlives the gateway's deadline
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert refused.status_code == 503, refused.text

    created = admin.request("POST", "/api/v1/leads", json={"full_name": name}, headers=headers)
    assert created.status_code == 201, created.text
    again = admin.request("POST", "/api/v1/leads", json={"full_name": name}, headers=headers)
    assert again.status_code == 201 and again.json()["id"] == created.json()["id"]

    time.sleep(2.0)  # had the held write committed late, it would show by now
    # gunicorn closes a connection idle for its keep-alive (2 s): a pooled one reused just then
    # can be cut as the request goes out, so the check asks on a new connection.
    admin.session.close()
    found = admin.request("GET", "/api/v1/leads", params={"q": name}).json()
    assert [lead["id"] for lead in found["items"]] == [created.json()["id"]]
