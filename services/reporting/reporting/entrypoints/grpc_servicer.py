"""Reporting's gRPC API for enterprise systems: each RPC turns its request into a use-case call
and the report into its message; visibility is decided by the use cases."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from reporting.entrypoints import report_messages as m
from reporting.entrypoints.timeline_messages import timeline_message
from reporting.service import reports
from reporting.service.progress import Status, get_status
from reporting.service.timeline import get_customer_timeline

# Lag per topic as last measured (-1: unknown), and whether it is within the ready threshold.
LagReader = Callable[[], tuple[Mapping[str, int], bool]]


def _no_lag_known() -> tuple[Mapping[str, int], bool]:
    return {}, True


class ReportingServicer(reporting_pb2_grpc.ReportingServiceServicer):
    def __init__(self, new_uow: Callable[[], UnitOfWork], lag: LagReader = _no_lag_known):
        self._new_uow = new_uow
        self._lag = lag

    # gRPC's method names are CamelCase.
    def GetStatus(self, request, context):  # noqa: N802
        lags, ready = self._lag()
        return status_message(get_status(self._new_uow()), lags, ready)

    def GetFunnel(self, request, context):  # noqa: N802
        answer = reports.get_funnel(
            self._new_uow(), current_identity(), m.window_of(request), request.owner_id
        )
        return m.funnel_message(answer)

    def GetLeadReport(self, request, context):  # noqa: N802
        answer = reports.get_lead_report(
            self._new_uow(),
            current_identity(),
            m.window_of(request),
        )
        return m.lead_message(answer)

    def GetCampaignReport(self, request, context):  # noqa: N802
        answer = reports.get_campaign_report(
            self._new_uow(),
            current_identity(),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.campaign_message(answer)

    def GetSalesReport(self, request, context):  # noqa: N802
        answer = reports.get_sales_report(
            self._new_uow(),
            current_identity(),
            m.window_of(request),
            period=request.period or "month",
            group_by=request.group_by or "owner",
            owner_id=request.owner_id,
        )
        return m.sales_message(answer)

    def GetServiceReport(self, request, context):  # noqa: N802
        answer = reports.get_service_report(
            self._new_uow(), current_identity(), m.window_of(request)
        )
        return m.service_message(answer)

    def GetCustomerTimeline(self, request, context):  # noqa: N802
        answer = get_customer_timeline(
            self._new_uow(),
            current_identity(),
            request.customer_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return timeline_message(answer)


def status_message(
    status: Status, lags: Mapping[str, int], ready: bool = True
) -> reporting_pb2.Status:
    message = reporting_pb2.Status(ready=ready)
    if status.as_of is not None:
        message.as_of.FromDatetime(status.as_of)
    known = {p.topic: p for p in status.topics}
    for topic in sorted(set(known) | set(lags)):
        progress = known.get(topic)
        entry = message.topics.add(topic=topic, lag=lags.get(topic, -1))
        if progress is not None:
            entry.events_applied = progress.events_applied
            if progress.last_occurred_at is not None:
                entry.last_occurred_at.FromDatetime(progress.last_occurred_at)
    return message
