"""A ticket's edit page and a follow-up's new, edit and cancel pages over the real sales and
service-desk services: errors beside the fields with what was typed kept, and the service
desk's refusal of a follow-up no longer scheduled shown with its reason."""

from __future__ import annotations

import re
import uuid

# conftest's app reaches the service desk and reporting's timeline for this module.
SERVICE_DESK = True


def text(response) -> str:
    return response.get_data(as_text=True)


def a_customer(admin) -> str:
    return admin.api("POST", "/api/v1/customers", name=f"Foshan Fans {uuid.uuid4().hex[:6]}")["id"]


def test_a_ticket_is_edited_with_errors_beside_the_fields_and_assigned(admin, make_user):
    make_user("service", display_name="Agent Hu")
    ticket = admin.api(
        "POST",
        "/api/v1/tickets",
        customer_id=a_customer(admin),
        subject="Fan hums",
        category="repair",
    )
    ticket_url = f"/ui/tickets/{ticket['id']}"
    assert f'href="{ticket_url}/edit"' in text(admin.get(ticket_url))
    form = text(admin.get(f"{ticket_url}/edit"))
    assert "Edit ticket: Fan hums" in form
    assert 'value="Fan hums"' in form and ">Agent Hu</option>" in form
    agent_id = re.search(r'<option value="([^"]+)" >Agent Hu</option>', form).group(1)

    fields = {"category": "complaint", "priority": "urgent", "assignee_id": agent_id}
    refused = admin.post(f"{ticket_url}/edit", {**fields, "subject": "x" * 201})
    assert refused.status_code == 400 and 'data-error-for="subject"' in text(refused)
    assert f'<option value="{agent_id}" selected>' in text(refused)  # the choice is kept
    saved = admin.post(f"{ticket_url}/edit", {**fields, "subject": "Fan hums loudly"})
    assert saved.status_code == 302
    page = text(admin.get(ticket_url))
    assert "Fan hums loudly" in page and "Urgent" in page and "Complaint" in page
    assert "Agent Hu" in page

    cleared = admin.post(f"{ticket_url}/edit", {**fields, "subject": "Fan hums", "assignee_id": ""})
    assert cleared.status_code == 302
    assert admin.api("GET", f"/api/v1/tickets/{ticket['id']}")["assignee_id"] is None


def test_a_follow_up_is_scheduled_edited_and_cancelled_after_confirming(admin):
    customer_id = a_customer(admin)
    assert f'href="/ui/follow-ups/new?customer_id={customer_id}"' in text(
        admin.get(f"/ui/customers/{customer_id}")
    )
    form = text(admin.get(f"/ui/follow-ups/new?customer_id={customer_id}"))
    assert f'<option value="{customer_id}" selected>' in form and 'type="datetime-local"' in form

    typed = {"customer_id": customer_id, "subject": "Check the fans", "priority": "high"}
    refused = admin.post("/ui/follow-ups/new", {**typed, "due_at": "next week"})
    assert refused.status_code == 400 and 'data-error-for="due_at"' in text(refused)
    assert 'value="Check the fans"' in text(refused) and 'value="next week"' in text(refused)
    created = admin.post("/ui/follow-ups/new", {**typed, "due_at": "2031-03-04T10:30"})
    assert created.status_code == 302
    follow_up_id = created.location.rsplit("follow-up-", 1)[1]
    listed = text(admin.get(created.location))
    assert "Check the fans" in listed and "The follow-up was" not in listed
    stored = admin.api("GET", f"/api/v1/follow-ups/{follow_up_id}")
    assert stored["due_at"].startswith("2031-03-04T10:30") and stored["priority"] == "high"

    edit_url = f"/ui/follow-ups/{follow_up_id}/edit"
    assert f'href="{edit_url}"' in listed
    assert 'value="2031-03-04T10:30"' in text(admin.get(edit_url))
    changes = {"subject": "Check the fans again", "due_at": "2031-03-05T09:00", "priority": "low"}
    saved = admin.post(edit_url, {**changes, "owner_id": stored["owner_id"]})
    assert saved.status_code == 302
    assert admin.api("GET", f"/api/v1/follow-ups/{follow_up_id}")["subject"] == changes["subject"]

    cancel_url = f"/ui/follow-ups/{follow_up_id}/cancel"
    confirm = text(admin.get(cancel_url))
    assert "Cancel follow-up: Check the fans again" in confirm and "no survey" in confirm
    cancelled = admin.post(cancel_url)
    assert cancelled.status_code == 302 and "notice=cancelled" in cancelled.location
    assert "The follow-up was cancelled." in text(admin.get(cancelled.location))
    assert admin.api("GET", f"/api/v1/follow-ups/{follow_up_id}")["state"] == "cancelled"

    # No longer scheduled: the service desk refuses both, and the pages say why.
    again = admin.post(cancel_url)
    assert again.status_code in (409, 422) and "The service refused it:" in text(again)
    late = admin.post(edit_url, {**changes, "owner_id": stored["owner_id"]})
    assert late.status_code == 400 and 'class="form-errors"' in text(late)
