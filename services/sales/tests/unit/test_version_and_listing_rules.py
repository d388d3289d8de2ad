"""The domain rules of issue 16: a record's version, and what a list request may ask for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from crm_platform.errors import FailedPrecondition, InvalidArgument
from crm_platform.versions import StaleVersion, check_version, next_version
from sales.domain.listing import listing


@dataclass
class Record:
    version: int


def test_a_change_takes_the_next_version():
    assert next_version(Record(1)) == 2


def test_the_version_read_must_be_the_current_one():
    check_version("deal", Record(3), 3)
    check_version("deal", Record(3), 0)  # nothing said: nothing checked
    with pytest.raises(StaleVersion) as stale:
        check_version("deal", Record(3), 2)
    assert isinstance(stale.value, FailedPrecondition)  # a rule refusing in the present state
    assert stale.value.current == 3
    assert "version 3, not 2" in stale.value.message


def test_a_listing_parses_the_order_filters_and_day_range():
    asked = listing(
        "deal",
        {"sort": "-amount", "owner_id": " rep-1 ", "stage": "", "created_from": "2027-01-01",
         "created_to": "2027-01-31", "amount_min": "10", "expected_close_to": "2027-06-30",
         "state": "ignored: deals have no state filter"},
    )  # fmt: skip
    assert (asked.order.key, asked.order.descending) == ("amount", True)
    assert asked.equal == {"owner_id": "rep-1"}
    assert asked.created == (datetime(2027, 1, 1, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC))
    assert asked.amount == (Decimal("10.00"), None)
    assert asked.closing == (None, date(2027, 6, 30))


def test_the_default_order_is_newest_first():
    order = listing("lead", {}).order
    assert (order.key, order.descending) == ("created_at", True)


def test_every_bad_parameter_is_named_at_once():
    with pytest.raises(InvalidArgument) as refused:
        listing(
            "lead",
            {"sort": "amount", "created_from": "2027-02-01", "created_to": "2027-01-01",
             "owner_id": "x" * 201},
        )  # fmt: skip
    assert {v.field for v in refused.value.violations} == {"sort", "created_to", "owner_id"}


def test_ranges_the_wrong_way_round_are_refused():
    with pytest.raises(InvalidArgument) as refused:
        listing("deal", {"amount_min": "5", "amount_max": "1", "expected_close_from": "2027-02-01",
                         "expected_close_to": "2027-01-01"})  # fmt: skip
    assert {v.field for v in refused.value.violations} == {"amount_max", "expected_close_to"}
