"""The records the authorization matrix's activities rows work on (issue 17): rep A's tasks and
logged calls on rep A's seeded deal, made anew for each caller where the operation changes or
consumes them."""

from __future__ import annotations

from e2e.authorization_world import World, ok

DUE = "2031-01-02T09:00:00Z"


def rep_a_task(w: World, *, done: bool = False) -> dict[str, str]:
    body = {"subject": "Call back", "due_at": DUE, "related_type": "deal",
            "related_id": w.ids["deal"]}  # fmt: skip
    rep_a = w.clients["rep_a"]
    task = ok(rep_a.request("POST", "/api/v1/tasks", json=body), 201)["id"]
    if done:
        ok(rep_a.request("POST", f"/api/v1/tasks/{task}:complete", json={"outcome": "ok"}))
    return {"task": task}


def rep_a_done_task(w: World) -> dict[str, str]:
    return rep_a_task(w, done=True)


def rep_a_call(w: World) -> dict[str, str]:
    body = {"kind": "call", "subject": "Pricing", "related_type": "deal",
            "related_id": w.ids["deal"]}  # fmt: skip
    return {"activity": ok(w.clients["rep_a"].request("POST", "/api/v1/activities", json=body),
                           201)["id"]}  # fmt: skip
