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
