"""Report queries and answers. Money is a decimal string with its currency beside it, one row
per currency where there are several; rates are fractions (0.25), null where nothing was
counted. `as_of` is the time of the newest event the report has applied."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gateway.models.common import AnyMoment

Table = tuple[list[str], list[list[object]]]


class ReportQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    format: Literal["json", "csv", "xlsx"] = Field("json", description="json, or a download")


class CampaignReportQuery(ReportQuery):
    """A page of the campaigns, by name (there may be hundreds of thousands). A download
    (`format=csv|xlsx`) holds every campaign: it ignores the page asked for."""

    page_size: int = Field(50, ge=1, le=200, description="Campaigns per page")
    page_token: str | None = Field(
        None, max_length=200, description="The previous page's next_page_token"
    )


class WindowQuery(ReportQuery):
    from_: AnyMoment | None = Field(
        None, alias="from", description="From this time (inclusive); UTC without an offset"
    )
    to: AnyMoment | None = Field(None, description="Up to this time (exclusive)")


class FunnelQuery(WindowQuery):
    """`from`/`to` filter on the deal's creation; a sales rep always gets their own deals."""

    owner_id: str | None = Field(None, max_length=64)


class SalesQuery(WindowQuery):
    """`from`/`to` filter on the deal's close."""

    period: Literal["day", "week", "month", "quarter", "year", "all"] = "month"
    group_by: Literal["owner", "none"] = "owner"
    owner_id: str | None = Field(None, max_length=64)


def _table(rows: list[BaseModel], model: type[BaseModel]) -> Table:
    header = list(model.model_fields)
    return header, [[getattr(row, name) for name in header] for row in rows]


class FunnelStageOut(BaseModel):
    stage: str
    currency: str
    count: int
    amount: str
    conversion_to_next: float | None = None


class FunnelReportOut(BaseModel):
    as_of: datetime | None = None
    stages: list[FunnelStageOut]

    def table(self) -> Table:
        return _table(self.stages, FunnelStageOut)


class SourceConversionOut(BaseModel):
    source: str
    created: int
    converted: int
    conversion_rate: float | None = None


class CampaignConversionOut(BaseModel):
    campaign_id: str
    name: str
    created: int
    converted: int
    conversion_rate: float | None = None


class LeadReportOut(BaseModel):
    as_of: datetime | None = None
    created: int
    converted: int
    conversion_rate: float | None = None
    by_source: list[SourceConversionOut]
    by_campaign: list[CampaignConversionOut]

    def table(self) -> Table:
        header = ["group", "key", "name", "created", "converted", "conversion_rate"]
        rows: list[list[object]] = [
            ["total", "", "", self.created, self.converted, self.conversion_rate]
        ]
        rows += [
            ["source", r.source, r.source, r.created, r.converted, r.conversion_rate]
            for r in self.by_source
        ]
        rows += [
            ["campaign", r.campaign_id, r.name, r.created, r.converted, r.conversion_rate]
            for r in self.by_campaign
        ]
        return header, rows


class CampaignReportRowOut(BaseModel):
    campaign_id: str
    name: str
    currency: str
    leads: int
    converted: int
    deals_won: int
    revenue: str
    cost: str | None = Field(None, description="Only on the row in the campaign's currency")
    roi: float | None = Field(None, description="(revenue - cost) / cost, one currency")
    deleted: bool


class CampaignReportOut(BaseModel):
    as_of: datetime | None = None
    campaigns: list[CampaignReportRowOut] = Field(description="A row per campaign and currency")
    next_page_token: str | None = Field(None, description="Null on the last page")
    total: int = Field(0, description="Campaigns in all")

    def table(self) -> Table:
        return _table(self.campaigns, CampaignReportRowOut)


class SalesRowOut(BaseModel):
    period: str
    owner_id: str | None = None
    currency: str
    won_amount: str
    won: int
    lost: int
    win_rate: float | None = None
    average_cycle_days: float | None = None


class SalesReportOut(BaseModel):
    as_of: datetime | None = None
    period: str
    group_by: str
    rows: list[SalesRowOut]

    def table(self) -> Table:
        return _table(self.rows, SalesRowOut)


class ServiceReportOut(BaseModel):
    as_of: datetime | None = None
    tickets_opened: int
    tickets_resolved: int
    sla_breaches: int
    mean_time_to_resolve_hours: float | None = None
    surveys_answered: int
    average_satisfaction: float | None = None
    follow_ups_due: int
    follow_ups_done: int
    follow_ups_overdue: int

    def table(self) -> Table:
        figures = self.model_dump(exclude={"as_of"})
        return ["kpi", "value"], [[name, value] for name, value in figures.items()]


class TopicProgressOut(BaseModel):
    topic: str
    events_applied: int
    last_occurred_at: datetime | None = None
    lag: int = Field(description="Events on the topic not yet applied; -1 when unknown")


class ReportingStatusOut(BaseModel):
    """How far the reports are: `ready` while the consumer's lag is within its limit."""

    as_of: datetime | None = None
    topics: list[TopicProgressOut]
    ready: bool
