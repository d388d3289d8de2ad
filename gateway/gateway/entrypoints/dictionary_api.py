"""The data dictionary: /api/v1/dictionary, read from the sales service."""

from __future__ import annotations

from flask import Blueprint
from spectree import Response, SpecTree

from crm_platform.request_context import current_correlation_id, current_identity
from gateway.adapters.sales_dictionary import fetch_dictionary
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.http.current import current_gateway
from gateway.models.common import Problem
from gateway.models.dictionary import DictionaryOut


def dictionary_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("dictionary", __name__, url_prefix="/api/v1")

    @bp.get("/dictionary")
    @login_required()
    @api.validate(
        resp=Response(HTTP_200=DictionaryOut, HTTP_401=Problem, HTTP_503=Problem),
        tags=["dictionary"],
        security=BEARER,
    )
    def dictionary():
        """Value lists: deal stages with probabilities, lead sources and states, and more."""
        gateway = current_gateway()
        data = fetch_dictionary(
            gateway.channels.sales,
            current_identity(),
            current_correlation_id(),
            gateway.settings.grpc_deadline_seconds,
        )
        return DictionaryOut.model_validate(data)

    return bp
