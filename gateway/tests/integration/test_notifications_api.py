"""/api/v1/notifications and /api/v1/me/notification-settings through the gateway to a real
notifications gRPC server (its own migrated database), and the gateway.user-changed events
the gateway's outbox gets when users are created or changed."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import select, text

from crm.events.v1 import gateway_events_pb2
from crm_platform.database import make_engine
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.outbox.tables import outbox
from gateway.adapters.schema import alembic_config, upgrade_to_head

from ..notifications_server import notifications_server, tell


@pytest.fixture
def notifications_db(tmp_path, monkeypatch):
    with notifications_server(tmp_path, monkeypatch) as session_factory:
        yield session_factory


@pytest.fixture
def rep(api, create_user, notifications_db):
    user = create_user("rep-notified", roles=["sales"])
    return user["id"], api.bearer(api.token("rep-notified", "password-123"))


def test_the_bell_lists_counts_and_marks_read_only_the_callers(
    client, rep, notifications_db, create_user, api
):
    rep_id, headers = rep
    tell(notifications_db, rep_id, "deal_moved", "d1")
    tell(notifications_db, rep_id, "deal_assigned", "d2")
    tell(notifications_db, "someone-else", "deal_moved", "d3")

    listed = client.get("/api/v1/notifications?unread=true", headers=headers)
    assert listed.status_code == 200
    body = listed.get_json()
    assert body["unread"] == 2
    first = body["items"][0]
    assert set(first) == {
        "id", "kind", "title", "body", "link", "read", "created_at", "related_type", "related_id"
    }  # fmt: skip
    assert {i["kind"] for i in body["items"]} == {"deal_moved", "deal_assigned"}
    assert first["link"].startswith("/deals/") and first["read"] is False
    assert client.get("/api/v1/notifications:count", headers=headers).get_json() == {"unread": 2}

    read = client.post(f"/api/v1/notifications/{first['id']}:read", headers=headers)
    assert read.status_code == 200 and read.get_json()["read"] is True
    assert client.get("/api/v1/notifications:count", headers=headers).get_json() == {"unread": 1}
    unread = client.get("/api/v1/notifications?unread=true", headers=headers).get_json()
    assert [i["id"] for i in unread["items"]] != [first["id"]] and len(unread["items"]) == 1

    create_user("other-rep", roles=["sales"])
    other = api.bearer(api.token("other-rep", "password-123"))
    assert (
        client.post(f"/api/v1/notifications/{first['id']}:read", headers=other).status_code == 404
    )
    assert client.get("/api/v1/notifications", headers=other).get_json()["items"] == []

    assert client.post("/api/v1/notifications:readAll", headers=headers).get_json() == {"marked": 1}
    assert client.get("/api/v1/notifications:count", headers=headers).get_json() == {"unread": 0}
    assert client.get("/api/v1/notifications:count").status_code == 401


def test_settings_read_and_changed_and_bad_input_named(client, rep):
    _, headers = rep
    got = client.get("/api/v1/me/notification-settings", headers=headers).get_json()
    assert got["email_frequency"] == "immediate" and len(got["preferences"]) == 12
    put = client.put(
        "/api/v1/me/notification-settings",
        json={"preferences": {"deal_moved": "email"}, "email_frequency": "daily_digest"},
        headers=headers,
    )
    assert put.status_code == 200, put.get_json()
    assert put.get_json()["preferences"]["deal_moved"] == "email"
    assert put.get_json()["email_frequency"] == "daily_digest"

    for body, field in (
        ({"preferences": {"deal_moved": "sms"}}, "preferences"),
        ({"preferences": {"nope": "email"}}, "preferences"),
        ({"email_frequency": "weekly"}, "email_frequency"),
        ({"colour": "red"}, "colour"),
    ):
        refused = client.put("/api/v1/me/notification-settings", json=body, headers=headers)
        assert refused.status_code == 400, body
        assert refused.content_type == "application/problem+json"
        assert field in str(refused.get_json()), refused.get_json()
    after = client.get("/api/v1/me/notification-settings", headers=headers).get_json()
    assert after == put.get_json()


def user_events(database_url: str) -> list:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(outbox.c.topic, outbox.c.payload).order_by(outbox.c.id)
            ).all()
    finally:
        engine.dispose()
    return [
        (row.topic, unpack(parse_envelope(row.payload), gateway_events_pb2.UserChanged))
        for row in rows
    ]


def test_user_created_and_changed_are_published_through_the_outbox(
    client, create_user, admin_headers, database_url
):
    user = create_user("zh-user", display_name="Li Lei", email="li@example.org", roles=["sales"])
    client.patch(f"/api/v1/users/{user['id']}", json={"locked": True}, headers=admin_headers)
    events = [e for topic, e in user_events(database_url) if e.user_id == user["id"]]
    assert {topic for topic, _ in user_events(database_url)} == {"gateway.user-changed"}
    created, locked = events
    assert (created.username, created.display_name, created.email, created.active) == (
        "zh-user", "Li Lei", "li@example.org", True
    )  # fmt: skip
    assert locked.active is False


def test_users_made_before_the_outbox_are_announced_once_by_its_migration(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0007")
            connection.execute(
                text(
                    "INSERT INTO users (id, username, display_name, email, roles, password_hash,"
                    " locked, allowed_ips, failed_logins, created_at, updated_at, language)"
                    " VALUES ('u-old', 'old', 'Old Timer', 'old@example.org', '[]', 'x', 0, '[]',"
                    " 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'zh')"
                )
            )
        upgrade_to_head(engine)
    finally:
        engine.dispose()
    ((topic, event),) = user_events(url)
    assert topic == "gateway.user-changed"
    assert (event.user_id, event.display_name, event.language, event.active) == (
        "u-old", "Old Timer", "zh", True
    )  # fmt: skip
