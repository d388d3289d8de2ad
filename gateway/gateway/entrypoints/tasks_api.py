"""Tasks: /api/v1/tasks, over the activities service's gRPC API (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, url_for
from spectree import SpecTree

from crm_platform.errors import FieldViolation, NotFound
from gateway.entrypoints.documented_route import route_maker
from gateway.errors import problem
from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.tasks import (
    TaskCompleteIn,
    TaskCreate,
    TaskList,
    TaskOut,
    TaskPatch,
    TaskQuery,
)

# The fields whose record the activities service looks up with its owner; one it cannot find
# (or the caller may not see) is a 404 naming the field, its message "<field>: ...".
LOOKED_UP = ("related_id", "contact_ids")


def naming_the_field(call: Callable[[], Any]) -> Any:
    """`call()`, a related record not found answered as a 404 on its field."""
    try:
        return call()
    except NotFound as error:
        field, said, rest = error.message.partition(": ")
        if not said or field not in LOOKED_UP:
            raise
        return problem(404, error.message, [FieldViolation(field, rest)])


def tasks_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("tasks", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "tasks")
    one = "/tasks/<task_id>"

    @route("GET", "/tasks", query=TaskQuery, HTTP_200=TaskList, HTTP_400=Problem)
    def list_tasks(query: TaskQuery):
        """Tasks the caller may see, soonest due first."""
        return clients().activities.list_tasks(query)

    @route("POST", "/tasks", json=TaskCreate, HTTP_201=TaskOut, HTTP_400=Problem)
    def create_task(json: TaskCreate):
        """A task for the caller (or `owner_id`), maybe about a record the caller can see; a
        due time in the past is allowed and overdue at once."""
        task = naming_the_field(lambda: clients().activities.create_task(json.model_dump()))
        if not isinstance(task, TaskOut):
            return task
        return task, 201, {"Location": url_for("tasks.get_task", task_id=task.id)}

    @route("GET", one, HTTP_200=TaskOut)
    def get_task(task_id: str):
        """One task."""
        return clients().activities.get_task(task_id)

    @route("PATCH", one, json=TaskPatch, HTTP_200=TaskOut, HTTP_400=Problem)
    def update_task(task_id: str, json: TaskPatch):
        """Change only the fields sent: edit, reassign (owner_id), reschedule (due_at)."""
        changes = json.model_dump(exclude_unset=True)
        return naming_the_field(lambda: clients().activities.update_task(task_id, changes))

    @route("POST", f"{one}:complete", json=TaskCompleteIn, HTTP_200=TaskOut, HTTP_400=Problem,
           HTTP_409=Problem)  # fmt: skip
    def complete_task(task_id: str, json: TaskCompleteIn):
        """Done, with its outcome."""
        return clients().activities.complete_task(task_id, json.outcome)

    @route("POST", f"{one}:reopen", HTTP_200=TaskOut, HTTP_409=Problem)
    def reopen_task(task_id: str):
        """Open again a done or cancelled task."""
        return clients().activities.reopen_task(task_id)

    @route("POST", f"{one}:cancel", HTTP_200=TaskOut, HTTP_409=Problem)
    def cancel_task(task_id: str):
        """Cancel an open task."""
        return clients().activities.cancel_task(task_id)

    return bp
