"""Use case on the query side: one customer's timeline for the calling identity."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from crm_platform.errors import NotFound
from crm_platform.paging import Page
from crm_platform.request_context import Identity
from crm_platform.unit_of_work import UnitOfWork
from reporting.adapters import progress_repository
from reporting.adapters import timeline_repository as timelines
from reporting.domain.progress import as_of
from reporting.domain.timeline import CustomerFact, as_seen_at
from reporting.domain.timeline_visibility import (
    TimelineSummary,
    may_see_customer,
    summarize,
    timeline_scope,
)


@dataclass(frozen=True)
class CustomerTimeline:
    customer: CustomerFact
    page: Page  # of TimelineEntry, newest first
    summary: TimelineSummary
    as_of: datetime | None


def get_customer_timeline(
    uow: UnitOfWork, caller: Identity, customer_id: str, *, page_size: int, page_token: str
) -> CustomerTimeline:
    """NotFound for a customer the caller may not see, as sales answers, so that its existence
    does not leak; and for one reporting has not heard of (or that was deleted)."""
    scope = timeline_scope(caller)
    with uow.read_only():
        s = uow.session
        customer = timelines.customer(s, customer_id)
        if customer is None or customer.deleted or not may_see_customer(caller, customer):
            raise NotFound(f"customer {customer_id} not found")
        summary = summarize(timelines.summary_rows(s, customer_id, scope))
        page = timelines.page(s, customer_id, scope, size=page_size, token=page_token)
        now = datetime.now(UTC)
        page = replace(page, items=[as_seen_at(entry, now) for entry in page.items])
        return CustomerTimeline(customer, page, summary, as_of(progress_repository.all_progress(s)))
