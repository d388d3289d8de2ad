"""The authorization matrix: every REST operation x caller -> the expected status class.

Rows read `admin manager marketing rep_a rep_b service anonymous`; `2` is any 2xx. Why each
row says what it says is in test_authorization_matrix.py's docstring."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from e2e.api_client import ApiClient
from e2e.authorization_activities import DUE, rep_a_call, rep_a_done_task, rep_a_task
from e2e.authorization_lists import a_saved_view, rep_a_bulk_job, rep_a_saved_view
from e2e.authorization_world import (
    PASSWORD,
    World,
    new_campaign,
    new_contact,
    new_customer,
    new_deal,
    new_lead,
    new_note,
    new_ticket,
    next_follow_up,
    ok,
    unique,
)

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


def fresh_api_token(w: World) -> dict[str, str]:
    path = f"/api/v1/users/{w.ids['integration_user']}/api-tokens"
    return {"api_token": ok(w.admin.request("POST", path, json={"name": "mx"}), 201)["id"]}


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
REP_A_OWN = "404 404 404 2 404 404 401"  # one's own views and jobs: nobody else's, admins' neither
NOBODYS = "404 404 404 404 404 404 401"

# fmt: off
# (method, OpenAPI path) -> (expected outcomes, how to build the request)
TABLE: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/healthz"): ("2 2 2 2 2 2 2", same("/healthz")),
    ("GET", "/readyz"): ("2 2 2 2 2 2 2", same("/readyz")),
    ("POST", "/api/v1/auth/login"): ("2 2 2 2 2 2 2", login),
    ("POST", "/api/v1/auth/logout"): (A, logout),
    ("GET", "/api/v1/me"): (A, same("/api/v1/me")),
    ("GET", "/api/v1/status"): (ADMIN_ONLY, same("/api/v1/status")),
    ("GET", "/api/v1/users"): (ADMIN_ONLY, same("/api/v1/users")),
    ("POST", "/api/v1/users"): (ADMIN_ONLY, new_user),
    ("GET", "/api/v1/users/{user_id}"): (ADMIN_ONLY, same("/api/v1/users/{spare_user}")),
    ("PATCH", "/api/v1/users/{user_id}"): (
        ADMIN_ONLY, same("/api/v1/users/{spare_user}", json={"display_name": "Spare"})),
    # integration accounts' API tokens: admins issue, list and revoke them
    ("GET", "/api/v1/users/{user_id}/api-tokens"): (
        ADMIN_ONLY, same("/api/v1/users/{integration_user}/api-tokens")),
    ("POST", "/api/v1/users/{user_id}/api-tokens"): (
        ADMIN_ONLY, same("/api/v1/users/{integration_user}/api-tokens", json={"name": "mx"})),
    ("DELETE", "/api/v1/users/{user_id}/api-tokens/{token_id}"): (
        ADMIN_ONLY, fresh(fresh_api_token,
                          "/api/v1/users/{integration_user}/api-tokens/{api_token}")),
    # a signed identity for gRPC is for integration accounts only, none of these people
    ("POST", "/api/v1/auth/service-token"): (
        "403 403 403 403 403 403 401", same("/api/v1/auth/service-token")),
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
    # The timeline is read as the caller: each part shows only what they may see of it.
    ("GET", "/api/v1/customers/{customer_id}/timeline"): (
        CUSTOMER_READ, same("/api/v1/customers/{customer}/timeline")),
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
    # activities (issue 17): rep A's task or call on rep A's deal is seen as the deal is
    ("GET", "/api/v1/tasks"): (A, same("/api/v1/tasks")),
    ("POST", "/api/v1/tasks"): (A, same("/api/v1/tasks", json={"subject": "Mine", "due_at": DUE})),
    ("GET", "/api/v1/tasks/{task_id}"): (SALES_READ, fresh(rep_a_task, "/api/v1/tasks/{task}")),
    ("PATCH", "/api/v1/tasks/{task_id}"): (
        SALES_CHANGE, fresh(rep_a_task, "/api/v1/tasks/{task}", json={"priority": "high"})),
    ("POST", "/api/v1/tasks/{task_id}:complete"): (
        SALES_CHANGE, fresh(rep_a_task, "/api/v1/tasks/{task}:complete", json={})),
    ("POST", "/api/v1/tasks/{task_id}:reopen"): (
        SALES_CHANGE, fresh(rep_a_done_task, "/api/v1/tasks/{task}:reopen")),
    ("POST", "/api/v1/tasks/{task_id}:cancel"): (
        SALES_CHANGE, fresh(rep_a_task, "/api/v1/tasks/{task}:cancel")),
    ("GET", "/api/v1/activities"): (A, same("/api/v1/activities")),
    ("POST", "/api/v1/activities"): (
        A, same("/api/v1/activities", json={"kind": "meeting", "subject": "Demo"})),
    ("GET", "/api/v1/activities/{activity_id}"): (
        SALES_READ, fresh(rep_a_call, "/api/v1/activities/{activity}")),
    ("PATCH", "/api/v1/activities/{activity_id}"): (
        SALES_CHANGE, fresh(rep_a_call, "/api/v1/activities/{activity}", json={"notes": "x"})),
    ("DELETE", "/api/v1/activities/{activity_id}"): (
        SALES_CHANGE, fresh(rep_a_call, "/api/v1/activities/{activity}")),
    ("POST", "/api/v1/users/{user_id}:revoke-sessions"): (
        ADMIN_ONLY, same("/api/v1/users/{spare_user}:revoke-sessions", json={})),
    # lists (issue 16): saved views and bulk jobs are their owner's alone; a bulk job's
    # records are each checked as one-by-one (a lead that does not exist is a refusal in it)
    ("GET", "/api/v1/saved-views"): (A, same("/api/v1/saved-views?kind=leads")),
    ("POST", "/api/v1/saved-views"): (A, a_saved_view),
    ("DELETE", "/api/v1/saved-views/{view_id}"): (
        REP_A_OWN, fresh(rep_a_saved_view, "/api/v1/saved-views/{saved_view}")),
    ("POST", "/api/v1/bulk-jobs"): (A, same(
        "/api/v1/bulk-jobs", json={"kind": "leads", "action": "delete", "ids": ["no-such"]})),
    ("GET", "/api/v1/bulk-jobs/{job_id}"): (
        REP_A_OWN, fresh(rep_a_bulk_job, "/api/v1/bulk-jobs/{bulk_job}")),
    # notifications (issue 17): every user has their own
    ("GET", "/api/v1/notifications"): (A, same("/api/v1/notifications?unread=true")),
    ("GET", "/api/v1/notifications:count"): (A, same("/api/v1/notifications:count")),
    ("POST", "/api/v1/notifications:readAll"): (A, same("/api/v1/notifications:readAll")),
    ("POST", "/api/v1/notifications/{notification_id}:read"): (
        NOBODYS, same("/api/v1/notifications/00000000-0000-4000-8000-000000000000:read")),
    ("GET", "/api/v1/me/notification-settings"): (A, same("/api/v1/me/notification-settings")),
    ("PUT", "/api/v1/me/notification-settings"): (A, same(
        "/api/v1/me/notification-settings", json={"preferences": {"task_due": "in_app"}})),
    # the audit log
    ("GET", "/api/v1/audit"): (
        READERS_ONLY, same("/api/v1/audit?object_type=deal&object_id={deal}")
    ),
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
