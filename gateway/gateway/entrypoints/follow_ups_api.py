"""After-sale follow-ups: /api/v1/follow-ups, over the service desk's gRPC API."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import SpecTree

from gateway.entrypoints.concurrency import etag, versioned_update
from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.common import Problem, StaleProblem
from gateway.models.follow_ups import (
    CompleteIn,
    FollowUpCreate,
    FollowUpList,
    FollowUpOut,
    FollowUpPatch,
    FollowUpQuery,
)


def follow_ups_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("follow_ups", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "follow-ups")
    one = "/follow-ups/<follow_up_id>"

    @route("GET", "/follow-ups", query=FollowUpQuery, HTTP_200=FollowUpList, HTTP_400=Problem)
    def list_follow_ups(query: FollowUpQuery):
        """Follow-ups the caller may see, soonest due first."""
        return clients().service_desk.list_follow_ups(query)

    @route("POST", "/follow-ups", json=FollowUpCreate, HTTP_201=FollowUpOut, HTTP_400=Problem)
    def schedule_follow_up(json: FollowUpCreate):
        """Schedule a follow-up (a won deal also schedules one by itself)."""
        follow_up = clients().service_desk.schedule_follow_up(json.model_dump())
        location = url_for("follow_ups.get_follow_up", follow_up_id=follow_up.id)
        return follow_up, 201, {"Location": location}

    @route("GET", one, HTTP_200=FollowUpOut)
    def get_follow_up(follow_up_id: str):
        """One follow-up (ETag: version)."""
        follow_up = clients().service_desk.get_follow_up(follow_up_id)
        return follow_up, 200, etag(follow_up)

    @route("PATCH", one, json=FollowUpPatch, HTTP_200=FollowUpOut, HTTP_400=Problem,
           HTTP_412=StaleProblem, HTTP_422=Problem)  # fmt: skip
    def update_follow_up(follow_up_id: str, json: FollowUpPatch):
        """Change only the fields sent, while the follow-up is scheduled; with the version read
        (If-Match or `version`), refused (412, with it now) when it changed since."""
        desk = clients().service_desk
        return versioned_update(lambda changes: desk.update_follow_up(follow_up_id, changes), json)

    @route("POST", f"{one}:complete", json=CompleteIn, HTTP_200=FollowUpOut, HTTP_400=Problem,
           HTTP_409=Problem)  # fmt: skip
    def complete_follow_up(follow_up_id: str, json: CompleteIn):
        """Mark it done with its outcome; a satisfaction survey is issued."""
        return clients().service_desk.complete_follow_up(follow_up_id, json.outcome)

    @route("POST", f"{one}:cancel", HTTP_200=FollowUpOut, HTTP_409=Problem)
    def cancel_follow_up(follow_up_id: str):
        """Cancel a scheduled follow-up."""
        return clients().service_desk.cancel_follow_up(follow_up_id)

    return bp
