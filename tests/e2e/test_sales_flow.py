"""Sales through the gateway on the whole stack: leads, visibility, conversion, a deal won."""

from __future__ import annotations

import uuid

import pytest
from e2e.api_client import ApiClient

PASSWORD = "rep-password-123"
STAGES = ["needs_analysis", "value_proposition", "decision_makers", "proposal", "negotiation",
          "closed_won"]  # fmt: skip


def sales_rep(stack, admin: ApiClient) -> ApiClient:
    username = f"rep-{uuid.uuid4().hex[:8]}"
    created = admin.request(
        "POST",
        "/api/v1/users",
        json={"username": username, "password": PASSWORD, "roles": ["sales"]},
    )
    assert created.status_code == 201, created.text
    return ApiClient(stack.base_url).logged_in(username, PASSWORD)


@pytest.fixture(scope="module")
def reps(stack) -> tuple[ApiClient, ApiClient]:
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    return sales_rep(stack, admin), sales_rep(stack, admin)


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


def test_a_lead_converted_to_a_deal_that_is_won(reps):
    rep, other_rep = reps
    company = f"Société Générale d'Équipement {uuid.uuid4().hex[:6]}"
    created = rep.request(
        "POST",
        "/api/v1/leads",
        json={"full_name": "Zoë Ärger", "company": company, "source": "trade_show",
              "email": "zoe@example.com", "next_contact_at": "2026-05-01T09:00:00+02:00"},
    )  # fmt: skip
    lead = ok(created, 201)
    assert created.headers["Location"].endswith(f"/api/v1/leads/{lead['id']}")
    assert (lead["state"], lead["next_contact_at"]) == ("not_contacted", "2026-05-01T07:00:00Z")
    note = ok(
        rep.request("POST", f"/api/v1/leads/{lead['id']}/notes", json={"body": "Met at the fair"}),
        201,
    )
    notes = ok(rep.request("GET", f"/api/v1/leads/{lead['id']}/notes"))
    assert [n["id"] for n in notes["items"]] == [note["id"]] and notes["total"] == 1

    patched = ok(rep.request("PATCH", f"/api/v1/leads/{lead['id']}", json={"state": "contacted"}))
    assert (patched["state"], patched["email"]) == ("contacted", "zoe@example.com")
    bad = rep.request("PATCH", f"/api/v1/leads/{lead['id']}", json={"source": "carrier_pigeon"})
    assert bad.status_code == 400 and [e["field"] for e in bad.json()["errors"]] == ["source"]

    assert other_rep.request("GET", f"/api/v1/leads/{lead['id']}").status_code == 404
    assert (
        other_rep.request(
            "PATCH", f"/api/v1/leads/{lead['id']}", json={"state": "lost"}
        ).status_code
        == 404
    )

    conversion = {
        "create_deal": True,
        "deal": {"name": "Cranes", "amount": "12500.00", "currency": "EUR"},
    }
    converted = ok(rep.request("POST", f"/api/v1/leads/{lead['id']}:convert", json=conversion))
    assert converted["deal_id"] and converted["customer_id"] and converted["contact_id"]
    again = rep.request("POST", f"/api/v1/leads/{lead['id']}:convert", json=conversion)
    assert again.status_code == 409 and again.headers["Content-Type"] == "application/problem+json"
    assert (
        rep.request("PATCH", f"/api/v1/leads/{lead['id']}", json={"state": "lost"}).status_code
        == 409
    )

    customer_notes = ok(rep.request("GET", f"/api/v1/customers/{converted['customer_id']}/notes"))
    assert [n["body"] for n in customer_notes["items"]] == ["Met at the fair"]
    contacts = ok(rep.request("GET", f"/api/v1/customers/{converted['customer_id']}/contacts"))
    assert [c["id"] for c in contacts["items"]] == [converted["contact_id"]]

    deal_path = f"/api/v1/deals/{converted['deal_id']}"
    deal = ok(rep.request("GET", deal_path))
    assert (deal["stage"], deal["probability"], deal["amount"], deal["currency"]) == (
        "qualification", 10, "12500.00", "EUR")  # fmt: skip
    for stage in STAGES:
        deal = ok(rep.request("POST", f"{deal_path}:move", json={"stage": stage}))
    assert (deal["stage"], deal["probability"]) == ("closed_won", 100) and deal["closed_at"]
    late = rep.request("POST", f"{deal_path}:move", json={"stage": "negotiation"})
    assert late.status_code == 422

    history = ok(rep.request("GET", f"{deal_path}/history"))["items"]
    assert [h["stage"] for h in history] == ["qualification", *STAGES]
    assert {(h["amount"], h["currency"]) for h in history} == {("12500.00", "EUR")}
    assert all(h["changed_by"] == history[0]["changed_by"] and h["changed_at"] for h in history)
    assert other_rep.request("GET", f"{deal_path}/history").status_code == 404

    found = ok(
        rep.request("GET", "/api/v1/customers", params={"q": "societe generale D'EQUIPEMENT"})
    )
    assert converted["customer_id"] in [c["id"] for c in found["items"]]
    assert ok(other_rep.request("GET", "/api/v1/customers", params={"q": "societe"}))["total"] == 0


def test_lists_and_errors_keep_to_the_contract(reps):
    rep, _ = reps
    for path in ["/api/v1/leads", "/api/v1/customers", "/api/v1/contacts", "/api/v1/deals"]:
        body = ok(rep.request("GET", path, params={"page_size": 1}))
        assert set(body) == {"items", "next_page_token", "total"}
    unknown = rep.request(
        "POST", "/api/v1/leads", json={"full_name": "A", "campaign_ids": ["nope"]}
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [
        {"field": "campaign_ids", "message": "unknown campaign: nope"}
    ]
    lead = ok(rep.request("POST", "/api/v1/leads", json={"full_name": "Short-lived"}), 201)
    assert rep.request("DELETE", f"/api/v1/leads/{lead['id']}").status_code == 204
    assert rep.request("GET", f"/api/v1/leads/{lead['id']}").status_code == 404
    assert ApiClient(rep.base_url).request("GET", "/api/v1/leads").status_code == 401
