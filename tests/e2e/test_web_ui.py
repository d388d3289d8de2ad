"""The staff web UI in a real browser (Debian's chromium, driven by Playwright) on the whole
stack: log in, create a campaign (a bad form keeps what was typed), take a note, import a file
with a bad row and see it reported, export; create a lead, link it to the campaign, convert it
with a deal, drag the deal to won on the board, see its follow-up appear and the funnel chart
drawn; a sales rep does not see another rep's lead; a user's language follows them to another
browser. Every page is saved under build/e2e-screenshots/<test>/."""

from __future__ import annotations

import json
import re
import uuid

from e2e.browser import fill
from playwright.sync_api import Page, expect

# Events travel sales -> Kafka -> service desk or reporting before a follow-up or a report
# shows them.
EVENT_WAIT_MS = 60_000

# A drop carrying a card's id without its drag, as from a board opened before the deal closed.
STALE_DROP = """([card, column]) => {
  const data = new DataTransfer();
  data.setData("text/plain", card.dataset.dealId);
  const drop = {bubbles: true, cancelable: true, dataTransfer: data};
  column.dispatchEvent(new DragEvent("drop", drop));
}"""


def submit(page: Page, form_selector: str = "main form") -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()


def card_stage(page: Page, deal_id: str) -> str:
    return page.locator(f"#deal-{deal_id}").evaluate(
        "card => card.closest('section[data-stage]').dataset.stage"
    )


def drag_card(page: Page, deal_id: str, stage: str) -> None:
    """The HTML5 drag events a drag fires, with one DataTransfer from dragstart to drop.

    Playwright's mouse drag_to is not used: on a board long enough to scroll (the whole e2e
    session's deals), the scroll it makes towards the target mid-drag can lose the drop.
    """
    card, column = page.locator(f"#deal-{deal_id}"), page.locator(f'section[data-stage="{stage}"]')
    data = page.evaluate_handle("() => new DataTransfer()")
    card.dispatch_event("dragstart", {"dataTransfer": data})
    column.dispatch_event("dragover", {"dataTransfer": data})
    column.dispatch_event("drop", {"dataTransfer": data})
    card.dispatch_event("dragend", {"dataTransfer": data})


def expect_card_at(page: Page, deal_id: str, stage: str) -> None:
    # The move is a round trip through the gateway to sales: more than expect's 5 s default
    # on a loaded two-core machine.
    card = page.locator(f'section[data-stage="{stage}"] #deal-{deal_id}')
    expect(card).to_be_visible(timeout=20_000)


def wait_for(page: Page, ready, what: str) -> None:
    """Reload until `ready(page)`: for figures that arrive by events."""
    for _ in range(EVENT_WAIT_MS // 2_000):
        if ready(page):
            return
        page.wait_for_timeout(2_000)
        page.reload()
    raise AssertionError(f"{what} did not show within {EVENT_WAIT_MS} ms at {page.url}")


IMPORT_CSV = (
    "name,type,budget,currency\nWebinar {tag},webinar,800,CNY\nBillboard {tag},billboard,-1,CNY\n"
)
FUNNEL_DEALS = """canvas => {
  const chart = Chart.getChart(canvas);
  if (!chart) return null;
  const labels = chart.data.labels, counts = chart.data.datasets[0].data;
  return Object.fromEntries(labels.map((label, i) => [label, counts[i]]));
}"""


def test_a_day_in_the_web_ui(stack, web):
    page = web.anonymous()
    page.goto("/ui/campaigns")
    expect(page).to_have_url(re.compile(r"/ui/login"))
    web.shot(page, "01-login")
    fill(page, {"username": "admin", "password": stack.admin_password})
    submit(page)
    expect(page).to_have_url(re.compile(r"/ui/campaigns"))
    expect(page.locator('[data-menu="board"]')).to_be_visible()

    # A campaign through the form; then a bad form shows its errors beside the fields.
    tag = uuid.uuid4().hex[:6]
    name = f"Canton Fair {tag}"
    page.get_by_role("link", name="New campaign").click()
    fill(page, {"name": name, "type": "trade_show", "budget": "12500", "currency": "CNY"})
    submit(page)
    expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.locator("table")).to_contain_text("CN¥12,500.00")
    web.shot(page, "02-campaigns")

    page.goto("/ui/campaigns/new")
    fill(page, {"name": "Bad budget", "budget": "-5", "currency": "CNY"})
    submit(page)
    error = page.locator("#budget-error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page.locator("#budget")).to_have_value("-5")
    expect(page.locator("#name")).to_have_value("Bad budget")
    expect(page.locator("#currency")).to_have_value("CNY")
    web.shot(page, "03-campaign-form-errors")

    # The campaign's page takes a note.
    page.goto(f"/ui/campaigns?q={tag}")
    page.get_by_role("link", name=name).click()
    page.get_by_label("New note").fill("Booth 11.2 C07 booked")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("ul.notes")).to_contain_text("Booth 11.2 C07 booked")
    web.shot(page, "04-campaign")

    # An import with one bad row: the good row is created, the bad one listed with its errors.
    page.goto("/ui/campaigns/import")
    csv = IMPORT_CSV.format(tag=tag).encode()
    page.set_input_files("#file", files=[{"name": "fair.csv", "mimeType": "text/csv",
                                          "buffer": csv}])  # fmt: skip
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-report .created")).to_have_text("1 campaign created.")
    rejected = page.locator('#rejected-rows tr[data-row="3"]')
    expect(rejected.first).to_contain_text("type")
    expect(page.locator("#rejected-rows")).to_contain_text("must not be negative")
    expect(page.locator("#import-progress")).to_be_hidden()
    web.shot(page, "05-campaign-import")

    # Export: the ticked row, as a workbook download.
    page.goto(f"/ui/campaigns?q={tag}")
    expect(page.locator("tbody tr")).to_have_count(2)
    page.locator("tbody tr", has_text=name).locator('input[name="ids"]').check()
    with page.expect_download() as download:
        page.locator("#export-selected").click()
    assert download.value.suggested_filename == "campaigns.xlsx"

    # A lead, linked to the campaign through the search box, converted with a deal.
    page.goto("/ui/leads/new")
    fill(page, {"full_name": "Wang Fang", "company": f"Ningbo Pumps {tag}"})
    submit(page)
    page.get_by_label("Find a campaign to link").fill(name)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name=f"Link {name}").click()
    expect(page.locator("#linked-campaigns")).to_contain_text(name)
    web.shot(page, "06-lead")
    page.get_by_role("link", name="Convert").click()
    page.get_by_label("Also create a deal").uncheck()  # the deal's fields are then disabled
    expect(page.locator("#deal-name")).to_be_disabled()
    page.get_by_label("Also create a deal").check()
    deal = {"deal.name": "Two pumps", "deal.amount": "8800", "deal.currency": "CNY"}
    fill(page, {**deal, "deal.expected_close_date": "2026-12-18", "deal.stage": "qualification"})
    page.get_by_label("Campaign", exact=True).select_option(label=name)
    web.shot(page, "07-lead-convert")
    submit(page)
    expect(page).to_have_url(re.compile(r"/ui/deals/[^/?]+"))
    deal_id = page.url.split("?")[0].rsplit("/", 1)[1]

    # The board: drag the card one stage on; then the card's Move form (the keyboard way).
    page.goto("/ui/deals/board")
    assert card_stage(page, deal_id) == "qualification"
    drag_card(page, deal_id, "needs_analysis")
    expect_card_at(page, deal_id, "needs_analysis")
    drag_card(page, deal_id, "closed_won")
    expect_card_at(page, deal_id, "closed_won")
    page.reload()  # the move was stored, not only drawn
    assert card_stage(page, deal_id) == "closed_won"

    # A closed deal's card cannot be dragged; a stale drop is refused and the board says why.
    card = page.locator(f"#deal-{deal_id}")
    expect(card).to_have_attribute("draggable", "false")
    target = page.locator('section[data-stage="proposal"]')
    card.drag_to(target)
    assert card_stage(page, deal_id) == "closed_won"
    page.evaluate(STALE_DROP, [card.element_handle(), target.element_handle()])
    expect(page.locator("#board-message")).to_contain_text("refused")
    assert card_stage(page, deal_id) == "closed_won"
    page.evaluate("getSelection().removeAllRanges()")  # the vain drag selected the card's text
    web.shot(page, "08-board")

    # The deal's history lists each stage it was at.
    page.goto(f"/ui/deals/{deal_id}")
    history = page.locator("table.history")
    for stage in ("Qualification", "Needs analysis", "Closed won"):
        expect(history).to_contain_text(stage)
    web.shot(page, "09-deal")

    # The won deal's after-sale follow-up, scheduled by the service desk from its event.
    customer_id = page.request.get(f"/api/v1/deals/{deal_id}").json()["customer_id"]
    follow_up = page.locator(f'li.item:has(a[href="/ui/customers/{customer_id}"])')
    page.goto("/ui/follow-ups?who=all")
    wait_for(page, lambda p: follow_up.count() > 0, "the won deal's follow-up")
    expect(follow_up).to_be_visible()
    web.shot(page, "10-follow-ups")

    # The funnel chart is drawn with the won deal in it; the other reports have their as_of.
    page.goto("/ui/reports/funnel")
    canvas = page.locator("#funnel-chart")

    def funnel_has_the_won_deal(p: Page) -> bool:
        deals = canvas.evaluate(FUNNEL_DEALS)
        return bool(deals) and deals.get("Closed won", 0) >= 1

    wait_for(page, funnel_has_the_won_deal, "the won deal in the funnel")
    assert canvas.bounding_box()["height"] > 100
    drawn = canvas.evaluate("c => c.getContext('2d').getImageData(0, 0, c.width, c.height)"
                            ".data.some((v, i) => i % 4 === 3 && v > 0)")  # fmt: skip
    assert drawn, "the canvas has no painted pixel"
    expect(page.locator(".as-of")).to_contain_text("Figures as of")
    csv_link = page.locator('[data-download="csv"]').get_attribute("href")
    assert page.request.get(csv_link).text().startswith("\ufeffstage,currency,count")
    web.shot(page, "11-report-funnel")
    for report in ("campaigns", "sales", "service"):
        page.locator(f'[data-report="{report}"]').click()
        expect(page.locator(".as-of")).to_be_visible()
        expect(page.locator('[data-download="xlsx"]')).to_be_visible()
        web.shot(page, f"12-report-{report}")
    expect(page.locator("#campaign-table, #sales-table, #service-kpis")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/ui/login"))
    page.goto("/ui/deals/board")
    expect(page).to_have_url(re.compile(r"/ui/login"))


def test_a_sales_rep_does_not_see_another_reps_lead(web):
    rep_a, _ = web.as_role("sales")
    rep_b, _ = web.as_role("sales")
    tag = uuid.uuid4().hex[:6]

    # A bad lead form keeps what was typed, and says what is wrong beside the field.
    rep_a.goto("/ui/leads/new")
    fill(rep_a, {"full_name": f"Zhou Min {tag}", "email": "not-an-email"})
    submit(rep_a)
    expect(rep_a.locator("#email-error")).to_be_visible()
    expect(rep_a.locator("#email")).to_have_value("not-an-email")
    expect(rep_a.locator("#full_name")).to_have_value(f"Zhou Min {tag}")
    web.shot(rep_a, "01-lead-form-errors")
    fill(rep_a, {"email": f"zhou.{tag}@example.com"})
    submit(rep_a)
    expect(rep_a).to_have_url(re.compile(r"/ui/leads/[^/?]+$"))
    lead_url = rep_a.url

    rep_b.goto(f"/ui/leads?q={tag}")
    expect(rep_b.locator("tbody")).to_contain_text("No leads match.")
    web.shot(rep_b, "02-other-reps-leads")
    response = rep_b.goto(lead_url)
    assert response.status in (403, 404)
    expect(rep_b.locator("main")).not_to_contain_text(f"Zhou Min {tag}")
    web.shot(rep_b, "03-other-reps-lead-refused")
    rep_a.goto(f"/ui/leads?q={tag}")
    expect(rep_a.locator("tbody")).to_contain_text(f"Zhou Min {tag}")


def test_a_users_language_follows_them_to_another_browser(web):
    manager, username = web.as_role("manager")
    manager.goto("/ui/reports/funnel")
    expect(manager.locator("h1")).to_have_text("Sales funnel")
    manager.locator('[data-language="zh"]').click()
    expect(manager.locator("h1")).to_have_text("销售漏斗")
    expect(manager.locator('[data-menu="board"]')).to_have_text("商机看板")
    web.shot(manager, "01-funnel-zh")

    # Another browser whose language is English: its login page is English, then the stored
    # choice applies from the login on, at phone width too.
    other = web.anonymous(locale="en-US", viewport={"width": 390, "height": 844})
    other.goto("/ui/login")
    expect(other.get_by_label("Username")).to_be_visible()
    fill(other, {"username": username, "password": "e2e-web-password-1"})
    submit(other)
    expect(other.locator("html")).to_have_attribute("lang", "zh-CN")
    other.goto("/ui/reports/funnel")
    expect(other.locator("h1")).to_have_text("销售漏斗")
    web.shot(other, "02-funnel-zh-phone")
    data = json.loads(other.locator("#funnel-data").text_content())
    assert data["labels"][0] == "资格审查"
