"""The service desk through the gateway on the running stack: a ticket's whole life, its survey
answered once without an account, and a follow-up scheduled and completed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from e2e.api_client import ApiClient

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


def act(client: ApiClient, ticket_id: str, action: str, **body):
    return client.request("POST", f"/api/v1/tickets/{ticket_id}:{action}", json=body or None)


def test_a_ticket_from_new_to_closed_with_its_survey_answered_once(stack, agent) -> None:
    customer_id = f"cust-{uuid.uuid4().hex[:8]}"
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


def test_others_are_told_a_ticket_does_not_exist(stack, agent) -> None:
    ticket = agent.request(
        "POST",
        "/api/v1/tickets",
        json={"customer_id": "c1", "subject": "Where is my invoice?", "category": "inquiry"},
    ).json()
    marketer = user_with(stack, "marketing")
    assert marketer.request("GET", f"/api/v1/tickets/{ticket['id']}").status_code == 404
    assert marketer.request("GET", "/api/v1/tickets").json()["total"] == 0


def test_a_follow_up_scheduled_overdue_then_completed_issues_a_survey(stack, agent) -> None:
    due = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    scheduled = agent.request(
        "POST",
        "/api/v1/follow-ups",
        json={"customer_id": "c-77", "subject": "How is the machine running?", "due_at": due},
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
