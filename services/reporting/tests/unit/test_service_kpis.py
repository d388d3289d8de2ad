"""Tickets, follow-ups and surveys folded in any order; the service KPIs over a window."""

from datetime import UTC, datetime, timedelta
from itertools import permutations

from reporting.domain.reports.service_kpis import service_kpis
from reporting.domain.service_desk import (
    FollowUpFact,
    SurveyFact,
    TicketFact,
    apply_follow_up,
    apply_survey,
    apply_ticket,
)
from reporting.domain.window import EVERYTHING, Window

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def hours(n):
    return T0 + timedelta(hours=n)


def fold(apply, events):
    fact = None
    for event in events:
        fact = apply(fact, event)
    return fact


def ticket(state, at, resolved=None, breached=False, ticket_id="t1"):
    return TicketFact(ticket_id, state, "high", T0, resolved, breached, at)


def test_ticket_in_any_order_keeps_its_newest_state_and_any_breach():
    events = [
        ticket("new", T0),
        ticket("in_progress", hours(1), breached=True),
        ticket("resolved", hours(4), resolved=hours(4)),
    ]
    results = {fold(apply_ticket, order) for order in permutations(events)}
    assert results == {ticket("resolved", hours(4), resolved=hours(4), breached=True)}
    assert fold(apply_ticket, [*events, *events]) == results.pop()


def test_follow_up_completion_is_final_whatever_came_first():
    overdue = FollowUpFact("f1", "u1", hours(1), None, hours(2))
    done = FollowUpFact("f1", "u1", hours(1), hours(3), None, late=True)
    results = {fold(apply_follow_up, order) for order in permutations([overdue, done, overdue])}
    assert results == {FollowUpFact("f1", "u1", hours(1), hours(3), hours(2), True)}


def test_a_survey_is_answered_once():
    first = SurveyFact("s1", 4, T0)
    assert apply_survey(apply_survey(None, first), SurveyFact("s1", 1, hours(1))) == first


def test_kpis():
    tickets = [
        fold(apply_ticket, [ticket("resolved", hours(4), resolved=hours(4), breached=True)]),
        ticket("new", T0, ticket_id="t2"),
    ]
    follow_ups = [
        FollowUpFact("f1", "u1", hours(1), hours(3), hours(2), True),
        FollowUpFact("f2", "u1", hours(1), None, hours(2)),
        FollowUpFact("f3", "u1", hours(-100), hours(-99), None),
    ]
    surveys = [SurveyFact("s1", 4, hours(5)), SurveyFact("s2", 5, hours(6))]
    kpis = service_kpis(tickets, follow_ups, surveys, Window(T0, hours(24)))
    assert (kpis.tickets_opened, kpis.tickets_resolved, kpis.sla_breaches) == (2, 1, 1)
    assert kpis.mean_time_to_resolve_hours == 4.0
    assert (kpis.surveys_answered, kpis.average_satisfaction) == (2, 4.5)
    assert (kpis.follow_ups_due, kpis.follow_ups_done, kpis.follow_ups_overdue) == (2, 1, 1)
    everything = service_kpis(tickets, follow_ups, surveys, EVERYTHING)
    assert everything.follow_ups_due == 3 and everything.follow_ups_done == 2
    empty = service_kpis([], [], [], EVERYTHING)
    assert empty.mean_time_to_resolve_hours is None and empty.average_satisfaction is None


def scheduled(at, due, owner="u1"):
    return FollowUpFact("f1", owner, due, None, None, changed_at=at)


def overdue(found, due, owner="u1"):
    return FollowUpFact("f1", owner, due, None, found, changed_at=found)


def completed(at, due, owner="u1"):
    return FollowUpFact("f1", owner, due, at, None, at > due, changed_at=at)


def cancelled(at):
    return FollowUpFact("f1", "", None, None, None, cancelled_at=at)


def folds(events):
    """The fact of every order of `events`, and of them all twice over."""
    results = {fold(apply_follow_up, order) for order in permutations(events)}
    results.add(fold(apply_follow_up, [*events, *reversed(events), *events]))
    return results


def test_a_rescheduled_follow_up_is_due_at_its_newest_time_in_any_order_and_any_number():
    events = [
        scheduled(T0, hours(5)),
        scheduled(hours(1), hours(8), owner="u2"),
        completed(hours(9), hours(8), owner="u2"),
    ]
    [fact] = folds(events)
    assert (fact.owner_id, fact.due_at, fact.late) == ("u2", hours(8), True)
    assert fact.completed_at == hours(9)
    assert not fact.open and not fact.overdue
    # Before its completion came, the newest scheduling alone decides, whatever came first.
    [pending] = folds(events[:2])
    assert (pending.owner_id, pending.due_at, pending.open) == ("u2", hours(8), True)


def test_a_cancellation_is_final_even_before_its_follow_up_was_seen_scheduled():
    events = [scheduled(T0, hours(5)), scheduled(hours(1), hours(6)), cancelled(hours(2))]
    [fact] = folds(events)
    assert fact.cancelled_at == hours(2) and fact.due_at == hours(6) and not fact.open
    alone = fold(apply_follow_up, [cancelled(hours(2))])
    assert alone.due_at is None and not alone.open
    # A late, older scheduling does not reopen it.
    assert apply_follow_up(fact, scheduled(T0, hours(5))) == fact


def test_rescheduling_a_missed_follow_up_clears_its_overdue_until_missed_again():
    missed = [scheduled(T0, hours(1)), overdue(hours(2), hours(1))]
    [fact] = folds(missed)
    assert fact.overdue
    [moved] = folds([*missed, scheduled(hours(3), hours(10))])
    assert (moved.due_at, moved.overdue_at, moved.overdue) == (hours(10), hours(2), False)
    [handed_over] = folds([*missed, scheduled(hours(3), hours(1), owner="u2")])
    assert handed_over.owner_id == "u2" and handed_over.overdue  # same due time, still missed
    [again] = folds([*missed, scheduled(hours(3), hours(10)), overdue(hours(11), hours(10))])
    assert again.overdue and again.due_at == hours(10)


def test_kpis_count_follow_ups_only_scheduled_as_due_and_leave_cancelled_ones_out():
    follow_ups = [
        FollowUpFact("f1", "u1", hours(2), None, None, changed_at=T0),  # scheduled, due in it
        FollowUpFact("f2", "u1", hours(3), hours(4), None, changed_at=hours(4)),  # done
        FollowUpFact("f3", "u1", hours(1), None, hours(2), changed_at=hours(2)),  # missed
        FollowUpFact("f4", "u1", hours(5), None, None, cancelled_at=hours(1), changed_at=T0),
        FollowUpFact("f5", "u1", None, None, None, cancelled_at=hours(1)),  # only its cancel
        FollowUpFact("f6", "u1", hours(30), None, None, changed_at=T0),  # due after the window
        # Found past an earlier due time, then moved into the window's future: not overdue.
        FollowUpFact("f7", "u1", hours(20), None, hours(2), changed_at=hours(3)),
    ]
    kpis = service_kpis([], follow_ups, [], Window(T0, hours(24)))
    assert (kpis.follow_ups_due, kpis.follow_ups_done, kpis.follow_ups_overdue) == (4, 1, 1)
    assert service_kpis([], follow_ups, [], EVERYTHING).follow_ups_due == 5
