"""One customer's story: contacts, deals and their stage moves, follow-ups, tickets, survey
answers and notes, from the sales service and the service desk, merged newest first.

The gateway assembles it because no one service holds all of it. Every call runs as the
caller, so each part shows only what the caller may see (a sales rep's timeline has no
tickets, a service agent's no deals). When the service desk cannot be reached its part is
left out and named in `missing`, so the sales part still shows; without sales there is no
customer to show, and that error propagates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import grpc
from google.protobuf.message import Message

from crm.sales.v1 import sales_pb2 as sales_pb
from crm.service_desk.v1 import service_desk_pb2 as desk_pb
from gateway.clients.messages import as_data
from gateway.models.contacts import ContactOut
from gateway.models.customers import CustomerOut
from gateway.models.deals import DealHistoryOut, DealOut
from gateway.models.follow_ups import FollowUpOut
from gateway.models.notes import NoteOut
from gateway.models.surveys import SurveyOut
from gateway.models.tickets import TicketOut
from gateway.service.dependencies import Dependencies

Call = Callable[[str, Message], Any]
# The most of each kind one timeline reads; a customer with more says so (`truncated`).
LIMIT = 100
UNREACHABLE = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)


@dataclass(frozen=True)
class Entry:
    """One thing that happened. `subject_type`/`subject_id` name the record to open."""

    # contact, deal, stage, note, follow_up, follow_up_done, ticket, ticket_resolved, survey
    kind: str
    at: datetime
    subject_type: str  # customer, contact, deal, follow_up, ticket
    subject_id: str
    title: str
    actor_id: str | None = None
    actor_name: str = ""
    state: str = ""  # a stage, follow-up or ticket state code
    detail: str = ""
    amount: str | None = None
    currency: str | None = None
    score: int | None = None
    due_at: datetime | None = None
    flagged: bool = False  # a breached SLA, an overdue follow-up


@dataclass
class Timeline:
    customer: CustomerOut
    owner_name: str = ""
    entries: list[Entry] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    average_score: float | None = None
    missing: list[str] = field(default_factory=list)
    truncated: bool = False


def customer_timeline(deps: Dependencies, sales: Call, desk: Call, customer_id: str) -> Timeline:
    customer = CustomerOut.model_validate(
        as_data(sales("GetCustomer", sales_pb.GetRequest(id=customer_id)))
    )
    timeline = Timeline(customer=customer)
    entries = _sales_part(sales, timeline)
    try:
        entries += _desk_part(desk, timeline)
    except grpc.RpcError as error:
        if not (isinstance(error, grpc.Call) and error.code() in UNREACHABLE):
            raise
        timeline.missing.append("service-desk")
    names = display_names(deps, [customer.owner_id, *(e.actor_id for e in entries)])
    timeline.owner_name = names.get(customer.owner_id, "")
    timeline.entries = sorted(
        (replace(e, actor_name=names.get(e.actor_id or "", "")) for e in entries),
        key=lambda e: e.at,
        reverse=True,
    )
    return timeline


def display_names(deps: Dependencies, user_ids: Iterable[str | None]) -> dict[str, str]:
    """Staff names for ids the services recorded; an id no longer known stays unnamed."""
    wanted = {user_id for user_id in user_ids if user_id}
    with deps.uow().read_only() as uow:
        accounts = [uow.users.get(user_id) for user_id in wanted]
    return {a.id: a.display_name or a.username for a in accounts if a is not None}


def _listed(reply: Message, timeline: Timeline) -> list[dict[str, Any]]:
    data = as_data(reply)
    items = data.get("items", [])
    timeline.truncated |= int(data.get("total", 0)) > len(items)
    return items


def _sales_part(sales: Call, timeline: Timeline) -> list[Entry]:
    customer = timeline.customer
    contacts = [
        ContactOut.model_validate(item)
        for item in _listed(
            sales(
                "ListContacts",
                sales_pb.ListContactsRequest(customer_id=customer.id, page_size=LIMIT),
            ),
            timeline,
        )
    ]
    deals = [
        DealOut.model_validate(item)
        for item in _listed(
            sales("ListDeals", sales_pb.ListDealsRequest(customer_id=customer.id, page_size=LIMIT)),
            timeline,
        )
    ]
    timeline.counts.update(contacts=len(contacts), deals=len(deals))
    entries = [
        Entry("contact", c.created_at, "contact", c.id, c.full_name, c.owner_id, detail=c.job_title)
        for c in contacts
    ]
    for deal in deals:
        entries += _deal_entries(sales, deal)
    subjects = [
        ("customer", customer.id, customer.name),
        *(("contact", c.id, c.full_name) for c in contacts),
        *(("deal", d.id, d.name) for d in deals),
    ]
    for subject_type, subject_id, title in subjects:
        for note in _notes(sales, subject_type, subject_id, timeline):
            entries.append(
                Entry(
                    "note",
                    note.created_at,
                    subject_type,
                    subject_id,
                    title,
                    note.author_id,
                    detail=note.body,
                )
            )
    return entries


def _deal_entries(sales: Call, deal: DealOut) -> list[Entry]:
    history = DealHistoryOut.model_validate(
        as_data(sales("ListDealHistory", sales_pb.GetRequest(id=deal.id)))
    ).items
    if not history:
        return [
            Entry(
                "deal",
                deal.created_at,
                "deal",
                deal.id,
                deal.name,
                deal.owner_id,
                state=deal.stage,
                amount=deal.amount,
                currency=deal.currency,
            )
        ]
    return [
        Entry(
            "deal" if number == 0 else "stage",
            step.changed_at,
            "deal",
            deal.id,
            deal.name,
            step.changed_by,
            state=step.stage,
            amount=step.amount,
            currency=step.currency,
        )
        for number, step in enumerate(history)
    ]


def _notes(sales: Call, subject: str, subject_id: str, timeline: Timeline) -> list[NoteOut]:
    reply = sales(
        "ListNotes",
        sales_pb.ListNotesRequest(subject=subject, subject_id=subject_id, page_size=LIMIT),
    )
    return [NoteOut.model_validate(item) for item in _listed(reply, timeline)]


def _desk_part(desk: Call, timeline: Timeline) -> list[Entry]:
    customer_id = timeline.customer.id
    follow_ups_reply = desk(
        "ListFollowUps",
        desk_pb.ListFollowUpsRequest(
            filter=desk_pb.FollowUpFilter(customer_id=customer_id), page_size=LIMIT
        ),
    )
    tickets_reply = desk(
        "ListTickets",
        desk_pb.ListTicketsRequest(
            filter=desk_pb.TicketFilter(customer_id=customer_id), page_size=LIMIT
        ),
    )
    timeline.truncated |= follow_ups_reply.total > len(follow_ups_reply.items)
    timeline.truncated |= tickets_reply.total > len(tickets_reply.items)
    follow_ups = [FollowUpOut.of(m) for m in follow_ups_reply.items]
    tickets = [TicketOut.of(m) for m in tickets_reply.items]
    timeline.counts.update(
        follow_ups=sum(f.state == "scheduled" for f in follow_ups),
        tickets=sum(t.state not in ("resolved", "closed") for t in tickets),
    )
    entries: list[Entry] = []
    scores: list[int] = []
    for f in follow_ups:
        entries.append(
            Entry(
                "follow_up",
                f.created_at,
                "follow_up",
                f.id,
                f.subject,
                f.owner_id,
                state=f.state,
                due_at=f.due_at,
                flagged=f.overdue,
            )
        )
        if f.completed_at:
            entries.append(
                Entry(
                    "follow_up_done",
                    f.completed_at,
                    "follow_up",
                    f.id,
                    f.subject,
                    f.owner_id,
                    state=f.state,
                    detail=f.outcome,
                )
            )
            entries += _survey_entries(desk, scores, "follow_up", f.id, f.subject)
    for t in tickets:
        entries.append(
            Entry(
                "ticket",
                t.created_at,
                "ticket",
                t.id,
                t.subject,
                t.reporter_id,
                state=t.state,
                detail=t.category,
                flagged=t.sla_breached,
            )
        )
        if t.resolved_at:
            entries.append(
                Entry(
                    "ticket_resolved",
                    t.resolved_at,
                    "ticket",
                    t.id,
                    t.subject,
                    t.assignee_id,
                    state=t.state,
                    detail=t.resolution,
                )
            )
        if t.state in ("resolved", "closed"):
            entries += _survey_entries(desk, scores, "ticket", t.id, t.subject)
    timeline.counts["surveys"] = len(scores)
    timeline.average_score = round(sum(scores) / len(scores), 1) if scores else None
    return entries


def _survey_entries(
    desk: Call, scores: list[int], subject_type: str, subject_id: str, title: str
) -> list[Entry]:
    """The answered surveys of a done follow-up or a resolved ticket (the service desk files
    surveys by what they ask about, not by customer)."""
    reply = desk("ListSurveys", desk_pb.ListSurveysRequest(**{f"{subject_type}_id": subject_id}))
    answered = [s for s in map(SurveyOut.of, reply.items) if s.answered_at and s.score]
    scores += [s.score for s in answered if s.score]
    return [
        Entry(
            "survey",
            s.answered_at,
            subject_type,
            subject_id,
            title,
            score=s.score,
            detail=s.comment,
        )
        for s in answered
        if s.answered_at
    ]
