"""The campaign import page: a spreadsheet uploaded with a progress indicator, then how many
campaigns were created and a table of the rejected rows (row number and field errors).

The page's script sends the form with XMLHttpRequest (for its upload progress) to this same
route and puts the report it answers in place; without script the form posts and the whole
page comes back with the report. Either way the upload streams to marketing's ImportCampaigns,
the use case behind /api/v1/campaigns:import.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from gateway.http.current import clients, current_gateway
from gateway.web.forms import FormErrors, submit
from gateway.web.session import page

EDITORS = ("admin", "manager", "marketing")
FRAGMENT_HEADER = "X-Fragment"  # sent by the page's script: answer the report alone


def add_campaign_file_routes(bp: Blueprint) -> None:
    @bp.before_request
    def allow_a_larger_upload() -> None:
        # Before the page guard reads the form for its CSRF field; past the limit, 413.
        if request.endpoint == "web.import_campaigns" and request.method == "POST":
            request.max_content_length = current_gateway().settings.max_import_bytes

    @bp.route("/campaigns/import", methods=["GET", "POST"])
    @page(*EDITORS)
    def import_campaigns():
        if request.method == "GET":
            return render_template("campaigns/import.html", report=None, errors={})
        upload = request.files.get("file")
        report, errors = None, {}
        if upload is None or not upload.filename:
            errors = {"file": [_("Choose a .csv or .xlsx file.")]}
        else:
            marketing = clients().marketing
            try:
                report = submit(
                    lambda: marketing.import_campaigns(upload.filename, upload.stream), ("file",)
                )
            except FormErrors as refused:
                errors = refused.errors
        template = (
            "campaigns/import_report.html"
            if request.headers.get(FRAGMENT_HEADER) == "import-report"
            else "campaigns/import.html"
        )
        return render_template(template, report=report, errors=errors), 400 if errors else 200
