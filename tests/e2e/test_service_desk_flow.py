"""The service desk through the gateway on the running stack: a ticket's whole life, its survey
answered once without an account, a follow-up scheduled and completed, a won deal's follow-up
scheduled by itself, and a ticket's SLA breach reported (conftest makes low priority's SLA
seconds long)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from e2e.api_client import ApiClient
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

PASSWORD = "desk-secret-1"


def user_with(stack, *roles: str) -> ApiClient:
    admin = ApiClient(stack.base_url).logged_in("admin", stack.admin_password)
    username = f"{roles[0]}-{uuid.uuid4().hex[:8]}"
    created = admin.request(
        "POST",
        "/api/v1/users",
        json={"username": username, "password": PASSWORD, "roles": list(roles)},
    )
    assert created.status_code == 201, created.text
    return ApiClient(stack.base_url).logged_in(username, PASSWORD)


@pytest.fixture(scope="module")
def agent(stack) -> ApiClient:
    return user_with(stack, "service")


@pytest.fixture(scope="module")
def admin(stack) -> ApiClient:
    return ApiClient(stack.base_url).logged_in("admin", stack.admin_password)


def new_customer(admin: ApiClient, name: str) -> str:
    """A customer in sales: the service desk checks every customer id against it."""
    created = admin.request("POST", "/api/v1/customers", json={"name": name})
    assert created.status_code == 201, created.text
    return created.json()["id"]


@pytest.fixture(scope="module")
def customer_id(admin) -> str:
    return new_customer(admin, f"Desk customer {uuid.uuid4().hex[:8]}")


def eventually(check, *, within: float = 60):
    """`check()`'s result once it stops failing its assertions (polled, not slept on)."""
    return retry(
        stop=stop_after_delay(within),
        wait=wait_fixed(0.5),
        retry=retry_if_exception_type(AssertionError),
        reraise=True,
    )(check)()


def act(client: ApiClient, ticket_id: str, action: str, **body):
    return client.request("POST", f"/api/v1/tickets/{ticket_id}:{action}", json=body or None)


def test_a_ticket_from_new_to_closed_with_its_survey_answered_once(
    stack, agent, customer_id
) -> None:
    opened = agent.request(
        "POST",
        "/api/v1/tickets",
        json={
            "customer_id": customer_id,
            "subject": "The pump is leaking",
            "category": "repair",
            "channel": "phone",
            "priority": "urgent",
        },
    )
    assert opened.status_code == 201, opened.text
    ticket = opened.json()
    assert opened.headers["Location"].endswith(f"/api/v1/tickets/{ticket['id']}")
    assert (ticket["state"], ticket["sla_breached"]) == ("new", False)
    created_at = datetime.fromisoformat(ticket["created_at"])
    assert datetime.fromisoformat(ticket["sla_due_at"]) - created_at == timedelta(hours=4)

    assert act(agent, ticket["id"], "accept").json()["state"] == "accepted"
    illegal = act(agent, ticket["id"], "close")
    assert illegal.status_code == 409
    assert illegal.headers["Content-Type"] == "application/problem+json"
    assert "allowed actions: start" in illegal.json()["detail"]
    assert act(agent, ticket["id"], "start").json()["state"] == "in_progress"

    comment = agent.request(
        "POST", f"/api/v1/tickets/{ticket['id']}/comments", json={"body": "Seal ordered"}
    )
    assert comment.status_code == 201, comment.text
    comments = agent.request("GET", f"/api/v1/tickets/{ticket['id']}/comments").json()
    assert [c["body"] for c in comments["items"]] == ["Seal ordered"]

    assert act(agent, ticket["id"], "resolve").status_code == 400  # no resolution yet
    resolved = act(agent, ticket["id"], "resolve", resolution="Seal replaced")
    assert resolved.status_code == 200, resolved.text
    assert (resolved.json()["state"], resolved.json()["resolution"]) == (
        "resolved",
        "Seal replaced",
    )

    surveys = agent.request("GET", f"/api/v1/surveys?ticket_id={ticket['id']}").json()
    assert surveys["total"] == 1
    survey = surveys["items"][0]
    assert survey["state"] == "open" and survey["customer_id"] == customer_id
    assert survey["public_url"].endswith(survey["token"]) and len(survey["token"]) >= 22

    anonymous = ApiClient(stack.base_url)
    answer = {"score": 5, "comment": "Fixed the same day"}
    first = anonymous.request("POST", f"/api/v1/public/surveys/{survey['token']}", json=answer)
    assert first.status_code == 204, first.text
    again = anonymous.request("POST", f"/api/v1/public/surveys/{survey['token']}", json=answer)
    assert again.status_code == 409
    unknown = anonymous.request("POST", "/api/v1/public/surveys/not-a-real-token", json=answer)
    assert unknown.status_code == 404
    answered = agent.request("GET", f"/api/v1/surveys?ticket_id={ticket['id']}").json()["items"][0]
    assert (answered["state"], answered["score"]) == ("answered", 5)

    assert act(agent, ticket["id"], "close").json()["state"] == "closed"
    assert act(agent, ticket["id"], "reopen").json()["state"] == "in_progress"
    history = agent.request("GET", f"/api/v1/tickets/{ticket['id']}/history").json()["items"]
    assert [h["action"] for h in history] == [
        "opened",
        "accept",
        "start",
        "commented",
        "resolve",
        "close",
        "reopen",
    ]


def test_others_are_told_a_ticket_does_not_exist(stack, agent, customer_id) -> None:
    ticket = agent.request(
        "POST",
        "/api/v1/tickets",
        json={"customer_id": customer_id, "subject": "Where is my invoice?", "category": "inquiry"},
    ).json()
    marketer = user_with(stack, "marketing")
    assert marketer.request("GET", f"/api/v1/tickets/{ticket['id']}").status_code == 404
    assert marketer.request("GET", "/api/v1/tickets").json()["total"] == 0


def test_a_follow_up_scheduled_overdue_then_completed_issues_a_survey(
    stack, agent, customer_id
) -> None:
    due = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    scheduled = agent.request(
        "POST",
        "/api/v1/follow-ups",
        json={"customer_id": customer_id, "subject": "How is the machine running?", "due_at": due},
    )
    assert scheduled.status_code == 201, scheduled.text
    follow_up = scheduled.json()
    assert (follow_up["state"], follow_up["overdue"]) == ("scheduled", True)

    overdue = agent.request("GET", "/api/v1/follow-ups?overdue=true&page_size=200").json()
    assert follow_up["id"] in [f["id"] for f in overdue["items"]]

    done = agent.request(
        "POST", f"/api/v1/follow-ups/{follow_up['id']}:complete", json={"outcome": "All good"}
    )
    assert done.status_code == 200, done.text
    assert (done.json()["state"], done.json()["outcome"]) == ("done", "All good")
    twice = agent.request(
        "POST", f"/api/v1/follow-ups/{follow_up['id']}:complete", json={"outcome": "Again"}
    )
    assert twice.status_code == 409

    surveys = agent.request("GET", f"/api/v1/surveys?follow_up_id={follow_up['id']}").json()
    assert surveys["total"] == 1 and surveys["items"][0]["state"] == "open"


def test_an_unknown_customer_is_refused_on_its_field(agent) -> None:
    refused = agent.request(
        "POST",
        "/api/v1/tickets",
        json={"customer_id": "no-such-customer", "subject": "Who am I?", "category": "inquiry"},
    )
    assert refused.status_code == 400, refused.text
    assert "customer_id" in refused.text


def test_a_won_deal_schedules_a_follow_up_whose_survey_is_answered_once(
    stack, admin, agent
) -> None:
    customer_id = new_customer(admin, f"Won customer {uuid.uuid4().hex[:8]}")
    created = admin.request(
        "POST",
        "/api/v1/deals",
        json={
            "name": "Two pumps",
            "customer_id": customer_id,
            "amount": "1000.00",
            "currency": "CNY",
        },
    )
    assert created.status_code == 201, created.text
    deal_id = created.json()["id"]
    won = admin.request("POST", f"/api/v1/deals/{deal_id}:move", json={"stage": "closed_won"})
    assert won.status_code == 200, won.text
    assert won.json()["stage"] == "closed_won"

    def scheduled_by_itself() -> dict:
        listed = agent.request("GET", f"/api/v1/follow-ups?deal_id={deal_id}")
        assert listed.status_code == 200, listed.text
        assert listed.json()["total"] == 1, listed.text
        return listed.json()["items"][0]

    follow_up = eventually(scheduled_by_itself)
    assert (follow_up["customer_id"], follow_up["state"]) == (customer_id, "scheduled")
    assert follow_up["owner_id"]  # the deal's owner, as no service owner is configured

    done = agent.request(
        "POST", f"/api/v1/follow-ups/{follow_up['id']}:complete", json={"outcome": "Running well"}
    )
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "done"

    surveys = agent.request("GET", f"/api/v1/surveys?follow_up_id={follow_up['id']}").json()
    assert surveys["total"] == 1
    survey = surveys["items"][0]
    assert (survey["state"], survey["customer_id"]) == ("open", customer_id)

    anonymous = ApiClient(stack.base_url)
    answer = {"score": 4, "comment": "Quick visit"}
    first = anonymous.request("POST", f"/api/v1/public/surveys/{survey['token']}", json=answer)
    assert first.status_code == 204, first.text
    again = anonymous.request("POST", f"/api/v1/public/surveys/{survey['token']}", json=answer)
    assert again.status_code == 409
    answered = agent.request("GET", f"/api/v1/surveys?follow_up_id={follow_up['id']}").json()
    assert (answered["items"][0]["state"], answered["items"][0]["score"]) == ("answered", 4)
    # Still one follow-up for the deal: the close was handled once.
    assert agent.request("GET", f"/api/v1/follow-ups?deal_id={deal_id}").json()["total"] == 1


def test_a_ticket_left_open_past_its_sla_is_reported_breached(agent, customer_id) -> None:
    opened = agent.request(
        "POST",
        "/api/v1/tickets",
        json={
            "customer_id": customer_id,
            "subject": "Manual missing",
            "category": "inquiry",
            "priority": "low",
        },
    )
    assert opened.status_code == 201, opened.text
    ticket = opened.json()
    assert ticket["sla_breached"] is False
    created_at = datetime.fromisoformat(ticket["created_at"])
    # 0.0005 h: seconds, not the default 72 h (the API may round the instants).
    assert datetime.fromisoformat(ticket["sla_due_at"]) - created_at < timedelta(seconds=3)

    def breached() -> dict:
        fetched = agent.request("GET", f"/api/v1/tickets/{ticket['id']}")
        assert fetched.status_code == 200, fetched.text
        assert fetched.json()["sla_breached"] is True, fetched.text
        return fetched.json()

    reported = eventually(breached)
    assert reported["state"] == "new"  # still open: the breach is recorded, not a transition
    listed = agent.request("GET", "/api/v1/tickets?sla_breached=true&page_size=200").json()
    assert ticket["id"] in [t["id"] for t in listed["items"]]
    history = agent.request("GET", f"/api/v1/tickets/{ticket['id']}/history").json()["items"]
    assert [h["action"] for h in history] == ["opened", "sla_breached"]
