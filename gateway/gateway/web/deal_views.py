"""Deal pages: the list, the kanban board by stage, a move without script, detail with history.

The board's script moves a card through POST /api/v1/deals/{id}:move with the session cookie
and the CSRF header; the form here is the same move for keyboards and browsers without script.
"""

from __future__ import annotations

import grpc
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.sales.v1 import sales_pb2 as pb
from gateway.adapters.sales_rpc import as_data
from gateway.entrypoints.sales_calls import list_reply, sales
from gateway.entrypoints.schemas.deals import DealHistoryOut, DealOut
from gateway.web.calls import dictionary, notes, stages
from gateway.web.labels import DEAL_STAGES
from gateway.web.session import page

READERS = ("admin", "manager", "sales")
PAGE_SIZE = 20
BOARD_SIZE = 200  # the most one list call returns


def list_deals(**filters) -> dict:
    listing = list_reply(sales("ListDeals", pb.ListDealsRequest(**filters)))
    listing["items"] = [DealOut.model_validate(item) for item in listing["items"]]
    return listing


def add_deal_routes(bp: Blueprint) -> None:
    @bp.get("/deals")
    @page(*READERS)
    def deals():
        q, stage = request.args.get("q", "").strip(), request.args.get("stage", "")
        listing = list_deals(
            q=q, stage=stage, page_size=PAGE_SIZE, page_token=request.args.get("page_token", "")
        )
        return render_template(
            "deals/list.html", listing=listing, q=q, stage=stage, stages=DEAL_STAGES
        )

    @bp.get("/deals/board")
    @page(*READERS)
    def board():
        columns = stages(dictionary())
        listing = list_deals(page_size=BOARD_SIZE)
        cards = {column["code"]: [] for column in columns}
        for deal in listing["items"]:
            cards.setdefault(deal.stage, []).append(deal)
        return render_template(
            "deals/board.html",
            columns=columns,
            cards=cards,
            total=listing["total"],
            shown=len(listing["items"]),
            refused=request.args.get("refused", ""),
        )

    @bp.post("/deals/<deal_id>/move")
    @page(*READERS)
    def move_deal(deal_id: str):
        """The board's move for keyboards and browsers without script."""
        try:
            sales("MoveDeal", pb.MoveDealRequest(id=deal_id, stage=request.form.get("stage", "")))
        except grpc.RpcError as error:
            refusals = (grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.INVALID_ARGUMENT)
            if isinstance(error, grpc.Call) and error.code() in refusals:
                closed = error.code() == grpc.StatusCode.FAILED_PRECONDITION
                why = _("A closed deal cannot move.") if closed else error.details()
                return redirect(url_for("web.board", refused=why or "refused"))
            raise
        return redirect(url_for("web.board", _anchor=f"deal-{deal_id}"))

    @bp.get("/deals/<deal_id>")
    @page(*READERS)
    def deal(deal_id: str):
        deal = DealOut.model_validate(as_data(sales("GetDeal", pb.GetRequest(id=deal_id))))
        history = DealHistoryOut.model_validate(
            as_data(sales("ListDealHistory", pb.GetRequest(id=deal_id)))
        )
        return render_template(
            "deals/detail.html", deal=deal, history=history.items, notes=notes("deal", deal_id)
        )
