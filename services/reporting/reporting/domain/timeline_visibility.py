"""Who sees what of a customer's timeline: what each of them may see in the services the
entries come from (ARCHITECTURE.md, "Who may see what"), decided once here.

Admins and managers see everything. A service agent sees every customer with its contacts and
their notes, every follow-up, ticket and survey, and no deal. A sales rep sees only their own
customers; of those, the contacts and deals they own (with their notes) and the follow-ups
they own or that are about their deals; no ticket or survey. Anyone else sees no customer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from crm_platform.request_context import Identity
from reporting.domain.timeline import CUSTOMER, DEAL, DESK, FOLLOW_UP, CustomerFact

SEES_ALL = ("admin", "manager")
DESK_SEES = (CUSTOMER, FOLLOW_UP, DESK)
REP_OWNS = (CUSTOMER, DEAL)


@dataclass(frozen=True)
class TimelineScope:
    user_id: str
    everything: bool = False
    audiences: tuple[str, ...] = ()  # seen whoever owns the record
    owned_audiences: tuple[str, ...] = ()  # seen when the caller owns the record
    own_follow_ups: bool = False  # follow-ups the caller owns or of the caller's deals


def timeline_scope(identity: Identity) -> TimelineScope:
    if identity.has_any(*SEES_ALL):
        return TimelineScope(identity.user_id, everything=True)
    desk, rep = identity.has_any("service"), identity.has_any("sales")
    return TimelineScope(
        identity.user_id,
        audiences=DESK_SEES if desk else (),
        owned_audiences=REP_OWNS if rep else (),
        own_follow_ups=rep,
    )


def may_see_customer(identity: Identity, customer: CustomerFact) -> bool:
    if identity.has_any(*SEES_ALL, "service"):
        return True
    return identity.has_any("sales") and customer.owner_id == identity.user_id


def may_see(scope: TimelineScope, audience: str, owner_id: str, deal_owner_id: str) -> bool:
    """The rule the database applies (adapters/timeline_repository.py), for one entry."""
    if scope.everything or audience in scope.audiences:
        return True
    if audience in scope.owned_audiences and owner_id == scope.user_id:
        return True
    return (
        audience == FOLLOW_UP
        and scope.own_follow_ups
        and scope.user_id in (owner_id, deal_owner_id)
    )


@dataclass(frozen=True)
class TimelineSummary:
    total: int
    counts: dict[str, int]
    average_score: float | None


def summarize(entries: Iterable[tuple[str, bool, int]]) -> TimelineSummary:
    """Over the (kind, active, score) of every entry the caller sees: contacts, deals,
    follow-ups still scheduled, tickets still open, answered surveys and their average."""
    kinds: Counter[str] = Counter()
    active: Counter[str] = Counter()
    scores = []
    for kind, is_active, score in entries:
        kinds[kind] += 1
        active[kind] += is_active
        if kind == "survey" and score:
            scores.append(score)
    counts = {
        "contacts": kinds["contact"],
        "deals": kinds["deal"],
        "follow_ups": active["follow_up"],
        "tickets": active["ticket"],
        "surveys": len(scores),
    }
    average = round(sum(scores) / len(scores), 1) if scores else None
    return TimelineSummary(sum(kinds.values()), counts, average)
