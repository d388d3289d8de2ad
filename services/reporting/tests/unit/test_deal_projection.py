"""Deal events in any order, and twice, fold to the same deal; the funnel reads it."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import permutations

from reporting.domain.deals import DealObserved, apply_deal
from reporting.domain.legacy_stages import LEGACY_STAGES
from reporting.domain.reports.funnel import DealFigures, funnel

NINE = LEGACY_STAGES.values()
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def observed(stage, hours, amount="100.00", created=None, closed=None, deal_id="d1", cur="EUR"):
    return DealObserved(
        deal_id, LEGACY_STAGES[stage], Decimal(amount), cur, "u1", "c1",
        T0 + timedelta(hours=hours), created_at=created, closed_at=closed,
    )  # fmt: skip


def fold(events):
    fact = None
    for event in events:
        fact = apply_deal(fact, event)
    return fact


HISTORY = [
    observed("qualification", 0),
    observed("proposal", 1, "150.00"),
    observed("closed_won", 2, "150.00"),
    observed("closed_won", 2, "150.00", created=T0, closed=T0 + timedelta(hours=2)),
]


def test_any_order_gives_the_same_deal():
    results = {fold(order) for order in permutations(HISTORY)}
    assert len(results) == 1
    deal = results.pop()
    assert deal.stage == "closed_won" and deal.won and deal.closed
    assert deal.amount == Decimal("150.00")
    assert deal.created_at == T0 and deal.closed_at == T0 + timedelta(hours=2)
    assert deal.furthest_order == 7


def test_a_duplicate_changes_nothing():
    once = fold(HISTORY[:2])
    assert fold([*HISTORY[:2], HISTORY[1], HISTORY[0]]) == once


def test_a_late_older_stage_does_not_move_the_deal_back():
    deal = fold([observed("negotiation", 5, "90.00"), observed("qualification", 0, "10.00")])
    assert deal.stage == "negotiation" and deal.amount == Decimal("90.00")
    assert deal.created_at == T0


def test_a_lost_deal_keeps_the_furthest_stage_it_reached():
    deal = fold([observed("qualification", 0), observed("proposal", 1), observed("closed_lost", 2)])
    assert deal.stage == "closed_lost" and not deal.won
    assert deal.furthest_order == 5
    assert deal.closed_at == T0 + timedelta(hours=2)


def test_funnel_counts_current_stages_and_converts_from_history():
    deals = [
        fold([observed("qualification", 0, deal_id="a")]),
        fold([observed("qualification", 0, deal_id="b"), observed("needs_analysis", 1, "50.00",
              deal_id="b")]),
        fold([observed("qualification", 0, deal_id="c"), observed("needs_analysis", 1,
              deal_id="c"), observed("closed_lost", 2, deal_id="c")]),
        fold([observed("proposal", 0, "7.00", deal_id="usd", cur="USD")]),
    ]  # fmt: skip
    rows = {(r.currency, r.stage): r for r in funnel(deals, NINE)}
    assert len(rows) == 18  # nine stages for each currency
    qualification = rows["EUR", "qualification"]
    assert qualification.count == 1 and qualification.amount == Decimal("100.00")
    assert qualification.conversion_to_next == round(2 / 3, 4)  # b and c moved on, a did not
    assert rows["EUR", "needs_analysis"].count == 1
    assert rows["EUR", "needs_analysis"].amount == Decimal("50.00")
    assert rows["EUR", "needs_analysis"].conversion_to_next == 0.0
    assert rows["EUR", "value_proposition"].conversion_to_next is None  # none reached it
    assert rows["EUR", "closed_lost"].count == 1
    assert rows["EUR", "closed_won"].conversion_to_next is None
    assert rows["USD", "proposal"].amount == Decimal("7.00")
    # Issue 16: a stage the deal skipped has no "moved on" (it was "100 %"); only where it was.
    assert rows["USD", "qualification"].conversion_to_next is None
    assert rows["USD", "proposal"].conversion_to_next == 0.0


def test_the_funnel_of_a_deals_figures_is_the_funnel_of_its_facts():
    """The hot read gives the funnel only four fields of each live deal (DealFigures)."""
    facts = [
        fold([observed("qualification", 0, deal_id="a"), observed("proposal", 1, "30.10",
              deal_id="a")]),
        fold([observed("qualification", 0, "0.05", deal_id="b")]),
        fold([observed("closed_won", 0, "12.34", deal_id="c", cur="USD")]),
    ]  # fmt: skip
    figures = [
        DealFigures(f.stage, f.currency, f.amount, f.furthest_order, f.visited) for f in facts
    ]
    assert funnel(figures, NINE) == funnel(facts, NINE)
    rows = {(r.currency, r.stage): r for r in funnel(figures, NINE)}
    assert rows["EUR", "qualification"].amount == Decimal("0.05")
    assert rows["EUR", "proposal"].amount == Decimal("30.10")
    assert rows["EUR", "qualification"].conversion_to_next == 0.5
    assert rows["USD", "closed_won"].count == 1 and rows["USD", "proposal"].count == 0
