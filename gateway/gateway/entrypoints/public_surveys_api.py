"""The customer's answer to a satisfaction survey: POST /api/v1/public/surveys/{token}.

No account: the token in the link is the credential. Each client address is rate limited, so
guessing tokens or flooding answers is slowed down before it reaches the service.
"""

from __future__ import annotations

from flask import Blueprint, request
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from spectree import Response, SpecTree

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import desk
from gateway.domain.rate_limit import RateLimiter
from gateway.entrypoints.schemas.common import Problem
from gateway.entrypoints.schemas.surveys import SurveyAnswerIn
from gateway.errors import problem


class PublicSurveyLimits(BaseSettings):
    """`GATEWAY_PUBLIC_SURVEY_PER_MINUTE` and `GATEWAY_PUBLIC_SURVEY_BURST`, per client address."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_PUBLIC_SURVEY_", frozen=True)

    per_minute: float = Field(10, gt=0)
    burst: int = Field(5, ge=1)


def public_surveys_blueprint(api: SpecTree, limits: PublicSurveyLimits | None = None) -> Blueprint:
    bp = Blueprint("public_surveys", __name__, url_prefix="/api/v1/public")
    limits = limits or PublicSurveyLimits()
    # One per app: built when the app is, never at import time.
    limiter = RateLimiter(limits.per_minute / 60, limits.burst)

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
        wait = limiter.acquire(request.remote_addr or "unknown")
        if wait:
            return problem(
                429,
                "Too many answers from this address; try again later.",
                headers={"Retry-After": str(wait)},
            )
        desk(
            "AnswerSurvey",
            pb.AnswerSurveyRequest(token=token, score=json.score, comment=json.comment),
        )
        return "", 204

    return bp
