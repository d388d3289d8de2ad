"""The campaign and lead reports' figures summed by the database: GROUP BY over the fact
tables (read from migration 0008's indexes), so that a report reads a page of campaigns and
one row per group, never every fact row.

Money is summed in cents: amounts are stored as decimal text (exact on SQLite, where NUMERIC
is a float) with at most two places and below 10^12, so each one times 100 is an integer a
double holds exactly, and an integer sum is exact.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Float, Numeric, cast, func, select
from sqlalchemy.orm import Session

from crm_platform.paging import Page, keyset_page
from reporting.adapters import tables as t
from reporting.adapters.key_match import one_of
from reporting.domain.campaigns import CampaignFact
from reporting.domain.reports.campaign_roi import LeadCounts, WonDeals
from reporting.domain.reports.lead_conversion import ConversionRow
from reporting.domain.window import Window

_KEYS_PER_QUERY = 1000
_CAMPAIGN_ORDER = (t.CampaignRow.name, t.CampaignRow.campaign_id)


def campaign_page(session: Session, *, size: int, token: str) -> Page:
    """A page of campaigns in the report's order (name, then id), as facts, with the total."""
    found = keyset_page(
        session, select(t.CampaignRow), _CAMPAIGN_ORDER, requested_size=size, token=token
    )
    facts = [
        CampaignFact(r.campaign_id, r.name, r.currency, r.cost, r.deleted, r.changed_at)
        for r in found.items
    ]
    return Page(facts, found.next_page_token, found.total)


def lead_counts(session: Session, campaign_ids: Collection[str]) -> dict[str, LeadCounts]:
    """Leads and converted leads per campaign: live leads with a creation or conversion."""
    links, leads = t.LeadCampaignRow.__table__.c, t.LeadRow.__table__.c
    counts = {}
    for chunk in _chunks(campaign_ids):
        query = (
            select(links.campaign_id, func.count(), func.count(leads.converted_at))
            .join_from(t.LeadCampaignRow, t.LeadRow, links.lead_id == leads.lead_id)
            .where(one_of(session, links.campaign_id, chunk), leads.deleted_at.is_(None))
            .where((leads.created_at.is_not(None)) | (leads.converted_at.is_not(None)))
            .group_by(links.campaign_id)
        )
        for campaign_id, created, converted in session.execute(query):
            counts[campaign_id] = LeadCounts(created, converted)
    return counts


def won_deals(session: Session, campaign_ids: Collection[str]) -> dict[tuple[str, str], WonDeals]:
    """Live won deals per (campaign, currency): how many and their revenue."""
    deals = t.DealRow.__table__.c
    won = {}
    for chunk in _chunks(campaign_ids):
        query = (
            select(deals.campaign_id, deals.currency, func.count(), func.sum(_cents(session)))
            .where(one_of(session, deals.campaign_id, chunk), deals.won, deals.deleted_at.is_(None))
            .group_by(deals.campaign_id, deals.currency)
        )
        for campaign_id, currency, count, cents in session.execute(query):
            won[campaign_id, currency] = WonDeals(count, Decimal(int(cents)) / 100)
    return won


def lead_cohort(session: Session, window: Window) -> tuple[ConversionRow, list[ConversionRow]]:
    """The window's live leads in total and per source (the source is the row's key)."""
    leads = t.LeadRow.__table__.c
    query = select(leads.source, func.count(), func.count(leads.converted_at)).where(
        *_in_window(leads.created_at, window), leads.deleted_at.is_(None)
    )
    by_source = [
        ConversionRow(source, source, created, converted)
        for source, created, converted in session.execute(
            query.group_by(leads.source).order_by(leads.source)
        )
    ]
    total = ConversionRow(
        "", "", sum(r.created for r in by_source), sum(r.converted for r in by_source)
    )
    return total, by_source


def leads_by_campaign(session: Session, window: Window) -> list[ConversionRow]:
    """The window's live leads per campaign they are linked to, with the campaign's name."""
    links, leads = t.LeadCampaignRow.__table__.c, t.LeadRow.__table__.c
    campaigns = t.CampaignRow.__table__.c
    query = (
        select(
            links.campaign_id,
            func.coalesce(func.max(campaigns.name), ""),
            func.count(),
            func.count(leads.converted_at),
        )
        .join_from(t.LeadCampaignRow, t.LeadRow, links.lead_id == leads.lead_id)
        .outerjoin(t.CampaignRow, campaigns.campaign_id == links.campaign_id)
        .where(*_in_window(leads.created_at, window), leads.deleted_at.is_(None))
        .group_by(links.campaign_id)
        .order_by(links.campaign_id)
    )
    return [ConversionRow(*row) for row in session.execute(query)]


def _in_window(column: Any, window: Window) -> list[ColumnElement[bool]]:
    """Window.contains in SQL, for a column that must be known (a cohort's creation)."""
    conditions = [column.is_not(None)]
    if window.start is not None:
        conditions.append(column >= window.start)
    if window.end is not None:
        conditions.append(column < window.end)
    return conditions


def _cents(session: Session) -> ColumnElement[Any]:
    amount = t.DealRow.__table__.c.amount
    if session.get_bind().dialect.name == "postgresql":
        return cast(cast(amount, Numeric) * 100, BigInteger)
    return cast(func.round(cast(amount, Float) * 100), BigInteger)


def _chunks(keys: Collection[str]) -> list[list[str]]:
    ordered = sorted(keys)
    return [ordered[i : i + _KEYS_PER_QUERY] for i in range(0, len(ordered), _KEYS_PER_QUERY)]
