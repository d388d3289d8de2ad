"""Deals move between the nine stages; probability follows; closed deals stay closed."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from crm_platform.errors import FailedPrecondition, InvalidArgument
from sales.domain.deal import change_deal, new_deal
from sales.domain.stages import first_change, history_entry, move_deal

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

VALUES = {"name": "Pumps", "customer_id": "c1", "owner_id": "u1"}


def test_a_new_deal_starts_at_qualification_with_its_probability(dictionary):
    deal = new_deal(VALUES, dictionary, now=NOW)
    assert (deal.stage, deal.probability, deal.closed) == ("qualification", 10, False)
    assert (deal.amount, deal.currency) == (Decimal("0.00"), "USD")
    change = first_change(deal, dictionary)
    assert (change.from_stage, change.to.code) == ("", "qualification")


def test_a_new_deal_may_not_start_closed_or_unknown(dictionary):
    for stage in ("closed_won", "won"):
        with pytest.raises(InvalidArgument) as refused:
            new_deal({**VALUES, "stage": stage}, dictionary, now=NOW)
        assert [v.field for v in refused.value.violations] == ["stage"]


def test_amount_needs_a_currency_and_is_never_negative(dictionary):
    with pytest.raises(InvalidArgument) as refused:
        new_deal({**VALUES, "amount": "-1"}, dictionary, now=NOW)
    assert {v.field for v in refused.value.violations} == {"amount", "currency"}
    deal = new_deal({**VALUES, "amount": "12500", "currency": "EUR"}, dictionary, now=NOW)
    assert str(deal.amount) == "12500.00"


@pytest.mark.parametrize(
    ("stage", "probability", "closed"),
    [("needs_analysis", 25, False), ("negotiation", 90, False), ("closed_won", 100, True),
     ("closed_lost", 0, True), ("lost_to_competitor", 0, True)],
)  # fmt: skip
def test_moving_sets_the_stage_probability(dictionary, stage, probability, closed):
    deal = new_deal(VALUES, dictionary, now=NOW)
    later = NOW + timedelta(hours=1)
    moved, change = move_deal(deal, stage, dictionary, now=later)
    assert (moved.stage, moved.probability, moved.closed) == (stage, probability, closed)
    assert (change.from_stage, change.from_probability, change.to.code) == (
        "qualification",
        10,
        stage,
    )
    assert moved.closed_at == (later if closed else None)


def test_a_closed_deal_cannot_move(dictionary):
    won, _ = move_deal(new_deal(VALUES, dictionary, now=NOW), "closed_won", dictionary, now=NOW)
    with pytest.raises(FailedPrecondition, match="closed"):
        move_deal(won, "negotiation", dictionary, now=NOW)


def test_moving_to_the_same_or_an_unknown_stage_is_refused(dictionary):
    deal = new_deal(VALUES, dictionary, now=NOW)
    with pytest.raises(FailedPrecondition):
        move_deal(deal, "qualification", dictionary, now=NOW)
    with pytest.raises(InvalidArgument):
        move_deal(deal, "sold", dictionary, now=NOW)


def test_a_closed_deal_keeps_its_amount(dictionary):
    won, _ = move_deal(new_deal(VALUES, dictionary, now=NOW), "closed_won", dictionary, now=NOW)
    with pytest.raises(FailedPrecondition):
        change_deal(won, {"amount": "5"}, dictionary, now=NOW)
    assert change_deal(won, {"description": "paid"}, dictionary, now=NOW).description == "paid"


def test_probability_is_read_only(dictionary):
    deal = new_deal(VALUES, dictionary, now=NOW)
    with pytest.raises(InvalidArgument) as refused:
        change_deal(deal, {"probability": 99}, dictionary, now=NOW)
    assert [v.field for v in refused.value.violations] == ["probability"]


def test_history_entry_records_the_deal_as_it_stands(dictionary):
    deal = replace(new_deal(VALUES, dictionary, now=NOW), amount=Decimal("9.50"))
    entry = history_entry(deal, changed_by="u2", now=NOW)
    assert (entry.stage, entry.amount, entry.changed_by, entry.changed_at) == (
        "qualification",
        Decimal("9.50"),
        "u2",
        NOW,
    )
