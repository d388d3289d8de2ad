"""The list pages in the browser (Debian's chromium, driven by Playwright) on the whole stack:
the lead list sorted by creation both ways across page boundaries; deals filtered by owner and
stage, and the bookmarked URL reopened in another browser; a manager reassigning all 250 leads
matching a filter, the job's progress followed on its page, every lead moved with its audited
change; the pages saved at 1366 px and at 390 px with nothing wider than the screen."""

from __future__ import annotations

import re
import time
import uuid

from e2e.api_client import ApiClient
from e2e.browser import PHONE, USER_PASSWORD, WIDE
from playwright.sync_api import Page, expect

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# What reaches past the screen's right edge (tag.class width), to say why in a failure.
WIDE_ONES = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().width)"""
ROW_NAMES = "() => [...document.querySelectorAll('tbody tr[data-id] td:nth-child(2)')].map(c => c.innerText.trim())"  # noqa: E501


def api_as(web, username: str) -> ApiClient:
    return ApiClient(web.base_url).logged_in(username, USER_PASSWORD)


def user_id(admin: ApiClient, username: str) -> str:
    users = admin.request("GET", "/api/v1/users", params={"page_size": 200}).json()["items"]
    return next(u["id"] for u in users if u["username"] == username)


def both_widths(web, page: Page, name: str) -> None:
    phone = web.admin(viewport=PHONE)
    phone.goto(page.url)
    for viewed, width in ((page, 1366), (phone, 390)):
        web.shot(viewed, f"{name}-{width}")
        assert viewed.evaluate(OVERFLOW) == 0, (name, width, viewed.evaluate(WIDE_ONES))


def names_across_pages(page: Page) -> list[str]:
    names = page.evaluate(ROW_NAMES)
    while page.locator('a[rel="next"]').count():
        page.locator('a[rel="next"]').click()
        names += page.evaluate(ROW_NAMES)
    return names


def test_the_lead_list_sorts_by_creation_both_ways_across_pages(web):
    tag = uuid.uuid4().hex[:6]
    rep = web.new_user("sales")
    api = api_as(web, rep)
    for number in range(25):
        body = {"full_name": f"Sorted {tag} {number:02d}", "company": f"Sort Co {tag}"}
        assert api.request("POST", "/api/v1/leads", json=body).status_code == 201
    page = web.logged_in(rep, USER_PASSWORD, viewport=WIDE)
    page.goto(f"/ui/leads?q={tag}")
    page.get_by_role("link", name=re.compile("^Created")).click()  # ascending
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Created")
    expect(page.locator(".pager")).to_contain_text("1\u201320 of 25")
    oldest_first = names_across_pages(page)
    assert oldest_first == [f"Sorted {tag} {n:02d}" for n in range(25)]
    page.goto(f"/ui/leads?q={tag}&sort=created_at")
    page.get_by_role("link", name=re.compile("^Created")).click()  # now descending
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Created")
    assert names_across_pages(page) == oldest_first[::-1]
    page.locator('a[rel="prev"]').click()
    expect(page.locator(".pager")).to_contain_text("1\u201320 of 25")
    both_widths(web, page, "01-leads-sorted")


def test_deals_filtered_by_owner_and_stage_reopen_from_the_bookmarked_url(web):
    tag = uuid.uuid4().hex[:6]
    reps = [web.new_user("sales", display_name=f"Rep {n} {tag}") for n in range(2)]
    for rep in reps:
        api = api_as(web, rep)
        customer = api.request("POST", "/api/v1/customers", json={"name": f"Co {tag}"}).json()
        for stage in ("qualification", "proposal"):
            body = {"name": f"Deal {tag} {rep[-4:]} {stage}", "customer_id": customer["id"]}
            deal = api.request("POST", "/api/v1/deals", json=body).json()
            if stage != "qualification":
                api.request("POST", f"/api/v1/deals/{deal['id']}:move", json={"stage": stage})
    page = web.admin(viewport=WIDE)
    page.goto(f"/ui/deals?q={tag}")
    page.locator("#filter-owner_id").select_option(label=f"Rep 1 {tag}")
    page.locator("#filter-stage").select_option("proposal")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.locator("tbody tr[data-id]")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text(f"Deal {tag} {reps[1][-4:]} proposal")
    bookmarked = page.url
    assert "owner_id=" in bookmarked and "stage=proposal" in bookmarked
    other = web.admin(viewport=WIDE)
    other.goto(bookmarked)
    expect(other.locator("tbody tr[data-id]")).to_have_count(1)
    expect(other.locator("#filter-stage")).to_have_value("proposal")
    both_widths(web, other, "02-deals-filtered")


def test_a_manager_reassigns_all_250_leads_matching_a_filter(web):
    tag = uuid.uuid4().hex[:6]
    admin = ApiClient(web.base_url).logged_in("admin", web.stack.admin_password)
    leaving, taking = web.new_user("sales"), web.new_user("sales", display_name=f"Taker {tag}")
    api = api_as(web, leaving)
    ids = []
    for number in range(250):
        body = {"full_name": f"Handover {number}", "company": f"Handover {tag}"}
        ids.append(api.request("POST", "/api/v1/leads", json=body).json()["id"])
    taker_id = user_id(admin, taking)

    page, _manager = web.as_role("manager", viewport=WIDE)
    page.goto(f"/ui/leads?q={tag}&page_size=100")
    expect(page.locator(".pager")).to_contain_text("of 250")
    page.get_by_label(re.compile("^All 250 matching")).check()
    page.get_by_label("Action", exact=True).select_option(f"reassign:{taker_id}")
    started = time.monotonic()
    page.get_by_role("button", name="Apply", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ui/bulk-jobs/"))
    web.shot(page, "03-bulk-job-running")
    expect(page.locator('[data-field="state-finished"]')).to_be_visible(timeout=120_000)
    took = time.monotonic() - started
    expect(page.locator('[data-field="changed"]')).to_have_text("250")
    expect(page.locator('[data-field="refused"]')).to_have_text("0")
    both_widths(web, page, "03-bulk-job-finished")
    print(f"250 leads reassigned in {took:.1f} s")

    owners = {admin.request("GET", f"/api/v1/leads/{i}").json()["owner_id"] for i in ids}
    assert owners == {taker_id}
    for lead_id in ids:  # each through sales' own update: its audited change
        trail = admin.request(
            "GET", "/api/v1/audit", params={"object_type": "lead", "object_id": lead_id}
        ).json()["items"]
        assert trail[0]["new_values"]["owner_id"] == taker_id, trail[0]
    page.goto(f"/ui/leads?q={tag}")
    both_widths(web, page, "04-leads-after")
