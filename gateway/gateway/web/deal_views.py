"""Deal pages: the list, the kanban board by stage, a move without script, detail with history
and notes, and the new, edit and delete pages (deal_forms.py builds the forms).

The board's script moves a card through POST /api/v1/deals/{id}:move with the session cookie
and the CSRF header; the form here is the same move for keyboards and browsers without script.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm_platform.errors import FailedPrecondition, InvalidArgument
from gateway.http.current import clients
from gateway.models.deals import DealListQuery
from gateway.web.calls import dictionary, notes, stages
from gateway.web.deal_forms import add_deal_form_routes
from gateway.web.forms import form_context
from gateway.web.labels import stage_names
from gateway.web.session import page

READERS = ("admin", "manager", "sales")
PAGE_SIZE = 20
BOARD_SIZE = 200  # the most one list call returns


def add_deal_routes(bp: Blueprint) -> None:
    @bp.get("/deals")
    @page(*READERS)
    def deals():
        q, stage = request.args.get("q", "").strip(), request.args.get("stage", "")
        query = DealListQuery(
            q=q, stage=stage, page_size=PAGE_SIZE, page_token=request.args.get("page_token")
        )
        listing = clients().sales.deals.list(query)
        return render_template(
            "deals/list.html", listing=listing, q=q, stage=stage, stages=stage_names()
        )

    @bp.get("/deals/board")
    @page(*READERS)
    def board():
        columns = stages(dictionary())
        listing = clients().sales.deals.list(DealListQuery(page_size=BOARD_SIZE))
        cards = {column["code"]: [] for column in columns}
        for deal in listing.items:
            cards.setdefault(deal.stage, []).append(deal)
        return render_template(
            "deals/board.html",
            columns=columns,
            cards=cards,
            total=listing.total,
            shown=len(listing.items),
            refused=request.args.get("refused", ""),
        )

    @bp.post("/deals/<deal_id>/move")
    @page(*READERS)
    def move_deal(deal_id: str):
        """The board's move for keyboards and browsers without script."""
        try:
            clients().sales.move_deal(deal_id, request.form.get("stage", ""))
        except FailedPrecondition:
            return redirect(url_for("web.board", refused=_("A closed deal cannot move.")))
        except InvalidArgument as refused:
            return redirect(url_for("web.board", refused=refused.message or "refused"))
        return redirect(url_for("web.board", _anchor=f"deal-{deal_id}"))

    @bp.get("/deals/<deal_id>")
    @page(*READERS)
    def deal(deal_id: str):
        return deal_page(deal_id, {}, {})

    add_deal_form_routes(bp, READERS)


def deal_page(deal_id: str, values: dict, errors: dict) -> str:
    """The deal's page; `errors` are those of a refused note form on it, beside what was typed."""
    sales = clients().sales
    deal = sales.deals.get(deal_id)
    return render_template(
        "deals/detail.html",
        deal=deal,
        history=sales.deal_history(deal_id).items,
        notes=notes("deal", deal_id),
        **form_context(values, errors),
    )
