"""Reads a customer's timeline: its entries the caller may see, a page at a time, newest first,
filtered in SQL by the rule of domain/timeline_visibility.py."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from crm_platform.paging import Page, keyset_page
from reporting.adapters.fact_repository import _fact
from reporting.adapters.tables import TimelineCustomerRow, TimelineEntryRow, TimelineGoneRow
from reporting.domain.timeline import FOLLOW_UP, CustomerFact, TimelineEntry
from reporting.domain.timeline_visibility import TimelineScope

_E, _GONE = TimelineEntryRow, TimelineGoneRow


def customer(session: Session, customer_id: str) -> CustomerFact | None:
    row = session.get(TimelineCustomerRow, customer_id)
    return None if row is None else _fact(CustomerFact, row)


def visible(scope: TimelineScope) -> ColumnElement[bool]:
    """`may_see` as a condition on the entries' columns, for entries of records not deleted."""
    return and_(_allowed(scope), ~exists().where(
        _GONE.subject_type == _E.subject_type, _GONE.subject_id == _E.subject_id
    ))  # fmt: skip


def _allowed(scope: TimelineScope) -> ColumnElement[bool]:
    if scope.everything:
        return true()
    me = scope.user_id
    ways = [_E.audience.in_(scope.audiences)] if scope.audiences else []
    if scope.owned_audiences:
        ways.append(and_(_E.audience.in_(scope.owned_audiences), _E.owner_id == me))
    if scope.own_follow_ups:
        ways.append(and_(_E.audience == FOLLOW_UP, or_(_E.owner_id == me, _E.deal_owner_id == me)))
    return or_(*ways) if ways else false()


def summary_rows(
    session: Session, customer_id: str, scope: TimelineScope
) -> Iterator[tuple[str, bool, int]]:
    """(kind, active, score) of every entry of the customer the caller may see."""
    query = select(_E.kind, _E.active, _E.score).where(
        _E.customer_id == customer_id, visible(scope)
    )
    for kind, active, score in session.execute(query):
        yield kind, bool(active), score or 0


def page(
    session: Session, customer_id: str, scope: TimelineScope, *, size: int, token: str
) -> Page:
    """One page of entries, newest first (ties in key order, so pages never overlap)."""
    query = select(_E).where(_E.customer_id == customer_id, visible(scope))
    found = keyset_page(
        session, query, [_E.at, _E.key], requested_size=size, token=token, descending=True
    )
    return Page([_fact(TimelineEntry, r) for r in found.items], found.next_page_token, found.total)
