"""Event payloads (protobuf) into the observations the domain folds, one function per topic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from crm.events.v1 import envelope_pb2, marketing_events_pb2, sales_events_pb2
from crm.events.v1 import service_desk_events_pb2 as sd
from crm_platform.envelope import occurred_at, unpack
from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealGone, DealObserved
from reporting.domain.leads import LeadGone, LeadObserved
from reporting.domain.money import as_amount
from reporting.domain.service_desk import FollowUpFact, SurveyFact, TicketFact


def _time(stamp: Timestamp, fallback: datetime | None = None) -> datetime | None:
    """A set timestamp as UTC; an unset one (0) is `fallback`."""
    if stamp.seconds == 0 and stamp.nanos == 0:
        return fallback
    return stamp.ToDatetime(tzinfo=UTC)


def lead_created(envelope: envelope_pb2.Envelope) -> LeadObserved:
    e = unpack(envelope, sales_events_pb2.LeadCreated)
    at = _time(e.created_at, occurred_at(envelope))
    return LeadObserved(e.lead_id, e.source, e.owner_id, tuple(e.campaign_ids), created_at=at)


def lead_converted(envelope: envelope_pb2.Envelope) -> LeadObserved:
    e = unpack(envelope, sales_events_pb2.LeadConverted)
    at = _time(e.converted_at, occurred_at(envelope))
    return LeadObserved(e.lead_id, e.source, e.owner_id, tuple(e.campaign_ids), converted_at=at)


def deal_stage_changed(envelope: envelope_pb2.Envelope) -> DealObserved:
    e = unpack(envelope, sales_events_pb2.DealStageChanged)
    at = _time(e.changed_at, occurred_at(envelope))
    return DealObserved(
        e.deal_id, e.to_stage, as_amount(e.amount.amount), e.amount.currency, e.owner_id,
        e.campaign_id, at, created_at=at if not e.from_stage else None,
    )  # fmt: skip


def deal_closed(envelope: envelope_pb2.Envelope) -> DealObserved:
    e = unpack(envelope, sales_events_pb2.DealClosed)
    closed = _time(e.closed_at, occurred_at(envelope))
    return DealObserved(
        e.deal_id, e.stage, as_amount(e.amount.amount), e.amount.currency, e.owner_id,
        e.campaign_id, closed, created_at=_time(e.created_at), closed_at=closed,
    )  # fmt: skip


def deal_changed(envelope: envelope_pb2.Envelope) -> DealObserved:
    e = unpack(envelope, sales_events_pb2.DealChanged)
    at = _time(e.changed_at, occurred_at(envelope))
    return DealObserved(
        e.deal_id, e.stage, as_amount(e.amount.amount), e.amount.currency, e.owner_id,
        e.campaign_id, at, created_at=_time(e.created_at), restated=True,
    )  # fmt: skip


def deal_deleted(envelope: envelope_pb2.Envelope) -> DealGone:
    e = unpack(envelope, sales_events_pb2.DealDeleted)
    return DealGone(e.deal_id, _time(e.deleted_at, occurred_at(envelope)))


def lead_changed(envelope: envelope_pb2.Envelope) -> LeadObserved:
    e = unpack(envelope, sales_events_pb2.LeadChanged)
    at = _time(e.changed_at, occurred_at(envelope))
    return LeadObserved(e.lead_id, e.source, e.owner_id, tuple(e.campaign_ids), changed_at=at)


def lead_deleted(envelope: envelope_pb2.Envelope) -> LeadGone:
    e = unpack(envelope, sales_events_pb2.LeadDeleted)
    return LeadGone(e.lead_id, _time(e.deleted_at, occurred_at(envelope)))


def campaign_changed(envelope: envelope_pb2.Envelope) -> CampaignFact:
    e = unpack(envelope, marketing_events_pb2.CampaignChanged)
    currency = e.actual_cost.currency or e.currency
    return CampaignFact(
        e.campaign_id, e.name, currency, as_amount(e.actual_cost.amount), e.deleted,
        occurred_at(envelope),
    )  # fmt: skip


def ticket_changed(envelope: envelope_pb2.Envelope) -> TicketFact:
    e = unpack(envelope, sd.TicketChanged)
    at = _time(e.changed_at, occurred_at(envelope))
    return TicketFact(
        e.ticket_id, e.to_state, e.priority, _time(e.created_at, at), _time(e.resolved_at),
        e.sla_breached or e.action == "sla_breached", at,
    )  # fmt: skip


def follow_up_scheduled(envelope: envelope_pb2.Envelope) -> FollowUpFact:
    e = unpack(envelope, sd.FollowUpScheduled)
    at = _time(e.scheduled_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, e.owner_id, _time(e.due_at, at), None, None,
                        changed_at=at)  # fmt: skip


def follow_up_completed(envelope: envelope_pb2.Envelope) -> FollowUpFact:
    e = unpack(envelope, sd.FollowUpCompleted)
    done = _time(e.completed_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, e.owner_id, _time(e.due_at, done), done, None, e.late,
                        changed_at=done)  # fmt: skip


def follow_up_overdue(envelope: envelope_pb2.Envelope) -> FollowUpFact:
    e = unpack(envelope, sd.FollowUpOverdue)
    found = _time(e.detected_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, e.owner_id, _time(e.due_at, found), None, found,
                        changed_at=found)  # fmt: skip


def follow_up_cancelled(envelope: envelope_pb2.Envelope) -> FollowUpFact:
    e = unpack(envelope, sd.FollowUpCancelled)
    at = _time(e.cancelled_at, occurred_at(envelope))
    return FollowUpFact(e.follow_up_id, "", None, None, None, cancelled_at=at)


def survey_answered(envelope: envelope_pb2.Envelope) -> SurveyFact:
    e = unpack(envelope, sd.SurveyAnswered)
    return SurveyFact(e.survey_id, e.score, _time(e.answered_at, occurred_at(envelope)))


TRANSLATIONS: dict[str, Callable[[envelope_pb2.Envelope], Any]] = {
    "sales.lead-created": lead_created,
    "sales.lead-converted": lead_converted,
    "sales.deal-stage-changed": deal_stage_changed,
    "sales.deal-closed": deal_closed,
    "sales.deal-changed": deal_changed,
    "sales.deal-deleted": deal_deleted,
    "sales.lead-changed": lead_changed,
    "sales.lead-deleted": lead_deleted,
    "marketing.campaign-changed": campaign_changed,
    "service-desk.ticket-changed": ticket_changed,
    "service-desk.follow-up-completed": follow_up_completed,
    "service-desk.follow-up-overdue": follow_up_overdue,
    "service-desk.follow-up-scheduled": follow_up_scheduled,
    "service-desk.follow-up-cancelled": follow_up_cancelled,
    "service-desk.survey-answered": survey_answered,
}
