"""Deals: /api/v1/deals, their moves and history, served by the sales service."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.entrypoints.record_routes import RecordApi, add_record_routes
from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.deals import (
    DealCreate,
    DealHistoryOut,
    DealList,
    DealListQuery,
    DealOut,
    DealPatch,
    MoveDeal,
)

DEALS = RecordApi(
    "deal",
    lambda: clients().sales.deals,
    DealOut,
    DealList,
    DealListQuery,
    DealCreate,
    DealPatch,
    notes={
        "list": "; filter by owner, customer or stage",
        "create": " at an open stage (qualification by default); history starts there",
        "get": "; `probability` follows its stage",
        "update": "; a closed deal keeps its amount and stage (422)",
        "delete": " with its history and notes",
    },
    refusals={"update": (422,)},
)


def deals_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("deals", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "deals")
    add_record_routes(route, DEALS)

    @route("POST", "/deals/<deal_id>:move", json=MoveDeal, HTTP_200=DealOut, HTTP_400=Problem,
           HTTP_422=Problem)  # fmt: skip
    def move_deal(deal_id: str, json: MoveDeal):
        """Move to another stage and record it; a closed deal cannot move (422)."""
        return clients().sales.move_deal(deal_id, json.stage)

    @route("GET", "/deals/<deal_id>/history", HTTP_200=DealHistoryOut)
    def deal_history(deal_id: str):
        """Every stage the deal was at: stage, amount, expected close date, who and when."""
        return clients().sales.deal_history(deal_id)

    return bp
