"""The customer's answer to a satisfaction survey: POST /api/v1/public/surveys/{token}.

No account: the token in the link is the credential. Each client address is rate limited
(entrypoints/rate_limits.py), so guessing tokens or flooding answers is slowed down before it
reaches the service.
"""

from __future__ import annotations

from flask import Blueprint
from spectree import Response, SpecTree

from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.surveys import SurveyAnswerIn


def public_surveys_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("public_surveys", __name__, url_prefix="/api/v1/public")

    @bp.post("/surveys/<token>")
    @api.validate(
        json=SurveyAnswerIn,
        resp=Response(
            HTTP_204=None, HTTP_400=Problem, HTTP_404=Problem, HTTP_409=Problem, HTTP_429=Problem
        ),
        tags=["surveys"],
    )
    def answer_survey(token: str, json: SurveyAnswerIn):
        """Answer a survey once, without an account: score 1..5 and an optional comment.
        An unknown or expired token is 404; answering again is 409."""
        clients().service_desk.answer_survey(token, json.score, json.comment)
        return "", 204

    return bp
