"""The reporting service's reports: funnel, leads, campaigns, sales, service, status.

Unset optional figures (no rate where nothing was counted) are left out of the data, so the
models show them as null."""

from __future__ import annotations

from datetime import UTC
from typing import Any, NamedTuple

import grpc
from google.protobuf.message import Message

from crm.reporting.v1 import reporting_pb2 as pb
from crm.reporting.v1 import reporting_pb2_grpc
from gateway.clients.messages import as_data, as_model
from gateway.clients.rpc import ServiceClient
from gateway.models.reports import (
    CampaignReportOut,
    CampaignReportQuery,
    FunnelQuery,
    FunnelReportOut,
    LeadReportOut,
    ReportingStatusOut,
    ReportQuery,
    SalesQuery,
    SalesReportOut,
    ServiceReportOut,
    WindowQuery,
)

# The service's largest page: the fewest calls when every campaign is asked for.
CAMPAIGNS_GATHERED = 200


class CampaignPage(NamedTuple):
    report: CampaignReportOut
    next_page_token: str  # empty on the last page
    total: int  # campaigns in all


def _window(request: Message, query: WindowQuery) -> Message:
    """The request's [from_time, to_time); a time without offset is taken as UTC."""
    for field, moment in (("from_time", query.from_), ("to_time", query.to)):
        if moment is not None:
            aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            getattr(request, field).FromDatetime(aware)
    return request


def _keyed(rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """Conversion rows name their group `key`; the API names it for what it is."""
    return [{name: row["key"], **row} for row in rows]


class ReportingClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = reporting_pb2_grpc.ReportingServiceStub(channel)

    def funnel(self, query: FunnelQuery) -> FunnelReportOut:
        """A sales rep gets their own deals whatever `owner_id` says (the service decides)."""
        request = _window(pb.FunnelRequest(owner_id=query.owner_id or ""), query)
        return as_model(FunnelReportOut, self._call(self._stub.GetFunnel, request))

    def leads(self, query: WindowQuery) -> LeadReportOut:
        data = as_data(self._call(self._stub.GetLeadReport, _window(pb.LeadReportRequest(), query)))
        data["by_source"] = _keyed(data.get("by_source", []), "source")
        data["by_campaign"] = _keyed(data.get("by_campaign", []), "campaign_id")
        return LeadReportOut.model_validate(data)

    def campaigns(self, query: ReportQuery) -> CampaignReportOut:
        """One page of campaigns (a row per campaign and currency), by name: the first, of
        the default size, for a query that names no page."""
        page = query if isinstance(query, CampaignReportQuery) else CampaignReportQuery()
        return self._campaigns(page.page_size, page.page_token or "")

    def campaign_page(self, page_size: int = 0, page_token: str = "") -> CampaignPage:
        """One page, for the web page (0: the service's page size)."""
        report = self._campaigns(page_size, page_token)
        return CampaignPage(report, report.next_page_token or "", report.total)

    def every_campaign(self, query: ReportQuery) -> CampaignReportOut:
        """Every page, gathered (a download holds all campaigns), each call bounded by the
        service's largest page."""
        page = self._campaigns(CAMPAIGNS_GATHERED, "")
        rows = list(page.campaigns)
        while page.next_page_token:
            page = self._campaigns(CAMPAIGNS_GATHERED, page.next_page_token)
            rows += page.campaigns
        return page.model_copy(update={"campaigns": rows, "next_page_token": None})

    def _campaigns(self, page_size: int, page_token: str) -> CampaignReportOut:
        request = pb.CampaignReportRequest(page_size=page_size, page_token=page_token)
        data = as_data(self._call(self._stub.GetCampaignReport, request))
        return CampaignReportOut.model_validate(
            {**data, "next_page_token": data.get("next_page_token") or None}
        )

    def sales(self, query: SalesQuery) -> SalesReportOut:
        request = pb.SalesReportRequest(
            period=query.period, group_by=query.group_by, owner_id=query.owner_id or ""
        )
        data = as_data(self._call(self._stub.GetSalesReport, _window(request, query)))
        rows = [{**row, "owner_id": row.get("owner_id") or None} for row in data.get("rows", [])]
        return SalesReportOut.model_validate(
            {**data, "rows": rows, "period": query.period, "group_by": query.group_by}
        )

    def service(self, query: WindowQuery) -> ServiceReportOut:
        request = _window(pb.ServiceReportRequest(), query)
        return as_model(ServiceReportOut, self._call(self._stub.GetServiceReport, request))

    def status(self) -> ReportingStatusOut:
        """How far the read models are: events applied and lag per topic, the newest event."""
        reply = self._call(self._stub.GetStatus, pb.GetStatusRequest())
        return as_model(ReportingStatusOut, reply)
