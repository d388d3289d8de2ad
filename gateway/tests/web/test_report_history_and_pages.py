"""The funnel's "moved on" from the stages deals were at (issue 16: a stage every deal skipped
showed "100 %"), and the campaign report a page at a time (hardening #9), on the web pages over
a real reporting service whose read models are folded from these observations."""

from __future__ import annotations

import re
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
from reporting.service.fold_batch import fold_batch
from reporting.settings import ReportingSettings
from sales.domain.deal_stages import DEAL_STAGES

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
STAGES = {s.code: Stage(s.code, s.order, s.closed, s.won) for s in DEAL_STAGES}
CAMPAIGNS = 60  # more than one page of the report (50)


def moves(deal_id: str, *stages: str) -> list[DealObserved]:
    """A deal's stage events, an hour apart: it was at these stages and at no other."""
    return [
        DealObserved(deal_id, STAGES[stage], Decimal("10.00"), "EUR", "u1", "",
                     T0 + timedelta(hours=n), created_at=T0)
        for n, stage in enumerate(stages)
    ]  # fmt: skip


def observations() -> list:
    campaigns = [
        CampaignFact(f"c{n:02d}", f"Campaign {n:02d}", "EUR", Decimal("1.00"), False, T0)
        for n in range(CAMPAIGNS)
    ]
    # Both deals skip needs_analysis; one moves on from qualification to proposal.
    deals = moves("a", "qualification", "proposal") + moves("b", "qualification")
    return [*(StageSeen(stage, T0) for stage in STAGES.values()), *campaigns, *deals]


@pytest.fixture(scope="module")
def reporting_address(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'reporting.db'}"
    migrations.upgrade(reporting_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        fold_batch(session, observations())
        session.commit()
    settings = ReportingSettings(database_url=url, grpc_address="127.0.0.1:0")
    bindings = reporting_bootstrap.grpc_bindings(settings, make_session_factory(engine))
    server = start_server("127.0.0.1:0", bindings, workers=2)
    yield f"127.0.0.1:{server.port}"
    server.stop(grace=0)
    engine.dispose()


@pytest.fixture
def app(app, reporting_address):
    """conftest's app, asking this module's reporting service."""
    settings = app.extensions[EXTENSION].settings.model_copy(
        update={"reporting_grpc_address": reporting_address}
    )
    with_reports = create_app(settings)
    with_reports.config["TESTING"] = True
    yield with_reports
    with_reports.extensions[EXTENSION].close()


def moved_on(page: str) -> dict[str, str]:
    rows = re.findall(
        r'<tr><td>([^<]+)</td><td>EUR</td>.*?<td class="num">([^<]+)</td></tr>', page, re.S
    )
    return {stage.strip(): figure.strip() for stage, figure in rows}


def test_the_funnel_says_moved_on_only_for_stages_deals_were_at(admin) -> None:
    page = admin.get("/ui/reports/funnel").get_data(as_text=True)
    figures = moved_on(page)

    assert figures["Qualification"] == "50%"  # a moved on, b did not
    assert figures["Needs analysis"] == "—"  # skipped by both: no figure, not "100 %"
    assert figures["Proposal / price quote"] == "0%"


def test_the_campaign_report_comes_a_page_at_a_time(admin) -> None:
    first = admin.get("/ui/reports/campaigns").get_data(as_text=True)
    assert "Campaign 00" in first and "Campaign 49" in first and "Campaign 50" not in first
    assert "60 in all" in first
    next_link = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")

    second = admin.get(next_link).get_data(as_text=True)
    assert "Campaign 50" in second and "Campaign 59" in second and "Campaign 49" not in second
    assert 'rel="next"' not in second
