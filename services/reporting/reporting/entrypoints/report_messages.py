"""Reports (domain) into crm.reporting.v1 messages, and request windows out of them."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.message import Message

from crm.reporting.v1 import reporting_pb2 as pb
from reporting.domain.money import fmt
from reporting.domain.reports.funnel import FunnelRow
from reporting.domain.reports.lead_conversion import ConversionRow, LeadReport
from reporting.domain.reports.sales_performance import SalesRow
from reporting.domain.reports.service_kpis import ServiceKpis
from reporting.domain.window import Window
from reporting.service.reports import Answer, CampaignPage


def window_of(request: Message) -> Window:
    def moment(name: str) -> datetime | None:
        return getattr(request, name).ToDatetime(tzinfo=UTC) if request.HasField(name) else None

    return Window(moment("from_time"), moment("to_time"))


def _stamped(message: Message, answer: Answer) -> Message:
    if answer.as_of is not None:
        message.as_of.FromDatetime(answer.as_of)
    return message


def _optional(**values: object) -> dict[str, object]:
    """proto3 `optional` fields: None stays unset."""
    return {name: value for name, value in values.items() if value is not None}


def funnel_message(answer: Answer[list[FunnelRow]]) -> pb.FunnelReport:
    stages = [
        pb.FunnelStage(
            stage=r.stage, currency=r.currency, count=r.count, amount=fmt(r.amount),
            **_optional(conversion_to_next=r.conversion_to_next),
        )
        for r in answer.report
    ]  # fmt: skip
    return _stamped(pb.FunnelReport(stages=stages), answer)


def _conversion(row: ConversionRow) -> pb.ConversionRow:
    return pb.ConversionRow(
        key=row.key, name=row.name, created=row.created, converted=row.converted,
        **_optional(conversion_rate=row.conversion_rate),
    )  # fmt: skip


def lead_message(answer: Answer[LeadReport]) -> pb.LeadReport:
    report = answer.report
    message = pb.LeadReport(
        created=report.total.created,
        converted=report.total.converted,
        by_source=[_conversion(r) for r in report.by_source],
        by_campaign=[_conversion(r) for r in report.by_campaign],
        **_optional(conversion_rate=report.total.conversion_rate),
    )
    return _stamped(message, answer)


def campaign_message(answer: Answer[CampaignPage]) -> pb.CampaignReport:
    rows = [
        pb.CampaignRow(
            campaign_id=r.campaign_id, name=r.name, currency=r.currency, leads=r.leads,
            converted=r.converted, deals_won=r.deals_won, revenue=fmt(r.revenue),
            deleted=r.deleted,
            **_optional(cost=None if r.cost is None else fmt(r.cost), roi=r.roi),
        )
        for r in answer.report.rows
    ]  # fmt: skip
    page = answer.report
    message = pb.CampaignReport(
        campaigns=rows, next_page_token=page.next_page_token or "", total=page.total
    )
    return _stamped(message, answer)


def sales_message(answer: Answer[list[SalesRow]]) -> pb.SalesReport:
    rows = [
        pb.SalesRow(
            period=r.period, owner_id=r.owner_id, currency=r.currency,
            won_amount=fmt(r.won_amount), won=r.won, lost=r.lost,
            **_optional(win_rate=r.win_rate, average_cycle_days=r.average_cycle_days),
        )
        for r in answer.report
    ]  # fmt: skip
    return _stamped(pb.SalesReport(rows=rows), answer)


def service_message(answer: Answer[ServiceKpis]) -> pb.ServiceReport:
    k = answer.report
    message = pb.ServiceReport(
        tickets_opened=k.tickets_opened, tickets_resolved=k.tickets_resolved,
        sla_breaches=k.sla_breaches, surveys_answered=k.surveys_answered,
        follow_ups_due=k.follow_ups_due, follow_ups_done=k.follow_ups_done,
        follow_ups_overdue=k.follow_ups_overdue,
        **_optional(
            mean_time_to_resolve_hours=k.mean_time_to_resolve_hours,
            average_satisfaction=k.average_satisfaction,
        ),
    )  # fmt: skip
    return _stamped(message, answer)
