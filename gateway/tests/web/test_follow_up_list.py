"""The follow-up list on the shared list machinery, over the real sales and service-desk
services: its filters and pager, and a bulk cancel asked twice then run through the service
desk's own cancel (one no longer scheduled refused with the reason)."""

from __future__ import annotations

import time
import uuid

SERVICE_DESK = True  # conftest's app reaches the service desk for this module


def text(response) -> str:
    return response.get_data(as_text=True)


def follow_ups(admin, count: int) -> list[str]:
    customer = admin.api("POST", "/api/v1/customers", name=f"Fuzhou Mills {uuid.uuid4().hex[:6]}")
    return [
        admin.api(
            "POST",
            "/api/v1/follow-ups",
            customer_id=customer["id"],
            subject=f"Visit {n}",
            due_at="2031-05-06T09:00:00+00:00",
        )["id"]
        for n in range(count)
    ]


def test_follow_ups_are_cancelled_in_bulk_after_confirming(admin):
    ids = follow_ups(admin, 3)
    admin.api("POST", f"/api/v1/follow-ups/{ids[0]}:complete", outcome="Done early")
    page = text(admin.get("/ui/follow-ups?who=all"))
    assert f'id="follow-up-{ids[1]}"' in page and 'form="bulk-form"' in page
    assert "Rows per page" in page and f'id="follow-up-{ids[0]}"' not in page  # done
    form = {"scope": "selected", "ids": ids, "action": "cancel:", "next": "/ui/follow-ups"}
    asked = admin.post("/ui/lists/follow_ups/bulk", form)
    assert asked.status_code == 200 and "Cancel 3 follow-ups?" in text(asked)
    started = admin.post("/ui/lists/follow_ups/bulk", {**form, "confirmed": "yes"})
    job_url = "/api/v1/bulk-jobs/" + started.headers["Location"].split("/ui/bulk-jobs/")[1]
    until = time.monotonic() + 60
    while (job := admin.client.get(job_url.split("?")[0]).get_json())["state"] == "running":
        assert time.monotonic() < until
        time.sleep(0.1)
    assert (job["changed"], job["refused"]) == (2, 1)
    assert job["refusals"][0]["id"] == ids[0]
    states = {admin.api("GET", f"/api/v1/follow-ups/{i}")["state"] for i in ids[1:]}
    assert states == {"cancelled"}
