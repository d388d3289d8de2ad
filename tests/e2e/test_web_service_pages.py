"""The service and admin pages in a real browser on the whole stack: a service agent sees the
follow-up a won deal scheduled and completes it, resolves a ticket from the SLA queue, and
reads the customer's timeline; an admin creates a user. Each page is saved as a screenshot."""

from __future__ import annotations

import re
import uuid

from e2e.api_client import ApiClient
from playwright.sync_api import Page, expect

# Events travel sales -> Kafka -> service desk before the follow-up exists.
EVENT_WAIT_MS = 60_000


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


def reload_until_shown(page: Page, locator, seconds: int = 20) -> None:
    """The timeline follows the services' events through the broker, a moment behind them:
    reload the page until the newest entry the test made is there."""
    for _ in range(seconds * 2):
        if locator.count():
            return
        page.wait_for_timeout(500)
        page.reload()
    expect(locator.first).to_be_visible()


def a_won_deal_and_a_ticket(stack) -> dict[str, str]:
    """Through the REST API as the admin: a converted lead whose deal is won (so the service
    desk schedules its follow-up by itself), and a low-priority ticket being worked on (the
    e2e stack gives low priority an SLA of seconds, so it shows as breached)."""
    api = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    company = f"Wuxi Bearings {uuid.uuid4().hex[:6]}"
    lead = ok(
        api.request("POST", "/api/v1/leads", json={"full_name": "Sun Li", "company": company}), 201
    )
    deal = {"name": "Bearings", "amount": "48000", "currency": "CNY", "stage": "proposal"}
    converted = ok(
        api.request(
            "POST",
            f"/api/v1/leads/{lead['id']}:convert",
            json={"create_deal": True, "deal": deal},
        )
    )
    ok(
        api.request(
            "POST", f"/api/v1/deals/{converted['deal_id']}:move", json={"stage": "closed_won"}
        )
    )
    ticket = ok(
        api.request(
            "POST",
            "/api/v1/tickets",
            json={
                "customer_id": converted["customer_id"],
                "subject": f"Bearing noise {uuid.uuid4().hex[:4]}",
                "category": "repair",
                "priority": "low",
            },
        ),
        201,
    )
    for action in ("accept", "start"):
        ok(api.request("POST", f"/api/v1/tickets/{ticket['id']}:{action}", json={}))
    return {
        **converted,
        "company": company,
        "ticket_id": ticket["id"],
        "subject": ticket["subject"],
    }


def test_a_service_agent_works_follow_ups_tickets_and_reads_the_timeline(stack, web):
    ids = a_won_deal_and_a_ticket(stack)
    page, _username = web.as_role("service")
    expect(page.locator('[data-menu="follow_ups"]')).to_be_visible()
    expect(page.locator('[data-menu="users"]')).to_have_count(0)

    # The won deal's follow-up, scheduled by the service desk from the deal-closed event.
    follow_up = page.locator(f'li.item:has(a[href="/ui/customers/{ids["customer_id"]}"])')
    page.goto("/ui/follow-ups?who=all")
    for _ in range(EVENT_WAIT_MS // 2_000):
        if follow_up.count():
            break
        page.wait_for_timeout(2_000)
        page.reload()
    expect(follow_up).to_be_visible()
    web.shot(page, "follow-ups")

    follow_up.get_by_role("button", name="Complete").click()
    expect(page.locator('[data-error-for="outcome"]')).to_be_visible()
    web.shot(page, "follow-up-blank-outcome")
    page.locator(f'li.item:has(a[href="/ui/customers/{ids["customer_id"]}"])').get_by_label(
        "Outcome"
    ).fill("Bearings run quietly")
    page.locator(f'li.item:has(a[href="/ui/customers/{ids["customer_id"]}"])').get_by_role(
        "button", name="Complete"
    ).click()
    expect(page.locator(".notice")).to_have_text("The follow-up was completed.")

    # The ticket queue by SLA due time; the low-priority ticket has breached its target.
    page.goto("/ui/tickets")
    row = page.locator(f'tr[data-ticket-id="{ids["ticket_id"]}"]')
    expect(row).to_be_visible()
    for _ in range(10):
        if row.locator(".breached").count():
            break
        page.wait_for_timeout(1_000)
        page.reload()
    expect(row.locator(".badge.breached")).to_be_visible()
    web.shot(page, "ticket-queue")

    row.get_by_role("link", name=ids["subject"]).click()
    expect(page.locator('button[data-action="resolve"]')).to_be_visible()
    page.locator('button[data-action="resolve"]').click()
    expect(page.locator('[data-error-for="resolution"]')).to_be_visible()
    page.get_by_label("Resolution").fill("Replaced the bearing")
    page.locator('button[data-action="resolve"]').click()
    expect(page.locator('h1 [data-state="resolved"]')).to_be_visible()
    page.get_by_label("New comment").fill("Customer confirmed it is quiet")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator("#comments")).to_contain_text("Customer confirmed it is quiet")
    web.shot(page, "ticket-resolved")

    # The customer's one timeline, newest first.
    page.goto(f"/ui/customers/{ids['customer_id']}")
    timeline = page.locator("ol.timeline")
    reload_until_shown(page, timeline.locator('[data-kind="ticket_resolved"]'))
    for kind in ("ticket_resolved", "ticket", "follow_up_done", "follow_up", "contact"):
        expect(timeline.locator(f'[data-kind="{kind}"]').first).to_be_visible()
    kinds = timeline.locator("li[data-kind]").evaluate_all(
        "items => items.map(i => i.dataset.kind)"
    )
    assert kinds.index("ticket_resolved") < kinds.index("ticket") < kinds.index("contact")
    expect(page.locator("h1")).to_have_text(ids["company"])
    web.shot(page, "customer-timeline")
    page.locator('[data-language="zh"]').click()
    expect(page.locator("#timeline-title")).to_have_text("时间线")
    web.shot(page, "customer-timeline-zh")

    phone = web.logged_in(_username, "e2e-web-password-1", viewport={"width": 390, "height": 844})
    phone.goto(f"/ui/customers/{ids['customer_id']}")
    expect(phone.locator("ol.timeline")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    web.shot(phone, "customer-timeline-phone")


def test_an_admin_creates_a_user_with_roles(web):
    page = web.admin()
    page.goto("/ui/users")
    expect(page.locator('[data-menu="users"]')).to_be_visible()
    web.shot(page, "users")
    page.get_by_role("link", name="New user").click()
    username = f"agent-{uuid.uuid4().hex[:6]}"
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("short")
    page.get_by_label("Service").check()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator('[data-error-for="password"]')).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value(username)
    web.shot(page, "new-user-refused")

    page.get_by_label("Password").fill("a-good-password-1")
    page.get_by_label("Display name").fill("Zhou Xun")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/ui/users/[^/?]+\?notice=saved"))
    expect(page.get_by_label("Service")).to_be_checked()
    web.shot(page, "user-created")

    other: Page = web.logged_in(username, "a-good-password-1")
    expect(other.locator('[data-menu="tickets"]')).to_be_visible()
    assert other.goto(web.url("/ui/users")).status == 403


def test_the_customer_and_contact_pages_by_keyboard_and_mouse(stack, web):
    ids = a_won_deal_and_a_ticket(stack)
    page = web.admin()
    page.goto("/ui/customers")
    page.get_by_label("Search").fill(ids["company"])
    page.get_by_label("Search").press("Enter")  # the search form works from the keyboard
    expect(page.get_by_role("link", name=ids["company"])).to_be_visible()
    web.shot(page, "customers")

    page.get_by_role("link", name=ids["company"]).click()
    timeline = page.locator("ol.timeline")
    reload_until_shown(page, timeline.locator('[data-kind="stage"]:has-text("Closed won")'))
    expect(timeline.locator('[data-kind="stage"]').first).to_contain_text("Closed won")
    web.shot(page, "customer-timeline-admin")
    page.get_by_role("link", name="Edit", exact=True).click()
    web.shot(page, "customer-form")
    page.go_back()

    page.get_by_role("link", name="New contact").click()
    page.get_by_label("Full name").fill("")
    page.get_by_label("Email").fill("zhou@example.cn")
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-error-for="full_name"]')).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("zhou@example.cn")
    web.shot(page, "contact-form-refused")
    page.get_by_label("Full name").fill("Zhou Jie")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Zhou Jie")
    expect(page.get_by_role("link", name=ids["company"])).to_be_visible()
    web.shot(page, "contact")

    page.goto("/ui/contacts?q=Zhou Jie")
    expect(page.get_by_role("link", name="Zhou Jie").first).to_be_visible()
    web.shot(page, "contacts")
    page.goto(f"/ui/tickets/new?customer_id={ids['customer_id']}")
    expect(page.get_by_label("Customer")).to_have_value(ids["customer_id"])
    web.shot(page, "ticket-form")
