"""Logged calls, meetings and e-mails: /api/v1/activities, over the activities service."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.entrypoints.tasks_api import naming_the_field
from gateway.http.current import clients
from gateway.models.activities import (
    ActivityCreate,
    ActivityList,
    ActivityOut,
    ActivityPatch,
    ActivityQuery,
)
from gateway.models.common import Problem


def activities_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("activities", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "activities")
    one = "/activities/<activity_id>"

    @route("GET", "/activities", query=ActivityQuery, HTTP_200=ActivityList, HTTP_400=Problem)
    def list_activities(query: ActivityQuery):
        """Logged activities the caller may see, newest first."""
        return clients().activities.list_activities(query)

    @route("POST", "/activities", json=ActivityCreate, HTTP_201=ActivityOut, HTTP_400=Problem)
    def log_activity(json: ActivityCreate):
        """Log a call, meeting or e-mail that happened (without `at`: now)."""
        fields = json.model_dump()
        logged = naming_the_field(lambda: clients().activities.log_activity(fields))
        if not isinstance(logged, ActivityOut):
            return logged
        location = url_for("activities.get_activity", activity_id=logged.id)
        return logged, 201, {"Location": location}

    @route("GET", one, HTTP_200=ActivityOut)
    def get_activity(activity_id: str):
        """One logged activity."""
        return clients().activities.get_activity(activity_id)

    @route("PATCH", one, json=ActivityPatch, HTTP_200=ActivityOut, HTTP_400=Problem)
    def update_activity(activity_id: str, json: ActivityPatch):
        """Change only the fields sent (its author or a manager)."""
        changes = json.model_dump(exclude_unset=True)
        return naming_the_field(lambda: clients().activities.update_activity(activity_id, changes))

    @route("DELETE", one, HTTP_204=None)
    def delete_activity(activity_id: str):
        """Delete it (its author or a manager); the audit log keeps what it was."""
        clients().activities.delete_activity(activity_id)
        return "", 204

    return bp
