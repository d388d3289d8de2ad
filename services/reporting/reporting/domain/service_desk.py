"""What reporting knows of tickets, follow-ups and surveys, from the `service-desk.*` topics.

As with deals, events of one object may come late or twice: the newest event by time gives the
state, while facts that only ever appear once (a breach, an answer, a completion) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True)
class TicketFact:
    ticket_id: str
    state: str
    priority: str
    created_at: datetime
    resolved_at: datetime | None
    sla_breached: bool
    changed_at: datetime


def apply_ticket(fact: TicketFact | None, event: TicketFact) -> TicketFact:
    if fact is None:
        return event
    breached = fact.sla_breached or event.sla_breached
    if event.changed_at < fact.changed_at:
        return replace(fact, sla_breached=breached)
    return replace(event, sla_breached=breached)


@dataclass(frozen=True)
class FollowUpFact:
    follow_up_id: str
    owner_id: str
    due_at: datetime
    completed_at: datetime | None  # from follow-up-completed
    overdue_at: datetime | None  # from follow-up-overdue: when it was found past due
    late: bool = False


def apply_follow_up(fact: FollowUpFact | None, event: FollowUpFact) -> FollowUpFact:
    if fact is None:
        return event
    completed_at = fact.completed_at or event.completed_at
    overdue_at = max((t for t in (fact.overdue_at, event.overdue_at) if t), default=None)
    # Completion carries the final due time; otherwise the latest overdue notice does.
    if fact.completed_at is not None:
        due_at = fact.due_at
    elif event.completed_at is not None or event.overdue_at == overdue_at:
        due_at = event.due_at
    else:
        due_at = fact.due_at
    return FollowUpFact(
        fact.follow_up_id,
        event.owner_id or fact.owner_id,
        due_at,
        completed_at,
        overdue_at,
        fact.late or event.late,
    )


@dataclass(frozen=True)
class SurveyFact:
    survey_id: str
    score: int
    answered_at: datetime


def apply_survey(fact: SurveyFact | None, event: SurveyFact) -> SurveyFact:
    return fact or event  # a survey is answered once
