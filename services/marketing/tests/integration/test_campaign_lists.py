"""Listing campaigns on PostgreSQL: filters, keyset pages, totals, and who sees what."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crm_platform.errors import InvalidArgument
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.commands import CampaignFilter, CreateCampaign
from marketing.service.campaigns import create_campaign, list_campaigns

MARKETER = Identity("u1", frozenset({"marketing"}))
Uow = Callable[[], UnitOfWork]


@pytest.fixture
def campaigns(pg_uow: Uow) -> list[str]:
    """Seven campaigns, created oldest first; returns their names newest first."""
    specs = [
        ("Spring Expo", "active", "u1", "2026-03-01"),
        ("Summer webinar", "planned", "u2", "2026-06-10"),
        ("100% off mailing", "active", "u2", ""),
        ("Autumn EXPO", "planned", "u1", "2026-09-15"),
        ("Partner day", "completed", "u3", "2026-02-01"),
        ("Winter expo", "aborted", "u1", "2026-12-01"),
        ("Ads", "active", "u3", "2026-06-30"),
    ]
    with bound(MARKETER, ""):
        for name, status, owner, start in specs:
            command = CreateCampaign(name, "other", status, owner, start_date=start)
            create_campaign(pg_uow(), command)
    return [name for name, *_ in reversed(specs)]


def names(uow: Uow, given: CampaignFilter) -> list[str]:
    with bound(MARKETER, ""):
        return [c.name for c in list_campaigns(uow(), given).items]


def test_pages_hand_out_every_campaign_once_newest_first(pg_uow: Uow, campaigns: list[str]) -> None:
    seen, token, totals = [], "", set()
    while True:
        with bound(MARKETER, ""):
            page = list_campaigns(pg_uow(), CampaignFilter(), page_size=3, page_token=token)
        seen += [c.name for c in page.items]
        totals.add(page.total)
        if page.next_page_token is None:
            break
        token = page.next_page_token

    assert seen == campaigns
    assert totals == {7}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (CampaignFilter(q="expo"), ["Winter expo", "Autumn EXPO", "Spring Expo"]),
        (CampaignFilter(q="100%"), ["100% off mailing"]),
        (CampaignFilter(q="%"), ["100% off mailing"]),
        (CampaignFilter(owner_id="u3"), ["Ads", "Partner day"]),
        (CampaignFilter(status="active", owner_id="u1"), ["Spring Expo"]),
        (CampaignFilter(start_after="2026-06-10", start_before="2026-09-15"),
         ["Ads", "Autumn EXPO", "Summer webinar"]),
        (CampaignFilter(q="expo", start_before="2026-06-01"), ["Spring Expo"]),
    ],
)  # fmt: skip
def test_filters(
    pg_uow: Uow, campaigns: list[str], given: CampaignFilter, expected: list[str]
) -> None:
    assert names(pg_uow, given) == expected


def test_filtered_total_counts_every_match_not_only_the_page(
    pg_uow: Uow, campaigns: list[str]
) -> None:
    with bound(MARKETER, ""):
        page = list_campaigns(pg_uow(), CampaignFilter(q="expo"), page_size=1)
    assert (len(page.items), page.total, page.next_page_token is not None) == (1, 3, True)


def test_bad_filters_are_refused(pg_uow: Uow) -> None:
    with bound(MARKETER, ""), pytest.raises(InvalidArgument) as refused:
        list_campaigns(pg_uow(), CampaignFilter(status="paused", start_after="June"))
    assert {v.field for v in refused.value.violations} == {"status", "start_after"}


def test_sales_sees_them_and_service_staff_see_none(pg_uow: Uow, campaigns: list[str]) -> None:
    with bound(Identity("s1", frozenset({"sales"})), ""):
        assert list_campaigns(pg_uow(), CampaignFilter()).total == 7
    with bound(Identity("d1", frozenset({"service"})), ""):
        page = list_campaigns(pg_uow(), CampaignFilter())
    assert (page.items, page.total) == ([], 0)
