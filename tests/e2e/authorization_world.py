"""The world the authorization matrix runs in: one user per role (two sales reps) and the
records each owns, seeded through the public API."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

import requests
from e2e.api_client import ApiClient

PASSWORD = "matrix-password-1"
CALLERS = ("admin", "manager", "marketing", "rep_a", "rep_b", "service", "anonymous")
ROLE_OF = {
    "admin": "admin",
    "manager": "manager",
    "marketing": "marketing",
    "rep_a": "sales",
    "rep_b": "sales",
    "service": "service",
}


@dataclass
class World:
    base_url: str
    admin: ApiClient
    clients: dict[str, ApiClient]
    user_ids: dict[str, str]
    usernames: dict[str, str]
    ids: dict[str, str] = field(default_factory=dict)
    follow_ups: list[str] = field(default_factory=list)


def ok(response: requests.Response, status: int = 200) -> dict:
    assert response.status_code == status, (
        f"{response.request.method} {response.url}: " + (response.text[:500])
    )
    return response.json() if response.content else {}


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


# ---- the seeded world -------------------------------------------------------------------------


def seed_world(stack) -> World:
    """Users of every role and the records the table and the checks work on."""
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    clients: dict[str, ApiClient] = {"anonymous": ApiClient(stack.base_url)}
    user_ids: dict[str, str] = {}
    usernames: dict[str, str] = {}
    for caller, role in ROLE_OF.items():
        username = f"mx-{caller.replace('_', '')}-{uuid.uuid4().hex[:6]}"
        body = {"username": username, "password": PASSWORD, "roles": [role]}
        user_ids[caller] = ok(admin.request("POST", "/api/v1/users", json=body), 201)["id"]
        usernames[caller] = username
        clients[caller] = ApiClient(stack.base_url).logged_in(username, PASSWORD)
    w = World(stack.base_url, admin, clients, user_ids, usernames)
    rep_a, marketing, service = clients["rep_a"], clients["marketing"], clients["service"]

    w.ids["campaign"] = new_campaign(w)
    w.ids["campaign_note"] = ok(
        marketing.request(
            "POST", f"/api/v1/campaigns/{w.ids['campaign']}/notes", json={"body": "plan"}
        ),
        201,
    )["id"]
    w.ids["lead"] = new_lead(w, name="Quentin Matrixlead")
    w.ids["lead_unlinked"] = new_lead(w, name="Ursula Unlinked", linked=False)
    w.ids["customer"] = new_customer(w, name=unique("Matrixcustomer GmbH"))
    w.ids["contact"] = new_contact(w)
    w.ids["deal"] = new_deal(w, name=unique("Matrixdeal cranes"))
    for kind in ("lead", "customer", "contact", "deal"):
        w.ids[f"{kind}_note"] = new_note(w, kind)
    w.ids["ticket"] = new_ticket(w)
    # one for the seeded id, then one per caller for each of the two rows that consume one
    # (complete, cancel: in REST's table or in gRPC's; each test module seeds its own world)
    w.follow_ups = after_sale_follow_ups(w, 1 + 2 * len(CALLERS))
    w.ids["follow_up"] = w.follow_ups.pop()
    spare = {"username": f"mx-spare-{uuid.uuid4().hex[:6]}", "password": PASSWORD,
             "roles": ["sales"]}  # fmt: skip
    w.ids["spare_user"] = ok(admin.request("POST", "/api/v1/users", json=spare), 201)["id"]
    integration = {"username": f"mx-erp-{uuid.uuid4().hex[:6]}", "password": PASSWORD,
                   "roles": ["integration", "sales"]}  # fmt: skip
    created = admin.request("POST", "/api/v1/users", json=integration)
    w.ids["integration_user"] = ok(created, 201)["id"]
    assert service.request("GET", "/api/v1/me").status_code == 200
    assert rep_a.request("GET", "/api/v1/me").status_code == 200
    return w


def new_campaign(w: World) -> str:
    body = {"name": unique("Matrix fair"), "type": "trade_show"}
    return ok(w.clients["marketing"].request("POST", "/api/v1/campaigns", json=body), 201)["id"]


def new_lead(w: World, *, name: str = "Lena Fresh", linked: bool = True) -> str:
    body: dict = {"full_name": name, "company": unique("Leadco"), "source": "trade_show"}
    if linked:
        body["campaign_ids"] = [w.ids["campaign"]]
    return ok(w.clients["rep_a"].request("POST", "/api/v1/leads", json=body), 201)["id"]


def new_customer(w: World, *, name: str | None = None) -> str:
    body = {"name": name or unique("Freshco")}
    return ok(w.clients["rep_a"].request("POST", "/api/v1/customers", json=body), 201)["id"]


def new_contact(w: World) -> str:
    body = {"customer_id": w.ids["customer"], "full_name": "Conny Matrixcontact"}
    return ok(w.clients["rep_a"].request("POST", "/api/v1/contacts", json=body), 201)["id"]


def new_deal(w: World, *, name: str = "Fresh deal") -> str:
    body = {"name": name, "customer_id": w.ids["customer"], "amount": "1000.00",
            "currency": "EUR"}  # fmt: skip
    return ok(w.clients["rep_a"].request("POST", "/api/v1/deals", json=body), 201)["id"]


def new_note(w: World, kind: str) -> str:
    path = f"/api/v1/{kind}s/{w.ids[kind]}/notes"
    return ok(w.clients["rep_a"].request("POST", path, json={"body": "a note"}), 201)["id"]


def new_ticket(w: World) -> str:
    body = {"customer_id": w.ids["customer"], "subject": "Crane squeaks", "category": "repair"}
    return ok(w.clients["service"].request("POST", "/api/v1/tickets", json=body), 201)["id"]


def after_sale_follow_ups(w: World, count: int) -> list[str]:
    """Follow-ups the service desk schedules by itself for `count` deals rep A wins: theirs to
    see and work (a hand-made follow-up naming a deal does not know the deal's owner)."""
    deals = [new_deal(w, name=unique("Won deal")) for _ in range(count)]
    for deal in deals:
        move = {"stage": "closed_won"}
        ok(w.clients["rep_a"].request("POST", f"/api/v1/deals/{deal}:move", json=move))
    deadline = time.monotonic() + 30
    while True:
        found = {}
        token = None
        while True:
            params = {"page_size": 100, **({"page_token": token} if token else {})}
            page = ok(w.clients["service"].request("GET", "/api/v1/follow-ups", params=params))
            found |= {f["deal_id"]: f["id"] for f in page["items"] if f.get("deal_id")}
            if not (token := page.get("next_page_token")):
                break
        if all(deal in found for deal in deals):
            return [found[deal] for deal in deals]
        assert time.monotonic() < deadline, "won deals' follow-ups not scheduled within 30 s"
        time.sleep(0.5)


def next_follow_up(w: World) -> dict[str, str]:
    return {"follow_up": w.follow_ups.pop()}
