"""Satisfaction surveys for service staff: /api/v1/surveys."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.surveys import SurveyList, SurveyQuery


def surveys_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("surveys", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "surveys")

    @route("GET", "/surveys", query=SurveyQuery, HTTP_200=SurveyList, HTTP_400=Problem)
    def list_surveys(query: SurveyQuery):
        """Surveys, newest first, with the `public_url` to send to the customer."""
        return clients().service_desk.list_surveys(query)

    return bp
