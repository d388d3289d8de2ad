"""Report pages over a real reporting service (a gRPC server of its own here, on SQLite), whose
read models are given a few deals, a campaign and tickets the way its consumer folds events."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from gateway.app import create_app
from gateway.http.current import EXTENSION
from reporting import bootstrap as reporting_bootstrap
from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealObserved
from reporting.domain.stages import Stage, StageSeen
from reporting.service.fold_batch import fold_batch, record_batch
from reporting.settings import ReportingSettings
from sales.domain.deal_stages import DEAL_STAGES

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OWNER = str(uuid.uuid4())
CAMPAIGN = str(uuid.uuid4())


# The stages as sales' events describe them; reporting learns them from those events.
STAGES = {s.code: Stage(s.code, s.order, s.closed, s.won) for s in DEAL_STAGES}


def deal(stage: str, amount: str, currency: str = "CNY", days: int = 0) -> DealObserved:
    at = T0 + timedelta(days=days)
    described = STAGES[stage]
    return DealObserved(
        str(uuid.uuid4()), described, Decimal(amount), currency, OWNER, CAMPAIGN, at,
        created_at=T0, closed_at=at if described.closed else None,
    )  # fmt: skip


FACTS = [
    *(StageSeen(stage, T0) for stage in STAGES.values()),
    CampaignFact(CAMPAIGN, "Canton Fair", "CNY", Decimal("1000.00"), False, T0),
    deal("qualification", "100.00"),
    deal("qualification", "50.00", currency="USD"),
    deal("proposal", "300.00"),
    deal("closed_won", "4000.00", days=3),
    deal("closed_lost", "70.00", days=4),
]


@pytest.fixture(scope="module")
def reporting_address(tmp_path_factory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('reporting') / 'reporting.db'}"
    migrations.upgrade(reporting_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    with sessions() as session:
        fold_batch(session, FACTS)
        record_batch(session, [("sales.deal-stage-changed", T0 + timedelta(days=5))] * len(FACTS))
        session.commit()
    bindings = reporting_bootstrap.grpc_bindings(
        ReportingSettings(database_url=url, grpc_address="127.0.0.1:0"), sessions
    )
    server = start_server("127.0.0.1:0", bindings, workers=2)
    try:
        yield f"127.0.0.1:{server.port}"
    finally:
        server.stop(grace=0)
        engine.dispose()


@pytest.fixture
def app(app, reporting_address):
    """conftest's app, with the reporting service reachable."""
    settings = app.extensions[EXTENSION].settings
    reports_app = create_app(
        settings.model_copy(update={"reporting_grpc_address": reporting_address})
    )
    reports_app.config["TESTING"] = True
    yield reports_app
    reports_app.extensions[EXTENSION].close()


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_funnel_page_has_the_charts_data_its_as_of_and_its_downloads(admin):
    page = text(admin.get("/ui/reports/funnel"))
    chart = json.loads(re.search(r'id="funnel-data">(.+?)</script>', page, re.S).group(1))
    counts = dict(zip(chart["stages"], chart["counts"], strict=True))
    assert counts["qualification"] == 2 and counts["proposal"] == 1  # summed over currencies
    assert counts["closed_won"] == 1 and chart["labels"][0] == "Qualification"
    assert ["4000.00", "CNY"] in chart["amounts"][chart["stages"].index("closed_won")]
    assert 'id="funnel-chart"' in page and "vendor/chart.umd.min.js" in page
    assert 'data-as-of="2026-03-07T09:00:00+00:00"' in page and "Mar 7, 2026" in page

    csv_link = re.search(r'href="([^"]+)" data-download="csv"', page).group(1)
    download = admin.client.get(csv_link.replace("&amp;", "&"))
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert "closed_won,CNY,1,4000.00" in download.get_data(as_text=True)
    assert 'data-download="xlsx"' in page


def test_the_window_filters_the_report_and_its_download_alike(admin):
    page = text(admin.get("/ui/reports/funnel?from=2026-03-03&to=2026-03-31"))
    chart = json.loads(re.search(r'id="funnel-data">(.+?)</script>', page, re.S).group(1))
    assert sum(chart["counts"]) == 0  # every deal was created on 2 March
    link = re.search(r'href="([^"]+)" data-download="csv"', page).group(1).replace("&amp;", "&")
    assert "from=2026-03-03T00:00:00" in link and "to=2026-04-01T00:00:00" in link  # the whole 31st
    assert 'value="2026-03-03"' in page

    whole_day = text(admin.get("/ui/reports/funnel?from=2026-03-02&to=2026-03-02"))
    chart = json.loads(re.search(r'id="funnel-data">(.+?)</script>', whole_day, re.S).group(1))
    assert sum(chart["counts"]) == 5


def test_a_bad_filter_is_shown_beside_its_field_and_kept(admin):
    refused = admin.get("/ui/reports/sales?from=03/02/2026&period=fortnight")
    page = text(refused)
    assert refused.status_code == 400
    assert 'id="from-error"' in page and "Enter a date as YYYY-MM-DD." in page
    assert 'id="period-error"' in page and 'value="03/02/2026"' in page
    assert 'data-download="csv"' not in page


def test_campaign_roi_sales_performance_and_service_kpis(admin, make_user, browser):
    roi = text(admin.get("/ui/reports/campaigns"))
    assert "Canton Fair" in roi and "CN¥4,000.00" in roi and "300%" in roi  # (4000-1000)/1000

    sales = text(admin.get("/ui/reports/sales?period=month&group_by=owner"))
    assert "2026-03" in sales and "CN¥4,000.00" in sales and "50%" in sales  # 1 won, 1 lost
    assert "/api/v1/reports/sales?format=xlsx" in sales and "group_by=owner" in sales

    service = text(admin.get("/ui/reports/service"))
    assert 'id="service-kpis"' in service and "Tickets opened" in service


def test_a_sales_rep_sees_the_funnel_tab_only_and_no_other_report(browser, make_user):
    rep = make_user("sales")
    browser.log_in(rep, "password-123")
    page = text(browser.get("/ui/reports"))
    assert 'data-report="funnel"' in page and 'data-report="campaigns"' not in page
    chart = json.loads(re.search(r'id="funnel-data">(.+?)</script>', page, re.S).group(1))
    assert sum(chart["counts"]) == 0  # the reporting service gives a rep their own deals only
    assert browser.get("/ui/reports/campaigns").status_code == 403


def test_the_reports_in_chinese(admin):
    admin.client.get("/ui/language/zh")
    page = text(admin.get("/ui/reports/funnel"))
    assert "销售漏斗" in page and "资格审查" in page
