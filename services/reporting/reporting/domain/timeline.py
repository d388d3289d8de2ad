"""A customer's timeline: one entry per thing that happened to the customer, its contacts,
deals, notes, follow-ups, tickets and surveys, folded from the events that tell of it.

Each entry has a key of its own (a follow-up's entry is `follow_up:<id>`, a stage move's the
event's id) and every event about it is folded in: the topics are consumed independently, so
events of one entry arrive in any order and more than once. The entry's time is the earliest
time seen (when it happened); its state, flags and figures come from the newest event; a text
an older event told and a newer one leaves empty (events written before they carried it) is
kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

# Who may see an entry (see visibility.py): customer records (contacts, notes on the customer
# or a contact), deals (moves, notes on a deal), follow-ups, and the service desk's own.
CUSTOMER, DEAL, FOLLOW_UP, DESK = "customer", "deal", "follow_up", "desk"


@dataclass(frozen=True)
class TimelineEntry:
    key: str
    customer_id: str
    # contact, deal, stage, note, follow_up, follow_up_done, ticket, ticket_resolved, survey
    kind: str
    at: datetime
    subject_type: str  # customer, contact, deal, follow_up, ticket
    subject_id: str
    title: str
    audience: str
    owner_id: str = ""  # the owner of the entry's record (deal, contact, customer, follow-up)
    deal_owner_id: str = ""  # a follow-up's deal's owner, who sees it too
    actor_id: str = ""
    state: str = ""
    detail: str = ""
    amount: Decimal | None = None
    currency: str = ""
    score: int = 0
    due_at: datetime | None = None
    flagged: bool = False
    active: bool = False  # a follow-up still scheduled, a ticket still open
    changed_at: datetime | None = None  # the newest event's time; None: `at`

    @property
    def told_at(self) -> datetime:
        return self.changed_at or self.at


def as_seen_at(entry: TimelineEntry, now: datetime) -> TimelineEntry:
    """The entry as it stands at `now`: a follow-up still scheduled past its due time is
    overdue, whether or not the service desk's watcher has said so yet (it checks every few
    minutes, and not at all while it is down)."""
    due = entry.kind == "follow_up" and entry.active and entry.due_at is not None
    if due and not entry.flagged and entry.due_at < now:
        return replace(entry, flagged=True)
    return entry


_KEPT_WHEN_EMPTY = ("customer_id", "title", "owner_id", "deal_owner_id", "actor_id", "detail",
                    "subject_type", "subject_id")  # fmt: skip


def apply_entry(fact: TimelineEntry | None, event: TimelineEntry) -> TimelineEntry:
    if fact is None:
        return event
    newer, older = (event, fact) if event.told_at >= fact.told_at else (fact, event)
    kept = {
        name: getattr(older, name)
        for name in _KEPT_WHEN_EMPTY
        if not getattr(newer, name) and getattr(older, name)
    }
    due_at = newer.due_at or older.due_at
    return replace(newer, at=min(fact.at, event.at), due_at=due_at, **kept)


@dataclass(frozen=True)
class CustomerFact:
    """The customer as the newest `sales.customer-changed` tells it."""

    customer_id: str
    name: str
    website: str
    phone: str
    address: str
    industry: str
    owner_id: str
    tags: tuple[str, ...]
    description: str
    next_contact_at: datetime | None
    created_at: datetime | None
    updated_at: datetime
    deleted: bool = False


def apply_customer(fact: CustomerFact | None, event: CustomerFact) -> CustomerFact:
    if fact is not None and (fact.deleted or event.updated_at < fact.updated_at):
        return fact if not event.deleted else replace(fact, deleted=True)
    return event


@dataclass(frozen=True)
class SubjectGone:
    """A deleted record (a deal): a tombstone that hides its entries, whatever order its
    events arrive in; the earliest deletion time is kept."""

    key: str  # "<subject_type>:<subject_id>"
    subject_type: str
    subject_id: str
    at: datetime


def apply_gone(fact: SubjectGone | None, gone: SubjectGone) -> SubjectGone:
    return gone if fact is None or gone.at < fact.at else fact
