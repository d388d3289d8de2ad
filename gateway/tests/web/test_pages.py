"""Campaign, lead and deal pages over the real marketing and sales services."""

from __future__ import annotations

import re
import uuid

from gateway.http.csrf import CSRF_HEADER


def text(response) -> str:
    return response.get_data(as_text=True)


def test_campaigns_are_created_listed_searched_filtered_and_edited(admin):
    name = f"Canton Fair {uuid.uuid4().hex[:6]}"
    form = {
        "name": name,
        "type": "trade_show",
        "status": "active",
        "budget": "12500",
        "currency": "CNY",
        "start_date": "2026-04-15",
    }
    created = admin.post("/ui/campaigns/new", form)
    assert created.status_code == 302 and created.headers["Location"].endswith("notice=saved")

    listed = text(admin.get(f"/ui/campaigns?q={name[-6:]}&status=active"))
    assert name in listed and "CN¥12,500.00" in listed and "Apr 15, 2026" in listed
    assert name not in text(admin.get(f"/ui/campaigns?q={name[-6:]}&status=planned"))

    campaign_id = re.search(r'data-campaign-id="([^"]+)"', listed).group(1)
    edit_page = text(admin.get(f"/ui/campaigns/{campaign_id}/edit"))
    assert f'value="{name}"' in edit_page and 'value="12500.00"' in edit_page
    edited = admin.post(f"/ui/campaigns/{campaign_id}/edit", {**form, "status": "completed"})
    assert edited.status_code == 302
    assert name in text(admin.get(f"/ui/campaigns?q={name[-6:]}&status=completed"))


def test_every_form_carries_the_sessions_csrf_token(admin):
    lead_url = admin.post("/ui/leads/new", {"full_name": "Chen Jie"}).headers["Location"]
    for path in ("/ui/campaigns/new", "/ui/leads/new", lead_url, f"{lead_url}/convert"):
        page = text(admin.get(path))
        tokens = re.findall(r'name="csrf_token" value="([^"]*)"', page)
        assert tokens and set(tokens) == {admin.csrf}, path


def test_a_bad_campaign_form_shows_each_error_beside_its_field_and_keeps_the_input(admin):
    form = {
        "name": "",
        "type": "billboard",
        "status": "planned",
        "budget": "-5",
        "start_date": "2026-04-03",
        "end_date": "2026-04-01",
        "description": "Hall 4",
    }
    refused = admin.post("/ui/campaigns/new", form)
    page = text(refused)
    assert refused.status_code == 400
    errors = set(re.findall(r'data-error-for="([^"]+)"', page))
    assert {"name", "end_date", "budget", "currency"} <= errors
    assert 'id="budget" name="budget" type="text" value="-5"' in page
    assert 'aria-describedby="budget-error"' in page and ">Hall 4</textarea>" in page


def test_campaign_pages_page_through_the_list(admin):
    prefix = uuid.uuid4().hex[:6]
    for number in range(22):
        admin.client.post(
            "/api/v1/campaigns",
            json={"name": f"{prefix} mail {number}", "type": "email"},
            headers={CSRF_HEADER: admin.csrf},
        )
    first = text(admin.get(f"/ui/campaigns?q={prefix}"))
    assert "22 in all" in first and first.count("data-campaign-id=") == 20
    next_link = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = text(admin.get(next_link))
    assert second.count("data-campaign-id=") == 2 and "First page" in second


def test_a_lead_with_a_note_converted_with_a_deal_moved_on_the_board(admin):
    company = f"Ningbo Pumps {uuid.uuid4().hex[:6]}"
    refused = admin.post("/ui/leads/new", {"full_name": "", "company": company})
    assert refused.status_code == 400 and 'data-error-for="full_name"' in text(refused)
    created = admin.post(
        "/ui/leads/new", {"full_name": "Wang Fang", "company": company, "source": "trade_show"}
    )
    lead_url = created.headers["Location"]
    assert admin.post(f"{lead_url}/notes", {"body": "Met at the fair"}).status_code == 302
    detail = text(admin.get(lead_url))
    assert "Wang Fang" in detail and "Met at the fair" in detail and "Trade show" in detail

    bad = admin.post(
        f"{lead_url}/convert",
        {"create_deal": "on", "deal.name": "Pumps", "deal.amount": "lots", "deal.currency": "CNY"},
    )
    assert bad.status_code == 400 and 'data-error-for="deal.amount"' in text(bad)
    converted = admin.post(
        f"{lead_url}/convert",
        {
            "create_deal": "on",
            "deal.name": "Pumps",
            "deal.amount": "8800",
            "deal.currency": "CNY",
            "deal.stage": "qualification",
        },
    )
    assert converted.status_code == 302
    deal_url = converted.headers["Location"].split("?")[0]
    deal_id = deal_url.rsplit("/", 1)[1]
    assert "Qualification" in text(admin.get(deal_url))

    board = text(admin.get("/ui/deals/board"))
    assert f'id="deal-{deal_id}"' in board and 'draggable="true"' in board
    moved = admin.post(f"/ui/deals/{deal_id}/move", {"stage": "needs_analysis"})
    assert moved.status_code == 302
    api_move = admin.client.post(
        f"/api/v1/deals/{deal_id}:move",
        json={"stage": "closed_won"},
        headers={CSRF_HEADER: admin.csrf},
    )
    assert api_move.status_code == 200, api_move.get_json()
    history = text(admin.get(deal_url))
    assert [s for s in ("Qualification", "Needs analysis", "Closed won") if s in history] == [
        "Qualification",
        "Needs analysis",
        "Closed won",
    ]

    # A closed deal refuses to move, and the board says why.
    again = admin.post(f"/ui/deals/{deal_id}/move", {"stage": "proposal"}, follow_redirects=True)
    assert "The move was refused:" in text(again)
    assert "A closed deal cannot move." in text(again)
    assert "Converted" in text(admin.get(lead_url))


def test_another_reps_lead_is_not_found(browser, make_user, user_password, admin):
    created = admin.post("/ui/leads/new", {"full_name": "Li Lei", "company": "Private Co"})
    lead_url = created.headers["Location"]
    admin.client.delete_cookie("crm_session", path="/")
    browser.log_in(make_user("sales"), user_password)
    assert browser.client.get(lead_url).status_code == 404
