"""A batch folded in memory at once gives what folding its events one at a time gives, with
the objects' events interleaved, out of order, repeated and deleted."""

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealGone, DealObserved
from reporting.domain.leads import LeadGone, LeadObserved
from reporting.domain.legacy_stages import LEGACY_STAGES
from reporting.domain.progress import TopicProgress
from reporting.domain.service_desk import TicketFact
from reporting.service.apply import FOLDS
from reporting.service.fold_batch import advance, fold_all

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def deal(deal_id, stage, hours, amount="100.00", **extra):
    return DealObserved(
        deal_id, LEGACY_STAGES[stage], Decimal(amount), "EUR", "u1", "c1", at(hours), **extra
    )


HISTORY = [
    deal("d1", "qualification", 0, created_at=at(0)),
    deal("d1", "proposal", 1, "150.00"),
    deal("d1", "closed_won", 2, "150.00", created_at=at(0), closed_at=at(2)),
    deal("d2", "qualification", 0, "70.00", created_at=at(0)),
    DealGone("d2", at(3)),
    deal("d2", "proposal", 2, "80.00", restated=True),  # an edit older than the deletion
    LeadObserved("l1", "web", "u1", ("c1",), created_at=at(0)),
    LeadObserved("l1", "web", "u2", ("c1",), changed_at=at(1)),
    LeadObserved("l1", "web", "u2", ("c1",), converted_at=at(2)),
    LeadGone("l2", at(1)),
    LeadObserved("l2", "chat", "u1", (), created_at=at(0)),
    CampaignFact("c1", "Fair", "EUR", Decimal("400.00"), False, at(1)),
    CampaignFact("c1", "Fair (old)", "EUR", Decimal("300.00"), False, at(0)),
    TicketFact("t1", "new", "high", at(0), None, False, at(0)),
    TicketFact("t1", "resolved", "high", at(0), at(4), True, at(4)),
]


def one_at_a_time(observations, known=None):
    facts = dict(known or {})
    for observed in observations:
        _, key, fold = FOLDS[type(observed)]
        facts[getattr(observed, key)] = fold(facts.get(getattr(observed, key)), observed)
    return facts


def test_a_batch_folds_to_what_one_event_at_a_time_gives():
    for seed in range(30):
        order = random.Random(seed).sample(HISTORY, len(HISTORY))
        known = {}
        changed = fold_all(known, order)
        assert known == changed == one_at_a_time(order)
        assert changed["d2"].deleted_at == at(3)  # no late edit undoes the tombstone


def test_a_repeated_event_in_a_batch_changes_nothing_more():
    batch = HISTORY + HISTORY[::-1]
    assert fold_all({}, batch) == one_at_a_time(HISTORY)


def test_facts_already_known_are_folded_on_and_untouched_ones_are_not_written():
    first, second = HISTORY[:7], HISTORY[7:]
    known = one_at_a_time(first)
    changed = fold_all(dict(known), second)
    assert set(changed) == {"l1", "l2", "c1", "t1"}
    assert {**known, **changed} == one_at_a_time(HISTORY)


def test_progress_of_a_batch_counts_each_event_and_keeps_the_newest_time():
    applied = [("a", at(2)), ("b", at(1)), ("a", at(1)), ("a", at(3)), ("b", at(0))]
    before = {"a": TopicProgress("a", 10, at(5))}
    expected = dict(before)
    for topic, moment in applied:
        expected[topic] = expected.get(topic, TopicProgress(topic, 0, None)).after(moment)
    assert advance(before, applied) == expected
    assert advance(before, applied) == {
        "a": TopicProgress("a", 13, at(5)),
        "b": TopicProgress("b", 2, at(1)),
    }
    assert before == {"a": TopicProgress("a", 10, at(5))}  # the given progress is left as is
