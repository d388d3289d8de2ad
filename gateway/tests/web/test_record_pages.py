"""Edit and delete pages of leads, deals, customers, contacts and campaigns, and notes changed
in place, over the real marketing and sales services: each refusal of the service shown with
its reason, each bad form with its errors beside the fields and what was typed kept."""

from __future__ import annotations

import re
import uuid


def text(response) -> str:
    return response.get_data(as_text=True)


def tag() -> str:
    return uuid.uuid4().hex[:6]


def a_customer_with_a_contact(admin) -> tuple[str, str]:
    customer = admin.api("POST", "/api/v1/customers", name=f"Xiamen Tiles {tag()}")
    contact = admin.api("POST", "/api/v1/contacts", customer_id=customer["id"], full_name="Lin Tao")
    return customer["id"], contact["id"]


def test_a_lead_is_edited_with_its_errors_beside_the_fields_then_deleted_after_confirming(admin):
    lead_url = admin.post("/ui/leads/new", {"full_name": "Zhou Yu"}).headers["Location"]
    assert f'href="{lead_url}/edit"' in text(admin.get(lead_url))
    form = text(admin.get(f"{lead_url}/edit"))
    assert 'value="Zhou Yu"' in form and 'name="state"' in form and 'for="description"' in form

    refused = admin.post(f"{lead_url}/edit", {"full_name": "", "company": "Hangzhou Silk"})
    assert refused.status_code == 400
    assert 'data-error-for="full_name"' in text(refused)
    assert 'value="Hangzhou Silk"' in text(refused)  # what was typed is kept
    saved = admin.post(
        f"{lead_url}/edit",
        {"full_name": "Zhou Yu", "company": "Hangzhou Silk", "state": "contacted"},
    )
    assert saved.status_code == 302 and saved.headers["Location"].endswith("notice=saved")
    detail = text(admin.get(lead_url))
    assert "Hangzhou Silk" in detail and "Contacted" in detail

    confirm = text(admin.get(f"{lead_url}/delete"))
    assert "Delete lead: Zhou Yu" in confirm and "Its notes are deleted with it" in confirm
    assert 'name="csrf_token"' in confirm and f'href="{lead_url}" data-keep>Keep it' in confirm
    assert admin.get(lead_url).status_code == 200  # the confirmation page deletes nothing
    deleted = admin.post(f"{lead_url}/delete")
    assert deleted.status_code == 302 and "notice=deleted" in deleted.headers["Location"]
    assert admin.get(lead_url).status_code == 404


def test_a_converted_lead_is_read_only_and_its_delete_is_refused_with_the_reason(admin):
    lead = admin.api("POST", "/api/v1/leads", full_name="Sun Li", company=f"Wuxi {tag()}")
    admin.api("POST", f"/api/v1/leads/{lead['id']}:convert", create_deal=False)
    lead_url = f"/ui/leads/{lead['id']}"

    detail = text(admin.get(lead_url))
    assert "it is read-only" in detail and f'href="{lead_url}/edit"' not in detail
    form = text(admin.get(f"{lead_url}/edit"))
    assert "it is read-only" in form and '<fieldset class="plain" disabled>' in form
    assert ">Save</button>" not in form
    edited = admin.post(f"{lead_url}/edit", {"full_name": "Someone else"})
    assert edited.status_code == 400 and "read-only" in text(edited)

    refused = admin.post(f"{lead_url}/delete")
    assert refused.status_code == 409
    assert "The service refused it:" in text(refused) and "read-only" in text(refused)
    assert admin.get(lead_url).status_code == 200


def test_a_deal_is_opened_from_its_customer_edited_and_deleted_after_confirming(admin):
    customer_id, contact_id = a_customer_with_a_contact(admin)
    customer_page = text(admin.get(f"/ui/customers/{customer_id}"))
    assert f'href="/ui/deals/new?customer_id={customer_id}"' in customer_page
    assert 'href="/ui/deals/new"' in text(admin.get("/ui/deals"))

    form = text(admin.get(f"/ui/deals/new?customer_id={customer_id}"))
    assert f'<option value="{customer_id}" selected>' in form
    assert f'<option value="{contact_id}"' in form and 'for="owner_id"' in form
    fields = {"customer_id": customer_id, "name": "Tiles for Hall 2", "amount": "lots"}
    refused = admin.post("/ui/deals/new", {**fields, "currency": "CNY"})
    assert refused.status_code == 400 and 'data-error-for="amount"' in text(refused)
    assert 'value="Tiles for Hall 2"' in text(refused)
    created = admin.post(
        "/ui/deals/new", {**fields, "amount": "5000", "currency": "CNY", "stage": "proposal"}
    )
    assert created.status_code == 302
    deal_url = created.headers["Location"].split("?")[0]
    assert "Proposal" in text(admin.get(deal_url)) and "CN¥5,000.00" in text(admin.get(deal_url))

    edit = text(admin.get(f"{deal_url}/edit"))
    assert 'value="5000.00"' in edit and 'id="expected_close_date"' in edit
    owner_id = admin.api("GET", f"/api/v1{deal_url.removeprefix('/ui')}")["owner_id"]
    assert f'<option value="{owner_id}" selected>' in edit
    changed = {
        "name": "Tiles for Hall 2",
        "amount": "7200",
        "currency": "CNY",
        "owner_id": owner_id,
    }
    saved = admin.post(
        f"{deal_url}/edit",
        {**changed, "expected_close_date": "2026-09-30", "contact_id": contact_id},
    )
    assert saved.status_code == 302, text(saved)
    detail = text(admin.get(deal_url))
    assert "CN¥7,200.00" in detail and "Sep 30, 2026" in detail
    assert f'href="/ui/contacts/{contact_id}"' in detail

    confirm = text(admin.get(f"{deal_url}/delete"))
    assert "Its stage history and notes are deleted with it." in confirm
    assert admin.post(f"{deal_url}/delete").status_code == 302
    assert admin.get(deal_url).status_code == 404


def test_a_closed_deal_keeps_its_amount_and_its_form_says_so(admin):
    customer_id, _ = a_customer_with_a_contact(admin)
    deal = admin.api(
        "POST", "/api/v1/deals", customer_id=customer_id, name="Kiln", amount="900", currency="CNY"
    )
    admin.api("POST", f"/api/v1/deals/{deal['id']}:move", stage="closed_won")
    deal_url = f"/ui/deals/{deal['id']}"

    form = text(admin.get(f"{deal_url}/edit"))
    assert "This deal is closed" in form and '<fieldset class="plain" disabled>' in form
    owner = {"owner_id": deal["owner_id"]}
    saved = admin.post(f"{deal_url}/edit", {"name": "Kiln, phase 1", "amount": "1", **owner})
    assert saved.status_code == 302  # the amount a closed deal keeps is not even sent
    detail = text(admin.get(deal_url))
    assert "Kiln, phase 1" in detail and "CN¥900.00" in detail


def test_a_customer_or_contact_in_use_is_refused_with_the_reason_and_deleted_once_free(admin):
    customer_id, contact_id = a_customer_with_a_contact(admin)
    deal = admin.api(
        "POST", "/api/v1/deals", customer_id=customer_id, contact_id=contact_id, name="Grout"
    )
    customer_url, contact_url = f"/ui/customers/{customer_id}", f"/ui/contacts/{contact_id}"
    assert "cannot be deleted" in text(admin.get(f"{customer_url}/delete"))

    refused = admin.post(f"{contact_url}/delete")
    assert refused.status_code == 422 and "is the contact of a deal" in text(refused)
    refused = admin.post(f"{customer_url}/delete")
    assert refused.status_code == 422 and "still has contacts or deals" in text(refused)

    assert admin.post(f"/ui/deals/{deal['id']}/delete").status_code == 302
    assert admin.post(f"{contact_url}/delete").status_code == 302
    deleted = admin.post(f"{customer_url}/delete")
    assert deleted.status_code == 302 and "/ui/customers?notice=deleted" in deleted.location
    assert admin.get(customer_url).status_code == 404
    assert "Deleted." in text(admin.get(deleted.location))


def test_a_campaign_is_deleted_after_confirming(admin):
    campaign = admin.api("POST", "/api/v1/campaigns", name=f"Expo {tag()}", type="trade_show")
    campaign_url = f"/ui/campaigns/{campaign['id']}"
    assert f'href="{campaign_url}/delete"' in text(admin.get(campaign_url))
    assert "Its notes are deleted with it." in text(admin.get(f"{campaign_url}/delete"))
    assert admin.post(f"{campaign_url}/delete").status_code == 302
    assert admin.get(campaign_url).status_code == 404


def test_notes_are_edited_and_deleted_in_place_and_a_blank_edit_keeps_the_form_open(admin):
    lead_url = admin.post("/ui/leads/new", {"full_name": "Ma Rui"}).headers["Location"]
    campaign = admin.api("POST", "/api/v1/campaigns", name=f"Fair {tag()}", type="trade_show")
    customer_id, contact_id = a_customer_with_a_contact(admin)
    deal = admin.api("POST", "/api/v1/deals", customer_id=customer_id, name="Glaze")
    pages = (f"/ui/campaigns/{campaign['id']}", f"/ui/contacts/{contact_id}")
    for page_url in (lead_url, *pages, f"/ui/deals/{deal['id']}"):
        blank = admin.post(f"{page_url}/notes", {"body": ""})
        assert blank.status_code == 400 and 'data-error-for="body"' in text(blank), page_url
        assert admin.post(f"{page_url}/notes", {"body": "Call on Monday"}).status_code == 302
        page = text(admin.get(page_url))
        note_id = re.search(r'data-note-id="([^"]+)"', page).group(1)
        note_url = f"{page_url}/notes/{note_id}"
        assert f'action="{note_url}"' in page and f'for="note-{note_id}-body"' in page

        blank = admin.post(note_url, {"body": "  "})
        assert blank.status_code == 400, page_url
        refused = text(blank)
        assert '<details class="note-edit" open>' in refused
        assert f'aria-describedby="note-{note_id}-body-error"' in refused
        saved = admin.post(note_url, {"body": "Call on Tuesday"})
        assert saved.status_code == 302 and saved.location.endswith(f"#note-{note_id}")
        page = text(admin.get(page_url))
        assert "Call on Tuesday" in page and "edited" in page and "Call on Monday" not in page

        assert admin.post(f"{note_url}/delete").status_code == 302
        assert "Call on Tuesday" not in text(admin.get(page_url))


def test_another_reps_note_offers_no_changes(admin, browser, make_user, user_password):
    rep = make_user("sales")
    customer_id, contact_id = a_customer_with_a_contact(admin)
    admin.api("POST", f"/api/v1/contacts/{contact_id}/notes", body="Noted by the admin")
    rep_id = user_id(admin, rep)
    admin.api("PATCH", f"/api/v1/customers/{customer_id}", owner_id=rep_id)
    admin.api("PATCH", f"/api/v1/contacts/{contact_id}", owner_id=rep_id)
    browser.client.delete_cookie("crm_session", path="/")
    browser.log_in(rep, user_password)
    page = text(browser.get(f"/ui/contacts/{contact_id}"))
    assert "Noted by the admin" in page and "note-changes" not in page


def test_a_note_is_posted_only_by_the_roles_of_its_records_page(browser, make_user, user_password):
    browser.log_in(make_user("service"), user_password)
    browser.get("/ui/contacts")
    for area in ("leads", "deals", "campaigns"):
        refused = browser.post(f"/ui/{area}/some-id/notes", {"body": "Hello"})
        assert refused.status_code == 403, area


def user_id(admin, username: str) -> str:
    found = admin.client.get(f"/api/v1/users?q={username}").get_json()["items"]
    return next(user["id"] for user in found if user["username"] == username)


def test_the_record_pages_speak_chinese(admin):
    lead_url = admin.post("/ui/leads/new", {"full_name": "Qian Bo"}).headers["Location"]
    admin.client.get("/ui/language/zh")
    assert "编辑线索" in text(admin.get(f"{lead_url}/edit"))
    confirm = text(admin.get(f"{lead_url}/delete"))
    assert "删除线索" in confirm and "保留" in confirm
    assert "新建商机" in text(admin.get("/ui/deals/new"))
