"""Campaign spreadsheets: /api/v1/campaigns:import and /api/v1/campaigns:export.

Both stream: the upload goes to marketing in chunks from werkzeug's spooled file, and the
workbook comes back to the client chunk by chunk, so neither is held whole by the gateway.
"""

from __future__ import annotations

from flask import Blueprint, request
from flask import Response as FlaskResponse
from spectree import Response, SpecTree

from crm_platform.errors import InvalidArgument
from gateway.entrypoints.documented_route import route_maker
from gateway.entrypoints.openapi import BEARER, REFUSALS
from gateway.entrypoints.security import login_required
from gateway.http.current import clients, current_gateway
from gateway.models.campaigns import (
    CampaignExportQuery,
    CampaignImportForm,
    CampaignImportReport,
)
from gateway.models.common import Problem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def campaign_files_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("campaign_files", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "campaigns")

    @bp.before_request
    def allow_a_larger_upload() -> None:
        # Before the form is read; past the limit, reading it raises 413.
        if request.endpoint == "campaign_files.import_campaigns":
            request.max_content_length = current_gateway().settings.max_import_bytes

    # A form, which documented_route does not take: spelled out.
    @bp.post("/campaigns:import")
    @login_required()
    @api.validate(
        form=CampaignImportForm,
        resp=Response(
            HTTP_200=CampaignImportReport, HTTP_400=Problem, HTTP_413=Problem, **REFUSALS
        ),
        tags=["campaigns"],
        security=BEARER,
    )
    def import_campaigns():
        """Create campaigns from a .csv or .xlsx `file` (multipart); each bad row is reported
        with its row number and skipped, the good ones are kept. A body over
        GATEWAY_MAX_IMPORT_BYTES (100 MiB) is refused with 413."""
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise InvalidArgument.field("file", "send the spreadsheet as the multipart part `file`")
        return clients().marketing.import_campaigns(upload.filename, upload.stream)

    @route("GET", "/campaigns:export", query=CampaignExportQuery, HTTP_200=None)
    def export_campaigns(query: CampaignExportQuery):
        """An .xlsx workbook of the campaigns given by `ids`, or else of all matching the
        list's filters, streamed as marketing writes it. At most 20,000 campaigns at once: a
        filter matching more is refused (400 on `filter`, saying how many it matched)."""
        ids = [part for value in query.ids for part in value.split(",") if part.strip()]
        return FlaskResponse(
            clients().marketing.export_campaigns(ids, query),
            mimetype=XLSX,
            headers={"Content-Disposition": 'attachment; filename="campaigns.xlsx"'},
        )

    return bp
