"""The list pages over the real services: filters, page size and position kept in the URL,
previous and next, saved views, bulk actions on the rows ticked and on all matching (run as a
job whose page and REST resource show the progress and the refusals), and exports."""

from __future__ import annotations

import csv
import html
import io
import re
import time
import uuid
import zipfile


def text(response) -> str:
    return response.get_data(as_text=True)


def hrefs(page: str, rel: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(rf'<a rel="{rel}" href="([^"]+)"', page)]


def leads(admin, company: str, count: int) -> list[str]:
    return [
        admin.api("POST", "/api/v1/leads", full_name=f"Lead {n:02d}", company=company)["id"]
        for n in range(count)
    ]


def wait_for(admin, job_url: str) -> dict:
    until = time.monotonic() + 60
    while True:
        job = admin.client.get(job_url).get_json()
        if job["state"] != "running" or time.monotonic() > until:
            return job
        time.sleep(0.1)


def test_a_lead_list_pages_forward_and_back_with_its_filters_and_position(admin):
    company = f"Paging {uuid.uuid4().hex[:6]}"
    leads(admin, company, 45)
    first = text(admin.get(f"/ui/leads?q={company}&page_size=20"))
    assert "1\u201320 of 45" in first and "Page 1 of 3" in first
    assert 'rel="prev"' not in first
    second = text(admin.get(hrefs(first, "next")[0]))
    assert "21\u201340 of 45" in second and "Page 2 of 3" in second
    third = text(admin.get(hrefs(second, "next")[0]))
    assert "41\u201345 of 45" in third and not hrefs(third, "next")
    back = text(admin.get(hrefs(third, "prev")[0]))
    assert "21\u201340 of 45" in back
    rows = re.findall(r'<tr data-id="([^"]+)"', back)
    assert rows == re.findall(r'<tr data-id="([^"]+)"', second)
    again = text(admin.get(hrefs(back, "prev")[0]))
    assert "1\u201320 of 45" in again and f'value="{company}"' in again


def test_a_bad_filter_is_shown_beside_its_field_and_the_list_is_empty(admin):
    refused = admin.get("/ui/leads?created_from=not-a-day")
    assert refused.status_code == 400
    assert 'data-error-for="created_from"' in text(refused)


def test_a_saved_view_reopens_the_list_with_its_filters_and_columns(admin):
    company = f"Viewed {uuid.uuid4().hex[:6]}"
    leads(admin, company, 2)
    admin.get(f"/ui/leads?q={company}&hide=source")
    saved = admin.post(
        "/ui/lists/leads/views",
        {"name": f"Mine {company}", "f.q": company, "columns": ["full_name", "company"]},
    )
    assert saved.status_code == 302
    reopened = text(admin.get(saved.headers["Location"]))
    assert f'value="{company}"' in reopened and reopened.count("<tr data-id=") == 2
    assert f"Mine {company}" in reopened
    assert ">Source<" not in reopened.split("<tbody>")[0].split("<thead>")[1]
    views = admin.api("GET", "/api/v1/saved-views?kind=leads")["items"]
    assert [v["filters"] for v in views if v["name"] == f"Mine {company}"] == [{"q": company}]


def test_all_matching_leads_are_reassigned_in_the_background_each_through_sales(admin, make_user):
    company = f"Bulk {uuid.uuid4().hex[:6]}"
    ids = leads(admin, company, 30)
    rep = make_user("sales")
    rep_id = next(
        u["id"]
        for u in admin.api("GET", "/api/v1/users?page_size=200")["items"]
        if u["username"] == rep
    )
    admin.get(f"/ui/leads?q={company}")
    started = admin.post(
        "/ui/lists/leads/bulk",
        {"scope": "all", "f.q": company, "action": f"reassign:{rep_id}", "next": "/ui/leads"},
    )
    assert started.status_code == 302, text(started)
    job_page = started.headers["Location"]
    assert "/ui/bulk-jobs/" in job_page
    job_id = job_page.split("/ui/bulk-jobs/")[1].split("?")[0]
    job = wait_for(admin, f"/api/v1/bulk-jobs/{job_id}")
    assert (job["state"], job["total"], job["changed"], job["refused"]) == ("finished", 30, 30, 0)
    owners = {admin.api("GET", f"/api/v1/leads/{i}")["owner_id"] for i in ids}
    assert owners == {rep_id}
    shown = text(admin.get(job_page))
    assert "Finished." in shown and "30" in shown


def test_a_bulk_delete_asks_first_and_counts_what_the_service_refused(admin):
    company = f"Doomed {uuid.uuid4().hex[:6]}"
    ids = leads(admin, company, 3)
    admin.api("POST", f"/api/v1/leads/{ids[0]}:convert")
    form = {"scope": "selected", "ids": ids, "action": "delete:", "next": "/ui/leads"}
    asked = admin.post("/ui/lists/leads/bulk", form)
    assert asked.status_code == 200 and "Delete 3 records" in text(asked)
    started = admin.post("/ui/lists/leads/bulk", {**form, "confirmed": "yes"})
    job_id = started.headers["Location"].split("/ui/bulk-jobs/")[1].split("?")[0]
    job = wait_for(admin, f"/api/v1/bulk-jobs/{job_id}")
    assert (job["changed"], job["refused"]) == (2, 1)
    assert job["refusals"][0]["id"] == ids[0] and job["refusals"][0]["reason"]
    assert ids[0] in text(admin.get(f"/ui/bulk-jobs/{job_id}"))


def test_no_row_ticked_is_refused_with_a_reason(admin):
    admin.get("/ui/leads")
    refused = admin.post("/ui/lists/leads/bulk", {"scope": "selected", "action": "delete:"})
    assert refused.status_code == 400 and "Tick at least one row" in text(refused)


def test_the_rows_ticked_or_all_matching_export_as_csv_and_xlsx(admin):
    company = f"Export {uuid.uuid4().hex[:6]}"
    ids = leads(admin, company, 3)
    admin.get("/ui/leads")
    ticked = admin.post("/ui/lists/leads/export?format=csv", {"scope": "selected", "ids": ids[:2]})
    assert ticked.status_code == 200 and ticked.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(ticked.get_data().decode("utf-8-sig"))))
    assert rows[0][0] == "Name" and len(rows) == 3
    every = admin.post(
        "/ui/lists/leads/export?format=xlsx", {"scope": "all", "f.q": company, "hide": "source"}
    )
    with zipfile.ZipFile(io.BytesIO(every.get_data())) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<row ") == 4 and company in sheet and "Source" not in sheet


def test_the_bulk_bar_starts_on_no_action_and_applying_none_is_refused(admin):
    page = text(admin.get("/ui/leads"))
    bar = page.split('id="bulk-action"')[1].split("</select>")[0]
    assert re.search(r'<option value="">[^<]+</option>', bar.split("<optgroup")[0])
    lead_id = leads(admin, f"Idle {uuid.uuid4().hex[:6]}", 1)[0]
    refused = admin.post("/ui/lists/leads/bulk", {"scope": "selected", "ids": [lead_id]})
    assert refused.status_code == 400 and "leads take these actions" in text(refused)
