"""Issue 16 on PostgreSQL: campaigns sorted by the column asked for, both ways and stable
across pages (no start date last), filtered by created day; a stale update refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crm_platform.errors import FailedPrecondition, InvalidArgument
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.commands import CampaignFilter, CreateCampaign, UpdateCampaign
from marketing.service.campaigns import create_campaign, list_campaigns, update_campaign

MANAGER = Identity("boss", frozenset({"manager"}))
Uow = Callable[[], UnitOfWork]
STARTS = {"Expo": "2027-03-01", "Webinar": "", "Mailing": "2027-01-10", "Fair": "2027-03-01"}


@pytest.fixture
def made(pg_uow: Uow) -> dict[str, str]:
    with bound(MANAGER, ""):
        return {
            name: create_campaign(pg_uow(), CreateCampaign(name, "other", start_date=start)).id
            for name, start in STARTS.items()
        }


def every_page(uow: Uow, given: CampaignFilter) -> list:
    items, token = [], ""
    with bound(MANAGER, ""):
        while True:
            page = list_campaigns(uow(), given, page_size=1, page_token=token)
            items += page.items
            token = page.next_page_token
            if not token:
                return items


def test_by_start_date_both_ways_ties_by_id_and_none_last(pg_uow, made):
    up = every_page(pg_uow, CampaignFilter(sort="start_date"))
    down = every_page(pg_uow, CampaignFilter(sort="-start_date"))
    assert [c.name for c in up][:1] == ["Mailing"] and up[-1].name == "Webinar"
    assert {c.name for c in up[1:3]} == {"Expo", "Fair"}
    assert [c.id for c in down] == [c.id for c in up][::-1]


def test_by_name_and_newest_first(pg_uow, made):
    assert [c.name for c in every_page(pg_uow, CampaignFilter(sort="name"))] == sorted(STARTS)
    newest = every_page(pg_uow, CampaignFilter())
    assert [c.id for c in newest] == list(made.values())[::-1]


def test_created_day_filter_and_bad_sort(pg_uow, made):
    today = datetime.now(UTC).date()
    assert len(every_page(pg_uow, CampaignFilter(created_from=today.isoformat()))) == 4
    yesterday = (today - timedelta(days=1)).isoformat()
    assert every_page(pg_uow, CampaignFilter(created_to=yesterday)) == []
    with pytest.raises(InvalidArgument) as refused, bound(MANAGER, ""):
        list_campaigns(pg_uow(), CampaignFilter(sort="-budget", created_from="soon"))
    assert {v.field for v in refused.value.violations} == {"sort", "created_from"}


def test_a_stale_update_is_refused_and_writes_nothing(pg_uow, made):
    campaign_id = made["Expo"]
    with bound(MANAGER, ""):
        first = update_campaign(pg_uow(), UpdateCampaign(campaign_id, {"name": "Expo A"}, 1))
        assert first.version == 2
        with pytest.raises(FailedPrecondition):
            update_campaign(pg_uow(), UpdateCampaign(campaign_id, {"name": "Expo B"}, 1))
        [now] = [c for c in list_campaigns(pg_uow(), CampaignFilter(q="Expo")).items]
    assert (now.name, now.version) == ("Expo A", 2)
