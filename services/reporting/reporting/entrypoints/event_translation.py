"""Event payloads (protobuf) into the observations the domain folds, one function per topic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crm.events.v1 import marketing_events_pb2, sales_events_pb2
from crm.events.v1 import service_desk_events_pb2 as sd
from crm.events.v1.envelope_pb2 import Envelope
from crm_platform import topics
from crm_platform.envelope import occurred_at, unpack
from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealGone, DealObserved
from reporting.domain.leads import LeadGone, LeadObserved
from reporting.domain.legacy_stages import described
from reporting.domain.money import as_amount
from reporting.domain.service_desk import FollowUpFact, SurveyFact, TicketFact
from reporting.domain.stages import StageSeen
from reporting.entrypoints.stamps import time_or as _time
from reporting.entrypoints.timeline_translation import TIMELINE


def lead_created(e: sales_events_pb2.LeadCreated, envelope: Envelope) -> LeadObserved:
    at = _time(e.created_at, occurred_at(envelope))
    return LeadObserved(e.lead_id, e.source, e.owner_id, tuple(e.campaign_ids), created_at=at)


def lead_converted(e: sales_events_pb2.LeadConverted, envelope: Envelope) -> LeadObserved:
    at = _time(e.converted_at, occurred_at(envelope))
    return LeadObserved(e.lead_id, e.source, e.owner_id, tuple(e.campaign_ids), converted_at=at)


def deal_stage_changed(e: sales_events_pb2.DealStageChanged, envelope: Envelope) -> list:
    at = _time(e.changed_at, occurred_at(envelope))
    stage = described(e.to_stage, e.order, e.closed, e.won)
    return [StageSeen(stage, at), DealObserved(
        e.deal_id, stage, as_amount(e.amount.amount), e.amount.currency, e.owner_id,
        e.campaign_id, at, created_at=at if not e.from_stage else None,
    )]  # fmt: skip


def deal_closed(e: sales_events_pb2.DealClosed, envelope: Envelope) -> list:
    closed = _time(e.closed_at, occurred_at(envelope))
    stage = described(e.stage, e.order, e.closed, e.won)
    return [StageSeen(stage, closed), DealObserved(
        e.deal_id, stage, as_amount(e.amount.amount), e.amount.currency, e.owner_id,
        e.campaign_id, closed, created_at=_time(e.created_at), closed_at=closed,
    )]  # fmt: skip


def deal_changed(e: sales_events_pb2.DealChanged, envelope: Envelope) -> list:
    at = _time(e.changed_at, occurred_at(envelope))
    stage = described(e.stage, e.order, e.closed, e.won)
    return [StageSeen(stage, at), DealObserved(
        e.deal_id, stage, as_amount(e.amount.amount), e.amount.currency, e.owner_id,
        e.campaign_id, at, created_at=_time(e.created_at), restated=True,
    )]  # fmt: skip


def deal_deleted(e: sales_events_pb2.DealDeleted, envelope: Envelope) -> DealGone:
    return DealGone(e.deal_id, _time(e.deleted_at, occurred_at(envelope)))


def lead_changed(e: sales_events_pb2.LeadChanged, envelope: Envelope) -> LeadObserved:
    at = _time(e.changed_at, occurred_at(envelope))
    return LeadObserved(e.lead_id, e.source, e.owner_id, tuple(e.campaign_ids), changed_at=at)


def lead_deleted(e: sales_events_pb2.LeadDeleted, envelope: Envelope) -> LeadGone:
    return LeadGone(e.lead_id, _time(e.deleted_at, occurred_at(envelope)))


def campaign_changed(e: marketing_events_pb2.CampaignChanged, envelope: Envelope) -> CampaignFact:
    currency = e.actual_cost.currency or e.currency
    return CampaignFact(
        e.campaign_id, e.name, currency, as_amount(e.actual_cost.amount), e.deleted,
        occurred_at(envelope),
    )  # fmt: skip


def ticket_changed(e: sd.TicketChanged, envelope: Envelope) -> TicketFact:
    at = _time(e.changed_at, occurred_at(envelope))
    return TicketFact(
        e.ticket_id, e.to_state, e.priority, _time(e.created_at, at), _time(e.resolved_at),
        e.sla_breached or e.action == "sla_breached", at,
    )  # fmt: skip


def follow_up_scheduled(e: sd.FollowUpScheduled, envelope: Envelope) -> FollowUpFact:
    at = _time(e.scheduled_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, e.owner_id, _time(e.due_at, at), None, None,
                        changed_at=at)  # fmt: skip


def follow_up_completed(e: sd.FollowUpCompleted, envelope: Envelope) -> FollowUpFact:
    done = _time(e.completed_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, e.owner_id, _time(e.due_at, done), done, None, e.late,
                        changed_at=done)  # fmt: skip


def follow_up_overdue(e: sd.FollowUpOverdue, envelope: Envelope) -> FollowUpFact:
    found = _time(e.detected_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, e.owner_id, _time(e.due_at, found), None, found,
                        changed_at=found)  # fmt: skip


def follow_up_cancelled(e: sd.FollowUpCancelled, envelope: Envelope) -> FollowUpFact:
    at = _time(e.cancelled_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, "", None, None, None, cancelled_at=at)


def survey_answered(e: sd.SurveyAnswered, envelope: Envelope) -> SurveyFact:
    return SurveyFact(e.survey_id, e.score, _time(e.answered_at, occurred_at(envelope)))


# topic -> its translation (each topic's payload type is declared with the topic)
TRANSLATIONS: dict[str, Callable[[Any, Envelope], Any]] = {
    topics.LEAD_CREATED.name: lead_created,
    topics.LEAD_CONVERTED.name: lead_converted,
    topics.DEAL_STAGE_CHANGED.name: deal_stage_changed,
    topics.DEAL_CLOSED.name: deal_closed,
    topics.DEAL_CHANGED.name: deal_changed,
    topics.DEAL_DELETED.name: deal_deleted,
    topics.LEAD_CHANGED.name: lead_changed,
    topics.LEAD_DELETED.name: lead_deleted,
    topics.CAMPAIGN_CHANGED.name: campaign_changed,
    topics.TICKET_CHANGED.name: ticket_changed,
    topics.FOLLOW_UP_COMPLETED.name: follow_up_completed,
    topics.FOLLOW_UP_OVERDUE.name: follow_up_overdue,
    topics.FOLLOW_UP_SCHEDULED.name: follow_up_scheduled,
    topics.FOLLOW_UP_CANCELLED.name: follow_up_cancelled,
    topics.SURVEY_ANSWERED.name: survey_answered,
}


def translate(envelope: Envelope) -> list[Any]:
    """The observations one event makes, for the reports and for the customer's timeline
    (none for a topic neither folds), its payload read as its topic declares."""
    report, timeline = TRANSLATIONS.get(envelope.event_type), TIMELINE.get(envelope.event_type)
    if report is None and timeline is None:
        return []
    event = unpack(envelope, topics.BY_NAME[envelope.event_type].message)
    observed = report(event, envelope) if report is not None else []
    observed = observed if isinstance(observed, list) else [observed]
    return observed + (timeline(event, envelope) if timeline is not None else [])
