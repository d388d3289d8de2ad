"""The rules a new campaign must pass, checked without any I/O."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from crm_platform.errors import InvalidArgument
from marketing.domain.campaign import plan_campaign
from marketing.domain.commands import CreateCampaign

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
VALID = CreateCampaign(name="Spring expo", type="trade_show", owner_id="u1")


def violations(command: CreateCampaign) -> dict[str, str]:
    with pytest.raises(InvalidArgument) as refused:
        plan_campaign(command, now=NOW)
    return {v.field: v.message for v in refused.value.violations}


def test_a_minimal_campaign_gets_its_defaults() -> None:
    campaign = plan_campaign(VALID, now=NOW)

    uuid.UUID(campaign.id)
    assert campaign.status == "planned"
    assert campaign.currency == "USD"
    assert campaign.budget is None and campaign.actual_cost is None
    assert campaign.start_date is None and campaign.end_date is None
    assert campaign.description == ""
    assert campaign.created_at == campaign.updated_at == NOW


def test_every_bad_field_is_reported_at_once() -> None:
    command = CreateCampaign(
        name=" ",
        type="billboard",
        status="paused",
        owner_id="",
        start_date="2026-13-01",
        budget="-1",
        actual_cost="ten",
        currency="usd",
    )

    assert set(violations(command)) == {
        "name",
        "type",
        "status",
        "owner_id",
        "start_date",
        "budget",
        "actual_cost",
        "currency",
    }


def test_the_error_message_names_the_fields() -> None:
    with pytest.raises(InvalidArgument, match="invalid campaign: name, type"):
        plan_campaign(replace(VALID, name="", type=""), now=NOW)


def test_name_is_at_most_200_characters_and_trimmed() -> None:
    assert plan_campaign(replace(VALID, name=" Expo "), now=NOW).name == "Expo"
    assert plan_campaign(replace(VALID, name="x" * 200), now=NOW)
    assert "name" in violations(replace(VALID, name="x" * 201))


def test_end_date_may_not_precede_start_date() -> None:
    same_day = plan_campaign(
        replace(VALID, start_date="2026-05-01", end_date="2026-05-01"), now=NOW
    )
    assert same_day.start_date == same_day.end_date == date(2026, 5, 1)

    assert violations(replace(VALID, start_date="2026-05-02", end_date="2026-05-01")) == {
        "end_date": "must be on or after start_date"
    }


def test_an_open_ended_campaign_has_only_a_start() -> None:
    campaign = plan_campaign(replace(VALID, start_date="2026-05-02"), now=NOW)
    assert (campaign.start_date, campaign.end_date) == (date(2026, 5, 2), None)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12500", Decimal("12500.00")), ("0.5", Decimal("0.50")), ("1.250", Decimal("1.25")),
     ("-0", Decimal("0.00")), ("999999999999.99", Decimal("999999999999.99"))],
)  # fmt: skip
def test_money_is_kept_with_two_decimal_places(text: str, amount: Decimal) -> None:
    campaign = plan_campaign(replace(VALID, budget=text, currency="EUR"), now=NOW)
    assert campaign.budget == amount
    assert str(campaign.budget) == str(amount)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-0.01", "must not be negative"),
        ("1.005", "must have at most 2 decimal places"),
        ("abc", "must be a decimal number such as 1250.00"),
        ("NaN", "must be a decimal number such as 1250.00"),
        ("Infinity", "must be a decimal number such as 1250.00"),
        ("1000000000000", "must be less than 1000000000000"),
    ],
)
def test_bad_money_is_refused(text: str, message: str) -> None:
    assert violations(replace(VALID, actual_cost=text, currency="EUR")) == {"actual_cost": message}


def test_money_needs_a_currency() -> None:
    assert violations(replace(VALID, budget="100")) == {
        "currency": "is required when a budget or actual cost is given"
    }
    assert "currency" in violations(replace(VALID, actual_cost="1", currency="EURO"))


def test_a_currency_without_money_is_kept() -> None:
    assert plan_campaign(replace(VALID, currency="CNY"), now=NOW).currency == "CNY"


@pytest.mark.parametrize("status", ["planned", "active", "completed", "aborted"])
def test_each_status_is_accepted(status: str) -> None:
    assert plan_campaign(replace(VALID, status=status), now=NOW).status == status
