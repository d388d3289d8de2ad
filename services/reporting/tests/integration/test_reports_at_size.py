"""Hardening #9: the campaign and lead reports over ~200,000 campaigns and their leads and
deals, summed by the database (a page of campaigns at a time), give what the reports computed
from every fact in Python give, in well under the gateway's 5 s, on SQLite and PostgreSQL; a
caller's deadline stops them."""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.deadlines import DeadlineExceeded
from crm_platform.request_context import Identity, within
from crm_platform.unit_of_work import UnitOfWork
from reporting.adapters import fact_repository
from reporting.adapters import tables as t
from reporting.bootstrap import MIGRATIONS
from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealFact
from reporting.domain.leads import LeadFact
from reporting.domain.reports.campaign_roi import campaign_report
from reporting.domain.reports.lead_conversion import lead_report
from reporting.domain.window import Window
from reporting.service import reports

MANAGER = Identity("m1", frozenset({"manager"}))
T0 = datetime(2031, 1, 1, tzinfo=UTC)
CAMPAIGNS, LEADS, DEALS = 200_000, 40_000, 20_000
SOURCES = ("web", "email", "trade_show", "referral")


def facts(seed: int = 9) -> tuple[list[CampaignFact], list[LeadFact], list[DealFact]]:
    pick = random.Random(seed)
    campaigns = [
        CampaignFact(
            f"c{n:06d}", f"Campaign {pick.randrange(50_000):05d}", pick.choice(("EUR", "USD")),
            Decimal(pick.randrange(100_000)) / 100, n % 97 == 0, T0,
        )
        for n in range(CAMPAIGNS)
    ]  # fmt: skip
    ids = [c.campaign_id for c in campaigns]
    leads = []
    for n in range(LEADS):
        created = T0 + timedelta(hours=pick.randrange(24 * 60))
        leads.append(
            LeadFact(
                f"l{n:06d}", pick.choice(SOURCES), "u1", tuple(pick.sample(ids[:5000], 2)),
                created, created + timedelta(days=1) if pick.random() < 0.3 else None,
                created, T0 if n % 50 == 0 else None,
            )
        )  # fmt: skip
    deals = [
        DealFact(
            f"d{n:06d}", "closed_won" if n % 3 else "proposal",
            Decimal(pick.randrange(1, 10**14)) / 100, pick.choice(("EUR", "USD", "GBP")), "u1",
            pick.choice([*ids[:5000], ""]), T0, T0, 7, deleted_at=T0 if n % 41 == 0 else None,
            closed=n % 3 > 0, won=n % 3 > 0,
        )
        for n in range(DEALS)
    ]  # fmt: skip
    return campaigns, leads, deals


def seed(session_factory, campaigns, leads, deals) -> None:
    """Bulk inserts: a few seconds for the whole set, where events would take minutes."""
    with session_factory() as session:
        for row_type, items in ((t.CampaignRow, campaigns), (t.DealRow, deals)):
            names = [c.name for c in row_type.__table__.columns]
            rows = [{name: getattr(item, name) for name in names} for item in items]
            session.execute(insert(row_type.__table__), rows)
        fact_repository.save_many(session, LeadFact, leads)  # the leads and their campaigns
        session.commit()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def at_size(request, tmp_path_factory) -> Iterator[tuple]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('size') / 'reporting.db'}"
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database(f"size_{uuid.uuid4().hex[:10]}")
    migrations.upgrade(MIGRATIONS, url)
    engine = make_engine(url)
    data = facts()
    seed(make_session_factory(engine), *data)
    yield (lambda: UnitOfWork(make_session_factory(engine), "reporting")), data
    engine.dispose()


def timed(call):
    started = time.perf_counter()
    answer = call()
    elapsed = time.perf_counter() - started
    print(f"{call.__name__}: {elapsed * 1000:.0f} ms")
    return answer, elapsed


def test_the_campaign_report_pages_agree_with_the_facts(at_size) -> None:
    new_uow, (campaigns, leads, deals) = at_size
    expected = campaign_report(campaigns, leads, deals)

    def first_page():
        return reports.get_campaign_report(new_uow(), MANAGER, page_size=200)

    first, elapsed = timed(first_page)
    token, pages = first.report.next_page_token, [first.report]
    for _ in range(4):
        pages.append(reports.get_campaign_report(new_uow(), MANAGER, page_size=200,
                                                 page_token=token).report)  # fmt: skip
        token = pages[-1].next_page_token
    rows = [row for page in pages for row in page.rows]

    assert first.report.total == CAMPAIGNS
    assert rows == expected[: len(rows)]  # rows per currency: a page ends with its campaign
    assert len({r.campaign_id for r in rows}) == 1000
    assert elapsed < 2.0, f"a page took {elapsed:.2f} s"


def test_won_deals_of_a_campaign_are_summed_exactly(at_size) -> None:
    new_uow, (campaigns, leads, deals) = at_size
    ordered = sorted(campaigns, key=lambda c: (c.name, c.campaign_id))[:1000]
    won = Counter(d.campaign_id for d in deals if d.won and not d.deleted)
    position, busy = max(enumerate(ordered), key=lambda item: won[item[1].campaign_id])
    token = ""
    while position:  # to the page before the busy campaign, 200 campaigns at a time
        size = min(200, position)
        token = reports.get_campaign_report(
            new_uow(), MANAGER, page_size=size, page_token=token
        ).report.next_page_token
        position -= size
    page = reports.get_campaign_report(new_uow(), MANAGER, page_size=1, page_token=token).report

    assert page.rows == campaign_report([busy], leads, deals)
    assert sum(r.deals_won for r in page.rows) == won[busy.campaign_id] > 1


def test_the_lead_report_agrees_with_the_facts(at_size) -> None:
    new_uow, (campaigns, leads, _deals) = at_size
    window = Window(T0 + timedelta(days=10), T0 + timedelta(days=40))
    names = {c.campaign_id: c.name for c in campaigns}

    def lead_report_in_sql():
        return reports.get_lead_report(new_uow(), MANAGER, window)

    answer, elapsed = timed(lead_report_in_sql)

    assert answer.report == lead_report(leads, window, names)
    assert answer.report.total.created > 10_000
    assert elapsed < 2.0, f"the lead report took {elapsed:.2f} s"


def test_a_report_past_the_caller_s_deadline_stops(at_size) -> None:
    """The deadline the interceptor binds; the call ran out of time, no service was down."""
    new_uow, _data = at_size
    with within(0.001), pytest.raises(DeadlineExceeded):
        reports.get_lead_report(new_uow(), MANAGER, Window())
    with within(0.001), pytest.raises(DeadlineExceeded):
        time.sleep(0.002)  # gone before the page's quick queries start
        reports.get_campaign_report(new_uow(), MANAGER, page_size=200)
