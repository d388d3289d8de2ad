"""A customer's timeline (service/timeline.py) into its crm.reporting.v1 message."""

from __future__ import annotations

from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from crm.reporting.v1 import reporting_pb2 as pb
from reporting.domain.money import fmt
from reporting.domain.timeline import CustomerFact, TimelineEntry
from reporting.service.timeline import CustomerTimeline


def _ts(moment: datetime | None) -> Timestamp | None:
    """None leaves the field unset."""
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def customer_message(c: CustomerFact) -> pb.TimelineCustomer:
    return pb.TimelineCustomer(
        id=c.customer_id, name=c.name, website=c.website, phone=c.phone, address=c.address,
        industry=c.industry, owner_id=c.owner_id, tags=c.tags, description=c.description,
        next_contact_at=_ts(c.next_contact_at), created_at=_ts(c.created_at),
        updated_at=_ts(c.updated_at),
    )  # fmt: skip


def entry_message(e: TimelineEntry) -> pb.TimelineEntry:
    return pb.TimelineEntry(
        kind=e.kind, at=_ts(e.at), subject_type=e.subject_type, subject_id=e.subject_id,
        title=e.title, actor_id=e.actor_id, state=e.state, detail=e.detail,
        amount=fmt(e.amount) if e.amount is not None else "", currency=e.currency,
        score=e.score, due_at=_ts(e.due_at), flagged=e.flagged,
    )  # fmt: skip


def timeline_message(answer: CustomerTimeline) -> pb.CustomerTimeline:
    summary = answer.summary
    return pb.CustomerTimeline(
        customer=customer_message(answer.customer),
        entries=[entry_message(e) for e in answer.page.items],
        next_page_token=answer.page.next_page_token or "",
        total=summary.total,
        counts=summary.counts,
        average_score=summary.average_score or 0.0,
        has_average_score=summary.average_score is not None,
        as_of=_ts(answer.as_of),
    )
