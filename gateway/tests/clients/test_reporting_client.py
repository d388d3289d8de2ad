"""ReportingClient against the real reporting service (its read models empty): each report
with its window, the status, and the refusals as the gateway's domain errors."""

from __future__ import annotations

from datetime import datetime

import pytest

from crm_platform.errors import InvalidArgument, PermissionDenied
from gateway.models.reports import FunnelQuery, ReportQuery, SalesQuery, WindowQuery


@pytest.fixture
def reporting(clients):
    return clients.reporting


@pytest.mark.usefixtures("admin")
def test_every_report_answers_in_its_model_before_any_event(reporting):
    # A naive time is taken as UTC, as the REST API documents.
    window = WindowQuery(**{"from": datetime(2026, 1, 1), "to": datetime(2026, 2, 1)})
    funnel = reporting.funnel(FunnelQuery(owner_id="owner-1"))
    assert funnel.as_of is None and funnel.stages == []
    leads = reporting.leads(window)
    assert (leads.created, leads.conversion_rate, leads.by_source) == (0, None, [])
    assert reporting.campaigns(ReportQuery()).campaigns == []
    sales = reporting.sales(SalesQuery(period="quarter", group_by="none"))
    assert (sales.period, sales.group_by, sales.rows) == ("quarter", "none", [])
    service = reporting.service(window)
    assert service.tickets_opened == 0 and service.average_satisfaction is None


@pytest.mark.usefixtures("admin")
def test_the_status_says_how_far_the_read_models_are(reporting):
    status = reporting.status()
    assert status.as_of is None and isinstance(status.ready, bool)
    assert all(topic.events_applied == 0 for topic in status.topics)


@pytest.mark.usefixtures("admin")
def test_a_period_the_service_does_not_know_is_a_field_violation(reporting):
    with pytest.raises(InvalidArgument):
        # Unchecked here on purpose: the service is the one that refuses it.
        reporting.sales(SalesQuery.model_construct(period="fortnight", group_by="owner"))


def test_a_sales_rep_may_not_read_the_campaign_report(reporting, as_user):
    with as_user("sales"), pytest.raises(PermissionDenied):
        reporting.campaigns(ReportQuery())
