"""Reports through the gateway on the whole stack: a rep's deal created and moved shows in the
funnel within seconds (the rep's own, and the manager's for that owner), with `as_of`; the
funnel downloads as CSV; reports other than the funnel are refused to a sales rep."""

from __future__ import annotations

import csv
import io
import time
import uuid

import pytest
from e2e.api_client import ApiClient
from tenacity import retry, stop_after_delay, wait_fixed

PASSWORD = "report-password-123"


def user(admin: ApiClient, stack, roles: list[str]) -> tuple[ApiClient, str]:
    username = f"rpt-{uuid.uuid4().hex[:8]}"
    created = admin.request(
        "POST", "/api/v1/users", json={"username": username, "password": PASSWORD, "roles": roles}
    )
    assert created.status_code == 201, created.text
    return ApiClient(stack.base_url).logged_in(username, PASSWORD), created.json()["id"]


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


@pytest.fixture(scope="module")
def people(stack):
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    rep, rep_id = user(admin, stack, ["sales"])
    manager, _ = user(admin, stack, ["manager"])
    return rep, rep_id, manager


def stages_of(report: dict) -> dict[str, dict]:
    return {row["stage"]: row for row in report["stages"] if row["currency"] == "EUR"}


def test_a_moved_deal_shows_in_the_funnel_within_seconds(people):
    rep, rep_id, manager = people
    customer = ok(
        rep.request("POST", "/api/v1/customers", json={"name": f"Acme {uuid.uuid4()}"}), 201
    )
    body = {"name": "Forklifts", "customer_id": customer["id"], "amount": "1250.50",
            "currency": "EUR"}  # fmt: skip
    deal = ok(rep.request("POST", "/api/v1/deals", json=body), 201)
    ok(rep.request("POST", f"/api/v1/deals/{deal['id']}:move", json={"stage": "proposal"}))
    moved = time.monotonic()

    @retry(stop=stop_after_delay(30), wait=wait_fixed(0.2), reraise=True)
    def funnel_shows_it(client: ApiClient, query: str) -> dict:
        report = ok(client.request("GET", f"/api/v1/reports/funnel{query}"))
        proposal = stages_of(report)["proposal"]
        assert (proposal["count"], proposal["amount"]) == (1, "1250.50"), report
        return report

    own = funnel_shows_it(rep, "")
    delay = time.monotonic() - moved
    assert own["as_of"] is not None
    assert stages_of(own)["qualification"]["conversion_to_next"] == 1.0
    print(f"event-to-report delay through the gateway: {delay:.2f}s")
    managers = funnel_shows_it(manager, f"?owner_id={rep_id}")
    assert managers["as_of"] >= own["as_of"]

    download = rep.request("GET", "/api/v1/reports/funnel?format=csv")
    assert download.status_code == 200, download.text
    assert download.headers["Content-Type"].startswith("text/csv")
    assert download.headers["X-Report-As-Of"]
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    proposal = next(r for r in rows if (r["stage"], r["currency"]) == ("proposal", "EUR"))
    assert (proposal["count"], proposal["amount"]) == ("1", "1250.50")


def test_reports_are_for_managers_and_the_funnel_is_a_reps_own(people):
    rep, _, manager = people
    assert rep.request("GET", "/api/v1/reports/sales").status_code == 403
    assert rep.request("GET", "/api/v1/reports/funnel?owner_id=someone-else").status_code == 403
    for path in ("leads", "campaigns", "sales?period=week", "service"):
        report = ok(manager.request("GET", f"/api/v1/reports/{path}"))
        assert "as_of" in report
    xlsx = manager.request("GET", "/api/v1/reports/campaigns?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
