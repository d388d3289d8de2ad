"""The staff web UI in a real browser (Debian's chromium, driven by Selenium) on the whole stack:
log in, create a campaign and see a bad form's field errors, convert a lead with a deal, drag
the deal across the board, see a closed deal refused, and switch to Chinese."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--window-size=1280,900", "--lang=en-US")  # fmt: skip

# HTML5 drag and drop as the browser fires it; WebDriver's own drag does not fire these events.
DRAG = """
const [card, column] = arguments, data = new DataTransfer();
const fire = (target, type) => target.dispatchEvent(
  new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
fire(card, "dragstart"); fire(column, "dragover"); fire(column, "drop"); fire(card, "dragend");
"""
# A drop carrying a card's id without its drag, as from a board opened before the deal closed.
STALE_DROP = """
const [card, column] = arguments, data = new DataTransfer();
data.setData("text/plain", card.dataset.dealId);
column.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: data}));
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("install Debian's chromium and chromium-driver (make e2e does)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver, condition, seconds: float = 15):
    try:
        return WebDriverWait(driver, seconds).until(condition)
    except TimeoutException:
        page = driver.find_element(By.TAG_NAME, "body").text
        raise AssertionError(f"waited in vain at {driver.current_url}:\n{page}") from None


def fill(driver, fields: dict[str, str]) -> None:
    for name, value in fields.items():
        element = driver.find_element(By.NAME, name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)


def submit(driver, form_selector: str = "main form") -> None:
    driver.find_element(By.CSS_SELECTOR, f"{form_selector} button[type=submit]").click()


def card_stage(driver, deal_id: str) -> str:
    card = driver.find_element(By.ID, f"deal-{deal_id}")
    return card.find_element(By.XPATH, "ancestor::section[@data-stage]").get_attribute("data-stage")


def test_a_day_in_the_web_ui(stack, browser, tmp_path: Path):
    base = stack.base_url
    browser.get(f"{base}/ui/campaigns")
    wait(browser, ec.url_contains("/ui/login"))
    fill(browser, {"username": "admin", "password": stack.admin_password})
    submit(browser)
    wait(browser, ec.url_contains("/ui/campaigns"))
    assert browser.find_element(By.CSS_SELECTOR, '[data-menu="board"]').is_displayed()

    # A campaign through the form; then a bad form shows its errors beside the fields.
    name = f"Canton Fair {uuid.uuid4().hex[:6]}"
    browser.find_element(By.LINK_TEXT, "New campaign").click()
    fill(browser, {"name": name, "type": "trade_show", "budget": "12500", "currency": "CNY"})
    submit(browser)
    wait(browser, ec.presence_of_element_located((By.LINK_TEXT, name)))
    assert "CN¥12,500.00" in browser.find_element(By.TAG_NAME, "table").text

    browser.get(f"{base}/ui/campaigns/new")
    fill(browser, {"name": "Bad budget", "budget": "-5"})
    submit(browser)
    error = wait(browser, ec.presence_of_element_located((By.ID, "budget-error")))
    assert error.is_displayed() and error.text
    assert browser.find_element(By.ID, "budget").get_attribute("value") == "-5"
    assert browser.find_element(By.ID, "name").get_attribute("value") == "Bad budget"

    # A lead converted with a deal lands on the deal's page.
    browser.get(f"{base}/ui/leads/new")
    fill(browser, {"full_name": "Wang Fang", "company": f"Ningbo Pumps {name[-6:]}"})
    submit(browser)
    browser.find_element(By.LINK_TEXT, "Convert").click()
    fill(browser, {"deal.name": "Two pumps", "deal.amount": "8800", "deal.currency": "CNY"})
    submit(browser)
    wait(browser, ec.url_contains("/ui/deals/"))
    deal_id = browser.current_url.split("?")[0].rsplit("/", 1)[1]

    # The board: drag the card one stage on; then the card's Move form (the keyboard way).
    browser.get(f"{base}/ui/deals/board")
    assert card_stage(browser, deal_id) == "qualification"
    card = browser.find_element(By.ID, f"deal-{deal_id}")
    target = browser.find_element(By.CSS_SELECTOR, 'section[data-stage="needs_analysis"]')
    browser.execute_script(DRAG, card, target)
    wait(browser, lambda d: card_stage(d, deal_id) == "needs_analysis")
    Select(browser.find_element(By.ID, f"move-{deal_id}")).select_by_value("closed_won")
    browser.find_element(By.CSS_SELECTOR, f"#deal-{deal_id} .move button").click()
    wait(browser, lambda d: card_stage(d, deal_id) == "closed_won")
    browser.refresh()  # the move was stored, not only drawn
    assert card_stage(browser, deal_id) == "closed_won"

    # A closed deal's card cannot be dragged; a stale drop is refused and the board says why.
    card = browser.find_element(By.ID, f"deal-{deal_id}")
    assert card.get_attribute("draggable") == "false"
    target = browser.find_element(By.CSS_SELECTOR, 'section[data-stage="proposal"]')
    browser.execute_script(DRAG, card, target)
    assert card_stage(browser, deal_id) == "closed_won"
    browser.execute_script(STALE_DROP, card, target)
    message = browser.find_element(By.ID, "board-message")
    wait(browser, lambda d: "refused" in message.text)
    assert card_stage(browser, deal_id) == "closed_won"
    shot = tmp_path / "board.png"
    browser.save_screenshot(str(shot))
    print(f"board screenshot: {shot}")

    # The deal's history lists each stage it was at.
    browser.get(f"{base}/ui/deals/{deal_id}")
    history = browser.find_element(By.CSS_SELECTOR, "table.history").text
    assert all(s in history for s in ("Qualification", "Needs analysis", "Closed won"))

    # Chinese: the language link switches menus, labels and formats.
    browser.find_element(By.CSS_SELECTOR, '[data-language="zh"]').click()
    wait(
        browser, lambda d: d.find_element(By.CSS_SELECTOR, '[data-menu="board"]').text == "商机看板"
    )
    assert "阶段历史" in browser.find_element(By.TAG_NAME, "main").text
    assert "赢单" in browser.find_element(By.CSS_SELECTOR, "table.history").text

    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    wait(browser, ec.url_contains("/ui/login"))
    browser.get(f"{base}/ui/deals/board")
    wait(browser, ec.url_contains("/ui/login"))
