"""Campaigns through the gateway on the running stack: CRUD, lists, notes, import, export, who
may see them, and the lead counts kept from sales' events."""

from __future__ import annotations

import io
import uuid

import pytest
from e2e.api_client import ApiClient
from openpyxl import load_workbook
from tenacity import retry, stop_after_delay, wait_fixed


def ok(response, status: int = 200):
    assert response.status_code == status, response.text
    return response.json() if response.content else None


@pytest.fixture(scope="module")
def users(stack) -> dict[str, ApiClient]:
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    clients = {}
    for role in ("marketing", "sales", "service"):
        username = f"{role}-{uuid.uuid4().hex[:8]}"
        ok(
            admin.request(
                "POST",
                "/api/v1/users",
                json={"username": username, "password": "password-123", "roles": [role]},
            ),
            201,
        )
        clients[role] = ApiClient(stack.base_url).logged_in(username, "password-123")
    return clients


def test_create_list_update_notes_delete(users) -> None:
    marketer, tag = users["marketing"], uuid.uuid4().hex[:8]
    created = marketer.request(
        "POST",
        "/api/v1/campaigns",
        json={"name": f"Expo {tag}", "type": "trade_show", "start_date": "2026-04-01",
              "budget": "12500", "currency": "EUR"},
    )  # fmt: skip
    expo = ok(created, 201)
    assert created.headers["Location"].endswith(f"/api/v1/campaigns/{expo['id']}")
    assert (expo["budget"], expo["currency"], expo["status"]) == ("12500.00", "EUR", "planned")
    assert (expo["leads"], expo["converted"]) == (0, 0)
    for name in ("Mailing", "Webinar"):
        ok(marketer.request("POST", "/api/v1/campaigns", json={"name": f"{name} {tag}",
                                                                "type": "email"}), 201)  # fmt: skip

    first = ok(marketer.request("GET", f"/api/v1/campaigns?q={tag}&page_size=2"))
    second = ok(
        marketer.request(
            "GET", f"/api/v1/campaigns?q={tag}&page_size=2&page_token={first['next_page_token']}"
        )
    )
    assert (first["total"], len(first["items"]), len(second["items"])) == (3, 2, 1)
    assert second["next_page_token"] is None
    assert [c["name"] for c in first["items"] + second["items"]] == [
        f"Webinar {tag}", f"Mailing {tag}", f"Expo {tag}",
    ]  # fmt: skip
    dated = ok(marketer.request("GET", f"/api/v1/campaigns?q={tag}&start_after=2026-03-01"))
    assert [c["id"] for c in dated["items"]] == [expo["id"]]

    patched = ok(
        marketer.request(
            "PATCH", f"/api/v1/campaigns/{expo['id']}", json={"status": "active", "budget": None}
        )
    )
    assert (patched["status"], patched["budget"], patched["name"]) == ("active", None, expo["name"])
    refused = marketer.request(
        "PATCH", f"/api/v1/campaigns/{expo['id']}", json={"end_date": "2026-01-01"}
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {"field": "end_date", "message": "must be on or after start_date"}
    ]

    notes = f"/api/v1/campaigns/{expo['id']}/notes"
    note = ok(marketer.request("POST", notes, json={"body": "Booth 12"}), 201)
    ok(marketer.request("PATCH", f"{notes}/{note['id']}", json={"body": "Booth 14"}))
    listed = ok(marketer.request("GET", notes))
    assert [(n["body"], n["edited"]) for n in listed["items"]] == [("Booth 14", True)]
    assert marketer.request("DELETE", f"{notes}/{note['id']}").status_code == 204

    ids = [c["id"] for c in first["items"]]
    assert ok(marketer.request("POST", "/api/v1/campaigns:batchDelete", json={"ids": ids})) == {
        "deleted": 2
    }
    assert marketer.request("GET", f"/api/v1/campaigns/{ids[0]}").status_code == 404
    assert marketer.request("DELETE", f"/api/v1/campaigns/{expo['id']}").status_code == 204


def test_import_with_a_bad_row_then_export(users) -> None:
    marketer, tag = users["marketing"], uuid.uuid4().hex[:8]
    csv = (
        "name,type,budget,currency\n"
        f"Fair {tag},trade_show,100.50,EUR\n"
        f"=Bad {tag},billboard,-1,EUR\n"
        f"=cmd {tag},email,,\n"
    )
    report = ok(
        marketer.request(
            "POST", "/api/v1/campaigns:import", files={"file": ("c.csv", csv.encode(), "text/csv")}
        )
    )
    assert report["created"] == 2
    assert [(r["row"], sorted(e["field"] for e in r["errors"])) for r in report["rejected"]] == [
        (3, ["budget", "type"])
    ]

    exported = marketer.request("GET", f"/api/v1/campaigns:export?q={tag}")
    assert exported.status_code == 200
    assert exported.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(exported.content), read_only=True)
    header, *rows = workbook.active.iter_rows(values_only=True)
    workbook.close()
    row_of = {row[header.index("name")]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(row_of) == {f"Fair {tag}", f"'=cmd {tag}"}  # the formula is escaped
    assert row_of[f"Fair {tag}"]["budget"] == 100.5

    fair_id = row_of[f"Fair {tag}"]["id"]
    by_id = marketer.request("GET", f"/api/v1/campaigns:export?ids={fair_id}")
    workbook = load_workbook(io.BytesIO(by_id.content), read_only=True)
    assert [r[0] for r in workbook.active.iter_rows(min_row=2, values_only=True)] == [fair_id]
    workbook.close()

    not_a_workbook = marketer.request(
        "POST", "/api/v1/campaigns:import", files={"file": ("c.xlsx", csv.encode())}
    )
    assert not_a_workbook.status_code == 400
    assert [e["field"] for e in not_a_workbook.json()["errors"]] == ["file"]


def test_who_sees_campaigns(users) -> None:
    campaign = ok(
        users["marketing"].request("POST", "/api/v1/campaigns", json={"name": "Seen",
                                                                       "type": "email"}), 201
    )  # fmt: skip
    path = f"/api/v1/campaigns/{campaign['id']}"

    assert ok(users["sales"].request("GET", path))["id"] == campaign["id"]
    assert users["sales"].request("PATCH", path, json={"name": "x"}).status_code == 403
    assert users["service"].request("GET", path).status_code == 404
    assert ok(users["service"].request("GET", "/api/v1/campaigns"))["total"] == 0
    assert ApiClient(users["sales"].base_url).request("GET", path).status_code == 401


def test_leads_linked_to_a_campaign_are_counted_on_it(users) -> None:
    campaign = ok(
        users["marketing"].request("POST", "/api/v1/campaigns", json={"name": "Counted",
                                                                       "type": "webinar"}), 201
    )  # fmt: skip
    lead = users["sales"].request(
        "POST", "/api/v1/leads", json={"full_name": "Ada", "campaign_ids": [campaign["id"]]}
    )
    if lead.status_code == 404:
        pytest.skip("the sales service does not serve leads in this stack")
    ok(lead, 201)

    @retry(stop=stop_after_delay(60), wait=wait_fixed(0.5), reraise=True)
    def counted() -> None:
        shown = ok(users["marketing"].request("GET", f"/api/v1/campaigns/{campaign['id']}"))
        assert (shown["leads"], shown["converted"]) == (1, 0)

    counted()
