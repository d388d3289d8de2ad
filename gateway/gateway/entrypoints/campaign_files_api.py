"""Campaign spreadsheets: /api/v1/campaigns:import and /api/v1/campaigns:export.

Both stream: the upload goes to marketing in chunks from werkzeug's spooled file, and the
workbook comes back to the client chunk by chunk, so neither is held whole by the gateway.
"""

from __future__ import annotations

from flask import Blueprint, request
from flask import Response as FlaskResponse
from spectree import Response, SpecTree

from crm.marketing.v1 import marketing_pb2 as pb
from crm_platform.errors import InvalidArgument
from gateway.adapters.marketing_rpc import import_data, upload_chunks
from gateway.entrypoints.campaigns_api import DOCUMENTED, REFUSALS, filter_message, marketing
from gateway.entrypoints.security import login_required
from gateway.http.current import current_gateway
from gateway.models.campaigns import (
    CampaignExportQuery,
    CampaignImportForm,
    CampaignImportReport,
)
from gateway.models.common import Problem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Reading or writing 100,000 rows takes far longer than an ordinary call's deadline.
FILE_DEADLINE_SECONDS = 600.0


def _deadline() -> float:
    return max(current_gateway().settings.grpc_deadline_seconds, FILE_DEADLINE_SECONDS)


def campaign_files_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("campaign_files", __name__, url_prefix="/api/v1")

    @bp.before_request
    def allow_a_larger_upload() -> None:
        # Before the form is read; past the limit, reading it raises 413.
        if request.endpoint == "campaign_files.import_campaigns":
            request.max_content_length = current_gateway().settings.max_import_bytes

    @bp.post("/campaigns:import")
    @login_required()
    @api.validate(
        form=CampaignImportForm,
        resp=Response(
            HTTP_200=CampaignImportReport, HTTP_400=Problem, HTTP_413=Problem, **REFUSALS
        ),
        **DOCUMENTED,
    )
    def import_campaigns():
        """Create campaigns from a .csv or .xlsx `file` (multipart); each bad row is reported
        with its row number and skipped, the good ones are kept. A body over
        GATEWAY_MAX_IMPORT_BYTES (100 MiB) is refused with 413."""
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise InvalidArgument.field("file", "send the spreadsheet as the multipart part `file`")
        chunks = upload_chunks(upload.filename, upload.stream)
        report = marketing("ImportCampaigns", chunks, timeout=_deadline())
        return CampaignImportReport.model_validate(import_data(report))

    @bp.get("/campaigns:export")
    @login_required()
    @api.validate(query=CampaignExportQuery, resp=Response("HTTP_200", **REFUSALS), **DOCUMENTED)
    def export_campaigns(query: CampaignExportQuery):
        """An .xlsx workbook of the campaigns given by `ids`, or else of all matching the
        list's filters."""
        ids = [part for value in query.ids for part in value.split(",") if part.strip()]
        chunks = marketing(
            "ExportCampaigns",
            pb.ExportCampaignsRequest(ids=ids, filter=filter_message(query)),
            timeout=_deadline(),
        )
        # The first chunk is awaited here, so that a refusal still becomes a problem response
        # rather than a broken download.
        first = next(chunks, None)

        def body():
            if first is not None:
                yield first.data
            for chunk in chunks:
                yield chunk.data

        return FlaskResponse(
            body(),
            mimetype=XLSX,
            headers={"Content-Disposition": 'attachment; filename="campaigns.xlsx"'},
        )

    return bp
