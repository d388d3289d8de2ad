"""Deal pages: the list, the kanban board by stage, a move without script, detail with history
and notes, and the new, edit and delete pages (deal_forms.py builds the forms).

The board's script moves a card through POST /api/v1/deals/{id}:move with the session cookie
and the CSRF header; the form here is the same move for keyboards and browsers without script.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from crm_platform.errors import FailedPrecondition, InvalidArgument
from gateway.http.current import clients
from gateway.models.deals import DealListQuery
from gateway.web.calls import dictionary, notes, stages
from gateway.web.deal_forms import add_deal_form_routes
from gateway.web.forms import form_context
from gateway.web.labels import LEAD_SOURCES, stage_names
from gateway.web.lists import Bulk, Column, Filter, ListSpec, owner_choices, register, render_list
from gateway.web.session import page

READERS = ("admin", "manager", "sales")
BOARD_SIZE = 200  # the most one list call returns


def add_deal_routes(bp: Blueprint) -> None:
    @bp.get("/deals")
    @page(*READERS)
    def deals():
        return render_list(LIST, "deals/list.html")

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


LIST = register(
    ListSpec(
        kind="deals",
        endpoint="web.deals",
        title=_l("Deals"),
        row="deal-id",
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("stage", _l("Stage")),
            Column("probability", _l("Probability"), num=True),
            Column("amount", _l("Amount"), sort="amount", num=True),
            Column("expected_close_date", _l("Expected close"), sort="expected_close"),
            Column("owner_id", _l("Owner")),
            Column("created_at", _l("Created"), sort="created_at"),
        ),
        filters=(
            Filter("q", _l("Search"), "search"),
            Filter("owner_id", _l("Owner"), options=owner_choices),
            Filter("stage", _l("Stage"), options=stage_names),
            Filter("source", _l("Source"), options=lambda: LEAD_SOURCES),
            Filter("amount_min", _l("Amount from"), "number"),
            Filter("amount_max", _l("Amount to"), "number"),
            Filter("expected_close_from", _l("Expected close from"), "date"),
            Filter("expected_close_to", _l("Expected close to"), "date"),
            Filter("created_from", _l("Created from"), "date"),
            Filter("created_to", _l("Created to"), "date"),
        ),
        bulk=(
            Bulk("reassign", _l("Reassign to"), owner_choices),
            Bulk("stage", _l("Move to stage"), stage_names),
            Bulk("delete", _l("Delete")),
        ),
    )
)


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
