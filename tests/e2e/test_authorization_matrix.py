"""Who may do what, on the whole stack (ARCHITECTURE.md, "Who may see what"; issue 9, Security).

One table: every REST operation of the OpenAPI document x the five roles (two sales reps) and an
anonymous caller -> the expected status class. An operation the document lists and the table
does not is a failure, so a new route cannot ship without its row. Then object-level checks that
one sales rep never reaches another's records: by id, list, search, report and over gRPC with
the rep's identity metadata.

Rows read `admin manager marketing rep_a rep_b service anonymous`; `2` is any 2xx. The seeded
records are rep A's (lead linked to the marketing user's campaign, customer, contact, deal,
notes), the marketing user's campaign, the service user's ticket, and the follow-ups the
service desk schedules by itself for deals rep A wins (owned by rep A). What an operation
changes or consumes (delete, convert, move, ticket and follow-up transitions, logout) is given
a fresh object per caller, so one caller's success does not decide the next one's answer.

Choices where the design page is silent, kept here so they are visible:
- A list (or export) answers what the caller may see, empty for a role with no part in it
  (service's campaigns and leads, a rep's tickets and surveys): 200, never 403, the same shape
  as for everyone. A single object the caller may not see is 404; so is a batch delete naming
  campaigns the caller may not see. Creating where the role has no part is 403 (nothing
  exists yet to leak).
- An unknown or invisible id in a request *body* (rep B naming rep A's customer for a new
  contact or deal) is a 400 field error, identical to one for an id that does not exist.
- Seeing but not changing is 403 (marketing on a lead linked to a campaign, service on a
  customer or contact, sales on a campaign).
- Managers change, not only reassign, sales records, campaigns and desk records: "reads and
  reassigns everything" is read as a sales manager's usual rights over the team's work.
- The dictionary is read by every logged-in role: the value lists label every screen.
- Reports other than the funnel: admin and manager only (a rep's funnel is their own).
- The public survey endpoint needs no account: an unknown token is 404 for everybody (or 429
  once the address's answer budget is spent).
- Open: a follow-up scheduled by hand with a `deal_id` does not learn the deal's owner (only
  the `sales.deal-closed` consumer records it), so that rep does not see it; the desk cannot
  ask sales, which does not show deals to the service role. Not tested as a rule here.
"""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import grpc
import openpyxl
import pytest
import requests
from e2e.api_client import ApiClient

from crm.sales.v1 import sales_pb2, sales_pb2_grpc

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


@pytest.fixture(scope="module")
def world(stack) -> World:
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
    w.follow_ups = after_sale_follow_ups(w, 15)
    w.ids["follow_up"] = w.follow_ups.pop()
    spare = {"username": f"mx-spare-{uuid.uuid4().hex[:6]}", "password": PASSWORD,
             "roles": ["sales"]}  # fmt: skip
    w.ids["spare_user"] = ok(admin.request("POST", "/api/v1/users", json=spare), 201)["id"]
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


# ---- the table --------------------------------------------------------------------------------

Request = tuple[str, dict]  # concrete path, requests kwargs
Build = Callable[[World, str], Request]


def same(path: str, **kwargs) -> Build:
    """The same request for every caller; `{name}` in the path is a seeded id."""
    return lambda w, caller: (path.format(**w.ids), kwargs)


def fresh(make: Callable[[World], dict[str, str]], path: str, **kwargs) -> Build:
    """A request on objects made anew for each caller (the operation changes or consumes them)."""

    def build(w: World, caller: str) -> Request:
        return path.format(**{**w.ids, **make(w)}), kwargs

    return build


def logout(w: World, caller: str) -> Request:
    """Logging out ends the token it is sent with: a second one, logged in for this row."""
    headers = {}
    if caller != "anonymous":
        login = ApiClient(w.base_url).login(w.usernames[caller], PASSWORD)
        headers["Authorization"] = f"Bearer {ok(login)['access_token']}"
    return "/api/v1/auth/logout", {"headers": headers}


def login(w: World, caller: str) -> Request:
    return "/api/v1/auth/login", {"json": {"username": w.usernames["rep_a"], "password": PASSWORD}}


def new_user(w: World, caller: str) -> Request:
    name = f"mx-new-{uuid.uuid4().hex[:8]}"
    return "/api/v1/users", {"json": {"username": name, "password": PASSWORD, "roles": ["sales"]}}


def import_file(w: World, caller: str) -> Request:
    csv = f"name,type\n{unique('Imported fair')},webinar\n".encode()
    return "/api/v1/campaigns:import", {"files": {"file": ("campaigns.csv", csv, "text/csv")}}


def batch_delete(w: World, caller: str) -> Request:
    return "/api/v1/campaigns:batchDelete", {"json": {"ids": [new_campaign(w)]}}


def fresh_deal_row(w: World) -> dict[str, str]:
    return {"deal": new_deal(w)}


def fresh_ticket(w: World) -> dict[str, str]:
    return {"ticket": new_ticket(w)}


def fresh_note(kind: str) -> Callable[[World], dict[str, str]]:
    return lambda w: {f"{kind}_note": new_note(w, kind)}


def fresh_campaign_note(w: World) -> dict[str, str]:
    path = f"/api/v1/campaigns/{w.ids['campaign']}/notes"
    return {"campaign_note": ok(w.clients["marketing"].request("POST", path, json={"body": "x"}),
                                201)["id"]}  # fmt: skip


NOTE = {"json": {"body": "matrix note"}}
A = "2 2 2 2 2 2 401"  # every logged-in role
ADMIN_ONLY = "2 403 403 403 403 403 401"
READERS_ONLY = "2 2 403 403 403 403 401"  # reports other than the funnel
SALES_READ = "2 2 404 2 404 404 401"  # a rep's deal or lead without campaign: owner + managers
SALES_CHANGE = "2 2 404 2 404 404 401"
LINKED_LEAD_READ = "2 2 2 2 404 404 401"  # marketing reads leads linked to campaigns
LINKED_LEAD_CHANGE = "2 2 403 2 404 404 401"
CUSTOMER_READ = "2 2 404 2 404 2 401"  # service reads customers and contacts
CUSTOMER_CHANGE = "2 2 404 2 404 403 401"
SALES_CREATE = "2 2 403 2 2 403 401"
CAMPAIGN_READ = "2 2 2 2 2 404 401"  # sales reads campaigns to link leads
CAMPAIGN_CHANGE = "2 2 2 403 403 404 401"
CAMPAIGN_CREATE = "2 2 2 403 403 403 401"
DESK_OBJECT = "2 2 404 404 404 2 401"  # tickets
DESK_CREATE = "2 2 403 403 403 2 401"
# a rep sees (and works, as their owner) the follow-ups of their own won deals
FOLLOW_UP = "2 2 404 2 404 2 401"
# no account needed; answers from one address are rate-limited, so 429 is as good as 404
PUBLIC_UNKNOWN_TOKEN = " ".join(["404|429"] * 7)

# fmt: off
# (method, OpenAPI path) -> (expected outcomes, how to build the request)
TABLE: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/healthz"): ("2 2 2 2 2 2 2", same("/healthz")),
    ("GET", "/readyz"): ("2 2 2 2 2 2 2", same("/readyz")),
    ("POST", "/api/v1/auth/login"): ("2 2 2 2 2 2 2", login),
    ("POST", "/api/v1/auth/logout"): (A, logout),
    ("GET", "/api/v1/me"): (A, same("/api/v1/me")),
    ("GET", "/api/v1/users"): (ADMIN_ONLY, same("/api/v1/users")),
    ("POST", "/api/v1/users"): (ADMIN_ONLY, new_user),
    ("GET", "/api/v1/users/{user_id}"): (ADMIN_ONLY, same("/api/v1/users/{spare_user}")),
    ("PATCH", "/api/v1/users/{user_id}"): (
        ADMIN_ONLY, same("/api/v1/users/{spare_user}", json={"display_name": "Spare"})),
    ("GET", "/api/v1/dictionary"): (A, same("/api/v1/dictionary")),
    # marketing
    ("GET", "/api/v1/campaigns"): (A, same("/api/v1/campaigns")),
    ("POST", "/api/v1/campaigns"): (
        CAMPAIGN_CREATE, same("/api/v1/campaigns", json={"name": "Webinar", "type": "webinar"})),
    ("GET", "/api/v1/campaigns/{campaign_id}"): (
        CAMPAIGN_READ, same("/api/v1/campaigns/{campaign}")),
    ("PATCH", "/api/v1/campaigns/{campaign_id}"): (
        CAMPAIGN_CHANGE, same("/api/v1/campaigns/{campaign}", json={"description": "x"})),
    ("DELETE", "/api/v1/campaigns/{campaign_id}"): (
        CAMPAIGN_CHANGE, fresh(lambda w: {"c": new_campaign(w)}, "/api/v1/campaigns/{c}")),
    # ids of campaigns service may not see are as good as unknown: 404, as for one of them
    ("POST", "/api/v1/campaigns:batchDelete"): ("2 2 2 403 403 404 401", batch_delete),
    ("GET", "/api/v1/campaigns/{campaign_id}/notes"): (
        CAMPAIGN_READ, same("/api/v1/campaigns/{campaign}/notes")),
    ("POST", "/api/v1/campaigns/{campaign_id}/notes"): (
        CAMPAIGN_CHANGE, same("/api/v1/campaigns/{campaign}/notes", **NOTE)),
    ("PATCH", "/api/v1/campaigns/{campaign_id}/notes/{note_id}"): (
        CAMPAIGN_CHANGE, same("/api/v1/campaigns/{campaign}/notes/{campaign_note}", **NOTE)),
    ("DELETE", "/api/v1/campaigns/{campaign_id}/notes/{note_id}"): (
        CAMPAIGN_CHANGE,
        fresh(fresh_campaign_note, "/api/v1/campaigns/{campaign}/notes/{campaign_note}")),
    ("POST", "/api/v1/campaigns:import"): (CAMPAIGN_CREATE, import_file),
    # Export writes what the caller may read: sales the campaigns, service only the header.
    ("GET", "/api/v1/campaigns:export"): (A, same("/api/v1/campaigns:export?ids={campaign}")),
    # service desk
    ("GET", "/api/v1/follow-ups"): (A, same("/api/v1/follow-ups")),
    ("POST", "/api/v1/follow-ups"): (DESK_CREATE, same(
        "/api/v1/follow-ups", json={"customer_id": "{customer}", "subject": "Visit",
                                    "due_at": "2031-01-01T09:00:00Z"})),
    ("GET", "/api/v1/follow-ups/{follow_up_id}"): (
        FOLLOW_UP, same("/api/v1/follow-ups/{follow_up}")),
    ("PATCH", "/api/v1/follow-ups/{follow_up_id}"): (
        FOLLOW_UP, same("/api/v1/follow-ups/{follow_up}", json={"subject": "Visit 2"})),
    ("POST", "/api/v1/follow-ups/{follow_up_id}:complete"): (
        FOLLOW_UP, fresh(next_follow_up, "/api/v1/follow-ups/{follow_up}:complete",
                                json={"outcome": "fine"})),
    ("POST", "/api/v1/follow-ups/{follow_up_id}:cancel"): (
        FOLLOW_UP, fresh(next_follow_up, "/api/v1/follow-ups/{follow_up}:cancel")),
    ("GET", "/api/v1/tickets"): (A, same("/api/v1/tickets")),
    ("POST", "/api/v1/tickets"): (DESK_CREATE, same(
        "/api/v1/tickets", json={"customer_id": "{customer}", "subject": "Noise",
                                 "category": "repair"})),
    ("GET", "/api/v1/tickets/{ticket_id}"): (DESK_OBJECT, same("/api/v1/tickets/{ticket}")),
    ("PATCH", "/api/v1/tickets/{ticket_id}"): (
        DESK_OBJECT, same("/api/v1/tickets/{ticket}", json={"subject": "Loud noise"})),
    ("POST", "/api/v1/tickets/{ticket_id}:{action}"): (
        DESK_OBJECT, fresh(fresh_ticket, "/api/v1/tickets/{ticket}:accept", json={})),
    ("GET", "/api/v1/tickets/{ticket_id}/comments"): (
        DESK_OBJECT, same("/api/v1/tickets/{ticket}/comments")),
    ("POST", "/api/v1/tickets/{ticket_id}/comments"): (
        DESK_OBJECT, same("/api/v1/tickets/{ticket}/comments", json={"body": "on my way"})),
    ("GET", "/api/v1/tickets/{ticket_id}/history"): (
        DESK_OBJECT, same("/api/v1/tickets/{ticket}/history")),
    ("GET", "/api/v1/surveys"): (A, same("/api/v1/surveys")),
    ("POST", "/api/v1/public/surveys/{token}"): (
        PUBLIC_UNKNOWN_TOKEN, same("/api/v1/public/surveys/no-such-token-0000000000",
                                   json={"score": 5})),
    # sales: the seeded lead is linked to the marketing user's campaign
    ("GET", "/api/v1/leads"): (A, same("/api/v1/leads")),
    ("POST", "/api/v1/leads"): (
        SALES_CREATE, same("/api/v1/leads", json={"full_name": "New Lead", "source": "chat"})),
    ("GET", "/api/v1/leads/{lead_id}"): (LINKED_LEAD_READ, same("/api/v1/leads/{lead}")),
    ("PATCH", "/api/v1/leads/{lead_id}"): (
        LINKED_LEAD_CHANGE, same("/api/v1/leads/{lead}", json={"state": "contacted"})),
    ("DELETE", "/api/v1/leads/{lead_id}"): (
        LINKED_LEAD_CHANGE, fresh(lambda w: {"lead": new_lead(w)}, "/api/v1/leads/{lead}")),
    ("POST", "/api/v1/leads/{lead_id}:convert"): (
        LINKED_LEAD_CHANGE, fresh(lambda w: {"lead": new_lead(w)}, "/api/v1/leads/{lead}:convert",
                                  json={"create_deal": False})),
    ("POST", "/api/v1/leads/{lead_id}/campaigns"): (
        SALES_CHANGE, fresh(lambda w: {"lead": new_lead(w, linked=False)},
                            "/api/v1/leads/{lead}/campaigns",
                            json={"campaign_id": "{campaign}"})),
    ("DELETE", "/api/v1/leads/{lead_id}/campaigns/{campaign_id}"): (
        LINKED_LEAD_CHANGE, fresh(lambda w: {"lead": new_lead(w)},
                                  "/api/v1/leads/{lead}/campaigns/{campaign}")),
    ("GET", "/api/v1/customers"): (A, same("/api/v1/customers")),
    ("POST", "/api/v1/customers"): (
        SALES_CREATE, same("/api/v1/customers", json={"name": "Newco"})),
    ("GET", "/api/v1/customers/{customer_id}"): (
        CUSTOMER_READ, same("/api/v1/customers/{customer}")),
    ("PATCH", "/api/v1/customers/{customer_id}"): (
        CUSTOMER_CHANGE, same("/api/v1/customers/{customer}", json={"industry": "cranes"})),
    ("DELETE", "/api/v1/customers/{customer_id}"): (
        CUSTOMER_CHANGE, fresh(lambda w: {"c": new_customer(w)}, "/api/v1/customers/{c}")),
    ("GET", "/api/v1/customers/{customer_id}/contacts"): (
        CUSTOMER_READ, same("/api/v1/customers/{customer}/contacts")),
    # Service reads the customer, so it may list its deals too: it answers with none it may see.
    ("GET", "/api/v1/customers/{customer_id}/deals"): (
        CUSTOMER_READ, same("/api/v1/customers/{customer}/deals")),
    ("GET", "/api/v1/contacts"): (A, same("/api/v1/contacts")),
    # rep B may create contacts, but not under rep A's customer: to rep B it is an unknown
    # customer_id in the body, the same 400 as for an id that does not exist (checked below).
    ("POST", "/api/v1/contacts"): ("2 2 403 2 400 403 401", same(
        "/api/v1/contacts", json={"customer_id": "{customer}", "full_name": "New Person"})),
    ("GET", "/api/v1/contacts/{contact_id}"): (CUSTOMER_READ, same("/api/v1/contacts/{contact}")),
    ("PATCH", "/api/v1/contacts/{contact_id}"): (
        CUSTOMER_CHANGE, same("/api/v1/contacts/{contact}", json={"job_title": "Buyer"})),
    ("DELETE", "/api/v1/contacts/{contact_id}"): (
        CUSTOMER_CHANGE,
        fresh(lambda w: {"contact": new_contact(w)}, "/api/v1/contacts/{contact}")),
    ("GET", "/api/v1/deals"): (A, same("/api/v1/deals")),
    ("POST", "/api/v1/deals"): ("2 2 403 2 400 403 401", same(
        "/api/v1/deals", json={"name": "New deal", "customer_id": "{customer}"})),
    ("GET", "/api/v1/deals/{deal_id}"): (SALES_READ, same("/api/v1/deals/{deal}")),
    ("PATCH", "/api/v1/deals/{deal_id}"): (
        SALES_CHANGE, same("/api/v1/deals/{deal}", json={"description": "big one"})),
    ("DELETE", "/api/v1/deals/{deal_id}"): (
        SALES_CHANGE, fresh(fresh_deal_row, "/api/v1/deals/{deal}")),
    ("POST", "/api/v1/deals/{deal_id}:move"): (
        SALES_CHANGE, fresh(fresh_deal_row, "/api/v1/deals/{deal}:move",
                            json={"stage": "needs_analysis"})),
    ("GET", "/api/v1/deals/{deal_id}/history"): (SALES_READ, same("/api/v1/deals/{deal}/history")),
    # notes follow their record: read with it, written by those who may change it
    **{
        (method, f"/api/v1/{kind}s/{{subject_id}}/notes{tail}"): (outcome, build)
        for kind, read, change in (
            ("lead", LINKED_LEAD_READ, LINKED_LEAD_CHANGE),
            ("customer", CUSTOMER_READ, CUSTOMER_CHANGE),
            ("contact", CUSTOMER_READ, CUSTOMER_CHANGE),
            ("deal", SALES_READ, SALES_CHANGE),
        )
        for method, tail, outcome, build in (
            ("GET", "", read, same(f"/api/v1/{kind}s/{{{kind}}}/notes")),
            ("POST", "", change, same(f"/api/v1/{kind}s/{{{kind}}}/notes", **NOTE)),
            ("PATCH", "/{note_id}", change,
             same(f"/api/v1/{kind}s/{{{kind}}}/notes/{{{kind}_note}}", **NOTE)),
            ("DELETE", "/{note_id}", change,
             fresh(fresh_note(kind), f"/api/v1/{kind}s/{{{kind}}}/notes/{{{kind}_note}}")),
        )
    },
    # reporting
    ("GET", "/api/v1/reports/funnel"): ("2 2 403 2 2 403 401", same("/api/v1/reports/funnel")),
    ("GET", "/api/v1/reports/leads"): (READERS_ONLY, same("/api/v1/reports/leads")),
    ("GET", "/api/v1/reports/campaigns"): (READERS_ONLY, same("/api/v1/reports/campaigns")),
    ("GET", "/api/v1/reports/sales"): (READERS_ONLY, same("/api/v1/reports/sales")),
    ("GET", "/api/v1/reports/service"): (READERS_ONLY, same("/api/v1/reports/service")),
}
# fmt: on


def status_class(status: int) -> str:
    return "2" if 200 <= status < 300 else str(status)


def fill(value, ids: dict[str, str]):
    """`{name}` placeholders in a JSON body filled with seeded ids."""
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


def test_every_documented_operation_has_a_row(stack):
    spec = ok(requests.get(f"{stack.base_url}/api/v1/openapi.json", timeout=10))
    documented = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }
    missing = sorted(documented - TABLE.keys())
    stale = sorted(TABLE.keys() - documented)
    assert not missing, "operations without a row in TABLE (add them):\n" + "\n".join(
        f"  {m} {p}" for m, p in missing
    )
    assert not stale, "rows for operations the document no longer has:\n" + "\n".join(
        f"  {m} {p}" for m, p in stale
    )


def test_the_authorization_matrix(world):
    mismatches = []
    for (method, documented_path), (expected_row, build) in TABLE.items():
        expected = dict(zip(CALLERS, expected_row.split(), strict=True))
        for caller in CALLERS:
            path, kwargs = build(world, caller)
            if "json" in kwargs:
                kwargs = {**kwargs, "json": fill(kwargs["json"], world.ids)}
            response = world.clients[caller].request(method, path, **kwargs)
            got = status_class(response.status_code)
            if got not in expected[caller].split("|"):
                detail = response.text[:160].replace("\n", " ")
                mismatches.append(
                    f"{method:6} {documented_path:55} {caller:9} expected {expected[caller]:>3}"
                    f" got {response.status_code}  {detail}"
                )
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


# ---- object level: rep B never reaches rep A's records ----------------------------------------

REP_A_RECORDS = ("lead", "lead_unlinked", "customer", "contact", "deal")


def path_of(kind: str) -> str:
    return "leads" if kind.startswith("lead") else f"{kind}s"


def listed_ids(client: ApiClient, path: str) -> set[str]:
    found: set[str] = set()
    token = None
    for _ in range(50):
        params = {"page_size": 100, **({"page_token": token} if token else {})}
        page = ok(client.request("GET", path, params=params))
        found |= {item["id"] for item in page["items"]}
        token = page.get("next_page_token")
        if not token:
            return found
    raise AssertionError(f"{path}: more than 50 pages")


def test_rep_b_never_reaches_rep_a_records_by_id(world):
    rep_b = world.clients["rep_b"]
    for kind in REP_A_RECORDS:
        url = f"/api/v1/{path_of(kind)}/{world.ids[kind]}"
        assert rep_b.request("GET", url).status_code == 404, url
        assert rep_b.request("PATCH", url, json={"description": "mine now"}).status_code == 404
        assert rep_b.request("DELETE", url).status_code == 404, url
        assert rep_b.request("GET", f"{url}/notes").status_code == 404, url
    # ...and they are all still there, unchanged, for rep A
    rep_a = world.clients["rep_a"]
    for kind in REP_A_RECORDS:
        record = ok(rep_a.request("GET", f"/api/v1/{path_of(kind)}/{world.ids[kind]}"))
        assert record.get("description") != "mine now"


def test_rep_b_never_reaches_rep_a_records_by_list_or_search(world):
    rep_a, rep_b = world.clients["rep_a"], world.clients["rep_b"]
    searches = {"lead": "Matrixlead", "customer": "Matrixcustomer", "contact": "Matrixcontact",
                "deal": "Matrixdeal"}  # fmt: skip
    for kind, word in searches.items():
        path = f"/api/v1/{path_of(kind)}"
        mine = world.ids[kind]
        assert mine in listed_ids(rep_a, path), f"rep A's own {kind} missing from {path}"
        assert mine not in listed_ids(rep_b, path), f"rep B lists rep A's {kind}"
        found = ok(rep_a.request("GET", path, params={"q": word}))
        assert mine in {i["id"] for i in found["items"]}, f"{kind}: q={word} finds nothing"
        others = ok(rep_b.request("GET", path, params={"q": word}))
        assert mine not in {i["id"] for i in others["items"]}, f"rep B finds rep A's {kind}"
        by_owner = ok(rep_b.request("GET", path, params={"owner_id": world.user_ids["rep_a"]}))
        assert mine not in {i["id"] for i in by_owner["items"]}, f"{kind}: owner_id filter"
    customer_children = (f"/api/v1/customers/{world.ids['customer']}/contacts",
                         f"/api/v1/customers/{world.ids['customer']}/deals")  # fmt: skip
    for path in customer_children:
        assert rep_b.request("GET", path).status_code == 404, path
    # the follow-up on rep A's deal is rep A's to see, not rep B's
    assert world.ids["follow_up"] not in listed_ids(rep_b, "/api/v1/follow-ups")
    assert world.ids["follow_up"] in listed_ids(rep_a, "/api/v1/follow-ups")


def test_marketing_sees_only_campaign_linked_leads(world):
    marketing = world.clients["marketing"]
    listed = listed_ids(marketing, "/api/v1/leads")
    assert world.ids["lead"] in listed and world.ids["lead_unlinked"] not in listed
    url = f"/api/v1/leads/{world.ids['lead_unlinked']}"
    assert marketing.request("GET", url).status_code == 404


def test_reports_a_reps_funnel_is_their_own(world):
    rep_a, rep_b = world.clients["rep_a"], world.clients["rep_b"]

    def deals_in(client: ApiClient, query: str = "") -> int:
        report = ok(client.request("GET", f"/api/v1/reports/funnel{query}"))
        return sum(stage["count"] for stage in report["stages"])

    deadline = time.monotonic() + 30
    while deals_in(rep_a) == 0:  # reporting is eventually consistent
        assert time.monotonic() < deadline, "rep A's deals never reached the funnel"
        time.sleep(0.5)
    assert deals_in(rep_b) == 0
    assert rep_b.request("GET", "/api/v1/reports/funnel?format=csv").status_code == 200
    refused = rep_b.request("GET", f"/api/v1/reports/funnel?owner_id={world.user_ids['rep_a']}")
    assert refused.status_code == 403
    for name in ("leads", "campaigns", "sales", "service"):
        assert rep_b.request("GET", f"/api/v1/reports/{name}?format=csv").status_code == 403


def test_rep_b_never_reaches_rep_a_records_over_grpc(stack, world):
    def metadata(caller: str) -> tuple[tuple[str, str], ...]:
        return (("x-crm-user-id", world.user_ids[caller]), ("x-crm-roles", ROLE_OF[caller]))

    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['sales']}") as channel:
        sales = sales_pb2_grpc.SalesServiceStub(channel)
        lookups = (("GetLead", "lead"), ("GetLead", "lead_unlinked"),
                   ("GetCustomer", "customer"), ("GetContact", "contact"),
                   ("GetDeal", "deal"), ("ListDealHistory", "deal"))  # fmt: skip
        for method, kind in lookups:
            request = sales_pb2.GetRequest(id=world.ids[kind])
            got = getattr(sales, method)(request, metadata=metadata("rep_a"), timeout=5)
            assert got is not None
            with pytest.raises(grpc.RpcError) as refused:
                getattr(sales, method)(request, metadata=metadata("rep_b"), timeout=5)
            assert refused.value.code() == grpc.StatusCode.NOT_FOUND, (method, kind)
        for method in ("UpdateLead", "DeleteLead"):
            request = (
                sales_pb2.UpdateLeadRequest(id=world.ids["lead"])
                if method == "UpdateLead"
                else sales_pb2.GetRequest(id=world.ids["lead"])
            )
            with pytest.raises(grpc.RpcError) as refused:
                getattr(sales, method)(request, metadata=metadata("rep_b"), timeout=5)
            assert refused.value.code() == grpc.StatusCode.NOT_FOUND, method
        lists = (("ListLeads", sales_pb2.ListLeadsRequest, "lead"),
                 ("ListCustomers", sales_pb2.ListCustomersRequest, "customer"),
                 ("ListContacts", sales_pb2.ListContactsRequest, "contact"),
                 ("ListDeals", sales_pb2.ListDealsRequest, "deal"))  # fmt: skip
        for method, message, kind in lists:
            request = message(page_size=100, owner_id=world.user_ids["rep_a"])
            own = getattr(sales, method)(request, metadata=metadata("rep_a"), timeout=5)
            assert world.ids[kind] in {item.id for item in own.items}, method
            other = getattr(sales, method)(request, metadata=metadata("rep_b"), timeout=5)
            assert world.ids[kind] not in {item.id for item in other.items}, method
        # no identity at all: refused outright
        with pytest.raises(grpc.RpcError) as anonymous:
            sales.GetLead(sales_pb2.GetRequest(id=world.ids["lead"]), timeout=5)
        assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_naming_rep_a_customer_tells_rep_b_nothing_more_than_an_unknown_id(world):
    rep_b = world.clients["rep_b"]
    unknown = str(uuid.uuid4())
    for path, body in (("/api/v1/contacts", {"full_name": "Nosy Parker"}),
                       ("/api/v1/deals", {"name": "Nosy deal"})):  # fmt: skip
        theirs = rep_b.request("POST", path, json={**body, "customer_id": world.ids["customer"]})
        nobody = rep_b.request("POST", path, json={**body, "customer_id": unknown})
        assert theirs.status_code == nobody.status_code == 400, (theirs.text, nobody.text)
        assert theirs.text.replace(world.ids["customer"], unknown) == nobody.text


def test_an_export_holds_only_what_the_caller_may_read(world):
    url = f"/api/v1/campaigns:export?ids={world.ids['campaign']}"
    for caller, rows in (("marketing", 2), ("rep_b", 2), ("service", 1)):
        response = world.clients[caller].request("GET", url)
        assert response.status_code == 200, (caller, response.text[:300])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row == rows, (caller, sheet.max_row)
