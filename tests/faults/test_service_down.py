"""While the sales service is down (kill -9), the gateway answers 503 problem+json quickly,
stays ready (/readyz 200: the other services keep working through it), the admin's status names
sales as unreachable, and everything comes back by itself once sales restarts."""

from __future__ import annotations

import time
import uuid

import requests
from e2e.api_client import ApiClient
from e2e.stack import assert_all_parts_up
from faults.helpers import new_user, ok
from tenacity import retry, stop_after_delay, wait_fixed

# A bound that shows no request waits out the gRPC deadline (5 s by default) twice or hangs;
# not a performance claim.
QUICK = 6.0
SALES = ("crm-sales", "serve")


def timed(call) -> tuple[requests.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_the_gateway_answers_503_quickly_while_sales_is_down_and_recovers(stack):
    rep, _ = new_user(stack.base_url, stack.stack.admin_password, ["sales"])
    lead = ok(rep.request("POST", "/api/v1/leads", json={"full_name": "Before the crash"}), 201)

    crashed = stack.kill9(*SALES)
    down_calls = {
        "list leads": lambda: rep.request("GET", "/api/v1/leads"),
        "read a lead": lambda: rep.request("GET", f"/api/v1/leads/{lead['id']}"),
        "create a lead": lambda: rep.request("POST", "/api/v1/leads", json={"full_name": "X"}),
        "convert": lambda: rep.request(
            "POST", f"/api/v1/leads/{lead['id']}:convert", json={"create_deal": False}
        ),
        "list deals": lambda: rep.request("GET", "/api/v1/deals"),
    }
    for _round in range(3):
        for name, call in down_calls.items():
            response, took = timed(call)
            assert response.status_code == 503, (name, response.status_code, response.text)
            assert response.headers["Content-Type"] == "application/problem+json", name
            assert response.json()["status"] == 503, name
            assert took < QUICK, f"{name} took {took:.1f}s while sales was down"

    readyz, took = timed(lambda: requests.get(f"{stack.base_url}/readyz", timeout=10))
    assert readyz.status_code == 200 and took < QUICK, (readyz.text, took)
    admin = ApiClient(stack.base_url).logged_in("admin", stack.stack.admin_password)

    # The gateway keeps the parts' states for a few seconds, so a page does not pay a health
    # round trip each time: the status says so within that.
    @retry(stop=stop_after_delay(15), wait=wait_fixed(0.5), reraise=True)
    def degraded() -> requests.Response:
        status, took = timed(lambda: admin.request("GET", "/api/v1/status"))
        assert status.status_code == 200 and took < QUICK, (status.text, took)
        assert (status.json()["status"], status.json()["down"]) == ("degraded", ["sales"])
        return status

    status = degraded()
    checks = status.json()["checks"]
    assert checks["sales"] == "unreachable", checks
    assert {name: state for name, state in checks.items() if name != "sales"} == {
        "database": "ok", "marketing": "SERVING", "service-desk": "SERVING",
        "reporting": "SERVING", "kafka": "reachable",
    }  # fmt: skip
    # Another service's work goes on through the same gateway while sales is down.
    assert admin.request("GET", "/api/v1/campaigns").status_code == 200
    # The rest of the gateway is not held up by sales: logging in still works.
    assert new_user(stack.base_url, stack.stack.admin_password, ["sales"])

    restarted_at = time.monotonic()
    crashed.restart()

    @retry(stop=stop_after_delay(60), wait=wait_fixed(0.25), reraise=True)
    def recovered() -> None:
        assert_all_parts_up(stack.base_url, stack.stack.admin_password)
        # Every gateway worker has its own channel: ask a few times so that all reconnect.
        for _ in range(4):
            assert rep.request("GET", "/api/v1/leads").status_code == 200

    recovered()
    print(f"recovered {time.monotonic() - restarted_at:.1f}s after the restart")
    converted = ok(
        rep.request("POST", f"/api/v1/leads/{lead['id']}:convert", json={"create_deal": False})
    )
    assert converted["customer_id"] and converted["contact_id"]
    name = f"After the restart {uuid.uuid4().hex[:6]}"
    assert ok(rep.request("POST", "/api/v1/leads", json={"full_name": name}), 201)
