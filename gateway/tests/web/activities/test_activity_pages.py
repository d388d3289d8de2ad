"""The Tasks page and the record block's quick forms, over the real activities service."""

from __future__ import annotations

import uuid

from flask import render_template_string

from crm_platform.request_context import Identity, bound

SERVICE_DESK = True


def text(response) -> str:
    return response.get_data(as_text=True)


def a_deal(admin) -> str:
    company = f"Wuxi Valves {uuid.uuid4().hex[:6]}"
    lead = admin.api("POST", "/api/v1/leads", full_name="Chen Jie", company=company)
    converted = admin.api(
        "POST",
        f"/api/v1/leads/{lead['id']}:convert",
        create_deal=True,
        deal={"name": "Valves", "amount": "9000", "currency": "CNY", "stage": "qualification"},
    )
    return converted["deal_id"]


def test_a_task_is_added_on_the_tasks_page_and_completed_there(admin) -> None:
    assert admin.get("/ui/tasks").status_code == 200
    added = admin.post(
        "/ui/tasks", {"subject": "Call Mr Chen", "due_at": "2031-01-02T09:00", "priority": "high"}
    )
    assert added.status_code == 302
    page = text(admin.get("/ui/tasks"))
    assert "Call Mr Chen" in page
    (task,) = admin.api("GET", "/api/v1/tasks?state=open")["items"]
    assert (task["priority"], task["reminder_minutes"]) == ("high", 15)
    done = admin.post(f"/ui/tasks/{task['id']}/complete", {"outcome": "Reached"})
    assert done.status_code == 302
    assert admin.api("GET", f"/api/v1/tasks/{task['id']}")["state"] == "done"


def test_a_refused_task_form_keeps_what_was_typed_and_names_the_field(admin) -> None:
    refused = admin.post("/ui/tasks", {"subject": "Keep me", "due_at": ""})
    assert refused.status_code == 400
    page = text(refused)
    assert 'value="Keep me"' in page
    assert 'data-error-for="due_at"' in page


def test_a_call_and_a_task_logged_on_a_deal_show_in_its_block(app, admin) -> None:
    deal_id = a_deal(admin)
    logged = admin.post(
        f"/ui/records/deal/{deal_id}/activities",
        {"kind": "call", "subject": "Discussed delivery", "duration_minutes": "12"},
    )
    assert logged.status_code == 302
    assert logged.headers["Location"].startswith(f"/ui/deals/{deal_id}")
    tasked = admin.post(
        f"/ui/records/deal/{deal_id}/tasks",
        {"subject": "Send the quote", "due_at": "2031-01-03T10:00"},
    )
    assert tasked.status_code == 302

    me = admin.api("GET", "/api/v1/me")
    block = '{% from "activities/record_block.html" import record_block with context %}'
    with (
        app.test_request_context(f"/ui/deals/{deal_id}"),
        bound(Identity(me["id"], frozenset(me["roles"])), "test"),
    ):
        shown = render_template_string(block + "{{ record_block('deal', id) }}", id=deal_id)
    assert "Discussed delivery" in shown and "Send the quote" in shown
    assert "12 min" in shown


def test_a_refused_quick_form_is_shown_again_with_its_errors(admin) -> None:
    deal_id = a_deal(admin)
    refused = admin.post(
        f"/ui/records/deal/{deal_id}/activities", {"kind": "call", "subject": "", "notes": "kept"}
    )
    assert refused.status_code == 400
    page = text(refused)
    assert 'data-error-for="subject"' in page and "kept" in page
    assert f'href="/ui/deals/{deal_id}"' in page
