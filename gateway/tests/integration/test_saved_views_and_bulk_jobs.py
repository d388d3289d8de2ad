"""Saved views and bulk jobs over REST, on a real migrated database (the services are not
needed: a job's records are refused or never reached here; tests/web and e2e run them)."""

from __future__ import annotations

from datetime import timedelta

from gateway.http.current import EXTENSION
from gateway.service import bulk_jobs


def test_saved_views_are_each_users_own_per_kind(client, api, admin_headers, create_user):
    view = {"kind": "leads", "name": "My new", "filters": {"state": "new"}, "sort": "-created_at"}
    created = client.post("/api/v1/saved-views", json=view, headers=admin_headers)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["filters"] == {"state": "new"}
    again = client.post("/api/v1/saved-views", json=view, headers=admin_headers)
    assert again.status_code == 409

    listed = client.get("/api/v1/saved-views?kind=leads", headers=admin_headers).get_json()
    assert [v["name"] for v in listed["items"]] == ["My new"]
    deals = client.get("/api/v1/saved-views?kind=deals", headers=admin_headers).get_json()
    assert deals["items"] == []

    create_user("rep", roles=["sales"])
    rep = api.bearer(api.token("rep", "password-123"))
    assert client.get("/api/v1/saved-views?kind=leads", headers=rep).get_json()["items"] == []
    view_id = created.get_json()["id"]
    assert client.delete(f"/api/v1/saved-views/{view_id}", headers=rep).status_code == 404
    assert client.delete(f"/api/v1/saved-views/{view_id}", headers=admin_headers).status_code == 204


def test_a_saved_view_without_name_or_of_no_kind_is_refused_naming_the_field(client, admin_headers):
    no_name = client.post(
        "/api/v1/saved-views", json={"kind": "leads", "name": ""}, headers=admin_headers
    )
    assert no_name.status_code == 400
    assert [e["field"] for e in no_name.get_json()["errors"]] == ["name"]
    no_kind = client.get("/api/v1/saved-views?kind=planets", headers=admin_headers)
    assert no_kind.status_code == 400
    assert "kind" in [e["field"] for e in no_kind.get_json()["errors"]]


def test_a_bulk_job_the_rules_refuse_is_a_400_naming_the_field(client, admin_headers):
    cases = [
        ({"kind": "leads", "action": "stage", "ids": ["a"]}, "action"),
        ({"kind": "leads", "action": "reassign", "ids": ["a"]}, "value"),
        ({"kind": "leads", "action": "delete"}, "ids"),
        ({"kind": "deals", "action": "delete", "filter": {"page_size": "x", "stage": 5}}, None),
        ({"kind": "leads", "action": "delete", "filter": {"nothing": "x"}}, "filter.nothing"),
    ]
    for body, field in cases:
        answer = client.post("/api/v1/bulk-jobs", json=body, headers=admin_headers)
        assert answer.status_code == 400, (body, answer.get_json())
        if field:
            assert field in [e["field"] for e in answer.get_json()["errors"]], answer.get_json()


def test_a_job_whose_worker_died_reads_as_failed_and_is_only_its_owners(
    make_app, api, admin_headers, create_user
):
    app = make_app()
    client = app.test_client()
    token = api.token("admin", api.admin_password)
    headers = api.bearer(token)
    started = client.post(
        "/api/v1/bulk-jobs",
        json={"kind": "leads", "action": "delete", "ids": ["lead-1", "lead-2"]},
        headers=headers,
    )
    assert started.status_code == 202, started.get_json()
    job = started.get_json()
    assert started.headers["Location"].endswith(f"/api/v1/bulk-jobs/{job['id']}")
    assert (job["state"], job["total"]) == ("running", 2)
    deps = app.extensions[EXTENSION].deps
    # The services are unreachable here: each record is refused with the reason, none lost.
    finished = _wait(client, job["id"], headers)
    assert (finished["state"], finished["done"], finished["refused"]) == ("finished", 2, 2)
    assert all(r["reason"] for r in finished["refusals"])

    # A job left running, whose heartbeat stopped: the next read marks it failed.
    with deps.uow() as uow:
        stale = uow.bulk_jobs.get(job["id"])
        stale.state, stale.finished_at = "running", None
        stale.heartbeat_at = deps.clock() - timedelta(minutes=5)
        uow.bulk_jobs.save(stale)
        uow.commit()
    read = client.get(f"/api/v1/bulk-jobs/{job['id']}", headers=headers).get_json()
    assert read["state"] == "failed"
    assert read["error"] == bulk_jobs.DIED

    create_user("other", roles=["sales"])
    other = api.bearer(api.token("other", "password-123"))
    assert client.get(f"/api/v1/bulk-jobs/{job['id']}", headers=other).status_code == 404


def _wait(client, job_id, headers, seconds=30.0):
    import time

    until = time.monotonic() + seconds
    while True:
        job = client.get(f"/api/v1/bulk-jobs/{job_id}", headers=headers).get_json()
        if job["state"] != "running" or time.monotonic() > until:
            return job
        time.sleep(0.1)
