"""/api/v1/tasks and /api/v1/activities through the gateway, over the real activities service
and the sales service it asks about related records (the contract of issue 17)."""

from __future__ import annotations

import uuid

SERVICE_DESK = True
FUTURE = "2031-01-02T09:00:00Z"
PAST = "2020-01-02T09:00:00Z"


def rep_browser(app, make_user, user_password, new_browser):
    username = make_user("sales")
    browser = new_browser(app)
    assert browser.log_in(username, user_password).status_code == 302
    return browser


def a_lead(browser) -> str:
    company = f"Ningbo Pumps {uuid.uuid4().hex[:6]}"
    return browser.api("POST", "/api/v1/leads", full_name="Li Lei", company=company)["id"]


def test_a_task_gets_the_contract_defaults_and_a_location(admin) -> None:
    lead_id = a_lead(admin)
    response = admin.client.post(
        "/api/v1/tasks",
        json={"subject": "Call back", "due_at": FUTURE, "related_type": "lead",
              "related_id": lead_id},
        headers={"X-CSRF-Token": admin.csrf},
    )  # fmt: skip
    assert response.status_code == 201, response.get_json()
    task = response.get_json()
    assert (task["state"], task["priority"], task["reminder_minutes"]) == ("open", "normal", 15)
    assert task["owner_id"] == task["author_id"] and task["overdue"] is False
    assert response.headers["Location"].endswith(f"/api/v1/tasks/{task['id']}")
    listed = admin.api("GET", f"/api/v1/tasks?related_type=lead&related_id={lead_id}")
    assert [t["id"] for t in listed["items"]] == [task["id"]]


def test_a_past_due_task_is_overdue_at_once_and_completes(admin) -> None:
    task = admin.api("POST", "/api/v1/tasks", subject="Send quote", due_at=PAST)
    assert task["overdue"] is True
    done = admin.api("POST", f"/api/v1/tasks/{task['id']}:complete", outcome="Sent")
    assert (done["state"], done["outcome"], done["overdue"]) == ("done", "Sent", False)
    again = admin.client.post(
        f"/api/v1/tasks/{task['id']}:complete", json={}, headers={"X-CSRF-Token": admin.csrf}
    )
    assert again.status_code == 409
    assert admin.api("POST", f"/api/v1/tasks/{task['id']}:reopen")["state"] == "open"


def test_a_record_that_is_missing_or_hidden_is_a_404_on_related_id(
    app, admin, make_user, user_password, new_browser
) -> None:
    lead_id = a_lead(admin)  # the admin's: a rep may not see it
    rep = rep_browser(app, make_user, user_password, new_browser)
    for related_id in (lead_id, "no-such-lead"):
        response = rep.client.post(
            "/api/v1/tasks",
            json={"subject": "x", "due_at": FUTURE, "related_type": "lead",
                  "related_id": related_id},
            headers={"X-CSRF-Token": rep.csrf},
        )  # fmt: skip
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
        assert [e["field"] for e in response.get_json()["errors"]] == ["related_id"]


def test_bad_input_is_a_400_naming_the_fields(admin) -> None:
    response = admin.client.post(
        "/api/v1/tasks",
        json={"subject": "x", "due_at": "tomorrow", "priority": "asap"},
        headers={"X-CSRF-Token": admin.csrf},
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert {"due_at", "priority"} <= fields


def test_a_call_is_logged_edited_and_deleted(admin) -> None:
    lead_id = a_lead(admin)
    call = admin.api(
        "POST",
        "/api/v1/activities",
        kind="call",
        subject="Pricing",
        duration_minutes=10,
        outcome="Wants a quote",
        related_type="lead",
        related_id=lead_id,
    )
    assert (call["kind"], call["author_id"], call["contact_ids"]) == ("call", call["author_id"], [])
    edited = admin.api("PATCH", f"/api/v1/activities/{call['id']}", notes="Asked for 5%")
    assert edited["notes"] == "Asked for 5%"
    listed = admin.api("GET", f"/api/v1/activities?related_type=lead&related_id={lead_id}")
    assert [a["id"] for a in listed["items"]] == [call["id"]]
    deleted = admin.client.delete(
        f"/api/v1/activities/{call['id']}", headers={"X-CSRF-Token": admin.csrf}
    )
    assert deleted.status_code == 204
    gone = admin.client.get(f"/api/v1/activities/{call['id']}")
    assert gone.status_code == 404
