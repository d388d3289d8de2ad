"""Service KPIs over a window: tickets opened and resolved in it, SLA breaches of the tickets
opened in it, mean time to resolve (hours), average satisfaction of the surveys answered in it,
and follow-ups due, done and overdue.

A follow-up is due in the window when its current due time (after any rescheduling) is in it
and it was not cancelled, done or not; done when completed in the window; overdue when due in
the window, still open, and found past that due time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reporting.domain.service_desk import FollowUpFact, SurveyFact, TicketFact
from reporting.domain.window import Window


@dataclass(frozen=True)
class ServiceKpis:
    tickets_opened: int
    tickets_resolved: int
    sla_breaches: int
    mean_time_to_resolve_hours: float | None
    surveys_answered: int
    average_satisfaction: float | None
    follow_ups_due: int
    follow_ups_done: int
    follow_ups_overdue: int


def service_kpis(
    tickets: Iterable[TicketFact],
    follow_ups: Iterable[FollowUpFact],
    surveys: Iterable[SurveyFact],
    window: Window,
) -> ServiceKpis:
    tickets, follow_ups = list(tickets), list(follow_ups)
    opened = [t for t in tickets if window.contains(t.created_at)]
    resolved = [t for t in tickets if t.resolved_at and window.contains(t.resolved_at)]
    hours = [(t.resolved_at - t.created_at).total_seconds() / 3600 for t in resolved]
    scores = [s.score for s in surveys if window.contains(s.answered_at)]
    due = [
        f
        for f in follow_ups
        if f.cancelled_at is None and f.due_at is not None and window.contains(f.due_at)
    ]
    return ServiceKpis(
        tickets_opened=len(opened),
        tickets_resolved=len(resolved),
        sla_breaches=sum(1 for t in opened if t.sla_breached),
        mean_time_to_resolve_hours=_mean(hours),
        surveys_answered=len(scores),
        average_satisfaction=_mean(scores),
        follow_ups_due=len(due),
        follow_ups_done=sum(
            1 for f in follow_ups if f.completed_at and window.contains(f.completed_at)
        ),
        follow_ups_overdue=sum(1 for f in due if f.overdue),
    )


def _mean(values: list[float] | list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None
