"""Deals: /api/v1/deals, their moves and history, served by the sales service."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from gateway.entrypoints.openapi import BEARER, REFUSALS
from gateway.entrypoints.security import login_required
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


def deals_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("deals", __name__, url_prefix="/api/v1")
    documented = {"tags": ["deals"], "security": BEARER}
    changed = Response(HTTP_200=DealOut, HTTP_400=Problem, HTTP_422=Problem, **REFUSALS)

    @bp.get("/deals")
    @login_required()
    @api.validate(query=DealListQuery, resp=Response(HTTP_200=DealList, **REFUSALS), **documented)
    def list_deals(query: DealListQuery):
        """Deals you may see, newest first; filter by owner, customer or stage."""
        return clients().sales.list_deals(query)

    @bp.post("/deals")
    @login_required()
    @api.validate(
        json=DealCreate, resp=Response(HTTP_201=DealOut, HTTP_400=Problem, **REFUSALS), **documented
    )
    def create_deal(json: DealCreate):
        """Create a deal at an open stage (qualification by default); history starts there."""
        deal = clients().sales.create_deal(json.model_dump())
        return deal, 201, {"Location": url_for("deals.get_deal", deal_id=deal.id)}

    @bp.get("/deals/<deal_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=DealOut, **REFUSALS), **documented)
    def get_deal(deal_id: str):
        """One deal; `probability` follows its stage."""
        return clients().sales.get_deal(deal_id)

    @bp.patch("/deals/<deal_id>")
    @login_required()
    @api.validate(json=DealPatch, resp=changed, **documented)
    def update_deal(deal_id: str, json: DealPatch):
        """Change only the fields sent; a closed deal keeps its amount and stage (422)."""
        return clients().sales.update_deal(deal_id, json.model_dump(exclude_unset=True))

    @bp.delete("/deals/<deal_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", **REFUSALS), **documented)
    def delete_deal(deal_id: str):
        """Delete a deal with its history and notes."""
        clients().sales.delete_deal(deal_id)
        return "", 204

    @bp.post("/deals/<deal_id>:move")
    @login_required()
    @api.validate(json=MoveDeal, resp=changed, **documented)
    def move_deal(deal_id: str, json: MoveDeal):
        """Move to another stage and record it; a closed deal cannot move (422)."""
        return clients().sales.move_deal(deal_id, json.stage)

    @bp.get("/deals/<deal_id>/history")
    @login_required()
    @api.validate(resp=Response(HTTP_200=DealHistoryOut, **REFUSALS), **documented)
    def deal_history(deal_id: str):
        """Every stage the deal was at: stage, amount, expected close date, who and when."""
        return clients().sales.deal_history(deal_id)

    return bp
