"""Satisfaction surveys for service staff: /api/v1/surveys."""

from __future__ import annotations

from flask import Blueprint
from spectree import Response, SpecTree

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import desk
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.models.common import Problem
from gateway.models.surveys import SurveyList, SurveyOut, SurveyQuery


def surveys_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("surveys", __name__, url_prefix="/api/v1")

    @bp.get("/surveys")
    @login_required()
    @api.validate(
        query=SurveyQuery,
        resp=Response(HTTP_200=SurveyList, HTTP_400=Problem, HTTP_401=Problem),
        tags=["surveys"],
        security=BEARER,
    )
    def list_surveys(query: SurveyQuery):
        """Surveys, newest first, with the `public_url` to send to the customer."""
        reply = desk(
            "ListSurveys",
            pb.ListSurveysRequest(
                ticket_id=query.ticket_id or "",
                follow_up_id=query.follow_up_id or "",
                page_size=query.page_size,
                page_token=query.page_token or "",
            ),
        )
        return SurveyList(
            items=[SurveyOut.of(m) for m in reply.items],
            next_page_token=reply.next_page_token or None,
            total=reply.total,
        )

    return bp
