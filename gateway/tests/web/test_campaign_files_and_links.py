"""Campaign notes, import and export pages, and a lead's campaign links, over the real
marketing and sales services."""

from __future__ import annotations

import io
import re
import uuid
from urllib.parse import parse_qs, urlsplit

from openpyxl import load_workbook

from gateway.web.campaign_file_views import FRAGMENT_HEADER


def text(response) -> str:
    return response.get_data(as_text=True)


def new_campaign(admin, name: str) -> str:
    assert admin.post("/ui/campaigns/new", {"name": name, "type": "email"}).status_code == 302
    listed = text(admin.get(f"/ui/campaigns?q={name}"))
    return re.search(r'data-campaign-id="([^"]+)"', listed).group(1)


def test_a_campaigns_page_takes_notes_and_refuses_a_blank_one_beside_the_field(admin):
    campaign_id = new_campaign(admin, f"Hannover Messe {uuid.uuid4().hex[:6]}")
    page = f"/ui/campaigns/{campaign_id}"
    added = admin.post(f"{page}/notes", {"body": "Booth B12 booked"})
    assert added.status_code == 302 and added.headers["Location"].endswith("#notes")
    assert "Booth B12 booked" in text(admin.get(page))

    refused = admin.post(f"{page}/notes", {"body": "   "})
    assert refused.status_code == 400 and 'id="body-error"' in text(refused)


CSV = (
    "name,type,budget,currency\n"
    "Fair {tag},trade_show,100.50,CNY\nBad {tag},billboard,-1,CNY\nWeb {tag},webinar,,\n"
)


def test_an_import_creates_the_good_rows_and_lists_each_bad_one_with_its_errors(admin):
    tag = uuid.uuid4().hex[:6]
    upload = {"file": (io.BytesIO(CSV.format(tag=tag).encode()), "c.csv", "text/csv")}
    page = admin.post("/ui/campaigns/import", upload, content_type="multipart/form-data")
    body = text(page)
    assert page.status_code == 200 and "2 campaigns created." in body and "1 row rejected." in body
    row = re.search(r'<tr data-row="3">(.*?)</tr>\s*<tr data-row="3">(.*?)</tr>', body, re.S)
    assert row and "budget" in body and "type" in body
    assert "<!doctype html>" in body  # without script: the whole page

    fragment = admin.post(
        "/ui/campaigns/import",
        {"file": (io.BytesIO(CSV.format(tag=tag + "x").encode()), "c.csv", "text/csv")},
        content_type="multipart/form-data",
        headers={FRAGMENT_HEADER: "import-report"},
    )
    assert "<!doctype html>" not in text(fragment) and 'id="rejected-rows"' in text(fragment)


def test_an_unreadable_or_missing_file_is_refused_beside_the_file_field(admin):
    bad = admin.post(
        "/ui/campaigns/import",
        {"file": (io.BytesIO(b"name,type\nx,email\n"), "c.xlsx")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400 and 'id="file-error"' in text(bad)
    missing = admin.post("/ui/campaigns/import", {}, content_type="multipart/form-data")
    assert missing.status_code == 400 and 'id="file-error"' in text(missing)


def test_export_the_ticked_rows_or_the_filtered_list(admin):
    tag = uuid.uuid4().hex[:6]
    first, _second = new_campaign(admin, f"Expo {tag} A"), new_campaign(admin, f"Expo {tag} B")
    listed = text(admin.get(f"/ui/campaigns?q={tag}"))
    whole = re.search(r'id="export-filtered" href="([^"]+)"', listed).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(whole).query) == {"q": [tag]}
    names = workbook_names(admin, whole)
    assert names == {f"Expo {tag} A", f"Expo {tag} B"}

    ticked = admin.get(f"/ui/campaigns/export?q={tag}&ids={first}")
    assert ticked.status_code == 302
    assert workbook_names(admin, ticked.headers["Location"]) == {f"Expo {tag} A"}

    none_ticked = admin.get(f"/ui/campaigns/export?q={tag}")
    assert none_ticked.headers["Location"].startswith("/ui/campaigns?")
    assert "Tick the rows to export first." in text(admin.get(none_ticked.headers["Location"]))


def workbook_names(admin, url: str) -> set[str]:
    response = admin.client.get(url)
    assert response.status_code == 200, text(response)
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    header, *rows = workbook.active.iter_rows(values_only=True)
    workbook.close()
    return {row[header.index("name")] for row in rows}


def test_a_lead_is_linked_to_a_campaign_found_by_name_and_unlinked(admin):
    tag = uuid.uuid4().hex[:6]
    campaign_id = new_campaign(admin, f"Auto Shanghai {tag}")
    lead_url = admin.post("/ui/leads/new", {"full_name": "Liu Yang"}).headers["Location"]
    found = text(admin.get(f"{lead_url}?campaign_q=Shanghai {tag}"))
    assert 'id="campaign-matches"' in found and f"Auto Shanghai {tag}" in found

    bound = admin.post(f"{lead_url}/campaigns", {"campaign_id": campaign_id})
    assert bound.status_code == 302
    page = text(admin.get(lead_url))
    linked = re.search(r'id="linked-campaigns">(.*?)</ul>', page, re.S).group(1)
    assert f"Auto Shanghai {tag}" in linked
    assert (
        f"Auto Shanghai {tag}"
        not in text(admin.get(f"{lead_url}?campaign_q={tag}")).split('id="campaign-matches"')[1]
    )  # not offered again

    convert = text(admin.get(f"{lead_url}/convert"))
    assert f'<option value="{campaign_id}"' in convert and f"Auto Shanghai {tag}" in convert

    unbound = admin.post(f"{lead_url}/campaigns/{campaign_id}/unbind")
    assert unbound.status_code == 302
    linked = re.search(r'id="linked-campaigns">(.*?)</ul>', text(admin.get(lead_url)), re.S)
    assert f"Auto Shanghai {tag}" not in linked.group(1)

    unknown = admin.post(f"{lead_url}/campaigns", {"campaign_id": str(uuid.uuid4())})
    assert unknown.status_code in (400, 404)
