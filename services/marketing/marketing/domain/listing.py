"""The list filters, checked and parsed before any query runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from crm_platform.errors import InvalidArgument
from crm_platform.sorting import Order, day_range, parse_sort
from crm_platform.validation import Violations
from marketing.domain.campaign import NAME_MAX, OWNER_ID_MAX, STATUSES
from marketing.domain.commands import CampaignFilter

SORTS = ("created_at", "updated_at", "name", "start_date")
NEWEST_FIRST = Order("created_at", descending=True)


@dataclass(frozen=True)
class CampaignCriteria:
    q: str = ""
    owner_id: str = ""
    status: str = ""
    start_after: date | None = None
    start_before: date | None = None
    created: tuple[datetime | None, datetime | None] = (None, None)  # [from, to)
    order: Order = NEWEST_FIRST


def criteria_of(given: CampaignFilter) -> CampaignCriteria:
    """InvalidArgument for an unknown status or a malformed date, rather than an empty list
    that would look like "nothing matches"."""
    v = Violations()
    criteria = CampaignCriteria(
        q=v.text("q", given.q, max_length=NAME_MAX),
        owner_id=v.text("owner_id", given.owner_id, max_length=OWNER_ID_MAX),
        status=v.choice("status", given.status, STATUSES) if given.status else "",
        start_after=v.date("start_after", given.start_after),
        start_before=v.date("start_before", given.start_before),
        created=day_range(v, ("created_from", "created_to"), given.created_from, given.created_to),
        order=_order(v, given.sort),
    )
    v.raise_if_any("filter")
    return criteria


def _order(v: Violations, text: str) -> Order:
    try:
        return parse_sort(text, SORTS, NEWEST_FIRST.name)
    except InvalidArgument as refused:
        v.items += refused.violations
        return NEWEST_FIRST
