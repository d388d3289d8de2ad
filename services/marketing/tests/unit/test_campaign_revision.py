"""Updating a campaign: only the fields given change, and the result is validated whole."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from crm_platform.errors import InvalidArgument
from marketing.domain.campaign import plan_campaign, revise_campaign
from marketing.domain.commands import CreateCampaign

CREATED = datetime(2026, 3, 1, tzinfo=UTC)
LATER = datetime(2026, 3, 2, tzinfo=UTC)
EXPO = plan_campaign(
    CreateCampaign(
        name="Expo", type="trade_show", owner_id="u1", start_date="2026-05-01",
        budget="100", currency="EUR",
    ),
    now=CREATED,
)  # fmt: skip


def refused(changes: dict[str, str]) -> dict[str, str]:
    with pytest.raises(InvalidArgument) as error:
        revise_campaign(EXPO, changes, now=LATER)
    return {v.field: v.message for v in error.value.violations}


def test_only_the_given_fields_change() -> None:
    revised = revise_campaign(EXPO, {"status": "active", "actual_cost": "12.5"}, now=LATER)

    assert (revised.status, revised.actual_cost) == ("active", Decimal("12.50"))
    assert (revised.id, revised.name, revised.budget) == (EXPO.id, "Expo", Decimal("100.00"))
    assert (revised.created_at, revised.updated_at) == (CREATED, LATER)


def test_an_empty_value_clears_an_optional_field() -> None:
    revised = revise_campaign(EXPO, {"budget": "", "start_date": ""}, now=LATER)
    assert (revised.budget, revised.start_date) == (None, None)


def test_a_new_end_is_checked_against_the_kept_start() -> None:
    assert refused({"end_date": "2026-04-30"}) == {"end_date": "must be on or after start_date"}
    assert revise_campaign(EXPO, {"end_date": "2026-05-01"}, now=LATER).end_date == date(2026, 5, 1)


def test_required_fields_cannot_be_cleared() -> None:
    assert set(refused({"name": "", "owner_id": " ", "currency": ""})) == {
        "name",
        "owner_id",
        "currency",
    }


def test_an_unknown_field_is_refused() -> None:
    assert refused({"colour": "red", "id": "x"}) == {"update_mask": "unknown fields: colour, id"}


def test_the_lead_counts_are_kept() -> None:
    counted = revise_campaign(EXPO, {}, now=LATER)
    counted.leads, counted.converted = 7, 2

    revised = revise_campaign(counted, {"name": "Expo 2"}, now=LATER)

    assert (revised.name, revised.leads, revised.converted) == ("Expo 2", 7, 2)
