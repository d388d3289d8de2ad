"""Event payloads into the timeline's entries (and its customers), one function per topic
that tells of a customer. Each event carries what its entry shows, so nothing is looked up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from crm.events.v1 import sales_events_pb2 as sa
from crm.events.v1 import service_desk_events_pb2 as sd
from crm.events.v1.envelope_pb2 import Envelope
from crm_platform import topics
from crm_platform.envelope import occurred_at
from reporting.domain.money import as_amount
from reporting.domain.timeline import (
    CUSTOMER,
    DEAL,
    DESK,
    FOLLOW_UP,
    CustomerFact,
    SubjectGone,
    TimelineEntry,
)
from reporting.entrypoints.stamps import time_or as _time


def customer_changed(e: sa.CustomerChanged, envelope: Envelope) -> list[Any]:
    at = occurred_at(envelope)
    return [CustomerFact(
        e.customer_id, e.name, e.website, e.phone, e.address, e.industry, e.owner_id,
        tuple(e.tags), e.description, _time(e.next_contact_at, None), _time(e.created_at, at),
        _time(e.updated_at, at), e.deleted,
    )]  # fmt: skip


def contact_added(e: sa.ContactAdded, envelope: Envelope) -> list[Any]:
    return [TimelineEntry(
        f"contact:{e.contact_id}", e.customer_id, "contact",
        _time(e.created_at, occurred_at(envelope)), "contact", e.contact_id, e.full_name,
        CUSTOMER, owner_id=e.owner_id, actor_id=e.owner_id, detail=e.job_title,
    )]  # fmt: skip


def note_added(e: sa.NoteAdded, envelope: Envelope) -> list[Any]:
    return [TimelineEntry(
        f"note:{e.note_id}", e.customer_id, "note", _time(e.created_at, occurred_at(envelope)),
        e.subject, e.subject_id, e.subject_title, DEAL if e.subject == "deal" else CUSTOMER,
        owner_id=e.subject_owner_id, actor_id=e.author_id, detail=e.body,
    )]  # fmt: skip


def deal_stage_changed(e: sa.DealStageChanged, envelope: Envelope) -> list[Any]:
    """Every move is an entry of its own; a new deal's first is its creation."""
    return [TimelineEntry(
        f"stage:{envelope.event_id}", e.customer_id, "stage" if e.from_stage else "deal",
        _time(e.changed_at, occurred_at(envelope)), "deal", e.deal_id, e.deal_name, DEAL,
        owner_id=e.owner_id, actor_id=e.changed_by, state=e.to_stage,
        amount=as_amount(e.amount.amount), currency=e.amount.currency,
    )]  # fmt: skip


def deal_deleted(e: sa.DealDeleted, envelope: Envelope) -> list[Any]:
    """Its creation, moves and notes leave the timeline, as they leave sales' lists."""
    at = _time(e.deleted_at, occurred_at(envelope))
    return [SubjectGone(f"deal:{e.deal_id}", "deal", e.deal_id, at)]


def _follow_up(follow_up_id: str, customer_id: str, at: datetime, **figures: Any) -> TimelineEntry:
    return TimelineEntry(
        f"follow_up:{follow_up_id}", customer_id, "follow_up", at, "follow_up", follow_up_id,
        audience=FOLLOW_UP, changed_at=at, **figures,
    )  # fmt: skip


def follow_up_scheduled(e: sd.FollowUpScheduled, envelope: Envelope) -> list[Any]:
    at = _time(e.scheduled_at, occurred_at(envelope))
    entry = _follow_up(
        e.follow_up_id, e.customer_id, at, title=e.subject, owner_id=e.owner_id,
        deal_owner_id=e.deal_owner_id, actor_id=e.owner_id, state="scheduled",
        due_at=_time(e.due_at, None), active=True,
    )  # fmt: skip
    # Its entry stands at its first scheduling; `at` of a rescheduling only orders the events.
    return [_replace_at(entry, _time(e.created_at, at))]


def follow_up_overdue(e: sd.FollowUpOverdue, envelope: Envelope) -> list[Any]:
    at = _time(e.detected_at, occurred_at(envelope))
    return [_follow_up(
        e.follow_up_id, e.customer_id, at, title=e.subject, owner_id=e.owner_id,
        deal_owner_id=e.deal_owner_id, actor_id=e.owner_id, state="scheduled",
        due_at=_time(e.due_at, None), flagged=True, active=True,
    )]  # fmt: skip


def follow_up_completed(e: sd.FollowUpCompleted, envelope: Envelope) -> list[Any]:
    done = _time(e.completed_at, occurred_at(envelope))
    people = {"owner_id": e.owner_id, "deal_owner_id": e.deal_owner_id, "actor_id": e.owner_id}
    return [
        _follow_up(e.follow_up_id, e.customer_id, done, title=e.subject, state="done", **people),
        TimelineEntry(
            f"follow_up_done:{e.follow_up_id}", e.customer_id, "follow_up_done", done,
            "follow_up", e.follow_up_id, e.subject, FOLLOW_UP, state="done", detail=e.outcome,
            **people,
        ),
    ]  # fmt: skip


def follow_up_cancelled(e: sd.FollowUpCancelled, envelope: Envelope) -> list[Any]:
    at = _time(e.cancelled_at, occurred_at(envelope))
    return [_follow_up(
        e.follow_up_id, e.customer_id, at, title=e.subject, owner_id=e.owner_id,
        deal_owner_id=e.deal_owner_id, state="cancelled",
    )]  # fmt: skip


def ticket_changed(e: sd.TicketChanged, envelope: Envelope) -> list[Any]:
    at = _time(e.changed_at, occurred_at(envelope))
    resolved = _time(e.resolved_at, None)
    entries = [TimelineEntry(
        f"ticket:{e.ticket_id}", e.customer_id, "ticket", _time(e.created_at, at), "ticket",
        e.ticket_id, e.subject, DESK, actor_id=e.reporter_id, state=e.to_state,
        detail=e.category, flagged=e.sla_breached, active=resolved is None, changed_at=at,
    )]  # fmt: skip
    if resolved is not None:
        entries.append(TimelineEntry(
            f"ticket_resolved:{e.ticket_id}", e.customer_id, "ticket_resolved", resolved,
            "ticket", e.ticket_id, e.subject, DESK, actor_id=e.assignee_id, state=e.to_state,
            detail=e.resolution, changed_at=at,
        ))  # fmt: skip
    return entries


def survey_answered(e: sd.SurveyAnswered, envelope: Envelope) -> list[Any]:
    about = ("ticket", e.ticket_id) if e.ticket_id else ("follow_up", e.follow_up_id)
    return [TimelineEntry(
        f"survey:{e.survey_id}", e.customer_id, "survey",
        _time(e.answered_at, occurred_at(envelope)), *about, e.subject, DESK, score=e.score,
        detail=e.comment,
    )]  # fmt: skip


def _replace_at(entry: TimelineEntry, at: datetime | None) -> TimelineEntry:
    return replace(entry, at=at or entry.at)


# topic -> the timeline's observations of its events
TIMELINE: dict[str, Callable[[Any, Envelope], list[Any]]] = {
    topics.CUSTOMER_CHANGED.name: customer_changed,
    topics.CONTACT_ADDED.name: contact_added,
    topics.NOTE_ADDED.name: note_added,
    topics.DEAL_STAGE_CHANGED.name: deal_stage_changed,
    topics.DEAL_DELETED.name: deal_deleted,
    topics.FOLLOW_UP_SCHEDULED.name: follow_up_scheduled,
    topics.FOLLOW_UP_OVERDUE.name: follow_up_overdue,
    topics.FOLLOW_UP_COMPLETED.name: follow_up_completed,
    topics.FOLLOW_UP_CANCELLED.name: follow_up_cancelled,
    topics.TICKET_CHANGED.name: ticket_changed,
    topics.SURVEY_ANSWERED.name: survey_answered,
}
