"""The staff web UI in a real browser (Debian's chromium, driven by Playwright) on the whole
stack: log in, create a campaign and see a bad form's field errors, convert a lead with a deal,
drag the deal across the board, see a closed deal refused, and switch to Chinese."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

# A drop carrying a card's id without its drag, as from a board opened before the deal closed.
STALE_DROP = """([card, column]) => {
  const data = new DataTransfer();
  data.setData("text/plain", card.dataset.dealId);
  const drop = {bubbles: true, cancelable: true, dataTransfer: data};
  column.dispatchEvent(new DragEvent("drop", drop));
}"""


def fill(page: Page, fields: dict[str, str]) -> None:
    for name, value in fields.items():
        element = page.locator(f'[name="{name}"]')
        if element.evaluate("e => e.tagName") == "SELECT":
            element.select_option(value)
        else:
            element.fill(value)


def submit(page: Page, form_selector: str = "main form") -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()


def card_stage(page: Page, deal_id: str) -> str:
    return page.locator(f"#deal-{deal_id}").evaluate(
        "card => card.closest('section[data-stage]').dataset.stage"
    )


def expect_card_at(page: Page, deal_id: str, stage: str) -> None:
    expect(page.locator(f'section[data-stage="{stage}"] #deal-{deal_id}')).to_be_visible()


def test_a_day_in_the_web_ui(stack, web):
    page = web.anonymous()
    page.goto("/ui/campaigns")
    expect(page).to_have_url(re.compile(r"/ui/login"))
    web.shot(page, "login")
    fill(page, {"username": "admin", "password": stack.admin_password})
    submit(page)
    expect(page).to_have_url(re.compile(r"/ui/campaigns"))
    expect(page.locator('[data-menu="board"]')).to_be_visible()

    # A campaign through the form; then a bad form shows its errors beside the fields.
    name = f"Canton Fair {uuid.uuid4().hex[:6]}"
    page.get_by_role("link", name="New campaign").click()
    fill(page, {"name": name, "type": "trade_show", "budget": "12500", "currency": "CNY"})
    submit(page)
    expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.locator("table")).to_contain_text("CN¥12,500.00")
    web.shot(page, "campaigns")

    page.goto("/ui/campaigns/new")
    fill(page, {"name": "Bad budget", "budget": "-5"})
    submit(page)
    error = page.locator("#budget-error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page.locator("#budget")).to_have_value("-5")
    expect(page.locator("#name")).to_have_value("Bad budget")
    web.shot(page, "campaign-form-errors")

    # A lead converted with a deal lands on the deal's page.
    page.goto("/ui/leads/new")
    fill(page, {"full_name": "Wang Fang", "company": f"Ningbo Pumps {name[-6:]}"})
    submit(page)
    page.get_by_role("link", name="Convert").click()
    fill(page, {"deal.name": "Two pumps", "deal.amount": "8800", "deal.currency": "CNY"})
    web.shot(page, "lead-convert")
    submit(page)
    expect(page).to_have_url(re.compile(r"/ui/deals/[^/?]+"))
    deal_id = page.url.split("?")[0].rsplit("/", 1)[1]

    # The board: drag the card one stage on; then the card's Move form (the keyboard way).
    page.goto("/ui/deals/board")
    assert card_stage(page, deal_id) == "qualification"
    page.locator(f"#deal-{deal_id}").drag_to(page.locator('section[data-stage="needs_analysis"]'))
    expect_card_at(page, deal_id, "needs_analysis")
    page.locator(f"#move-{deal_id}").select_option("closed_won")
    page.locator(f"#deal-{deal_id} .move button").click()
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
    web.shot(page, "board")

    # The deal's history lists each stage it was at.
    page.goto(f"/ui/deals/{deal_id}")
    history = page.locator("table.history")
    for stage in ("Qualification", "Needs analysis", "Closed won"):
        expect(history).to_contain_text(stage)
    web.shot(page, "deal")

    # Chinese: the language link switches menus, labels and formats.
    page.locator('[data-language="zh"]').click()
    expect(page.locator('[data-menu="board"]')).to_have_text("商机看板")
    expect(page.locator("main")).to_contain_text("阶段历史")
    expect(page.locator("table.history")).to_contain_text("赢单")
    web.shot(page, "deal-zh")

    page.locator("header form button").click()
    expect(page).to_have_url(re.compile(r"/ui/login"))
    page.goto("/ui/deals/board")
    expect(page).to_have_url(re.compile(r"/ui/login"))
