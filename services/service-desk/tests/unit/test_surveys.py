"""Survey tokens, expiry and the once-only answer."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from crm_platform.errors import AlreadyExists, InvalidArgument, NotFound
from service_desk.domain.survey import SurveyPolicy, answer, issue_survey

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
POLICY = SurveyPolicy(base_url="https://crm.example.com/s/", ttl_days=30)


def survey():
    return issue_survey(customer_id="c1", contact_id=None, ticket_id="t1", policy=POLICY, now=NOW)


def test_the_token_carries_at_least_128_random_bits_and_is_in_the_link() -> None:
    issued = survey()
    raw = base64.urlsafe_b64decode(issued.token + "=" * (-len(issued.token) % 4))
    assert len(raw) * 8 >= 128
    assert issued.public_url == f"https://crm.example.com/s/{issued.token}"
    assert len({survey().token for _ in range(100)}) == 100


def test_it_expires_after_30_days() -> None:
    issued = survey()
    assert issued.expires_at == NOW + timedelta(days=30)
    assert issued.state(NOW + timedelta(days=30) - timedelta(seconds=1)) == "open"
    assert issued.state(NOW + timedelta(days=30)) == "expired"


def test_answered_once() -> None:
    answered = answer(survey(), 5, " Quick and friendly ", now=NOW)
    assert (answered.score, answered.comment, answered.answered_at) == (
        5,
        "Quick and friendly",
        NOW,
    )
    assert answered.state(NOW + timedelta(days=60)) == "answered"
    with pytest.raises(AlreadyExists):
        answer(answered, 1, "", now=NOW)


def test_unknown_and_expired_look_the_same() -> None:
    with pytest.raises(NotFound):
        answer(None, 5, "", now=NOW)
    with pytest.raises(NotFound):
        answer(survey(), 5, "", now=NOW + timedelta(days=31))


@pytest.mark.parametrize("score", [0, 6, -1])
def test_score_is_one_to_five(score: int) -> None:
    with pytest.raises(InvalidArgument) as refused:
        answer(survey(), score, "", now=NOW)
    assert refused.value.violations[0].field == "score"
