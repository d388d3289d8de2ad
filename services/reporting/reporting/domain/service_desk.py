"""What reporting knows of tickets, follow-ups and surveys, from the `service-desk.*` topics.

As with deals, events of one object may come late or twice: the newest event by time gives the
state, while facts that only ever appear once (a breach, an answer, a completion) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime


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
    """A follow-up from its scheduled, overdue, completed and cancelled events.

    `due_at` and `owner_id` are those of the newest event carrying them (`changed_at`): a
    scheduling (or rescheduling), an overdue notice or the completion. A follow-up known only
    from its cancellation has no due time yet. Completion and cancellation are final: no
    scheduling event, however late it arrives, makes it due again.
    """

    follow_up_id: str
    owner_id: str
    due_at: datetime | None
    completed_at: datetime | None  # from follow-up-completed
    overdue_at: datetime | None  # from follow-up-overdue: when it was found past due
    late: bool = False
    cancelled_at: datetime | None = None  # from follow-up-cancelled
    changed_at: datetime | None = None  # the time of the event that gave due_at and owner_id

    @property
    def open(self) -> bool:
        return self.completed_at is None and self.cancelled_at is None

    @property
    def overdue(self) -> bool:
        """Open, and found past its current due time (not only past one it was moved from)."""
        return (
            self.open
            and self.due_at is not None
            and self.overdue_at is not None
            and self.due_at <= self.overdue_at
        )


def apply_follow_up(fact: FollowUpFact | None, event: FollowUpFact) -> FollowUpFact:
    """Commutative, associative and idempotent: any order of the same events, each any number
    of times, gives one fact."""
    if fact is None:
        return event
    scheduled = max((f for f in (fact, event) if f.due_at is not None), key=_newest, default=fact)
    return FollowUpFact(
        fact.follow_up_id,
        scheduled.owner_id,
        scheduled.due_at,
        _earliest(fact.completed_at, event.completed_at),  # only ever one completion
        max((t for t in (fact.overdue_at, event.overdue_at) if t), default=None),
        fact.late or event.late,
        _earliest(fact.cancelled_at, event.cancelled_at),
        scheduled.changed_at,
    )


def _newest(fact: FollowUpFact) -> tuple:
    # Ties (two events of the same instant) go to the later due time, then the greater owner
    # id, so that the winner does not depend on the order they came in.
    return (fact.changed_at or _NEVER, fact.due_at, fact.owner_id)


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return min((t for t in (a, b) if t), default=None)


_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SurveyFact:
    survey_id: str
    score: int
    answered_at: datetime


def apply_survey(fact: SurveyFact | None, event: SurveyFact) -> SurveyFact:
    return fact or event  # a survey is answered once
