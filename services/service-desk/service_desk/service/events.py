"""The events the service desk publishes, as `crm.events.v1` payloads."""

from __future__ import annotations

from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from crm.events.v1 import service_desk_events_pb2 as events
from crm_platform import topics
from service_desk.domain.follow_up import FollowUp
from service_desk.domain.survey import Survey
from service_desk.domain.ticket import Ticket

# The producer named in their envelopes (bootstrap.SERVICE_NAME).
PRODUCER = "service-desk"

# The topics it publishes to, by name (declared in crm_platform.topics).
FOLLOW_UP_COMPLETED = topics.FOLLOW_UP_COMPLETED.name
FOLLOW_UP_OVERDUE = topics.FOLLOW_UP_OVERDUE.name
FOLLOW_UP_SCHEDULED = topics.FOLLOW_UP_SCHEDULED.name
FOLLOW_UP_CANCELLED = topics.FOLLOW_UP_CANCELLED.name
TICKET_CHANGED = topics.TICKET_CHANGED.name
SURVEY_ANSWERED = topics.SURVEY_ANSWERED.name


def follow_up_scheduled(follow_up: FollowUp) -> events.FollowUpScheduled:
    """Scheduled, or rescheduled: `updated_at` is when it took its current due time and owner."""
    return events.FollowUpScheduled(
        follow_up_id=follow_up.id,
        customer_id=follow_up.customer_id,
        contact_id=follow_up.contact_id or "",
        deal_id=follow_up.deal_id or "",
        owner_id=follow_up.owner_id,
        subject=follow_up.subject,
        priority=follow_up.priority,
        due_at=ts(follow_up.due_at),
        scheduled_at=ts(follow_up.updated_at or follow_up.created_at),
        deal_owner_id=follow_up.deal_owner_id or "",
        created_at=ts(follow_up.created_at),
    )


def follow_up_cancelled(follow_up: FollowUp) -> events.FollowUpCancelled:
    return events.FollowUpCancelled(
        follow_up_id=follow_up.id,
        cancelled_at=ts(follow_up.updated_at),
        customer_id=follow_up.customer_id,
        owner_id=follow_up.owner_id,
        subject=follow_up.subject,
        deal_owner_id=follow_up.deal_owner_id or "",
    )


def follow_up_completed(follow_up: FollowUp) -> events.FollowUpCompleted:
    assert follow_up.completed_at is not None
    return events.FollowUpCompleted(
        follow_up_id=follow_up.id,
        customer_id=follow_up.customer_id,
        deal_id=follow_up.deal_id or "",
        owner_id=follow_up.owner_id,
        outcome=follow_up.outcome,
        due_at=ts(follow_up.due_at),
        completed_at=ts(follow_up.completed_at),
        late=follow_up.completed_at > follow_up.due_at,
        subject=follow_up.subject,
        deal_owner_id=follow_up.deal_owner_id or "",
    )


def follow_up_overdue(follow_up: FollowUp, now: datetime) -> events.FollowUpOverdue:
    return events.FollowUpOverdue(
        follow_up_id=follow_up.id,
        customer_id=follow_up.customer_id,
        deal_id=follow_up.deal_id or "",
        owner_id=follow_up.owner_id,
        subject=follow_up.subject,
        priority=follow_up.priority,
        due_at=ts(follow_up.due_at),
        detected_at=ts(now),
        deal_owner_id=follow_up.deal_owner_id or "",
    )


def ticket_changed(before: Ticket | None, after: Ticket, action: str) -> events.TicketChanged:
    return events.TicketChanged(
        ticket_id=after.id,
        action=action,
        from_state=before.state if before else "",
        to_state=after.state,
        priority=after.priority,
        category=after.category,
        channel=after.channel,
        customer_id=after.customer_id,
        assignee_id=after.assignee_id or "",
        sla_due_at=ts(after.sla_due_at),
        sla_breached=after.sla_breached,
        created_at=ts(after.created_at),
        resolved_at=ts(after.resolved_at),
        changed_at=ts(after.updated_at),
        subject=after.subject,
        reporter_id=after.reporter_id,
        resolution=after.resolution,
    )


def survey_answered(survey: Survey, subject: str) -> events.SurveyAnswered:
    """`subject`: the subject line of the ticket or follow-up the survey asks about."""
    return events.SurveyAnswered(
        survey_id=survey.id,
        ticket_id=survey.ticket_id or "",
        follow_up_id=survey.follow_up_id or "",
        customer_id=survey.customer_id,
        score=survey.score or 0,
        comment=survey.comment,
        answered_at=ts(survey.answered_at),
        subject=subject,
    )


def ts(moment: datetime | None) -> Timestamp | None:
    """None leaves the field unset, which is how "no time" reads on the wire."""
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp
