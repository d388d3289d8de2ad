"""A satisfaction survey, sent to the customer as a link and answered once, without an account.

The token is the customer's only credential: 32 random bytes (256 bits) from `secrets`, so it
cannot be guessed, and it expires.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from crm_platform.errors import AlreadyExists, NotFound
from crm_platform.validation import Violations

SCORES = range(1, 6)
COMMENT_MAX = 5_000
TOKEN_BYTES = 32


@dataclass(frozen=True)
class SurveyPolicy:
    # Where the customer opens the survey; the token is appended as the last path segment.
    base_url: str = "http://127.0.0.1:8080/surveys"
    ttl_days: int = 30

    def public_url(self, token: str) -> str:
        return f"{self.base_url.rstrip('/')}/{token}"


@dataclass(kw_only=True)
class Survey:
    id: str
    ticket_id: str | None
    follow_up_id: str | None
    customer_id: str
    contact_id: str | None
    token: str
    public_url: str
    expires_at: datetime
    score: int | None
    comment: str
    answered_at: datetime | None
    created_at: datetime

    def state(self, now: datetime) -> str:
        if self.answered_at is not None:
            return "answered"
        return "expired" if now >= self.expires_at else "open"


def issue_survey(
    *,
    customer_id: str,
    contact_id: str | None,
    policy: SurveyPolicy,
    now: datetime,
    ticket_id: str | None = None,
    follow_up_id: str | None = None,
) -> Survey:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return Survey(
        id=str(uuid.uuid4()),
        ticket_id=ticket_id,
        follow_up_id=follow_up_id,
        customer_id=customer_id,
        contact_id=contact_id,
        token=token,
        public_url=policy.public_url(token),
        expires_at=now + timedelta(days=policy.ttl_days),
        score=None,
        comment="",
        answered_at=None,
        created_at=now,
    )


def answer(survey: Survey | None, score: int, comment: str, *, now: datetime) -> Survey:
    """The survey answered. Unknown and expired look alike (NotFound), so a guesser learns
    nothing; answered already is a conflict."""
    if survey is None or survey.state(now) == "expired":
        raise NotFound("survey not found")
    if survey.answered_at is not None:
        raise AlreadyExists("this survey was already answered")
    v = Violations()
    if score not in SCORES:
        v.add("score", "must be between 1 and 5")
    comment = v.text("comment", comment, max_length=COMMENT_MAX)
    v.raise_if_any("answer")
    return replace(survey, score=score, comment=comment, answered_at=now)
