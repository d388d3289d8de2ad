"""Loads and saves folded facts: each fact dataclass has a table row of the same fields."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from reporting.adapters import tables as t
from reporting.adapters.key_match import one_of
from reporting.adapters.upsert import upsert
from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealFact
from reporting.domain.leads import LeadFact
from reporting.domain.reports.funnel import DealFigures
from reporting.domain.service_desk import FollowUpFact, SurveyFact, TicketFact
from reporting.domain.stages import StageFact
from reporting.domain.timeline import CustomerFact, SubjectGone, TimelineEntry

F = TypeVar("F")

# Keys per `IN (...)` query: far below any database's limit on bound parameters.
_KEYS_PER_QUERY = 1000

ROWS: dict[type, type[t.Base]] = {
    DealFact: t.DealRow,
    LeadFact: t.LeadRow,
    CampaignFact: t.CampaignRow,
    TicketFact: t.TicketRow,
    FollowUpFact: t.FollowUpRow,
    SurveyFact: t.SurveyRow,
    StageFact: t.StageRow,
    TimelineEntry: t.TimelineEntryRow,
    CustomerFact: t.TimelineCustomerRow,
    SubjectGone: t.TimelineGoneRow,
}


def get_many(session: Session, fact_type: type[F], keys: Collection[str]) -> dict[str, F]:
    """The facts that exist among `keys`, by key, read in a few queries whatever their number."""
    table = ROWS[fact_type].__table__
    [key_column] = table.primary_key
    names = _names(fact_type)
    # The columns in the fact's field order: each row is the fact's arguments as they come.
    columns, key_at = [table.c[name] for name in names], names.index(key_column.name)
    ordered, found = sorted(keys), {}
    for start in range(0, len(ordered), _KEYS_PER_QUERY):
        chunk = ordered[start : start + _KEYS_PER_QUERY]
        for row in session.execute(select(*columns).where(one_of(session, key_column, chunk))):
            found[row[key_at]] = fact_type(*row)
    return found


def save_many(session: Session, fact_type: type, facts: Collection[Any]) -> None:
    """Facts of one kind, each with a distinct key, written in one statement."""
    names = _names(fact_type)
    rows = [{name: getattr(fact, name) for name in names} for fact in facts]
    upsert(session, ROWS[fact_type].__table__, rows)
    if fact_type is LeadFact:
        _link_campaigns(session, facts)


def _link_campaigns(session: Session, leads: Collection[LeadFact]) -> None:
    """`lead_campaigns` made to list each lead's campaigns as its fact now does."""
    links = t.LeadCampaignRow.__table__
    ordered = sorted(lead.lead_id for lead in leads)
    for start in range(0, len(ordered), _KEYS_PER_QUERY):
        chunk = ordered[start : start + _KEYS_PER_QUERY]
        session.execute(delete(links).where(one_of(session, links.c.lead_id, chunk)))
    rows = [
        {"campaign_id": campaign_id, "lead_id": lead.lead_id}
        for lead in leads
        for campaign_id in set(lead.campaign_ids)
    ]
    if rows:
        session.execute(insert(links), rows)


def all_facts(session: Session, fact_type: type[F], **equal: str) -> Iterator[F]:
    """Every fact of a kind; keyword arguments filter columns by equality (e.g. owner_id)."""
    row_type = ROWS[fact_type]
    query = select(row_type)
    for column, value in equal.items():
        query = query.where(getattr(row_type, column) == value)
    for row in session.scalars(query.execution_options(yield_per=1000)):
        yield _fact(fact_type, row)


def deal_figures(
    session: Session, start: datetime | None, end: datetime | None, owner_id: str | None
) -> Iterator[DealFigures]:
    """The funnel's five fields of the live deals created in [start, end): filtered and
    narrowed in SQL, since the funnel is the hot report (read while deals move)."""
    deals = t.DealRow.__table__.c
    query = select(
        deals.stage, deals.currency, deals.amount, deals.furthest_order, deals.visited
    ).where(deals.deleted_at.is_(None))
    if start is not None:
        query = query.where(deals.created_at >= start)
    if end is not None:
        query = query.where(deals.created_at < end)
    if owner_id:
        query = query.where(deals.owner_id == owner_id)
    for row in session.execute(query.execution_options(yield_per=5000)):
        yield DealFigures(*row)


def _names(fact_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(fact_type))


def _fact(fact_type: type[F], row: Any) -> F:
    return fact_type(**{f.name: getattr(row, f.name) for f in fields(fact_type)})
