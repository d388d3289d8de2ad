"""Reports: /api/v1/reports/*, read from the reporting service (eventually consistent; each
answer says `as_of`). `?format=csv|xlsx` downloads the same report as a file.

Reports are for managers and admins; the funnel is also open to sales reps, whom the reporting
service restricts to their own deals."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, request
from pydantic import BaseModel, ValidationError
from spectree import Response as Responses
from spectree import SpecTree

from crm_platform.errors import FieldViolation
from gateway.adapters.reporting_downloads import MEDIA_TYPES, render
from gateway.clients.reporting import ReportingClient
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.errors import RequestInvalid
from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.reports import (
    CampaignReportOut,
    CampaignReportQuery,
    FunnelQuery,
    FunnelReportOut,
    LeadReportOut,
    ReportQuery,
    SalesQuery,
    SalesReportOut,
    ServiceReportOut,
    WindowQuery,
)

READERS = ("admin", "manager")
REFUSALS = dict(HTTP_400=Problem, HTTP_401=Problem, HTTP_403=Problem, HTTP_503=Problem)
# A report's client method, called with the app's reporting client and the validated query.
Build = Callable[[ReportingClient, Any], Any]
# A download holds the whole report where the JSON answer is one page: every page, gathered
# (a few hundred calls of 200 campaigns at the most; the rows are held until written).
DOWNLOADS: dict[str, Build] = {"campaigns": ReportingClient.every_campaign}


def downloadable(name: str, query_model: type[ReportQuery], build: Build) -> Callable:
    """`?format=csv|xlsx` answers a file here, before spectree, which only knows JSON bodies;
    the query is validated by the same model."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def maybe_download(*args: Any, **kwargs: Any) -> Any:
            fmt = request.args.get("format", "json")
            if fmt not in MEDIA_TYPES:
                return view(*args, **kwargs)
            whole = DOWNLOADS.get(name, build)
            report = whole(clients().reporting, _parse(query_model))
            header, rows = report.table()
            stamp = report.as_of.strftime("%Y%m%dT%H%M%SZ") if report.as_of else "empty"
            as_of = report.as_of.isoformat() if report.as_of else ""
            return Response(
                render(fmt, name, header, rows),
                mimetype=MEDIA_TYPES[fmt],
                headers={
                    "Content-Disposition": f'attachment; filename="{name}-{stamp}.{fmt}"',
                    "X-Report-As-Of": as_of,
                },
            )

        return maybe_download

    return decorate


def _parse(model: type[BaseModel]) -> Any:
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise RequestInvalid(
            [
                FieldViolation(".".join(str(p) for p in e["loc"]), e["msg"])
                for e in error.errors(include_url=False)
            ]
        ) from error


# path and name, query model, answer model, how to build it, who may read it, its summary
ROUTES = (
    ("funnel", FunnelQuery, FunnelReportOut, ReportingClient.funnel, (*READERS, "sales"),
     "Deals by current stage and amount per currency, with conversion to the next stage from "
     "stage history. A sales rep sees their own deals only."),
    ("leads", WindowQuery, LeadReportOut, ReportingClient.leads, READERS,
     "Leads created in the window and how many are converted, by source and by campaign."),
    ("campaigns", CampaignReportQuery, CampaignReportOut, ReportingClient.campaigns, READERS,
     "Per campaign and currency: leads, converted, deals won, revenue, cost and ROI; a page "
     "of campaigns by name (a download holds them all)."),
    ("sales", SalesQuery, SalesReportOut, ReportingClient.sales, READERS,
     "Deals closed per period and owner, per currency: won amount, won, lost, win rate."),
    ("service", WindowQuery, ServiceReportOut, ReportingClient.service, READERS,
     "Tickets opened and resolved, SLA breaches, time to resolve, satisfaction, follow-ups."),
)  # fmt: skip


def reports_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("reports", __name__, url_prefix="/api/v1")
    for name, query_model, out, build, roles, summary in ROUTES:
        view = _view(build, query_model, summary)
        validated = api.validate(
            query=query_model,
            resp=Responses(HTTP_200=out, **REFUSALS),
            tags=["reports"],
            security=BEARER,
        )(view)
        guarded = login_required(*roles)(downloadable(name, query_model, build)(validated))
        bp.add_url_rule(f"/reports/{name}", name, guarded, methods=["GET"])
    return bp


def _view(build: Build, query_model: type[ReportQuery], summary: str) -> Callable:
    def view(query):
        return build(clients().reporting, query)

    # spectree hands the validated query to the parameter annotated with its model.
    view.__annotations__ = {"query": query_model}
    view.__doc__ = summary
    view.__name__ = f"report_{build.__name__}"
    return view
