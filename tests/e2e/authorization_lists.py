"""The records the authorization matrix's saved-view and bulk-job rows work on (issue 16):
rep A's own, which only rep A may read or delete (an admin included, nobody sees another
person's views or jobs)."""

from __future__ import annotations

import uuid

from e2e.authorization_world import World, ok


def rep_a_saved_view(w: World) -> dict[str, str]:
    body = {"kind": "leads", "name": f"Mine {uuid.uuid4().hex[:8]}", "sort": "-created_at"}
    return {"saved_view": ok(w.clients["rep_a"].request("POST", "/api/v1/saved-views",
                                                        json=body), 201)["id"]}  # fmt: skip


def rep_a_bulk_job(w: World) -> dict[str, str]:
    body = {"kind": "leads", "action": "delete", "ids": [str(uuid.uuid4())]}
    return {"bulk_job": ok(w.clients["rep_a"].request("POST", "/api/v1/bulk-jobs", json=body),
                           202)["id"]}  # fmt: skip


def a_saved_view(w: World, caller: str) -> tuple[str, dict]:
    """Each caller saves one of their own (a name is once per person and kind)."""
    body = {"kind": "deals", "name": f"{caller} {uuid.uuid4().hex[:8]}"}
    return "/api/v1/saved-views", {"json": body}
