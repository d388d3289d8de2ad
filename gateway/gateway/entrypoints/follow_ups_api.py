"""After-sale follow-ups: /api/v1/follow-ups, over the service desk's gRPC API."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import desk, stamp
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.models.common import Problem
from gateway.models.follow_ups import (
    CompleteIn,
    FollowUpCreate,
    FollowUpList,
    FollowUpOut,
    FollowUpPatch,
    FollowUpQuery,
)

_REFUSALS = {"HTTP_400": Problem, "HTTP_401": Problem, "HTTP_403": Problem, "HTTP_404": Problem}


def follow_ups_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("follow_ups", __name__, url_prefix="/api/v1")
    documented = {"tags": ["follow-ups"], "security": BEARER}

    @bp.get("/follow-ups")
    @login_required()
    @api.validate(
        query=FollowUpQuery, resp=Response(HTTP_200=FollowUpList, **_REFUSALS), **documented
    )
    def list_follow_ups(query: FollowUpQuery):
        """Follow-ups the caller may see, soonest due first."""
        reply = desk(
            "ListFollowUps",
            pb.ListFollowUpsRequest(
                filter=pb.FollowUpFilter(
                    state=query.state or "",
                    owner_id=query.owner_id or "",
                    customer_id=query.customer_id or "",
                    deal_id=query.deal_id or "",
                    due_before=stamp(query.due_before),
                    overdue=query.overdue,
                ),
                page_size=query.page_size,
                page_token=query.page_token or "",
            ),
        )
        return FollowUpList(
            items=[FollowUpOut.of(m) for m in reply.items],
            next_page_token=reply.next_page_token or None,
            total=reply.total,
        )

    @bp.post("/follow-ups")
    @login_required()
    @api.validate(
        json=FollowUpCreate, resp=Response(HTTP_201=FollowUpOut, **_REFUSALS), **documented
    )
    def schedule_follow_up(json: FollowUpCreate):
        """Schedule a follow-up (a won deal also schedules one by itself)."""
        fields = json.model_dump(exclude={"due_at"})
        request = pb.ScheduleFollowUpRequest(
            **{k: v or "" for k, v in fields.items()}, due_at=stamp(json.due_at)
        )
        follow_up = FollowUpOut.of(desk("ScheduleFollowUp", request))
        location = url_for("follow_ups.get_follow_up", follow_up_id=follow_up.id)
        return follow_up, 201, {"Location": location}

    @bp.get("/follow-ups/<follow_up_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=FollowUpOut, **_REFUSALS), **documented)
    def get_follow_up(follow_up_id: str):
        """One follow-up."""
        return FollowUpOut.of(desk("GetFollowUp", pb.GetFollowUpRequest(id=follow_up_id)))

    @bp.patch("/follow-ups/<follow_up_id>")
    @login_required()
    @api.validate(
        json=FollowUpPatch,
        resp=Response(HTTP_200=FollowUpOut, HTTP_422=Problem, **_REFUSALS),
        **documented,
    )
    def update_follow_up(follow_up_id: str, json: FollowUpPatch):
        """Change only the fields sent, while the follow-up is scheduled."""
        changes = json.model_dump(exclude_unset=True)
        due_at = changes.pop("due_at", None)
        request = pb.UpdateFollowUpRequest(
            id=follow_up_id,
            update_mask=[*changes, *(["due_at"] if "due_at" in json.model_fields_set else [])],
            due_at=stamp(due_at),
            **{k: v or "" for k, v in changes.items()},
        )
        return FollowUpOut.of(desk("UpdateFollowUp", request))

    @bp.post("/follow-ups/<follow_up_id>:complete")
    @login_required()
    @api.validate(
        json=CompleteIn,
        resp=Response(HTTP_200=FollowUpOut, HTTP_409=Problem, **_REFUSALS),
        **documented,
    )
    def complete_follow_up(follow_up_id: str, json: CompleteIn):
        """Mark it done with its outcome; a satisfaction survey is issued."""
        request = pb.CompleteFollowUpRequest(id=follow_up_id, outcome=json.outcome)
        return FollowUpOut.of(desk("CompleteFollowUp", request))

    @bp.post("/follow-ups/<follow_up_id>:cancel")
    @login_required()
    @api.validate(resp=Response(HTTP_200=FollowUpOut, HTTP_409=Problem, **_REFUSALS), **documented)
    def cancel_follow_up(follow_up_id: str):
        """Cancel a scheduled follow-up."""
        return FollowUpOut.of(desk("CancelFollowUp", pb.GetFollowUpRequest(id=follow_up_id)))

    return bp
