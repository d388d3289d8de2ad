"""Records edited and deleted in the browser (Debian's chromium, driven by Playwright) on the
whole stack: a lead edited (a bad form keeps what was typed) and its change seen, a note on it
changed in place; a deal opened from its customer, edited, and deleted through its confirmation
page with the keyboard; every new page saved at 1366 px and at 390 px (a phone) under
build/e2e-screenshots/<test>/, and the deal board measured at both widths: all its stages in
view at 1366, a sideways scroll on a phone with nothing wider than the screen."""

from __future__ import annotations

import re
import uuid

from e2e.browser import PHONE, WIDE, fill
from playwright.sync_api import Page, expect

# The page's own width beyond the viewport's (0 when nothing sticks out sideways).
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The board's last stage column: its right edge and the board's visible right edge.
LAST_COLUMN = """() => {
  const board = document.querySelector('.board');
  const columns = board.querySelectorAll('section.column');
  return {right: columns[columns.length - 1].getBoundingClientRect().right,
          edge: board.getBoundingClientRect().right, columns: columns.length,
          scrolls: board.scrollWidth > board.clientWidth};
}"""


def save(page: Page) -> None:
    page.locator("main form.form button[type=submit]").first.click()


def at_both_widths(web, page: Page, phone: Page, name: str) -> None:
    """The page `page` shows, saved at 1366 px and at 390 px, with nothing wider than the
    screen and every field of its form labelled."""
    phone.goto(page.url)
    for viewed, width in ((page, 1366), (phone, 390)):
        assert viewed.evaluate(OVERFLOW) == 0, (name, width)
        for field in viewed.locator("main form.form [name]:not([type=hidden])").all():
            field_id = field.get_attribute("id")
            assert viewed.locator(f'label[for="{field_id}"]').count() == 1, (name, field_id)
        web.shot(viewed, f"{name}-{width}")


def test_edit_a_lead_and_delete_a_deal_with_confirmation(web):
    tag = uuid.uuid4().hex[:6]
    page, phone = web.admin(viewport=WIDE), web.admin(viewport=PHONE)

    # A lead edited: a blank name is refused beside the field with the rest kept; then saved.
    page.goto("/ui/leads/new")
    fill(page, {"full_name": "Gao Lan", "company": f"Jinan Valves {tag}"})
    save(page)
    page.get_by_role("link", name="Edit", exact=True).click()
    at_both_widths(web, page, phone, "01-lead-edit")
    fill(page, {"full_name": "", "company": f"Jinan Valve Works {tag}", "state": "contacted"})
    save(page)
    expect(page.locator('[data-error-for="full_name"]')).to_be_visible()
    expect(page.locator("#company")).to_have_value(f"Jinan Valve Works {tag}")
    web.shot(page, "01-lead-edit-refused")
    fill(page, {"full_name": "Gao Lan"})
    save(page)
    expect(page.locator("p.notice")).to_have_text("Saved.")
    expect(page.locator("dl.facts")).to_contain_text(f"Jinan Valve Works {tag}")
    expect(page.locator("h1 .badge")).to_have_text("Contacted")
    web.shot(page, "02-lead-edited")

    # A note changed in place: its Edit disclosure opens the form, the keyboard way too.
    page.get_by_label("New note").fill("Wants a quote by Friday")
    page.get_by_role("button", name="Add note").click()
    note = page.locator("ul.notes li[data-note-id]")
    note.locator("summary", has_text="Edit").focus()
    page.keyboard.press("Enter")
    note.get_by_label("Note text").fill("Wants a quote by Monday")
    phone.goto(page.url)
    phone.locator("ul.notes summary", has_text="Edit").click()
    web.shot(page, "02-note-edit-1366")
    web.shot(phone, "02-note-edit-390")
    note.get_by_role("button", name="Save note").click()
    expect(page.locator("ul.notes")).to_contain_text("Wants a quote by Monday")
    expect(page.locator("ul.notes")).to_contain_text("edited")
    page.get_by_role("link", name="Delete", exact=True).click()
    at_both_widths(web, page, phone, "03-lead-delete")

    # A deal opened from its customer's page, edited, then deleted after its confirmation.
    page.goto("/ui/customers/new")
    fill(page, {"name": f"Jinan Valves {tag}"})
    save(page)
    page.get_by_role("link", name="New deal").click()
    at_both_widths(web, page, phone, "04-deal-new")
    fill(page, {"name": "Valves for line 3", "amount": "12000", "stage": "proposal"})
    save(page)
    expect(page).to_have_url(re.compile(r"/ui/deals/[^/?]+\?notice=saved"))
    deal_url = page.url.split("?")[0]
    page.get_by_role("link", name="Edit", exact=True).click()
    at_both_widths(web, page, phone, "05-deal-edit")
    fill(page, {"amount": "15500", "expected_close_date": "2026-11-30"})
    save(page)
    expect(page.locator("dl.facts")).to_contain_text("15,500.00")
    web.shot(page, "06-deal-edited")

    page.get_by_role("link", name="Delete", exact=True).click()
    expect(page.locator("h1")).to_have_text("Delete deal: Valves for line 3")
    expect(page.locator(".consequences")).to_contain_text("stage history and notes")
    at_both_widths(web, page, phone, "07-deal-delete")
    confirm = page.locator("[data-confirm]")
    confirm.focus()  # the confirmation is a plain form: the keyboard confirms it
    page.keyboard.press("Enter")
    expect(page.locator("p.notice")).to_have_text("Deleted.")
    assert page.request.get(deal_url).status == 404

    # A deal opened from the deal list stays on the board; a ticket and a follow-up of the
    # customer are edited (and the follow-up's cancel page opened) for their screenshots.
    page.goto("/ui/deals")
    # The button, not a deal of that name the authorization matrix may have left in the list.
    page.locator("a.button", has_text="New deal").click()
    page.locator("#customer_id").select_option(label=f"Jinan Valves {tag}")
    fill(page, {"name": "Valves for line 4", "amount": "8000", "stage": "qualification"})
    save(page)
    expect(page.locator("h1")).to_contain_text("Valves for line 4")
    page.goto("/ui/tickets/new")
    page.locator("#customer_id").select_option(label=f"Jinan Valves {tag}")
    fill(page, {"subject": "Valve leaks", "category": "repair"})
    save(page)
    page.get_by_role("link", name="Edit", exact=True).click()
    at_both_widths(web, page, phone, "09-ticket-edit")
    fill(page, {"priority": "urgent"})
    save(page)
    expect(page.locator("dl.facts")).to_contain_text("Urgent")
    page.goto("/ui/follow-ups/new")
    at_both_widths(web, page, phone, "10-follow-up-new")
    page.locator("#customer_id").select_option(label=f"Jinan Valves {tag}")
    fill(page, {"subject": "Visit line 3", "due_at": "2031-05-06T10:00"})
    save(page)
    # The list is paged now, and the whole suite's stack holds more than a page of follow-ups
    # due sooner: the newest first puts this one on the first page.
    page.goto("/ui/follow-ups?sort=-created_at")
    item = page.locator("li.item", has_text="Visit line 3")
    item.get_by_role("link", name="Edit Visit line 3").click()
    at_both_widths(web, page, phone, "11-follow-up-edit")
    page.go_back()
    item = page.locator("li.item", has_text="Visit line 3")
    item.get_by_role("link", name="Cancel Visit line 3").click()
    at_both_widths(web, page, phone, "12-follow-up-cancel")

    page.goto("/ui/deals/board")
    at_both_widths(web, page, phone, "13-board")
    wide = page.evaluate(LAST_COLUMN)
    assert wide["columns"] == 9 and wide["right"] <= wide["edge"] and not wide["scrolls"], wide
    narrow = phone.evaluate(LAST_COLUMN)
    assert narrow["scrolls"], narrow  # on a phone the board scrolls sideways, stage by stage
    expect(phone.locator(".card", has_text="Valves for line 4")).to_be_visible()
