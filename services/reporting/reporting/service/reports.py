"""Use cases on the query side: each report for the calling identity, with its `as_of`.

Reports are for managers and admins; a sales rep may read the funnel of their own deals only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from crm_platform.errors import InvalidArgument, PermissionDenied
from crm_platform.request_context import Identity
from crm_platform.unit_of_work import UnitOfWork
from reporting.adapters import fact_repository as facts
from reporting.adapters import progress_repository
from reporting.adapters import report_queries as sums
from reporting.adapters.statement_deadline import statement_deadline
from reporting.domain.deals import DealFact
from reporting.domain.progress import as_of
from reporting.domain.reports.campaign_roi import CampaignRow, campaign_rows
from reporting.domain.reports.funnel import FunnelRow, funnel
from reporting.domain.reports.lead_conversion import LeadReport
from reporting.domain.reports.sales_performance import (
    GROUPINGS,
    PERIODS,
    SalesRow,
    sales_report,
)
from reporting.domain.reports.service_kpis import ServiceKpis, service_kpis
from reporting.domain.service_desk import FollowUpFact, SurveyFact, TicketFact
from reporting.domain.stages import StageFact
from reporting.domain.window import Window

R = TypeVar("R")
READERS = ("admin", "manager")


@dataclass(frozen=True)
class Answer(Generic[R]):
    report: R
    as_of: datetime | None


def get_funnel(
    uow: UnitOfWork, caller: Identity, window: Window, owner_id: str = ""
) -> Answer[list[FunnelRow]]:
    if not caller.has_any(*READERS):
        if not caller.has_any("sales"):
            raise PermissionDenied("Reports are for managers and admins.")
        if owner_id and owner_id != caller.user_id:
            raise PermissionDenied("A sales rep sees the funnel of their own deals only.")
        owner_id = caller.user_id
    with uow.read_only():
        deals = facts.deal_figures(uow.session, window.start, window.end, owner_id or None)
        stages = [f.stage for f in facts.all_facts(uow.session, StageFact)]
        return Answer(funnel(deals, stages), _as_of(uow))


def get_lead_report(uow: UnitOfWork, caller: Identity, window: Window) -> Answer[LeadReport]:
    """Summed by the database, within the caller's deadline."""
    _require_reader(caller)
    with uow.read_only(), statement_deadline(uow.session):
        total, by_source = sums.lead_cohort(uow.session, window)
        by_campaign = sums.leads_by_campaign(uow.session, window)
        return Answer(LeadReport(total, by_source, by_campaign), _as_of(uow))


@dataclass(frozen=True)
class CampaignPage:
    """Rows of a page of campaigns (one per campaign and currency), and how to go on."""

    rows: list[CampaignRow]
    next_page_token: str | None
    total: int  # campaigns in all


def get_campaign_report(
    uow: UnitOfWork,
    caller: Identity,
    *,
    page_size: int = 0,
    page_token: str = "",
) -> Answer[CampaignPage]:
    """A page of campaigns by name; their leads and won deals summed by the database, within
    the caller's deadline."""
    _require_reader(caller)
    with uow.read_only(), statement_deadline(uow.session):
        s = uow.session
        page = sums.campaign_page(s, size=page_size, token=page_token)
        ids = [c.campaign_id for c in page.items]
        rows = campaign_rows(page.items, sums.lead_counts(s, ids), sums.won_deals(s, ids))
        return Answer(CampaignPage(rows, page.next_page_token, page.total), _as_of(uow))


def get_sales_report(
    uow: UnitOfWork,
    caller: Identity,
    window: Window,
    period: str = "month",
    group_by: str = "owner",
    owner_id: str = "",
) -> Answer[list[SalesRow]]:
    _require_reader(caller)
    if period not in PERIODS:
        raise InvalidArgument.field("period", f"must be one of {', '.join(PERIODS)}")
    if group_by not in GROUPINGS:
        raise InvalidArgument.field("group_by", f"must be one of {', '.join(GROUPINGS)}")
    owner = {"owner_id": owner_id} if owner_id else {}
    with uow.read_only():
        deals = facts.all_facts(uow.session, DealFact, **owner)
        return Answer(sales_report(deals, window, period, group_by), _as_of(uow))


def get_service_report(uow: UnitOfWork, caller: Identity, window: Window) -> Answer[ServiceKpis]:
    _require_reader(caller)
    with uow.read_only():
        s = uow.session
        kpis = service_kpis(
            facts.all_facts(s, TicketFact),
            facts.all_facts(s, FollowUpFact),
            facts.all_facts(s, SurveyFact),
            window,
        )
        return Answer(kpis, _as_of(uow))


def _require_reader(caller: Identity) -> None:
    if not caller.has_any(*READERS):
        raise PermissionDenied("Reports are for managers and admins.")


def _as_of(uow: UnitOfWork) -> datetime | None:
    return as_of(progress_repository.all_progress(uow.session))
