"""Two people editing one deal in two browsers (Debian's chromium, driven by Playwright, each
user in a context of their own) on the whole stack: both open the edit page; the first saves;
the second's save of the form read before is refused by sales, with "changed by someone else
meanwhile" and the first person's values beside the fields, nothing of it saved; saved again,
knowingly, it goes through. Pages saved at 1366 px and 390 px under build/e2e-screenshots/."""

from __future__ import annotations

import re
import uuid

from e2e.browser import PHONE, WIDE, fill
from playwright.sync_api import Page, expect


def save(page: Page) -> None:
    page.locator("main form.form button[type=submit]").first.click()


def test_the_second_save_of_a_stale_deal_form_is_refused_with_the_firsts_values(web):
    tag = uuid.uuid4().hex[:6]
    first, second = web.admin(viewport=WIDE), web.as_role("manager", viewport=PHONE)[0]

    first.goto("/ui/customers/new")
    fill(first, {"name": f"Dalian Pumps {tag}"})
    save(first)
    first.get_by_role("link", name="New deal").click()
    fill(first, {"name": f"Pumps {tag}", "amount": "8000"})
    save(first)
    expect(first).to_have_url(re.compile(r"/ui/deals/[^/?]+\?notice=saved"))
    deal_url = first.url.split("?")[0]

    # Both open the edit form at version 1.
    for page in (first, second):
        page.goto(f"{deal_url}/edit")
        expect(page.locator('input[type=hidden][name="version"]')).to_have_value("1")

    fill(first, {"name": f"Pumps {tag} (first)", "amount": "9000"})
    save(first)
    expect(first.locator("p.notice")).to_have_text("Saved.")

    fill(second, {"name": f"Pumps {tag} (second)"})
    save(second)
    alert = second.locator(".form-errors[role=alert]")
    expect(alert).to_contain_text("Changed by someone else meanwhile: nothing was saved.")
    expect(second.locator('[data-error-for="name"]')).to_have_text(
        f"Saved meanwhile: Pumps {tag} (first)"
    )
    expect(second.locator('[data-error-for="amount"]')).to_have_text("Saved meanwhile: 9000.00")
    expect(second.locator("#name")).to_have_value(f"Pumps {tag} (second)")  # typed, kept
    expect(second.locator('input[type=hidden][name="version"]')).to_have_value("2")
    web.shot(second, "01-stale-deal-form-390")
    saved = first.request.get(deal_url.replace("/ui/", "/api/v1/")).json()
    assert saved["name"] == f"Pumps {tag} (first)"  # nothing of the second's was saved

    # Seen the first's values, the second saves again over them, knowingly.
    fill(second, {"amount": "9000.00"})
    save(second)
    expect(second.locator("p.notice")).to_have_text("Saved.")
    expect(second.locator("h1")).to_contain_text(f"Pumps {tag} (second)")
    web.shot(second, "02-saved-after-seeing-390")
    first.goto(f"{deal_url}/edit")
    expect(first.locator('input[type=hidden][name="version"]')).to_have_value("3")
    web.shot(first, "03-edit-form-1366")
