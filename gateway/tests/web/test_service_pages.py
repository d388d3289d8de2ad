"""Customer, contact, follow-up, ticket and user pages over the real sales and service-desk
services (SERVICE_DESK: conftest starts the service desk and the timeline beside its two)."""

from __future__ import annotations

import re
import uuid

from gateway.app import create_app
from gateway.http.current import EXTENSION

PAST = "2020-01-02T09:00:00Z"
FUTURE = "2031-01-02T09:00:00Z"


# conftest's app reaches the service desk and reporting's timeline for this module.
SERVICE_DESK = True


def text(response) -> str:
    return response.get_data(as_text=True)


def api(browser, method: str, path: str, **json):
    return browser.api(method, path, **json)


def a_customer_with_history(admin) -> dict[str, str]:
    """A converted lead with a deal moved twice, a note, a follow-up and a resolved ticket."""
    company = f"Suzhou Looms {uuid.uuid4().hex[:6]}"
    lead = api(admin, "POST", "/api/v1/leads", full_name="Zhao Min", company=company)
    converted = api(
        admin,
        "POST",
        f"/api/v1/leads/{lead['id']}:convert",
        create_deal=True,
        deal={"name": "Looms", "amount": "30000", "currency": "CNY", "stage": "qualification"},
    )
    ids = {**converted, "company": company}
    api(admin, "POST", f"/api/v1/deals/{ids['deal_id']}:move", stage="proposal")
    api(admin, "POST", f"/api/v1/customers/{ids['customer_id']}/notes", body="Pays on time")
    ids["follow_up_id"] = api(
        admin,
        "POST",
        "/api/v1/follow-ups",
        customer_id=ids["customer_id"],
        subject="Check the looms",
        due_at=PAST,
    )["id"]
    ticket = api(
        admin,
        "POST",
        "/api/v1/tickets",
        customer_id=ids["customer_id"],
        subject="Loom jams",
        category="repair",
    )
    for action in ("accept", "start"):
        api(admin, "POST", f"/api/v1/tickets/{ticket['id']}:{action}")
    api(admin, "POST", f"/api/v1/tickets/{ticket['id']}:resolve", resolution="New shuttle")
    ids["ticket_id"] = ticket["id"]
    return ids


def test_a_customer_page_is_one_timeline_newest_first(admin, timeline):
    ids = a_customer_with_history(admin)
    timeline.catch_up()
    listed = text(admin.get(f"/ui/customers?q={ids['company'][-6:]}"))
    assert ids["company"] in listed and f'data-customer-id="{ids["customer_id"]}"' in listed

    page = text(admin.get(f"/ui/customers/{ids['customer_id']}"))
    kinds = re.findall(r'data-kind="([a-z_]+)"', page)
    assert set(kinds) >= {"contact", "deal", "stage", "note", "follow_up", "ticket"}
    assert kinds.index("ticket_resolved") < kinds.index("stage") < kinds.index("deal")
    assert "Proposal" in page and "CN¥30,000.00" in page and "Pays on time" in page
    assert "Overdue" in page and "New shuttle" in page
    assert f'href="/ui/contacts/{ids["contact_id"]}"' in page
    assert f'href="/ui/tickets/{ids["ticket_id"]}"' in page

    customer_url = f"/ui/customers/{ids['customer_id']}"
    blank = admin.post(f"{customer_url}/notes", {"body": ""})
    assert blank.status_code == 400 and 'data-error-for="body"' in text(blank)
    assert admin.post(f"{customer_url}/notes", {"body": "Wants a visit"}).status_code == 302
    timeline.catch_up()
    kinds = re.findall(r'data-kind="([a-z_]+)"', text(admin.get(customer_url)))
    assert kinds[0] == "note"  # the newest first

    # The REST API serves the same timeline.
    timeline = api(admin, "GET", f"/api/v1/customers/{ids['customer_id']}/timeline")
    assert [e["kind"] for e in timeline["entries"]] == kinds
    assert timeline["counts"]["contacts"] == 1 and timeline["missing"] == []


def test_a_service_agent_completes_a_follow_up_and_a_blank_outcome_is_refused(
    admin, browser, make_user, user_password
):
    ids = a_customer_with_history(admin)
    browser.log_in(make_user("service"), user_password)
    page = text(browser.get("/ui/follow-ups"))
    assert f'id="follow-up-{ids["follow_up_id"]}"' in page and "Overdue" in page
    assert 'data-menu="tickets"' in page and 'data-menu="users"' not in page

    complete = f"/ui/follow-ups/{ids['follow_up_id']}/complete?who=all"
    refused = browser.post(complete, {"outcome": ""})
    assert refused.status_code == 400 and 'data-error-for="outcome"' in text(refused)
    done = browser.post(complete, {"outcome": "Running smoothly"})
    assert done.status_code == 302 and "notice=completed" in done.headers["Location"]
    finished = text(browser.get("/ui/follow-ups?who=all&state=done"))
    assert "Running smoothly" in finished


def test_the_ticket_queue_and_a_ticket_moved_commented_and_refused(admin):
    ids = a_customer_with_history(admin)
    form = {"customer_id": ids["customer_id"], "subject": "", "category": "repair"}
    refused = admin.post("/ui/tickets/new", {**form, "description": "It rattles"})
    assert refused.status_code == 400 and 'data-error-for="subject"' in text(refused)
    assert ">It rattles</textarea>" in text(refused)
    opened = admin.post("/ui/tickets/new", {**form, "subject": "Rattle", "priority": "high"})
    assert opened.status_code == 302 and "Rattle" in text(admin.get(opened.headers["Location"]))
    low = api(admin, "POST", "/api/v1/tickets", customer_id=ids["customer_id"],
              subject="Paint scratched", category="complaint", priority="low")  # fmt: skip
    urgent = api(admin, "POST", "/api/v1/tickets", customer_id=ids["customer_id"],
                 subject="Loom on fire", category="repair", priority="urgent")  # fmt: skip
    queue = text(admin.get("/ui/tickets"))
    order = re.findall(r'data-ticket-id="([^"]+)"', queue)
    assert order.index(urgent["id"]) < order.index(low["id"])  # urgent falls due first
    assert ids["ticket_id"] not in order  # resolved: not in the open queue

    ticket_url = f"/ui/tickets/{urgent['id']}"
    assert 'data-action="accept"' in text(admin.get(ticket_url))
    illegal = admin.post(f"{ticket_url}/transition", {"action": "close"})
    assert illegal.status_code == 409
    assert "cannot close; allowed actions: accept" in text(illegal)
    for action in ("accept", "start"):
        assert admin.post(f"{ticket_url}/transition", {"action": action}).status_code == 302
    unresolved = admin.post(f"{ticket_url}/transition", {"action": "resolve", "resolution": ""})
    assert unresolved.status_code == 400 and 'data-error-for="resolution"' in text(unresolved)
    resolved = admin.post(f"{ticket_url}/transition", {"action": "resolve", "resolution": "Out"})
    assert resolved.status_code == 302
    assert admin.post(f"{ticket_url}/comments", {"body": ""}).status_code == 400
    assert admin.post(f"{ticket_url}/comments", {"body": "Called back"}).status_code == 302
    page = text(admin.get(ticket_url))
    assert 'data-state="resolved"' in page and "Called back" in page
    assert re.search(r"Reported by</dt><dd>[^<]+</dd>", page)  # staff named, not blank
    assert admin.post(f"{ticket_url}/take").status_code == 302
    queue = text(admin.get("/ui/tickets?state=resolved"))
    row = re.search(rf'data-ticket-id="{urgent["id"]}".*?</tr>', queue, re.S).group(0)
    assert "Assign to me" not in text(admin.get(ticket_url))
    assert re.search(r"<td>([^<]*)</td>\s*</tr>", row).group(1).strip()  # the assignee, named
    assert 'data-action="close"' in page and 'data-action="reopen"' in page
    assert "Send this link to the customer:" in page  # the survey resolving issued


def test_contacts_are_created_with_field_errors_shown_edited_and_noted(admin):
    ids = a_customer_with_history(admin)
    form = {"customer_id": ids["customer_id"], "full_name": "", "email": "li@example.cn"}
    refused = admin.post("/ui/contacts/new", form)
    assert refused.status_code == 400 and 'data-error-for="full_name"' in text(refused)
    assert 'value="li@example.cn"' in text(refused)
    created = admin.post("/ui/contacts/new", {**form, "full_name": "Li Na", "job_title": "Buyer"})
    assert created.status_code == 302
    contact_url = created.headers["Location"].split("?")[0]
    detail = text(admin.get(contact_url))
    assert "Li Na" in detail and f'href="/ui/customers/{ids["customer_id"]}"' in detail
    edited = admin.post(f"{contact_url}/edit", {**form, "full_name": "Li Na", "job_title": "CEO"})
    assert edited.status_code == 302 and "CEO" in text(admin.get(contact_url))
    assert admin.post(f"{contact_url}/notes", {"body": "Prefers WeChat"}).status_code == 302
    assert "Prefers WeChat" in text(admin.get(contact_url))
    assert "Li Na" in text(admin.get("/ui/contacts?q=Li Na"))


def test_admins_create_users_change_roles_and_deactivate_them(
    admin, browser, make_user, user_password
):
    name = f"agent-{uuid.uuid4().hex[:6]}"
    bad = {"username": name, "password": "short", "email": "nope", "roles": ["service"]}
    refused = admin.post("/ui/users/new", bad)
    page = text(refused)
    assert refused.status_code == 400
    assert {"password", "email"} <= set(re.findall(r'data-error-for="([^"]+)"', page))
    assert f'value="{name}"' in page and 'value="service" checked' in page
    created = admin.post("/ui/users/new", {**bad, "password": user_password, "email": ""})
    assert created.status_code == 302
    user_url = created.headers["Location"].split("?")[0]
    taken = admin.post("/ui/users/new", {**bad, "password": user_password, "email": ""})
    assert taken.status_code == 400 and 'data-error-for="username"' in text(taken)

    roles = admin.post(user_url, {"username": name, "roles": ["service", "sales"]})
    assert roles.status_code == 302
    assert 'value="sales" checked' in text(admin.get(user_url))
    assert admin.post(f"{user_url}/active", {"active": "0"}).status_code == 302
    assert browser.log_in(name, user_password).status_code == 401
    assert admin.post(f"{user_url}/active", {"active": "1"}).status_code == 302
    assert browser.log_in(name, user_password).status_code == 302
    assert 'data-menu="users"' not in text(browser.get("/ui/follow-ups"))
    assert browser.client.get("/ui/users").status_code == 403


def test_an_integration_accounts_role_is_offered_and_kept_by_the_user_form(admin, user_password):
    name = f"erp-{uuid.uuid4().hex[:6]}"
    form = {"username": name, "password": user_password, "roles": ["integration", "sales"]}
    created = admin.post("/ui/users/new", form)
    assert created.status_code == 302
    user_url = created.headers["Location"].split("?")[0]
    assert 'value="integration" checked' in text(admin.get(user_url))
    renamed = admin.post(user_url, {"username": name, "roles": ["integration", "sales"]})
    assert renamed.status_code == 302
    assert 'value="integration" checked' in text(admin.get(user_url))


def test_the_new_pages_speak_chinese(admin):
    ids = a_customer_with_history(admin)
    admin.client.get("/ui/language/zh")
    page = text(admin.get(f"/ui/customers/{ids['customer_id']}"))
    assert "时间线" in page and "客户" in page and "工单" in page
    assert "逾期" in text(admin.get("/ui/follow-ups?who=all"))


def test_without_the_timeline_the_customer_still_shows_and_the_page_says_so(
    app, admin, new_browser, admin_password, timeline
):
    ids = a_customer_with_history(admin)
    timeline.catch_up()
    settings = app.extensions[EXTENSION].settings
    no_reporting = create_app(settings.model_copy(update={"reporting_grpc_address": "127.0.0.1:9"}))
    try:
        browser = new_browser(no_reporting)
        browser.log_in("admin", admin_password)
        response = browser.get(f"/ui/customers/{ids['customer_id']}")
        page = text(response)
        assert response.status_code == 200 and "could not be reached" in page
        assert ids["company"] in page and "data-kind=" not in page
        assert browser.get("/ui/deals").status_code == 200  # the rest keeps working
        rest = browser.client.get(f"/api/v1/customers/{ids['customer_id']}/timeline")
        assert rest.status_code == 200
        assert (rest.get_json()["missing"], rest.get_json()["entries"]) == (["timeline"], [])
    finally:
        no_reporting.extensions[EXTENSION].close()


def test_a_long_timeline_pages_newest_first(admin, timeline):
    ids = a_customer_with_history(admin)
    customer_url = f"/api/v1/customers/{ids['customer_id']}"
    for n in range(60):
        api(admin, "POST", f"{customer_url}/notes", body=f"Call {n}")
    timeline.catch_up()
    first = api(admin, "GET", f"{customer_url}/timeline?page_size=50")
    assert len(first["entries"]) == 50 and first["total"] > 60
    assert [e["detail"] for e in first["entries"][:3]] == ["Call 59", "Call 58", "Call 57"]
    token = first["next_page_token"]
    older = api(admin, "GET", f"{customer_url}/timeline?page_size=50&page_token={token}")
    shown = first["entries"] + older["entries"]
    assert len(shown) == first["total"] and older["next_page_token"] is None
    assert [e["at"] for e in shown] == sorted((e["at"] for e in shown), reverse=True)
    page = text(admin.get(f"/ui/customers/{ids['customer_id']}"))
    assert page.count('data-kind="note"') == 50 and "Older entries" in page


def test_customers_are_created_and_edited_with_field_errors_beside_the_fields(admin):
    name = f"Hangzhou Silk {uuid.uuid4().hex[:6]}"
    refused = admin.post("/ui/customers/new", {"name": "", "industry": "Textiles"})
    assert refused.status_code == 400 and 'data-error-for="name"' in text(refused)
    assert 'value="Textiles"' in text(refused)
    created = admin.post("/ui/customers/new", {"name": name, "industry": "Textiles"})
    assert created.status_code == 302
    customer_url = created.headers["Location"].split("?")[0]
    assert name in text(admin.get(customer_url))
    edited = admin.post(f"{customer_url}/edit", {"name": name, "industry": "Silk"})
    assert edited.status_code == 302 and "<dd>Silk</dd>" in text(admin.get(customer_url))
    assert f'value="{name}"' in text(admin.get(f"{customer_url}/edit"))
