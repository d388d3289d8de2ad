"""Deals: /api/v1/deals, their moves and history, served by the sales service."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from crm.sales.v1 import sales_pb2 as pb
from gateway.adapters.sales_rpc import as_data, input_message
from gateway.entrypoints.leads_api import REFUSALS
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.sales_calls import filters, list_reply, page_args, sales
from gateway.entrypoints.schemas.common import Problem
from gateway.entrypoints.schemas.deals import (
    DealCreate,
    DealHistoryOut,
    DealList,
    DealListQuery,
    DealOut,
    DealPatch,
    MoveDeal,
)
from gateway.entrypoints.security import login_required


def deals_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("deals", __name__, url_prefix="/api/v1")
    documented = {"tags": ["deals"], "security": BEARER}

    @bp.get("/deals")
    @login_required()
    @api.validate(query=DealListQuery, resp=Response(HTTP_200=DealList, **REFUSALS), **documented)
    def list_deals(query: DealListQuery):
        """Deals you may see, newest first; filter by owner, customer or stage."""
        request = pb.ListDealsRequest(
            q=query.q or "",
            **filters(query, "owner_id", "customer_id", "stage"),
            **page_args(query),
        )
        return DealList.model_validate(list_reply(sales("ListDeals", request)))

    @bp.post("/deals")
    @login_required()
    @api.validate(
        json=DealCreate,
        resp=Response(HTTP_201=DealOut, HTTP_400=Problem, **REFUSALS),
        **documented,
    )
    def create_deal(json: DealCreate):
        """Create a deal at an open stage (qualification by default); history starts there."""
        request = pb.CreateDealRequest(deal=input_message(pb.DealInput, json.model_dump()))
        deal = DealOut.model_validate(as_data(sales("CreateDeal", request)))
        return deal, 201, {"Location": url_for("deals.get_deal", deal_id=deal.id)}

    @bp.get("/deals/<deal_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=DealOut, **REFUSALS), **documented)
    def get_deal(deal_id: str):
        """One deal; `probability` follows its stage."""
        return DealOut.model_validate(as_data(sales("GetDeal", pb.GetRequest(id=deal_id))))

    @bp.patch("/deals/<deal_id>")
    @login_required()
    @api.validate(
        json=DealPatch,
        resp=Response(HTTP_200=DealOut, HTTP_400=Problem, HTTP_422=Problem, **REFUSALS),
        **documented,
    )
    def update_deal(deal_id: str, json: DealPatch):
        """Change only the fields sent; a closed deal keeps its amount and stage (422)."""
        changes = json.model_dump(exclude_unset=True)
        request = pb.UpdateDealRequest(
            id=deal_id, deal=input_message(pb.DealInput, changes), update_mask=list(changes)
        )
        return DealOut.model_validate(as_data(sales("UpdateDeal", request)))

    @bp.delete("/deals/<deal_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", **REFUSALS), **documented)
    def delete_deal(deal_id: str):
        """Delete a deal with its history and notes."""
        sales("DeleteDeal", pb.GetRequest(id=deal_id))
        return "", 204

    @bp.post("/deals/<deal_id>:move")
    @login_required()
    @api.validate(
        json=MoveDeal,
        resp=Response(HTTP_200=DealOut, HTTP_400=Problem, HTTP_422=Problem, **REFUSALS),
        **documented,
    )
    def move_deal(deal_id: str, json: MoveDeal):
        """Move to another stage and record it; a closed deal cannot move (422)."""
        reply = sales("MoveDeal", pb.MoveDealRequest(id=deal_id, stage=json.stage))
        return DealOut.model_validate(as_data(reply))

    @bp.get("/deals/<deal_id>/history")
    @login_required()
    @api.validate(resp=Response(HTTP_200=DealHistoryOut, **REFUSALS), **documented)
    def deal_history(deal_id: str):
        """Every stage the deal was at: stage, amount, expected close date, who and when."""
        reply = sales("ListDealHistory", pb.GetRequest(id=deal_id))
        return DealHistoryOut.model_validate(as_data(reply))

    return bp
