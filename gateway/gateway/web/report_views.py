"""Report pages: the sales funnel as a chart, campaign ROI, sales performance per owner and
period, and service KPIs; each says how fresh it is (`as_of`) and links its CSV and XLSX files.

They call the same reporting client as /api/v1/reports/*, validate the filters with the same
query models, and the download links are those REST routes (the session cookie is accepted
there for a GET).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from pydantic import ValidationError

from gateway.http.current import clients, current_gateway
from gateway.models.reports import (
    FunnelQuery,
    ReportQuery,
    SalesQuery,
    WindowQuery,
)
from gateway.service.users import list_users
from gateway.web.forms import FORM_ERROR
from gateway.web.labels import label
from gateway.web.session import page

MANAGERS = ("admin", "manager")
# Each report page: its key (also its REST route's name), title, and who may read it.
REPORTS = (
    ("funnel", _l("Sales funnel"), (*MANAGERS, "sales")),
    ("campaigns", _l("Campaign ROI"), MANAGERS),
    ("sales", _l("Sales performance"), MANAGERS),
    ("service", _l("Service KPIs"), MANAGERS),
)
PERIODS = {
    "day": _l("Day"),
    "week": _l("Week"),
    "month": _l("Month"),
    "quarter": _l("Quarter"),
    "year": _l("Year"),
    "all": _l("All time"),
}
GROUPINGS = {"owner": _l("Per owner"), "none": _l("All owners together")}
DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
# The query models' messages, said for a person filling in the filter form.
ERROR_TEXT = {
    "datetime_from_date_parsing": _l("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": _l("Enter a date as YYYY-MM-DD."),
    "literal_error": _l("Choose one of the offered values."),
}
OWNER_LIST_SIZE = 500  # the sales report names the owners it shows; a CRM's staff fits


def add_report_routes(bp: Blueprint) -> None:
    @bp.get("/reports")
    @page(*MANAGERS, "sales")
    def reports():
        return funnel_page()

    @bp.get("/reports/funnel")
    @page(*MANAGERS, "sales")
    def report_funnel():
        return funnel_page()

    @bp.get("/reports/campaigns")
    @page(*MANAGERS)
    def report_campaigns():
        # A page of campaigns at a time: there may be hundreds of thousands.
        page = clients().reporting.campaign_page(page_token=request.args.get("page_token", ""))
        listing = {"next_page_token": page.next_page_token, "total": page.total}
        return report_page("campaigns", ReportQuery(), page.report, {}, {}, listing=listing)

    @bp.get("/reports/sales")
    @page(*MANAGERS)
    def report_sales():
        query, values, errors = parsed(SalesQuery, ("from", "to", "period", "group_by"))
        report = clients().reporting.sales(query) if query else None
        values.setdefault("period", "month")
        return report_page(
            "sales",
            query,
            report,
            values,
            errors,
            periods=PERIODS,
            groupings=GROUPINGS,
            owners=owner_names() if report else {},
        )

    @bp.get("/reports/service")
    @page(*MANAGERS)
    def report_service():
        query, values, errors = parsed(WindowQuery, ("from", "to"))
        report = clients().reporting.service(query) if query else None
        return report_page("service", query, report, values, errors)


def funnel_page():
    query, values, errors = parsed(FunnelQuery, ("from", "to"))
    report = clients().reporting.funnel(query) if query else None
    chart = funnel_chart(report) if report else None
    return report_page("funnel", query, report, values, errors, chart=chart)


def parsed(model: type[ReportQuery], names: tuple[str, ...]) -> tuple[Any, dict, dict]:
    """The filters as typed, validated by the REST route's own query model: (query or None,
    values, errors by field). A `to` from a date field means "to the end of that day"."""
    values = {name: request.args.get(name, "").strip() for name in names}
    try:
        query = model.model_validate({name: value for name, value in values.items() if value})
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        for problem in error.errors(include_url=False):
            field = str(problem["loc"][0]) if problem["loc"] else FORM_ERROR
            errors.setdefault(field, []).append(ERROR_TEXT.get(problem["type"], problem["msg"]))
        return None, values, errors
    if getattr(query, "to", None) is not None and DATE_ONLY.fullmatch(values.get("to", "")):
        query.to += timedelta(days=1)
    return query, values, {}


def report_page(
    name: str, query: ReportQuery | None, report: Any, values: dict, errors: dict, **context: Any
) -> tuple[str, int]:
    body = render_template(
        f"reports/{name}.html",
        report=report,
        report_name=name,
        tabs=[(key, title) for key, title, roles in REPORTS if g.account.roles & set(roles)],
        downloads=download_links(name, query) if report is not None else {},
        values=values,
        errors=errors,
        **context,
    )
    return body, 400 if errors else 200


def download_links(name: str, query: ReportQuery | None) -> dict[str, str]:
    """The REST route of the report shown, with the very filters the page used."""
    filters = {}
    if query is not None:
        filters = query.model_dump(by_alias=True, exclude={"format"}, exclude_none=True)
        filters = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in filters.items()}
    return {fmt: url_for(f"reports.{name}", format=fmt, **filters) for fmt in ("csv", "xlsx")}


def funnel_chart(report: Any) -> dict[str, Any]:
    """What the chart draws: deals per stage in pipeline order (summed over currencies), and
    each stage's amounts per currency for its tooltip."""
    counts: dict[str, int] = {}
    amounts: dict[str, list[list[str]]] = {}
    for row in report.stages:
        counts[row.stage] = counts.get(row.stage, 0) + row.count
        amounts.setdefault(row.stage, []).append([row.amount, row.currency])
    return {
        "stages": list(counts),
        "labels": [label(stage, "stage") for stage in counts],
        "counts": list(counts.values()),
        "amounts": [amounts[stage] for stage in counts],
        "title": str(_l("Deals")),
    }


def owner_names() -> dict[str, str]:
    accounts, _total = list_users(current_gateway().deps, offset=0, limit=OWNER_LIST_SIZE, q=None)
    return {account.id: account.display_name or account.username for account in accounts}
