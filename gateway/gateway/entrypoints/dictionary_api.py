"""The data dictionary: /api/v1/dictionary, read from the sales service."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.dictionary import DictionaryOut


def dictionary_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("dictionary", __name__, url_prefix="/api/v1")

    @route_maker(bp, api, "dictionary")("GET", "/dictionary", HTTP_200=DictionaryOut)
    def dictionary():
        """Value lists: deal stages with probabilities, lead sources and states, and more."""
        return clients().sales.dictionary()

    return bp
