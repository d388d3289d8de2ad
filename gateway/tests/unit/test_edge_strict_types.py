"""Request bodies take JSON's own types, nothing coerced, and dates and times only as ISO
text, in bodies and in queries (issue 24, finding 17: `next_contact_at: 0` became
1970-01-01)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from gateway.models.campaigns import CampaignCreate, CampaignListQuery
from gateway.models.deals import DealCreate, MoveDeal
from gateway.models.follow_ups import FollowUpCreate, FollowUpPatch, FollowUpQuery
from gateway.models.leads import ConvertLead, LeadCreate
from gateway.models.reports import WindowQuery
from gateway.models.surveys import SurveyAnswerIn

DUE = "2026-03-31T09:30:00+02:00"
LEAD = {"full_name": "A"}
DEAL = {"name": "D", "customer_id": "c"}


def refused_field(model: type[BaseModel], data: dict) -> str:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    [error] = raised.value.errors()
    return ".".join(str(part) for part in error["loc"])


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (LeadCreate, LEAD | {"next_contact_at": 0}, "next_contact_at"),
        (LeadCreate, LEAD | {"next_contact_at": 1.5e9}, "next_contact_at"),
        (LeadCreate, LEAD | {"next_contact_at": "0"}, "next_contact_at"),
        (LeadCreate, LEAD | {"next_contact_at": "2026-03-31T09:30:00"}, "next_contact_at"),
        (LeadCreate, {"full_name": 5}, "full_name"),
        (DealCreate, DEAL | {"expected_close_date": 0}, "expected_close_date"),
        (DealCreate, DEAL | {"expected_close_date": "2026-03-31T00:00:00Z"}, "expected_close_date"),
        (CampaignCreate, {"name": "C", "type": "email", "start_date": 20260331}, "start_date"),
        (FollowUpCreate, {"customer_id": "c", "subject": "s", "due_at": 0}, "due_at"),
        (ConvertLead, {"create_deal": 1}, "create_deal"),
        (ConvertLead, {"create_deal": "true"}, "create_deal"),
        (ConvertLead, {"create_deal": True, "deal": {"name": "D", "expected_close_date": 0}},
         "deal.expected_close_date"),
        (SurveyAnswerIn, {"score": "5"}, "score"),
        (SurveyAnswerIn, {"score": 5.0}, "score"),
        (SurveyAnswerIn, {"score": True}, "score"),
        (MoveDeal, {"stage": 3}, "stage"),
        (FollowUpPatch, {"due_at": "1700000000"}, "due_at"),
    ],
)  # fmt: skip
def test_a_body_value_of_another_type_is_refused_not_coerced(model, data, field):
    assert refused_field(model, data) == field


def test_a_body_of_json_types_still_validates():
    lead = LeadCreate.model_validate(LEAD | {"next_contact_at": DUE})
    converted = ConvertLead.model_validate(
        {"create_deal": True, "deal": {"name": "D", "expected_close_date": "2026-03-31"}}
    )
    answer = SurveyAnswerIn.model_validate({"score": 5})

    assert lead.next_contact_at == dt.datetime.fromisoformat(DUE)
    assert converted.deal.expected_close_date == dt.date(2026, 3, 31)
    assert answer.score == 5


@pytest.mark.parametrize(
    ("model", "query", "field"),
    [
        (CampaignListQuery, {"start_after": "0"}, "start_after"),
        (CampaignListQuery, {"start_after": "1700000000"}, "start_after"),
        (FollowUpQuery, {"due_before": "0"}, "due_before"),
        (WindowQuery, {"from": "86400"}, "from"),
    ],
)
def test_a_query_time_given_as_a_number_is_refused(model, query, field):
    assert refused_field(model, query) == field


def test_query_strings_are_still_read_as_their_types():
    # A query string is all text: numbers, booleans and ISO times are read from it.
    assert CampaignListQuery.model_validate({"page_size": "20", "start_after": "2026-03-01"})
    assert FollowUpQuery.model_validate({"overdue": "true", "due_before": DUE}).overdue
    window = WindowQuery.model_validate({"from": "2026-03-01T00:00", "to": "2026-04-01"})
    assert window.from_ == dt.datetime(2026, 3, 1)
