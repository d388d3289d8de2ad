"""Reporting's stages come from the events that describe them; events from before the
description are read through the one legacy fallback."""

from datetime import UTC, datetime
from decimal import Decimal

from crm.common.v1.money_pb2 import Money
from crm.events.v1 import sales_events_pb2 as sa
from crm_platform import topics
from crm_platform.envelope import build_envelope
from reporting.domain.deals import DealObserved, apply_deal, visited_bit
from reporting.domain.legacy_stages import LEGACY_STAGES, described
from reporting.domain.reports.funnel import DealFigures, funnel
from reporting.domain.stages import Stage, StageSeen, apply_stage, next_stage
from reporting.entrypoints.event_translation import translate

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
OPEN_A, OPEN_B = Stage("talk", 1, False, False), Stage("offer", 2, False, False)
WON, LOST = Stage("signed", 3, True, True), Stage("gone", 4, True, False)


def test_a_described_stage_is_taken_as_the_event_says_and_an_old_one_from_the_legacy_table():
    assert described("signed", 3, True, True) == WON
    assert described("closed_won", 0, False, False) == LEGACY_STAGES["closed_won"]
    assert described("closed_won", 0, False, False).won
    assert described("unheard_of", 0, False, False) == Stage("unheard_of", 0, False, False)


def test_progress_and_next_stage_follow_the_description_not_a_list():
    stages = [LOST, WON, OPEN_B, OPEN_A]
    assert next_stage(OPEN_A, stages) == OPEN_B and next_stage(OPEN_B, stages) == WON
    assert next_stage(WON, stages) is None and next_stage(LOST, stages) is None
    assert (WON.progress, LOST.progress) == (3, 0)


def test_a_deal_is_won_by_its_event_flag_whatever_the_code():
    deal = apply_deal(None, DealObserved("d1", WON, Decimal("5.00"), "EUR", "u1", "", T0))
    assert (deal.stage, deal.won, deal.closed, deal.closed_at) == ("signed", True, True, T0)
    assert deal.furthest_order == 3


def test_the_funnel_lists_the_stages_it_learned_in_their_order():
    # Both came through talk (order 1); one went on from offer (2) to signed (3).
    through = lambda *orders: sum(visited_bit(o) for o in orders)  # noqa: E731
    deals = [DealFigures("offer", "EUR", Decimal("10.00"), 2, through(1, 2)),
             DealFigures("signed", "EUR", Decimal("5.00"), 3, through(1, 2, 3))]  # fmt: skip
    rows = funnel(deals, [WON, LOST, OPEN_A, OPEN_B])
    assert [r.stage for r in rows] == ["talk", "offer", "signed", "gone"]
    assert [r.conversion_to_next for r in rows] == [1.0, 0.5, None, None]


def test_the_newest_description_of_a_stage_wins():
    renumbered = Stage("offer", 5, False, False)
    newer = StageSeen(renumbered, T0)
    older = StageSeen(OPEN_B, datetime(2026, 1, 1, tzinfo=UTC))
    assert apply_stage(apply_stage(None, newer), older).stage == renumbered


def _observed(payload, topic):
    envelope = build_envelope(topic=topic.name, aggregate_id="d1", payload=payload,
                              producer="sales")  # fmt: skip
    return translate(envelope)


def test_an_old_stage_event_without_the_description_is_read_as_before():
    old = sa.DealStageChanged(deal_id="d1", from_stage="proposal", to_stage="closed_won",
                              amount=Money(amount="9.00", currency="EUR"))  # fmt: skip
    seen, deal, _timeline_entry = _observed(old, topics.DEAL_STAGE_CHANGED)
    assert seen.stage == deal.stage == LEGACY_STAGES["closed_won"]
    assert apply_deal(None, deal).won


def test_a_new_stage_event_describes_its_stage():
    new = sa.DealClosed(deal_id="d1", stage="signed", won=True, order=3, closed=True,
                        amount=Money(amount="9.00", currency="EUR"))  # fmt: skip
    seen, deal = _observed(new, topics.DEAL_CLOSED)
    assert seen.stage == deal.stage == WON
